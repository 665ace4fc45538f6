// The engine keeps the memory of a finished loop's big arrays (ready queue, timer
// heap, task registry) for the next loop, within a fixed cap: a window that runs
// program after program neither pays fresh page faults each run nor grows.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>
#include <engine/retained_allocator.hpp>

#include <QTest>

#include <cstring>

using namespace aio;

namespace {

// Spawns n tasks that each sleep once (the ready queue, the registry and the timer
// heap all grow to n entries) and returns how many finished.
int run_many(int n)
{
    EventLoop loop;
    int finished = 0;
    auto one = [&](int i) -> Task<void> {
        co_await aio::sleep(0.001 * (i % 7));
        ++finished;
    };
    auto main = [&]() -> Task<void> {
        std::vector<TaskHandle<void>> ts;
        for (int i = 0; i < n; ++i)
            ts.push_back(loop.create_task(one(i)));
        for (auto& t : ts)
            co_await t;
    };
    loop.run_until_complete(main());
    return finished;
}

}  // namespace

class TestRetainedMemory : public QObject {
    Q_OBJECT
private slots:
    void bigArraysAreKeptForTheNextLoopWithinTheCap()
    {
#if defined(LOOPSCOPE_NO_POOL)
        QSKIP("sanitizer builds keep nothing");
#endif
        QCOMPARE(run_many(200'000), 200'000);
        const std::size_t kept = detail::retained_bytes();
        QVERIFY2(kept >= std::size_t{1} << 20, qPrintable(QString::number(kept)));  // the 200,000-slot arrays
        QVERIFY(kept <= std::size_t{64} << 20);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(run_many(200'000), 200'000);
        QVERIFY(detail::retained_bytes() <= std::size_t{64} << 20);
        QCOMPARE(detail::retained_bytes(), kept);  // each run took the blocks back and returned them
    }

    void blocksComeBackThroughAnyAllocation()
    {
#if defined(LOOPSCOPE_NO_POOL)
        QSKIP("sanitizer builds keep nothing");
#endif
        // A block handed out, written, and given back is handed out again.
        void* a = detail::retained_allocate(std::size_t{3} << 20);
        std::memset(a, 1, std::size_t{3} << 20);
        detail::retained_deallocate(a, std::size_t{3} << 20);
        void* b = detail::retained_allocate(std::size_t{3} << 20);
        QCOMPARE(b, a);
        detail::retained_deallocate(b, std::size_t{3} << 20);
        void* small = detail::retained_allocate(100);  // small blocks are plain allocations
        QVERIFY(small != nullptr);
        detail::retained_deallocate(small, 100);
    }
};

QTEST_GUILESS_MAIN(TestRetainedMemory)
#include "test_retained_memory.moc"
