// The embedding API: driving coroutines step by step with a native awaitable (as the
// engine will), throwing into them, closing unfinished coroutines and generators, the
// stop flag, refused modules and builtins, unsupported constructs, and memory reuse.
#include <script/runtime/interpreter.hpp>
#include <script/runtime/ops.hpp>

#include <QTest>

#include <atomic>
#include <thread>

using namespace script;

namespace {

class CaptureHost : public Host {
public:
    std::string out, err;
    void write_stdout(std::string_view t) override { out += t; }
    void write_stderr(std::string_view t) override { err += t; }
    double wall_time() override { return 1700000000.0; }
    double monotonic_time() override { return 10.0; }
    void blocking_sleep(double) override {}
};

// The fake engine awaitable: "resume me with `value` after `steps` driver turns".
struct ValueAfter : NativeAwaitable {
    int steps = 0;
    Value value;
};

Type* g_value_after_type = nullptr;

Value make_value_after(Interpreter& in, Args& a)
{
    auto* v = in.heap().make<ValueAfter>(g_value_after_type);
    Value result(v);
    v->steps = static_cast<int>(a[0].as_int());
    v->value = a[1];
    return result;
}

struct Fixture {
    CaptureHost host;
    Interpreter in{host};
    Fixture()
    {
        g_value_after_type = in.new_type("ValueAfter", in.t_object, Layout::NativeAwaitable, true);
        ops::dict_set(in, in.builtins, in.intern("value_after"), in.native("value_after", make_value_after));
    }
    Value global(const char* name) { return ops::dict_get_str(in.main_globals(), in.intern(name)); }
    Value start(const char* fn)
    {
        Value f = global(fn);
        return in.call(f, {});
    }
};

const char* program = R"(
async def inner(x):
    r = await value_after(2, x)
    return r + 1

async def main():
    a = await inner(10)
    try:
        await value_after(1, "never delivered")
    except KeyError as e:
        print("caught", e)
    return a * 2

async def cleanup():
    try:
        await value_after(1, None)
    finally:
        print("finally ran")

def numbers():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally ran")

async def fails():
    await value_after(1, None)
    raise ValueError("bad")
)";

}  // namespace

class TestDriver : public QObject {
    Q_OBJECT
private slots:
    void suspends_on_native_awaitable_and_resumes_with_value()
    {
        Fixture fx;
        QCOMPARE(fx.in.run_program(program, "drv.py"), 0);
        Value coro = fx.start("main");
        QCOMPARE(fx.in.type_of(coro)->name, std::string("coroutine"));
        StepResult r = fx.in.step(coro, Value::none());
        QCOMPARE(r.kind, StepResult::Kind::Awaiting);
        auto* aw = dynamic_cast<ValueAfter*>(r.value.obj());
        QVERIFY(aw != nullptr);
        QCOMPARE(aw->steps, 2);
        // Suspended inside inner(), at the await on line 3.
        QCOMPARE(fx.in.current_line(coro), 3);
        Value delivered = aw->value;
        r = fx.in.step(coro, delivered);
        QCOMPARE(r.kind, StepResult::Kind::Awaiting);
        QCOMPARE(fx.in.current_line(coro), 9);
        // Throw into the coroutine at its await: the script catches it.
        Value exc = fx.in.make_exception(Exc::KeyError, "cancelled here");
        r = fx.in.step(coro, Value(), exc);
        QCOMPARE(r.kind, StepResult::Kind::Returned);
        QVERIFY(r.value.is_int());
        QCOMPARE(r.value.as_int(), 22);
        QCOMPARE(fx.host.out, std::string("caught 'cancelled here'\n"));
        QCOMPARE(fx.in.current_line(coro), 0);
    }

    void uncaught_exception_is_reported_as_raised()
    {
        Fixture fx;
        QCOMPARE(fx.in.run_program(program, "drv.py"), 0);
        Value coro = fx.start("fails");
        QCOMPARE(fx.in.step(coro, Value::none()).kind, StepResult::Kind::Awaiting);
        StepResult r = fx.in.step(coro, Value::none());
        QCOMPARE(r.kind, StepResult::Kind::Raised);
        std::string text = fx.in.format_exception(r.value);
        QVERIFY2(text.find("File \"drv.py\", line 29, in fails") != std::string::npos, text.c_str());
        QVERIFY2(text.find("ValueError: bad") != std::string::npos, text.c_str());
    }

    void closing_unfinished_coroutine_runs_finally()
    {
        Fixture fx;
        QCOMPARE(fx.in.run_program(program, "drv.py"), 0);
        Value coro = fx.start("cleanup");
        QCOMPARE(fx.in.step(coro, Value::none()).kind, StepResult::Kind::Awaiting);
        fx.in.close(coro);
        QCOMPARE(fx.host.out, std::string("finally ran\n"));
        QCOMPARE(fx.in.current_line(coro), 0);
    }

    void closing_unfinished_generator_runs_finally()
    {
        Fixture fx;
        QCOMPARE(fx.in.run_program(program, "drv.py"), 0);
        Value gen = fx.start("numbers");
        StepResult r = fx.in.step(gen, Value::none());
        QCOMPARE(r.kind, StepResult::Kind::Awaiting);  // a plain generator's yield
        QCOMPARE(r.value.as_int(), 1);
        fx.in.close(gen);
        QCOMPARE(fx.host.out, std::string("generator finally ran\n"));
    }

    void stop_flag_ends_a_program_that_never_awaits()
    {
        CaptureHost host;
        Interpreter in(host);
        std::atomic<bool> started{false};
        std::thread stopper([&] {
            while (!started.load()) std::this_thread::yield();
            in.request_stop();
        });
        started = true;
        int rc = in.run_program("n = 0\nwhile True:\n    try:\n        n += 1\n    except BaseException:\n        pass\n", "loop.py");
        stopper.join();
        QCOMPARE(rc, 3);
    }

    void refused_imports_and_builtins_name_the_line()
    {
        for (const char* mod : {"os", "sys", "subprocess", "socket", "pathlib", "shutil"}) {
            CaptureHost host;
            Interpreter in(host);
            std::string src = std::string("print('start')\nimport ") + mod + "\n";
            QCOMPARE(in.run_program(src, "imp.py"), 1);
            QCOMPARE(host.out, std::string("start\n"));
            QVERIFY2(host.err.find("File \"imp.py\", line 2, in <module>") != std::string::npos, host.err.c_str());
            std::string msg = std::string("ImportError: module '") + mod + "' is not available in Loopscope";
            QVERIFY2(host.err.find(msg) != std::string::npos, host.err.c_str());
        }
        for (const char* call : {"open('f.txt')", "exec('1')", "eval('1')", "compile('1', 'f', 'exec')", "input()", "__import__('os')"}) {
            CaptureHost host;
            Interpreter in(host);
            QCOMPARE(in.run_program(std::string("x = 1\n") + call + "\n", "b.py"), 1);
            QVERIFY2(host.err.find("File \"b.py\", line 2, in <module>") != std::string::npos, host.err.c_str());
            QVERIFY2(host.err.find("is not available in Loopscope") != std::string::npos, host.err.c_str());
        }
        CaptureHost host;
        Interpreter in(host);
        QCOMPARE(in.run_program("from os import path\n", "c.py"), 1);
        QVERIFY2(host.err.find("ImportError: module 'os' is not available") != std::string::npos, host.err.c_str());
    }

    void unsupported_construct_names_line_and_column()
    {
        CaptureHost host;
        Interpreter in(host);
        QCOMPARE(in.run_program("print(1)\nx = 2 + 3j\n", "u.py"), 1);
        QCOMPARE(host.out, std::string());  // rejected before running
        QVERIFY2(host.err.find("File \"u.py\", line 2") != std::string::npos, host.err.c_str());
        QVERIFY2(host.err.find("complex number is not supported") != std::string::npos, host.err.c_str());
        QVERIFY2(host.err.find("u.py:2:9") != std::string::npos, host.err.c_str());
    }

    void memory_is_reclaimed_while_running()
    {
        CaptureHost host;
        Interpreter in(host);
        QCOMPARE(in.run_program("x = 1\n", "m.py"), 0);
        std::size_t before = in.heap().live_objects();
        QCOMPARE(in.run_program("for i in range(20000):\n    a = [str(i), {i: (i, i)}, lambda: i]\n    b = [a, a]\n", "m.py"), 0);
        // Garbage without cycles is freed as the loop runs (cycles wait for the interpreter's end).
        std::size_t after = in.heap().live_objects();
        QVERIFY2(after < before + 200, (std::to_string(before) + " -> " + std::to_string(after)).c_str());
    }

    void deep_recursion_raises_recursion_error()
    {
        CaptureHost host;
        Interpreter in(host);
        QCOMPARE(in.run_program("def f(n):\n    return f(n + 1)\nf(0)\n", "r.py"), 1);
        QVERIFY2(host.err.find("RecursionError: maximum recursion depth exceeded") != std::string::npos, host.err.c_str());
        QVERIFY2(host.err.find("[Previous line repeated 996 more times]") != std::string::npos, host.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestDriver)
#include "test_driver.moc"
