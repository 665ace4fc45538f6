// Awaiting coroutines directly uses symmetric transfer: no stack growth, however
// deep the chain or however many awaits complete synchronously.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;
using test_support::FrameCount;

namespace {

Task<long> chain(int n)
{
    if (n == 0)
        co_return 0;
    co_return 1 + co_await chain(n - 1);
}

Task<int> immediate(int i) { co_return i & 1; }

}  // namespace

class TestStackDepth : public QObject {
    Q_OBJECT
private slots:
    void millionDeepChain()
    {
        EventLoop loop;
        QCOMPARE(loop.run_until_complete(chain(1'000'000)), 1'000'000L);
    }

    void millionSynchronousAwaitsInALoop()
    {
        EventLoop loop;
        auto main = []() -> Task<long> {
            long sum = 0;
            for (int i = 0; i < 1'000'000; ++i)
                sum += co_await immediate(i);
            co_return sum;
        };
        QCOMPARE(loop.run_until_complete(main()), 500'000L);
    }

    void millionAwaitsOfDoneFutures()
    {
        EventLoop loop;
        auto main = [&]() -> Task<long> {
            Future<int> f = loop.create_future<int>();
            f.set_result(2);
            long sum = 0;
            for (int i = 0; i < 1'000'000; ++i)
                sum += co_await f;
            co_return sum;
        };
        QCOMPARE(loop.run_until_complete(main()), 2'000'000L);
    }

    void deepChainCancelledMidwayFreesEveryFrame()
    {
        FrameCount::live = 0;
        {
            EventLoop loop;
            std::function<Task<void>(int)> down = [&](int n) -> Task<void> {
                FrameCount f;
                if (n == 0) {
                    co_await aio::sleep(100);
                    co_return;
                }
                co_await down(n - 1);
            };
            auto main = [&]() -> Task<void> {
                auto t = loop.create_task(down(100'000));
                co_await aio::sleep(1);
                t.cancel();
                try {
                    co_await t;
                } catch (const CancelledError&) {
                }
            };
            loop.run_until_complete(main());
            QCOMPARE(FrameCount::live, 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestStackDepth)
#include "test_stack_depth.moc"
