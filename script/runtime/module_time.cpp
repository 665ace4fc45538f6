// time: sleep (blocks the program through the Host), time, monotonic, perf_counter.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

#include <cmath>

namespace script {

namespace {

Value t_sleep(Interpreter& in, Args& a)
{
    if (a.size() != 1) in.raise(Exc::TypeError, "time.sleep() takes exactly one argument (" + std::to_string(a.size()) + " given)");
    double s = ops::to_double(in, a[0]);
    if (std::isnan(s)) in.raise(Exc::ValueError, "Invalid value NaN (not a number)");
    if (s < 0) in.raise(Exc::ValueError, "sleep length must be non-negative");
    in.host().blocking_sleep(s);
    in.poll_stop();
    return Value::none();
}

Value t_time(Interpreter& in, Args&) { return Value::floating(in.host().wall_time()); }
Value t_monotonic(Interpreter& in, Args&) { return Value::floating(in.host().monotonic_time()); }
Value t_time_ns(Interpreter& in, Args&) { return Value::integer(static_cast<std::int64_t>(in.host().wall_time() * 1e9)); }
Value t_monotonic_ns(Interpreter& in, Args&) { return Value::integer(static_cast<std::int64_t>(in.host().monotonic_time() * 1e9)); }

}  // namespace

Value make_time_module(Interpreter& in)
{
    Value m = make_module(in, "time");
    module_add(in, m, "sleep", t_sleep);
    module_add(in, m, "time", t_time);
    module_add(in, m, "monotonic", t_monotonic);
    module_add(in, m, "perf_counter", t_monotonic);
    module_add(in, m, "time_ns", t_time_ns);
    module_add(in, m, "monotonic_ns", t_monotonic_ns);
    module_add(in, m, "perf_counter_ns", t_monotonic_ns);
    return m;
}

}  // namespace script
