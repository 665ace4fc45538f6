#include <ui/timeline_model.hpp>

#include <algorithm>
#include <map>

using aio::EventKind;

TimelineModel::TimelineModel(const aio::Recorder& recorder)
    : recorder_(recorder)
{
}

QString TimelineModel::text(std::uint32_t stringId) const
{
    const std::string_view s = recorder_.string(stringId);
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

bool TimelineModel::update()
{
    // One load of size(): everything below it is published and immutable.
    const std::size_t n = recorder_.size();
    if (n <= consumed_)
        return false;
    for (std::size_t i = consumed_; i < n; ++i)
        consume(std::uint32_t(i), recorder_[i]);
    consumed_ = n;
    return true;
}

std::uint32_t TimelineModel::eventsUpTo(qint64 t) const
{
    std::size_t lo = 0, hi = consumed_;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (recorder_[mid].time_ns <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return std::uint32_t(lo);
}

std::uint32_t TimelineModel::eventsBefore(qint64 t) const
{
    std::size_t lo = 0, hi = consumed_;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (recorder_[mid].time_ns < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return std::uint32_t(lo);
}

qint64 TimelineModel::nextEventTime(qint64 t) const
{
    const std::uint32_t i = eventsUpTo(t);
    return i < consumed_ ? timeOf(i) : t;
}

qint64 TimelineModel::previousEventTime(qint64 t) const
{
    const std::uint32_t i = eventsBefore(t);
    return i > 0 ? timeOf(i - 1) : t;
}

const TimelineTask* TimelineModel::task(aio::ObjectId id) const
{
    const auto it = taskIndex_.find(id);
    return it == taskIndex_.end() ? nullptr : &tasks_[it->second];
}

int TimelineModel::taskIndex(aio::ObjectId id) const
{
    const auto it = taskIndex_.find(id);
    return it == taskIndex_.end() ? -1 : int(it->second);
}

TimelineTask* TimelineModel::mutableTask(aio::ObjectId id)
{
    const auto it = taskIndex_.find(id);
    return it == taskIndex_.end() ? nullptr : &tasks_[it->second];
}

QString TimelineModel::taskName(aio::ObjectId id) const
{
    const TimelineTask* t = task(id);
    if (!t)
        return QStringLiteral("#%1").arg(id);
    const QString name = text(t->nameText);
    return name.isEmpty() ? QStringLiteral("Task-%1").arg(id) : name;
}

const TimelineResource* TimelineModel::resource(aio::ObjectId id) const
{
    const auto it = resourceIndex_.find(id);
    return it == resourceIndex_.end() ? nullptr : &resources_[it->second];
}

TimelineResource* TimelineModel::mutableResource(aio::ObjectId id)
{
    const auto it = resourceIndex_.find(id);
    if (it != resourceIndex_.end())
        return &resources_[it->second];
    // A resource we never saw created (a trace cut short): give it a lane anyway.
    TimelineResource r;
    r.id = id;
    resourceIndex_.emplace(id, std::uint32_t(resources_.size()));
    resources_.push_back(std::move(r));
    ++structureRevision_;
    return &resources_.back();
}

QString TimelineModel::resourceName(aio::ObjectId id) const
{
    const TimelineResource* r = resource(id);
    if (!r)
        return QStringLiteral("#%1").arg(id);
    const QString name = text(r->nameText);
    return name.isEmpty() ? QStringLiteral("#%1").arg(id) : name;
}

void TimelineModel::addSegment(TimelineTask& t, std::uint32_t index, TaskState s, aio::WaitKind w)
{
    if (t.finishEvent != kNoEvent)
        return;
    if (!t.segments.empty()) {
        const TimelineSegment& last = t.segments.back();
        // Repeated "ready" or "running" says nothing new; a new wait may name a new object.
        if (last.state == s && s != TaskState::Waiting && s != TaskState::Blocked)
            return;
    }
    t.segments.push_back(TimelineSegment{index, s, w, 0});
}

void TimelineModel::closeLoopSpan(std::uint32_t index)
{
    if (!loopSpans_.empty() && loopSpans_.back().end == kNoEvent)
        loopSpans_.back().end = index;
}

void TimelineModel::consume(std::uint32_t index, const aio::TraceEvent& e)
{
    endTime_ = std::max<qint64>(endTime_, e.time_ns);
    switch (e.kind) {
    case EventKind::task_created: {
        if (taskIndex_.count(e.a))
            break;
        TimelineTask t;
        t.id = e.a;
        t.createdEvent = index;
        t.nameText = e.text;
        if (TimelineTask* parent = mutableTask(e.b)) {
            t.parent = e.b;
            t.depth = parent->depth + 1;
            parent->children.push_back(e.a);
        } else {
            roots_.push_back(e.a);
        }
        t.segments.push_back(TimelineSegment{index, TaskState::Ready, aio::WaitKind::none, 0});
        taskIndex_.emplace(e.a, std::uint32_t(tasks_.size()));
        tasks_.push_back(std::move(t));
        ++structureRevision_;
        break;
    }
    case EventKind::task_renamed:
        if (TimelineTask* t = mutableTask(e.a)) {
            t->nameText = e.text;
            ++structureRevision_;
        }
        break;
    case EventKind::task_ready:
        if (TimelineTask* t = mutableTask(e.a)) {
            addSegment(*t, index, TaskState::Ready, aio::WaitKind::none);
            if (e.b != 0 || e.value != 0)
                wakes_.push_back(index);
        }
        break;
    case EventKind::task_resumed:
        closeLoopSpan(index);
        loopSpans_.push_back(LoopSpan{index, kNoEvent, e.a});
        if (TimelineTask* t = mutableTask(e.a))
            addSegment(*t, index, TaskState::Running, aio::WaitKind::none);
        break;
    case EventKind::task_suspended:
        closeLoopSpan(index);
        if (TimelineTask* t = mutableTask(e.a)) {
            // A yield (sleep(0)) is ready at once: the engine records no task_ready for it.
            const auto kind = aio::WaitKind(e.sub);
            addSegment(*t, index, kind == aio::WaitKind::yield ? TaskState::Ready : TaskState::Waiting, kind);
        }
        break;
    case EventKind::task_finished:
        closeLoopSpan(index);
        if (TimelineTask* t = mutableTask(e.a); t && t->finishEvent == kNoEvent)
            t->finishEvent = index;
        break;
    case EventKind::task_line:
        if (TimelineTask* t = mutableTask(e.a))
            t->lineEvents.push_back(index);
        break;
    case EventKind::task_cancel:
        if (TimelineTask* t = mutableTask(e.a); t && t->cancelEvent == kNoEvent)
            t->cancelEvent = index;
        break;
    case EventKind::task_timeout:
        if (TimelineTask* t = mutableTask(e.a); t && t->timeoutEvent == kNoEvent)
            t->timeoutEvent = index;
        break;
    case EventKind::loop_blocked:
        blocked_.push_back(index);
        endTime_ = std::max<qint64>(endTime_, e.time_ns + std::max<std::int64_t>(e.value, 0));
        if (TimelineTask* t = mutableTask(e.a))
            addSegment(*t, index, TaskState::Blocked, aio::WaitKind::none);
        break;
    case EventKind::callback_begin:
        closeLoopSpan(index);
        loopSpans_.push_back(LoopSpan{index, kNoEvent, e.a});
        break;
    case EventKind::callback_end:
        closeLoopSpan(index);
        break;
    case EventKind::resource_created: {
        TimelineResource* r = mutableResource(e.a);
        r->kind = aio::ResourceKind(e.sub);
        r->creator = e.b;
        r->capacity = e.value;
        r->createdEvent = index;
        r->nameText = e.text;
        ++structureRevision_;
        break;
    }
    case EventKind::resource_state: {
        TimelineResource* r = mutableResource(e.a);
        r->stateEvents.push_back(index);
        r->maxLevel = std::max(r->maxLevel, resourceLevelAt(*r, e.time_ns));
        break;
    }
    case EventKind::resource_waiters:
        mutableResource(e.a)->waiterEvents.push_back(index);
        break;
    case EventKind::resource_acquired:
    case EventKind::resource_released:
        mutableResource(e.a)->holdEvents.push_back(index);
        break;
    case EventKind::queue_contents:
        mutableResource(e.a)->contentEvents.push_back(index);
        break;
    case EventKind::condition_notify:
        mutableResource(e.a)->notifyEvents.push_back(index);
        break;
    case EventKind::worker_busy:
    case EventKind::worker_idle: {
        auto it = workerIndex_.find(e.a);
        if (it == workerIndex_.end()) {
            it = workerIndex_.emplace(e.a, std::uint32_t(workers_.size())).first;
            workers_.push_back(TimelineWorker{e.a, {}});
            ++structureRevision_;
        }
        workers_[it->second].events.push_back(index);
        break;
    }
    case EventKind::print:
        prints_.push_back(index);
        break;
    case EventKind::exception_logged:
    case EventKind::deadlock:
        problems_.push_back(index);
        break;
    }
}

int TimelineModel::segmentAt(const TimelineTask& task, qint64 t) const
{
    if (task.segments.empty() || t < segmentStart(task, 0))
        return -1;
    if (task.finishEvent != kNoEvent && t >= timeOf(task.finishEvent))
        return -1;
    // Last segment starting at or before t.
    std::size_t lo = 0, hi = task.segments.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (timeOf(task.segments[mid].event) <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return int(lo) - 1;
}

qint64 TimelineModel::segmentEnd(const TimelineTask& task, int i, qint64 limit) const
{
    qint64 end = limit;
    if (std::size_t(i) + 1 < task.segments.size())
        end = timeOf(task.segments[std::size_t(i) + 1].event);
    else if (task.finishEvent != kNoEvent)
        end = timeOf(task.finishEvent);
    return std::min(end, limit);
}

TaskEnd TimelineModel::endKind(const TimelineTask& task) const
{
    if (task.finishEvent == kNoEvent)
        return TaskEnd::None;
    switch (aio::FinishKind(event(task.finishEvent).sub)) {
    case aio::FinishKind::done:
        return TaskEnd::Done;
    case aio::FinishKind::cancelled:
        return task.timeoutEvent != kNoEvent ? TaskEnd::TimedOut : TaskEnd::Cancelled;
    case aio::FinishKind::failed:
        return TaskEnd::Failed;
    }
    return TaskEnd::Done;
}

qint64 TimelineModel::finishTime(const TimelineTask& task) const
{
    return task.finishEvent == kNoEvent ? -1 : timeOf(task.finishEvent);
}

std::uint32_t TimelineModel::lastAt(const std::vector<std::uint32_t>& list, qint64 t) const
{
    std::size_t lo = 0, hi = list.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (timeOf(list[mid]) <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? kNoEvent : list[lo - 1];
}

int TimelineModel::lineAt(const TimelineTask& task, qint64 t, QString* file) const
{
    const std::uint32_t ev = lastAt(task.lineEvents, t);
    if (ev == kNoEvent)
        return 0;
    if (file)
        *file = eventText(ev);
    return int(event(ev).value);
}

bool TimelineModel::loopSpanIsCallback(const LoopSpan& s) const
{
    return event(s.begin).kind == EventKind::callback_begin;
}

int TimelineModel::loopSpanAt(qint64 t) const
{
    std::size_t lo = 0, hi = loopSpans_.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (timeOf(loopSpans_[mid].begin) <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1;
    const LoopSpan& s = loopSpans_[lo - 1];
    // A span that took no time (virtual clock) still counts at its own instant.
    if (s.end != kNoEvent && timeOf(s.end) <= t && timeOf(s.begin) < t)
        return -1;
    return int(lo) - 1;
}

std::int64_t TimelineModel::resourceLevelAt(const TimelineResource& r, qint64 t) const
{
    const std::uint32_t ev = lastAt(r.stateEvents, t);
    if (ev == kNoEvent)
        return 0;
    const std::int64_t v = event(ev).value;
    switch (r.kind) {
    case aio::ResourceKind::semaphore:
    case aio::ResourceKind::bounded_semaphore:
        return r.capacity - v;
    default:
        return v;
    }
}

std::int64_t TimelineModel::resourceWaitersAt(const TimelineResource& r, qint64 t) const
{
    const std::uint32_t ev = lastAt(r.waiterEvents, t);
    return ev == kNoEvent ? 0 : event(ev).value;
}

std::vector<aio::ObjectId> TimelineModel::holdersAt(const TimelineResource& r, qint64 t) const
{
    std::map<aio::ObjectId, std::int64_t> units;  // ordered: stable output
    for (std::uint32_t ev : r.holdEvents) {
        const aio::TraceEvent& e = event(ev);
        if (e.time_ns > t)
            break;
        units[e.b] = e.value;
    }
    std::vector<aio::ObjectId> out;
    for (const auto& [task, n] : units)
        if (n > 0)
            out.push_back(task);
    return out;
}

namespace {

template <typename T>
std::size_t vectorBytes(const std::vector<T>& v)
{
    return v.capacity() * sizeof(T);
}

template <typename K, typename V>
std::size_t hashBytes(const std::unordered_map<K, V>& m)
{
    // libstdc++: one node (next pointer, pair, cached hash) per entry plus a bucket array.
    return m.size() * (sizeof(void*) + sizeof(std::pair<const K, V>) + sizeof(std::size_t))
        + m.bucket_count() * sizeof(void*);
}

}  // namespace

std::size_t TimelineModel::memoryBytes() const
{
    std::size_t n = sizeof(*this);
    n += vectorBytes(tasks_) + vectorBytes(roots_) + hashBytes(taskIndex_);
    for (const TimelineTask& t : tasks_)
        n += vectorBytes(t.segments) + vectorBytes(t.lineEvents) + vectorBytes(t.children);
    n += vectorBytes(resources_) + hashBytes(resourceIndex_);
    for (const TimelineResource& r : resources_)
        n += vectorBytes(r.stateEvents) + vectorBytes(r.waiterEvents) + vectorBytes(r.holdEvents)
            + vectorBytes(r.contentEvents) + vectorBytes(r.notifyEvents);
    n += vectorBytes(workers_) + hashBytes(workerIndex_);
    for (const TimelineWorker& w : workers_)
        n += vectorBytes(w.events);
    n += vectorBytes(loopSpans_) + vectorBytes(blocked_) + vectorBytes(wakes_) + vectorBytes(prints_)
        + vectorBytes(problems_);
    return n;
}
