// wait, as_completed, wait_for, timeout, shield, gather, TaskGroup, cancellation: each program runs through the script runner on the virtual clock
// and must print exactly what CPython 3.11 printed (expectations taken from python3 runs;
// programs avoid orders CPython takes from sets or real time).
#include "test_asyncio_support.hpp"

#include <QTest>

class TestAsyncioCombinators : public QObject {
    Q_OBJECT
private slots:
    void prints_what_cpython_prints_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("last_stderr_line");
        QTest::newRow("cancel_timeouts") << QString::fromUtf8(R"py(import asyncio

async def sleeper(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("cancelled", n, e.args)
        raise

async def main():
    t = asyncio.create_task(sleeper(1))
    await asyncio.sleep(0)
    print(t.cancel("stop it"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main saw", type(e).__name__, e.args)
    print(t.cancelled(), t.done())
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=1)
    except TimeoutError as e:
        print("timeout", type(e).__name__)
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(2)
    except TimeoutError:
        print("timeout ctx")
    r = await asyncio.wait_for(asyncio.sleep(0.1, result=42), 1)
    print(r)
    res = await asyncio.gather(sleeper(2), asyncio.sleep(0.1, "x"), return_exceptions=True) if False else None
    async def fail(): raise KeyError("k")
    print(await asyncio.gather(fail(), asyncio.sleep(0.1, "x"), return_exceptions=True))
    try:
        await asyncio.gather(fail(), asyncio.sleep(0.1, "x"))
    except KeyError as e:
        print("gather raised", repr(e))

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(True 1
cancelled 1 ('stop it',)
main saw CancelledError ('stop it',)
True True
timeout TimeoutError
timeout ctx
42
[KeyError('k'), 'x']
gather raised KeyError('k')
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("gather_return_exceptions") << QString::fromUtf8(R"py(import asyncio
async def main():
    async def fail(): raise KeyError("k")
    r = await asyncio.gather(fail(), asyncio.sleep(0.1, "x"), return_exceptions=True)
    print(r)
asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py([KeyError('k'), 'x']
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("task_group") << QString::fromUtf8(R"py(import asyncio

async def ok(n, d):
    await asyncio.sleep(d)
    print("ok", n)
    return n

async def bad(n, d):
    await asyncio.sleep(d)
    raise ValueError(f"bad {n}")

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(ok(1, 1))
        b = tg.create_task(ok(2, 2), name="second")
    print(a.result(), b.result(), b.get_name())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(3, 3))
            tg.create_task(bad(4, 1))
            tg.create_task(bad(5, 1))
    except* ValueError as eg:
        print("caught", sorted(str(e) for e in eg.exceptions))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad(6, 1))
    except ExceptionGroup as eg:
        print(type(eg).__name__, eg.message, len(eg.exceptions))
    t = asyncio.current_task()
    print(t.cancelling())

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(ok 1
ok 2
1 2 second
caught ['bad 4', 'bad 5']
ExceptionGroup unhandled errors in a TaskGroup 1
2
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("wait_shield_futures") << QString::fromUtf8(R"py(import asyncio

async def job(n, d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise ValueError(f"job {n} failed")
    return n

async def main():
    t1 = asyncio.create_task(job(1, 1))
    t2 = asyncio.create_task(job(2, 2))
    t3 = asyncio.create_task(job(3, 3))
    done, pending = await asyncio.wait([t1, t2, t3], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), t1 in done, [t.result() for t in done])
    done, pending = await asyncio.wait([t2, t3], timeout=1.5)
    print(len(done), len(pending), t2 in done)
    t4 = asyncio.create_task(job(4, 0.5, fail=True))
    done, pending = await asyncio.wait([t3, t4], return_when=asyncio.FIRST_EXCEPTION)
    print(t4 in done, t3 in pending, type(t4.exception()).__name__)
    await t3
    for f in asyncio.as_completed([job(5, 3), job(6, 1), job(7, 2)]):
        print("completed", await f)
    try:
        for f in asyncio.as_completed([job(8, 3), job(9, 1)], timeout=2):
            print("ac", await f)
    except TimeoutError:
        print("as_completed timed out")
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    inner = asyncio.create_task(job(10, 1))
    outer = asyncio.shield(inner)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", inner.cancelled())
    print("inner", await inner)
    async def slow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("slow cancelled")
            raise
    try:
        await asyncio.wait_for(slow(), 1)
    except asyncio.TimeoutError:
        print("wait_for timeout")
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(1, fut.set_result, "later")
    print(await fut)
    order = []
    loop.call_soon(order.append, 1)
    h = loop.call_soon(order.append, 2)
    loop.call_later(0.1, order.append, 4)
    loop.call_at(loop.time() + 0.05, order.append, 3)
    h.cancel()
    await asyncio.sleep(0.2)
    print(order, h.cancelled())
    f2 = asyncio.Future()
    print(f2.done(), f2.cancelled())
    try:
        f2.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    f2.add_done_callback(lambda f: print("callback", f.result()))
    f2.set_result(5)
    try:
        f2.set_result(6)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await asyncio.sleep(0)
    f3 = loop.create_future()
    f3.set_exception(KeyError("x"))
    print(repr(f3.exception()))
    f4 = loop.create_future()
    cb = lambda f: print("never")
    f4.add_done_callback(cb)
    print(f4.remove_done_callback(cb))
    f4.cancel()
    print(f4.cancelled())
    try:
        f4.result()
    except asyncio.CancelledError:
        print("f4 cancelled error")

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(1 2 True [1]
1 1 True
True False ValueError
completed 6
completed 7
completed 5
ac 9
as_completed timed out
ValueError: Set of Tasks/Futures is empty.
outer cancelled False
inner 10
slow cancelled
wait_for timeout
later
[1, 3, 4] True
False False
InvalidStateError: Result is not set.
InvalidStateError: invalid state
callback 5
KeyError('x')
1
True
f4 cancelled error
)py") << 0 << QString::fromUtf8(R"py()py");
    }

    void prints_what_cpython_prints() { asyncio_test::check_row(); }
};

QTEST_GUILESS_MAIN(TestAsyncioCombinators)
#include "test_asyncio_combinators.moc"
