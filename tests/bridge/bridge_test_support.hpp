// Shared by the bridge suites: schedules that exercise every ordering rule of a loop
// iteration, a log of what ran when, and a text form of a recorded trace, so a run
// through LoopDriver can be compared with the engine's own run_until_complete.
#pragma once

#include <engine/engine.hpp>

#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace bridge_test {

// What a schedule needs; outlives every task and callback of the run.
struct Env {
    aio::EventLoop* loop = nullptr;
    std::vector<std::string> log;
    double unit = 1.0;       // seconds per schedule unit
    bool withTimes = true;   // real clocks: log names only
    std::int64_t t0 = 0;

    void note(const std::string& what)
    {
        if (!withTimes) {
            log.push_back(what);
            return;
        }
        // Tenths of a unit since the start: "a@10" is one unit in.
        const double tenths = double(loop->time_ns() - t0) / (unit * 1e8);
        log.push_back(what + "@" + std::to_string(std::llround(tenths)));
    }
    QString joined() const
    {
        QStringList l;
        for (const auto& s : log)
            l << QString::fromStdString(s);
        return l.join(' ');
    }
};

// Callbacks only, every deadline fixed relative to a callback that ran before, so the
// order is the same on a real clock however late the process gets the CPU.
// CPython 3.11 prints ['s1', 's2', 'past1', 'past2', 's3', 'a', 'b', 'c', 'a2', 'a3', 'z']
// for the same program (call_soon chains run one iteration later; equal deadlines in
// scheduling order; past deadlines at once; call_later(0) after what call_soon queued).
inline aio::Task<void> callbackSchedule(Env* e)
{
    aio::EventLoop& loop = *e->loop;
    const double u = e->unit;
    auto s3 = [e, u] {
        e->note("s3");
        aio::EventLoop& l = *e->loop;
        const double t = l.time();
        l.call_at(t + u, [e] {
            e->note("a");
            e->loop->call_soon([e] {
                e->note("a2");
                e->loop->call_soon([e] { e->note("a3"); });
                e->loop->call_later(0, [e] { e->note("z"); });
            });
        });
        l.call_at(t + u, [e] { e->note("b"); });
        l.call_at(t + u, [e] { e->note("c"); });
    };
    loop.call_soon([e, s3] {
        e->note("s1");
        e->loop->call_soon(s3);
    });
    loop.call_soon([e] { e->note("s2"); });
    loop.call_at(loop.time() - 5 * u, [e] { e->note("past2"); });
    loop.call_at(loop.time() - 10 * u, [e] { e->note("past1"); });
    aio::TimerHandle h = loop.call_later(0.5 * u, [e] { e->note("cancelled"); });
    h.cancel();
    co_await aio::sleep(4 * u);
}

inline const char* kCallbackScheduleCPython = "s1 s2 past1 past2 s3 a b c a2 a3 z";

inline aio::Task<void> worker(Env* e, int id)
{
    for (int i = 0; i < 3; ++i) {
        e->note("w" + std::to_string(id) + "." + std::to_string(i));
        if (i == 1)
            co_await aio::sleep(0);
        else
            co_await aio::sleep(e->unit * (1 + i));  // the workers share these deadlines
    }
    e->note("w" + std::to_string(id) + " done");
}

inline aio::Task<void> waiter(Env* e, aio::Event* ev)
{
    e->note("waiter waits");
    co_await ev->wait();
    e->note("waiter woke");
}

// Tasks, sleeps (equal deadlines, sleep(0)), an Event set from a timer, gather, a timer
// that outlives the main task, and work the main task's end schedules: the last is
// where run_until_complete stops (the iteration after main finishes runs, the next not).
inline aio::Task<void> taskSchedule(Env* e)
{
    aio::EventLoop& loop = *e->loop;
    const double u = e->unit;
    aio::Event ev(loop, "go");
    loop.call_later(1.5 * u, [e, &ev] {
        e->note("set");
        ev.set();
        e->loop->call_soon([e] { e->note("after set"); });
    });
    loop.call_later(1.0 * u, [e] { e->note("timer 1"); });
    loop.call_later(100 * u, [e] { e->note("leftover"); });
    std::vector<aio::TaskHandle<void>> tasks;
    for (int i = 1; i <= 3; ++i)
        tasks.push_back(loop.create_task(worker(e, i), "w" + std::to_string(i)));
    tasks.push_back(loop.create_task(waiter(e, &ev), "waiter"));
    co_await aio::gather(std::move(tasks));
    e->note("gathered");
    co_await aio::sleep(2 * u);
    loop.call_soon([e] {
        e->note("after main");
        e->loop->call_soon([e] { e->note("too late"); });
    });
    e->note("main done");
}

// One line per recorded event, everything but nothing that differs between equal runs.
inline QStringList traceLines(const aio::Recorder& rec)
{
    QStringList out;
    const std::size_t n = rec.size();
    for (std::size_t i = 0; i < n; ++i) {
        const aio::TraceEvent& ev = rec[i];
        char buf[96];
        std::snprintf(buf, sizeof buf, "%lld %s/%u a=%u b=%u v=%lld ", static_cast<long long>(ev.time_ns),
                      aio::to_string(ev.kind), unsigned(ev.sub), unsigned(ev.a), unsigned(ev.b),
                      static_cast<long long>(ev.value));
        out << QString::fromUtf8(buf) + QString::fromUtf8(rec.string(ev.text).data(), qsizetype(rec.string(ev.text).size()));
    }
    return out;
}

}  // namespace bridge_test
