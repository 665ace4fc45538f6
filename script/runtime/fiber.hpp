// A fiber: a function running on its own C++ stack that can suspend itself and be
// resumed later, on the same thread. The asyncio module runs code that must wait in
// the middle of a plain call on one (the module body waiting in asyncio.run, a
// to_thread function waiting in time.sleep), so no event loop run is ever nested.
// Threading: a fiber is created, resumed and destroyed on one thread; suspend() is
// called only from inside it. Exceptions never cross a switch: the body must catch.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace script {

class Fiber {
public:
    explicit Fiber(std::function<void()> body, std::size_t stack_bytes = std::size_t{8} << 20);
    ~Fiber();
    Fiber(const Fiber&) = delete;
    Fiber& operator=(const Fiber&) = delete;

    // Runs the fiber until it suspends or its body returns.
    void resume();
    // From inside the fiber: back to whoever called resume().
    void suspend();
    bool finished() const noexcept { return finished_; }
    bool running() const noexcept { return running_; }
    // The fiber running on this thread now, or null.
    static Fiber* current() noexcept;

private:
    struct Impl;
    static void entry(unsigned lo, unsigned hi);
    std::unique_ptr<Impl> impl_;
    std::function<void()> body_;
    bool finished_ = false;
    bool running_ = false;
    Fiber* previous_ = nullptr;
};

}  // namespace script
