# call_soon runs callbacks in FIFO order on the next loop iteration; a callback scheduled
# by a callback waits for the following iteration; call_later/call_at fire by deadline;
# a cancelled handle never fires.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []

    def note(tag):
        log.append((tag, round(loop.time() - t0, 1)))

    def chain():
        log.append(("chain", round(loop.time() - t0, 1)))
        loop.call_soon(note, "scheduled by chain")

    loop.call_later(0.3, note, "later 0.3")
    loop.call_later(0.1, note, "later 0.1")
    loop.call_at(t0 + 0.2, note, "at 0.2")
    loop.call_soon(note, "soon 1")
    loop.call_soon(chain)
    loop.call_soon(note, "soon 2")
    h = loop.call_later(0.15, note, "cancelled")
    print("handle cancelled?", h.cancelled(), end=" ")
    h.cancel()
    print("->", h.cancelled())
    loop.call_later(-1, note, "negative delay")
    await asyncio.sleep(0)
    print("after one turn:", log)
    await asyncio.sleep(0.5)
    for entry in log:
        print(entry)
    th = loop.call_later(1, note, "x")
    print("TimerHandle when() relative:", round(th.when() - loop.time(), 1))
    th.cancel()


asyncio.run(main())
