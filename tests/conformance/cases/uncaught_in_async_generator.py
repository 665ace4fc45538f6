# An error raised inside an async generator shows the generator's frame in the traceback,
# under the async for that drove it; notes added with add_note() are printed after it.
import asyncio


async def readings():
    for raw in ["20.5", "21.0", "n/a"]:
        await asyncio.sleep(0.1)
        yield float(raw)


async def main():
    try:
        async for value in readings():
            print("reading", value)
    except ValueError as e:
        e.add_note("while reading sensor 'kitchen'")
        raise


asyncio.run(main())
