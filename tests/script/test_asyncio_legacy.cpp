// Older asyncio forms (@asyncio.coroutine, `with (yield from lock)`, wait() with
// coroutines, loop= and Task.all_tasks()) and loop.run_forever()/stop(), in what the
// conformance rows cannot show: the deprecation notes come once per feature per run and
// name the line of first use; run_forever works when the loop is driven from outside (the
// window's way) and ends in a deadlock report there too; a task stuck inside
// `with (yield from lock)` is reported at the program's line, not asyncio's helper.
#include "test_asyncio_support.hpp"

#include <QTest>

namespace {

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::size_t count(const std::string& hay, const std::string& needle)
{
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
        ++n;
    return n;
}

// As test_asyncio_runner's: the loop driven in small batches, the virtual clock moved to
// the next deadline when nothing is ready, check_idle() when nothing is left.
asyncio_test::Outcome run_driven(const std::string& program)
{
    asyncio_test::Outcome o;
    auto loop = aio::EventLoop::with_virtual_clock();
    script::RunOptions options;
    options.on_stdout = [&o](std::string_view t, double) { o.out += t; };
    options.on_stderr = [&o](std::string_view t, double) { o.err += t; };
    script::ScriptRun run(program, "prog.py", options);
    run.start(*loop);
    asyncio_test::drive_to_end(*loop, run);
    o.code = run.finished() ? run.exit_code() : -2;
    o.diagnostics = run.diagnostics();
    return o;
}

const char* const kManyUses = R"py(import asyncio

@asyncio.coroutine
def one(n):
    yield from asyncio.sleep(0.1 * n)
    return n

@asyncio.coroutine
def two():
    return (yield from one(1))

loop = asyncio.get_event_loop()
for i in range(3):
    done, _ = loop.run_until_complete(asyncio.wait([one(i), two()], loop=loop))
    print(sorted(f.result() for f in done))
print(len(asyncio.Task.all_tasks()) >= 0, len(asyncio.Task.all_tasks()) >= 0)
)py";

const char* const kForever = R"py(import asyncio

@asyncio.coroutine
def tick():
    for i in range(3):
        yield from asyncio.sleep(0.5)
        print("tick", i, round(loop.time() - t0, 1))

loop = asyncio.new_event_loop()
t0 = loop.time()
loop.create_task(tick())
loop.call_later(1.2, loop.stop)
loop.run_forever()
print("stopped", round(loop.time() - t0, 1))
loop.run_forever()
print("never")
)py";

const char* const kStuckInLock = R"py(import asyncio

lock = asyncio.Lock()

@asyncio.coroutine
def holder():
    yield from lock.acquire()
    yield from asyncio.Event().wait()

@asyncio.coroutine
def waiter():
    with (yield from lock):
        print("never")

async def main():
    await asyncio.gather(holder(), waiter())

asyncio.run(main())
)py";

}  // namespace

class TestAsyncioLegacy : public QObject {
    Q_OBJECT
private slots:
    void notes_come_once_per_feature_at_first_use()
    {
        const auto o = asyncio_test::run(kManyUses);
        QCOMPARE(o.code, 0);
        QCOMPARE(o.out, std::string("[0, 1]\n[1, 1]\n[1, 2]\nTrue True\n"));
        QCOMPARE(count(o.err, "DeprecationWarning"), std::size_t(4));
        QVERIFY2(contains(o.err, "prog.py:4: DeprecationWarning: @asyncio.coroutine was removed in Python 3.11; "
                                 "Loopscope runs it as Python 3.10 did"), o.err.c_str());
        QVERIFY2(contains(o.err, "prog.py:14: DeprecationWarning: the loop argument of asyncio.wait() was removed in Python 3.10"), o.err.c_str());
        QVERIFY2(contains(o.err, "prog.py:14: DeprecationWarning: passing coroutines to asyncio.wait()"), o.err.c_str());
        QVERIFY2(contains(o.err, "prog.py:16: DeprecationWarning: asyncio.Task.all_tasks()"), o.err.c_str());
        // A second run of the same program notes again: the count is per run.
        const auto again = asyncio_test::run(kManyUses);
        QCOMPARE(again.err, o.err);
    }

    void run_forever_stops_and_then_deadlocks_when_driven()
    {
        const auto o = run_driven(kForever);
        QCOMPARE(o.out, std::string("tick 0 0.5\ntick 1 1.0\nstopped 1.2\ntick 2 1.5\n"));
        QCOMPARE(o.code, 1);
        QVERIFY2(contains(o.err, "loop.run_forever() at prog.py:15 waits for loop.stop(), and nothing left can call it"), o.err.c_str());
        // run_to_end (loopscope run) says the same.
        const auto headless = asyncio_test::run(kForever);
        QCOMPARE(headless.out, o.out);
        QCOMPARE(headless.code, 1);
        QVERIFY2(contains(headless.err, "loop.run_forever() at prog.py:15"), headless.err.c_str());
    }

    void stuck_in_with_yield_from_lock_names_the_program_line()
    {
        const auto o = asyncio_test::run(kStuckInLock);
        QCOMPARE(o.code, 1);
        QVERIFY2(contains(o.err, "prog.py:12: DeprecationWarning: \"with (yield from lock)\""), o.err.c_str());
        QVERIFY2(contains(o.err, "waits at prog.py:12"), o.err.c_str());
        QVERIFY2(!contains(o.err, "<asyncio>"), o.err.c_str());
    }

    void yield_from_a_non_awaitable_is_a_type_error()
    {
        const auto o = asyncio_test::run(R"py(import asyncio

@asyncio.coroutine
def bad():
    yield from 3.5

asyncio.run(bad())
)py");
        QCOMPARE(o.code, 1);
        QCOMPARE(asyncio_test::last_line(o.err), std::string("TypeError: 'float' object is not iterable"));
        QVERIFY2(contains(o.err, "line 5, in bad"), o.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAsyncioLegacy)
#include "test_asyncio_legacy.moc"
