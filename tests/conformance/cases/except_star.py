# except* splits an ExceptionGroup by type; every matching handler runs once; what no
# handler matches is re-raised as a smaller group.
import asyncio


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def cleanup_fails():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        raise TypeError("while cancelling")


async def main():
    try:
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fail(0.1, ValueError("v1")), name="v1")
                tg.create_task(cleanup_fails(), name="c")
        except* ValueError as eg:
            print("ValueError part:", repr(eg.exceptions))
    except* TypeError as eg:
        print("re-raised rest:", repr(eg.exceptions))
    try:
        raise ExceptionGroup("many", [ValueError(1), KeyError(2), ValueError(3), OSError(4)])
    except* ValueError as eg:
        print("values", repr(eg))
    except* (KeyError, OSError) as eg:
        print("others", repr(eg))
    eg = ExceptionGroup("g", [ValueError("a"), ExceptionGroup("sub", [TypeError("b"), ValueError("c")])])
    match, rest = eg.split(ValueError)
    print(repr(match))
    print(repr(rest))
    print(repr(eg.subgroup(lambda e: isinstance(e, TypeError))))


asyncio.run(main())
