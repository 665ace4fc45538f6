// The script runner as the window, the exporter and `loopscope run` use it: diagnostics
// for syntax errors, uncaught exceptions and deadlocks; stopping from another thread and
// "never awaits" reports for code that never yields; virtual time for time.sleep and
// to_thread; what the trace records; and driving the loop from outside.
#include "test_asyncio_support.hpp"

#include <engine/recorder.hpp>

#include <QTest>

#include <thread>

using script::Diagnostic;

namespace {

const Diagnostic* find(const std::vector<Diagnostic>& ds, Diagnostic::Kind k)
{
    for (auto& d : ds)
        if (d.kind == k) return &d;
    return nullptr;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// Runs a program on a loop driven from outside, as the Qt bridge does: iterations in
// small batches, the virtual clock moved to the next deadline when nothing is ready.
asyncio_test::Outcome run_driven(const std::string& program)
{
    asyncio_test::Outcome o;
    auto loop = aio::EventLoop::with_virtual_clock();
    script::RunOptions options;
    options.on_stdout = [&o](std::string_view t, double) { o.out += t; };
    options.on_stderr = [&o](std::string_view t, double) { o.err += t; };
    script::ScriptRun run(program, "prog.py", options);
    bool finished_cb = false;
    run.set_on_finished([&](int) { finished_cb = true; });
    run.start(*loop);
    asyncio_test::drive_to_end(*loop, run);
    o.code = run.exit_code();
    o.diagnostics = run.diagnostics();
    if (!finished_cb) o.code = -2;
    return o;
}

const char* const kDeadlock = R"py(import asyncio

async def a(l1, l2):
    async with l1:
        await asyncio.sleep(0.1)
        async with l2:
            print("a got both")

async def b(l1, l2):
    async with l2:
        await asyncio.sleep(0.1)
        async with l1:
            print("b got both")

async def main():
    l1, l2 = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(a(l1, l2), b(l1, l2))

print("start")
asyncio.run(main())
)py";

}  // namespace

class TestAsyncioRunner : public QObject {
    Q_OBJECT
private slots:
    void syntax_error_is_a_diagnostic_with_line_and_column()
    {
        auto loop = aio::EventLoop::with_virtual_clock();  // outlives the runner, as the header asks
        script::ScriptRun run("import asyncio\nx = (1,\n", "bad.py", {});
        int finished_with = -1;
        run.set_on_finished([&](int c) { finished_with = c; });
        QVERIFY(!run.start(*loop));
        QVERIFY(run.finished());
        QCOMPARE(run.exit_code(), 1);
        QCOMPARE(finished_with, 1);
        const Diagnostic* d = find(run.diagnostics(), Diagnostic::Kind::syntax);
        QVERIFY(d);
        QCOMPARE(d->line, 2);
        QCOMPARE(d->column, 5);
        QCOMPARE(d->file, std::string("bad.py"));
        QCOMPARE(d->message, std::string("SyntaxError: '(' was never closed"));
    }

    void uncaught_exception_names_the_line_in_the_task()
    {
        auto o = asyncio_test::run(R"py(import asyncio

async def inner():
    await asyncio.sleep(0.1)
    raise ValueError("deep problem")

async def main():
    await asyncio.create_task(inner())

asyncio.run(main())
)py");
        QCOMPARE(o.code, 1);
        const Diagnostic* d = find(o.diagnostics, Diagnostic::Kind::exception);
        QVERIFY(d);
        QCOMPARE(d->line, 5);
        QCOMPARE(d->message, std::string("ValueError: deep problem"));
        QVERIFY2(contains(o.err, "File \"prog.py\", line 8, in main\n    await asyncio.create_task(inner())\n"), o.err.c_str());
        QVERIFY2(contains(o.err, "File \"prog.py\", line 5, in inner\n"), o.err.c_str());
    }

    void deadlock_reports_who_waits_on_what()
    {
        auto o = asyncio_test::run(kDeadlock);
        QCOMPARE(o.out, std::string("start\n"));
        QCOMPARE(o.code, 1);
        const Diagnostic* d = find(o.diagnostics, Diagnostic::Kind::deadlock);
        QVERIFY(d);
        QVERIFY2(contains(o.err, "Deadlock: no task can make progress"), o.err.c_str());
        QVERIFY2(contains(o.err, "waits on Lock"), o.err.c_str());
        QVERIFY2(contains(o.err, "Task 'Task-2' waits at prog.py:6"), o.err.c_str());
        QVERIFY2(contains(o.err, "Task 'Task-3' waits at prog.py:12"), o.err.c_str());
        QCOMPARE(d->line, 17);
    }

    void deadlock_found_when_driven_from_outside()
    {
        auto o = run_driven(kDeadlock);
        QCOMPARE(o.code, 1);
        QVERIFY(find(o.diagnostics, Diagnostic::Kind::deadlock));
        QVERIFY2(contains(o.err, "waits on Lock"), o.err.c_str());
    }

    void driven_from_outside_prints_what_run_to_end_prints()
    {
        const char* program = R"py(import asyncio
async def worker(n):
    for i in range(3):
        await asyncio.sleep(0.1 * n)
        print(n, i, round(asyncio.get_running_loop().time(), 2))
async def main():
    q = asyncio.Queue()
    async def consumer():
        while (item := await q.get()) is not None:
            print("got", item)
    c = asyncio.create_task(consumer())
    await asyncio.gather(*(worker(n) for n in (1, 2, 3)))
    for x in range(3):
        await q.put(x)
    await q.put(None)
    await c
print("before")
asyncio.run(main())
print("after")
)py";
        auto headless = asyncio_test::run(program);
        auto driven = run_driven(program);
        QCOMPARE(headless.code, 0);
        QCOMPARE(driven.code, 0);
        QVERIFY2(driven.out == headless.out, asyncio_test::describe_diff(headless.out, driven.out).c_str());
        QVERIFY(contains(headless.out, "3 2 0.9\n"));
    }

    void request_stop_from_another_thread_ends_a_module_that_never_awaits()
    {
        script::RunOptions options;
        options.on_stdout = [](std::string_view, double) {};
        script::ScriptRun run("print('spinning')\nwhile True:\n    pass\n", "spin.py", options);
        std::thread stopper([&] { run.request_stop(); });
        int code = run.run_to_end();
        stopper.join();
        QCOMPARE(code, 3);
        const Diagnostic* d = find(run.diagnostics(), Diagnostic::Kind::stopped);
        QVERIFY(d);
        QVERIFY2(contains(d->message, "the module body at line "), d->message.c_str());
    }

    void stop_names_the_task_and_line_it_was_stuck_on()
    {
        script::RunOptions options;
        options.on_stdout = [](std::string_view, double) {};
        std::atomic<bool> spinning{false};
        options.stuck_seconds = 0.05;
        options.on_stuck = [&](const Diagnostic&) { spinning = true; };
        script::ScriptRun run(R"py(import asyncio
async def spin():
    n = 0
    while True:
        n += 1
async def main():
    await asyncio.create_task(spin(), name="spinner")
asyncio.run(main())
)py",
                              "spin.py", options);
        std::thread stopper([&] {
            while (!spinning.load()) std::this_thread::yield();
            run.request_stop();
        });
        int code = run.run_to_end();
        stopper.join();
        QCOMPARE(code, 3);
        const Diagnostic* stuck = find(run.diagnostics(), Diagnostic::Kind::stuck);
        QVERIFY(stuck);
        QVERIFY2(contains(stuck->message, "task spinner: line "), stuck->message.c_str());
        QVERIFY2(contains(stuck->message, " never awaits"), stuck->message.c_str());
        QVERIFY(stuck->line == 4 || stuck->line == 5);
        const Diagnostic* stopped = find(run.diagnostics(), Diagnostic::Kind::stopped);
        QVERIFY(stopped);
        QVERIFY2(contains(stopped->message, "task spinner at line "), stopped->message.c_str());
    }

    void stop_reaches_a_thread_function_that_never_returns()
    {
        script::RunOptions options;
        std::atomic<bool> printed{false};
        options.on_stdout = [&](std::string_view, double) { printed = true; };
        script::ScriptRun run(R"py(import asyncio, time
def forever():
    while True:
        print("working")
        time.sleep(1)
async def main():
    await asyncio.to_thread(forever)
asyncio.run(main())
)py",
                              "thread.py", options);
        std::thread stopper([&] {
            while (!printed.load()) std::this_thread::yield();
            run.request_stop();
        });
        int code = run.run_to_end();
        stopper.join();
        QCOMPARE(code, 3);
        QVERIFY(find(run.diagnostics(), Diagnostic::Kind::stopped));
    }

    void time_sleep_blocks_the_loop_but_to_thread_does_not()
    {
        auto o = asyncio_test::run(R"py(import asyncio, time
async def ticker(tag):
    await asyncio.sleep(0.5)
    print(tag, "ticker woke at", asyncio.get_running_loop().time())
async def blocking():
    time.sleep(1)
async def main():
    await asyncio.gather(blocking(), ticker("blocked:"))
    t0 = asyncio.get_running_loop().time()
    await asyncio.gather(asyncio.to_thread(time.sleep, 1), ticker("threaded:"))
    print("threaded took", asyncio.get_running_loop().time() - t0)
    print(round(time.monotonic(), 3), round(time.perf_counter(), 3))
asyncio.run(main())
)py");
        QCOMPARE(o.code, 0);
        // CPython prints the same, give or take real-time noise (its loop time starts at
        // the machine's monotonic clock, ours at 0): time.sleep held the loop for a
        // second before the ticker could even start its sleep; the thread did not.
        QCOMPARE(o.out, std::string("blocked: ticker woke at 1.5\nthreaded: ticker woke at 2.0\nthreaded took 1.0\n2.5 2.5\n"));
    }

    void trace_has_task_names_lines_prints_and_blocking()
    {
        aio::Recorder rec;
        script::RunOptions options;
        options.tracer = &rec;
        std::vector<std::pair<std::string, double>> printed;
        options.on_stdout = [&](std::string_view t, double when) { printed.emplace_back(std::string(t), when); };
        script::ScriptRun run(R"py(import asyncio, time
async def worker():
    await asyncio.sleep(1)
    print("worker done")
async def main():
    t = asyncio.create_task(worker(), name="alpha")
    await asyncio.sleep(0)
    t.set_name("beta")
    time.sleep(0.25)
    await t
asyncio.run(main())
)py",
                              "trace.py", options);
        QCOMPARE(run.run_to_end(), 0);
        QCOMPARE(printed.size(), std::size_t(1));
        QCOMPARE(printed[0].first, std::string("worker done\n"));
        QCOMPARE(printed[0].second, 1.0);
        bool created = false, renamed = false, line3 = false, print_seen = false, blocked = false;
        for (std::size_t i = 0; i < rec.size(); ++i) {
            const aio::TraceEvent& e = rec[i];
            std::string_view text = rec.string(e.text);
            if (e.kind == aio::EventKind::task_created && text == "alpha") created = true;
            if (e.kind == aio::EventKind::task_renamed && text == "beta") renamed = true;
            if (e.kind == aio::EventKind::task_line && e.value == 3 && text == "trace.py") line3 = true;
            if (e.kind == aio::EventKind::print && text == "worker done") {
                print_seen = true;
                QCOMPARE(e.time_ns, std::int64_t(1000000000));
                QVERIFY(e.a != 0);
            }
            if (e.kind == aio::EventKind::loop_blocked && e.value == 250000000) blocked = true;
        }
        QVERIFY(created);
        QVERIFY(renamed);
        QVERIFY(line3);
        QVERIFY(print_seen);
        QVERIFY(blocked);
    }

    void system_exit_code_is_the_exit_code()
    {
        auto o = asyncio_test::run("import asyncio\nasync def main():\n    raise SystemExit(4)\nasyncio.run(main())\nprint('no')\n");
        QCOMPARE(o.code, 4);
        QCOMPARE(o.out, std::string());
    }

    void uncaught_keyboard_interrupt_exits_130_as_cpython()
    {
        auto o = asyncio_test::run("import asyncio\nasync def main():\n    raise KeyboardInterrupt\nasyncio.run(main())\n");
        QCOMPARE(o.code, 130);
        QCOMPARE(asyncio_test::last_line(o.err), std::string("KeyboardInterrupt"));
    }

    void task_exception_never_retrieved_is_logged()
    {
        auto o = asyncio_test::run(R"py(import asyncio
async def boom():
    raise RuntimeError("nobody looks")
async def main():
    asyncio.create_task(boom(), name="lost")
    await asyncio.sleep(1)
    print("main done")
asyncio.run(main())
)py");
        QCOMPARE(o.code, 0);
        QCOMPARE(o.out, std::string("main done\n"));
        QVERIFY2(contains(o.err, "Task exception was never retrieved\nfuture: <Task finished name='lost' exception=RuntimeError('nobody looks')>\n"),
                 o.err.c_str());
        QVERIFY2(contains(o.err, "File \"prog.py\", line 3, in boom\n"), o.err.c_str());
    }

    void real_clock_runs_too()
    {
        script::RunOptions options;
        options.virtual_clock = false;
        auto o = asyncio_test::run("import asyncio\nasync def main():\n    await asyncio.sleep(0.01)\n    return 'ok'\nprint(asyncio.run(main()))\n", options);
        QCOMPARE(o.code, 0);
        QCOMPARE(o.out, std::string("ok\n"));
    }
};

QTEST_GUILESS_MAIN(TestAsyncioRunner)
#include "test_asyncio_runner.moc"
