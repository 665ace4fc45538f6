// asyncio's Lock, Event, Condition, Semaphore, BoundedSemaphore, Queue, PriorityQueue
// and LifoQueue, each a thin Python face on the engine's primitive.
#include <script/runtime/asyncio_module.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

#include <cstdint>
#include <cstdio>

namespace script {

namespace {

// A PriorityQueue item: ordered by Python's `<`.
struct PrioItem {
    Value v;
    bool operator<(const PrioItem& o) const { return ops::lt(current_interpreter(), v, o.v); }
};
std::string aio_trace_text(const PrioItem& p) { return script::aio_trace_text(p.v); }

Value unwrap(Value v) { return v; }
Value unwrap(PrioItem p) { return std::move(p.v); }
template <class T> T wrap(const Value& v)
{
    if constexpr (std::is_same_v<T, PrioItem>) return PrioItem{v};
    else return v;
}

struct LockObj : Object {
    std::unique_ptr<aio::Lock> lock;
};
struct EventObj : Object {
    std::unique_ptr<aio::Event> event;
};
struct ConditionObj : Object {
    std::unique_ptr<aio::Condition> cond;
    Value lock;  // the LockObj given, kept alive
};
struct SemaphoreObj : Object {
    std::unique_ptr<aio::Semaphore> sem;
};
struct QueueObj : Object {
    std::unique_ptr<aio::Queue<Value>> fifo;
    std::unique_ptr<aio::LifoQueue<Value>> lifo;
    std::unique_ptr<aio::PriorityQueue<PrioItem>> prio;
    template <class F> decltype(auto) visit(F&& f)
    {
        if (fifo) return f(*fifo);
        if (lifo) return f(*lifo);
        return f(*prio);
    }
};

AsyncioRuntime& rt_of(Interpreter& in) { return AsyncioRuntime::of(in); }

// `keep` owns what `t` waits on (a temporary asyncio.Event().wait()). The operation moves
// into a local: locals die before parameters when an abandoned frame is destroyed, and
// the order among parameters is not one to rely on.
aio::Task<Value> true_after(Value keep, aio::Task<bool> t)
{
    aio::Task<bool> op = std::move(t);
    co_await std::move(op);
    (void)keep;
    co_return Value::boolean(true);
}

aio::Task<Value> none_after(Value keep, aio::Task<bool> t)
{
    aio::Task<bool> op = std::move(t);
    co_await std::move(op);
    (void)keep;
    co_return Value::none();
}

template <class F> auto guarded(Interpreter& in, F f)
{
    try {
        return f();
    } catch (const PyThrow&) {
        throw;
    } catch (...) {
        rt_of(in).rethrow_py(std::current_exception());
    }
}

// object.__repr__'s "<asyncio.locks.Lock object at 0x...>" with locks.py's " [extra]".
Value lock_style_repr(Interpreter& in, const Value& self, const std::string& extra)
{
    char addr[32];
    std::snprintf(addr, sizeof addr, "0x%012llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(self.obj())));
    Type* t = in.type_of(self);
    const std::string& name = t->qualname.empty() ? t->name : t->qualname;
    return in.str("<" + t->module + "." + name + " object at " + addr + " [" + extra + "]>");
}
std::string with_waiters(std::string extra, std::size_t waiting)
{
    if (waiting) extra += ", waiters:" + std::to_string(waiting);
    return extra;
}

Value no_args(Interpreter& in, Args& a, const char* name)
{
    if (a.size() > 1 || a.nkw) in.raise(Exc::TypeError, std::string(name) + "() takes no arguments");
    return Value();
}

// ---------------------------------------------------------------- Lock

Value construct_lock(Interpreter& in, Args& args)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(rt_of(in), args, "asyncio.Lock", kw);
    no_args(in, a, "Lock");
    auto& rt = rt_of(in);
    auto* l = in.heap().make<LockObj>(rt.t_lock);
    Value v(l);
    l->lock = std::make_unique<aio::Lock>(rt.loop);
    return v;
}
aio::Lock& lock_of(const Value& v) { return *v.as<LockObj>()->lock; }
Value lock_acquire(Interpreter& in, Args& a) { return rt_of(in).op_obj(true_after(a[0], lock_of(a[0]).acquire()), "Lock.acquire"); }
Value lock_aenter(Interpreter& in, Args& a) { return rt_of(in).op_obj(none_after(a[0], lock_of(a[0]).acquire())); }
Value lock_release(Interpreter& in, Args& a)
{
    guarded(in, [&] { lock_of(a[0]).release(); return 0; });
    return Value::none();
}
aio::Task<Value> ready_false() { co_return Value::boolean(false); }
Value lock_aexit(Interpreter& in, Args& a)
{
    lock_release(in, a);
    return rt_of(in).op_obj(ready_false());
}
Value lock_locked(Interpreter&, Args& a) { return Value::boolean(lock_of(a[0]).locked()); }
Value lock_repr(Interpreter& in, Args& a)
{
    auto& l = lock_of(a[0]);
    return lock_style_repr(in, a[0], with_waiters(l.locked() ? "locked" : "unlocked", l.waiting()));
}

// ---------------------------------------------------------------- Event

Value construct_event(Interpreter& in, Args& args)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(rt_of(in), args, "asyncio.Event", kw);
    no_args(in, a, "Event");
    auto& rt = rt_of(in);
    auto* e = in.heap().make<EventObj>(rt.t_event);
    Value v(e);
    e->event = std::make_unique<aio::Event>(rt.loop);
    return v;
}
aio::Event& event_of(const Value& v) { return *v.as<EventObj>()->event; }
Value event_set(Interpreter&, Args& a) { event_of(a[0]).set(); return Value::none(); }
Value event_clear(Interpreter&, Args& a) { event_of(a[0]).clear(); return Value::none(); }
Value event_is_set(Interpreter&, Args& a) { return Value::boolean(event_of(a[0]).is_set()); }
Value event_wait(Interpreter& in, Args& a) { return rt_of(in).op_obj(true_after(a[0], event_of(a[0]).wait()), "Event.wait"); }
Value event_repr(Interpreter& in, Args& a)
{
    auto& e = event_of(a[0]);
    return lock_style_repr(in, a[0], with_waiters(e.is_set() ? "set" : "unset", e.waiting()));
}

// ---------------------------------------------------------------- Condition

Value construct_condition(Interpreter& in, Args& args)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(rt_of(in), args, "asyncio.Condition", kw);
    check_kw(in, a, {"lock"}, "Condition");
    auto& rt = rt_of(in);
    auto* c = in.heap().make<ConditionObj>(rt.t_condition);
    Value v(c);
    Value lock = arg(a, 1, "lock");
    if (lock && !lock.is_none()) {
        if (in.type_of(lock) != rt.t_lock) in.raise(Exc::TypeError, "Condition() expects an asyncio.Lock");
        c->lock = lock;
        c->cond = std::make_unique<aio::Condition>(rt.loop, lock_of(lock));
    } else {
        c->cond = std::make_unique<aio::Condition>(rt.loop);
    }
    return v;
}
aio::Condition& cond_of(const Value& v) { return *v.as<ConditionObj>()->cond; }
Value cond_acquire(Interpreter& in, Args& a) { return rt_of(in).op_obj(true_after(a[0], cond_of(a[0]).acquire()), "Lock.acquire"); }
Value cond_aenter(Interpreter& in, Args& a) { return rt_of(in).op_obj(none_after(a[0], cond_of(a[0]).acquire())); }
Value cond_release(Interpreter& in, Args& a)
{
    guarded(in, [&] { cond_of(a[0]).release(); return 0; });
    return Value::none();
}
Value cond_aexit(Interpreter& in, Args& a)
{
    cond_release(in, a);
    return rt_of(in).op_obj(ready_false());
}
Value cond_locked(Interpreter&, Args& a) { return Value::boolean(cond_of(a[0]).locked()); }
Value cond_repr(Interpreter& in, Args& a)
{
    auto& c = cond_of(a[0]);
    return lock_style_repr(in, a[0], with_waiters(c.locked() ? "locked" : "unlocked", c.waiting()));
}
Value cond_wait(Interpreter& in, Args& a)
{
    if (!cond_of(a[0]).locked()) in.raise(Exc::RuntimeError, "cannot wait on un-acquired lock");
    return rt_of(in).op_obj(true_after(a[0], cond_of(a[0]).wait()), "Condition.wait");
}
aio::Task<Value> cond_wait_for_op(Value self, Value pred)
{
    Interpreter& in = current_interpreter();
    Value last;
    co_await cond_of(self).wait_for([&]() {
        last = in.call(pred, {});
        return ops::truthy(in, last);
    });
    co_return last ? last : Value::boolean(true);
}
Value cond_wait_for(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "wait_for() takes exactly one argument");
    if (!cond_of(a[0]).locked()) in.raise(Exc::RuntimeError, "cannot wait on un-acquired lock");
    return rt_of(in).op_obj(cond_wait_for_op(a[0], a[1]), "Condition.wait_for");
}
Value cond_notify(Interpreter& in, Args& a)
{
    Value n = arg(a, 1, "n");
    std::int64_t k = n ? ops::to_index(in, n) : 1;
    if (!cond_of(a[0]).locked()) in.raise(Exc::RuntimeError, "cannot notify on un-acquired lock");
    guarded(in, [&] { cond_of(a[0]).notify(static_cast<std::size_t>(std::max<std::int64_t>(k, 0))); return 0; });
    return Value::none();
}
Value cond_notify_all(Interpreter& in, Args& a)
{
    if (!cond_of(a[0]).locked()) in.raise(Exc::RuntimeError, "cannot notify on un-acquired lock");
    guarded(in, [&] { cond_of(a[0]).notify_all(); return 0; });
    return Value::none();
}

// ---------------------------------------------------------------- Semaphore

Value make_semaphore(Interpreter& in, Args& args, bool bounded)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(rt_of(in), args, bounded ? "asyncio.BoundedSemaphore" : "asyncio.Semaphore", kw);
    check_kw(in, a, {"value"}, bounded ? "BoundedSemaphore" : "Semaphore");
    auto& rt = rt_of(in);
    Value vv = arg(a, 1, "value");
    std::int64_t n = vv ? ops::to_index(in, vv) : 1;
    if (n < 0) in.raise(Exc::ValueError, "Semaphore initial value must be >= 0");
    auto* s = in.heap().make<SemaphoreObj>(bounded ? rt.t_bounded_semaphore : rt.t_semaphore);
    Value v(s);
    if (bounded) s->sem = std::make_unique<aio::BoundedSemaphore>(rt.loop, static_cast<int>(n));
    else s->sem = std::make_unique<aio::Semaphore>(rt.loop, static_cast<int>(n));
    return v;
}
Value construct_semaphore(Interpreter& in, Args& a) { return make_semaphore(in, a, false); }
Value construct_bounded_semaphore(Interpreter& in, Args& a) { return make_semaphore(in, a, true); }
aio::Semaphore& sem_of(const Value& v) { return *v.as<SemaphoreObj>()->sem; }
Value sem_acquire(Interpreter& in, Args& a) { return rt_of(in).op_obj(true_after(a[0], sem_of(a[0]).acquire()), "Semaphore.acquire"); }
Value sem_aenter(Interpreter& in, Args& a) { return rt_of(in).op_obj(none_after(a[0], sem_of(a[0]).acquire())); }
Value sem_release(Interpreter& in, Args& a)
{
    guarded(in, [&] { sem_of(a[0]).release(); return 0; });
    return Value::none();
}
Value sem_aexit(Interpreter& in, Args& a)
{
    sem_release(in, a);
    return rt_of(in).op_obj(ready_false());
}
Value sem_locked(Interpreter&, Args& a) { return Value::boolean(sem_of(a[0]).locked()); }
Value sem_value(Interpreter&, Args& a) { return Value::integer(sem_of(a[0]).value()); }
Value sem_repr(Interpreter& in, Args& a)
{
    auto& sm = sem_of(a[0]);
    return lock_style_repr(in, a[0], with_waiters(sm.locked() ? "locked" : "unlocked, value:" + std::to_string(sm.value()), sm.waiting()));
}

// ---------------------------------------------------------------- queues

Value make_queue(Interpreter& in, Args& args, int kind)
{
    std::vector<Value> kw;
    Args a = without_loop_kw(rt_of(in), args, kind == 0 ? "asyncio.Queue" : kind == 1 ? "asyncio.LifoQueue" : "asyncio.PriorityQueue", kw);
    check_kw(in, a, {"maxsize"}, "Queue");
    auto& rt = rt_of(in);
    Value mv = arg(a, 1, "maxsize");
    long maxsize = mv ? static_cast<long>(ops::to_index(in, mv)) : 0;
    Type* t = kind == 0 ? rt.t_queue : kind == 1 ? rt.t_lifo_queue : rt.t_priority_queue;
    auto* q = in.heap().make<QueueObj>(t);
    Value v(q);
    if (kind == 0) q->fifo = std::make_unique<aio::Queue<Value>>(rt.loop, maxsize);
    else if (kind == 1) q->lifo = std::make_unique<aio::LifoQueue<Value>>(rt.loop, maxsize);
    else q->prio = std::make_unique<aio::PriorityQueue<PrioItem>>(rt.loop, maxsize);
    return v;
}
Value construct_queue(Interpreter& in, Args& a) { return make_queue(in, a, 0); }
Value construct_lifo_queue(Interpreter& in, Args& a) { return make_queue(in, a, 1); }
Value construct_priority_queue(Interpreter& in, Args& a) { return make_queue(in, a, 2); }
QueueObj* queue_of(const Value& v) { return v.as<QueueObj>(); }

template <class Q> aio::Task<Value> queue_get_op(Value keep, Q* q)
{
    auto item = co_await q->get();
    (void)keep;
    co_return unwrap(std::move(item));
}
template <class Q> aio::Task<Value> queue_put_op(Value keep, Q* q, Value item)
{
    using T = std::remove_cvref_t<decltype(q->get_nowait())>;
    co_await q->put(wrap<T>(item));
    (void)keep;
    co_return Value::none();
}
template <class Q> aio::Task<Value> queue_join_op(Value keep, Q* q)
{
    co_await q->join();
    (void)keep;
    co_return Value::none();
}

Value q_get(Interpreter& in, Args& a)
{
    return queue_of(a[0])->visit([&](auto& q) { return rt_of(in).op_obj(queue_get_op(a[0], &q), "Queue.get"); });
}
Value q_put(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "put() takes exactly one argument");
    return queue_of(a[0])->visit([&](auto& q) { return rt_of(in).op_obj(queue_put_op(a[0], &q, a[1]), "Queue.put"); });
}
Value q_join(Interpreter& in, Args& a)
{
    return queue_of(a[0])->visit([&](auto& q) { return rt_of(in).op_obj(queue_join_op(a[0], &q), "Queue.join"); });
}
Value q_get_nowait(Interpreter& in, Args& a)
{
    return queue_of(a[0])->visit([&](auto& q) { return guarded(in, [&] { return unwrap(q.get_nowait()); }); });
}
Value q_put_nowait(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "put_nowait() takes exactly one argument");
    queue_of(a[0])->visit([&](auto& q) {
        using T = std::remove_cvref_t<decltype(q.get_nowait())>;
        return guarded(in, [&] { q.put_nowait(wrap<T>(a[1])); return 0; });
    });
    return Value::none();
}
Value q_task_done(Interpreter& in, Args& a)
{
    queue_of(a[0])->visit([&](auto& q) { return guarded(in, [&] { q.task_done(); return 0; }); });
    return Value::none();
}
Value q_qsize(Interpreter&, Args& a)
{
    return Value::integer(static_cast<std::int64_t>(queue_of(a[0])->visit([](auto& q) { return q.qsize(); })));
}
Value q_empty(Interpreter&, Args& a) { return Value::boolean(queue_of(a[0])->visit([](auto& q) { return q.empty(); })); }
Value q_full(Interpreter&, Args& a) { return Value::boolean(queue_of(a[0])->visit([](auto& q) { return q.full(); })); }
Value q_maxsize(Interpreter&, Args& a)
{
    return Value::integer(static_cast<std::int64_t>(queue_of(a[0])->visit([](auto& q) { return q.maxsize(); })));
}

// queues.py's _format(). The engine does not expose the items or the blocked getters and
// putters, so `_queue=[...]`, `_getters[n]` and `_putters[n]` are not shown yet.
std::string queue_format(const Value& self)
{
    std::string out = "maxsize=" + std::to_string(queue_of(self)->visit([](auto& q) { return q.maxsize(); }));
    const std::size_t tasks = queue_of(self)->visit([](auto& q) { return q.unfinished_tasks(); });
    if (tasks) out += " tasks=" + std::to_string(tasks);
    return out;
}
Value q_repr(Interpreter& in, Args& a)
{
    char addr[32];
    std::snprintf(addr, sizeof addr, "0x%012llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(a[0].obj())));
    return in.str("<" + in.type_of(a[0])->name + " at " + addr + " " + queue_format(a[0]) + ">");
}
Value q_str(Interpreter& in, Args& a) { return in.str("<" + in.type_of(a[0])->name + " " + queue_format(a[0]) + ">"); }

void add_property(Interpreter& in, Type* t, const char* name, NativeFnPtr getter)
{
    auto* p = in.heap().make<Property>(in.t_property);
    Value pv(p);
    p->fget = in.native(name, getter);
    p->fset = Value::none();
    p->fdel = Value::none();
    p->doc = Value::none();
    ops::dict_set(in, t->dict, in.intern(name), pv);
    t->has_properties = true;
}

}  // namespace

void install_asyncio_sync(AsyncioRuntime& rt)
{
    Interpreter& in = rt.in;
    auto type = [&](const char* name, NativeFnPtr construct, const char* module, Type* base = nullptr) {
        Type* t = in.new_type(name, base ? base : in.t_object, Layout::Other, true);
        t->module = module;
        t->construct = construct;
        t->subclassable = false;
        return t;
    };
    rt.t_lock = type("Lock", construct_lock, "asyncio.locks");
    in.add_method(rt.t_lock, "acquire", lock_acquire);
    in.add_method(rt.t_lock, "release", lock_release);
    in.add_method(rt.t_lock, "locked", lock_locked);
    in.add_method(rt.t_lock, "__repr__", lock_repr);
    in.add_method(rt.t_lock, "__aenter__", lock_aenter);
    in.add_method(rt.t_lock, "__aexit__", lock_aexit);

    rt.t_event = type("Event", construct_event, "asyncio.locks");
    in.add_method(rt.t_event, "set", event_set);
    in.add_method(rt.t_event, "clear", event_clear);
    in.add_method(rt.t_event, "is_set", event_is_set);
    in.add_method(rt.t_event, "wait", event_wait);
    in.add_method(rt.t_event, "__repr__", event_repr);

    rt.t_condition = type("Condition", construct_condition, "asyncio.locks");
    in.add_method(rt.t_condition, "acquire", cond_acquire);
    in.add_method(rt.t_condition, "release", cond_release);
    in.add_method(rt.t_condition, "locked", cond_locked);
    in.add_method(rt.t_condition, "__repr__", cond_repr);
    in.add_method(rt.t_condition, "wait", cond_wait);
    in.add_method(rt.t_condition, "wait_for", cond_wait_for);
    in.add_method(rt.t_condition, "notify", cond_notify);
    in.add_method(rt.t_condition, "notify_all", cond_notify_all);
    in.add_method(rt.t_condition, "__aenter__", cond_aenter);
    in.add_method(rt.t_condition, "__aexit__", cond_aexit);

    rt.t_semaphore = type("Semaphore", construct_semaphore, "asyncio.locks");
    rt.t_bounded_semaphore = type("BoundedSemaphore", construct_bounded_semaphore, "asyncio.locks", rt.t_semaphore);
    for (Type* t : {rt.t_semaphore, rt.t_bounded_semaphore}) {
        in.add_method(t, "acquire", sem_acquire);
        in.add_method(t, "release", sem_release);
        in.add_method(t, "locked", sem_locked);
        in.add_method(t, "__repr__", sem_repr);
        in.add_method(t, "__aenter__", sem_aenter);
        in.add_method(t, "__aexit__", sem_aexit);
        add_property(in, t, "_value", sem_value);
    }

    rt.t_queue = type("Queue", construct_queue, "asyncio.queues");
    rt.t_lifo_queue = type("LifoQueue", construct_lifo_queue, "asyncio.queues", rt.t_queue);
    rt.t_priority_queue = type("PriorityQueue", construct_priority_queue, "asyncio.queues", rt.t_queue);
    for (Type* t : {rt.t_queue, rt.t_lifo_queue, rt.t_priority_queue}) {
        in.add_method(t, "get", q_get);
        in.add_method(t, "put", q_put);
        in.add_method(t, "join", q_join);
        in.add_method(t, "get_nowait", q_get_nowait);
        in.add_method(t, "put_nowait", q_put_nowait);
        in.add_method(t, "task_done", q_task_done);
        in.add_method(t, "qsize", q_qsize);
        in.add_method(t, "empty", q_empty);
        in.add_method(t, "full", q_full);
        in.add_method(t, "__repr__", q_repr);
        in.add_method(t, "__str__", q_str);
        add_property(in, t, "maxsize", q_maxsize);
    }
}

}  // namespace script
