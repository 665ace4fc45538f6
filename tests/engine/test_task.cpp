// Tasks and futures: scheduling order, names, results, exceptions, callbacks.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;
using test_support::FrameCount;

namespace {

Task<std::string> worker(std::string name, int n, std::vector<std::string>& log)
{
    for (int i = 0; i < n; ++i) {
        log.push_back(name + std::to_string(i));
        co_await aio::sleep(0);
    }
    co_return name;
}

Task<void> boom(double after)
{
    co_await aio::sleep(after);
    throw ValueError("bad");
}

}  // namespace

class TestTask : public QObject {
    Q_OBJECT
private slots:
    // CPython 3.11 (inside asyncio.run, so main is Task-1):
    //   t1 = asyncio.create_task(worker('a', 3, log)); t2 = asyncio.create_task(worker('b', 3, log))
    //   print(await t1, await t2, log, t1.get_name(), t2.get_name())
    // -> a b ['a0', 'b0', 'a1', 'b1', 'a2', 'b2'] Task-2 Task-3
    void sleepZeroYieldsExactlyOnceAndTasksAreNamed()
    {
        EventLoop loop;
        std::vector<std::string> log;
        std::string names;
        auto main = [&]() -> Task<std::string> {
            auto t1 = loop.create_task(worker("a", 3, log));
            auto t2 = loop.create_task(worker("b", 3, log));
            std::string r = co_await t1;
            r += co_await t2;
            names = current_task().get_name() + " " + t1.get_name() + " " + t2.get_name();
            co_return r;
        };
        QCOMPARE(loop.run_until_complete(main()), std::string("ab"));
        QCOMPARE(log, (std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"}));
        QCOMPARE(names, std::string("Task-1 Task-2 Task-3"));
        QCOMPARE(loop.time(), 0.0);
    }

    void customNamesAndRename()
    {
        EventLoop loop;
        std::vector<std::string> log;
        auto main = [&]() -> Task<std::string> {
            auto t = loop.create_task(worker("x", 1, log), "fetch");
            std::string before = t.get_name();
            t.set_name("fetch-2");
            co_await t;
            co_return before + "/" + t.get_name();
        };
        QCOMPARE(loop.run_until_complete(main()), std::string("fetch/fetch-2"));
    }

    // CPython: t = create_task(boom()); await t -> ValueError('bad'); t.done() True;
    // two tasks awaiting one failing task both see the exception.
    void exceptionsPropagateToEveryAwaiter()
    {
        EventLoop loop;
        std::vector<std::string> seen;
        auto watcher = [&](TaskHandle<void> t) -> Task<void> {
            try {
                co_await t;
            } catch (const ValueError& e) {
                seen.push_back(std::string("saw ") + e.what() + " at " + std::to_string(loop.time()));
            }
        };
        auto main = [&]() -> Task<void> {
            auto a = loop.create_task(boom(1));
            auto w1 = loop.create_task(watcher(a));
            auto w2 = loop.create_task(watcher(a));
            co_await w1;
            co_await w2;
        };
        loop.run_until_complete(main());
        QCOMPARE(seen, (std::vector<std::string>{"saw bad at 1.000000", "saw bad at 1.000000"}));
    }

    void resultAndExceptionStates()
    {
        EventLoop loop;
        Future<int> f = loop.create_future<int>();
        QVERIFY(!f.done());
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, f.result());
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, f.exception());
        f.set_result(5);
        QCOMPARE(f.result(), 5);
        QVERIFY(f.exception() == nullptr);
        QVERIFY_THROWS_EXCEPTION(InvalidStateError, f.set_result(6));
        QVERIFY(!f.cancel());

        Future<int> g = loop.create_future<int>();
        QVERIFY(g.cancel("why"));
        QVERIFY(g.cancelled());
        try {
            g.result();
            QFAIL("expected CancelledError");
        } catch (const CancelledError& e) {
            QCOMPARE(e.message(), std::string("why"));
        }
    }

    void doneCallbacksRunSoonInOrderAndCanBeRemoved()
    {
        EventLoop loop;
        std::vector<std::string> log;
        Future<int> f = loop.create_future<int>();
        f.add_done_callback([&](FutureBase&) { log.push_back("first"); });
        auto id = f.add_done_callback([&](FutureBase&) { log.push_back("removed"); });
        f.add_done_callback([&](FutureBase&) { throw ValueError("callback broke"); });
        f.add_done_callback([&](FutureBase&) { log.push_back("third"); loop.stop(); });
        QCOMPARE(f.remove_done_callback(id), std::size_t(1));
        QCOMPARE(f.remove_done_callback(id), std::size_t(0));
        std::vector<std::string> errors;
        loop.set_exception_handler([&](EventLoop&, const ExceptionContext& c) { errors.push_back(describe_exception(c.exception)); });
        f.set_result(1);
        QVERIFY(log.empty());  // never inline
        loop.run_forever();
        // a throwing callback does not stop the others
        QCOMPARE(log, (std::vector<std::string>{"first", "third"}));
        QCOMPARE(errors, (std::vector<std::string>{"ValueError: callback broke"}));
        // added after completion: scheduled at once
        f.add_done_callback([&](FutureBase&) { log.push_back("late"); loop.stop(); });
        loop.run_forever();
        QCOMPARE(log.back(), std::string("late"));
    }

    void allTasksListsPendingInCreationOrder()
    {
        EventLoop loop;
        std::vector<std::string> names;
        auto main = [&]() -> Task<void> {
            auto a = loop.create_task(aio::sleep(1.0, 1), "a");
            auto b = loop.create_task(aio::sleep(2.0, 2), "b");
            co_await a;
            for (auto& t : loop.all_tasks())
                names.push_back(t.get_name());
            co_await b;
        };
        loop.run_until_complete(main());
        QCOMPARE(names, (std::vector<std::string>{"Task-1", "b"}));
        QVERIFY(loop.all_tasks().empty());
    }

    void neverRetrievedExceptionIsReported()
    {
        EventLoop loop;
        std::vector<std::string> messages;
        loop.set_exception_handler([&](EventLoop&, const ExceptionContext& c) {
            messages.push_back(c.message + " | " + c.object + " | " + describe_exception(c.exception));
        });
        auto main = [&]() -> Task<void> {
            {
                auto t = loop.create_task(boom(0), "lost");
                co_await aio::sleep(1);
                // t goes out of scope unretrieved
            }
            auto seen = loop.create_task(boom(0), "seen");
            co_await aio::sleep(1);
            (void)seen.exception();
        };
        loop.run_until_complete(main());
        QCOMPARE(messages, (std::vector<std::string>{"Task exception was never retrieved | Task 'lost' | ValueError: bad"}));
    }

    void taskCannotAwaitItself()
    {
        EventLoop loop;
        bool refused = false;
        TaskHandle<void> self;
        auto body = [&]() -> Task<void> {
            co_await aio::sleep(0);
            try {
                co_await self;
            } catch (const RuntimeError&) {
                refused = true;
            }
        };
        self = loop.create_task(body());
        loop.run_until_complete(self);
        QVERIFY(refused);
    }

    void framesAreDestroyedWhenTasksEnd()
    {
        FrameCount::live = 0;
        {
            EventLoop loop;
            auto child = []() -> Task<int> { FrameCount c; co_await aio::sleep(1); co_return 1; };
            auto main = [&]() -> Task<int> {
                FrameCount c;
                int sum = 0;
                for (int i = 0; i < 10; ++i)
                    sum += co_await child();
                auto t = loop.create_task(child());
                sum += co_await t;
                co_return sum;
            };
            QCOMPARE(loop.run_until_complete(main()), 11);
            QCOMPARE(FrameCount::live, 0);
        }
        QCOMPARE(FrameCount::live, 0);
    }
};

QTEST_GUILESS_MAIN(TestTask)
#include "test_task.moc"
