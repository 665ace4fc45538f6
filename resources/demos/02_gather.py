# Title: gather
# Lesson: gather returns results in the order you passed the awaitables, not the order they finish, and return_exceptions=True turns failures into values.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def fetch(page, seconds, fail=False):
    log(f"fetch {page}: started")
    await asyncio.sleep(seconds)
    if fail:
        log(f"fetch {page}: failed")
        raise ConnectionError(f"{page} is down")
    log(f"fetch {page}: done")
    return f"<{page}>"


def start(page, seconds, fail=False):
    # a named task gets its own, labelled lane on the timeline
    return asyncio.create_task(fetch(page, seconds, fail), name=page)


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()

    # 'slow' finishes last but its result still comes first.
    results = await asyncio.gather(start("slow", 2), start("medium", 1.5), start("fast", 0.5))
    log(f"results in argument order: {results}")

    # Without return_exceptions the first failure propagates to the awaiter;
    # the other children keep running.
    try:
        await asyncio.gather(start("home", 1), start("broken", 0.5, fail=True))
    except ConnectionError as e:
        log(f"gather raised: {e!r}")
    await asyncio.sleep(1)  # let 'home' finish on its own

    # With return_exceptions=True every outcome comes back as a value.
    results = await asyncio.gather(
        start("a", 1), start("b", 0.5, fail=True), start("c", 1.5), return_exceptions=True
    )
    for r in results:
        log(f"outcome: {r!r}")


asyncio.run(main())
