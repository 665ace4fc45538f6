# Title: shield
# Lesson: shield() keeps the inner work running when the caller is cancelled or times out; only the wait is abandoned, not the work.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def save(doc):
    log(f"saving {doc}")
    await asyncio.sleep(2)
    log(f"{doc} saved")
    return doc


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    saving = asyncio.create_task(save("thesis.txt"), name="save")
    try:
        await asyncio.wait_for(asyncio.shield(saving), timeout=1)
    except TimeoutError:
        log("gave up waiting after 1 s, but the save goes on")
    log(f"save still running: {not saving.done()}")
    log(f"finally: {await saving}")

    # Without shield the timeout cancels the save itself.
    try:
        await asyncio.wait_for(asyncio.create_task(save("draft.txt"), name="save-draft"), timeout=1)
    except TimeoutError:
        log("without shield the save was cancelled")


asyncio.run(main())
