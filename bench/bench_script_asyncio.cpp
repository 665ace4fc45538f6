// asyncio programs through the script runner (virtual clock, headless) against the same
// programs under python3, timed inside the program around asyncio.run so CPython's
// start-up does not count. Prints figures; never a test.
#include "bench_support.hpp"

#include <script/runtime/script_run.hpp>

#include <cstdio>
#include <string>

namespace {

struct Program {
    const char* name;
    const char* body;  // defines main()
};

const Program programs[] = {
    {"gather of 100,000 tasks",
     "async def t(i):\n    return i\n"
     "async def main():\n    r = await asyncio.gather(*(t(i) for i in range(100000)))\n    assert len(r) == 100000\n"},
    {"1,000 tasks x 1,000 sleep(0)",
     "async def w():\n    for _ in range(1000):\n        await asyncio.sleep(0)\n"
     "async def main():\n    await asyncio.gather(*(w() for _ in range(1000)))\n"},
    {"Semaphore(3), 100,000 acquirers",
     "async def a(s):\n    async with s:\n        await asyncio.sleep(0)\n"
     "async def main():\n    s = asyncio.Semaphore(3)\n    await asyncio.gather(*(a(s) for _ in range(100000)))\n"},
    {"Queue(maxsize=100) passing 1,000,000 items",
     "async def producer(q):\n    for i in range(1000000):\n        await q.put(i)\n    await q.put(None)\n"
     "async def consumer(q):\n    n = 0\n    while (await q.get()) is not None:\n        n += 1\n    assert n == 1000000\n"
     "async def main():\n    q = asyncio.Queue(maxsize=100)\n    await asyncio.gather(producer(q), consumer(q))\n"},
};

}  // namespace

int main()
{
    std::printf("%-46s %12s   %12s   %s\n", "program", "loopscope", "CPython", "CPython time / loopscope time");
    for (const Program& p : programs) {
        const std::string source = std::string("import asyncio\n") + p.body + "asyncio.run(main())\n";
        script::RunOptions options;
        std::string err;
        options.on_stdout = [](std::string_view, double) {};
        options.on_stderr = [&err](std::string_view t, double) { err += t; };
        double best = -1;
        for (int i = 0; i < 3; ++i) {
            const double t0 = bench::now_s();
            int rc;
            {
                script::ScriptRun run(source, "bench.py", options);
                rc = run.run_to_end();
            }
            const double t = bench::now_s() - t0;
            if (rc != 0) {
                std::printf("%-46s failed (%d): %s\n", p.name, rc, err.c_str());
                best = -1;
                break;
            }
            if (best < 0 || t < best)
                best = t;
        }
        if (best < 0)
            continue;
        const std::string timed = std::string("import asyncio, time\n") + p.body +
                                  "t0 = time.perf_counter()\nasyncio.run(main())\nprint(time.perf_counter() - t0)\n";
        double python = -1;
        for (int i = 0; i < 3; ++i) {
            double t = bench::run_python(timed);
            if (t > 0 && (python < 0 || t < python))
                python = t;
        }
        bench::row(p.name, best, python, "s", 1.0);
    }
    std::printf("(best of 3 each; ratio > 1 means Loopscope is faster)\n");
    return 0;
}
