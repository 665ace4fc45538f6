// Pure-Python loops through Loopscope's interpreter, and the same programs under python3
// when it is installed (its process start-up measured with an empty program and
// subtracted). The last rows load and run generated modules of 100,000 lines, where
// parsing and compiling dominate. Prints figures; never a test.
#include <script/runtime/interpreter.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

class QuietHost : public script::Host {
public:
    std::string out, err;
    void write_stdout(std::string_view t) override { out += t; }
    void write_stderr(std::string_view t) override { err += t; }
    double wall_time() override { return 0; }
    double monotonic_time() override { return 0; }
    void blocking_sleep(double) override {}
};

struct Program {
    std::string name;
    std::string source;
};

const Program fixed_programs[] = {
    {"fib(27) recursive", "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(27))\n"},
    {"1e6-iteration arithmetic loop",
     "total = 0\ni = 0\nwhile i < 1000000:\n    total += i * 3 % 7 - (i >> 2)\n    i += 1\nprint(total)\n"},
    {"for-range loop in a function, 1e6",
     "def f():\n    s = 0\n    for i in range(1000000):\n        if i % 3 == 0:\n            s += i\n    return s\nprint(f())\n"},
    {"dict of 100k ints", "d = {}\nfor i in range(100000):\n    d[i] = i * 2\nprint(len(d), sum(d.values()))\n"},
    {"method calls on objects, 300k",
     "class P:\n    def __init__(self, x):\n        self.x = x\n    def inc(self, d):\n        self.x += d\n        return self\n"
     "p = P(0)\nfor i in range(300000):\n    p.inc(i)\nprint(p.x)\n"},
    {"list comprehension + sort, 200k",
     "xs = [(i * 7919) % 100003 for i in range(200000)]\nxs.sort()\nprint(xs[0], xs[-1], len(xs))\n"},
    {"string building, 100k", "parts = []\nfor i in range(100000):\n    parts.append(str(i))\ns = ','.join(parts)\nprint(len(s))\n"},
};

// Modules with many top-level statements: load time must grow linearly with their size.
std::vector<Program> programs()
{
    std::vector<Program> all(std::begin(fixed_programs), std::end(fixed_programs));
    std::string assignments, definitions;
    for (int i = 0; i < 100000; ++i) {
        assignments += "x_" + std::to_string(i) + " = " + std::to_string(i) + " * 2\n";
        definitions += "def f_" + std::to_string(i) + "(): pass\n";
    }
    all.push_back({"100k-line module of assignments", assignments + "print(x_99999)\n"});
    all.push_back({"100k-line module of one-line defs", definitions + "print(f_99999())\n"});
    return all;
}

double seconds_since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Best of three runs, so a busy machine disturbs the figure less.
double run_python(const std::string& source)
{
    std::string path = "/tmp/loopscope_bench_script_vm.py";
    std::ofstream(path) << source;
    double best = -1;
    for (int i = 0; i < 3; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        int rc = std::system(("python3 " + path + " > /dev/null 2>&1").c_str());
        double t = seconds_since(t0);
        if (rc != 0) return -1;
        if (best < 0 || t < best) best = t;
    }
    return best;
}

}  // namespace

int main()
{
    bool have_python = std::system("python3 -c pass > /dev/null 2>&1") == 0;
    double python_startup = have_python ? run_python("") : 0;
    std::printf("%-38s %12s %12s %8s\n", "program (best of 3)", "loopscope s", "python3 s", "ratio");
    for (const Program& p : programs()) {
        QuietHost host;
        int rc = 0;
        double ours = -1;
        for (int i = 0; i < 3 && rc == 0; ++i) {
            host.err.clear();
            auto t0 = std::chrono::steady_clock::now();
            {
                script::Interpreter in(host);
                rc = in.run_program(p.source, "bench.py");
            }
            double t = seconds_since(t0);
            if (ours < 0 || t < ours) ours = t;
        }
        if (rc != 0) {
            std::printf("%-38s failed: %s\n", p.name.c_str(), host.err.c_str());
            continue;
        }
        if (have_python) {
            double theirs = run_python(p.source) - python_startup;
            std::printf("%-38s %12.3f %12.3f %8.2f\n", p.name.c_str(), ours, theirs, theirs > 0 ? ours / theirs : 0.0);
        } else {
            std::printf("%-38s %12.3f %12s %8s\n", p.name.c_str(), ours, "-", "-");
        }
    }
    if (have_python) std::printf("(python3 start-up %.3f s subtracted; ratio < 1 means Loopscope is faster)\n", python_startup);
    return 0;
}
