// Cancellation as asyncio does it, in every state a task can be in.
// The CPython 3.11 programs these mirror are quoted above each test.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;
using test_support::FrameCount;

namespace {

// async def sleeper(log, name, d):
//     try:
//         log.append(f'{name} start'); await asyncio.sleep(d); log.append(f'{name} end'); return d
//     except asyncio.CancelledError as e:
//         log.append(f'{name} cancelled {e.args}'); await asyncio.sleep(0.5); log.append(f'{name} cleaned'); raise
Task<double> sleeper(std::vector<std::string>& log, std::string name, double d)
{
    FrameCount frame;
    try {
        log.push_back(name + " start");
        co_await aio::sleep(d);
        log.push_back(name + " end");
        co_return d;
    } catch (const CancelledError& e) {
        log.push_back(name + " cancelled '" + e.message() + "'");
    }
    co_await aio::sleep(0.5);  // cleanup may await
    log.push_back(name + " cleaned at " + std::to_string(EventLoop::running_loop()->time()));
    throw CancelledError("rethrown");
}

}  // namespace

class TestCancellation : public QObject {
    Q_OBJECT
private slots:
    void init() { FrameCount::live = 0; }
    void cleanup() { QCOMPARE(FrameCount::live, 0); }

    // t = create_task(sleeper(log, 'x', 5)); t.cancel(); await sleep(0)
    // -> t.cancelled() True, log [] (the body never ran)
    void cancelBeforeFirstStep()
    {
        EventLoop loop;
        std::vector<std::string> log;
        bool cancelled = false;
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(sleeper(log, "x", 5));
            t.cancel();
            co_await aio::sleep(0);
            cancelled = t.cancelled();
        };
        loop.run_until_complete(main());
        QVERIFY(cancelled);
        QVERIFY(log.empty());
    }

    // t = create_task(sleeper(log, 'y', 5)); await sleep(1); t.cancel('stop it') -> True, cancelling() 1
    // await t -> CancelledError at t=1.5 after cleanup; then t.cancel() -> False
    void cancelWhileSleepingWithCleanup()
    {
        EventLoop loop;
        std::vector<std::string> log;
        std::vector<std::string> out;
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(sleeper(log, "y", 5));
            co_await aio::sleep(1);
            const bool accepted = t.cancel("stop it");
            out.push_back(std::string("cancel -> ") + (accepted ? "True" : "False") + " " + std::to_string(t.cancelling()));
            try {
                co_await t;
            } catch (const CancelledError&) {
                out.push_back("awaited cancelled at " + std::to_string(loop.time()) + (t.cancelled() ? " True" : " False"));
            }
            out.push_back(std::string("cancel done -> ") + (t.cancel() ? "True" : "False"));
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (std::vector<std::string>{"y start", "y cancelled 'stop it'", "y cleaned at 1.500000"}));
        QCOMPARE(out, (std::vector<std::string>{"cancel -> True 1", "awaited cancelled at 1.500000 True", "cancel done -> False"}));
    }

    // async def swallow():
    //     try: await asyncio.sleep(10)
    //     except asyncio.CancelledError: return 'swallowed'
    // t.cancel(); t.cancel(); r = await t
    // -> swallowed False 2 1 1   (result, cancelled(), cancelling(), uncancel(), cancelling())
    void catchAndSwallowCancellation()
    {
        EventLoop loop;
        std::string out;
        auto swallow = []() -> Task<std::string> {
            try {
                co_await aio::sleep(10);
            } catch (const CancelledError&) {
                co_return "swallowed";
            }
            co_return "slept";
        };
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(swallow());
            co_await aio::sleep(1);
            t.cancel();
            t.cancel();
            std::string r = co_await t;
            const int before = t.cancelling();
            const int after_uncancel = t.uncancel();
            out = r + " " + (t.cancelled() ? "True" : "False") + " " + std::to_string(before) + " " +
                  std::to_string(after_uncancel) + " " + std::to_string(t.cancelling());
        };
        loop.run_until_complete(main());
        QCOMPARE(out, std::string("swallowed False 2 1 1"));
        QCOMPARE(loop.time(), 1.0);
    }

    // fut = loop.create_future(); t = create_task(waiter(fut, log)); await sleep(0)
    // fut.set_result(42); t.cancel()   # t was chosen to wake but has not run yet
    // -> ['cancelled though result set'] True 42
    void cancelWhileBeingWoken()
    {
        EventLoop loop;
        std::vector<std::string> log;
        bool cancelled = false;
        auto waiter = [&](Future<int> fut) -> Task<void> {
            try {
                int v = co_await fut;
                log.push_back("got " + std::to_string(v));
            } catch (const CancelledError&) {
                log.push_back("cancelled though result set");
                throw;
            }
        };
        auto main = [&]() -> Task<int> {
            Future<int> fut = loop.create_future<int>();
            auto t = loop.create_task(waiter(fut));
            co_await aio::sleep(0);
            fut.set_result(42);
            t.cancel();
            try {
                co_await t;
            } catch (const CancelledError&) {
            }
            cancelled = t.cancelled();
            co_return fut.result();
        };
        QCOMPARE(loop.run_until_complete(main()), 42);
        QCOMPARE(log, (std::vector<std::string>{"cancelled though result set"}));
        QVERIFY(cancelled);
    }

    // async def outer(): await asyncio.create_task(inner(), name='inner')
    // cancelling outer cancels inner too: afterwards only main is left.
    void cancellingAnAwaitingTaskCancelsWhatItAwaits()
    {
        EventLoop loop;
        std::vector<std::string> left;
        bool inner_cancelled = false;
        TaskHandle<void> inner_task;
        auto inner = []() -> Task<void> { FrameCount f; co_await aio::sleep(10); };
        auto outer = [&]() -> Task<void> {
            inner_task = loop.create_task(inner(), "inner");
            co_await inner_task;
        };
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(outer(), "outer");
            co_await aio::sleep(1);
            t.cancel();
            try {
                co_await t;
            } catch (const CancelledError&) {
            }
            inner_cancelled = inner_task.cancelled();
            for (auto& x : loop.all_tasks())
                left.push_back(x.get_name());
        };
        loop.run_until_complete(main());
        QVERIFY(inner_cancelled);
        QCOMPARE(left, (std::vector<std::string>{"Task-1"}));
        QCOMPARE(loop.time(), 1.0);
    }

    // async def selfcancel(log):
    //     asyncio.current_task().cancel(); log.append('still running')
    //     try: await asyncio.sleep(0)
    //     except asyncio.CancelledError: log.append('cancelled at await'); raise
    // -> ['still running', 'cancelled at await'] True
    void cancelMidStepLandsAtTheNextAwait()
    {
        EventLoop loop;
        std::vector<std::string> log;
        bool cancelled = false;
        auto selfcancel = [&]() -> Task<void> {
            current_task().cancel();
            log.push_back("still running");
            try {
                co_await aio::sleep(0);
            } catch (const CancelledError&) {
                log.push_back("cancelled at await");
                throw;
            }
        };
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(selfcancel());
            try {
                co_await t;
            } catch (const CancelledError&) {
                cancelled = t.cancelled();
            }
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (std::vector<std::string>{"still running", "cancelled at await"}));
        QVERIFY(cancelled);
    }

    void cancelRightBeforeReturnCancelsTheTask()
    {
        EventLoop loop;
        auto quick = []() -> Task<int> {
            current_task().cancel();
            co_return 1;  // never suspends again
        };
        auto main = [&]() -> Task<bool> {
            auto t = loop.create_task(quick());
            try {
                co_await t;
            } catch (const CancelledError&) {
            }
            co_return t.cancelled();
        };
        QVERIFY(loop.run_until_complete(main()));
    }

    void cancelInsideNestedInlineAwait()
    {
        // The cancellation lands in the innermost coroutine that is suspended.
        EventLoop loop;
        std::vector<std::string> log;
        auto leaf = [&]() -> Task<void> {
            try {
                co_await aio::sleep(5);
            } catch (const CancelledError&) {
                log.push_back("leaf");
                throw;
            }
        };
        auto middle = [&]() -> Task<void> {
            try {
                co_await leaf();
            } catch (const CancelledError&) {
                log.push_back("middle");
                throw;
            }
        };
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(middle());
            co_await aio::sleep(1);
            t.cancel();
            try {
                co_await t;
            } catch (const CancelledError&) {
                log.push_back("main");
            }
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (std::vector<std::string>{"leaf", "middle", "main"}));
    }

    void everythingCancelledLeavesNoFrames()
    {
        {
            EventLoop loop;
            std::vector<std::string> log;
            auto main = [&]() -> Task<void> {
                for (int i = 0; i < 50; ++i)
                    loop.create_task(sleeper(log, "s" + std::to_string(i), 10 + i));
                co_await aio::sleep(1);
            };
            loop.run_until_complete(main());
            QCOMPARE(FrameCount::live, 50);
            loop.cancel_all_tasks();
            QCOMPARE(FrameCount::live, 0);
            QCOMPARE(loop.time(), 1.5);
        }
        // and a loop destroyed with tasks still pending frees them too
        {
            std::vector<std::string> messages;
            EventLoop loop;
            loop.set_exception_handler([&](EventLoop&, const ExceptionContext& c) { messages.push_back(c.message); });
            std::vector<std::string> log;
            auto main = [&]() -> Task<void> {
                for (int i = 0; i < 3; ++i)
                    loop.create_task(sleeper(log, "p", 10));
                co_await aio::sleep(1);
            };
            loop.run_until_complete(main());
            QCOMPARE(FrameCount::live, 3);
            loop.close();
            // destruction at scope end
        }
    }
};

QTEST_GUILESS_MAIN(TestCancellation)
#include "test_cancellation.moc"
