# CPython: 3.8
# "with (yield from lock):" in generator-based coroutines, as Python 3.8 last allowed,
# for a Lock, a Semaphore and a Condition.
import asyncio

lock = asyncio.Lock()
sem = asyncio.Semaphore(2)


@asyncio.coroutine
def locked_worker(name, delay):
    with (yield from lock):
        print(f"{name} has the lock at {round(loop.time() - t0, 1)}, locked={lock.locked()}")
        yield from asyncio.sleep(delay)
    print(f"{name} released at {round(loop.time() - t0, 1)}, locked={lock.locked()}")


@asyncio.coroutine
def sem_worker(name, delay):
    with (yield from sem):
        print(f"{name} in the semaphore at {round(loop.time() - t0, 1)}")
        yield from asyncio.sleep(delay)


@asyncio.coroutine
def main():
    yield from asyncio.gather(locked_worker("a", 0.3), locked_worker("b", 0.2), locked_worker("c", 0.1))
    yield from asyncio.gather(sem_worker("x", 0.3), sem_worker("y", 0.5), sem_worker("z", 0.1))
    cond = asyncio.Condition()

    @asyncio.coroutine
    def waiter():
        with (yield from cond):
            yield from cond.wait()
            print(f"waiter woke at {round(loop.time() - t0, 1)}")

    w = asyncio.ensure_future(waiter())
    yield from asyncio.sleep(0.2)
    with (yield from cond):
        cond.notify_all()
    yield from w
    try:
        with (yield from lock):
            raise ValueError("inside")
    except ValueError as e:
        print("error passed through:", e, "locked:", lock.locked())


loop = asyncio.get_event_loop()
t0 = loop.time()
loop.run_until_complete(main())
