# A failing inner TaskGroup raises an ExceptionGroup inside the outer group's task, so the
# outer group nests it.
import asyncio


async def fail_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail_after(0.5, IndexError("inner")), name="inner-fail")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group(), name="inner-group")
    except ExceptionGroup as eg:
        print(repr(eg))
        inner = eg.exceptions[0]
        print(type(inner).__name__, inner.message, repr(inner.exceptions))
        print("flat:", [repr(e) for e in eg.exceptions[0].exceptions])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group(), name="inner-group")
    except* IndexError as eg:
        print("except* reaches into nested groups:", repr(eg))


asyncio.run(main())
