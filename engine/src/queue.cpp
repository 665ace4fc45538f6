#include <engine/queue.hpp>

namespace aio::detail {

// asyncio.Queue._wakeup_next: drop waiters already done (cancelled), wake the first live one.
void wake_up_next(std::deque<Future<void>>& waiters)
{
    while (!waiters.empty()) {
        Future<void> w = std::move(waiters.front());
        waiters.pop_front();
        if (!w.done()) {
            w.set_result();
            break;
        }
    }
}

}  // namespace aio::detail
