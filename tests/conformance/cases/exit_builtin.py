# exit(n) and quit(n) raise SystemExit(n): the program ends with status n, a string
# argument is printed on stderr, and the exception can be caught like any other.
import asyncio

try:
    exit(2)
except SystemExit as e:
    print("caught", e.code, repr(e))
try:
    quit()
except SystemExit as e:
    print("caught", e.code)
try:
    exit(code="text")
except SystemExit as e:
    print("caught", repr(e.code))


async def main():
    await asyncio.sleep(0.1)
    print("leaving with 3")
    quit(3)


try:
    asyncio.run(main())
finally:
    print("finally runs")
print("never printed")
