// TimelineModel: what every task, resource, worker and the loop did over time, built
// incrementally from an aio::Recorder. It stores only event indices into the recorder
// (which stays the source of truth), so it costs a few bytes per event.
// Threading: one thread owns a model (update() and all reads); the recorder may keep
// growing on the loop's thread meanwhile, update() reads only its published prefix.
#pragma once

#include <engine/recorder.hpp>

#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

enum class TaskState : std::uint8_t {
    Ready,    // scheduled, waiting for the loop
    Running,  // holds the loop
    Waiting,  // suspended on something (see Segment::waitKind)
    Blocked,  // running and blocking the whole loop (time.sleep, heavy CPU)
};

enum class TaskEnd : std::uint8_t { None, Done, Cancelled, TimedOut, Failed };

// A task lane is a run of segments; a segment lasts until the next one starts
// (or the task finishes, or the end of what is recorded).
struct TimelineSegment {
    std::uint32_t event;     // recorder index of the event that started it
    TaskState state;
    aio::WaitKind waitKind;  // for Waiting
    std::uint16_t reserved;
};
static_assert(sizeof(TimelineSegment) == 8);

inline constexpr std::uint32_t kNoEvent = 0xffffffffu;

struct TimelineTask {
    aio::ObjectId id = 0;
    aio::ObjectId parent = 0;       // creator task, 0 for tasks the loop created
    int depth = 0;                  // nesting under creators
    std::uint32_t createdEvent = kNoEvent;
    std::uint32_t finishEvent = kNoEvent;
    std::uint32_t timeoutEvent = kNoEvent;
    std::uint32_t cancelEvent = kNoEvent;
    std::uint32_t nameText = 0;     // recorder string id (renames update it)
    std::vector<TimelineSegment> segments;
    std::vector<std::uint32_t> lineEvents;   // task_line events (line at time t)
    std::vector<aio::ObjectId> children;     // in creation order
};

// One interval during which something holds the loop.
struct LoopSpan {
    std::uint32_t begin;  // task_resumed or callback_begin event
    std::uint32_t end;    // event that gave the loop back, kNoEvent while open
    aio::ObjectId who;    // task id, or callback handle id
};

struct TimelineResource {
    aio::ObjectId id = 0;
    aio::ResourceKind kind{};
    aio::ObjectId creator = 0;
    std::int64_t capacity = 0;      // permits, queue maxsize (0 = unbounded)
    std::uint32_t createdEvent = kNoEvent;
    std::uint32_t nameText = 0;
    std::int64_t maxLevel = 0;      // highest level ever recorded (scales queue lanes)
    std::vector<std::uint32_t> stateEvents;    // resource_state
    std::vector<std::uint32_t> waiterEvents;   // resource_waiters
    std::vector<std::uint32_t> holdEvents;     // resource_acquired / resource_released
    std::vector<std::uint32_t> contentEvents;  // queue_contents
    std::vector<std::uint32_t> notifyEvents;   // condition_notify
};

struct TimelineWorker {
    aio::ObjectId slot = 0;
    std::vector<std::uint32_t> events;  // worker_busy / worker_idle, alternating
};

class TimelineModel {
public:
    explicit TimelineModel(const aio::Recorder& recorder);

    // Consumes the events recorded since the last call. Returns true if any were new.
    bool update();

    const aio::Recorder& recorder() const { return recorder_; }
    const aio::TraceEvent& event(std::uint32_t index) const { return recorder_[index]; }
    qint64 timeOf(std::uint32_t index) const { return recorder_[index].time_ns; }
    QString text(std::uint32_t stringId) const;
    QString eventText(std::uint32_t index) const { return text(recorder_[index].text); }

    std::size_t eventCount() const { return consumed_; }
    qint64 startTime() const { return consumed_ ? timeOf(0) : 0; }
    // Time of the last consumed event (end of a blocking interval counts too), or the
    // live end if that is later.
    qint64 endTime() const { return std::max(endTime_, liveEnd_); }
    // A live run's clock: nothing has happened since the last event, so what is recorded
    // reaches `t`, and the lanes of tasks that sleep or wait reach it too. 0: not live.
    void setLiveEnd(qint64 t) { liveEnd_ = t; }
    // First event index whose time is > t (binary search over the recorder).
    std::uint32_t eventsUpTo(qint64 t) const;
    // Index of the first event at or after t.
    std::uint32_t eventsBefore(qint64 t) const;
    // Stepping through a run: the next / previous moment something happened (t if none).
    qint64 nextEventTime(qint64 t) const;
    qint64 previousEventTime(qint64 t) const;

    // Tasks in creation order; tasks[i].id is the ObjectId.
    const std::vector<TimelineTask>& tasks() const { return tasks_; }
    const TimelineTask* task(aio::ObjectId id) const;
    int taskIndex(aio::ObjectId id) const;
    QString taskName(aio::ObjectId id) const;
    const std::vector<aio::ObjectId>& rootTasks() const { return roots_; }

    // Segment index of `task` active at time t (-1 before it exists or after it ends).
    int segmentAt(const TimelineTask& task, qint64 t) const;
    qint64 segmentStart(const TimelineTask& task, int i) const { return timeOf(task.segments[size_t(i)].event); }
    // End of segment i, never later than `limit` (what is recorded, or the playhead).
    qint64 segmentEnd(const TimelineTask& task, int i, qint64 limit) const;
    TaskEnd endKind(const TimelineTask& task) const;
    qint64 finishTime(const TimelineTask& task) const;
    // The script line a task was on at time t (0 if unknown), and its file.
    int lineAt(const TimelineTask& task, qint64 t, QString* file = nullptr) const;

    const std::vector<LoopSpan>& loopSpans() const { return loopSpans_; }
    bool loopSpanIsCallback(const LoopSpan& s) const;
    const std::vector<std::uint32_t>& blockedEvents() const { return blocked_; }  // loop_blocked
    // Index of the loop span active at t, or -1 when the loop is idle.
    int loopSpanAt(qint64 t) const;

    const std::vector<TimelineResource>& resources() const { return resources_; }
    const TimelineResource* resource(aio::ObjectId id) const;
    QString resourceName(aio::ObjectId id) const;
    // Last event of `list` at or before t (kNoEvent if none): "value at time t".
    std::uint32_t lastAt(const std::vector<std::uint32_t>& list, qint64 t) const;
    // Permits or units in use at t (semaphores: capacity - free; locks: 0/1; queues: size; events: flag).
    std::int64_t resourceLevelAt(const TimelineResource& r, qint64 t) const;
    std::int64_t resourceWaitersAt(const TimelineResource& r, qint64 t) const;
    // Who holds units of the resource at t (from acquired/released events).
    std::vector<aio::ObjectId> holdersAt(const TimelineResource& r, qint64 t) const;

    const std::vector<TimelineWorker>& workers() const { return workers_; }

    // task_ready events with a waker (a task or a resource): the wake-up arrows.
    const std::vector<std::uint32_t>& wakeEvents() const { return wakes_; }
    const std::vector<std::uint32_t>& printEvents() const { return prints_; }
    const std::vector<std::uint32_t>& problemEvents() const { return problems_; }  // exception_logged, deadlock
    // The run ended because no task could make progress (its waits last forever).
    bool endedInDeadlock() const
    {
        return !problems_.empty() && event(problems_.back()).kind == aio::EventKind::deadlock;
    }

    // Bytes this model holds (not counting the recorder).
    std::size_t memoryBytes() const;
    // Bumped whenever tasks, resources or workers are added or tasks renamed (layout changes).
    std::uint64_t structureRevision() const { return structureRevision_; }

private:
    TimelineTask* mutableTask(aio::ObjectId id);
    TimelineResource* mutableResource(aio::ObjectId id);
    void consume(std::uint32_t index, const aio::TraceEvent& e);
    void addSegment(TimelineTask& t, std::uint32_t index, TaskState s, aio::WaitKind w);
    void closeLoopSpan(std::uint32_t index);

    const aio::Recorder& recorder_;
    std::size_t consumed_ = 0;
    qint64 endTime_ = 0;
    qint64 liveEnd_ = 0;
    std::vector<TimelineTask> tasks_;
    std::vector<aio::ObjectId> roots_;
    std::unordered_map<aio::ObjectId, std::uint32_t> taskIndex_;
    std::vector<TimelineResource> resources_;
    std::unordered_map<aio::ObjectId, std::uint32_t> resourceIndex_;
    std::vector<TimelineWorker> workers_;
    std::unordered_map<aio::ObjectId, std::uint32_t> workerIndex_;
    std::vector<LoopSpan> loopSpans_;
    std::vector<std::uint32_t> blocked_;
    std::vector<std::uint32_t> wakes_;
    std::vector<std::uint32_t> prints_;
    std::vector<std::uint32_t> problems_;
    std::uint64_t structureRevision_ = 0;
};
