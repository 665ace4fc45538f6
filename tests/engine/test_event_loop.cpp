// The loop itself: callbacks, timers, iterations, stop/close, exception handler, clocks.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;
using test_support::FrameCount;

class TestEventLoop : public QObject {
    Q_OBJECT
private slots:
    // CPython 3.11:
    //   loop.call_later(1, log.append, 'a'); loop.call_later(1, log.append, 'b')
    //   loop.call_later(0.5, log.append, 'c')
    //   loop.call_at(t0 - 5, log.append, 'past2'); loop.call_at(t0 - 10, log.append, 'past1')
    //   loop.call_soon(lambda: (log.append('s1'), loop.call_soon(log.append, 's3')))
    //   loop.call_soon(log.append, 's2')
    //   h = loop.call_later(0.7, log.append, 'cancelled'); h.cancel()
    //   await asyncio.sleep(2)
    // prints ['s1', 's2', 'past1', 'past2', 's3', 'c', 'a', 'b']
    void timerOrderTiesPastDeadlinesAndIterations()
    {
        EventLoop loop;
        std::vector<std::string> log;
        bool handle_cancelled = false;
        auto at = [&](const char* s) { return [&log, &loop, s] { log.push_back(std::string(s) + "@" + std::to_string(loop.time_ns() / 100000000)); }; };
        auto main = [&]() -> Task<void> {
            loop.call_later(1, at("a"));
            loop.call_later(1, at("b"));
            loop.call_later(0.5, at("c"));
            loop.call_at(loop.time() - 5, at("past2"));
            loop.call_at(loop.time() - 10, at("past1"));
            loop.call_soon([&] { at("s1")(); loop.call_soon(at("s3")); });
            loop.call_soon(at("s2"));
            TimerHandle h = loop.call_later(0.7, at("cancelled"));
            h.cancel();
            handle_cancelled = h.cancelled();
            co_await sleep(2);
        };
        loop.run_until_complete(main());
        QVERIFY(handle_cancelled);
        const std::vector<std::string> expected{"s1@0", "s2@0", "past1@0", "past2@0", "s3@0", "c@5", "a@10", "b@10"};
        QCOMPARE(log, expected);
        QCOMPARE(loop.time(), 2.0);
    }

    void callbackScheduledDuringIterationWaitsForNext()
    {
        EventLoop loop;
        std::vector<int> log;
        int iteration_marker = 0;
        loop.call_soon([&] {
            log.push_back(1);
            loop.call_soon([&] { log.push_back(iteration_marker); });
        });
        loop.call_soon([&] { log.push_back(2); iteration_marker = 3; loop.stop(); });
        loop.run_forever();
        // stop() ends the loop after the current iteration: the nested callback is still pending
        QCOMPARE(log, (std::vector<int>{1, 2}));
        loop.call_soon([&] { loop.stop(); });
        loop.run_forever();
        QCOMPARE(log, (std::vector<int>{1, 2, 3}));
    }

    // call_at_iteration_end runs right after the batch it was asked in, before the
    // callbacks that batch scheduled: where run_forever would return after stop().
    // It works the same when the loop is driven a batch at a time (the Qt bridge).
    void iterationEndRunsAfterTheBatchBeforeWhatItScheduled()
    {
        for (const bool driven : {false, true}) {
            EventLoop loop(std::make_unique<VirtualClock>());
            std::vector<std::string> log;
            loop.call_soon([&] {
                log.push_back("a");
                loop.call_soon([&] { log.push_back("c (next iteration)"); });
                loop.call_at_iteration_end([&] { log.push_back("end of a's iteration"); });
            });
            loop.call_soon([&] {
                log.push_back("b");
                if (!driven)
                    loop.stop();
            });
            if (driven) {
                loop.begin_iteration();
                QCOMPARE(loop.run_batch(1), std::size_t(1));  // b still to run: not the end yet
                QCOMPARE(log, (std::vector<std::string>{"a"}));
                QCOMPARE(loop.run_batch(10), std::size_t(0));
                loop.begin_iteration();
                loop.run_batch(10);
            } else {
                loop.run_forever();
                QCOMPARE(log, (std::vector<std::string>{"a", "b", "end of a's iteration"}));
                loop.call_soon([&] { loop.stop(); });
                loop.run_forever();
            }
            QCOMPARE(log, (std::vector<std::string>{"a", "b", "end of a's iteration", "c (next iteration)"}));
        }
    }

    void exceptionInCallbackGoesToHandlerAndLoopGoesOn()
    {
        EventLoop loop;
        std::vector<std::string> seen;
        loop.set_exception_handler([&](EventLoop&, const ExceptionContext& ctx) {
            seen.push_back(ctx.message + " | " + describe_exception(ctx.exception));
        });
        bool after = false;
        loop.call_soon([] { throw ValueError("boom"); }, "explode");
        loop.call_soon([&] { after = true; loop.stop(); });
        loop.run_forever();
        QVERIFY(after);
        QCOMPARE(seen, (std::vector<std::string>{"Exception in callback explode | ValueError: boom"}));
    }

    void throwingExceptionHandlerDoesNotStopTheLoop()
    {
        EventLoop loop;
        loop.set_exception_handler([](EventLoop&, const ExceptionContext&) { throw std::runtime_error("handler broke"); });
        int ran = 0;
        loop.call_soon([] { throw ValueError("x"); });
        loop.call_soon([&] { ++ran; loop.stop(); });
        loop.run_forever();
        QCOMPARE(ran, 1);
    }

    void handleCancelBeforeRun()
    {
        EventLoop loop;
        int ran = 0;
        Handle h = loop.call_soon([&] { ++ran; });
        h.cancel();
        loop.call_soon([&] { loop.stop(); });
        loop.run_forever();
        QCOMPARE(ran, 0);
        QVERIFY(h.cancelled());
    }

    void stateAndMisuse()
    {
        EventLoop loop;
        QVERIFY(!loop.is_running());
        QVERIFY(!loop.is_closed());
        bool was_running = false;
        bool nested_refused = false;
        loop.call_soon([&] {
            was_running = loop.is_running();
            try {
                loop.run_forever();
            } catch (const RuntimeError& e) {
                nested_refused = std::string(e.what()) == "This event loop is already running";
            }
            try {
                loop.close();
            } catch (const RuntimeError&) {
                loop.stop();
            }
        });
        loop.run_forever();
        QVERIFY(was_running);
        QVERIFY(nested_refused);
        QVERIFY(!loop.is_running());
        loop.close();
        QVERIFY(loop.is_closed());
        QVERIFY_THROWS_EXCEPTION(RuntimeError, loop.call_soon([] {}));
        QVERIFY_THROWS_EXCEPTION(RuntimeError, loop.run_forever());
    }

    void virtualClockJumpsAnHourInstantly()
    {
        EventLoop loop;
        auto main = [&]() -> Task<double> {
            for (int i = 0; i < 60; ++i)
                co_await sleep(60);
            co_return loop.time();
        };
        QElapsedTimer wall;
        wall.start();
        QCOMPARE(loop.run_until_complete(main()), 3600.0);
        QVERIFY(loop.is_virtual());
    }

    void realClockWaitsForTimers()
    {
        auto loop = EventLoop::with_real_clock();
        auto main = []() -> Task<double> {
            co_await sleep(0.05);
            co_return EventLoop::running_loop()->time();
        };
        const double t = loop->run_until_complete(main());
        QVERIFY(t >= 0.05);  // never fires early
        QVERIFY(!loop->is_virtual());
    }

    void blockingWorkHoldsTheLoopOnTheVirtualClock()
    {
        // CPython: two tasks; one calls time.sleep(2) (blocks), the other's
        // sleep(1) can only finish once the loop is free again, at t=2.
        EventLoop loop;
        std::vector<std::string> log;
        auto blocker = [&]() -> Task<void> {
            log.push_back("block at " + std::to_string(loop.time()));
            block_for(2, "time.sleep(2)");
            log.push_back("unblocked at " + std::to_string(loop.time()));
            co_return;
        };
        auto sleeper = [&]() -> Task<void> {
            co_await sleep(1);
            log.push_back("sleeper woke at " + std::to_string(loop.time()));
        };
        auto main = [&]() -> Task<void> {
            auto s = loop.create_task(sleeper());
            auto b = loop.create_task(blocker());
            co_await s;
            co_await b;
        };
        Recorder rec;
        loop.set_tracer(&rec);
        loop.run_until_complete(main());
        QCOMPARE(log, (std::vector<std::string>{"block at 0.000000", "unblocked at 2.000000", "sleeper woke at 2.000000"}));
        bool saw_block = false;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind == EventKind::loop_blocked) {
                saw_block = true;
                QCOMPARE(rec[i].value, std::int64_t(2'000'000'000));
                QCOMPARE(rec.string(rec[i].text), std::string_view("time.sleep(2)"));
            }
        QVERIFY(saw_block);
    }

    void runUntilCompleteRunsCallbacksOfTheLastIteration()
    {
        // asyncio stops from a done callback of the target: callbacks scheduled
        // before the target finished still run; later ones stay pending.
        EventLoop loop;
        std::vector<std::string> log;
        auto main = [&]() -> Task<int> {
            loop.call_soon([&] { log.push_back("before-finish"); loop.call_soon([&] { log.push_back("later"); }); });
            co_return 7;
        };
        QCOMPARE(loop.run_until_complete(main()), 7);
        QCOMPARE(log, (std::vector<std::string>{"before-finish"}));
        loop.call_soon([&] { loop.stop(); });
        loop.run_forever();
        QCOMPARE(log, (std::vector<std::string>{"before-finish", "later"}));
    }
};

QTEST_GUILESS_MAIN(TestEventLoop)
#include "test_event_loop.moc"
