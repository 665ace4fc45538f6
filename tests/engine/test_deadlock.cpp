// When nothing can ever happen again, run_until_complete stops with a report
// instead of hanging.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;

namespace {

// A minimal resource with an owner, so the report can follow "held by".
class OwnedThing final : public Resource {
public:
    OwnedThing(EventLoop& loop, std::string name) : Resource(loop, ResourceKind::lock, std::move(name)) {}
    std::vector<TaskBase*> holders() const override { return owner ? std::vector<TaskBase*>{owner} : std::vector<TaskBase*>{}; }
    // Waits until released (never, in these tests).
    Task<void> take()
    {
        if (!owner) {
            owner = loop().current_task();
            co_return;
        }
        Future<void> waiter = loop().create_future<void>();
        waiter.set_resource(this);
        waiters.push_back(waiter);
        co_await waiter;
    }
    TaskBase* owner = nullptr;
    std::vector<Future<void>> waiters;
};

}  // namespace

class TestDeadlock : public QObject {
    Q_OBJECT
private slots:
    void futureNobodyCompletes()
    {
        EventLoop loop;
        Future<int> never = loop.create_future<int>();
        auto main = [&]() -> Task<int> { co_return co_await never; };
        try {
            loop.run_until_complete(main());
            QFAIL("expected a deadlock");
        } catch (const DeadlockError& e) {
            const std::string report = e.what();
            QCOMPARE(report, std::string("Deadlock: no task can make progress, and Task 'Task-1' is not done.\n"
                                         "  Task 'Task-1' waits on Future that nothing will complete\n"
                                         "Wait-for chain: Task 'Task-1'\n"));
        }
        QVERIFY(!loop.is_running());
    }

    // The classic: two tasks take two locks in opposite orders.
    void twoLocksInOppositeOrderNamesTheCycle()
    {
        EventLoop loop;
        OwnedThing a(loop, "lock_a"), b(loop, "lock_b");
        auto worker = [&](OwnedThing& first, OwnedThing& second) -> Task<void> {
            co_await first.take();
            co_await aio::sleep(1);
            co_await second.take();
        };
        auto main = [&]() -> Task<void> {
            auto w1 = loop.create_task(worker(a, b), "worker-1");
            auto w2 = loop.create_task(worker(b, a), "worker-2");
            co_await w1;
            co_await w2;
        };
        Recorder rec;
        loop.set_tracer(&rec);
        try {
            loop.run_until_complete(main());
            QFAIL("expected a deadlock");
        } catch (const DeadlockError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("Deadlock: no task can make progress, and Task 'Task-1' is not done.\n"
                                 "  Task 'Task-1' waits on Task 'worker-1'\n"
                                 "  Task 'worker-1' waits on Lock 'lock_b', held by Task 'worker-2'\n"
                                 "  Task 'worker-2' waits on Lock 'lock_a', held by Task 'worker-1'\n"
                                 "Wait-for chain: Task 'Task-1' -> Task 'worker-1' -> Lock 'lock_b' -> Task 'worker-2' -> "
                                 "Lock 'lock_a' -> Task 'worker-1' (a cycle)\n"));
        }
        QCOMPARE(loop.time(), 1.0);
        QVERIFY(rec.size() > 0);
        QCOMPARE(rec[rec.size() - 1].kind, EventKind::deadlock);
    }

    // The same through a gather (demo 19): the chain goes on through the gather's
    // first child that is not done.
    void chainGoesThroughAGather()
    {
        EventLoop loop(std::make_unique<VirtualClock>());
        OwnedThing a(loop, "lock_a"), b(loop, "lock_b");
        auto worker = [&](OwnedThing& first, OwnedThing& second) -> Task<void> {
            co_await first.take();
            co_await aio::sleep(1);
            co_await second.take();
        };
        auto main = [&]() -> Task<void> {
            std::vector<FutureRef> ws{loop.create_task(worker(a, b), "alice"), loop.create_task(worker(b, a), "bob")};
            co_await gather(loop, ws);
        };
        try {
            loop.run_until_complete(main());
            QFAIL("expected a deadlock");
        } catch (const DeadlockError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("Deadlock: no task can make progress, and Task 'Task-1' is not done.\n"
                                 "  Task 'Task-1' waits on gather of 2, still waiting for Task 'alice'\n"
                                 "  Task 'alice' waits on Lock 'lock_b', held by Task 'bob'\n"
                                 "  Task 'bob' waits on Lock 'lock_a', held by Task 'alice'\n"
                                 "Wait-for chain: Task 'Task-1' -> gather of 2 -> Task 'alice' -> Lock 'lock_b' -> "
                                 "Task 'bob' -> Lock 'lock_a' -> Task 'alice' (a cycle)\n"));
        }
    }

    void pendingTimersAreNotADeadlock()
    {
        EventLoop loop;
        Future<int> later = loop.create_future<int>();
        loop.call_later(30, [later]() mutable { later.set_result(3); });
        QCOMPARE(loop.run_until_complete(later), 3);
        QCOMPARE(loop.time(), 30.0);
    }

    void externalWorkIsWaitedForNotReported()
    {
        EventLoop loop;
        Future<int> f = loop.create_future<int>();
        auto token = std::make_shared<EventLoop::ExternalWork>(loop);
        std::thread t([&loop, f, token]() mutable {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            loop.call_soon_threadsafe([f]() mutable { f.set_result(9); });
            token.reset();
        });
        token.reset();
        QCOMPARE(loop.run_until_complete(f), 9);
        t.join();
    }
};

QTEST_GUILESS_MAIN(TestDeadlock)
#include "test_deadlock.moc"
