// Lock, Event, Condition, Semaphore, BoundedSemaphore and the queues: each program runs through the script runner on the virtual clock
// and must print exactly what CPython 3.11 printed (expectations taken from python3 runs;
// programs avoid orders CPython takes from sets or real time).
#include "test_asyncio_support.hpp"

#include <QTest>

class TestAsyncioSync : public QObject {
    Q_OBJECT
private slots:
    void prints_what_cpython_prints_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("last_stderr_line");
        QTest::newRow("barrier") << QString::fromUtf8(R"py(import asyncio

async def party(name, barrier, delay, log):
    await asyncio.sleep(delay)
    log.append(f"{name} arrives")
    index = await barrier.wait()
    log.append(f"{name} passes {index}")

async def main():
    barrier = asyncio.Barrier(3)
    print(barrier.parties, barrier.n_waiting, barrier.broken)
    log = []
    await asyncio.gather(*(party(n, barrier, d, log) for n, d in [("a", 0.3), ("b", 0.1), ("c", 0.5)]))
    print(log)
    lonely = asyncio.Barrier(2)
    async def alone():
        try:
            await lonely.wait()
        except asyncio.BrokenBarrierError:
            print("BrokenBarrierError")
    t = asyncio.create_task(alone())
    await asyncio.sleep(0.1)
    print("waiting", lonely.n_waiting)
    await lonely.abort()
    await t
    print("broken", lonely.broken)

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(3 0 False
['b arrives', 'a arrives', 'c arrives', 'c passes 2', 'b passes 0', 'a passes 1']
waiting 1
BrokenBarrierError
broken True
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("locks_events") << QString::fromUtf8(R"py(import asyncio

async def use_lock(lock, name, log):
    async with lock:
        log.append(f"{name} in")
        await asyncio.sleep(0.1)
        log.append(f"{name} out")

async def waiter(ev, n):
    print("waiting", n)
    r = await ev.wait()
    print("woke", n, r)

async def cond_consumer(cond, items, n):
    async with cond:
        await cond.wait_for(lambda: len(items) > 0)
        print("consumer", n, "got", items.pop(0))

async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*(use_lock(lock, f"t{i}", log) for i in range(3)))
    print(log, lock.locked())
    print(await lock.acquire(), lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, i)) for i in range(3)]
    await asyncio.sleep(1)
    print("set", ev.is_set())
    ev.set()
    await asyncio.gather(*ts)
    ev.clear()
    print(ev.is_set())
    cond = asyncio.Condition()
    items = []
    cs = [asyncio.create_task(cond_consumer(cond, items, i)) for i in range(2)]
    await asyncio.sleep(0.1)
    for x in ("a", "b"):
        async with cond:
            items.append(x)
            cond.notify()
        await asyncio.sleep(0.1)
    await asyncio.gather(*cs)
    sem = asyncio.Semaphore(2)
    async def limited(i):
        async with sem:
            print("enter", i, sem._value, sem.locked())
            await asyncio.sleep(1)
        print("leave", i)
    await asyncio.gather(*(limited(i) for i in range(5)))
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("ValueError:", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)
    c2 = asyncio.Condition()
    try:
        await c2.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        c2.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(['t0 in', 't0 out', 't1 in', 't1 out', 't2 in', 't2 out'] False
True True
RuntimeError: Lock is not acquired.
waiting 0
waiting 1
waiting 2
set False
woke 0 True
woke 1 True
woke 2 True
False
consumer 0 got a
consumer 1 got b
enter 0 1 False
enter 1 0 True
leave 0
leave 1
enter 2 0 True
enter 3 0 True
leave 2
leave 3
enter 4 1 False
leave 4
ValueError: BoundedSemaphore released too many times
ValueError: Semaphore initial value must be >= 0
RuntimeError: cannot wait on un-acquired lock
RuntimeError: cannot notify on un-acquired lock
)py") << 0 << QString::fromUtf8(R"py()py");
        QTest::newRow("queues") << QString::fromUtf8(R"py(import asyncio

async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, q.qsize(), q.full())
    await q.put(None)

async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            break
        await asyncio.sleep(0.5)
        print("got", item)
        q.task_done()

async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.empty())
    await asyncio.gather(producer(q, 5), consumer(q))
    await q.join()
    print("joined", q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q2 = asyncio.Queue(1)
    q2.put_nowait(1)
    try:
        q2.put_nowait(2)
    except asyncio.QueueFull:
        print("QueueFull")
    pq = asyncio.PriorityQueue()
    for x in [(3, "c"), (1, "a"), (2, "b")]:
        pq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for x in range(3):
        await lq.put(x)
    print([await lq.get() for _ in range(3)])
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
    w = asyncio.Queue()
    async def getter():
        return await w.get()
    t = asyncio.create_task(getter())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    w.put_nowait("x")
    print(t.cancelled(), w.qsize())

asyncio.run(main())
)py")
                                << QString::fromUtf8(R"py(2 True
put 0 1 False
put 1 2 True
put 2 2 True
got 0
put 3 2 True
got 1
put 4 2 True
got 2
got 3
got 4
joined True
QueueEmpty
QueueFull
[(1, 'a'), (2, 'b'), (3, 'c')]
[2, 1, 0]
ValueError: task_done() called too many times
True 1
)py") << 0 << QString::fromUtf8(R"py()py");
    }

    void prints_what_cpython_prints() { asyncio_test::check_row(); }
};

QTEST_GUILESS_MAIN(TestAsyncioSync)
#include "test_asyncio_sync.moc"
