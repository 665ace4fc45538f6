# Title: wait_for and asyncio.timeout
# Lesson: wait_for and asyncio.timeout cancel the work when time runs out and raise TimeoutError to you; only the code inside the timeout is cancelled.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def query(name, seconds):
    log(f"{name}: running")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        log(f"{name}: cancelled")
        raise  # always let cancellation continue
    log(f"{name}: answered")
    return name.upper()


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()

    fast = asyncio.create_task(query("fast", 1), name="fast")
    log(f"wait_for in time -> {await asyncio.wait_for(fast, timeout=2)}")
    try:
        await asyncio.wait_for(asyncio.create_task(query("slow", 3), name="slow"), timeout=1.5)
    except TimeoutError:
        log("wait_for: TimeoutError after 1.5 s")

    # asyncio.timeout is a context manager: one budget for a whole block.
    try:
        async with asyncio.timeout(2):
            await query("step 1", 1)
            await query("step 2", 1.5)
    except TimeoutError:
        log("asyncio.timeout: the block ran out of its 2 s budget")

    # The deadline can be moved while the block runs.
    async with asyncio.timeout(1) as cm:
        cm.reschedule(asyncio.get_running_loop().time() + 2.5)
        await query("rescheduled", 2)
    log(f"expired: {cm.expired()}")


asyncio.run(main())
