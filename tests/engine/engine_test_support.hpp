// Helpers shared by the engine suites: an event log with virtual timestamps and
// a counter of live coroutine frames (for leak checks).
#pragma once

#include <engine/engine.hpp>

#include <QTest>

#include <cmath>
#include <string>
#include <vector>

namespace test_support {

// Seconds as Python prints round(t, 2): "1.0", "4.5", "0.25".
inline std::string py_time(double t)
{
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", t);
    std::string s = b;
    while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.')
        s.pop_back();
    return s;
}

// The loop time since `start`, as py_time.
inline std::string since(aio::EventLoop& loop, double start) { return py_time(loop.time() - start); }

// Records "t=1.5 name" lines so a test can compare the whole order and timing.
struct Log {
    aio::EventLoop* loop = nullptr;
    std::vector<std::string> lines;
    void operator()(const std::string& what)
    {
        char t[32];
        std::snprintf(t, sizeof t, "%.3g ", loop ? loop->time() : 0.0);
        lines.push_back(t + what);
    }
    std::string joined() const
    {
        std::string s;
        for (auto& l : lines)
            s += l + "\n";
        return s;
    }
};

// Put a FrameCount in a coroutine's body: it is destroyed with the frame.
struct FrameCount {
    static inline int live = 0;
    static inline int made = 0;
    FrameCount() { ++live; ++made; }
    FrameCount(const FrameCount&) = delete;
    ~FrameCount() { --live; }
};

}  // namespace test_support

#define COMPARE_LOG(log, expected) QCOMPARE(QString::fromStdString((log).joined()), QString::fromStdString(expected))
