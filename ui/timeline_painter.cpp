#include <ui/timeline_painter.hpp>

#include <QFontMetricsF>
#include <QPainter>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <climits>
#include <cmath>

using aio::EventKind;

namespace {

// Rect batches, one per drawing style, so a frame changes brushes a dozen times, not per segment.
enum Style : int {
    StyleReady,
    StyleRunning,
    StyleBlocked,
    StyleWaitFirst,  // + WaitCategory
    StyleCount = StyleWaitFirst + kWaitCategoryCount,
};

int styleOf(TaskState s, aio::WaitKind w)
{
    switch (s) {
    case TaskState::Ready: return StyleReady;
    case TaskState::Running: return StyleRunning;
    case TaskState::Blocked: return StyleBlocked;
    case TaskState::Waiting: break;
    }
    return StyleWaitFirst + int(waitCategory(w));
}

// When segments are narrower than a pixel, the column shows the one that matters most.
int priorityOf(TaskState s)
{
    switch (s) {
    case TaskState::Blocked: return 4;
    case TaskState::Running: return 3;
    case TaskState::Waiting: return 2;
    case TaskState::Ready: return 1;
    }
    return 0;
}

// Walks spans [start(i), end(i)) in time order over the visible range, calling wide()
// for spans at least a pixel wide and narrow(i, j, col) once per pixel column packed with
// spans i..j-1. The next column is found by binary search, so a frame costs
// O(pixels * log spans) however many spans there are.
struct XMap {
    qreal left;
    qint64 from;
    double pxPerNs;
    qreal x(qint64 t) const { return left + qreal(double(t - from) * pxPerNs); }
    qint64 timeAtOrAfter(qreal x) const { return from + qint64(std::ceil(double(x - left) / pxPerNs)); }
};

// First index in [lo, hi) whose key is >= t, searching outward from lo: the next pixel
// column is usually close by, so this touches few and nearby events (few cache misses),
// and never more than twice a plain binary search.
template <typename Key>
int gallop(int lo, int hi, qint64 t, Key key)
{
    int from = lo;
    int probe = lo;
    for (int step = 1; probe < hi && key(probe) < t; step *= 2) {
        from = probe + 1;
        probe = lo + step;
    }
    int a = from, b = std::min(probe, hi);
    while (a < b) {
        const int mid = a + (b - a) / 2;
        if (key(mid) < t)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

template <typename Start, typename End, typename Wide, typename Narrow>
void sweepSpans(const XMap& m, int first, int n, qint64 visibleEnd, Start start, End end, Wide wide, Narrow narrow)
{
    int i = first;
    qint64 clip = std::numeric_limits<qint64>::min();
    long lastCol = LONG_MIN;
    while (i < n) {
        const qint64 s = std::max(start(i), clip);
        if (s > visibleEnd)
            break;
        const qint64 e = std::max(end(i), s);
        const qreal xs = m.x(s), xe = m.x(e);
        if (xe - xs >= 1.0) {
            wide(i, s, e);
            ++i;
            clip = std::numeric_limits<qint64>::min();
            continue;
        }
        const long col = std::max<long>(long(std::floor(xs)), lastCol + 1);
        lastCol = col;
        const qint64 colEnd = std::max(m.timeAtOrAfter(qreal(col + 1)), s + 1);
        const int j = gallop(i + 1, n, colEnd, start);
        narrow(i, j, col);
        const int k = j - 1;
        if (end(k) > colEnd) {
            i = k;
            clip = colEnd;
        } else {
            i = j;
            clip = std::numeric_limits<qint64>::min();
        }
    }
}

// Last index in [0, n) whose time is <= t, or 0.
template <typename TimeOf>
int firstCandidate(int n, qint64 t, TimeOf timeOf)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (timeOf(mid) <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return std::max(0, lo - 1);
}

// Edges land on device pixels (at 1.5x or 2x too), so segments stay crisp and abut.
// Set by paint() for the device being painted; thread-local so an export painting on a
// worker thread and the window painting on the GUI thread do not disturb each other.
thread_local qreal gSnapScale = 1;
qreal snap(qreal x) { return std::round(x * gSnapScale) / gSnapScale; }

qreal deviceScale(const QPainter& p)
{
    const QPaintDevice* d = p.device();
    const qreal dpr = d ? d->devicePixelRatioF() : 1;
    const qreal sx = p.worldTransform().m11();
    return std::max<qreal>(dpr * (sx > 0 ? sx : 1), 1);
}

QString resourceKindName(aio::ResourceKind k)
{
    switch (k) {
    case aio::ResourceKind::lock: return QStringLiteral("Lock");
    case aio::ResourceKind::semaphore: return QStringLiteral("Semaphore");
    case aio::ResourceKind::bounded_semaphore: return QStringLiteral("BoundedSemaphore");
    case aio::ResourceKind::event: return QStringLiteral("Event");
    case aio::ResourceKind::condition: return QStringLiteral("Condition");
    case aio::ResourceKind::queue: return QStringLiteral("Queue");
    case aio::ResourceKind::priority_queue: return QStringLiteral("PriorityQueue");
    case aio::ResourceKind::lifo_queue: return QStringLiteral("LifoQueue");
    case aio::ResourceKind::future: return QStringLiteral("Future");
    case aio::ResourceKind::thread_pool: return QStringLiteral("ThreadPool");
    }
    return QStringLiteral("Resource");
}

bool isQueue(aio::ResourceKind k)
{
    return k == aio::ResourceKind::queue || k == aio::ResourceKind::priority_queue || k == aio::ResourceKind::lifo_queue;
}

bool isSemaphore(aio::ResourceKind k)
{
    return k == aio::ResourceKind::semaphore || k == aio::ResourceKind::bounded_semaphore;
}


// Hatches `rects` with `style` lines in `color`. Raster and PDF take Qt's pattern brushes;
// SVG viewers (Qt's own included) do not draw those, so SVG gets the lines themselves,
// anchored to the page so neighbouring rects line up.
void fillPattern(QPainter& p, const std::vector<QRectF>& rects, const QColor& color, Qt::BrushStyle style)
{
    if (rects.empty())
        return;
    const QPaintEngine* engine = p.paintEngine();
    if (!engine || engine->type() != QPaintEngine::SVG) {
        p.setPen(Qt::NoPen);
        p.setBrush(QBrush(color, style));
        p.drawRects(rects.data(), int(rects.size()));
        return;
    }
    const bool hor = style == Qt::HorPattern || style == Qt::CrossPattern || style == Qt::Dense6Pattern;
    const bool ver = style == Qt::VerPattern || style == Qt::CrossPattern;
    const bool bdiag = style == Qt::BDiagPattern || style == Qt::DiagCrossPattern;
    const bool fdiag = style == Qt::FDiagPattern || style == Qt::DiagCrossPattern;
    const qreal gap = style == Qt::Dense6Pattern ? 3 : 6;
    std::vector<QLineF> lines;
    for (const QRectF& r : rects) {
        if (hor)
            for (qreal y = std::ceil(r.top() / gap) * gap; y < r.bottom(); y += gap)
                lines.emplace_back(r.left(), y + 0.5, r.right(), y + 0.5);
        if (ver)
            for (qreal x = std::ceil(r.left() / gap) * gap; x < r.right(); x += gap)
                lines.emplace_back(x + 0.5, r.top(), x + 0.5, r.bottom());
        if (bdiag)  // x + y = c
            for (qreal c = std::ceil((r.left() + r.top()) / gap) * gap; c < r.right() + r.bottom(); c += gap) {
                const qreal x0 = std::max(r.left(), c - r.bottom()), x1 = std::min(r.right(), c - r.top());
                if (x1 > x0)
                    lines.emplace_back(x0, c - x0, x1, c - x1);
            }
        if (fdiag)  // x - y = c
            for (qreal c = std::ceil((r.left() - r.bottom()) / gap) * gap; c < r.right() - r.top(); c += gap) {
                const qreal x0 = std::max(r.left(), c + r.top()), x1 = std::min(r.right(), c + r.bottom());
                if (x1 > x0)
                    lines.emplace_back(x0, x0 - c, x1, x1 - c);
            }
    }
    p.setPen(QPen(color, 1));
    p.setBrush(Qt::NoBrush);
    p.drawLines(lines.data(), int(lines.size()));
    p.setPen(Qt::NoPen);
}

}  // namespace

struct TimelinePainter::Batches {
    std::vector<QRectF> rects[StyleCount];
    // The last rect emitted, held back so touching rects of one style merge into one.
    int pendingStyle = -1;
    QRectF pending;

    void add(int style, qreal x0, qreal x1, const QRectF& lane)
    {
        x0 = snap(x0);
        x1 = snap(x1);
        if (style == StyleRunning || style == StyleBlocked) {
            if (x1 - x0 < 2)  // a step that took no time still shows
                x1 = x0 + 2;
        } else if (x1 <= x0) {
            return;
        }
        qreal inset = 3;
        if (style == StyleReady)
            inset = 6;
        const QRectF r(x0, lane.top() + inset, x1 - x0, lane.height() - 2 * inset);
        if (style == pendingStyle && r.top() == pending.top() && x0 <= pending.right() + 0.5) {
            pending.setRight(std::max(pending.right(), x1));
            return;
        }
        flushPending();
        pendingStyle = style;
        pending = r;
    }
    void flushPending()
    {
        if (pendingStyle >= 0)
            rects[pendingStyle].push_back(pending);
        pendingStyle = -1;
    }
};

TimelinePainter::TimelinePainter(const TimelineModel& model)
    : model_(model)
{
    font_.setPixelSize(12);
    smallFont_.setPixelSize(10);
}

void TimelinePainter::setTimeRange(qint64 from, qint64 to)
{
    from_ = from;
    to_ = std::max(to, from + 1);
}

void TimelinePainter::setCollapsed(aio::ObjectId task, bool collapsed)
{
    if (collapsed)
        collapsed_.insert(task);
    else
        collapsed_.erase(task);
    ++optionsRevision_;
}

void TimelinePainter::setShowResources(bool on)
{
    showResources_ = on;
    ++optionsRevision_;
}

void TimelinePainter::setShowWorkers(bool on)
{
    showWorkers_ = on;
    ++optionsRevision_;
}

void TimelinePainter::fitToRun()
{
    const qint64 a = model_.startTime();
    const qint64 b = std::max(model_.endTime(), a + 1'000'000);
    // Leave room on the right for the last task's end marker and result text.
    const qreal plot = std::max<qreal>(size_.width() - gutter_, 200);
    const qreal roomPx = std::min<qreal>(110, plot / 4);
    const qint64 margin = std::max<qint64>(qint64(double(b - a) * roomPx / (plot - roomPx)), 1);
    setTimeRange(a, b + margin);
}

qint64 TimelinePainter::limit() const
{
    const qint64 end = model_.endTime();
    // A deadlock is forever: once the playhead is at the end, what was waiting then
    // goes on waiting to the right edge (the last wait begun would be invisible else).
    if (cutoff_ >= end && model_.endedInDeadlock())
        return std::max(end, to_);
    return std::min(cutoff_, end);
}

// ---------------------------------------------------------------- layout

void TimelinePainter::ensureLayout() const
{
    if (layoutRevision_ == model_.structureRevision() && layoutKey_ == optionsRevision_)
        return;
    layoutRevision_ = model_.structureRevision();
    layoutKey_ = optionsRevision_;
    rows_.clear();
    rowOfTaskIndex_.assign(model_.tasks().size(), -1);
    rowOfResource_.clear();
    rowOfWorker_.clear();
    qreal y = 0;
    // Depth-first, children in creation order, without recursion (deep nesting is legal).
    std::vector<std::pair<aio::ObjectId, std::size_t>> stack;
    for (aio::ObjectId root : model_.rootTasks()) {
        stack.push_back({root, 0});
        {
            const TimelineTask* t = model_.task(root);
            rowOfTaskIndex_[std::size_t(model_.taskIndex(root))] = int(rows_.size());
            rows_.push_back(TimelineRow{TimelineRowKind::Task, !t->children.empty(), std::uint16_t(std::min(t->depth, 0xffff)), root, y, kTaskHeight});
            y += kTaskHeight;
        }
        while (!stack.empty()) {
            auto& [id, next] = stack.back();
            const TimelineTask* t = model_.task(id);
            if (collapsed_.count(id) || next >= t->children.size()) {
                stack.pop_back();
                continue;
            }
            const aio::ObjectId child = t->children[next++];
            const TimelineTask* c = model_.task(child);
            rowOfTaskIndex_[std::size_t(model_.taskIndex(child))] = int(rows_.size());
            rows_.push_back(TimelineRow{TimelineRowKind::Task, !c->children.empty(), std::uint16_t(std::min(c->depth, 0xffff)), child, y, kTaskHeight});
            y += kTaskHeight;
            stack.push_back({child, 0});
        }
    }
    if (showResources_ && !model_.resources().empty()) {
        rows_.push_back(TimelineRow{TimelineRowKind::SectionLabel, false, 0, 0, y, kSectionHeight});
        y += kSectionHeight;
        for (const TimelineResource& r : model_.resources()) {
            rowOfResource_[r.id] = int(rows_.size());
            rows_.push_back(TimelineRow{TimelineRowKind::Resource, false, 0, r.id, y, kResourceHeight});
            y += kResourceHeight;
        }
    }
    if (showWorkers_ && !model_.workers().empty()) {
        rows_.push_back(TimelineRow{TimelineRowKind::SectionLabel, false, 0, 1, y, kSectionHeight});
        y += kSectionHeight;
        for (const TimelineWorker& w : model_.workers()) {
            rowOfWorker_[w.slot] = int(rows_.size());
            rows_.push_back(TimelineRow{TimelineRowKind::Worker, false, 0, w.slot, y, kWorkerHeight});
            y += kWorkerHeight;
        }
    }
}

const std::vector<TimelineRow>& TimelinePainter::rows() const
{
    ensureLayout();
    return rows_;
}

qreal TimelinePainter::contentHeight() const
{
    ensureLayout();
    return rows_.empty() ? 0 : rows_.back().y + rows_.back().height;
}

QRectF TimelinePainter::axisRect() const
{
    return QRectF(0, 0, size_.width(), kAxisHeight);
}

QRectF TimelinePainter::loopLaneRect() const
{
    return QRectF(0, kAxisHeight, size_.width(), kLoopHeight);
}

QRectF TimelinePainter::plotRect() const
{
    return QRectF(gutter_, 0, std::max<qreal>(size_.width() - gutter_, 1), size_.height());
}

QRectF TimelinePainter::rowRect(const TimelineRow& r) const
{
    return QRectF(0, headerHeight() + r.y - scrollY_, size_.width(), r.height);
}

int TimelinePainter::rowIndexOfTask(aio::ObjectId id) const
{
    ensureLayout();
    const int ti = model_.taskIndex(id);
    return ti < 0 || std::size_t(ti) >= rowOfTaskIndex_.size() ? -1 : rowOfTaskIndex_[std::size_t(ti)];
}

int TimelinePainter::visibleRowOfTask(aio::ObjectId id) const
{
    for (int guard = 0; guard < 100000; ++guard) {
        const int r = rowIndexOfTask(id);
        if (r >= 0)
            return r;
        const TimelineTask* t = model_.task(id);
        if (!t || t->parent == 0)
            return -1;
        id = t->parent;
    }
    return -1;
}

QRectF TimelinePainter::laneRect(aio::ObjectId task) const
{
    const int r = rowIndexOfTask(task);
    return r < 0 ? QRectF() : rowRect(rows_[std::size_t(r)]);
}

QRectF TimelinePainter::resourceLaneRect(aio::ObjectId resource) const
{
    ensureLayout();
    const auto it = rowOfResource_.find(resource);
    return it == rowOfResource_.end() ? QRectF() : rowRect(rows_[std::size_t(it->second)]);
}

QRectF TimelinePainter::workerLaneRect(aio::ObjectId slot) const
{
    ensureLayout();
    const auto it = rowOfWorker_.find(slot);
    return it == rowOfWorker_.end() ? QRectF() : rowRect(rows_[std::size_t(it->second)]);
}

QRectF TimelinePainter::toggleRect(aio::ObjectId task) const
{
    const int r = rowIndexOfTask(task);
    if (r < 0)
        return QRectF();
    const TimelineRow& row = rows_[std::size_t(r)];
    const QRectF rr = rowRect(row);
    return QRectF(4 + row.depth * 12, rr.top(), 12, rr.height());
}

qreal TimelinePainter::xForTime(qint64 t) const
{
    const QRectF pr = plotRect();
    return pr.left() + qreal(double(t - from_) * double(pr.width()) / double(to_ - from_));
}

qint64 TimelinePainter::timeForX(qreal x) const
{
    const QRectF pr = plotRect();
    return from_ + qint64(std::llround(double(x - pr.left()) * double(to_ - from_) / double(pr.width())));
}

// ---------------------------------------------------------------- painting

qint64 TimelinePainter::tickStep() const
{
    const double nsPerPx = double(to_ - from_) / double(plotRect().width());
    const double want = nsPerPx * 90;  // a label every ~90 px
    double step = 1;
    while (step * 10 <= want)
        step *= 10;
    if (step * 2 >= want)
        step *= 2;
    else if (step * 5 >= want)
        step *= 5;
    else
        step *= 10;
    return std::max<qint64>(qint64(step), 1);
}

QString TimelinePainter::formatTime(qint64 ns, qint64 step)
{
    if (step <= 0)
        step = 1'000'000;  // default: millisecond precision
    if (step < 1'000'000) {
        int decimals = 0;
        for (qint64 s = 1'000'000; s > step && decimals < 6; s /= 10)
            ++decimals;
        return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', decimals);
    }
    int decimals = 0;
    for (qint64 s = 1'000'000'000; s > step && decimals < 9; s /= 10)
        ++decimals;
    return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', decimals);
}

void TimelinePainter::paintAxis(QPainter& p, qint64 step) const
{
    const QRectF ar = axisRect();
    p.fillRect(ar, theme_.headerBackground);
    p.setFont(smallFont_);
    p.setPen(theme_.axisText);
    const qint64 first = (from_ / step) * step - (from_ < 0 ? step : 0);
    const QRectF pr = plotRect();
    for (qint64 t = first; t <= to_; t += step) {
        const qreal x = snap(xForTime(t)) + 0.5;
        if (x < pr.left() - 0.5)
            continue;
        p.drawLine(QPointF(x, ar.bottom() - 6), QPointF(x, ar.bottom()));
        p.drawText(QRectF(x + 3, ar.top(), 100, ar.height() - 4), Qt::AlignLeft | Qt::AlignVCenter, formatTime(t, step));
    }
    p.setPen(theme_.dimText);
    p.setFont(font_);
    p.drawText(QRectF(8, ar.top(), gutter_ - 8, ar.height()), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("time"));
}

void TimelinePainter::paintGrid(QPainter& p, qint64 step, qreal top, qreal bottom) const
{
    const qint64 first = (from_ / step) * step - (from_ < 0 ? step : 0);
    std::vector<QLineF> lines;
    for (qint64 t = first; t <= to_; t += step) {
        const qreal x = snap(xForTime(t)) + 0.5;
        if (x >= gutter_)
            lines.emplace_back(x, top, x, bottom);
    }
    p.setPen(QPen(theme_.grid, 1));
    p.drawLines(lines.data(), int(lines.size()));
}

void TimelinePainter::paint(QPainter& p) const
{
    ensureLayout();
    gSnapScale = deviceScale(p);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const QRectF all(QPointF(0, 0), size_);
    p.fillRect(all, theme_.background);
    const qint64 step = tickStep();
    const qreal bodyTop = headerHeight();
    const QRectF body(0, bodyTop, size_.width(), std::max<qreal>(size_.height() - bodyTop, 0));

    // Rows: binary search the first one below the header.
    p.save();
    p.setClipRect(body);
    const qreal firstY = scrollY_;
    const qreal lastY = scrollY_ + body.height();
    auto it = std::lower_bound(rows_.begin(), rows_.end(), firstY,
                               [](const TimelineRow& r, qreal y) { return r.y + r.height <= y; });
    auto end = std::lower_bound(it, rows_.end(), lastY, [](const TimelineRow& r, qreal y) { return r.y < y; });
    for (auto r = it; r != end; ++r) {
        const QRectF rr = rowRect(*r);
        if (r->kind == TimelineRowKind::Task && r->id == selected_)
            p.fillRect(rr, theme_.selection);
        else if (((r - rows_.begin()) & 1) && r->kind != TimelineRowKind::SectionLabel)
            p.fillRect(rr, theme_.laneAlternate);
    }
    paintGrid(p, step, bodyTop, size_.height());
    Batches batches;
    for (auto r = it; r != end; ++r)
        paintRow(p, *r, batches);
    batches.flushPending();
    p.save();
    p.setClipRect(QRectF(gutter_, bodyTop, std::max<qreal>(size_.width() - gutter_, 0), body.height()));
    flushBatches(p, batches);
    // End markers and texts go above the segments.
    for (auto r = it; r != end; ++r)
        if (r->kind == TimelineRowKind::Task)
            paintEndMarker(p, *model_.task(r->id), rowRect(*r));
    paintPrints(p);
    if (showArrows_)
        paintArrows(p);
    p.restore();
    // Gutter on top so long segments never run under the names.
    for (auto r = it; r != end; ++r)
        paintGutterLabel(p, *r, rowRect(*r));
    p.restore();

    paintAxis(p, step);
    paintLoopLane(p);
    p.setPen(QPen(theme_.grid, 1));
    p.drawLine(QPointF(0, bodyTop - 0.5), QPointF(size_.width(), bodyTop - 0.5));
    p.drawLine(QPointF(gutter_ - 0.5, 0), QPointF(gutter_ - 0.5, size_.height()));

    // What is recorded but not yet reached (scrubbed back) is shaded.
    const qint64 lim = limit();
    if (cutoff_ != kNoCutoff && lim < to_) {
        const qreal x = std::max(xForTime(lim), gutter_);
        p.fillRect(QRectF(x, kAxisHeight, size_.width() - x, size_.height() - kAxisHeight), theme_.future);
    }
    if (playhead_ >= 0 && playhead_ >= from_ && playhead_ <= to_) {
        const qreal x = snap(xForTime(playhead_)) + 0.5;
        if (x >= gutter_) {
            p.setPen(QPen(theme_.playhead, 2));
            p.drawLine(QPointF(x, 0), QPointF(x, size_.height()));
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setBrush(theme_.playhead);
            p.setPen(Qt::NoPen);
            const QPolygonF tri({QPointF(x - 6, 0), QPointF(x + 6, 0), QPointF(x, 8)});
            p.drawPolygon(tri);
            p.setRenderHint(QPainter::Antialiasing, false);
        }
    }
    p.restore();
}

void TimelinePainter::paintLoopLane(QPainter& p) const
{
    const QRectF lr = loopLaneRect();
    p.fillRect(lr, theme_.headerBackground);
    p.setPen(theme_.gutterText);
    QFont bold = font_;
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(8, lr.top(), gutter_ - 12, lr.height()), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("event loop"));

    const QRectF pr = plotRect();
    const QRectF lane(pr.left(), lr.top() + 3, pr.width(), lr.height() - 6);
    p.save();
    p.setClipRect(QRectF(pr.left(), lr.top(), pr.width(), lr.height()));
    p.fillRect(lane, theme_.loopIdle);
    const auto& spans = model_.loopSpans();
    const qint64 lim = limit();
    const qint64 visEnd = std::min(to_, lim);
    const XMap m{pr.left(), from_, double(pr.width()) / double(to_ - from_)};
    auto startOf = [&](int i) { return model_.timeOf(spans[std::size_t(i)].begin); };
    auto endOf = [&](int i) {
        const LoopSpan& s = spans[std::size_t(i)];
        return std::min(s.end == kNoEvent ? lim : model_.timeOf(s.end), lim);
    };
    std::vector<QRectF> taskRects, callbackRects;
    struct Label { QRectF rect; aio::ObjectId who; std::uint32_t blockedEvent; };
    std::vector<Label> labels;
    auto add = [&](std::vector<QRectF>& v, qreal x0, qreal x1) {
        x0 = snap(x0);
        x1 = std::max(snap(x1), x0 + 2);
        if (!v.empty() && v.back().right() >= x0 - 0.5) {
            v.back().setRight(std::max(v.back().right(), x1));
            return;
        }
        v.emplace_back(x0, lane.top(), x1 - x0, lane.height());
    };
    const int first = firstCandidate(int(spans.size()), from_, startOf);
    sweepSpans(
        m, first, int(spans.size()), visEnd, startOf, endOf,
        [&](int i, qint64 s, qint64 e) {
            const bool cb = model_.loopSpanIsCallback(spans[std::size_t(i)]);
            add(cb ? callbackRects : taskRects, m.x(s), m.x(e));
            if (!cb && m.x(e) - m.x(s) > 30)
                labels.push_back({QRectF(snap(m.x(s)), lane.top(), snap(m.x(e)) - snap(m.x(s)), lane.height()), spans[std::size_t(i)].who, kNoEvent});
        },
        [&](int i, int j, long col) {
            bool anyTask = false;
            for (int k = i; k < j && k < i + 32 && !anyTask; ++k)
                anyTask = !model_.loopSpanIsCallback(spans[std::size_t(k)]);
            add(anyTask || j - i > 32 ? taskRects : callbackRects, qreal(col), qreal(col + 1));
        });
    p.setPen(Qt::NoPen);
    p.setBrush(theme_.callback);
    p.drawRects(callbackRects.data(), int(callbackRects.size()));
    p.setBrush(theme_.running);
    p.drawRects(taskRects.data(), int(taskRects.size()));

    // Blocked intervals never overlap (a blocked loop runs nothing else).
    const auto& blocked = model_.blockedEvents();
    std::vector<QRectF> blockedRects;
    const int bfirst = firstCandidate(int(blocked.size()), from_, [&](int i) { return model_.timeOf(blocked[std::size_t(i)]); });
    for (std::size_t i = std::size_t(bfirst); i < blocked.size(); ++i) {
        const aio::TraceEvent& e = model_.event(blocked[i]);
        if (e.time_ns > visEnd)
            break;
        const qint64 bend = std::min<qint64>(e.time_ns + std::max<std::int64_t>(e.value, 0), lim);
        if (bend < from_)
            continue;
        const qreal x0 = snap(m.x(e.time_ns));
        const qreal x1 = std::max(snap(m.x(bend)), x0 + 2);
        if (!blockedRects.empty() && blockedRects.back().right() >= x0)
            blockedRects.back().setRight(std::max(blockedRects.back().right(), x1));
        else
            blockedRects.emplace_back(x0, lane.top(), x1 - x0, lane.height());
        if (x1 - x0 > 60)
            labels.push_back({QRectF(x0, lane.top(), x1 - x0, lane.height()), e.a, blocked[i]});
    }
    // A task's name under a blocked interval would collide with the blocked label.
    labels.erase(std::remove_if(labels.begin(), labels.end(),
                                [&](const Label& l) {
                                    if (l.blockedEvent != kNoEvent)
                                        return false;
                                    for (const QRectF& b : blockedRects)
                                        if (b.intersects(l.rect))
                                            return true;
                                    return false;
                                }),
                 labels.end());
    p.setBrush(theme_.blocked);
    p.drawRects(blockedRects.data(), int(blockedRects.size()));
    fillPattern(p, blockedRects, theme_.blockedHatch, Qt::BDiagPattern);

    p.setFont(smallFont_);
    const QFontMetricsF fm(smallFont_);
    for (const Label& l : labels) {
        const QRectF tr = l.rect.adjusted(4, 0, -4, 0).intersected(lane);
        if (tr.width() < 20)
            continue;
        const QString text = l.blockedEvent == kNoEvent
            ? model_.taskName(l.who)
            : QStringLiteral("%1 blocks the loop: %2").arg(model_.taskName(l.who), model_.eventText(l.blockedEvent));
        p.setPen(QColor(Qt::white));
        p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, tr.width()));
    }

    // Exceptions nobody retrieved and deadlock reports: a warning sign where they happened.
    const auto& problems = model_.problemEvents();
    const int pfirst = int(std::lower_bound(problems.begin(), problems.end(), from_,
                                            [&](std::uint32_t ev, qint64 t) { return model_.timeOf(ev) < t; })
                           - problems.begin());
    p.setRenderHint(QPainter::Antialiasing, true);
    qreal lastX = -1e9;
    for (std::size_t i = std::size_t(pfirst); i < problems.size(); ++i) {
        const qint64 t = model_.timeOf(problems[i]);
        if (t > visEnd)
            break;
        const qreal x = snap(m.x(t));
        if (x - lastX < 6)
            continue;
        lastX = x;
        const qreal cy = lane.center().y();
        p.setPen(QPen(theme_.background, 1));
        p.setBrush(theme_.failed);
        p.drawPolygon(QPolygonF({QPointF(x, cy - 7), QPointF(x + 7, cy + 6), QPointF(x - 7, cy + 6)}));
        p.setPen(QPen(theme_.background, 1.6));
        p.drawLine(QPointF(x, cy - 3), QPointF(x, cy + 1.5));
        p.drawPoint(QPointF(x, cy + 4));
    }
    p.restore();
}

void TimelinePainter::paintRow(QPainter& p, const TimelineRow& r, Batches& b) const
{
    const QRectF rr = rowRect(r);
    const QRectF lane(gutter_, rr.top(), std::max<qreal>(size_.width() - gutter_, 0), rr.height());
    switch (r.kind) {
    case TimelineRowKind::Task:
        if (const TimelineTask* t = model_.task(r.id))
            paintTaskLane(p, *t, lane, b);
        break;
    case TimelineRowKind::Resource:
        if (const TimelineResource* res = model_.resource(r.id)) {
            p.save();
            p.setClipRect(lane);
            paintResourceLane(p, *res, lane);
            p.restore();
        }
        break;
    case TimelineRowKind::Worker:
        for (const TimelineWorker& w : model_.workers())
            if (w.slot == r.id) {
                p.save();
                p.setClipRect(lane);
                paintWorkerLane(p, w, lane);
                p.restore();
            }
        break;
    case TimelineRowKind::SectionLabel:
        p.fillRect(rr, theme_.headerBackground);
        break;
    }
}

void TimelinePainter::paintTaskLane(QPainter&, const TimelineTask& t, const QRectF& lane, Batches& b) const
{
    const int n = int(t.segments.size());
    if (n == 0)
        return;
    const qint64 lim = limit();
    const qint64 visEnd = std::min(to_, lim);
    const XMap m{lane.left(), from_, double(lane.width()) / double(to_ - from_)};
    auto startOf = [&](int i) { return model_.timeOf(t.segments[std::size_t(i)].event); };
    auto endOf = [&](int i) { return model_.segmentEnd(t, i, lim); };
    if (startOf(0) > visEnd)
        return;
    b.flushPending();
    const int first = firstCandidate(n, from_, startOf);
    sweepSpans(
        m, first, n, visEnd, startOf, endOf,
        [&](int i, qint64 s, qint64 e) {
            const TimelineSegment& seg = t.segments[std::size_t(i)];
            if (seg.state == TaskState::Blocked) {
                // Blocked from the event for its duration, then running again.
                const qint64 dur = std::max<std::int64_t>(model_.event(seg.event).value, 0);
                const qint64 segStart = model_.timeOf(seg.event);
                const qint64 bend = std::clamp(segStart + dur, s, e);
                if (bend > s || dur == 0)
                    b.add(StyleBlocked, m.x(s), m.x(bend), lane);
                if (e > bend)
                    b.add(StyleRunning, m.x(bend), m.x(e), lane);
                return;
            }
            b.add(styleOf(seg.state, seg.waitKind), m.x(s), m.x(e), lane);
        },
        [&](int i, int j, long col) {
            // The state that fills most of the column, so a ticker that sleeps 99.9% of
            // the time reads as sleeping when zoomed far out. A blocking call weighs
            // four times (it freezes everyone); ties go to the state that matters most.
            const qint64 c0 = m.timeAtOrAfter(qreal(col)), c1 = m.timeAtOrAfter(qreal(col + 1));
            auto weight = [&](int k) {
                const qint64 d = std::max<qint64>(0, std::min(endOf(k), c1) - std::max(startOf(k), c0));
                return t.segments[std::size_t(k)].state == TaskState::Blocked ? 4 * d : d;
            };
            int best = i;
            qint64 bestWeight = weight(i);
            const int scan = std::min(j, i + 32);
            for (int k = i + 1; k < scan; ++k) {
                const qint64 w = weight(k);
                if (w > bestWeight || (w == bestWeight && priorityOf(t.segments[std::size_t(k)].state) >
                                                              priorityOf(t.segments[std::size_t(best)].state))) {
                    best = k;
                    bestWeight = w;
                }
            }
            const TimelineSegment& seg = t.segments[std::size_t(best)];
            b.add(styleOf(seg.state, seg.waitKind), qreal(col), qreal(col + 1), lane);
        });
}

void TimelinePainter::flushBatches(QPainter& p, Batches& b) const
{
    p.setPen(Qt::NoPen);
    for (int c = 0; c < kWaitCategoryCount; ++c) {
        auto& v = b.rects[StyleWaitFirst + c];
        if (v.empty())
            continue;
        p.setBrush(theme_.waitFill[c]);
        p.drawRects(v.data(), int(v.size()));
        fillPattern(p, v, theme_.wait[c], theme_.waitPattern[c]);
    }
    {
        // Ready is outlined: a hollow box reads as "could run, is not running".
        auto& v = b.rects[StyleReady];
        std::vector<QRectF> thin;
        std::vector<QRectF> wide;
        for (const QRectF& r : v)
            (r.width() < 4 ? thin : wide).push_back(r);
        p.setBrush(theme_.readyFill);
        p.drawRects(wide.data(), int(wide.size()));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(theme_.ready, 1));
        std::vector<QRectF> outlines;
        outlines.reserve(wide.size());
        for (const QRectF& r : wide)
            outlines.push_back(r.adjusted(0.5, 0.5, -0.5, -0.5));
        p.drawRects(outlines.data(), int(outlines.size()));
        p.setPen(Qt::NoPen);
        p.setBrush(theme_.ready);
        p.drawRects(thin.data(), int(thin.size()));
    }
    p.setBrush(theme_.running);
    p.drawRects(b.rects[StyleRunning].data(), int(b.rects[StyleRunning].size()));
    p.setBrush(theme_.blocked);
    p.drawRects(b.rects[StyleBlocked].data(), int(b.rects[StyleBlocked].size()));
    fillPattern(p, b.rects[StyleBlocked], theme_.blockedHatch, Qt::DiagCrossPattern);
    for (auto& v : b.rects)
        v.clear();
}

void TimelinePainter::paintEndMarker(QPainter& p, const TimelineTask& t, const QRectF& row) const
{
    const TaskEnd end = model_.endKind(t);
    if (end == TaskEnd::None)
        return;
    const qint64 ft = model_.finishTime(t);
    if (ft > limit() || ft < from_ - (to_ - from_) / 2 || ft > to_)
        return;
    const qreal x = snap(xForTime(ft));
    const qreal cy = row.center().y();
    const qreal r = 5;
    QColor c;
    QString label;
    const QString text = model_.eventText(t.finishEvent);
    switch (end) {
    case TaskEnd::Done:
        c = theme_.done;
        label = text.isEmpty() ? QStringLiteral("done") : QStringLiteral("→ %1").arg(text);
        break;
    case TaskEnd::Cancelled:
        c = theme_.cancelled;
        label = text.isEmpty() ? QStringLiteral("cancelled") : QStringLiteral("cancelled: %1").arg(text);
        break;
    case TaskEnd::TimedOut:
        c = theme_.timedOut;
        label = QStringLiteral("timed out");
        break;
    case TaskEnd::Failed:
        c = theme_.failed;
        label = text.isEmpty() ? QStringLiteral("failed") : text;
        break;
    case TaskEnd::None:
        return;
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    // Each ending has its own shape, not just its own colour.
    switch (end) {
    case TaskEnd::Done:
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawEllipse(QPointF(x, cy), r, r);
        p.setPen(QPen(theme_.background, 1.6));
        p.drawPolyline(QPolygonF({QPointF(x - 2.6, cy + 0.2), QPointF(x - 0.6, cy + 2.2), QPointF(x + 2.8, cy - 2.2)}));
        break;
    case TaskEnd::Cancelled:
        p.setPen(QPen(c, 2.2));
        p.drawLine(QPointF(x - r + 1, cy - r + 1), QPointF(x + r - 1, cy + r - 1));
        p.drawLine(QPointF(x - r + 1, cy + r - 1), QPointF(x + r - 1, cy - r + 1));
        break;
    case TaskEnd::TimedOut: {
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPolygon(QPolygonF({QPointF(x, cy - r - 1), QPointF(x + r + 1, cy), QPointF(x, cy + r + 1), QPointF(x - r - 1, cy)}));
        p.setPen(QPen(theme_.background, 1.4));
        p.drawLine(QPointF(x, cy - 3), QPointF(x, cy));
        p.drawLine(QPointF(x, cy), QPointF(x + 2.5, cy));
        break;
    }
    case TaskEnd::Failed:
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawPolygon(QPolygonF({QPointF(x, cy - r - 1), QPointF(x + r + 1, cy + r), QPointF(x - r - 1, cy + r)}));
        p.setPen(QPen(theme_.background, 1.6));
        p.drawLine(QPointF(x, cy - 2.5), QPointF(x, cy + 1.5));
        p.drawPoint(QPointF(x, cy + 3.3));
        break;
    case TaskEnd::None:
        break;
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    const qreal room = size_.width() - (x + r + 4) - 4;
    if (room > 24) {
        p.setFont(smallFont_);
        p.setPen(end == TaskEnd::Done ? theme_.gutterText : c);
        const QFontMetricsF fm(smallFont_);
        p.drawText(QRectF(x + r + 4, row.top(), room, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(label, Qt::ElideRight, room));
    }
    p.restore();
}

void TimelinePainter::paintResourceLane(QPainter& p, const TimelineResource& r, const QRectF& lane) const
{
    const qint64 lim = limit();
    const qint64 visEnd = std::min(to_, lim);
    const XMap m{lane.left(), from_, double(lane.width()) / double(to_ - from_)};
    const QRectF area = lane.adjusted(0, 4, 0, -7);  // the bottom strip shows waiters
    qint64 scale = 1;
    if (isSemaphore(r.kind))
        scale = std::max<qint64>(r.capacity > 0 ? r.capacity : r.maxLevel, 1);
    else if (isQueue(r.kind))
        scale = std::max<qint64>(r.capacity > 0 ? r.capacity : r.maxLevel, 1);
    else
        scale = std::max<qint64>(r.maxLevel, 1);
    auto levelOf = [&](std::uint32_t ev) {
        const std::int64_t v = model_.event(ev).value;
        return isSemaphore(r.kind) ? r.capacity - v : v;
    };
    const auto& st = r.stateEvents;
    const int n = int(st.size());
    auto startOf = [&](int i) { return model_.timeOf(st[std::size_t(i)]); };
    auto endOf = [&](int i) { return i + 1 < n ? std::min(model_.timeOf(st[std::size_t(i) + 1]), lim) : lim; };
    std::vector<QRectF> fills;
    std::vector<QLineF> tops;
    struct Label { QRectF rect; QString text; };
    std::vector<Label> labels;
    auto bar = [&](qreal x0, qreal x1, std::int64_t level) {
        if (level <= 0)
            return;
        x0 = snap(x0);
        x1 = std::max(snap(x1), x0 + 1);
        const qreal h = std::round(area.height() * double(std::min<std::int64_t>(level, scale)) / double(scale));
        const QRectF rc(x0, area.bottom() - h, x1 - x0, h);
        if (!fills.empty() && fills.back().right() >= x0 - 0.5 && fills.back().top() == rc.top()) {
            fills.back().setRight(std::max(x1, fills.back().right()));
            tops.back().setP2(QPointF(x1, rc.top() + 0.5));
            return;
        }
        fills.push_back(rc);
        tops.emplace_back(x0, rc.top() + 0.5, x1, rc.top() + 0.5);
    };
    if (n > 0 && startOf(0) <= visEnd) {
        sweepSpans(
            m, firstCandidate(n, from_, startOf), n, visEnd, startOf, endOf,
            [&](int i, qint64 s, qint64 e) {
                const std::int64_t level = levelOf(st[std::size_t(i)]);
                bar(m.x(s), m.x(e), level);
                if (m.x(e) - m.x(s) < 16 || level <= 0)
                    return;
                QString text;
                if (r.kind == aio::ResourceKind::lock || r.kind == aio::ResourceKind::condition) {
                    const aio::ObjectId holder = model_.event(st[std::size_t(i)]).b;
                    text = holder ? model_.taskName(holder) : QStringLiteral("locked");
                } else if (r.kind == aio::ResourceKind::event) {
                    text = QStringLiteral("set");
                } else if (isSemaphore(r.kind)) {
                    text = QStringLiteral("%1/%2").arg(level).arg(r.capacity);
                } else {
                    text = QString::number(level);
                }
                labels.push_back({QRectF(snap(m.x(s)), lane.top(), snap(m.x(e)) - snap(m.x(s)), area.bottom() - lane.top()), text});
            },
            [&](int i, int j, long col) {
                std::int64_t level = 0;
                const int scan = std::min(j, i + 64);
                for (int k = i; k < scan; ++k)
                    level = std::max(level, levelOf(st[std::size_t(k)]));
                bar(qreal(col), qreal(col + 1), level);
            });
    }
    p.setPen(Qt::NoPen);
    p.setBrush(theme_.resourceFill(r.kind));
    p.drawRects(fills.data(), int(fills.size()));
    p.setPen(QPen(theme_.resourceLine(r.kind), 1));
    p.drawLines(tops.data(), int(tops.size()));
    if (isSemaphore(r.kind) && r.capacity > 0) {
        // The capacity line: "at most N held" is visible as a ceiling.
        p.setPen(QPen(theme_.dimText, 1, Qt::DashLine));
        p.drawLine(QPointF(lane.left(), area.top() + 0.5), QPointF(lane.right(), area.top() + 0.5));
    }

    // Waiters: a strip along the bottom wherever someone queues for the resource.
    const auto& wv = r.waiterEvents;
    const int wn = int(wv.size());
    auto wstart = [&](int i) { return model_.timeOf(wv[std::size_t(i)]); };
    auto wend = [&](int i) { return i + 1 < wn ? std::min(model_.timeOf(wv[std::size_t(i) + 1]), lim) : lim; };
    std::vector<QRectF> strips;
    auto strip = [&](qreal x0, qreal x1) {
        x0 = snap(x0);
        x1 = std::max(snap(x1), x0 + 1);
        if (!strips.empty() && strips.back().right() >= x0 - 0.5) {
            strips.back().setRight(std::max(x1, strips.back().right()));
            return;
        }
        strips.emplace_back(x0, lane.bottom() - 5, x1 - x0, 4);
    };
    if (wn > 0 && wstart(0) <= visEnd) {
        sweepSpans(
            m, firstCandidate(wn, from_, wstart), wn, visEnd, wstart, wend,
            [&](int i, qint64 s, qint64 e) {
                const std::int64_t w = model_.event(wv[std::size_t(i)]).value;
                if (w <= 0)
                    return;
                strip(m.x(s), m.x(e));
                if (m.x(e) - m.x(s) > 60)
                    labels.push_back({QRectF(snap(m.x(s)), lane.top(), snap(m.x(e)) - snap(m.x(s)), area.bottom() - lane.top()),
                                      QStringLiteral("\t%1 waiting").arg(w)});
            },
            [&](int i, int j, long col) {
                for (int k = i; k < std::min(j, i + 64); ++k)
                    if (model_.event(wv[std::size_t(k)]).value > 0) {
                        strip(qreal(col), qreal(col + 1));
                        return;
                    }
            });
    }
    p.setPen(Qt::NoPen);
    p.setBrush(theme_.waiters);
    p.drawRects(strips.data(), int(strips.size()));

    // Condition notifications as ticks.
    const auto& nv = r.notifyEvents;
    if (!nv.empty()) {
        std::vector<QLineF> ticks;
        const int nfirst = firstCandidate(int(nv.size()), from_, [&](int i) { return model_.timeOf(nv[std::size_t(i)]); });
        qreal lastX = -1e9;
        for (std::size_t i = std::size_t(nfirst); i < nv.size(); ++i) {
            const qint64 t = model_.timeOf(nv[i]);
            if (t > visEnd)
                break;
            const qreal x = snap(m.x(t)) + 0.5;
            if (x - lastX < 1)
                continue;
            lastX = x;
            ticks.emplace_back(x, lane.top() + 2, x, lane.bottom() - 2);
        }
        p.setPen(QPen(theme_.wait[int(WaitCategory::Event)], 1));
        p.drawLines(ticks.data(), int(ticks.size()));
    }

    p.setFont(smallFont_);
    const QFontMetricsF fm(smallFont_);
    for (const Label& l : labels) {
        const bool waiting = l.text.startsWith(QLatin1Char('\t'));
        const QString text = waiting ? l.text.mid(1) : l.text;
        const QRectF tr = l.rect.adjusted(3, 0, -3, 0).intersected(lane);
        if (tr.width() < fm.horizontalAdvance(text) * 0.6)
            continue;
        p.setPen(waiting ? theme_.waiters : theme_.gutterText);
        p.drawText(tr, waiting ? (Qt::AlignRight | Qt::AlignBottom) : (Qt::AlignLeft | Qt::AlignTop), fm.elidedText(text, Qt::ElideRight, tr.width()));
    }
}

void TimelinePainter::paintWorkerLane(QPainter& p, const TimelineWorker& w, const QRectF& lane) const
{
    const qint64 lim = limit();
    const qint64 visEnd = std::min(to_, lim);
    const XMap m{lane.left(), from_, double(lane.width()) / double(to_ - from_)};
    const auto& ev = w.events;
    const int n = int(ev.size());
    auto startOf = [&](int i) { return model_.timeOf(ev[std::size_t(i)]); };
    auto endOf = [&](int i) { return i + 1 < n ? std::min(model_.timeOf(ev[std::size_t(i) + 1]), lim) : lim; };
    auto busy = [&](int i) { return model_.event(ev[std::size_t(i)]).kind == EventKind::worker_busy; };
    std::vector<QRectF> rects;
    struct Label { QRectF rect; QString text; };
    std::vector<Label> labels;
    const QRectF band = lane.adjusted(0, 3, 0, -3);
    auto add = [&](qreal x0, qreal x1) {
        x0 = snap(x0);
        x1 = std::max(snap(x1), x0 + 1);
        if (!rects.empty() && rects.back().right() >= x0 - 0.5) {
            rects.back().setRight(std::max(x1, rects.back().right()));
            return;
        }
        rects.emplace_back(x0, band.top(), x1 - x0, band.height());
    };
    if (n > 0 && startOf(0) <= visEnd) {
        sweepSpans(
            m, firstCandidate(n, from_, startOf), n, visEnd, startOf, endOf,
            [&](int i, qint64 s, qint64 e) {
                if (!busy(i))
                    return;
                add(m.x(s), m.x(e));
                if (m.x(e) - m.x(s) > 40)
                    labels.push_back({QRectF(snap(m.x(s)), band.top(), snap(m.x(e)) - snap(m.x(s)), band.height()),
                                      model_.eventText(ev[std::size_t(i)])});
            },
            [&](int i, int j, long col) {
                for (int k = i; k < std::min(j, i + 64); ++k)
                    if (busy(k)) {
                        add(qreal(col), qreal(col + 1));
                        return;
                    }
            });
    }
    const QColor c = theme_.wait[int(WaitCategory::Thread)];
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRects(rects.data(), int(rects.size()));
    p.setFont(smallFont_);
    p.setPen(QColor(Qt::white));
    const QFontMetricsF fm(smallFont_);
    for (const Label& l : labels) {
        const QRectF tr = l.rect.adjusted(4, 0, -4, 0).intersected(lane);
        p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(l.text, Qt::ElideRight, tr.width()));
    }
}

void TimelinePainter::paintGutterLabel(QPainter& p, const TimelineRow& r, const QRectF& rr) const
{
    const QRectF g(0, rr.top(), gutter_ - 1, rr.height());
    QColor bg = theme_.background;
    if (r.kind == TimelineRowKind::SectionLabel)
        bg = theme_.headerBackground;
    else if (r.kind == TimelineRowKind::Task && r.id == selected_)
        bg = theme_.selection;
    p.fillRect(g, bg);
    const QFontMetricsF fm(font_);
    p.setFont(font_);
    switch (r.kind) {
    case TimelineRowKind::SectionLabel: {
        QFont f = smallFont_;
        f.setBold(true);
        p.setFont(f);
        p.setPen(theme_.dimText);
        p.drawText(QRectF(8, rr.top(), size_.width() - 16, rr.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   r.id == 0 ? QStringLiteral("RESOURCES") : QStringLiteral("WORKER THREADS"));
        return;
    }
    case TimelineRowKind::Task: {
        const qreal indent = 4 + r.depth * 12;
        if (r.hasChildren) {
            p.save();
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(theme_.dimText);
            const qreal cx = indent + 6, cy = rr.center().y();
            if (isCollapsed(r.id))
                p.drawPolygon(QPolygonF({QPointF(cx - 2.5, cy - 4.5), QPointF(cx + 3.5, cy), QPointF(cx - 2.5, cy + 4.5)}));
            else
                p.drawPolygon(QPolygonF({QPointF(cx - 4.5, cy - 2.5), QPointF(cx + 4.5, cy - 2.5), QPointF(cx, cy + 3.5)}));
            p.restore();
        }
        const TimelineTask* t = model_.task(r.id);
        // Names of tasks that have ended, or do not exist yet at the playhead, recede.
        const bool ended = t && t->finishEvent != kNoEvent && model_.finishTime(*t) <= limit();
        const bool unborn = t && t->createdEvent != kNoEvent && model_.timeOf(t->createdEvent) > limit();
        QColor c = ended || unborn ? theme_.dimText : theme_.gutterText;
        if (unborn)
            c.setAlpha(110);
        p.setPen(c);
        const QRectF tr(indent + 14, rr.top(), gutter_ - indent - 18, rr.height());
        // In the middle: names made in a loop ("download-17") differ at the end.
        p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(model_.taskName(r.id), Qt::ElideMiddle, tr.width()));
        return;
    }
    case TimelineRowKind::Resource: {
        const TimelineResource* res = model_.resource(r.id);
        if (!res)
            return;
        // A name the engine made up ("Semaphore-3") already says what it is.
        const QString kind = resourceKindName(res->kind);
        const QString given = model_.resourceName(r.id);
        QString name = given.startsWith(kind + QLatin1Char('-')) ? given : QStringLiteral("%1 '%2'").arg(kind, given);
        if (isSemaphore(res->kind))
            name += QStringLiteral(" (%1)").arg(res->capacity);
        else if (isQueue(res->kind) && res->capacity > 0)
            name += QStringLiteral(" (max %1)").arg(res->capacity);
        p.setPen(theme_.gutterText);
        const QRectF tr(8, rr.top(), gutter_ - 12, rr.height());
        p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(name, Qt::ElideMiddle, tr.width()));
        return;
    }
    case TimelineRowKind::Worker: {
        p.setPen(theme_.gutterText);
        const QRectF tr(8, rr.top(), gutter_ - 12, rr.height());
        p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("thread %1").arg(r.id));
        return;
    }
    }
}

void TimelinePainter::paintArrows(QPainter& p) const
{
    const auto& wakes = model_.wakeEvents();
    if (wakes.empty())
        return;
    const qint64 visEnd = std::min(to_, limit());
    const qreal top = headerHeight();
    const qreal bottom = size_.height();
    auto timeOf = [&](int i) { return model_.timeOf(wakes[std::size_t(i)]); };
    auto firstAtOrAfter = [&](int lo, int hi, qint64 t) {
        while (lo < hi) {
            const int mid = lo + (hi - lo) / 2;
            if (timeOf(mid) < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    };
    const int first = firstAtOrAfter(0, int(wakes.size()), from_);
    const int last = firstAtOrAfter(first, int(wakes.size()), visEnd + 1);
    // Column by column: when wake-ups are denser than pixels, a few per column are enough
    // to show the pattern, and the frame stays O(pixels) however long the run.
    const qreal columns = std::max<qreal>(size_.width() - gutter_, 1);
    const bool dense = (last - first) > 4 * columns;
    const int perColumn = dense ? 4 : 64;
    std::vector<QLineF> lines;
    std::vector<QPolygonF> heads;
    const XMap m{plotRect().left(), from_, double(plotRect().width()) / double(to_ - from_)};
    int i = first;
    while (i < last) {
        const qreal col = std::floor(m.x(timeOf(i)));
        const int j = std::max(i + 1, gallop(i, last, m.timeAtOrAfter(col + 1), timeOf));
        qreal doneA = -1, doneB = -1;
        for (int k = i; k < std::min(j, i + perColumn); ++k) {
            const aio::TraceEvent& e = model_.event(wakes[std::size_t(k)]);
            const int to = visibleRowOfTask(e.a);
            if (to < 0)
                continue;
            // From the waking task if a task woke it; else from the resource it came through
            // (a callback or timer set it). Plain timer wake-ups draw no arrow.
            QRectF fromRect;
            if (e.b != 0) {
                const int from = visibleRowOfTask(e.b);
                if (from >= 0)
                    fromRect = rowRect(rows_[std::size_t(from)]);
            }
            if (fromRect.isNull() && e.value != 0)
                fromRect = resourceLaneRect(aio::ObjectId(e.value));
            if (fromRect.isNull())
                continue;
            const qreal ya = fromRect.center().y();
            const qreal yb = rowRect(rows_[std::size_t(to)]).center().y();
            const bool seen = (ya >= top && ya <= bottom) || (yb >= top && yb <= bottom);
            if (ya == yb || !seen || (ya == doneA && yb == doneB))
                continue;
            doneA = ya;
            doneB = yb;
            const qreal x = snap(m.x(e.time_ns)) + 0.5;
            const qreal dir = yb > ya ? 1 : -1;
            const qreal tip = yb - dir * 5;
            lines.emplace_back(x, std::clamp(ya, top - 1, bottom + 1), x, std::clamp(tip - dir * 3, top - 1, bottom + 1));
            if (yb >= top && yb <= bottom)
                heads.push_back(QPolygonF({QPointF(x - 3.5, tip - dir * 5), QPointF(x + 3.5, tip - dir * 5), QPointF(x, tip)}));
            if (dense)
                break;  // one arrow a column: more would only paint the column solid
        }
        i = j;
    }
    p.save();
    p.setClipRect(QRectF(gutter_, top, size_.width() - gutter_, bottom - top));
    // Vertical lines are crisp without antialiasing, and much cheaper.
    p.setPen(QPen(theme_.arrow, 1));
    p.drawLines(lines.data(), int(lines.size()));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(theme_.arrow);
    for (const QPolygonF& h : heads)
        p.drawPolygon(h);
    p.restore();
}

void TimelinePainter::paintPrints(QPainter& p) const
{
    const auto& prints = model_.printEvents();
    if (prints.empty())
        return;
    const qint64 visEnd = std::min(to_, limit());
    const int first = int(std::lower_bound(prints.begin(), prints.end(), from_,
                                           [&](std::uint32_t ev, qint64 t) { return model_.timeOf(ev) < t; })
                          - prints.begin());
    std::vector<QPolygonF> marks;
    for (std::size_t i = std::size_t(first); i < prints.size() && marks.size() < 5000; ++i) {
        const aio::TraceEvent& e = model_.event(prints[i]);
        if (e.time_ns > visEnd)
            break;
        const int row = rowIndexOfTask(e.a);
        if (row < 0)
            continue;
        const QRectF rr = rowRect(rows_[std::size_t(row)]);
        if (rr.bottom() < headerHeight() || rr.top() > size_.height())
            continue;
        const qreal x = snap(xForTime(e.time_ns)) + 0.5;
        marks.push_back(QPolygonF({QPointF(x - 3, rr.top()), QPointF(x + 3, rr.top()), QPointF(x, rr.top() + 4)}));
    }
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(theme_.print);
    for (const QPolygonF& m : marks)
        p.drawPolygon(m);
    p.restore();
}

// ---------------------------------------------------------------- legend

namespace {

struct LegendItem {
    enum Kind { Style, Done, Cancelled, TimedOut, Failed, Arrow, Callback } kind;
    int style;
    QString label;
};

std::vector<LegendItem> legendItems()
{
    std::vector<LegendItem> items{
        {LegendItem::Style, StyleRunning, QStringLiteral("running")},
        {LegendItem::Style, StyleReady, QStringLiteral("ready (scheduled)")},
        {LegendItem::Style, StyleBlocked, QStringLiteral("blocking the loop")},
    };
    for (int c = 0; c < kWaitCategoryCount - 1; ++c)
        items.push_back({LegendItem::Style, StyleWaitFirst + c, QStringLiteral("waiting: %1").arg(waitCategoryName(WaitCategory(c)))});
    items.push_back({LegendItem::Done, 0, QStringLiteral("done (→ result)")});
    items.push_back({LegendItem::Cancelled, 0, QStringLiteral("cancelled")});
    items.push_back({LegendItem::TimedOut, 0, QStringLiteral("timed out")});
    items.push_back({LegendItem::Failed, 0, QStringLiteral("failed (exception)")});
    items.push_back({LegendItem::Arrow, 0, QStringLiteral("woke up")});
    items.push_back({LegendItem::Callback, 0, QStringLiteral("loop: callbacks")});
    return items;
}

constexpr qreal kLegendItemWidth = 240;
constexpr qreal kLegendItemHeight = 20;

}  // namespace

QSizeF TimelinePainter::legendSize(qreal width) const
{
    const int perRow = std::max(1, int(width / kLegendItemWidth));
    const int n = int(legendItems().size());
    const int rowsNeeded = (n + perRow - 1) / perRow;
    return QSizeF(std::min<qreal>(width, perRow * kLegendItemWidth), rowsNeeded * kLegendItemHeight + 8);
}

void TimelinePainter::paintLegend(QPainter& p, const QRectF& rect) const
{
    gSnapScale = deviceScale(p);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(rect, theme_.background);
    const int perRow = std::max(1, int(rect.width() / kLegendItemWidth));
    const auto items = legendItems();
    p.setFont(font_);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const qreal x = rect.left() + 4 + qreal(i % std::size_t(perRow)) * kLegendItemWidth;
        const qreal y = rect.top() + 4 + qreal(i / std::size_t(perRow)) * kLegendItemHeight;
        const QRectF swatchLane(x, y, 34, kLegendItemHeight);
        const LegendItem& it = items[i];
        switch (it.kind) {
        case LegendItem::Style: {
            Batches b;
            b.add(it.style, swatchLane.left(), swatchLane.right(), swatchLane);
            b.flushPending();
            flushBatches(p, b);
            break;
        }
        case LegendItem::Done:
        case LegendItem::Cancelled:
        case LegendItem::TimedOut:
        case LegendItem::Failed: {
            const qreal cx = swatchLane.center().x(), cy = swatchLane.center().y();
            p.save();
            p.setRenderHint(QPainter::Antialiasing, true);
            const qreal r = 5;
            if (it.kind == LegendItem::Done) {
                p.setPen(Qt::NoPen);
                p.setBrush(theme_.done);
                p.drawEllipse(QPointF(cx, cy), r, r);
            } else if (it.kind == LegendItem::Cancelled) {
                p.setPen(QPen(theme_.cancelled, 2.2));
                p.drawLine(QPointF(cx - 4, cy - 4), QPointF(cx + 4, cy + 4));
                p.drawLine(QPointF(cx - 4, cy + 4), QPointF(cx + 4, cy - 4));
            } else if (it.kind == LegendItem::TimedOut) {
                p.setPen(Qt::NoPen);
                p.setBrush(theme_.timedOut);
                p.drawPolygon(QPolygonF({QPointF(cx, cy - 6), QPointF(cx + 6, cy), QPointF(cx, cy + 6), QPointF(cx - 6, cy)}));
            } else {
                p.setPen(Qt::NoPen);
                p.setBrush(theme_.failed);
                p.drawPolygon(QPolygonF({QPointF(cx, cy - 6), QPointF(cx + 6, cy + 5), QPointF(cx - 6, cy + 5)}));
            }
            p.restore();
            break;
        }
        case LegendItem::Arrow: {
            p.save();
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(QPen(theme_.arrow, 1.2));
            const qreal cy = swatchLane.center().y();
            p.drawLine(QPointF(x + 2, cy), QPointF(x + 26, cy));
            p.setPen(Qt::NoPen);
            p.setBrush(theme_.arrow);
            p.drawPolygon(QPolygonF({QPointF(x + 32, cy), QPointF(x + 25, cy - 3.5), QPointF(x + 25, cy + 3.5)}));
            p.restore();
            break;
        }
        case LegendItem::Callback:
            p.fillRect(swatchLane.adjusted(0, 3, 0, -3), theme_.callback);
            break;
        }
        p.setPen(theme_.gutterText);
        p.drawText(QRectF(x + 40, y, kLegendItemWidth - 44, kLegendItemHeight), Qt::AlignLeft | Qt::AlignVCenter, it.label);
    }
    p.restore();
}

// ---------------------------------------------------------------- hit testing

TimelineHit TimelinePainter::hitTest(const QPointF& pos) const
{
    TimelineHit hit;
    hit.time = timeForX(pos.x());
    if (pos.y() < kAxisHeight) {
        hit.kind = TimelineHit::Kind::Axis;
        return hit;
    }
    if (pos.y() < kAxisHeight + kLoopHeight) {
        hit.kind = pos.x() < gutter_ ? TimelineHit::Kind::Gutter : TimelineHit::Kind::Loop;
        return hit;
    }
    ensureLayout();
    const qreal y = pos.y() - headerHeight() + scrollY_;
    auto it = std::upper_bound(rows_.begin(), rows_.end(), y, [](qreal v, const TimelineRow& r) { return v < r.y; });
    if (it == rows_.begin())
        return hit;
    --it;
    if (y >= it->y + it->height)
        return hit;
    hit.id = it->id;
    switch (it->kind) {
    case TimelineRowKind::Task: {
        const qreal indent = 4 + it->depth * 12;
        if (it->hasChildren && pos.x() >= indent - 2 && pos.x() < indent + 14)
            hit.kind = TimelineHit::Kind::TaskToggle;
        else
            hit.kind = TimelineHit::Kind::Task;
        break;
    }
    case TimelineRowKind::Resource:
        hit.kind = TimelineHit::Kind::Resource;
        break;
    case TimelineRowKind::Worker:
        hit.kind = TimelineHit::Kind::Worker;
        break;
    case TimelineRowKind::SectionLabel:
        hit.kind = TimelineHit::Kind::None;
        hit.id = 0;
        break;
    }
    return hit;
}

QString TimelinePainter::toolTipAt(const QPointF& pos) const
{
    const TimelineHit hit = hitTest(pos);
    const bool inPlot = pos.x() >= gutter_;
    const qint64 t = std::min(hit.time, limit());
    switch (hit.kind) {
    case TimelineHit::Kind::Loop:
        return loopToolTip(t);
    case TimelineHit::Kind::Task:
    case TimelineHit::Kind::TaskToggle:
        if (const TimelineTask* task = model_.task(hit.id))
            return inPlot ? taskToolTip(*task, t) : model_.taskName(hit.id);
        break;
    case TimelineHit::Kind::Resource:
        if (const TimelineResource* r = model_.resource(hit.id))
            return resourceToolTip(*r, inPlot ? t : limit());
        break;
    case TimelineHit::Kind::Worker:
        for (const TimelineWorker& w : model_.workers())
            if (w.slot == hit.id)
                return workerToolTip(w, t);
        break;
    default:
        break;
    }
    return QString();
}

QString TimelinePainter::taskToolTip(const TimelineTask& t, qint64 time) const
{
    QString s = QStringLiteral("<b>%1</b>").arg(model_.taskName(t.id).toHtmlEscaped());
    if (t.parent)
        s += QStringLiteral(" <span>(created by %1)</span>").arg(model_.taskName(t.parent).toHtmlEscaped());
    s += QStringLiteral("<br>");
    const qint64 ft = model_.finishTime(t);
    if (ft >= 0 && time >= ft) {
        QString what;
        switch (model_.endKind(t)) {
        case TaskEnd::Done: what = QStringLiteral("done"); break;
        case TaskEnd::Cancelled: what = QStringLiteral("cancelled"); break;
        case TaskEnd::TimedOut: what = QStringLiteral("timed out (cancelled)"); break;
        case TaskEnd::Failed: what = QStringLiteral("failed"); break;
        case TaskEnd::None: break;
        }
        s += QStringLiteral("%1 at %2").arg(what, formatTime(ft));
        const QString text = model_.eventText(t.finishEvent);
        if (!text.isEmpty())
            s += QStringLiteral(": %1").arg(text.toHtmlEscaped());
        return s;
    }
    const int i = model_.segmentAt(t, time);
    if (i < 0)
        return s + QStringLiteral("not created yet");
    const TimelineSegment& seg = t.segments[std::size_t(i)];
    const qint64 since = model_.segmentStart(t, i);
    const aio::TraceEvent& e = model_.event(seg.event);
    switch (seg.state) {
    case TaskState::Ready:
        s += QStringLiteral("ready (scheduled, waiting for the loop)");
        if (e.kind == EventKind::task_ready && e.b)
            s += QStringLiteral(", woken by %1").arg(model_.taskName(e.b).toHtmlEscaped());
        else if (e.kind == EventKind::task_suspended)
            s += QStringLiteral(", yielded with %1").arg(model_.text(e.text).toHtmlEscaped());
        break;
    case TaskState::Running:
        s += QStringLiteral("running (holds the loop)");
        break;
    case TaskState::Waiting: {
        const QString what = model_.text(e.text);
        s += QStringLiteral("waiting on %1 (%2)").arg(what.isEmpty() ? QStringLiteral("?") : what.toHtmlEscaped(), waitKindName(seg.waitKind));
        break;
    }
    case TaskState::Blocked: {
        const qint64 bend = e.time_ns + e.value;
        if (time < bend)
            s += QStringLiteral("blocking the loop: %1 (for %2)").arg(model_.text(e.text).toHtmlEscaped(), formatTime(e.value));
        else
            s += QStringLiteral("running (after blocking the loop)");
        break;
    }
    }
    s += QStringLiteral("<br>since %1 (for %2)").arg(formatTime(since), formatTime(time - since));
    QString file;
    if (const int line = model_.lineAt(t, time, &file); line > 0)
        s += QStringLiteral("<br>line %1").arg(line);
    return s;
}

QString TimelinePainter::resourceToolTip(const TimelineResource& r, qint64 time) const
{
    QString s = QStringLiteral("<b>%1 '%2'</b><br>").arg(resourceKindName(r.kind), model_.resourceName(r.id).toHtmlEscaped());
    const std::int64_t level = model_.resourceLevelAt(r, time);
    if (isSemaphore(r.kind))
        s += QStringLiteral("%1 of %2 permits in use").arg(level).arg(r.capacity);
    else if (r.kind == aio::ResourceKind::lock) {
        const std::uint32_t ev = model_.lastAt(r.stateEvents, time);
        const aio::ObjectId holder = ev == kNoEvent ? 0 : model_.event(ev).b;
        s += level ? QStringLiteral("locked by %1").arg(holder ? model_.taskName(holder).toHtmlEscaped() : QStringLiteral("?"))
                   : QStringLiteral("unlocked");
    } else if (r.kind == aio::ResourceKind::event)
        s += level ? QStringLiteral("set") : QStringLiteral("not set");
    else if (isQueue(r.kind)) {
        s += QStringLiteral("%1 item(s)").arg(level);
        if (r.capacity > 0)
            s += QStringLiteral(" of max %1").arg(r.capacity);
        const std::uint32_t ev = model_.lastAt(r.contentEvents, time);
        if (ev != kNoEvent)
            s += QStringLiteral("<br>%1").arg(model_.eventText(ev).toHtmlEscaped());
    } else
        s += QStringLiteral("level %1").arg(level);
    if (const std::int64_t w = model_.resourceWaitersAt(r, time); w > 0)
        s += QStringLiteral("<br>%1 waiting").arg(w);
    const auto holders = model_.holdersAt(r, time);
    if (!holders.empty() && r.kind != aio::ResourceKind::lock) {
        QStringList names;
        for (aio::ObjectId h : holders)
            names << model_.taskName(h).toHtmlEscaped();
        s += QStringLiteral("<br>held by %1").arg(names.join(QStringLiteral(", ")));
    }
    return s + QStringLiteral("<br>at %1").arg(formatTime(time));
}

QString TimelinePainter::loopToolTip(qint64 time) const
{
    // A problem report within a few pixels of the mouse says what went wrong.
    const qint64 slack = qint64(8 * double(to_ - from_) / double(plotRect().width()));
    const auto& problems = model_.problemEvents();
    const std::uint32_t pev = model_.lastAt(problems, time + slack);
    if (pev != kNoEvent && model_.timeOf(pev) >= time - slack) {
        const aio::TraceEvent& e = model_.event(pev);
        const QString what = e.kind == EventKind::deadlock ? QStringLiteral("deadlock") : QStringLiteral("exception never retrieved");
        return QStringLiteral("<b>%1</b> at %2<br>%3")
            .arg(what, formatTime(e.time_ns), model_.eventText(pev).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    const auto& blocked = model_.blockedEvents();
    const std::uint32_t bev = model_.lastAt(blocked, time);
    if (bev != kNoEvent) {
        const aio::TraceEvent& e = model_.event(bev);
        if (time < e.time_ns + e.value)
            return QStringLiteral("<b>event loop</b><br>blocked by %1: %2<br>from %3 to %4")
                .arg(model_.taskName(e.a).toHtmlEscaped(), model_.text(e.text).toHtmlEscaped(), formatTime(e.time_ns),
                     formatTime(e.time_ns + e.value));
    }
    const int i = model_.loopSpanAt(time);
    if (i < 0)
        return QStringLiteral("<b>event loop</b><br>idle at %1").arg(formatTime(time));
    const LoopSpan& s = model_.loopSpans()[std::size_t(i)];
    if (model_.loopSpanIsCallback(s))
        return QStringLiteral("<b>event loop</b><br>running callback %1").arg(model_.eventText(s.begin).toHtmlEscaped());
    return QStringLiteral("<b>event loop</b><br>running %1 since %2")
        .arg(model_.taskName(s.who).toHtmlEscaped(), formatTime(model_.timeOf(s.begin)));
}

QString TimelinePainter::workerToolTip(const TimelineWorker& w, qint64 time) const
{
    const std::uint32_t ev = model_.lastAt(w.events, time);
    if (ev == kNoEvent || model_.event(ev).kind != EventKind::worker_busy)
        return QStringLiteral("<b>thread %1</b><br>idle").arg(w.slot);
    const aio::TraceEvent& e = model_.event(ev);
    return QStringLiteral("<b>thread %1</b><br>running %2 for %3<br>since %4")
        .arg(w.slot)
        .arg(model_.eventText(ev).toHtmlEscaped(), model_.taskName(e.b).toHtmlEscaped(), formatTime(e.time_ns));
}
