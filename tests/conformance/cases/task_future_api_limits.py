# A Task is a Future whose result only its coroutine may set; the loop refuses to be
# closed or re-run while running.
import asyncio


async def job():
    await asyncio.sleep(0.1)
    return 1


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(job(), name="job")
    for call in (lambda: t.set_result(5), lambda: t.set_exception(ValueError())):
        try:
            call()
        except RuntimeError as e:
            print("RuntimeError:", e)
    try:
        loop.close()
    except RuntimeError as e:
        print("RuntimeError:", e)
    c = job()
    try:
        loop.run_until_complete(c)
    except RuntimeError as e:
        print("RuntimeError:", e)
    c.close()
    print("running:", loop.is_running(), "closed:", loop.is_closed(), await t)


asyncio.run(main())
