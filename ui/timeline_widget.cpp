#include <ui/timeline_widget.hpp>

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 kMinSpan = 1000;                       // 1 µs across the view at most zoom
constexpr qint64 kMaxSpan = qint64(1'000'000) * 1'000'000'000;  // a million seconds

}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent)
    : QAbstractScrollArea(parent),
      emptyRecorder_(std::make_unique<aio::Recorder>())
{
    emptyModel_ = std::make_unique<TimelineModel>(*emptyRecorder_);
    painter_ = std::make_unique<TimelinePainter>(*emptyModel_);
    painter_->setTimeRange(0, 10'000'000'000);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    horizontalScrollBar()->setSingleStep(10);
    horizontalScrollBar()->setPageStep(100);
}

TimelineWidget::~TimelineWidget() = default;

void TimelineWidget::setModel(TimelineModel* model)
{
    model_ = model;
    auto next = std::make_unique<TimelinePainter>(model ? *model : *emptyModel_);
    next->setTheme(theme_);
    next->setTimeRange(painter_->timeFrom(), painter_->timeTo());
    next->setSize(viewport()->size());
    painter_ = std::move(next);
    selected_ = 0;
    autoFit_ = true;
    modelUpdated();
}

void TimelineWidget::setTheme(const TimelineTheme& theme)
{
    theme_ = theme;
    painter_->setTheme(theme);
    viewport()->update();
}

void TimelineWidget::refresh()
{
    if (model_ && model_->update())
        modelUpdated();
}

void TimelineWidget::modelUpdated()
{
    painter_->setSize(viewport()->size());
    if (autoFit_ && !(follow_ && playhead_ >= 0))
        painter_->fitToRun();
    applyFollow();
    updateScrollBars();
    viewport()->update();
}

qint64 TimelineWidget::runStart() const
{
    return painter_->model().startTime();
}

qint64 TimelineWidget::runEnd() const
{
    return std::max(painter_->model().endTime(), runStart() + 1'000'000);
}

// ---------------------------------------------------------------- view range

qint64 TimelineWidget::visibleFrom() const
{
    return painter_->timeFrom();
}

qint64 TimelineWidget::visibleTo() const
{
    return painter_->timeTo();
}

void TimelineWidget::setVisibleRange(qint64 from, qint64 to)
{
    const qint64 span = std::clamp(to - from, kMinSpan, kMaxSpan);
    from = std::max(from, runStart() - span / 2);
    if (from == painter_->timeFrom() && from + span == painter_->timeTo())
        return;
    painter_->setTimeRange(from, from + span);
    updateScrollBars();
    viewport()->update();
    emit visibleRangeChanged(from, from + span);
}

void TimelineWidget::zoomBy(double factor, qreal anchorX)
{
    if (factor <= 0)
        return;
    const qint64 from = painter_->timeFrom();
    const qint64 span = painter_->timeTo() - from;
    const QRectF plot = painter_->plotRect();
    const double frac = std::clamp(double(anchorX - plot.left()) / double(plot.width()), 0.0, 1.0);
    const qint64 anchor = from + qint64(double(span) * frac);
    const qint64 newSpan = std::clamp(qint64(double(span) / factor), kMinSpan, kMaxSpan);
    const qint64 newFrom = anchor - qint64(double(newSpan) * frac);
    userMovedView();
    setVisibleRange(newFrom, newFrom + newSpan);
}

void TimelineWidget::zoomIn()
{
    const qreal x = playhead_ >= 0 && playhead_ >= visibleFrom() && playhead_ <= visibleTo() ? painter_->xForTime(playhead_)
                                                                                            : painter_->plotRect().center().x();
    zoomBy(1.5, x);
}

void TimelineWidget::zoomOut()
{
    const qreal x = playhead_ >= 0 && playhead_ >= visibleFrom() && playhead_ <= visibleTo() ? painter_->xForTime(playhead_)
                                                                                            : painter_->plotRect().center().x();
    zoomBy(1 / 1.5, x);
}

void TimelineWidget::fitToRun()
{
    autoFit_ = true;
    painter_->setSize(viewport()->size());
    painter_->fitToRun();
    updateScrollBars();
    viewport()->update();
    emit visibleRangeChanged(visibleFrom(), visibleTo());
}

void TimelineWidget::userMovedView()
{
    autoFit_ = false;
    if (follow_) {
        follow_ = false;
        emit followChanged(false);
    }
}

// ---------------------------------------------------------------- playhead

void TimelineWidget::setPlayhead(qint64 ns)
{
    if (ns == playhead_)
        return;
    playhead_ = ns;
    painter_->setPlayhead(ns);
    painter_->setCutoff(ns >= 0 ? ns : TimelinePainter::kNoCutoff);
    applyFollow();
    viewport()->update();
}

void TimelineWidget::setFollow(bool on)
{
    if (follow_ == on)
        return;
    follow_ = on;
    emit followChanged(on);
    applyFollow();
    viewport()->update();
}

void TimelineWidget::applyFollow()
{
    if (!follow_ || playhead_ < 0)
        return;
    const qint64 from = painter_->timeFrom();
    const qint64 span = painter_->timeTo() - from;
    // Keep the playhead between 5% and 90% of the view, scrolling as little as possible.
    if (playhead_ > from + span * 9 / 10)
        setVisibleRange(playhead_ - span * 9 / 10, playhead_ + span / 10);
    else if (playhead_ < from + span / 20)
        setVisibleRange(playhead_ - span / 20, playhead_ - span / 20 + span);
}

// ---------------------------------------------------------------- selection

void TimelineWidget::setSelectedTask(aio::ObjectId id)
{
    if (selected_ == id)
        return;
    selected_ = id;
    painter_->setSelectedTask(id);
    viewport()->update();
    emit taskSelected(id);
}

void TimelineWidget::setCollapsed(aio::ObjectId task, bool collapsed)
{
    painter_->setCollapsed(task, collapsed);
    updateScrollBars();
    viewport()->update();
}

QString TimelineWidget::toolTipAt(const QPoint& pos) const
{
    return painter_->toolTipAt(pos);
}

// ---------------------------------------------------------------- scroll bars

qint64 TimelineWidget::horizontalUnit() const
{
    // A scroll bar step is a hundredth of the view, coarser if the run is huge.
    const qint64 span = painter_->timeTo() - painter_->timeFrom();
    const qint64 total = std::max(runEnd(), painter_->timeTo()) - std::min(runStart(), painter_->timeFrom());
    return std::max<qint64>({span / 100, total / 1'000'000'000, 1});
}

void TimelineWidget::updateScrollBars()
{
    updatingBars_ = true;
    const qint64 unit = horizontalUnit();
    const qint64 lo = std::min(runStart(), painter_->timeFrom());
    const qint64 hi = std::max(runEnd(), painter_->timeTo());
    const qint64 span = painter_->timeTo() - painter_->timeFrom();
    QScrollBar* h = horizontalScrollBar();
    h->setRange(0, int(std::max<qint64>((hi - lo - span) / unit, 0)));
    h->setPageStep(int(std::max<qint64>(span / unit, 1)));
    h->setSingleStep(std::max(1, h->pageStep() / 10));
    h->setValue(int((painter_->timeFrom() - lo) / unit));
    hOrigin_ = lo;

    const qreal visible = std::max<qreal>(viewport()->height() - painter_->headerHeight(), 0);
    const qreal content = painter_->contentHeight();
    QScrollBar* v = verticalScrollBar();
    v->setRange(0, int(std::ceil(std::max<qreal>(content - visible, 0))));
    v->setPageStep(int(visible));
    v->setSingleStep(int(TimelinePainter::kTaskHeight));
    if (painter_->scrollY() > v->maximum())
        painter_->setScrollY(v->maximum());
    v->setValue(int(painter_->scrollY()));
    updatingBars_ = false;
}

void TimelineWidget::scrollContentsBy(int, int)
{
    if (updatingBars_)
        return;
    painter_->setScrollY(verticalScrollBar()->value());
    const qint64 unit = horizontalUnit();
    const qint64 lo = hOrigin_;
    const qint64 span = painter_->timeTo() - painter_->timeFrom();
    const qint64 from = lo + qint64(horizontalScrollBar()->value()) * unit;
    if (std::llabs(from - painter_->timeFrom()) >= unit) {
        userMovedView();
        painter_->setTimeRange(from, from + span);
        emit visibleRangeChanged(from, from + span);
    }
    viewport()->update();
}

// ---------------------------------------------------------------- events

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    painter_->setSize(viewport()->size());
    painter_->paint(p);
}

void TimelineWidget::resizeEvent(QResizeEvent* e)
{
    QAbstractScrollArea::resizeEvent(e);
    painter_->setSize(viewport()->size());
    if (autoFit_ && !(follow_ && playhead_ >= 0))
        painter_->fitToRun();
    updateScrollBars();
}

void TimelineWidget::wheelEvent(QWheelEvent* e)
{
    if (e->modifiers() & Qt::ControlModifier) {
        const double steps = e->angleDelta().y() / 120.0;
        if (steps != 0)
            zoomBy(std::pow(1.25, steps), e->position().x());
        e->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(e);
}

void TimelineWidget::mousePressEvent(QMouseEvent* e)
{
    if (e->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(e);
        return;
    }
    const TimelineHit hit = painter_->hitTest(e->position());
    if (hit.kind == TimelineHit::Kind::TaskToggle) {
        setCollapsed(hit.id, !painter_->isCollapsed(hit.id));
        e->accept();
        return;
    }
    if (hit.kind == TimelineHit::Kind::Task)
        setSelectedTask(hit.id);
    dragging_ = true;
    dragMoved_ = false;
    dragStart_ = e->position().toPoint();
    dragFrom_ = painter_->timeFrom();
    dragScroll_ = painter_->scrollY();
    e->accept();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e)
{
    if (!dragging_) {
        QAbstractScrollArea::mouseMoveEvent(e);
        return;
    }
    const QPoint d = e->position().toPoint() - dragStart_;
    if (!dragMoved_ && d.manhattanLength() < 4)
        return;
    if (!dragMoved_)
        viewport()->setCursor(Qt::ClosedHandCursor);
    dragMoved_ = true;
    const qint64 span = painter_->timeTo() - painter_->timeFrom();
    const qint64 dt = qint64(double(d.x()) * double(span) / double(painter_->plotRect().width()));
    userMovedView();
    setVisibleRange(dragFrom_ - dt, dragFrom_ - dt + span);
    const int v = std::clamp(int(dragScroll_ - d.y()), 0, verticalScrollBar()->maximum());
    painter_->setScrollY(v);
    updatingBars_ = true;
    verticalScrollBar()->setValue(v);
    updatingBars_ = false;
    viewport()->update();
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton) {
        if (dragging_ && dragMoved_)
            viewport()->unsetCursor();
        dragging_ = false;
        e->accept();
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(e);
}

void TimelineWidget::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToRun();
        return;
    case Qt::Key_F:
        setFollow(!follow_);
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Space:
        // Playback keys belong to the playback bar / window.
        e->ignore();
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(e);
}

bool TimelineWidget::viewportEvent(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = painter_->toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(e);
}
