// Shared by the benchmarks: wall timing, heap usage, and running the same program
// under CPython (python3) in the same invocation for a side-by-side figure.
#pragma once

#include <engine/frame_pool.hpp>
#include <engine/retained_allocator.hpp>

#include <chrono>
#include <cstdio>
#include <malloc.h>
#include <string>
#include <unistd.h>

namespace bench {


inline double now_s()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline std::size_t heap_in_use()
{
    // malloc's own figure plus what the engine's pool has handed out (the pool's
    // blocks are malloc'd too, so count handed-out bytes instead of its blocks), less
    // the big blocks the engine keeps for reuse (malloc'd, but in nobody's use).
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd + std::size_t(aio::detail::pool_bytes_outstanding()) -
           aio::detail::pool_bytes_reserved() - aio::detail::retained_bytes();
}

// Runs a Python program that prints one number (seconds or bytes) and returns it;
// returns a negative value when python3 is missing or fails.
inline double run_python(const std::string& program)
{
    std::string path = "/tmp/loopscope_bench_" + std::to_string(::getpid()) + ".py";
    if (FILE* f = std::fopen(path.c_str(), "w")) {
        std::fputs(program.c_str(), f);
        std::fclose(f);
    } else {
        return -1;
    }
    std::string cmd = "python3 " + path + " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        return -1;
    double v = -1;
    if (std::fscanf(p, "%lf", &v) != 1)
        v = -1;
    ::pclose(p);
    std::remove(path.c_str());
    return v;
}

inline void row(const char* what, double engine, double python, const char* unit, double scale)
{
    if (python > 0)
        std::printf("%-46s %12.3f %s   CPython %12.3f %s   ratio %7.1fx\n", what, engine * scale, unit, python * scale, unit,
                    python / engine);
    else
        std::printf("%-46s %12.3f %s   CPython (python3 not found)\n", what, engine * scale, unit);
    std::fflush(stdout);
}

}  // namespace bench
