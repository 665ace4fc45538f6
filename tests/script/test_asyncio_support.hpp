// Shared by the tests/script/test_asyncio_*.cpp suites: runs a program through the
// script runner on the virtual clock and captures what it prints, and compares texts
// with a readable first difference.
#pragma once

#include <script/runtime/script_run.hpp>

#include <engine/event_loop.hpp>

#include <QTest>

#include <sstream>
#include <string>

namespace asyncio_test {

struct Outcome {
    std::string out, err;
    int code = -1;
    std::vector<script::Diagnostic> diagnostics;
};

inline Outcome run(const std::string& program, script::RunOptions options = {})
{
    Outcome o;
    options.on_stdout = [&o](std::string_view t, double) { o.out += t; };
    options.on_stderr = [&o](std::string_view t, double) { o.err += t; };
    script::ScriptRun run(program, "prog.py", options);
    o.code = run.run_to_end();
    o.diagnostics = run.diagnostics();
    return o;
}

// Runs `run` to its end the way the Qt bridge drives a loop: an iteration at a time,
// in small batches, jumping the virtual clock to the next deadline when idle.
inline void drive_to_end(aio::EventLoop& loop, script::ScriptRun& run)
{
    for (int guard = 0; guard < 100000 && !run.finished(); ++guard) {
        loop.enter_driven();
        loop.begin_iteration();
        while (loop.run_batch(2) > 0) {
        }
        loop.leave_driven();
        if (run.finished() || loop.has_ready())
            continue;
        if (auto when = loop.next_deadline())
            loop.clock().advance_to(*when);
        else
            run.check_idle();
    }
}

// The first differing line, with both texts, so a failure says what went wrong.
inline std::string describe_diff(const std::string& expected, const std::string& actual)
{
    std::istringstream e(expected), a(actual);
    std::string le, la;
    for (int line = 1;; ++line) {
        bool he = static_cast<bool>(std::getline(e, le));
        bool ha = static_cast<bool>(std::getline(a, la));
        if (!he && !ha) break;
        if (!he || !ha || le != la)
            return "stdout differs at line " + std::to_string(line) + ":\n  expected: " + (he ? le : "<end>") +
                   "\n  actual:   " + (ha ? la : "<end>") + "\n--- expected ---\n" + expected + "--- actual ---\n" + actual;
    }
    return "stdout differs (trailing newline)";
}

inline std::string last_line(const std::string& text)
{
    std::string t = text;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    std::size_t nl = t.rfind('\n');
    return nl == std::string::npos ? t : t.substr(nl + 1);
}

// The body of the data-driven suites: the current row's program prints `expected`,
// exits with `code` and, if given, ends stderr with `last_stderr_line`.
inline void check_row()
{
    QFETCH(QString, program);
    QFETCH(QString, expected);
    QFETCH(int, code);
    QFETCH(QString, last_stderr_line);
    Outcome o = run(program.toStdString());
    const std::string want = expected.toStdString();
    QVERIFY2(o.out == want, (describe_diff(want, o.out) + "\n--- stderr ---\n" + o.err).c_str());
    QCOMPARE(o.code, code);
    if (!last_stderr_line.isEmpty())
        QCOMPARE(QString::fromStdString(last_line(o.err)), last_stderr_line);
}

}  // namespace asyncio_test
