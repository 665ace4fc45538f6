# Title: wait: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED
# Lesson: asyncio.wait never raises your tasks' errors; it hands back done and pending sets, and return_when plus timeout decide when it returns.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def job(name, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise RuntimeError(f"{name} failed")
    return name


def names(tasks):
    # wait returns sets; sort them so the output does not depend on set order
    return sorted(t.get_name() for t in tasks)


def start(specs):
    return [asyncio.create_task(job(n, s, f), name=n) for n, s, f in specs]


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    specs = [("a", 1, False), ("b", 2, True), ("c", 3, False)]

    tasks = start(specs)
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    log(f"FIRST_COMPLETED: done={names(done)} pending={names(pending)}")
    await asyncio.wait(pending)
    log(f"b's error stays inside the task: {tasks[1].exception()!r}")

    tasks = start(specs)
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    log(f"FIRST_EXCEPTION: done={names(done)} pending={names(pending)}")
    await asyncio.wait(pending)
    tasks[1].exception()  # retrieve it, so asyncio does not complain later

    tasks = start(specs)
    done, pending = await asyncio.wait(tasks, timeout=1.5)
    log(f"ALL_COMPLETED with timeout=1.5: done={names(done)} pending={names(pending)}")
    log("the timeout does not cancel anything; the pending tasks keep running")
    done, pending = await asyncio.wait(pending)
    log(f"ALL_COMPLETED: done={names(done)} pending={names(pending)}")
    tasks[1].exception()


asyncio.run(main())
