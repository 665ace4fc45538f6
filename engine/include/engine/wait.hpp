// asyncio.wait and asyncio.as_completed. Loop thread only.
#pragma once

#include <engine/task.hpp>

#include <deque>
#include <optional>
#include <vector>

namespace aio {

enum class ReturnWhen { first_completed, first_exception, all_completed };

struct WaitResult {
    std::vector<FutureRef> done;     // in the order given (CPython returns sets)
    std::vector<FutureRef> pending;
};

// Waits until return_when is met or the timeout passes; cancels nothing.
// ValueError("Set of Tasks/Futures is empty.") for no futures.
Task<WaitResult> wait(std::vector<FutureRef> fs, std::optional<double> timeout = std::nullopt,
                      ReturnWhen return_when = ReturnWhen::all_completed);

// asyncio.as_completed: next() gives the futures in the order they complete;
// after the timeout, next() raises TimeoutError. Call next() size() times.
class AsCompleted {
public:
    AsCompleted(std::vector<FutureRef> fs, std::optional<double> timeout = std::nullopt);
    std::size_t size() const noexcept { return total_; }
    // The next future to complete (done; read its result), or TimeoutError.
    Task<FutureRef> next();

private:
    struct State;
    std::shared_ptr<State> state_;
    std::size_t total_ = 0;
};

}  // namespace aio
