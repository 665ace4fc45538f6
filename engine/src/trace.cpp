#include <engine/trace.hpp>

namespace aio {

const char* to_string(EventKind k)
{
    switch (k) {
    case EventKind::task_created: return "task_created";
    case EventKind::task_renamed: return "task_renamed";
    case EventKind::task_ready: return "task_ready";
    case EventKind::task_resumed: return "task_resumed";
    case EventKind::task_suspended: return "task_suspended";
    case EventKind::task_finished: return "task_finished";
    case EventKind::task_line: return "task_line";
    case EventKind::task_cancel: return "task_cancel";
    case EventKind::task_timeout: return "task_timeout";
    case EventKind::loop_blocked: return "loop_blocked";
    case EventKind::callback_begin: return "callback_begin";
    case EventKind::callback_end: return "callback_end";
    case EventKind::resource_created: return "resource_created";
    case EventKind::resource_state: return "resource_state";
    case EventKind::resource_waiters: return "resource_waiters";
    case EventKind::resource_acquired: return "resource_acquired";
    case EventKind::resource_released: return "resource_released";
    case EventKind::queue_contents: return "queue_contents";
    case EventKind::condition_notify: return "condition_notify";
    case EventKind::worker_busy: return "worker_busy";
    case EventKind::worker_idle: return "worker_idle";
    case EventKind::print: return "print";
    case EventKind::exception_logged: return "exception_logged";
    case EventKind::deadlock: return "deadlock";
    }
    return "?";
}

const char* to_string(WaitKind k)
{
    switch (k) {
    case WaitKind::none: return "none";
    case WaitKind::yield: return "yield";
    case WaitKind::sleep: return "sleep";
    case WaitKind::future: return "future";
    case WaitKind::task: return "task";
    case WaitKind::gather: return "gather";
    case WaitKind::wait: return "wait";
    case WaitKind::lock: return "lock";
    case WaitKind::semaphore: return "semaphore";
    case WaitKind::event: return "event";
    case WaitKind::condition: return "condition";
    case WaitKind::queue_get: return "queue_get";
    case WaitKind::queue_put: return "queue_put";
    case WaitKind::thread: return "thread";
    case WaitKind::timeout: return "timeout";
    case WaitKind::external: return "external";
    }
    return "?";
}

const char* to_string(FinishKind k)
{
    switch (k) {
    case FinishKind::done: return "done";
    case FinishKind::cancelled: return "cancelled";
    case FinishKind::failed: return "failed";
    }
    return "?";
}

const char* to_string(ResourceKind k)
{
    switch (k) {
    case ResourceKind::lock: return "Lock";
    case ResourceKind::semaphore: return "Semaphore";
    case ResourceKind::bounded_semaphore: return "BoundedSemaphore";
    case ResourceKind::event: return "Event";
    case ResourceKind::condition: return "Condition";
    case ResourceKind::queue: return "Queue";
    case ResourceKind::priority_queue: return "PriorityQueue";
    case ResourceKind::lifo_queue: return "LifoQueue";
    case ResourceKind::future: return "Future";
    case ResourceKind::thread_pool: return "ThreadPool";
    }
    return "?";
}

}  // namespace aio
