// What the embedding gives the interpreter: output streams, clocks, blocking sleep and an
// interrupt check. The runner (headless or window) implements it; tests capture output.
// Threading: called only from the interpreter's thread.
#pragma once

#include <string_view>

namespace script {

class Host {
public:
    virtual ~Host() = default;
    virtual void write_stdout(std::string_view text) = 0;
    virtual void write_stderr(std::string_view text) = 0;
    // Seconds since the Unix epoch: time.time() and datetime.now().
    virtual double wall_time() = 0;
    // The loop's clock: time.monotonic() and time.perf_counter().
    virtual double monotonic_time() = 0;
    // time.sleep(seconds): blocks the whole program (on a virtual clock it advances it).
    virtual void blocking_sleep(double seconds) = 0;
    // Polled every few thousand instructions; returning true stops the program.
    virtual bool interrupt_requested() { return false; }
};

}  // namespace script
