// Feeding a loop from other threads: run_coroutine_threadsafe, its thread-safe
// future (result with and without timeout, cancel, done callbacks), a loop running
// endless in a background thread, and what happens when the loop goes away first.
// The CPython 3.11 programs these mirror are quoted above each test.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>
#include <engine/run_coroutine_threadsafe.hpp>
#include <engine/to_thread.hpp>

#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace aio;
using test_support::FrameCount;

namespace {

// loop = asyncio.new_event_loop(); t = threading.Thread(target=loop.run_forever); t.start()
// ... loop.call_soon_threadsafe(loop.stop); t.join()
struct BackgroundLoop {
    std::unique_ptr<EventLoop> loop = EventLoop::with_real_clock();
    std::thread runner{[this] { loop->run_forever(); }};
    ~BackgroundLoop()
    {
        loop->call_soon_threadsafe([l = loop.get()] { l->stop(); });
        runner.join();
    }
};

Task<long> echo(long i)
{
    FrameCount f;
    co_return i;
}

}  // namespace

class TestThreadsafeSubmit : public QObject {
    Q_OBJECT
private slots:
    void init() { FrameCount::live = 0; }
    void cleanup() { QCOMPARE(FrameCount::live, 0); }

    // async def answer(): await asyncio.sleep(0.01); return 42
    // f = asyncio.run_coroutine_threadsafe(answer(), loop); f.result() -> 42; f.done() -> True
    void resultFromAnotherThread()
    {
        BackgroundLoop bg;
        auto answer = []() -> Task<int> {
            FrameCount f;
            co_await aio::sleep(0.01);
            co_return 42;
        };
        ConcurrentFuture<int> f = run_coroutine_threadsafe(answer(), *bg.loop);
        QCOMPARE(f.result(), 42);
        QVERIFY(f.done());
        QVERIFY(!f.cancelled());
        QCOMPARE(f.result(), 42);  // as often as asked
    }

    // async def bad(): raise ValueError('nope')
    // f.result() -> raises ValueError('nope'); f.exception() -> ValueError('nope')
    void exceptionPropagates()
    {
        BackgroundLoop bg;
        auto bad = []() -> Task<int> {
            FrameCount f;
            throw ValueError("nope");
            co_return 0;
        };
        ConcurrentFuture<int> f = run_coroutine_threadsafe(bad(), *bg.loop);
        QVERIFY_THROWS_EXCEPTION(ValueError, f.result());
        std::exception_ptr e = f.exception();
        QVERIFY(e);
        QCOMPARE(describe_exception(e), std::string("ValueError: nope"));
    }

    // async def endless(): await asyncio.sleep(3600)
    // f.result(timeout=0.05) -> TimeoutError; f.done() False
    // f.cancel() -> True; f.result() -> CancelledError; the task sees CancelledError
    void resultWithTimeoutTimesOut()
    {
        BackgroundLoop bg;
        std::latch saw_cancel(1);
        auto endless = [&]() -> Task<void> {
            FrameCount f;
            try {
                co_await aio::sleep(3600);
            } catch (const CancelledError&) {
                saw_cancel.count_down();
                throw;
            }
        };
        ConcurrentFuture<void> f = run_coroutine_threadsafe(endless(), *bg.loop);
        QVERIFY_THROWS_EXCEPTION(TimeoutError, f.result(0.05));
        QVERIFY_THROWS_EXCEPTION(TimeoutError, f.exception(0.0));
        QVERIFY(!f.done());
        QVERIFY(f.cancel());
        QVERIFY(!f.cancel());
        QVERIFY_THROWS_EXCEPTION(CancelledError, f.result());
        QVERIFY(f.cancelled());
        saw_cancel.wait();
    }

    // Cancel from a third thread: the waiter wakes with CancelledError at once, the
    // callbacks run on the cancelling thread, the task is cancelled on the loop.
    void cancelFromAnotherThread()
    {
        BackgroundLoop bg;
        std::latch started(1), saw_cancel(1);
        auto endless = [&]() -> Task<int> {
            FrameCount f;
            started.count_down();
            try {
                co_await aio::sleep(3600);
            } catch (const CancelledError&) {
                saw_cancel.count_down();
                throw;
            }
            co_return 1;
        };
        ConcurrentFuture<int> f = run_coroutine_threadsafe(endless(), *bg.loop);
        std::thread::id callback_thread, canceller_id;
        bool callback_saw_cancelled = false;
        f.add_done_callback([&](const ConcurrentFuture<int>& g) {
            callback_thread = std::this_thread::get_id();
            callback_saw_cancelled = g.cancelled();
        });
        started.wait();
        std::thread canceller([&] {
            canceller_id = std::this_thread::get_id();
            f.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(CancelledError, f.result());
        canceller.join();
        QCOMPARE(callback_thread, canceller_id);
        QVERIFY(callback_saw_cancelled);
        saw_cancel.wait();
    }

    // f.add_done_callback(cb): called on the loop's thread when the task completes it;
    // added after completion, called at once on the adding thread; one callback
    // raising does not stop the next.
    void doneCallbacksRunOnTheCompletingThread()
    {
        BackgroundLoop bg;
        std::thread::id loop_thread = bg.runner.get_id();
        std::latch gate(1);
        auto gated = [&]() -> Task<int> {
            FrameCount f;
            co_await aio::to_thread([&] { gate.wait(); });
            co_return 7;
        };
        ConcurrentFuture<int> f = run_coroutine_threadsafe(gated(), *bg.loop);
        std::vector<std::string> calls;
        std::mutex m;
        auto note = [&](std::string s) {
            std::lock_guard lock(m);
            calls.push_back(std::move(s));
        };
        std::thread::id first_thread;
        f.add_done_callback([&](const ConcurrentFuture<int>&) {
            first_thread = std::this_thread::get_id();
            note("first");
            throw std::runtime_error("callback failed (expected by the test)");
        });
        f.add_done_callback([&](const ConcurrentFuture<int>& g) { note("second " + std::to_string(g.result())); });
        gate.count_down();
        QCOMPARE(f.result(), 7);
        // result() may return before the loop thread has run the callbacks
        std::latch after(1);
        std::thread::id late_thread;
        bg.loop->call_soon_threadsafe([&] { after.count_down(); });
        after.wait();
        f.add_done_callback([&](const ConcurrentFuture<int>&) {
            late_thread = std::this_thread::get_id();
            note("late");
        });
        QCOMPARE(calls, (std::vector<std::string>{"first", "second 7", "late"}));
        QCOMPARE(first_thread, loop_thread);
        QCOMPARE(late_thread, std::this_thread::get_id());
    }

    // A loop running endless in a background thread, fed by 4 threads x 25,000
    // run_coroutine_threadsafe calls: every result arrives, none lost.
    void fourThreadsTimes25000SubmissionsNoneLost()
    {
        constexpr int kThreads = 4, kCalls = 25'000;
        std::atomic<long> total{0};
        {
            BackgroundLoop bg;
            std::vector<std::thread> feeders;
            for (int t = 0; t < kThreads; ++t)
                feeders.emplace_back([&, t] {
                    std::vector<ConcurrentFuture<long>> fs;
                    fs.reserve(kCalls);
                    for (long i = 0; i < kCalls; ++i)
                        fs.push_back(run_coroutine_threadsafe(echo(t * kCalls + i), *bg.loop));
                    long sum = 0;
                    for (auto& f : fs)
                        sum += f.result();
                    total += sum;
                });
            for (auto& th : feeders)
                th.join();
        }
        const long n = long(kThreads) * kCalls;
        QCOMPARE(total.load(), n * (n - 1) / 2);
        QCOMPARE(FrameCount::made >= n, true);
    }

    // The same through to_thread: each submitted coroutine hands its work to the
    // loop's worker pool and awaits it.
    void fourThreadsTimes25000ToThreadNoneLost()
    {
        constexpr int kThreads = 4, kCalls = 25'000;
        std::atomic<long> total{0};
        std::size_t threads_started = 0, max_workers = 0;
        {
            BackgroundLoop bg;
            auto hop = [](long i) -> Task<long> {
                FrameCount f;
                co_return co_await to_thread([](long x) { return 2 * x; }, i);
            };
            std::vector<std::thread> feeders;
            for (int t = 0; t < kThreads; ++t)
                feeders.emplace_back([&, t] {
                    std::vector<ConcurrentFuture<long>> fs;
                    fs.reserve(kCalls);
                    for (long i = 0; i < kCalls; ++i)
                        fs.push_back(run_coroutine_threadsafe(hop(t * kCalls + i), *bg.loop));
                    long sum = 0;
                    for (auto& f : fs)
                        sum += f.result();
                    total += sum;
                });
            for (auto& th : feeders)
                th.join();
            auto probe = [&]() -> Task<void> {
                threads_started = bg.loop->thread_pool().threads_started();
                max_workers = bg.loop->thread_pool().max_workers();
                co_return;
            };
            run_coroutine_threadsafe(probe(), *bg.loop).result();
        }
        const long n = long(kThreads) * kCalls;
        QCOMPARE(total.load(), n * (n - 1));
        QVERIFY(threads_started >= 1);
        QVERIFY(threads_started <= max_workers);
    }

    // A virtual-clock loop driven by this thread, fed by 4 others: submissions take
    // no virtual time while the feeders hold ExternalWork, so every sleep(1) ends at 1.0.
    void virtualLoopFedFromThreads()
    {
        EventLoop loop;
        constexpr int kThreads = 4, kCalls = 1000;
        std::atomic<long> total{0};
        std::atomic<int> finished{0};
        auto nap = [&](long i) -> Task<long> {
            FrameCount f;
            co_await aio::sleep(1);
            co_return i;
        };
        std::vector<std::thread> feeders;
        for (int t = 0; t < kThreads; ++t)
            feeders.emplace_back([&, t, token = std::make_shared<EventLoop::ExternalWork>(loop)]() mutable {
                std::vector<ConcurrentFuture<long>> fs;
                for (long i = 0; i < kCalls; ++i)
                    fs.push_back(run_coroutine_threadsafe(nap(t * kCalls + i), loop));
                token.reset();
                long sum = 0;
                for (auto& f : fs)
                    sum += f.result();
                total += sum;
                if (++finished == kThreads)
                    loop.call_soon_threadsafe([&] { loop.stop(); });
            });
        loop.run_forever();
        for (auto& th : feeders)
            th.join();
        const long n = long(kThreads) * kCalls;
        QCOMPARE(total.load(), n * (n - 1) / 2);
        QCOMPARE(loop.time(), 1.0);
    }

    // loop.close(); asyncio.run_coroutine_threadsafe(c(), loop) -> RuntimeError: Event loop is closed.
    // Here the submission cannot see the closed flag from another thread; the
    // future fails with the same error when the loop drops the call.
    void submittingToAClosedLoopFails()
    {
        ConcurrentFuture<long> f;
        {
            auto loop = EventLoop::with_virtual_clock();
            loop->close();
            std::thread([&] { f = run_coroutine_threadsafe(echo(1), *loop); }).join();
        }
        QVERIFY_THROWS_EXCEPTION(RuntimeError, f.result());
        try {
            f.result();
        } catch (const RuntimeError& e) {
            QCOMPARE(std::string(e.what()), std::string("Event loop is closed"));
        }
    }

    // A task still pending when its loop is destroyed: the waiting thread is not
    // left hanging, the future is cancelled and no frame leaks.
    void loopDestroyedWithTheTaskPending()
    {
        ConcurrentFuture<int> f;
        std::vector<std::string> reports;
        std::thread waiter;
        std::atomic<bool> waiter_saw_cancel{false};
        {
            EventLoop loop;
            loop.set_exception_handler([&](EventLoop&, const ExceptionContext& c) { reports.push_back(c.message); });
            auto stuck = [&]() -> Task<int> {
                FrameCount fc;
                Future<int> never = loop.create_future<int>();
                co_return co_await never;
            };
            std::thread([&] { f = run_coroutine_threadsafe(stuck(), loop); }).join();
            waiter = std::thread([&] {
                try {
                    f.result();
                } catch (const CancelledError&) {
                    waiter_saw_cancel = true;
                }
            });
            loop.run_until_complete(aio::sleep(1.0, 0));  // the task starts and waits
            QCOMPARE(FrameCount::live, 1);
        }
        waiter.join();
        QVERIFY(waiter_saw_cancel.load());
        QVERIFY(f.cancelled());
        QCOMPARE(reports, (std::vector<std::string>{"Task was destroyed but it is pending!"}));
    }
};

QTEST_GUILESS_MAIN(TestThreadsafeSubmit)
#include "test_threadsafe_submit.moc"
