// TimelineWidget: the timeline on screen. Shows a TimelineModel through a TimelinePainter
// with a playhead (what is after it is not drawn, so scrubbing back shows the past),
// follow mode (F), zoom (Ctrl+wheel around the mouse, +/-, 0 fits), pan (drag, scroll bars),
// hover tooltips, task selection and collapsing of a task's children.
// GUI thread only. The model is not owned; call refresh() (or model->update() and then
// modelUpdated()) when the recorder has grown.
#pragma once

#include <ui/timeline_painter.hpp>

#include <QAbstractScrollArea>

#include <memory>

class TimelineWidget : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget* parent = nullptr);
    ~TimelineWidget() override;

    void setModel(TimelineModel* model);
    TimelineModel* model() const { return model_; }
    // Geometry in viewport coordinates (laneRect, xForTime, ...), for tests and exports.
    const TimelinePainter* timelinePainter() const { return painter_.get(); }

    void setTheme(const TimelineTheme& theme);
    const TimelineTheme& theme() const { return theme_; }

    // The playhead; -1 hides it and shows everything recorded.
    void setPlayhead(qint64 ns);
    qint64 playhead() const { return playhead_; }
    // Keep the playhead in view as it moves. Dragging or zooming by hand turns it off.
    void setFollow(bool on);
    bool follow() const { return follow_; }

    void setVisibleRange(qint64 from, qint64 to);
    qint64 visibleFrom() const;
    qint64 visibleTo() const;
    // Zooms by `factor` (> 1 zooms in) keeping the time under viewport x `anchorX` still.
    void zoomBy(double factor, qreal anchorX);
    void zoomIn();
    void zoomOut();
    void fitToRun();

    aio::ObjectId selectedTask() const { return selected_; }
    void setSelectedTask(aio::ObjectId id);
    void setCollapsed(aio::ObjectId task, bool collapsed);
    QString toolTipAt(const QPoint& viewportPos) const;

    QSize sizeHint() const override { return QSize(900, 420); }

public slots:
    // Reads new events from the recorder and repaints if there were any.
    void refresh();
    // The model was updated by its owner: relayout, rescale, follow.
    void modelUpdated();

signals:
    void taskSelected(quint32 taskId);
    void visibleRangeChanged(qint64 from, qint64 to);
    void followChanged(bool on);

protected:
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    bool viewportEvent(QEvent* e) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollBars();
    void applyFollow();
    void userMovedView();
    qint64 runStart() const;
    qint64 runEnd() const;
    qint64 horizontalUnit() const;

    TimelineModel* model_ = nullptr;
    std::unique_ptr<TimelinePainter> painter_;
    std::unique_ptr<TimelineModel> emptyModel_;
    std::unique_ptr<aio::Recorder> emptyRecorder_;
    TimelineTheme theme_ = TimelineTheme::light();
    qint64 playhead_ = -1;
    bool follow_ = true;
    bool autoFit_ = true;
    aio::ObjectId selected_ = 0;
    bool dragging_ = false;
    bool dragMoved_ = false;
    QPoint dragStart_;
    qint64 dragFrom_ = 0;
    qreal dragScroll_ = 0;
    bool updatingBars_ = false;
    qint64 hOrigin_ = 0;  // time at horizontal scroll bar value 0
};
