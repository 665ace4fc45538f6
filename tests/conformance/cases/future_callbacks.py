# Done callbacks run from the loop (never inside set_result), in the order added, once
# each; remove_done_callback removes every registration; a callback added to a finished
# future is scheduled soon.
import asyncio


def cb(tag):
    def run(fut):
        print("callback", tag, "sees", fut.result())
    return run


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    a, b = cb("a"), cb("b")
    f.add_done_callback(a)
    f.add_done_callback(b)
    f.add_done_callback(a)
    f.add_done_callback(cb("c"))
    print("removed", f.remove_done_callback(a))
    f.set_result("x")
    print("set_result returned; callbacks have not run yet")
    await asyncio.sleep(0)
    print("after one loop turn")
    f.add_done_callback(cb("late"))
    print("late callback added")
    await asyncio.sleep(0)
    t = asyncio.create_task(asyncio.sleep(0.1, result="task result"), name="t")
    t.add_done_callback(cb("task"))
    print("awaited", await t)
    await asyncio.sleep(0)


asyncio.run(main())
