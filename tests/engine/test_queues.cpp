// Queue, PriorityQueue, LifoQueue. Mirrors the queue part of
// tests/engine/cpython/sync.py (CPython 3.11.7), quoted above each test.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

#include <random>

using namespace aio;
using test_support::FrameCount;
using test_support::py_time;

namespace {
using Log = std::vector<std::string>;
}

class TestQueues : public QObject {
    Q_OBJECT
private slots:
    void init() { FrameCount::live = 0; }
    void cleanup() { QCOMPARE(FrameCount::live, 0); }

    // q = asyncio.Queue(maxsize=2); producer puts 0..4, consumer gets one a second, task_done, join
    // queue ['0.0 put 0', '0.0 put 1', '1.0 got 0', '1.0 put 2', '2.0 got 1', '2.0 put 3', '3.0 got 2',
    //        '3.0 put 4', '4.0 got 3', '5.0 got 4']
    void boundedQueueProducerConsumer()
    {
        EventLoop loop;
        Queue<int> q(loop, 2, "jobs");
        Log log;
        auto producer = [&]() -> Task<void> {
            FrameCount f;
            for (int i = 0; i < 5; ++i) {
                co_await q.put(i);
                log.push_back(py_time(loop.time()) + " put " + std::to_string(i));
            }
        };
        auto consumer = [&]() -> Task<void> {
            FrameCount f;
            for (int i = 0; i < 5; ++i) {
                co_await aio::sleep(1);
                int v = co_await q.get();
                log.push_back(py_time(loop.time()) + " got " + std::to_string(v));
                q.task_done();
            }
        };
        auto main = [&]() -> Task<void> {
            std::vector<FutureRef> both{loop.create_task(producer()), loop.create_task(consumer())};
            co_await gather(loop, both);
            co_await q.join();
        };
        Recorder rec;
        loop.set_tracer(&rec);
        loop.run_until_complete(main());
        QCOMPARE(log, (Log{"0.0 put 0", "0.0 put 1", "1.0 got 0", "1.0 put 2", "2.0 got 1", "2.0 put 3", "3.0 got 2",
                           "3.0 put 4", "4.0 got 3", "5.0 got 4"}));
        // the trace carries the queue's contents
        std::vector<std::string> contents;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind == EventKind::queue_contents)
                contents.emplace_back(rec.string(rec[i].text));
        QCOMPARE(contents.front(), std::string("[0]"));
        QCOMPARE(contents[1], std::string("[0, 1]"));
        QCOMPARE(contents.back(), std::string("[]"));
    }

    // pq [(1, 'A'), (1, 'a'), (2, 'b'), (3, 'c'), (5, 'e')]
    void priorityQueueOrdersByItem()
    {
        EventLoop loop;
        PriorityQueue<std::pair<int, std::string>> pq(loop);
        for (auto item : std::vector<std::pair<int, std::string>>{{3, "c"}, {1, "a"}, {2, "b"}, {1, "A"}, {5, "e"}})
            pq.put_nowait(item);
        std::vector<std::pair<int, std::string>> out;
        while (!pq.empty())
            out.push_back(pq.get_nowait());
        QCOMPARE(out, (std::vector<std::pair<int, std::string>>{{1, "A"}, {1, "a"}, {2, "b"}, {3, "c"}, {5, "e"}}));
    }

    void heapOrderMatchesPythonHeapqForEqualKeys()
    {
        // import heapq; h=[]; [heapq.heappush(h, (k, i)) for i, k in enumerate([2,1,2,1,2,1,0,2])]
        // [heapq.heappop(h) ... ] with a key-only comparison is what PriorityQueue of objects
        // ordered by priority alone does; CPython 3.11 pops the payloads as [6, 1, 5, 3, 2, 7, 4, 0]
        struct Item {
            int key, payload;
            bool operator<(const Item& o) const { return key < o.key; }
        };
        std::vector<Item> heap;
        int i = 0;
        for (int k : {2, 1, 2, 1, 2, 1, 0, 2})
            heapq::push(heap, Item{k, i++});
        std::vector<int> order;
        while (!heap.empty())
            order.push_back(heapq::pop(heap).payload);
        QCOMPARE(order, (std::vector<int>{6, 1, 5, 3, 2, 7, 4, 0}));
    }

    void heapOfNumberPairsMatchesTheGenericHeap()
    {
        // (priority, payload) pairs of numbers take heapq's branch-free comparison; it
        // must leave every element where pair's own operator< would (ties included).
        struct Boxed {
            std::pair<int, double> v;
            bool operator<(const Boxed& o) const { return v < o.v; }
        };
        std::vector<std::pair<int, double>> fast;
        std::vector<Boxed> generic;
        std::mt19937 rng(7);
        for (int step = 0; step < 20000; ++step) {
            if (rng() % 3 != 0 || fast.empty()) {
                const std::pair<int, double> v{int(rng() % 50), double(rng() % 4) / 2};
                heapq::push(fast, v);
                heapq::push(generic, Boxed{v});
            } else {
                QCOMPARE(heapq::pop(fast), heapq::pop(generic).v);
            }
            QCOMPARE(fast.size(), generic.size());
        }
        for (std::size_t i = 0; i < fast.size(); ++i)
            QCOMPARE(fast[i], generic[i].v);
    }

    // lifo [3, 2, 1, 0] ; QueueFull True 1 1 ; QueueEmpty True ; task_done: task_done() called too many times
    void lifoQueueAndErrors()
    {
        EventLoop loop;
        LifoQueue<int> lq(loop);
        for (int i = 0; i < 4; ++i)
            lq.put_nowait(i);
        std::vector<int> out;
        while (!lq.empty())
            out.push_back(lq.get_nowait());
        QCOMPARE(out, (std::vector<int>{3, 2, 1, 0}));

        Queue<int> q(loop, 1);
        q.put_nowait(1);
        QVERIFY_THROWS_EXCEPTION(QueueFull, q.put_nowait(2));
        QVERIFY(q.full());
        QCOMPARE(q.qsize(), std::size_t(1));
        QCOMPARE(q.maxsize(), 1L);
        q.get_nowait();
        QVERIFY_THROWS_EXCEPTION(QueueEmpty, q.get_nowait());
        QVERIFY(q.empty());
        q.task_done();
        try {
            q.task_done();
            QFAIL("expected ValueError");
        } catch (const ValueError& e) {
            QCOMPARE(std::string(e.what()), std::string("task_done() called too many times"));
        }
    }

    // getter pass-on ['g1 cancelled', 'g2 got item']
    // The trace counts the tasks blocked in get() or put(), and a woken waiter stops
    // counting as soon as it is chosen (asyncio pops it from the waiters then):
    // two getters block (1, 2); put_nowait(1) wakes the first (1); put(2) on the full
    // queue blocks main (2); the first getter takes 1 and wakes main (1); main's put
    // wakes the second getter (0).
    void waitersCountedInTheTraceAreTheBlockedTasks()
    {
        EventLoop loop(std::make_unique<VirtualClock>());
        Recorder rec;
        loop.set_tracer(&rec);
        Queue<int> q(loop, 1);
        int sum = 0;
        auto consumer = [&]() -> Task<void> { sum += co_await q.get(); };
        auto main = [&]() -> Task<void> {
            std::vector<FutureRef> cs{loop.create_task(consumer()), loop.create_task(consumer())};
            co_await aio::sleep(1);
            q.put_nowait(1);
            co_await q.put(2);
            co_await gather(loop, cs);
        };
        loop.run_until_complete(main());
        QCOMPARE(sum, 3);
        std::vector<std::int64_t> waiters;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind == EventKind::resource_waiters && rec[i].a == q.id())
                waiters.push_back(rec[i].value);
        QCOMPARE(waiters, (std::vector<std::int64_t>{1, 2, 1, 2, 1, 0}));
    }

    void cancelledChosenGetterPassesTheItemOn()
    {
        EventLoop loop;
        Queue<std::string> q(loop);
        Log log;
        auto getter = [&](std::string n) -> Task<void> {
            try {
                std::string v = co_await q.get();
                log.push_back(n + " got " + v);
            } catch (const CancelledError&) {
                log.push_back(n + " cancelled");
                throw;
            }
        };
        auto main = [&]() -> Task<void> {
            auto g1 = loop.create_task(getter("g1"));
            auto g2 = loop.create_task(getter("g2"));
            co_await aio::sleep(0);
            q.put_nowait("item");
            g1.cancel();
            std::vector<FutureRef> both{g1, g2};
            co_await gather(loop, both, true);
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (Log{"g1 cancelled", "g2 got item"}));
    }

    void cancelledChosenPutterPassesTheSlotOn()
    {
        EventLoop loop;
        Queue<int> q(loop, 1);
        Log log;
        auto putter = [&](int v) -> Task<void> {
            try {
                co_await q.put(v);
                log.push_back("put " + std::to_string(v));
            } catch (const CancelledError&) {
                log.push_back("putter " + std::to_string(v) + " cancelled");
                throw;
            }
        };
        auto main = [&]() -> Task<void> {
            q.put_nowait(0);
            auto p1 = loop.create_task(putter(1));
            auto p2 = loop.create_task(putter(2));
            co_await aio::sleep(0);
            (void)q.get_nowait();  // p1 chosen
            p1.cancel();
            std::vector<FutureRef> both{p1, p2};
            co_await gather(loop, both, true);
            log.push_back("queue holds " + std::to_string(q.get_nowait()));
        };
        loop.run_until_complete(main());
        QCOMPARE(log, (Log{"putter 1 cancelled", "put 2", "queue holds 2"}));
    }
};

QTEST_GUILESS_MAIN(TestQueues)
#include "test_queues.moc"
