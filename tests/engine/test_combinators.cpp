// gather, wait, as_completed, wait_for, timeout scopes, shield, TaskGroup.
// Mirrors tests/engine/cpython/patterns.py (CPython 3.11.7); each section's
// output is quoted with times relative to the section's start.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;
using test_support::FrameCount;
using test_support::py_time;

namespace {

using Log = std::vector<std::string>;

// async def work(name, d, log, fail=False)
Task<int> work(std::string name, double d, Log& log, double t0, bool fail = false)
{
    FrameCount f;
    EventLoop& loop = *EventLoop::running_loop();
    try {
        co_await aio::sleep(d);
    } catch (const CancelledError&) {
        log.push_back(py_time(loop.time() - t0) + " " + name + " cancelled");
        throw;
    }
    if (fail) {
        log.push_back(py_time(loop.time() - t0) + " " + name + " fails");
        throw ValueError(name);
    }
    log.push_back(py_time(loop.time() - t0) + " " + name + " done");
    co_return int(d);
}

std::string error_of(const FutureRef& f)
{
    if (f.cancelled())
        return "cancelled";
    return describe_exception(f.exception());
}

}  // namespace

class TestCombinators : public QObject {
    Q_OBJECT
private slots:
    void init() { FrameCount::live = 0; }
    void cleanup() { QCOMPARE(FrameCount::live, 0); }

    // gather [5, 3, 4] 5.0 ['3.0 b done', '4.0 c done', '5.0 a done']
    // gather exc ValueError('b') 1.0 ['1.0 b fails']; others ran on [... '3.0 c done', '5.0 a done']
    // gather re [2, ValueError('b')] 2.0
    // gather cancelled 1.0 ['1.0 a cancelled', '1.0 b cancelled'] ; empty []
    void gatherOrderExceptionsAndCancellation()
    {
        EventLoop loop;
        Log log1, log2, log3, log4;
        std::vector<int> results;
        std::string exc_text, exc_time, re_text, cancel_time;
        std::size_t empty_size = 99;
        auto main = [&]() -> Task<void> {
            std::vector<TaskHandle<int>> ts{loop.create_task(work("a", 5, log1, 0)), loop.create_task(work("b", 3, log1, 0)),
                                           loop.create_task(work("c", 4, log1, 0))};
            results = co_await aio::gather(ts);

            double t0 = loop.time();
            std::vector<TaskHandle<int>> ts2{loop.create_task(work("a", 5, log2, t0)), loop.create_task(work("b", 1, log2, t0, true)),
                                            loop.create_task(work("c", 3, log2, t0))};
            try {
                co_await aio::gather(ts2);
            } catch (const ValueError& e) {
                exc_text = e.what();
                exc_time = py_time(loop.time() - t0);
            }
            co_await aio::sleep(5);

            t0 = loop.time();
            std::vector<FutureRef> ts3{loop.create_task(work("a", 2, log3, t0)), loop.create_task(work("b", 1, log3, t0, true))};
            auto done = co_await gather(loop, ts3, true);
            re_text = std::to_string(TaskHandle<int>(static_cast<TaskBase*>(done[0].get())).result()) + ", " + error_of(done[1]) +
                      " at " + py_time(loop.time() - t0);

            t0 = loop.time();
            std::vector<FutureRef> ts4{loop.create_task(work("a", 2, log4, t0)), loop.create_task(work("b", 3, log4, t0))};
            GatherFuture g = gather(loop, ts4);
            co_await aio::sleep(1);
            g.cancel();
            try {
                co_await g;
            } catch (const CancelledError&) {
                cancel_time = py_time(loop.time() - t0);
            }
            auto none = co_await gather(loop, {});
            empty_size = none.size();
        };
        loop.run_until_complete(main());
        QCOMPARE(results, (std::vector<int>{5, 3, 4}));
        QCOMPARE(log1, (Log{"3.0 b done", "4.0 c done", "5.0 a done"}));
        QCOMPARE(exc_text, std::string("b"));
        QCOMPARE(exc_time, std::string("1.0"));
        QCOMPARE(log2, (Log{"1.0 b fails", "3.0 c done", "5.0 a done"}));  // the others kept running
        QCOMPARE(re_text, std::string("2, ValueError: b at 2.0"));
        QCOMPARE(cancel_time, std::string("1.0"));
        QCOMPARE(log4, (Log{"1.0 a cancelled", "1.0 b cancelled"}));
        QCOMPARE(empty_size, std::size_t(0));
    }

    // first 3.0 [3] 2 ; timeout 3.5 1 2 [False, False, False] ; all 5.0 3 0 ; first_exc (+2) 2 1
    void waitReturnWhenAndTimeout()
    {
        EventLoop loop;
        Log log;
        std::vector<std::string> out;
        auto main = [&]() -> Task<void> {
            std::vector<FutureRef> ts{loop.create_task(work("a", 5, log, 0)), loop.create_task(work("b", 3, log, 0)),
                                      loop.create_task(work("c", 4, log, 0))};
            auto r = co_await aio::wait(ts, std::nullopt, ReturnWhen::first_completed);
            out.push_back("first " + py_time(loop.time()) + " " + std::to_string(r.done.size()) + " " + std::to_string(r.pending.size()));
            r = co_await aio::wait(ts, 0.5);
            std::string cancelled;
            for (auto& t : ts)
                cancelled += t.cancelled() ? "T" : "F";
            out.push_back("timeout " + py_time(loop.time()) + " " + std::to_string(r.done.size()) + " " +
                          std::to_string(r.pending.size()) + " " + cancelled);
            r = co_await aio::wait(ts);
            out.push_back("all " + py_time(loop.time()) + " " + std::to_string(r.done.size()) + " " + std::to_string(r.pending.size()));
            const double t0 = loop.time();
            std::vector<FutureRef> ts2{loop.create_task(work("a", 5, log, t0)), loop.create_task(work("b", 2, log, t0, true)),
                                       loop.create_task(work("c", 1, log, t0))};
            r = co_await aio::wait(ts2, std::nullopt, ReturnWhen::first_exception);
            out.push_back("first_exc " + py_time(loop.time() - t0) + " " + std::to_string(r.done.size()) + " " +
                          std::to_string(r.pending.size()));
            co_await aio::wait(ts2);
            bool refused = false;
            try {
                co_await aio::wait({});
            } catch (const ValueError&) {
                refused = true;
            }
            out.push_back(refused ? "empty refused" : "empty accepted");
        };
        loop.run_until_complete(main());
        QCOMPARE(out, (std::vector<std::string>{"first 3.0 1 2", "timeout 3.5 1 2 FFF", "all 5.0 3 0", "first_exc 2.0 2 1",
                                                "empty refused"}));
    }

    // as_completed [(3, 3.0), (4, 4.0), (5, 5.0)] ; as_completed timeout [(3, 3.0)] 3.5
    void asCompletedInCompletionOrderAndTimeout()
    {
        EventLoop loop;
        Log log;
        std::vector<std::string> out;
        auto main = [&]() -> Task<void> {
            std::vector<FutureRef> ts{loop.create_task(work("a", 5, log, 0)), loop.create_task(work("b", 3, log, 0)),
                                      loop.create_task(work("c", 4, log, 0))};
            AsCompleted ac(ts);
            for (std::size_t i = 0; i < ac.size(); ++i) {
                FutureRef f = co_await ac.next();
                out.push_back(std::to_string(TaskHandle<int>(static_cast<TaskBase*>(f.get())).result()) + "@" + py_time(loop.time()));
            }
            const double t0 = loop.time();
            std::vector<FutureRef> ts2{loop.create_task(work("a", 5, log, t0)), loop.create_task(work("b", 3, log, t0)),
                                       loop.create_task(work("c", 4, log, t0))};
            AsCompleted ac2(ts2, 3.5);
            try {
                for (std::size_t i = 0; i < ac2.size(); ++i) {
                    FutureRef f = co_await ac2.next();
                    out.push_back(std::to_string(TaskHandle<int>(static_cast<TaskBase*>(f.get())).result()) + "@" +
                                  py_time(loop.time() - t0));
                }
            } catch (const TimeoutError&) {
                out.push_back("timeout@" + py_time(loop.time() - t0));
            }
            co_await aio::sleep(2);
        };
        loop.run_until_complete(main());
        QCOMPARE(out, (std::vector<std::string>{"3@3.0", "4@4.0", "5@5.0", "3@3.0", "timeout@3.5"}));
    }

    // wait_for timeout 2.5 ['2.0 inner cancelled', '2.5 inner cleaned']
    // wait_for swallowed swallowed 1.5 ['1.0 inner cancelled', '1.5 inner cleaned'] ; wait_for ok 1 1.0
    void waitForCancelsWaitsForCleanupAndHonoursSwallowing()
    {
        EventLoop loop;
        Log log1, log2;
        std::vector<std::string> out;
        auto cleanup_worker = [&](Log& log, double t0, bool swallow) -> Task<std::string> {
            FrameCount f;
            try {
                co_await aio::sleep(10);
            } catch (const CancelledError&) {
                log.push_back(py_time(loop.time() - t0) + " inner cancelled");
            }
            co_await aio::sleep(0.5);
            log.push_back(py_time(loop.time() - t0) + " inner cleaned");
            if (swallow)
                co_return "swallowed";
            throw CancelledError();
        };
        auto main = [&]() -> Task<void> {
            try {
                co_await aio::wait_for(cleanup_worker(log1, 0, false), 2.0);
            } catch (const TimeoutError&) {
                out.push_back("timeout at " + py_time(loop.time()));
            }
            double t0 = loop.time();
            std::string r = co_await aio::wait_for(cleanup_worker(log2, t0, true), 1.0);
            out.push_back(r + " at " + py_time(loop.time() - t0));
            t0 = loop.time();
            Log ignore;
            int v = co_await aio::wait_for(work("x", 1, ignore, t0), 2.0);
            out.push_back("ok " + std::to_string(v) + " at " + py_time(loop.time() - t0));
        };
        Recorder rec;
        loop.set_tracer(&rec);
        loop.run_until_complete(main());
        QCOMPARE(log1, (Log{"2.0 inner cancelled", "2.5 inner cleaned"}));
        QCOMPARE(log2, (Log{"1.0 inner cancelled", "1.5 inner cleaned"}));
        QCOMPARE(out, (std::vector<std::string>{"timeout at 2.5", "swallowed at 1.5", "ok 1 at 1.0"}));
        int timeouts = 0;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind == EventKind::task_timeout)
                ++timeouts;
        QCOMPARE(timeouts, 2);
    }

    // Regression: wait_for on a Future or a TaskHandle used to end in DeadlockError (GCC 12
    // skipped the body of `if (co_await ...)` when the argument converted to FutureRef).
    // asyncio: wait_for(fut, 0.2) -> TimeoutError at 0.2, fut cancelled;
    //          wait_for(task, 5) where the task ends at 1.0 -> its result at 1.0.
    void waitForOnFutureAndTaskHandle()
    {
        EventLoop loop;
        std::vector<std::string> out;
        auto main = [&]() -> Task<void> {
            Future<int> fut = loop.create_future<int>();
            try {
                co_await aio::wait_for(fut, 0.2);
                out.push_back("no timeout");
            } catch (const TimeoutError&) {
                out.push_back("timeout at " + py_time(loop.time()) + (fut.cancelled() ? " cancelled" : " not cancelled"));
            }
            double t0 = loop.time();
            Log ignore;
            TaskHandle<int> t = loop.create_task(work("x", 1, ignore, t0));
            int v = co_await aio::wait_for(t, 5.0);
            out.push_back("ok " + std::to_string(v) + " at " + py_time(loop.time() - t0));
        };
        loop.run_until_complete(main());
        QCOMPARE(out, (std::vector<std::string>{"timeout at 0.2 cancelled", "ok 1 at 1.0"}));
    }

    // timeout scope 1.5 ['1.5 t cancelled'] True ; rescheduled 6.0 False
    void timeoutScopeAndReschedule()
    {
        EventLoop loop;
        Log log;
        std::vector<std::string> out;
        auto main = [&]() -> Task<void> {
            Timeout cm(loop, deadline_in(loop, 1.5));
            try {
                co_await cm.run(work("t", 5, log, 0));
            } catch (const TimeoutError&) {
                out.push_back("timeout at " + py_time(loop.time()) + (cm.expired() ? " expired" : " not expired"));
            }
            const double t0 = loop.time();
            Timeout cm2(loop, deadline_in(loop, 5));
            auto body = [&]() -> Task<void> {
                cm2.reschedule(loop.time() + 10);
                co_await aio::sleep(6);
            };
            co_await cm2.run(body());
            out.push_back("rescheduled " + py_time(loop.time() - t0) + (cm2.expired() ? " expired" : " not expired"));
            bool refused = false;
            try {
                cm2.reschedule(1);
            } catch (const RuntimeError&) {
                refused = true;
            }
            out.push_back(refused ? "reschedule after exit refused" : "reschedule after exit accepted");
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (Log{"1.5 t cancelled"}));
        QCOMPARE(out, (std::vector<std::string>{"timeout at 1.5 expired", "rescheduled 6.0 not expired",
                                                "reschedule after exit refused"}));
    }

    // shield outer cancelled 1.0 ; inner 2 2.0 ['2.0 s done']
    void shieldProtectsTheInnerTask()
    {
        EventLoop loop;
        Log log;
        std::vector<std::string> out;
        auto main = [&]() -> Task<void> {
            auto inner = loop.create_task(work("s", 2, log, 0));
            Future<int> outer = shield(inner);
            co_await aio::sleep(1);
            outer.cancel();
            try {
                co_await outer;
            } catch (const CancelledError&) {
                out.push_back("outer cancelled at " + py_time(loop.time()));
            }
            int v = co_await inner;
            out.push_back("inner " + std::to_string(v) + " at " + py_time(loop.time()));
        };
        loop.run_until_complete(main());
        QCOMPARE(out, (std::vector<std::string>{"outer cancelled at 1.0", "inner 2 at 2.0"}));
        QCOMPARE(log, (Log{"2.0 s done"}));
    }

    // taskgroup 1.0 ['bad1', 'bad2'] ['1.0 bad1 fails', '1.0 bad2 fails', '1.0 ok cancelled']
    void taskGroupWithTwoFailingChildren()
    {
        EventLoop loop;
        Log log;
        std::vector<std::string> errors;
        double when = -1;
        bool body_cancelled = false;
        auto main = [&]() -> Task<void> {
            TaskGroup tg(loop);
            try {
                co_await tg.run([&](TaskGroup& g) -> Task<void> {
                    g.create_task(work("ok", 5, log, 0));
                    g.create_task(work("bad1", 1, log, 0, true));
                    g.create_task(work("bad2", 1, log, 0, true));
                    try {
                        co_await aio::sleep(10);
                    } catch (const CancelledError&) {
                        body_cancelled = true;
                        throw;
                    }
                });
            } catch (const ExceptionGroup& eg) {
                when = loop.time();
                for (auto& e : eg.exceptions())
                    errors.push_back(describe_exception(e));
            }
        };
        loop.run_until_complete(main());
        QCOMPARE(errors, (std::vector<std::string>{"ValueError: bad1", "ValueError: bad2"}));
        QCOMPARE(log, (Log{"1.0 bad1 fails", "1.0 bad2 fails", "1.0 ok cancelled"}));
        QCOMPARE(when, 1.0);
        QVERIFY(body_cancelled);
    }

    void taskGroupWaitsForEveryChild()
    {
        EventLoop loop;
        Log log;
        auto main = [&]() -> Task<void> {
            TaskGroup tg(loop);
            co_await tg.run([&](TaskGroup& g) -> Task<void> {
                g.create_task(work("x", 2, log, 0));
                g.create_task(work("y", 3, log, 0));
                co_return;
            });
            log.push_back(py_time(loop.time()) + " group left");
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (Log{"2.0 x done", "3.0 y done", "3.0 group left"}));
    }
};

QTEST_GUILESS_MAIN(TestCombinators)
#include "test_combinators.moc"
