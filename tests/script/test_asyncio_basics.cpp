// asyncio.run, tasks, sleep, gather, callbacks, threads, errors through tasks: each program runs through the script runner on the virtual clock
// and must print exactly what CPython 3.11 printed (expectations taken from python3 runs;
// programs avoid orders CPython takes from sets or real time).
#include "test_asyncio_support.hpp"

#include <QTest>

class TestAsyncioBasics : public QObject {
    Q_OBJECT
private slots:
    void prints_what_cpython_prints_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("last_stderr_line");
        QTest::newRow("callbacks") << QString::fromUtf8(R"py(import asyncio

async def main():
    loop = asyncio.get_running_loop()
    events = []
    loop.call_later(0.2, events.append, "later 0.2")
    loop.call_later(0.1, events.append, "later 0.1")
    loop.call_soon(events.append, "soon")
    h = loop.call_later(0.15, events.append, "cancelled")
    h.cancel()
    await asyncio.sleep(0.3)
    print(events)
    t = asyncio.create_task(asyncio.sleep(0.1, "res"))
    t.add_done_callback(lambda task: print("done callback", task.result()))
    await t
    await asyncio.sleep(0)
    fut = loop.create_future()
    def boom():
        raise ValueError("callback failed")
    loop.call_soon(boom)
    loop.call_soon(fut.set_result, "still running")
    print(await fut)

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(['soon', 'later 0.1', 'later 0.2']
done callback res
still running
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("error_through_tasks") << QString::fromUtf8(R"py(import asyncio

async def inner():
    await asyncio.sleep(0.1)
    raise ValueError("deep problem")

async def middle():
    return await inner()

async def main():
    t = asyncio.create_task(middle(), name="mid")
    await t

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py()py") << 1 << QString::fromUtf8(R"py(ValueError: deep problem)py");
        QTest::newRow("loop_api") << QString::fromUtf8(R"py(import asyncio
import time

async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name)
    return name

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(greet("first", 0.5)))
tasks = [loop.create_task(greet(n, d)) for n, d in [("b", 0.3), ("a", 0.1)]]
print(loop.run_until_complete(asyncio.gather(*tasks)))
print("running", loop.is_running())
loop.close()
print("closed", loop.is_closed())

with asyncio.Runner() as runner:
    print(runner.run(greet("runner 1", 0.1)))
    print(runner.run(greet("runner 2", 0.1)))

def handler(loop, context):
    print("handler:", context["message"].split(" at ")[0], "|", repr(context.get("exception")))

def bad(x):
    raise LookupError(x)

async def with_handler():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_soon(bad, "soon")
    await asyncio.sleep(0.1)
    loop.set_exception_handler(None)
    print(loop.get_exception_handler())

asyncio.run(with_handler())

def worker(loop, fut):
    time.sleep(0.5)
    loop.call_soon_threadsafe(fut.set_result, "from thread")
    cf = asyncio.run_coroutine_threadsafe(greet("threadsafe", 0.2), loop)
    return cf.result()

async def threads():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    job = asyncio.create_task(asyncio.to_thread(worker, loop, fut))
    print(await fut)
    print(await job)

asyncio.run(threads())

async def ticks():
    try:
        n = 0
        while True:
            await asyncio.sleep(0.1)
            n += 1
            yield n
    finally:
        print("ticks closed at shutdown")

gens = []
async def agen_main():
    g = ticks()
    gens.append(g)
    async for n in g:
        if n == 2:
            break
    print("main returns", asyncio.current_task().get_name())

asyncio.run(agen_main())

async def stopper():
    asyncio.get_running_loop().call_later(0.2, asyncio.get_running_loop().stop)
    await asyncio.sleep(1)

try:
    asyncio.run(stopper())
except RuntimeError as e:
    print("RuntimeError:", e)
)py")
                                << QString::fromUtf8(R"py(hello first
first
hello a
hello b
['b', 'a']
running False
closed True
hello runner 1
runner 1
hello runner 2
runner 2
handler: Exception in callback bad('soon') | LookupError('soon')
None
from thread
hello threadsafe
threadsafe
main returns Task-16
ticks closed at shutdown
RuntimeError: Event loop stopped before Future completed.
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("main_cancelled") << QString::fromUtf8(R"py(import asyncio

async def main():
    await asyncio.sleep(1)
    asyncio.current_task().cancel()
    await asyncio.sleep(1)

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py()py") << 1 << QString::fromUtf8(R"py(asyncio.exceptions.CancelledError)py");
        QTest::newRow("module_level") << QString::fromUtf8(R"py(import asyncio

async def add(a, b):
    await asyncio.sleep(0.1)
    return a + b

print("first", asyncio.run(add(1, 2)))
print("second", asyncio.run(add(3, 4)))
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)
try:
    asyncio.create_task(add(1, 1))
except RuntimeError as e:
    print("RuntimeError:", e)

async def leftovers():
    async def forever():
        try:
            await asyncio.sleep(100)
        finally:
            print("leftover cleaned up")
    asyncio.create_task(forever())
    await asyncio.sleep(0)
    return "main done"

print(asyncio.run(leftovers()))
print("end")
)py")
                                << QString::fromUtf8(R"py(first 3
second 7
ValueError: a coroutine was expected, got 42
RuntimeError: no running event loop
leftover cleaned up
main done
end
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("repr") << QString::fromUtf8(R"py(import asyncio
async def work():
    await asyncio.sleep(1)
    return 5
async def main():
    t = asyncio.create_task(work(), name="w")
    await asyncio.sleep(0)
    await t
    print(t)
    f = asyncio.get_running_loop().create_future()
    print(f)
    f.set_result([1])
    print(f)
asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(<Task finished name='w' coro=<work() done, defined at prog.py:2> result=5>
<Future pending>
<Future finished result=[1]>
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("run_gather") << QString::fromUtf8(R"py(import asyncio
import time

async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} done after {delay}")
    return name.upper()

async def main():
    t0 = time.monotonic()
    t = asyncio.create_task(worker("c", 0.5), name="cee")
    res = await asyncio.gather(worker("a", 1), worker("b", 2))
    print(res, await t, t.get_name())
    print(round(time.monotonic() - t0, 1))
    print(asyncio.current_task().get_name())

print("before")
asyncio.run(main())
print("after")
)py")
                                << QString::fromUtf8(R"py(before
c start
a start
b start
c done after 0.5
a done after 1
b done after 2
['A', 'B'] C cee
2.0
Task-1
after
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("task_api") << QString::fromUtf8(R"py(import asyncio
import time

async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        t = asyncio.current_task()
        print("cancelling", t.cancelling())
        print("uncancel", t.uncancel())
        print("cancelling", t.cancelling())
    await asyncio.sleep(1)
    return "survived"

async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    t.cancel()
    print(await t)
    print(asyncio.iscoroutine(worker()), asyncio.iscoroutinefunction(worker), asyncio.iscoroutinefunction(print))
    print(len(asyncio.all_tasks()), asyncio.current_task() in asyncio.all_tasks())
    t2 = asyncio.create_task(asyncio.sleep(1))
    t2.set_name("renamed")
    print(t2.get_name(), t2.done())
    await t2
    c = worker()
    t3 = asyncio.ensure_future(c)
    print(t3.get_coro() is c)
    t3.cancel()
    try:
        await t3
    except asyncio.CancelledError:
        print("t3 cancelled")
    print(time.time() > 0, time.perf_counter() >= 0)
    async with asyncio.timeout(None) as cm:
        print(cm.when())
        cm.reschedule(asyncio.get_running_loop().time() + 1)
        try:
            await asyncio.sleep(2)
        except asyncio.CancelledError:
            print("cancelled inside timeout")
            raise
    print("unreached")

try:
    asyncio.run(main())
except TimeoutError:
    print("TimeoutError at top")
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
async def nested():
    asyncio.run(asyncio.sleep(0))
try:
    asyncio.run(nested())
except RuntimeError as e:
    print(e)
)py")
                                << QString::fromUtf8(R"py(cancelling 1
uncancel 0
cancelling 0
survived
True True False
1 True
renamed False
True
t3 cancelled
True True
None
cancelled inside timeout
TimeoutError at top
no running event loop
asyncio.run() cannot be called from a running event loop
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("threads") << QString::fromUtf8(R"py(import asyncio
import time

def blocking(n):
    print("thread start", n)
    time.sleep(1)
    print("thread mid", n)
    time.sleep(1)
    print("thread end", n)
    return n * 10

async def ticker():
    for i in range(5):
        print("tick", i)
        await asyncio.sleep(0.42)

async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    r = await asyncio.gather(ticker(), asyncio.to_thread(blocking, 1))
    print(r, round(loop.time() - t0, 1))
    t0 = loop.time()
    async def blocker():
        print("blocker sleeps")
        time.sleep(1)
        print("blocker woke")
    await asyncio.gather(blocker(), ticker())
    print(round(loop.time() - t0, 1))
    r = await loop.run_in_executor(None, blocking, 2)
    print(r)
    def fails():
        time.sleep(0.5)
        raise KeyError("in thread")
    try:
        await asyncio.to_thread(fails)
    except KeyError as e:
        print("thread raised", repr(e))
    def kw(a, b=0):
        return a - b
    print(await asyncio.to_thread(kw, 5, b=2))

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(tick 0
thread start 1
tick 1
tick 2
thread mid 1
tick 3
tick 4
thread end 1
[None, 10] 2.1
blocker sleeps
blocker woke
tick 0
tick 1
tick 2
tick 3
tick 4
3.1
thread start 2
thread mid 2
thread end 2
20
thread raised KeyError('in thread')
3
)py") << 0 << QString::fromUtf8(R"py()py");
    }

    void prints_what_cpython_prints() { asyncio_test::check_row(); }
};

QTEST_GUILESS_MAIN(TestAsyncioBasics)
#include "test_asyncio_basics.moc"
