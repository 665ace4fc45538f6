#include <script/runtime/asyncio_runtime.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/unawaited_coroutine.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/py_error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace script {

// A function given to to_thread / run_in_executor, running on its own fiber.
struct ThreadWork {
    ~ThreadWork()
    {
        // Dropped unfinished (the program was stopped): let the function unwind on its
        // own stack (it sees ScriptStopped where it waits) so nothing on it leaks.
        if (rt && fiber && !fiber->finished() && !fiber->running() && rt->stopped) {
            ThreadWork* prev = rt->current_thread_work();
            rt->set_current_thread_work(this);
            resume_fiber(rt->in, *fiber, state);
            rt->set_current_thread_work(prev);
        }
    }
    AsyncioRuntime* rt = nullptr;
    std::unique_ptr<Fiber> fiber;
    Interpreter::ExecState state{};
    double sleep_request = 0;
    aio::FutureRef wait_request;  // instead of sleeping: wait until this is done
    Value result, exc;
    bool stopped = false;
};

SleepObj::~SleepObj()
{
    if (!consumed && interp && coroutine_name) warn_never_awaited(*interp, coroutine_name);
}

OpObj::~OpObj()
{
    if (!consumed && !used && interp && coroutine_name) warn_never_awaited(*interp, coroutine_name);
}

FutureObj::~FutureObj()
{
    // A task cancelled (or abandoned) before its first step never ran its coroutine;
    // CPython's threw CancelledError into it, which counts as awaited: no "never awaited"
    // warning when the coroutine goes.
    if (is_task && coro.is_obj())
        if (auto* c = dynamic_cast<CoroutineObj*>(coro.obj()); c && c->state == GenState::Created)
            c->state = GenState::Finished;
    if (rt && is_task) {
        rt->tasks.erase(task());
        // CPython names the coroutine in the report of an exception never retrieved; the
        // engine task usually dies right here, while the coroutine is still alive.
        if (ref && ref.done() && coro.is_obj() && rt->in.type_of(coro) == rt->in.t_coroutine && !g_heap_teardown) {
            auto* g = coro.as<GenObj>();
            Code* code = g->frame ? g->frame->code : nullptr;
            if (code && g->qualname) {
                rt->dying_task_coro = " coro=<" + ops::str_of(g->qualname) + "() done, defined at " + code->filename + ":" +
                                      std::to_string(code->firstlineno) + ">";
                ref = aio::FutureRef();
                rt->dying_task_coro.clear();
            }
        }
    }
}

std::string aio_trace_text(const Value& v)
{
    try {
        std::string s = ops::repr(current_interpreter(), v);
        if (s.size() > 40) s = s.substr(0, 37) + "...";
        return s;
    } catch (...) {
        return "<value>";
    }
}

namespace {

std::string describe_py(const std::exception_ptr& e, bool& handled)
{
    // Tasks freed while the interpreter tears down report unretrieved exceptions too;
    // their Python objects may already be gone.
    if (g_heap_teardown) {
        handled = true;
        return "Exception";
    }
    try {
        std::rethrow_exception(e);
    } catch (const PyCancelled& c) {
        handled = true;
        return c.message().empty() ? "CancelledError" : "CancelledError: " + c.message();
    } catch (const PyError& p) {
        handled = true;
        try {
            Interpreter& in = current_interpreter();
            std::string msg = ops::to_str(in, p.exc);
            std::string name = in.type_of(p.exc)->name;
            return msg.empty() ? name : name + ": " + msg;
        } catch (...) {
            return "Exception";
        }
    } catch (...) {
        return {};
    }
}

std::string format_seconds(double s)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

}  // namespace

void resume_fiber(Interpreter& in, Fiber& fiber, Interpreter::ExecState& fiber_state)
{
    Interpreter::ExecState caller = in.exec_state();
    fiber_state.thread_interpreter = &in;
    in.set_exec_state(fiber_state);
    fiber.resume();
    fiber_state = in.exec_state();
    in.set_exec_state(caller);
}

AsyncioRuntime::AsyncioRuntime(Interpreter& interp, aio::EventLoop& l) : in(interp), loop(l)
{
    in.embedder = this;
    aio::set_exception_describer(&describe_py);
    install_asyncio(*this);
    // asyncio's asyncgen finalizer hook: a dropped async generator is closed by a task
    // of its own, created in the loop's next iteration (call_soon_threadsafe(create_task,
    // agen.aclose())), unless the loop is closed.
    in.async_gen_finalizer = [this](const Value& agen) {
        if (loop.is_closed() || stopped || !module)
            return false;
        Value aclose = in.call_method(agen, "aclose", {});
        loop.call_soon([this, aclose] {
            try {
                in.call(ops::dict_get_str(module.as<Module>()->dict, in.intern("create_task")), std::span<const Value>(&aclose, 1));
            } catch (const PyThrow& t) {
                in.host().write_stderr(in.format_exception(t.exc));
            }
        });
        return true;
    };
    loop.set_exception_handler([this](aio::EventLoop&, const aio::ExceptionContext& ctx) {
        if (stopped)
            return;
        std::string extra;
        Value exc;
        try {
            if (ctx.exception)
                exc = to_py(ctx.exception);
        } catch (...) {
        }
        if (!ctx.object.empty()) {
            std::string obj = ctx.object;
            // "Task 'name'" becomes CPython's "<Task finished name='name' ...>".
            if (obj.rfind("Task '", 0) == 0 && obj.size() > 7) {
                obj = "Task finished name=" + obj.substr(5) + dying_task_coro;
                if (exc) {
                    try {
                        obj += " exception=" + ops::repr(in, exc);
                    } catch (...) {
                    }
                }
            }
            if (obj == "Future" && ctx.message == "Future exception was never retrieved") {
                obj = "Future finished";
                if (exc) {
                    try {
                        obj += " exception=" + ops::repr(in, exc);
                    } catch (...) {
                    }
                }
            }
            extra = "future: <" + obj + ">";
        }
        report(ctx.message, exc, extra);
    });
}

void AsyncioRuntime::report(const std::string& message, const Value& exc, const std::string& extra)
{
    if (exception_handler && !exception_handler.is_none()) {
        try {
            Value ctx = in.dict();
            ops::dict_set(in, ctx, in.intern("message"), in.str(message));
            if (exc)
                ops::dict_set(in, ctx, in.intern("exception"), exc);
            Value args[2] = {loop_object, ctx};
            in.call(exception_handler, args);
            return;
        } catch (const PyThrow& p) {
            in.host().write_stderr("Unhandled error in exception handler\n" + in.format_exception(p.exc, TracebackStyle::traceback_module));
        } catch (const ScriptStopped&) {
            note_stopped();
            return;
        }
    }
    std::string text = message + "\n";
    if (!extra.empty())
        text += extra + "\n";
    if (exc) {
        try {
            text += in.format_exception(exc, TracebackStyle::traceback_module);
        } catch (...) {
        }
    }
    in.host().write_stderr(text);
}

AsyncioRuntime::~AsyncioRuntime()
{
    in.async_gen_finalizer = nullptr;
    abandon_all();
    // Task objects outlive the runtime (the interpreter frees them later).
    for (auto& [task, obj] : tasks)
        obj->rt = nullptr;
    tasks.clear();
    // Tasks the interpreter frees after this point (at its teardown) belong to a program
    // that is over: what they would report is dropped, not printed half-described.
    loop.set_exception_handler([](aio::EventLoop&, const aio::ExceptionContext&) {});
    if (in.embedder == this)
        in.embedder = nullptr;
}

Value AsyncioRuntime::make_exc(Type* t, const std::string& msg)
{
    std::vector<Value> args;
    if (!msg.empty())
        args.push_back(in.str(msg));
    return in.make_exception(t, std::move(args));
}

Value AsyncioRuntime::to_py(const std::exception_ptr& e)
{
    try {
        std::rethrow_exception(e);
    } catch (const PyCancelled& c) {
        return c.exc;
    } catch (const PyError& p) {
        return p.exc;
    } catch (const PyThrow& t) {
        return t.exc;
    } catch (const aio::CancelledError& c) {
        return make_exc(e_cancelled, c.message());
    } catch (const aio::TimeoutError&) {
        return make_exc(in.exc_type(Exc::TimeoutError), "");
    } catch (const aio::InvalidStateError& x) {
        return make_exc(e_invalid_state, x.what());
    } catch (const aio::QueueEmpty&) {
        return make_exc(e_queue_empty, "");
    } catch (const aio::QueueFull&) {
        return make_exc(e_queue_full, "");
    } catch (const aio::ExceptionGroup& g) {
        std::vector<Value> items;
        for (auto& x : g.exceptions())
            items.push_back(to_py(x));
        Value args[2] = {in.str(g.message()), in.list(std::move(items))};
        return in.call(Value(in.exc_type(Exc::BaseExceptionGroup)), args);
    } catch (const aio::ValueError& x) {
        return make_exc(in.exc_type(Exc::ValueError), x.what());
    } catch (const aio::DeadlockError& x) {
        return make_exc(in.exc_type(Exc::RuntimeError), x.what());
    } catch (const aio::RuntimeError& x) {
        return make_exc(in.exc_type(Exc::RuntimeError), x.what());
    } catch (const support::PyError& x) {
        return make_exc(in.exc_type(Exc::ValueError), x.what());
    } catch (const std::exception& x) {
        return make_exc(in.exc_type(Exc::RuntimeError), x.what());
    } catch (...) {
        return make_exc(in.exc_type(Exc::RuntimeError), "unknown error");
    }
}

std::exception_ptr AsyncioRuntime::from_py(const Value& exc)
{
    if (in.is_instance_of(exc, e_cancelled)) {
        std::string msg;
        auto* eo = exc.as<ExceptionObj>();
        if (eo->args && !eo->args.as<Tuple>()->items.empty()) {
            try {
                msg = ops::to_str(in, eo->args.as<Tuple>()->items[0]);
            } catch (...) {
            }
        }
        return std::make_exception_ptr(PyCancelled(std::move(msg), exc));
    }
    return std::make_exception_ptr(PyError{exc});
}

// ------------------------------------------------------------------ tasks

std::string AsyncioRuntime::task_name(const FutureObj* t) const
{
    return t->task() ? t->task()->get_name() : t->name;
}

std::string AsyncioRuntime::running_where() const
{
    std::string who = current ? "task " + task_name(current) : (thread_work_ ? std::string("thread") : std::string("<module>"));
    return who + ": line " + std::to_string(in.running_line()) + " never awaits";
}

Value AsyncioRuntime::task_object(aio::TaskBase* t) const
{
    auto it = tasks.find(t);
    return it == tasks.end() ? Value::none() : Value(it->second);
}

void AsyncioRuntime::trace_line(FutureObj* t)
{
    if (!loop.tracer() || !t || !t->task())
        return;
    int line = in.current_line(t->coro);
    loop.trace(aio::EventKind::task_line, 0, t->task()->id(), 0, line, filename);
}

Value AsyncioRuntime::create_task(Value coro, Value name)
{
    Type* ct = in.type_of(coro);
    if (ct == in.t_agen_awaitable && module) {
        // anext()/asend() awaitables count as coroutines: run one through a small coroutine.
        Value helper = ops::dict_get_str(module.as<Module>()->dict, in.intern("_await_it"));
        if (helper) {
            coro = in.call(helper, std::span<const Value>(&coro, 1));
            ct = in.type_of(coro);
        }
    }
    // Generators count as coroutines, as asyncio.iscoroutine() says (3.11 still does).
    if (ct != in.t_coroutine && ct != in.t_generator && ct != t_sleep && ct != t_op)
        in.raise(Exc::TypeError, "a coroutine was expected, got " + ops::repr(in, coro));
    if (ct == t_op && coro.as<OpObj>()->used)
        in.raise(Exc::RuntimeError, "cannot reuse already awaited coroutine");
    if (ct == t_op) coro.as<OpObj>()->consumed = true;
    if (ct == t_sleep) coro.as<SleepObj>()->consumed = true;
    auto* t = in.heap().make<FutureObj>(t_task);
    Value tv(t);
    t->rt = this;
    t->is_task = true;
    ++task_counter;
    t->name = name && !name.is_none() ? ops::to_str(in, name) : "Task-" + std::to_string(task_counter);
    aio::TaskHandle<Value> h;
    if (ct == in.t_coroutine || ct == in.t_generator) {
        t->coro = coro;
        h = loop.create_task(drive(tv), t->name);
    } else {
        // sleep() and the engine operations are coroutines in CPython: run one in a task.
        auto wrap = [](Value awv, Type* sleep_type, Value keep) -> aio::Task<Value> {
            (void)keep;  // the task object lives while its task is pending
            if (awv.obj()->type == sleep_type) {
                auto* s = awv.as<SleepObj>();
                co_await aio::sleep_ns(s->ns);
                co_return s->result;
            }
            auto* op = awv.as<OpObj>();
            op->used = true;
            co_return co_await std::move(op->op);
        };
        h = loop.create_task(wrap(coro, t_sleep, tv), t->name);
    }
    t->ref = h;
    tasks[h.task()] = t;
    return tv;
}

aio::Task<Value> AsyncioRuntime::drive(Value selfv)
{
    auto* self = selfv.as<FutureObj>();
    Value send = Value::none();
    Value thr;
    for (;;) {
        FutureObj* prev = current;
        current = self;
        ++step_count;
        StepResult r;
        try {
            r = in.step(self->coro, send, thr);
        } catch (const ScriptStopped&) {
            current = prev;
            note_stopped();
            throw aio::CancelledError("stopped");
        }
        current = prev;
        send = Value();
        thr = Value();
        if (r.kind == StepResult::Kind::Returned)
            co_return r.value;
        if (r.kind == StepResult::Kind::Raised)
            std::rethrow_exception(from_py(r.value));
        trace_line(self);
        Value aw = std::move(r.value);
        Type* t = in.type_of(aw);
        const bool delegated = in.yield_delegated;
        try {
            if (!delegated && t->layout == Layout::NativeAwaitable) {
                // Handed to the task, which refuses it: not the "never awaited" slip.
                if (t == t_sleep) aw.as<SleepObj>()->consumed = true;
                if (t == t_op) aw.as<OpObj>()->consumed = true;
                // `yield fut` in a generator-based coroutine, where `yield from fut` was meant.
                if (as_future(aw))
                    in.raise(Exc::RuntimeError, "yield was used instead of yield from in task " + ops::repr(in, selfv) + " with " +
                                                    ops::repr(in, aw));
                in.raise(Exc::RuntimeError, "Task got bad yield: " + ops::repr(in, aw));
            }
            if (t == t_sleep) {
                auto* s = aw.as<SleepObj>();
                s->consumed = true;
                co_await aio::sleep_ns(s->ns);
                send = s->result;
            } else if (t == t_op) {
                auto* op = aw.as<OpObj>();
                op->consumed = true;
                if (op->used)
                    in.raise(Exc::RuntimeError, "cannot reuse already awaited coroutine");
                op->used = true;
                send = co_await std::move(op->op);
            } else if (FutureObj* f = as_future(aw)) {
                if (f == self)
                    in.raise(Exc::RuntimeError, "Task cannot await on itself: " + ops::repr(in, aw));
                co_await aio::detail::DoneAwaiter{f->ref.get()};
                send = future_result(f);
            } else if (aw.is_none()) {
                // A bare `yield` (asyncio.sleep(0), a generator-based coroutine) gives the
                // loop one turn, as Task.__step does.
                co_await aio::sleep_ns(0);
                send = Value::none();
            } else {
                in.raise(Exc::RuntimeError, "Task got bad yield: " + ops::repr(in, aw));
            }
        } catch (const PyThrow& p) {
            thr = p.exc;
        } catch (const ScriptStopped&) {
            note_stopped();
            throw aio::CancelledError("stopped");
        } catch (...) {
            thr = to_py(std::current_exception());
        }
        if (thr)
            send = Value();
        else if (!send)
            send = Value::none();
    }
}

// ---------------------------------------------------------------- the module

void AsyncioRuntime::start_module(Value code, std::function<void(int, Value)> done)
{
    module_code_ = std::move(code);
    module_done_ = std::move(done);
    module_fiber_ = std::make_unique<Fiber>([this] {
        try {
            in.run_module(module_code_);
            module_exit_ = 0;
        } catch (PyThrow& t) {
            if (in.is_instance_of(t.exc, in.exc_type(Exc::SystemExit))) {
                Value c = in.getattr(t.exc, in.intern("code"));
                if (c.is_none()) {
                    module_exit_ = 0;
                } else if (c.is_int() || c.is_bool()) {
                    module_exit_ = static_cast<int>(c.is_bool() ? c.as_bool() : c.as_int());
                } else {
                    in.host().write_stderr(ops::to_str(in, c) + "\n");
                    module_exit_ = 1;
                }
            } else {
                module_exc_ = t.exc;
                module_exit_ = 1;
            }
        } catch (const ScriptStopped&) {
            module_exit_ = 3;
            module_stopped = true;
        } catch (const support::PyError& e) {
            module_exc_ = in.make_exception(Exc::ValueError, e.what());
            module_exit_ = 1;
        } catch (const std::bad_alloc&) {
            module_exc_ = in.make_exception(in.exc_type(Exc::MemoryError), {});
            module_exit_ = 1;
        } catch (...) {
            module_exc_ = in.make_exception(Exc::RuntimeError, "internal error");
            module_exit_ = 1;
        }
    });
    module_state_ = Interpreter::ExecState{nullptr, 0, 0, &in};
    loop.call_soon([this] { resume_module(); }, "<module>");
}

void AsyncioRuntime::resume_module()
{
    if (!module_fiber_ || module_fiber_->finished())
        return;
    ++step_count;
    resume_fiber(in, *module_fiber_, module_state_);
    if (module_fiber_->finished()) {
        if (stopped && module_exit_ != 0) {
            module_exit_ = 3;
            module_stopped = true;
        }
        if (auto done = std::move(module_done_)) {
            module_done_ = nullptr;
            done(module_exit_, module_exc_);
        }
        return;
    }
    if (!run_pending_)
        return;
    run_pending_ = false;
    if (run_mode_ == RunMode::forever) {
        forever_running_ = true;
        if (stop_pending_) {
            stop_pending_ = false;
            request_loop_stop();
        }
        return;
    }
    if (run_mode_ == RunMode::runner_close) {
        cancel_leftovers([this] {
            shutdown_asyncgens([this] { loop.call_soon([this] { resume_module(); }, "<module>"); });
        });
        return;
    }
    Value coro = std::move(run_request_);
    run_request_ = Value();
    run_aborted_ = false;
    // loop.run_until_complete() may be given a future (gather's, a task) instead.
    main_task_value_ = as_future(coro) ? coro : create_task(coro, Value());
    main_task = main_task_value_.as<FutureObj>();
    main_task->is_main = true;
    if (stop_pending_ && run_mode_ == RunMode::runner_run) {
        // loop.stop() before run_until_complete(): one round, then "stopped before".
        stop_pending_ = false;
        request_loop_stop();
    }
    if (main_task->ref.done()) {
        loop.call_soon([this] { finish_asyncio_run(); }, "<module>");
        return;
    }
    // Only while it is still the main task: a run that loop.stop() ended leaves its task
    // pending, and it may finish during a later run.
    main_task->ref.add_done_callback([this](aio::FutureBase& done) {
        if (main_task && main_task->ref.get() == &done)
            finish_asyncio_run();
    });
}

void AsyncioRuntime::cancel_leftovers(std::function<void()> then)
{
    // asyncio.run's ending: cancel what is left, wait for it, report what failed.
    std::vector<aio::TaskRef> left = loop.all_tasks();
    if (left.empty() || stopped) {
        then();
        return;
    }
    for (auto& t : left)
        t.cancel();
    auto remaining = std::make_shared<std::size_t>(left.size());
    auto shared_then = std::make_shared<std::function<void()>>(std::move(then));
    for (auto& t : left)
        t.add_done_callback([this, remaining, shared_then, left](aio::FutureBase&) {
            if (--*remaining != 0)
                return;
            for (auto& x : left) {
                if (x.cancelled())
                    continue;
                if (auto e = x.exception())
                    loop.call_exception_handler({"unhandled exception during asyncio.run() shutdown", e, x->describe()});
            }
            (*shared_then)();
        });
}

void AsyncioRuntime::shutdown_asyncgens(std::function<void()> then)
{
    // asyncio.run closes the async generators that were started and not finished.
    std::vector<Value> agens;
    in.heap().for_each([&](Object* o) {
        if (o->type == in.t_async_generator && static_cast<GenObj*>(o)->state == GenState::Suspended)
            agens.push_back(Value(o));
    });
    Value helper = module ? ops::dict_get_str(module.as<Module>()->dict, in.intern("_shutdown_asyncgens")) : Value();
    if (agens.empty() || !helper || stopped) {
        task_counter += 2;  // CPython runs shutdown_asyncgens() and shutdown_default_executor() as tasks
        then();
        return;
    }
    std::reverse(agens.begin(), agens.end());  // oldest first
    Value arg = in.list(std::move(agens));
    Value coro;
    try {
        coro = in.call(helper, std::span<const Value>(&arg, 1));
    } catch (const PyThrow&) {
        then();
        return;
    }
    Value t = create_task(coro, Value());
    auto shared_then = std::make_shared<std::function<void()>>(std::move(then));
    as_future(t)->ref.add_done_callback([this, t, shared_then](aio::FutureBase&) {
        ++task_counter;  // shutdown_default_executor()
        (*shared_then)();
    });
}

void AsyncioRuntime::stop_run()
{
    // loop.stop() before the main coroutine finished: asyncio.run (after its usual
    // clean-up) and run_until_complete raise RuntimeError.
    if (!main_task || run_aborted_)
        return;
    run_aborted_ = true;
    auto finish = [this]() {
        run_exc_ = make_exc(in.exc_type(Exc::RuntimeError), "Event loop stopped before Future completed.");
        main_task = nullptr;
        main_task_value_ = Value();
        loop.call_soon([this] { resume_module(); }, "<module>");
    };
    if (run_mode_ == RunMode::run)
        cancel_leftovers([this, finish] { shutdown_asyncgens(finish); });
    else
        finish();
}

void AsyncioRuntime::run_forever()
{
    forever_line = in.innermost_line_in(filename);
    asyncio_run(Value::none(), RunMode::forever);
}

void AsyncioRuntime::request_loop_stop()
{
    if (forever_running_) {
        // When this iteration's batch is done, before anything it scheduled runs:
        // where CPython's run_forever returns.
        loop.call_at_iteration_end([this] {
            if (!forever_running_)
                return;
            forever_running_ = false;
            resume_module();
        });
    } else if (main_task) {
        loop.call_at_iteration_end([this] { stop_run(); });
    } else {
        stop_pending_ = true;
    }
}

void AsyncioRuntime::finish_asyncio_run()
{
    if (run_aborted_ || !main_task)
        return;
    auto finish = [this]() {
        FutureObj* m = main_task;
        try {
            run_result_ = future_result(m);
        } catch (const PyThrow& p) {
            run_exc_ = p.exc;
        }
        main_task = nullptr;
        main_task_value_ = Value();
        loop.call_soon([this] { resume_module(); }, "<module>");
    };
    if (run_mode_ == RunMode::run)
        cancel_leftovers([this, finish] { shutdown_asyncgens(finish); });
    else
        finish();
}

Value AsyncioRuntime::asyncio_run(Value coro, RunMode mode)
{
    const char* who = mode == RunMode::run ? "asyncio.run()" : mode == RunMode::forever ? "loop.run_forever()" : "Runner.run()";
    if (!module_fiber_ || Fiber::current() != module_fiber_.get() || loop_is_running() || thread_work_)
        in.raise(Exc::RuntimeError, std::string(who) + " cannot be called from a running event loop");
    Type* ct = in.type_of(coro);
    if (mode == RunMode::run && ct != in.t_coroutine && ct != in.t_generator)
        in.raise(Exc::ValueError, "a coroutine was expected, got " + ops::repr(in, coro));
    if (mode == RunMode::runner_run && !as_future(coro) && ct != in.t_coroutine && ct != in.t_generator && ct != t_sleep &&
        ct != t_op)
        in.raise(Exc::TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
    run_request_ = coro;
    run_mode_ = mode;
    run_pending_ = true;
    module_fiber_->suspend();
    if (stopped)
        throw ScriptStopped{};
    Value exc = std::move(run_exc_);
    Value result = std::move(run_result_);
    run_exc_ = Value();
    run_result_ = Value();
    if (exc)
        in.raise_value(exc);
    return result ? result : Value::none();
}

void AsyncioRuntime::abandon_all() noexcept
{
    stopped = true;
    for (auto& h : handles)
        h.cancel();
    handles.clear();
    // The loop runs only this program: every task left is one of ours.
    for (auto& t : loop.all_tasks())
        t->abandon();
    // Unwind Python frames left on fibers (they see ScriptStopped where they wait).
    if (module_fiber_ && !module_fiber_->finished() && !module_fiber_->running()) {
        resume_fiber(in, *module_fiber_, module_state_);
        module_done_ = nullptr;
    }
    main_task = nullptr;
    main_task_value_ = Value();
    forever_running_ = false;
}

// ---------------------------------------------------------------- blocking

void AsyncioRuntime::blocking_sleep(double seconds)
{
    if (ThreadWork* w = thread_work_; w && Fiber::current() == w->fiber.get()) {
        w->sleep_request = seconds;
        w->fiber->suspend();
        if (stopped)
            throw ScriptStopped{};
        return;
    }
    if (current)
        trace_line(current);
    loop.block_for(seconds, "time.sleep(" + format_seconds(seconds) + ")");
}

void AsyncioRuntime::thread_wait(const aio::FutureRef& f)
{
    ThreadWork* w = thread_work_;
    if (!w || Fiber::current() != w->fiber.get())
        in.raise(Exc::RuntimeError, "waiting for a result of the event loop from its own thread would block it forever");
    w->wait_request = f;
    w->fiber->suspend();
    if (stopped)
        throw ScriptStopped{};
}

namespace {
// What a thread's function waits for between two of its steps.
aio::Task<void> thread_pause(ThreadWork* tw, std::string label)
{
    if (tw->wait_request) {
        aio::FutureRef f = std::move(tw->wait_request);
        tw->wait_request = aio::FutureRef();
        co_await aio::detail::DoneAwaiter{f.get()};
    } else {
        co_await aio::simulate_thread_work(tw->sleep_request, label + ": time.sleep(" + format_seconds(tw->sleep_request) + ")");
    }
}
}  // namespace

aio::Task<Value> AsyncioRuntime::run_in_thread(Value fn, std::vector<Value> args, std::string what)
{
    auto work = std::make_shared<ThreadWork>();
    work->rt = this;
    work->state = Interpreter::ExecState{nullptr, 0, 0, &in};
    ThreadWork* w = work.get();
    work->fiber = std::make_unique<Fiber>([this, w, fn, args] {
        try {
            w->result = in.call(fn, args);
        } catch (PyThrow& t) {
            w->exc = t.exc;
        } catch (const ScriptStopped&) {
            w->stopped = true;
            note_stopped();
        } catch (...) {
            w->exc = in.make_exception(Exc::RuntimeError, "internal error in thread");
        }
    });
    auto step = [this](ThreadWork* tw) {
        ThreadWork* prev_work = thread_work_;
        FutureObj* prev_task = current;
        thread_work_ = tw;
        current = nullptr;
        ++step_count;
        resume_fiber(in, *tw->fiber, tw->state);
        thread_work_ = prev_work;
        current = prev_task;
    };
    step(w);
    while (!w->fiber->finished()) {
        try {
            co_await thread_pause(w, what);
        } catch (...) {
            // The awaiting task gave up (cancelled): a thread cannot be stopped, so the
            // function runs on to its end in the background, as in CPython.
            auto keep = work;
            auto rest = [](AsyncioRuntime* rt, std::shared_ptr<ThreadWork> tw, std::string label,
                           decltype(step) stepper) -> aio::Task<void> {
                while (!tw->fiber->finished() && !rt->stopped) {
                    co_await thread_pause(tw.get(), label);
                    stepper(tw.get());
                }
            };
            loop.create_task(rest(this, keep, what, step), what);
            throw;
        }
        step(w);
    }
    if (w->stopped || stopped)
        throw aio::CancelledError("stopped");
    if (w->exc)
        std::rethrow_exception(from_py(w->exc));
    co_return w->result ? w->result : Value::none();
}

// ------------------------------------------------------------ awaitables

Value AsyncioRuntime::sleep_obj(double seconds, Value result)
{
    auto* s = in.heap().make<SleepObj>(t_sleep);
    Value v(s);
    s->interp = &in;
    s->coroutine_name = "sleep";
    s->ns = seconds <= 0 ? 0 : static_cast<std::int64_t>(std::llround(seconds * 1e9));
    s->result = result ? result : Value::none();
    return v;
}

Value AsyncioRuntime::op_obj(aio::Task<Value> op, const char* coroutine_name)
{
    auto* o = in.heap().make<OpObj>(t_op);
    Value v(o);
    o->interp = &in;
    o->coroutine_name = coroutine_name;
    o->op = std::move(op);
    return v;
}

Value AsyncioRuntime::new_future()
{
    auto* f = in.heap().make<FutureObj>(t_future);
    Value v(f);
    f->rt = this;
    f->ref = aio::Future<Value>(loop);
    return v;
}

Value AsyncioRuntime::future_result(FutureObj* f)
{
    aio::FutureBase* b = f->ref.get();
    if (!b->done())
        in.raise_value(make_exc(e_invalid_state, "Result is not set."));
    try {
        b->check_result();
    } catch (const PyThrow&) {
        throw;
    } catch (...) {
        rethrow_py(std::current_exception());
    }
    if (f->gather) {
        std::vector<Value> out;
        out.reserve(f->children.size());
        for (auto& c : f->children) {
            FutureObj* cf = as_future(c);
            if (f->return_exceptions) {
                try {
                    out.push_back(future_result(cf));
                } catch (const PyThrow& p) {
                    if (cf->ref.cancelled() && in.is_instance_of(p.exc, e_cancelled)) {
                        // CPython's gather makes a fresh CancelledError carrying the message ('' if none).
                        auto& args = p.exc.as<ExceptionObj>()->args.as<Tuple>()->items;
                        out.push_back(in.make_exception(e_cancelled, {args.empty() ? in.str("") : args[0]}));
                    } else {
                        out.push_back(p.exc);
                    }
                }
            } else {
                out.push_back(future_result(cf));
            }
        }
        return in.list(std::move(out));
    }
    auto* v = static_cast<Value*>(b->value_ptr());
    return v && *v ? *v : Value::none();
}

FutureObj* AsyncioRuntime::as_future(const Value& v) const
{
    Type* t = in.type_of(v);
    return t == t_future || t == t_task ? v.as<FutureObj>() : nullptr;
}

Value AsyncioRuntime::ensure_future(const Value& v)
{
    if (as_future(v))
        return v;
    if (in.type_of(v) == in.t_coroutine || in.type_of(v) == in.t_generator)
        return create_task(v, Value());
    if (in.type_of(v) == t_op || in.type_of(v) == t_sleep)
        return create_task(v, Value());
    in.raise(Exc::TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
}

}  // namespace script
