// TimelinePainter: draws a TimelineModel onto any QPainter (widget, QImage, QSvgGenerator,
// QPdfWriter) for a time range and a size, and answers geometry questions (where is a
// task's lane, which x is a time, what is under a point) in the same coordinates.
// Layout, top to bottom: time axis and loop lane (fixed header), then the scrolling rows:
// tasks nested under their creators, resources, worker threads. Names sit in a left gutter.
// Threading: use from one thread at a time, the one that owns the model.
#pragma once

#include <ui/timeline_model.hpp>
#include <ui/timeline_theme.hpp>

#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

class QPainter;

enum class TimelineRowKind : std::uint8_t { Task, SectionLabel, Resource, Worker };

struct TimelineRow {
    TimelineRowKind kind;
    bool hasChildren;
    std::uint16_t depth;
    aio::ObjectId id;  // task, resource or worker slot (section labels: 0 resources, 1 workers)
    qreal y;           // top, in content coordinates (0 = first row below the header)
    qreal height;
};

struct TimelineHit {
    enum class Kind { None, Axis, Gutter, Loop, Task, TaskToggle, Resource, Worker };
    Kind kind = Kind::None;
    aio::ObjectId id = 0;
    qint64 time = 0;
};

class TimelinePainter {
public:
    static constexpr qint64 kNoCutoff = std::numeric_limits<qint64>::max();

    explicit TimelinePainter(const TimelineModel& model);

    const TimelineModel& model() const { return model_; }

    void setTheme(const TimelineTheme& theme) { theme_ = theme; }
    const TimelineTheme& theme() const { return theme_; }
    void setSize(const QSizeF& size) { size_ = size; }
    QSizeF size() const { return size_; }
    // Visible time range [from, to] in ns; to > from.
    void setTimeRange(qint64 from, qint64 to);
    qint64 timeFrom() const { return from_; }
    qint64 timeTo() const { return to_; }
    // Nothing recorded after `t` is drawn: scrubbing back shows the past. kNoCutoff shows all.
    void setCutoff(qint64 t) { cutoff_ = t; }
    qint64 cutoff() const { return cutoff_; }
    // A vertical line at `t`; negative hides it.
    void setPlayhead(qint64 t) { playhead_ = t; }
    qint64 playhead() const { return playhead_; }
    void setScrollY(qreal y) { scrollY_ = y; }
    qreal scrollY() const { return scrollY_; }
    void setSelectedTask(aio::ObjectId id) { selected_ = id; }
    aio::ObjectId selectedTask() const { return selected_; }
    void setCollapsed(aio::ObjectId task, bool collapsed);
    bool isCollapsed(aio::ObjectId task) const { return collapsed_.count(task) != 0; }
    void setShowResources(bool on);
    void setShowWorkers(bool on);
    void setGutterWidth(qreal w) { gutter_ = w; }
    qreal gutterWidth() const { return gutter_; }
    void setShowArrows(bool on) { showArrows_ = on; }

    // The whole run, from the first to the last recorded event, with a small margin.
    void fitToRun();

    void paint(QPainter& p) const;
    // The legend: every state with its swatch, end markers and arrows, flowed into `width`.
    QSizeF legendSize(qreal width) const;
    void paintLegend(QPainter& p, const QRectF& rect) const;

    // Geometry, in the painter's coordinates.
    static constexpr qreal kAxisHeight = 24;
    static constexpr qreal kLoopHeight = 26;
    static constexpr qreal kTaskHeight = 20;
    static constexpr qreal kResourceHeight = 34;
    static constexpr qreal kWorkerHeight = 20;
    static constexpr qreal kSectionHeight = 18;
    qreal headerHeight() const { return kAxisHeight + kLoopHeight + 1; }
    QRectF axisRect() const;
    QRectF loopLaneRect() const;
    QRectF plotRect() const;           // where time maps to x: right of the gutter
    qreal contentHeight() const;       // the scrolling rows
    qreal fullHeight() const { return headerHeight() + contentHeight(); }
    QRectF laneRect(aio::ObjectId task) const;  // null if the task's lane is hidden
    QRectF resourceLaneRect(aio::ObjectId resource) const;
    QRectF workerLaneRect(aio::ObjectId slot) const;
    QRectF toggleRect(aio::ObjectId task) const;  // the expand/collapse triangle
    qreal xForTime(qint64 t) const;
    qint64 timeForX(qreal x) const;
    const std::vector<TimelineRow>& rows() const;
    TimelineHit hitTest(const QPointF& pos) const;
    // What a hover over `pos` should say (task, state, since when, what it waits on).
    QString toolTipAt(const QPointF& pos) const;

    // "1.250 s" with as many decimals as `step` needs (or ms below a millisecond).
    static QString formatTime(qint64 ns, qint64 step = 0);

private:
    struct Batches;
    void ensureLayout() const;
    int rowIndexOfTask(aio::ObjectId id) const;     // -1 if hidden
    int visibleRowOfTask(aio::ObjectId id) const;   // the task's row, or its nearest shown ancestor's
    qint64 limit() const;
    QRectF rowRect(const TimelineRow& r) const;
    void paintAxis(QPainter& p, qint64 step) const;
    void paintGrid(QPainter& p, qint64 step, qreal top, qreal bottom) const;
    void paintLoopLane(QPainter& p) const;
    void paintRow(QPainter& p, const TimelineRow& r, Batches& b) const;
    void paintTaskLane(QPainter& p, const TimelineTask& t, const QRectF& lane, Batches& b) const;
    void paintEndMarker(QPainter& p, const TimelineTask& t, const QRectF& lane) const;
    void paintResourceLane(QPainter& p, const TimelineResource& r, const QRectF& lane) const;
    void paintWorkerLane(QPainter& p, const TimelineWorker& w, const QRectF& lane) const;
    void paintGutterLabel(QPainter& p, const TimelineRow& r, const QRectF& rect) const;
    void paintArrows(QPainter& p) const;
    void paintPrints(QPainter& p) const;
    void flushBatches(QPainter& p, Batches& b) const;
    qint64 tickStep() const;
    QString taskToolTip(const TimelineTask& t, qint64 time) const;
    QString resourceToolTip(const TimelineResource& r, qint64 time) const;
    QString loopToolTip(qint64 time) const;
    QString workerToolTip(const TimelineWorker& w, qint64 time) const;

    const TimelineModel& model_;
    TimelineTheme theme_ = TimelineTheme::light();
    QSizeF size_{800, 600};
    qint64 from_ = 0;
    qint64 to_ = 1'000'000'000;
    qint64 cutoff_ = kNoCutoff;
    qint64 playhead_ = -1;
    qreal scrollY_ = 0;
    qreal gutter_ = 190;
    aio::ObjectId selected_ = 0;
    bool showResources_ = true;
    bool showWorkers_ = true;
    bool showArrows_ = true;
    std::unordered_set<aio::ObjectId> collapsed_;
    QFont font_;
    QFont smallFont_;

    // Layout cache, rebuilt when the model's structure or the collapsed set changes.
    mutable std::vector<TimelineRow> rows_;
    mutable std::vector<int> rowOfTaskIndex_;  // model task index -> row, -1 hidden
    mutable std::unordered_map<aio::ObjectId, int> rowOfResource_;
    mutable std::unordered_map<aio::ObjectId, int> rowOfWorker_;
    mutable std::uint64_t layoutRevision_ = ~std::uint64_t{0};
    mutable std::uint64_t layoutKey_ = 0;
    std::uint64_t optionsRevision_ = 1;
};
