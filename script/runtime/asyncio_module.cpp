// The asyncio module's functions, Future, Task, the event loop object and handles,
// timeouts and task groups. Locks and queues are in asyncio_sync.cpp.
#include <script/runtime/asyncio_module.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

#include <cmath>

namespace script {

namespace {

// asyncio.get_running_loop() and friends: a loop runs while a main task exists.
void require_loop(AsyncioRuntime& rt)
{
    if (!rt.loop_is_running() || rt.current_thread_work())
        rt.in.raise(Exc::RuntimeError, "no running event loop");
}

std::optional<double> opt_seconds(Interpreter& in, const Value& v)
{
    if (!v || v.is_none()) return std::nullopt;
    double d = ops::to_double(in, v);
    if (std::isnan(d)) in.raise(Exc::ValueError, "Invalid value NaN (not a number)");
    return d;
}

// ---------------------------------------------------------------- module functions

Value new_loop_object(AsyncioRuntime& rt);
void mark_loop_closed(const Value& loop);

Value a_run(Interpreter& in, Args& a)
{
    check_kw(in, a, {"debug"}, "run");
    if (a.size() < 1) in.raise(Exc::TypeError, "run() missing 1 required positional argument: 'main'");
    auto& rt = AsyncioRuntime::of(in);
    // Each asyncio.run() has a loop object of its own, closed when it returns.
    if (!rt.loop_is_running() && !rt.current_thread_work()) rt.loop_object = new_loop_object(rt);
    Value loop = rt.loop_object;
    try {
        Value r = rt.asyncio_run(a[0]);
        mark_loop_closed(loop);
        return r;
    } catch (...) {
        mark_loop_closed(loop);
        throw;
    }
}

Value a_create_task(Interpreter& in, Args& a)
{
    check_kw(in, a, {"name", "context"}, "create_task");
    auto& rt = AsyncioRuntime::of(in);
    if (a.size() != 1) in.raise(Exc::TypeError, "create_task() takes exactly 1 positional argument (" + std::to_string(a.size()) + " given)");
    require_loop(rt);
    return rt.create_task(a[0], a.kw("name"));
}

Value a_sleep(Interpreter& in, Args& args)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(AsyncioRuntime::of(in), args, "asyncio.sleep", kw);
    check_kw(in, a, {"delay", "result"}, "sleep");
    Value d = arg(a, 0, "delay");
    if (!d) in.raise(Exc::TypeError, "sleep() missing 1 required positional argument: 'delay'");
    double s = ops::to_double(in, d);
    if (std::isnan(s)) in.raise(Exc::ValueError, "Invalid value NaN (not a number)");
    return AsyncioRuntime::of(in).sleep_obj(s, arg(a, 1, "result"));
}

Value a_gather(Interpreter& in, Args& args)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(AsyncioRuntime::of(in), args, "asyncio.gather", kw);
    check_kw(in, a, {"return_exceptions"}, "gather");
    auto& rt = AsyncioRuntime::of(in);
    Value rx = a.kw("return_exceptions");
    bool return_exceptions = rx && ops::truthy(in, rx);
    auto* g = in.heap().make<FutureObj>(rt.t_future);
    Value gv(g);
    g->rt = &rt;
    g->gather = true;
    g->return_exceptions = return_exceptions;
    if (a.size() == 0) {
        aio::Future<Value> done(rt.loop);
        done.set_result(in.list());
        g->ref = done;
        g->gather = false;
        return gv;
    }
    std::vector<aio::FutureRef> refs;
    for (std::size_t i = 0; i < a.size(); ++i) {
        Value f = rt.ensure_future(a[i]);
        refs.push_back(rt.as_future(f)->ref);
        g->children.push_back(f);
    }
    g->ref = aio::gather(rt.loop, std::move(refs), return_exceptions);
    return gv;
}

// wait() and as_completed() take a set: each awaitable once, in first-seen order.
std::vector<Value> unique_futures(AsyncioRuntime& rt, const Value& fs)
{
    std::vector<Value> out;
    for (auto& v : ops::to_vector(rt.in, fs)) {
        bool seen = false;
        for (auto& o : out)
            if (o.same(v)) seen = true;
        if (seen) continue;
        out.push_back(v);
    }
    for (auto& v : out) v = rt.ensure_future(v);
    return out;
}

aio::ReturnWhen parse_return_when(Interpreter& in, const Value& v)
{
    if (!v || v.is_none()) return aio::ReturnWhen::all_completed;
    std::string s = ops::is_str(v) ? ops::str_of(v) : std::string();
    if (s == "FIRST_COMPLETED") return aio::ReturnWhen::first_completed;
    if (s == "FIRST_EXCEPTION") return aio::ReturnWhen::first_exception;
    if (s == "ALL_COMPLETED") return aio::ReturnWhen::all_completed;
    in.raise(Exc::ValueError, "Invalid return_when value: " + ops::to_str(in, v));
}

aio::Task<Value> wait_op(AsyncioRuntime* rt, std::vector<Value> objs, std::optional<double> timeout, aio::ReturnWhen rw)
{
    // Coroutines become tasks when wait() starts running, as in CPython 3.10 (where
    // wait() is a coroutine function), not when it is called.
    for (auto& v : objs) v = rt->ensure_future(v);
    std::vector<aio::FutureRef> refs;
    for (auto& o : objs) refs.push_back(rt->as_future(o)->ref);
    aio::WaitResult r = co_await aio::wait(std::move(refs), timeout, rw);
    Interpreter& in = rt->in;
    auto to_set = [&](const std::vector<aio::FutureRef>& v) {
        Value s = in.set();
        for (auto& f : v)
            for (auto& o : objs)
                if (rt->as_future(o)->ref.get() == f.get()) {
                    ops::set_add(in, s, o);
                    break;
                }
        return s;
    };
    co_return in.tuple({to_set(r.done), to_set(r.pending)});
}

bool is_coroutine_object(AsyncioRuntime& rt, const Value& v)
{
    Type* t = rt.in.type_of(v);
    return t == rt.in.t_coroutine || t == rt.in.t_generator || t == rt.t_sleep || t == rt.t_op;
}

Value a_wait(Interpreter& in, Args& args)
{
    auto& rt = AsyncioRuntime::of(in);
    std::vector<Value> kw;
    Args a = without_loop_kw(rt, args, "asyncio.wait", kw);
    check_kw(in, a, {"fs", "timeout", "return_when"}, "wait");
    Value fs = arg(a, 0, "fs");
    if (!fs) in.raise(Exc::TypeError, "wait() missing 1 required positional argument: 'fs'");
    if (rt.as_future(fs) || is_coroutine_object(rt, fs))
        in.raise(Exc::TypeError, "expect a list of futures, not " + in.type_of(fs)->name);
    std::vector<Value> objs;
    for (auto& v : ops::to_vector(in, fs)) {
        bool seen = false;
        for (auto& o : objs)
            if (o.same(v)) seen = true;
        if (!seen) objs.push_back(v);
    }
    if (objs.empty()) in.raise(Exc::ValueError, "Set of Tasks/Futures is empty.");
    for (auto& v : objs) {
        if (is_coroutine_object(rt, v)) {
            legacy_note(rt, Legacy::wait_coroutines);
        } else if (!rt.as_future(v)) {
            // 3.10's ensure_future() would raise once wait() runs; say it at the call.
            (void)rt.ensure_future(v);
        }
    }
    auto rw = parse_return_when(in, arg(a, 2, "return_when"));
    return rt.op_obj(wait_op(&rt, std::move(objs), opt_seconds(in, arg(a, 1, "timeout")), rw), "wait");
}

aio::Task<Value> as_completed_next(AsyncioRuntime* rt, std::shared_ptr<aio::AsCompleted> ac, std::vector<Value> objs)
{
    aio::FutureRef f = co_await ac->next();
    for (auto& o : objs)
        if (rt->as_future(o)->ref.get() == f.get())
            co_return rt->future_result(rt->as_future(o));
    co_return Value::none();
}

Value a_as_completed(Interpreter& in, Args& args)
{
    auto& rt = AsyncioRuntime::of(in);
    std::vector<Value> kw;
    Args a = without_loop_kw(rt, args, "asyncio.as_completed", kw);
    check_kw(in, a, {"fs", "timeout"}, "as_completed");
    Value fs = arg(a, 0, "fs");
    if (!fs) in.raise(Exc::TypeError, "as_completed() missing 1 required positional argument: 'fs'");
    if (rt.as_future(fs) || in.type_of(fs) == in.t_coroutine)
        in.raise(Exc::TypeError, "expect an iterable of futures, not " + in.type_of(fs)->name);
    std::vector<Value> objs = unique_futures(rt, fs);
    std::vector<aio::FutureRef> refs;
    for (auto& o : objs) refs.push_back(rt.as_future(o)->ref);
    auto ac = std::make_shared<aio::AsCompleted>(std::move(refs), opt_seconds(in, arg(a, 1, "timeout")));
    std::vector<Value> out;
    for (std::size_t i = 0; i < objs.size(); ++i)
        out.push_back(rt.op_obj(as_completed_next(&rt, ac, objs)));
    return in.iterator(IterKind::List, in.list(std::move(out)));
}

aio::Task<Value> wait_for_op(AsyncioRuntime* rt, Value fut, std::optional<double> timeout)
{
    FutureObj* f = rt->as_future(fut);
    const bool timed_out = co_await aio::detail::wait_for_done(f->ref, timeout);
    if (!timed_out)
        co_return rt->future_result(f);
    // As CPython 3.11: the inner future's result if cancelling it failed, else
    // "raise TimeoutError() from" its CancelledError.
    Value cancelled;
    try {
        co_return rt->future_result(f);
    } catch (const PyThrow& p) {
        if (!rt->in.is_instance_of(p.exc, rt->e_cancelled))
            throw;
        cancelled = p.exc;
    }
    Value te = rt->make_exc(rt->in.exc_type(Exc::TimeoutError), "");
    auto* eo = te.as<ExceptionObj>();
    eo->cause = cancelled;
    eo->context = cancelled;
    eo->suppress_context = true;
    throw PyError{te};
}

Value a_wait_for(Interpreter& in, Args& args)
{
    auto& rt = AsyncioRuntime::of(in);
    std::vector<Value> kw;
    Args a = without_loop_kw(rt, args, "asyncio.wait_for", kw);
    check_kw(in, a, {"fut", "timeout"}, "wait_for");
    Value aw = arg(a, 0, "fut");
    Value to = arg(a, 1, "timeout");
    if (!aw || !to) in.raise(Exc::TypeError, "wait_for() missing 1 required positional argument: 'timeout'");
    Value fut = rt.ensure_future(aw);
    return rt.op_obj(wait_for_op(&rt, fut, opt_seconds(in, to)), "wait_for");
}

Value a_shield(Interpreter& in, Args& a)
{
    if (a.size() != 1) in.raise(Exc::TypeError, "shield() takes exactly 1 argument");
    auto& rt = AsyncioRuntime::of(in);
    Value innerv = rt.ensure_future(a[0]);
    FutureObj* inner = rt.as_future(innerv);
    Value outerv = rt.new_future();
    FutureObj* outer = rt.as_future(outerv);
    AsyncioRuntime* r = &rt;
    auto copy = [r](FutureObj* src, FutureObj* dst) {
        aio::Future<Value> out(*static_cast<aio::Future<Value>*>(&dst->ref));
        if (src->ref.cancelled()) {
            dst->ref.cancel();
            return;
        }
        try {
            Value v = r->future_result(src);
            static_cast<aio::detail::ValueFuture<Value>*>(dst->ref.get())->set(v);
        } catch (const PyThrow& p) {
            dst->ref->set_exception(r->from_py(p.exc));
        }
    };
    if (inner->ref.done()) {
        copy(inner, outer);
        return outerv;
    }
    std::uint64_t id = inner->ref.add_done_callback([innerv, outerv, copy, r](aio::FutureBase&) {
        FutureObj* o = r->as_future(outerv);
        FutureObj* i = r->as_future(innerv);
        if (o->ref.done()) {
            if (!i->ref.cancelled()) (void)i->ref.exception();
            return;
        }
        copy(i, o);
    });
    aio::FutureRef inner_ref = inner->ref;
    outer->ref.add_done_callback([inner_ref, id](aio::FutureBase&) mutable {
        if (!inner_ref.done()) inner_ref.remove_done_callback(id);
    });
    return outerv;
}

// The `loop` argument of all_tasks/current_task: given (and not None), they answer for
// that loop, running or not (anything that is not this program's loop has no tasks, as
// CPython filters by loop); otherwise for the running loop, which must exist.
bool explicit_loop(AsyncioRuntime& rt, Args& a, const char* name)
{
    check_kw(rt.in, a, {"loop"}, name);
    if (a.size() > 1)
        rt.in.raise(Exc::TypeError, std::string(name) + "() takes from 0 to 1 positional arguments but " + std::to_string(a.size()) +
                                        " were given");
    Value loop = a.size() == 1 ? a[0] : a.kw("loop") ? a.kw("loop") : Value();
    if (!loop || loop.is_none()) {
        require_loop(rt);
        return false;
    }
    return true;
}

Value a_current_task(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    const bool given = explicit_loop(rt, a, "current_task");
    if (given && (in.type_of(a.size() == 1 ? a[0] : a.kw("loop")) != rt.t_loop || !rt.loop_is_running() || rt.current_thread_work()))
        return Value::none();
    return rt.current ? Value(rt.current) : Value::none();
}

Value a_all_tasks(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    const bool given = explicit_loop(rt, a, "all_tasks");
    Value s = in.set();
    if (given && in.type_of(a.size() == 1 ? a[0] : a.kw("loop")) != rt.t_loop) return s;
    for (auto& t : rt.loop.all_tasks()) {
        Value o = rt.task_object(t.task());
        if (!o.is_none()) ops::set_add(in, s, o);
    }
    return s;
}

Value a_get_running_loop(Interpreter& in, Args&)
{
    auto& rt = AsyncioRuntime::of(in);
    require_loop(rt);
    return rt.loop_object;
}

Value a_get_event_loop(Interpreter& in, Args&)
{
    auto& rt = AsyncioRuntime::of(in);
    if (rt.current_thread_work())
        in.raise(Exc::RuntimeError, "There is no current event loop in thread 'asyncio_0'.");
    return rt.loop_object;
}

Value a_ensure_future(Interpreter& in, Args& a)
{
    if (a.size() < 1) in.raise(Exc::TypeError, "ensure_future() missing 1 required positional argument: 'coro_or_future'");
    return AsyncioRuntime::of(in).ensure_future(a[0]);
}

Value a_iscoroutine(Interpreter& in, Args& a)
{
    // Generators too: asyncio.iscoroutine() says so up to 3.11.
    return Value::boolean(a.size() == 1 && is_coroutine_object(AsyncioRuntime::of(in), a[0]));
}

Value a_iscoroutinefunction(Interpreter& in, Args& a)
{
    if (a.size() != 1) return Value::boolean(false);
    Value f = a[0];
    if (in.type_of(f) == in.t_method) f = f.as<BoundMethod>()->func;
    if (marked_coroutine_function(AsyncioRuntime::of(in), f)) return Value::boolean(true);
    if (in.type_of(f) != in.t_function) return Value::boolean(false);
    return Value::boolean(f.as<Function>()->code_ptr()->flags & CO_COROUTINE);
}

Value a_isfuture(Interpreter& in, Args& a)
{
    return Value::boolean(a.size() == 1 && AsyncioRuntime::of(in).as_future(a[0]) != nullptr);
}

Value a_to_thread(Interpreter& in, Args& a)
{
    if (a.size() < 1) in.raise(Exc::TypeError, "to_thread() missing 1 required positional argument: 'func'");
    auto& rt = AsyncioRuntime::of(in);
    std::vector<Value> args(a.pos + 1, a.pos + a.n);
    Value fn = a[0];
    if (a.nkw) {
        // Keyword arguments travel through functools.partial.
        auto* p = in.heap().make<Partial>(in.t_partial);
        Value pv(p);
        p->func = fn;
        p->args = args;
        p->kwargs = in.dict();
        for (std::size_t i = 0; i < a.nkw; ++i) ops::dict_set(in, p->kwargs, a.kwnames[i], a.kwvals[i]);
        fn = pv;
        args.clear();
    }
    std::string what = "to_thread(" + callable_name(in, a[0]) + ")";
    return rt.op_obj(rt.run_in_thread(fn, std::move(args), what), "to_thread");
}

// ------------------------------------------------------------------ Future / Task

FutureObj* self_future(Interpreter& in, Args& a)
{
    FutureObj* f = a.size() ? AsyncioRuntime::of(in).as_future(a[0]) : nullptr;
    if (!f) in.raise(Exc::TypeError, "descriptor requires a 'Future' object");
    return f;
}

Value construct_future(Interpreter& in, Args&)
{
    return AsyncioRuntime::of(in).new_future();
}

Value construct_task(Interpreter& in, Args& a)
{
    check_kw(in, a, {"name", "loop", "context"}, "Task");
    auto& rt = AsyncioRuntime::of(in);
    if (a.size() != 2) in.raise(Exc::TypeError, "Task() takes exactly 1 positional argument");
    // Outside a running loop Task() binds to the event loop (get_event_loop()), as
    // loop.create_task() does: old code makes its tasks before run_until_complete().
    if (rt.current_thread_work())
        in.raise(Exc::RuntimeError, "There is no current event loop in thread 'asyncio_0'.");
    return rt.create_task(a[1], a.kw("name"));
}

Value f_result(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    return AsyncioRuntime::of(in).future_result(f);
}

Value f_exception(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    auto& rt = AsyncioRuntime::of(in);
    if (!f->ref.done()) in.raise_value(rt.make_exc(rt.e_invalid_state, "Exception is not set."));
    try {
        if (f->gather) {
            Value r = rt.future_result(f);
            return Value::none();
        }
        std::exception_ptr e = f->ref.exception();
        return e ? rt.to_py(e) : Value::none();
    } catch (const PyThrow& p) {
        if (in.is_instance_of(p.exc, rt.e_cancelled)) throw;
        return p.exc;
    } catch (...) {
        rt.rethrow_py(std::current_exception());
    }
}

Value f_done(Interpreter& in, Args& a) { return Value::boolean(self_future(in, a)->ref.done()); }
Value f_cancelled(Interpreter& in, Args& a) { return Value::boolean(self_future(in, a)->ref.cancelled()); }

Value f_cancel(Interpreter& in, Args& a)
{
    check_kw(in, a, {"msg"}, "cancel");
    FutureObj* f = self_future(in, a);
    Value msg = arg(a, 1, "msg");
    std::string m = msg && !msg.is_none() ? ops::to_str(in, msg) : std::string();
    return Value::boolean(f->ref.cancel(m));
}

Value f_set_result(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    auto& rt = AsyncioRuntime::of(in);
    if (f->is_task) in.raise(Exc::RuntimeError, "Task does not support set_result operation");
    if (a.size() != 2) in.raise(Exc::TypeError, "set_result() takes exactly one argument");
    if (f->ref.done()) in.raise_value(rt.make_exc(rt.e_invalid_state, "invalid state"));
    static_cast<aio::detail::ValueFuture<Value>*>(f->ref.get())->set(a[1]);
    return Value::none();
}

Value f_set_exception(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    auto& rt = AsyncioRuntime::of(in);
    if (f->is_task) in.raise(Exc::RuntimeError, "Task does not support set_exception operation");
    if (a.size() != 2) in.raise(Exc::TypeError, "set_exception() takes exactly one argument");
    if (f->ref.done()) in.raise_value(rt.make_exc(rt.e_invalid_state, "invalid state"));
    Value e = exception_from_raise_operand(in, a[1]);
    if (in.is_instance_of(e, in.exc_type(Exc::StopIteration)))
        in.raise(Exc::TypeError, "StopIteration interacts badly with generators and cannot be raised into a Future");
    f->ref->set_exception(std::make_exception_ptr(PyError{e}));
    return Value::none();
}

Value f_add_done_callback(Interpreter& in, Args& a)
{
    check_kw(in, a, {"context"}, "add_done_callback");
    FutureObj* f = self_future(in, a);
    if (a.size() != 2) in.raise(Exc::TypeError, "add_done_callback() takes exactly one argument");
    auto& rt = AsyncioRuntime::of(in);
    Value fn = a[1];
    Value self = a[0];
    AsyncioRuntime* r = &rt;
    std::uint64_t id = f->ref.add_done_callback([r, fn, self](aio::FutureBase&) { call_python_callback(*r, fn, {self}); });
    f->callbacks.emplace_back(fn, id);
    return Value::none();
}

Value f_remove_done_callback(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    if (a.size() != 2) in.raise(Exc::TypeError, "remove_done_callback() takes exactly one argument");
    std::int64_t removed = 0;
    for (auto it = f->callbacks.begin(); it != f->callbacks.end();) {
        if (ops::eq(in, it->first, a[1])) {
            removed += static_cast<std::int64_t>(f->ref.remove_done_callback(it->second));
            it = f->callbacks.erase(it);
        } else {
            ++it;
        }
    }
    return Value::integer(removed);
}

Value t_get_name(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    return in.str(AsyncioRuntime::of(in).task_name(f));
}

Value t_set_name(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    if (a.size() != 2) in.raise(Exc::TypeError, "set_name() takes exactly one argument");
    f->name = ops::to_str(in, a[1]);
    if (f->is_task) f->task()->set_name(f->name);
    return Value::none();
}

Value t_get_coro(Interpreter& in, Args& a) { return self_future(in, a)->coro; }
Value t_cancelling(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    return Value::integer(f->is_task ? f->task()->cancelling() : 0);
}
Value t_uncancel(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    return Value::integer(f->is_task ? f->task()->uncancel() : 0);
}

Value f_repr(Interpreter& in, Args& a)
{
    FutureObj* f = self_future(in, a);
    auto& rt = AsyncioRuntime::of(in);
    std::string state = !f->ref.done() ? "pending" : f->ref.cancelled() ? "cancelled" : "finished";
    std::string out = f->is_task ? "<Task " + state + " name='" + rt.task_name(f) + "'" : "<Future " + state;
    if (f->is_task && f->coro) {
        auto* g = f->coro.as<GenObj>();
        std::string qn = g->qualname ? ops::str_of(g->qualname) : std::string("coroutine");
        Code* code = g->frame ? g->frame->code : nullptr;
        std::string file = code ? code->filename : std::string("?");
        int line = in.current_line(f->coro);
        if (!f->ref.done() && line > 0) {
            out += " coro=<" + qn + "() running at " + file + ":" + std::to_string(line) + ">";
            if (aio::FutureBase* w = f->task()->waiting_on()) {
                Value other = w->is_task() ? rt.task_object(static_cast<aio::TaskBase*>(w)) : Value::none();
                out += " wait_for=" + (other.is_none() ? std::string("<Future pending cb=[Task.task_wakeup()]>") : ops::repr(in, other));
            } else if (f->task()->waiting_kind() == aio::WaitKind::sleep) {
                out += " wait_for=<Future pending cb=[Task.task_wakeup()]>";
            }
        }
        else
            out += " coro=<" + qn + "() done, defined at " + file + ":" + std::to_string(code ? code->firstlineno : 0) + ">";
    } else if (f->is_task) {
        out += std::string(" coro=<sleep() ") + (f->ref.done() ? "done" : "running") + ">";
    }
    if (f->ref.done() && !f->ref.cancelled()) {
        try {
            Value r = rt.future_result(f);
            out += " result=" + ops::repr(in, r);
        } catch (const PyThrow& p) {
            out += " exception=" + ops::repr(in, p.exc);
        }
    }
    return in.str(out + ">");
}

// coroutine.close() on sleep() and the engine operations: they never run.
Value c_close(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (in.type_of(a[0]) == rt.t_op) a[0].as<OpObj>()->used = true;
    if (in.type_of(a[0]) == rt.t_sleep) a[0].as<SleepObj>()->consumed = true;
    return Value::none();
}

Value f_await(Interpreter&, Args& a)
{
    // Only for code that calls __await__ explicitly; `await fut` never gets here.
    return a[0];
}

// ------------------------------------------------------------------ loop object

struct LoopObj : Object {
    bool closed = false;
};

struct HandleObj : Object {
    aio::Handle h;
    double when = 0;
    bool timer = false;
};

Value schedule_callback(Interpreter& in, Args& a, int kind)
{
    // kind 0: call_soon(cb, *args); 1: call_later(delay, cb, *args); 2: call_at(when, cb, *args)
    check_kw(in, a, {"context"}, "call_soon");
    auto& rt = AsyncioRuntime::of(in);
    std::size_t first = kind == 0 ? 1 : 2;
    if (a.size() < first + 1) in.raise(Exc::TypeError, "missing callback argument");
    Value fn = a[first];
    if (!is_callable_value(in, fn)) in.raise(Exc::TypeError, "a callable object was expected by call_soon(), got " + ops::repr(in, fn));
    std::vector<Value> args(a.pos + first + 1, a.pos + a.n);
    AsyncioRuntime* r = &rt;
    auto cb = [r, fn, args]() { call_python_callback(*r, fn, args); };
    std::string name = callable_name(in, fn);
    auto* h = in.heap().make<HandleObj>(rt.t_handle);
    Value hv(h);
    if (kind == 0) {
        h->h = rt.loop.call_soon(cb, name);
    } else {
        double t = ops::to_double(in, a[1]);
        h->timer = true;
        aio::TimerHandle th = kind == 1 ? rt.loop.call_later(t, cb, name) : rt.loop.call_at(t, cb, name);
        h->when = th.when();
        h->h = th;
    }
    rt.handles.push_back(h->h);
    if (rt.handles.size() > 4096) {
        std::vector<aio::Handle> live;
        for (auto& x : rt.handles)
            if (!x.cancelled()) live.push_back(x);
        rt.handles.swap(live);
    }
    return hv;
}

Value l_call_soon(Interpreter& in, Args& a) { return schedule_callback(in, a, 0); }

// concurrent.futures.Future for run_coroutine_threadsafe: a thread waits on it.
struct ConcurrentObj : Object {
    Value task;  // FutureObj
};

Value a_run_coroutine_threadsafe(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "run_coroutine_threadsafe() takes exactly 2 arguments");
    auto& rt = AsyncioRuntime::of(in);
    if (in.type_of(a[0]) != in.t_coroutine) in.raise(Exc::TypeError, "A coroutine object is required");
    auto* c = in.heap().make<ConcurrentObj>(rt.t_concurrent_future);
    Value cv(c);
    c->task = rt.create_task(a[0], Value());
    return cv;
}

FutureObj* concurrent_task(Interpreter& in, Args& a) { return AsyncioRuntime::of(in).as_future(a[0].as<ConcurrentObj>()->task); }

Value cf_result(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    FutureObj* f = concurrent_task(in, a);
    while (!f->ref.done()) rt.thread_wait(f->ref);
    return rt.future_result(f);
}
Value cf_exception(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    FutureObj* f = concurrent_task(in, a);
    while (!f->ref.done()) rt.thread_wait(f->ref);
    try {
        rt.future_result(f);
    } catch (const PyThrow& p) {
        if (in.is_instance_of(p.exc, rt.e_cancelled)) throw;
        return p.exc;
    }
    return Value::none();
}
Value cf_done(Interpreter& in, Args& a) { return Value::boolean(concurrent_task(in, a)->ref.done()); }
Value cf_cancelled(Interpreter& in, Args& a) { return Value::boolean(concurrent_task(in, a)->ref.cancelled()); }
Value cf_cancel(Interpreter& in, Args& a) { return Value::boolean(concurrent_task(in, a)->ref.cancel()); }
Value l_call_later(Interpreter& in, Args& a) { return schedule_callback(in, a, 1); }
Value l_call_at(Interpreter& in, Args& a) { return schedule_callback(in, a, 2); }
Value l_time(Interpreter& in, Args&) { return Value::floating(AsyncioRuntime::of(in).loop.time()); }
Value l_create_future(Interpreter& in, Args&) { return AsyncioRuntime::of(in).new_future(); }
Value l_create_task(Interpreter& in, Args& a)
{
    check_kw(in, a, {"name", "context"}, "create_task");
    if (a.size() != 2) in.raise(Exc::TypeError, "create_task() takes exactly 1 positional argument");
    return AsyncioRuntime::of(in).create_task(a[1], a.kw("name"));
}
bool loop_running(AsyncioRuntime& rt, const Value& loop) { return rt.loop_is_running() && rt.loop_object.same(loop); }
Value l_is_running(Interpreter& in, Args& a) { return Value::boolean(loop_running(AsyncioRuntime::of(in), a[0])); }

bool loop_closed(const Value& loop);
Value l_stop(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (loop_running(rt, a[0]) || !rt.loop_is_running()) rt.request_loop_stop();
    return Value::none();
}
Value l_close(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (loop_running(rt, a[0])) in.raise(Exc::RuntimeError, "Cannot close a running event loop");
    mark_loop_closed(a[0]);
    return Value::none();
}
Value l_run_until_complete(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "run_until_complete() takes exactly one argument");
    auto& rt = AsyncioRuntime::of(in);
    if (loop_closed(a[0])) in.raise(Exc::RuntimeError, "Event loop is closed");
    if (rt.loop_is_running()) in.raise(Exc::RuntimeError, "This event loop is already running");
    rt.loop_object = a[0];
    return rt.asyncio_run(a[1], AsyncioRuntime::RunMode::runner_run);
}
Value l_run_forever(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (loop_closed(a[0])) in.raise(Exc::RuntimeError, "Event loop is closed");
    if (rt.loop_is_running()) in.raise(Exc::RuntimeError, "This event loop is already running");
    rt.loop_object = a[0];
    rt.run_forever();
    return Value::none();
}
Value l_set_exception_handler(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "set_exception_handler() takes exactly one argument");
    if (!a[1].is_none() && !is_callable_value(in, a[1]))
        in.raise(Exc::TypeError, "A callable object or None is expected, got " + ops::repr(in, a[1]));
    AsyncioRuntime::of(in).exception_handler = a[1];
    return Value::none();
}
Value l_get_exception_handler(Interpreter& in, Args&)
{
    Value h = AsyncioRuntime::of(in).exception_handler;
    return h ? h : Value::none();
}
Value l_call_exception_handler(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "call_exception_handler() takes exactly one argument");
    Value msg = ops::dict_get(in, a[1], in.intern("message"));
    Value exc = ops::dict_get(in, a[1], in.intern("exception"));
    auto& rt = AsyncioRuntime::of(in);
    if (rt.exception_handler && !rt.exception_handler.is_none()) {
        Value args[2] = {a[0], a[1]};
        in.call(rt.exception_handler, args);
        return Value::none();
    }
    rt.report(msg ? ops::to_str(in, msg) : std::string("Unhandled exception in event loop"), exc && !exc.is_none() ? exc : Value(), "");
    return Value::none();
}
Value l_default_exception_handler(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "default_exception_handler() takes exactly one argument");
    Value msg = ops::dict_get(in, a[1], in.intern("message"));
    Value exc = ops::dict_get(in, a[1], in.intern("exception"));
    auto& rt = AsyncioRuntime::of(in);
    Value saved = rt.exception_handler;
    rt.exception_handler = Value();
    rt.report(msg ? ops::to_str(in, msg) : std::string("Unhandled exception in event loop"), exc && !exc.is_none() ? exc : Value(), "");
    rt.exception_handler = saved;
    return Value::none();
}
Value a_new_event_loop(Interpreter& in, Args&) { return new_loop_object(AsyncioRuntime::of(in)); }
Value a_set_event_loop(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (a.size() == 1 && in.type_of(a[0]) == rt.t_loop && !rt.loop_is_running()) rt.loop_object = a[0];
    return Value::none();
}
Value l_is_closed(Interpreter&, Args& a) { return Value::boolean(loop_closed(a[0])); }

Value l_run_in_executor(Interpreter& in, Args& a)
{
    if (a.size() < 3) in.raise(Exc::TypeError, "run_in_executor() missing required arguments: 'executor' and 'func'");
    auto& rt = AsyncioRuntime::of(in);
    if (!a[1].is_none()) in.raise(Exc::NotImplementedError, "run_in_executor() supports only the default executor (None) in Loopscope");
    std::vector<Value> args(a.pos + 3, a.pos + a.n);
    // A future, as in CPython: the work starts now, whether or not anyone awaits it.
    // An engine task runs it; Python sees a plain Future (not in all_tasks()).
    std::string what = "run_in_executor(" + callable_name(in, a[2]) + ")";
    auto* f = in.heap().make<FutureObj>(rt.t_future);
    Value fv(f);
    f->rt = &rt;
    f->ref = rt.loop.create_task(rt.run_in_thread(a[2], std::move(args), what), what);
    return fv;
}

Value h_cancel(Interpreter&, Args& a)
{
    a[0].as<HandleObj>()->h.cancel();
    return Value::none();
}
Value h_cancelled(Interpreter&, Args& a) { return Value::boolean(a[0].as<HandleObj>()->h.cancelled()); }
Value h_when(Interpreter&, Args& a) { return Value::floating(a[0].as<HandleObj>()->when); }

// ------------------------------------------------------------------ timeout

struct TimeoutObj : Object {
    std::unique_ptr<aio::Timeout> t;
    bool entered = false;
};

aio::Task<Value> ready_value(Value v) { co_return v; }

Value make_timeout(Interpreter& in, std::optional<double> when)
{
    auto& rt = AsyncioRuntime::of(in);
    auto* t = in.heap().make<TimeoutObj>(rt.t_timeout);
    Value v(t);
    t->t = std::make_unique<aio::Timeout>(rt.loop, when);
    return v;
}

Value a_timeout(Interpreter& in, Args& a)
{
    Value d = arg(a, 0, "delay");
    if (!d) in.raise(Exc::TypeError, "timeout() missing 1 required positional argument: 'delay'");
    auto& rt = AsyncioRuntime::of(in);
    auto s = opt_seconds(in, d);
    return make_timeout(in, s ? std::optional<double>(rt.loop.time() + *s) : std::nullopt);
}

Value a_timeout_at(Interpreter& in, Args& a)
{
    Value w = arg(a, 0, "when");
    if (!w) in.raise(Exc::TypeError, "timeout_at() missing 1 required positional argument: 'when'");
    return make_timeout(in, opt_seconds(in, w));
}

Value to_aenter(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    auto* t = a[0].as<TimeoutObj>();
    if (!rt.current) in.raise(Exc::RuntimeError, "Timeout should be used inside a task");
    try {
        t->t->enter();
    } catch (...) {
        rt.rethrow_py(std::current_exception());
    }
    t->entered = true;
    return rt.op_obj(ready_value(a[0]));
}

Value to_aexit(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    auto* t = a[0].as<TimeoutObj>();
    Value exc = a.size() > 2 ? a[2] : Value::none();
    std::exception_ptr e = exc.is_none() ? nullptr : rt.from_py(exc);
    std::exception_ptr before = e;
    try {
        t->t->exit(e);
    } catch (...) {
        rt.rethrow_py(std::current_exception());
    }
    if (e && e != before) {
        // The timeout fired: TimeoutError from the CancelledError.
        Value te = rt.to_py(e);
        auto* eo = te.as<ExceptionObj>();
        eo->cause = exc;
        eo->suppress_context = true;
        eo->context = exc;
        in.raise_value(te);
    }
    return rt.op_obj(ready_value(Value::boolean(false)));
}

Value to_when(Interpreter&, Args& a)
{
    auto w = a[0].as<TimeoutObj>()->t->when();
    return w ? Value::floating(*w) : Value::none();
}

Value to_reschedule(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (a.size() != 2) in.raise(Exc::TypeError, "reschedule() takes exactly one argument");
    if (!a[0].as<TimeoutObj>()->entered) in.raise(Exc::RuntimeError, "Timeout has not been entered");
    try {
        a[0].as<TimeoutObj>()->t->reschedule(opt_seconds(in, a[1]));
    } catch (...) {
        rt.rethrow_py(std::current_exception());
    }
    return Value::none();
}

Value to_expired(Interpreter&, Args& a) { return Value::boolean(a[0].as<TimeoutObj>()->t->expired()); }

// ------------------------------------------------------------------ TaskGroup

struct TaskGroupObj : Object {
    std::unique_ptr<aio::TaskGroup> g;
    std::vector<Value> tasks;  // for the repr in error messages
    bool entered = false;
};

// CPython's TaskGroup.__repr__: <TaskGroup tasks=N errors=N cancelling|entered>.
std::string task_group_repr(AsyncioRuntime& rt, TaskGroupObj* g)
{
    int pending = 0, errors = 0;
    for (auto& t : g->tasks) {
        FutureObj* f = rt.as_future(t);
        if (!f->ref.done()) ++pending;
        else if (!f->ref.cancelled() && f->ref->status() == aio::FutureStatus::finished) {
            try {
                if (f->ref.exception()) ++errors;
            } catch (...) {
            }
        }
    }
    std::string info;
    if (pending) info += " tasks=" + std::to_string(pending);
    if (errors) info += " errors=" + std::to_string(errors);
    if (errors) info += " cancelling";
    else if (g->entered) info += " entered";
    return "<TaskGroup" + info + ">";
}

// The engine's "TaskGroup is finished" as CPython words it: "TaskGroup <repr> is finished".
[[noreturn]] void raise_task_group_error(AsyncioRuntime& rt, TaskGroupObj* g, std::exception_ptr e)
{
    try {
        std::rethrow_exception(e);
    } catch (const aio::RuntimeError& x) {
        std::string m = x.what();
        if (m.rfind("TaskGroup ", 0) == 0 && m != "TaskGroup cannot determine the parent task")
            rt.in.raise(Exc::RuntimeError, "TaskGroup " + task_group_repr(rt, g) + m.substr(9));
    } catch (...) {
    }
    rt.rethrow_py(e);
}

Value construct_task_group(Interpreter& in, Args&)
{
    auto& rt = AsyncioRuntime::of(in);
    auto* g = in.heap().make<TaskGroupObj>(rt.t_task_group);
    Value v(g);
    g->g = std::make_unique<aio::TaskGroup>(rt.loop);
    return v;
}

Value tg_aenter(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    if (!rt.current) in.raise(Exc::RuntimeError, "TaskGroup cannot determine the parent task");
    auto* g = a[0].as<TaskGroupObj>();
    try {
        g->g->enter();
    } catch (...) {
        raise_task_group_error(rt, g, std::current_exception());
    }
    g->entered = true;
    return rt.op_obj(ready_value(a[0]));
}

aio::Task<Value> tg_exit(Value group, std::exception_ptr e)
{
    co_await group.as<TaskGroupObj>()->g->exit(e);
    co_return Value::boolean(false);
}

Value tg_aexit(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    Value exc = a.size() > 2 ? a[2] : Value::none();
    std::exception_ptr e = exc.is_none() ? nullptr : rt.from_py(exc);
    return rt.op_obj(tg_exit(a[0], e));
}

Value tg_create_task(Interpreter& in, Args& a)
{
    check_kw(in, a, {"name", "context"}, "create_task");
    auto& rt = AsyncioRuntime::of(in);
    if (a.size() != 2) in.raise(Exc::TypeError, "create_task() takes exactly 1 positional argument");
    auto* g = a[0].as<TaskGroupObj>();
    Value t;
    try {
        t = rt.create_task_in_group(a[1], a.kw("name"), g->g.get());
    } catch (const PyThrow&) {
        throw;
    } catch (...) {
        raise_task_group_error(rt, g, std::current_exception());
    }
    g->tasks.push_back(t);
    return t;
}

// ------------------------------------------------------------------ Runner

struct RunnerObj : Object {
    Value loop;  // LoopObj, made on first use
    bool closed = false;
};

Value construct_runner(Interpreter& in, Args& a)
{
    check_kw(in, a, {"debug", "loop_factory"}, "Runner");
    auto& rt = AsyncioRuntime::of(in);
    auto* r = in.heap().make<RunnerObj>(rt.t_runner);
    return Value(r);
}

Value runner_loop(AsyncioRuntime& rt, RunnerObj* r)
{
    if (r->closed) rt.in.raise(Exc::RuntimeError, "Runner is closed");
    if (!r->loop) r->loop = new_loop_object(rt);
    return r->loop;
}

Value runner_enter(Interpreter& in, Args& a)
{
    runner_loop(AsyncioRuntime::of(in), a[0].as<RunnerObj>());
    return a[0];
}

Value runner_run(Interpreter& in, Args& a)
{
    check_kw(in, a, {"context"}, "run");
    if (a.size() != 2) in.raise(Exc::TypeError, "run() takes exactly one argument");
    auto& rt = AsyncioRuntime::of(in);
    auto* r = a[0].as<RunnerObj>();
    Value loop = runner_loop(rt, r);
    rt.loop_object = loop;
    return rt.asyncio_run(a[1], AsyncioRuntime::RunMode::runner_run);
}

Value runner_close(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    auto* r = a[0].as<RunnerObj>();
    if (r->closed || !r->loop) {
        r->closed = true;
        return Value::none();
    }
    rt.asyncio_run(Value::none(), AsyncioRuntime::RunMode::runner_close);
    mark_loop_closed(r->loop);
    r->closed = true;
    return Value::none();
}

Value runner_exit(Interpreter& in, Args& a)
{
    runner_close(in, a);
    return Value::boolean(false);
}

Value runner_get_loop(Interpreter& in, Args& a) { return runner_loop(AsyncioRuntime::of(in), a[0].as<RunnerObj>()); }

Value new_loop_object(AsyncioRuntime& rt)
{
    auto* lo = rt.in.heap().make<LoopObj>(rt.t_loop);
    return Value(lo);
}

bool loop_closed(const Value& loop) { return loop.is_obj() && static_cast<LoopObj*>(loop.obj())->closed; }

void mark_loop_closed(const Value& loop)
{
    if (loop.is_obj()) static_cast<LoopObj*>(loop.obj())->closed = true;
}

}  // namespace

// ------------------------------------------------------------------ shared helpers

Value arg(Args& a, std::size_t i, const char* name)
{
    if (i < a.size()) return a[i];
    return a.kw(name);
}

void check_kw(Interpreter& in, Args& a, std::initializer_list<const char*> allowed, const char* fname)
{
    for (std::size_t i = 0; i < a.nkw; ++i) {
        const std::string& k = a.kwnames[i].as<Str>()->s;
        bool ok = false;
        for (const char* n : allowed)
            if (k == n) ok = true;
        if (!ok) in.raise(Exc::TypeError, std::string(fname) + "() got an unexpected keyword argument '" + k + "'");
    }
}

std::string callable_name(Interpreter& in, const Value& fn)
{
    Value n = in.getattr_opt(fn, in.intern("__name__"));
    return n && ops::is_str(n) ? ops::str_of(n) : ops::type_name(in, fn);
}

namespace {
// reprlib.repr's shortening: the middle of a long text becomes "...".
std::string short_repr(Interpreter& in, const Value& v)
{
    std::string s = ops::repr(in, v);
    std::size_t limit = v.is_int() ? 40 : 30;
    if (s.size() <= limit) return s;
    std::size_t i = (limit - 3) / 2, j = limit - 3 - i;
    return s.substr(0, i) + "..." + s.substr(s.size() - j);
}

// asyncio's text for a callback: "qualname(args) at file:line".
std::string callback_text(Interpreter& in, const Value& fn, const std::vector<Value>& args)
{
    Value f = fn;
    if (in.type_of(f) == in.t_method) f = f.as<BoundMethod>()->func;
    std::string name = callable_name(in, fn);
    std::string where;
    if (in.type_of(f) == in.t_function) {
        auto* func = f.as<Function>();
        if (func->qualname) name = ops::str_of(func->qualname);
        Code* code = func->code_ptr();
        where = " at " + code->filename + ":" + std::to_string(code->firstlineno);
    }
    std::string text = name + "(";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i) text += ", ";
        text += short_repr(in, args[i]);
    }
    return text + ")" + where;
}
}  // namespace

void call_python_callback(AsyncioRuntime& rt, const Value& fn, std::vector<Value> args)
{
    if (rt.stopped) return;
    Interpreter& in = rt.in;
    ++rt.step_count;
    try {
        in.call(fn, args);
    } catch (const PyThrow& p) {
        std::string text = callback_text(in, fn, args);
        rt.report("Exception in callback " + text, p.exc, "handle: <Handle " + text + ">");
    } catch (const ScriptStopped&) {
        rt.note_stopped();
    }
}

Value AsyncioRuntime::create_task_in_group(Value coro, Value name, aio::TaskGroup* group)
{
    if (in.type_of(coro) != in.t_coroutine)
        in.raise(Exc::TypeError, "a coroutine was expected, got " + ops::repr(in, coro));
    auto* t = in.heap().make<FutureObj>(t_task);
    Value tv(t);
    t->rt = this;
    t->is_task = true;
    t->coro = coro;
    ++task_counter;
    t->name = name && !name.is_none() ? ops::to_str(in, name) : "Task-" + std::to_string(task_counter);
    aio::TaskHandle<Value> h;
    try {
        h = group->create_task(drive(tv), t->name);
    } catch (...) {
        in.close(coro);
        throw;  // the caller words the engine's error as CPython does
    }
    t->ref = h;
    tasks[h.task()] = t;
    return tv;
}

void install_asyncio(AsyncioRuntime& rt)
{
    Interpreter& in = rt.in;
    auto type = [&](const char* name, Type* base, Layout layout) {
        Type* t = in.new_type(name, base ? base : in.t_object, layout, true);
        t->module = "asyncio";
        t->subclassable = false;
        return t;
    };
    rt.t_future = type("Future", nullptr, Layout::NativeAwaitable);
    rt.t_future->construct = construct_future;
    rt.t_task = type("Task", rt.t_future, Layout::NativeAwaitable);
    rt.t_task->construct = construct_task;
    for (Type* t : {rt.t_future, rt.t_task}) {
        in.add_method(t, "result", f_result);
        in.add_method(t, "exception", f_exception);
        in.add_method(t, "done", f_done);
        in.add_method(t, "cancelled", f_cancelled);
        in.add_method(t, "cancel", f_cancel);
        in.add_method(t, "set_result", f_set_result);
        in.add_method(t, "set_exception", f_set_exception);
        in.add_method(t, "add_done_callback", f_add_done_callback);
        in.add_method(t, "remove_done_callback", f_remove_done_callback);
        in.add_method(t, "__repr__", f_repr);
        in.add_method(t, "__await__", f_await);
    }
    in.add_method(rt.t_task, "get_name", t_get_name);
    in.add_method(rt.t_task, "set_name", t_set_name);
    in.add_method(rt.t_task, "get_coro", t_get_coro);
    in.add_method(rt.t_task, "cancelling", t_cancelling);
    in.add_method(rt.t_task, "uncancel", t_uncancel);
    rt.t_sleep = type("coroutine", nullptr, Layout::NativeAwaitable);
    rt.t_op = type("coroutine", nullptr, Layout::NativeAwaitable);
    in.add_method(rt.t_sleep, "close", c_close);
    in.add_method(rt.t_op, "close", c_close);
    rt.t_loop = type("_UnixSelectorEventLoop", nullptr, Layout::Other);
    in.add_method(rt.t_loop, "call_soon", l_call_soon);
    in.add_method(rt.t_loop, "call_soon_threadsafe", l_call_soon);
    in.add_method(rt.t_loop, "call_later", l_call_later);
    in.add_method(rt.t_loop, "call_at", l_call_at);
    in.add_method(rt.t_loop, "time", l_time);
    in.add_method(rt.t_loop, "create_future", l_create_future);
    in.add_method(rt.t_loop, "create_task", l_create_task);
    in.add_method(rt.t_loop, "run_in_executor", l_run_in_executor);
    in.add_method(rt.t_loop, "is_running", l_is_running);
    in.add_method(rt.t_loop, "is_closed", l_is_closed);
    in.add_method(rt.t_loop, "stop", l_stop);
    in.add_method(rt.t_loop, "set_exception_handler", l_set_exception_handler);
    in.add_method(rt.t_loop, "get_exception_handler", l_get_exception_handler);
    in.add_method(rt.t_loop, "call_exception_handler", l_call_exception_handler);
    in.add_method(rt.t_loop, "default_exception_handler", l_default_exception_handler);
    in.add_method(rt.t_loop, "close", l_close);
    in.add_method(rt.t_loop, "run_until_complete", l_run_until_complete);
    in.add_method(rt.t_loop, "run_forever", l_run_forever);
    rt.t_concurrent_future = type("Future", nullptr, Layout::Other);
    rt.t_concurrent_future->module = "concurrent.futures._base";
    // Where CPython 3.11 defines each type (their reprs and __module__ say so).
    rt.t_future->module = "_asyncio";
    rt.t_task->module = "_asyncio";
    rt.t_loop->module = "asyncio.unix_events";
    in.add_method(rt.t_concurrent_future, "result", cf_result);
    in.add_method(rt.t_concurrent_future, "exception", cf_exception);
    in.add_method(rt.t_concurrent_future, "done", cf_done);
    in.add_method(rt.t_concurrent_future, "cancelled", cf_cancelled);
    in.add_method(rt.t_concurrent_future, "cancel", cf_cancel);
    rt.t_runner = type("Runner", nullptr, Layout::Other);
    rt.t_runner->module = "asyncio.runners";
    rt.t_runner->construct = construct_runner;
    in.add_method(rt.t_runner, "__enter__", runner_enter);
    in.add_method(rt.t_runner, "__exit__", runner_exit);
    in.add_method(rt.t_runner, "run", runner_run);
    in.add_method(rt.t_runner, "close", runner_close);
    in.add_method(rt.t_runner, "get_loop", runner_get_loop);
    rt.t_handle = type("TimerHandle", nullptr, Layout::Other);
    rt.t_handle->module = "asyncio.events";
    in.add_method(rt.t_handle, "cancel", h_cancel);
    in.add_method(rt.t_handle, "cancelled", h_cancelled);
    in.add_method(rt.t_handle, "when", h_when);
    rt.t_timeout = type("Timeout", nullptr, Layout::Other);
    rt.t_timeout->module = "asyncio.timeouts";
    in.add_method(rt.t_timeout, "__aenter__", to_aenter);
    in.add_method(rt.t_timeout, "__aexit__", to_aexit);
    in.add_method(rt.t_timeout, "when", to_when);
    in.add_method(rt.t_timeout, "reschedule", to_reschedule);
    in.add_method(rt.t_timeout, "expired", to_expired);
    rt.t_task_group = type("TaskGroup", nullptr, Layout::Other);
    rt.t_task_group->module = "asyncio.taskgroups";
    rt.t_task_group->construct = construct_task_group;
    in.add_method(rt.t_task_group, "__aenter__", tg_aenter);
    in.add_method(rt.t_task_group, "__aexit__", tg_aexit);
    in.add_method(rt.t_task_group, "create_task", tg_create_task);

    auto exc_type = [&](const char* name, Type* base) {
        Type* t = in.new_type(name, base, Layout::Exception, true);
        t->is_exception = true;
        t->module = "asyncio.exceptions";
        return t;
    };
    rt.e_cancelled = exc_type("CancelledError", in.exc_type(Exc::BaseException));
    rt.e_invalid_state = exc_type("InvalidStateError", in.exc_type(Exc::Exception));
    rt.e_queue_empty = exc_type("QueueEmpty", in.exc_type(Exc::Exception));
    rt.e_queue_empty->module = "asyncio.queues";
    rt.e_queue_full = exc_type("QueueFull", in.exc_type(Exc::Exception));
    rt.e_queue_full->module = "asyncio.queues";

    install_asyncio_sync(rt);

    rt.loop_object = new_loop_object(rt);

    AsyncioRuntime* r = &rt;
    in.register_module("asyncio", [r](Interpreter& interp) {
        if (r->module) return r->module;
        Value m = make_module(interp, "asyncio");
        module_add(interp, m, "run", a_run);
        module_add(interp, m, "create_task", a_create_task);
        module_add(interp, m, "sleep", a_sleep);
        module_add(interp, m, "gather", a_gather);
        module_add(interp, m, "wait", a_wait);
        module_add(interp, m, "as_completed", a_as_completed);
        module_add(interp, m, "wait_for", a_wait_for);
        module_add(interp, m, "shield", a_shield);
        module_add(interp, m, "timeout", a_timeout);
        module_add(interp, m, "timeout_at", a_timeout_at);
        module_add(interp, m, "current_task", a_current_task);
        module_add(interp, m, "all_tasks", a_all_tasks);
        module_add(interp, m, "get_running_loop", a_get_running_loop);
        module_add(interp, m, "get_event_loop", a_get_event_loop);
        module_add(interp, m, "ensure_future", a_ensure_future);
        module_add(interp, m, "iscoroutine", a_iscoroutine);
        module_add(interp, m, "iscoroutinefunction", a_iscoroutinefunction);
        module_add(interp, m, "isfuture", a_isfuture);
        module_add(interp, m, "to_thread", a_to_thread);
        module_add(interp, m, "run_coroutine_threadsafe", a_run_coroutine_threadsafe);
        module_add(interp, m, "new_event_loop", a_new_event_loop);
        module_add(interp, m, "set_event_loop", a_set_event_loop);
        module_set(interp, m, "Runner", Value(r->t_runner));
        module_set(interp, m, "Future", Value(r->t_future));
        module_set(interp, m, "Task", Value(r->t_task));
        module_set(interp, m, "TaskGroup", Value(r->t_task_group));
        module_set(interp, m, "Timeout", Value(r->t_timeout));
        module_set(interp, m, "Lock", Value(r->t_lock));
        module_set(interp, m, "Event", Value(r->t_event));
        module_set(interp, m, "Condition", Value(r->t_condition));
        module_set(interp, m, "Semaphore", Value(r->t_semaphore));
        module_set(interp, m, "BoundedSemaphore", Value(r->t_bounded_semaphore));
        module_set(interp, m, "Queue", Value(r->t_queue));
        module_set(interp, m, "PriorityQueue", Value(r->t_priority_queue));
        module_set(interp, m, "LifoQueue", Value(r->t_lifo_queue));
        module_set(interp, m, "CancelledError", Value(r->e_cancelled));
        module_set(interp, m, "InvalidStateError", Value(r->e_invalid_state));
        module_set(interp, m, "QueueEmpty", Value(r->e_queue_empty));
        module_set(interp, m, "QueueFull", Value(r->e_queue_full));
        module_set(interp, m, "TimeoutError", Value(interp.exc_type(Exc::TimeoutError)));
        module_set(interp, m, "FIRST_COMPLETED", interp.str("FIRST_COMPLETED"));
        module_set(interp, m, "FIRST_EXCEPTION", interp.str("FIRST_EXCEPTION"));
        module_set(interp, m, "ALL_COMPLETED", interp.str("ALL_COMPLETED"));
        r->module = m;
        install_asyncio_python(*r, m);
        install_asyncio_legacy(*r, m);
        return m;
    });
}

}  // namespace script
