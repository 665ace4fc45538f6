# Title: Event
# Lesson: An Event wakes every task waiting on it at once, lets later arrivals straight through while it is set, and blocks them again after clear().
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def guest(name, doors, arrive):
    await asyncio.sleep(arrive)
    log(f"{name} arrives; doors open: {doors.is_set()}")
    await doors.wait()
    log(f"{name} goes in")


async def host(doors):
    await asyncio.sleep(2)
    log("host opens the doors")
    doors.set()
    await asyncio.sleep(1.5)
    log("host closes the doors")
    doors.clear()
    await asyncio.sleep(1.5)
    log("host opens the doors again")
    doors.set()


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    doors = asyncio.Event()
    guests = [("Ann", 0.5), ("Bob", 1), ("Cid", 1.5), ("Dee", 3), ("Eve", 4)]
    tasks = [asyncio.create_task(guest(n, doors, t), name=n) for n, t in guests]
    tasks.append(asyncio.create_task(host(doors), name="host"))
    await asyncio.gather(*tasks)


asyncio.run(main())
