// call_soon_threadsafe: the way in from other threads. None lost, no polling.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

#include <thread>

using namespace aio;

class TestThreads : public QObject {
    Q_OBJECT
private slots:
    void fourThreadsTimes25000CallsNoneLost()
    {
        for (bool real : {false, true}) {
            auto loop = real ? EventLoop::with_real_clock() : EventLoop::with_virtual_clock();
            constexpr int kThreads = 4, kCalls = 25'000;
            Future<long> all = loop->create_future<long>();
            long received = 0;
            std::vector<long> last_seen(kThreads, -1);
            bool in_order = true;
            std::vector<std::thread> threads;
            {
                std::vector<std::shared_ptr<EventLoop::ExternalWork>> tokens;
                for (int t = 0; t < kThreads; ++t)
                    tokens.push_back(std::make_shared<EventLoop::ExternalWork>(*loop));
                for (int t = 0; t < kThreads; ++t) {
                    threads.emplace_back([&, t, token = tokens[t]] {
                        for (int i = 0; i < kCalls; ++i) {
                            loop->call_soon_threadsafe([&, t, i]() mutable {
                                if (last_seen[t] != i - 1)
                                    in_order = false;
                                last_seen[t] = i;
                                if (++received == long(kThreads) * kCalls)
                                    all.set_result(received);
                            });
                        }
                    });
                }
            }
            QCOMPARE(loop->run_until_complete(all), long(kThreads) * kCalls);
            for (auto& th : threads)
                th.join();
            QVERIFY(in_order);  // each thread's calls run in the order it made them
        }
    }

    void threadsafeCallWakesASleepingRealLoop()
    {
        auto loop = EventLoop::with_real_clock();
        Future<int> f = loop->create_future<int>();
        // a far timer: if the wake-up did not interrupt the wait, this would take 60 s
        loop->call_later(60, [] {});
        std::thread t([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            loop->call_soon_threadsafe([f]() mutable { f.set_result(1); });
        });
        QCOMPARE(loop->run_until_complete(f), 1);
        QVERIFY(loop->time() < 30);
        t.join();
    }

    void loopInABackgroundThreadFedFromOthers()
    {
        auto loop = EventLoop::with_real_clock();
        std::atomic<int> sum{0};
        std::thread runner([&] { loop->run_forever(); });
        std::vector<std::thread> feeders;
        for (int t = 0; t < 4; ++t)
            feeders.emplace_back([&] {
                for (int i = 0; i < 1000; ++i)
                    loop->call_soon_threadsafe([&] { sum.fetch_add(1, std::memory_order_relaxed); });
            });
        for (auto& f : feeders)
            f.join();
        loop->call_soon_threadsafe([&] { loop->stop(); });
        runner.join();
        QCOMPARE(sum.load(), 4000);
    }
};

QTEST_GUILESS_MAIN(TestThreads)
#include "test_threads.moc"
