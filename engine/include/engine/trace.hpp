// What the engine tells a tracer: one flat record per thing that happens, stamped
// with loop time. The UI, the exporters and the trace files read only these.
// Records are produced on the loop's thread; a Tracer is called only from there.
#pragma once

#include <cstdint>
#include <string_view>

namespace aio {

// Object ids: tasks, resources (locks, queues, ...), futures and worker slots share
// one id space per loop; 0 means "none" (the loop itself, a timer, or nobody).
using ObjectId = std::uint32_t;

enum class EventKind : std::uint8_t {
    //                      a            b                 value                 text
    task_created,       //  task         creator task      0                     name
    task_renamed,       //  task         0                 0                     new name
    task_ready,         //  task         waker task        object it was woken through
    task_resumed,       //  task         0                 0
    task_suspended,     //  task         awaited object    WaitKind (also in sub) what it waits on
                        //  (WaitKind::yield: the task is ready at once; no task_ready follows)
    task_finished,      //  task         0                 FinishKind (sub)      result text or "Exc: message"
    task_line,          //  task         0                 line number           file name
    task_cancel,        //  task         requesting task   0                     cancel message
    task_timeout,       //  task         timeout scope     deadline ns           ""
    loop_blocked,       //  task         0                 duration ns           why (e.g. "time.sleep(2)")
    callback_begin,     //  handle id    0                 0                     callback name
    callback_end,       //  handle id
    resource_created,   //  resource     creator task      capacity (ResourceKind in sub)  name
    resource_state,     //  resource     holder task       main number (permits free, queue size, flag)
    resource_waiters,   //  resource     0                 number of waiters
    resource_acquired,  //  resource     task              units held by task afterwards
    resource_released,  //  resource     task              units held by task afterwards
    queue_contents,     //  resource     0                 size                  short text of the items
    condition_notify,   //  resource     notifying task    n (-1 = all)
    worker_busy,        //  worker slot  task             0                      what runs there
    worker_idle,        //  worker slot  task
    print,              //  task         0                 0                     the line printed
    exception_logged,   //  task/future  0                 0                     the handler's message
    deadlock,           //  0            0                 0                     the report
};

enum class WaitKind : std::uint8_t {
    none, yield, sleep, future, task, gather, wait, lock, semaphore, event, condition,
    queue_get, queue_put, thread, timeout, external,
};

enum class FinishKind : std::uint8_t { done, cancelled, failed };

enum class ResourceKind : std::uint8_t {
    lock, semaphore, bounded_semaphore, event, condition, queue, priority_queue, lifo_queue,
    future, thread_pool,
};

const char* to_string(EventKind);
const char* to_string(WaitKind);
const char* to_string(FinishKind);
const char* to_string(ResourceKind);

// One thing that happened. `text` is only valid during the call to Tracer::record.
struct TraceRecord {
    std::int64_t time_ns = 0;
    EventKind kind{};
    std::uint8_t sub = 0;   // WaitKind, FinishKind or ResourceKind where the kind has one
    ObjectId a = 0;
    ObjectId b = 0;
    std::int64_t value = 0;
    std::string_view text;
};

class Tracer {
public:
    virtual ~Tracer() = default;
    virtual void record(const TraceRecord& r) = 0;
};

}  // namespace aio
