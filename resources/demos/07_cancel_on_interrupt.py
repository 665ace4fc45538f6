# Title: Cancelling everything on interrupt
# Lesson: To shut down cleanly, cancel every other task and then await them all, so each one runs its cleanup before the program exits.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def worker(name, period):
    n = 0
    try:
        while True:
            await asyncio.sleep(period)
            n += 1
            log(f"{name}: job {n} done")
    except asyncio.CancelledError:
        log(f"{name}: stopping after {n} jobs")
        raise


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    for name, period in [("alpha", 0.7), ("beta", 1.3), ("gamma", 2)]:
        asyncio.create_task(worker(name, period), name=name)

    await asyncio.sleep(3)  # pretend the user presses Ctrl-C now
    log("interrupt: cancelling every other task")
    me = asyncio.current_task()
    # all_tasks() is a set: sort it so the shutdown order is the same every run
    others = sorted((t for t in asyncio.all_tasks() if t is not me), key=lambda t: t.get_name())
    for t in others:
        t.cancel()
    results = await asyncio.gather(*others, return_exceptions=True)
    for t, r in zip(others, results):
        log(f"{t.get_name()}: {type(r).__name__}")
    log("clean exit")


asyncio.run(main())
