// Older asyncio code, run as the last CPython that supported it ran it: @asyncio.coroutine
// generator functions (3.10), `with (await lock)` and `with (yield from lock)` (3.8),
// asyncio.Task.all_tasks() / current_task() (3.8), the loop= argument (3.9). Each use is
// told once per run on stderr, in one format, by legacy_note().
#include <script/runtime/asyncio_module.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

namespace script {

namespace {

struct LegacyText {
    const char* what;
    const char* removed_in;
    const char* runs_as;
    const char* hint;
};

const LegacyText& legacy_text(Legacy feature)
{
    static const LegacyText texts[] = {
        {"@asyncio.coroutine", "3.11", "3.10", "use \"async def\" and \"await\" instead of \"yield from\""},
        {"passing coroutines to asyncio.wait()", "3.11", "3.10", "wrap them with asyncio.create_task()"},
        {"the loop argument", "3.10", "3.9", "leave it out: asyncio uses the running loop"},
        {"\"with (await lock)\"", "3.9", "3.8", "use \"async with lock\""},
        {"\"with (yield from lock)\"", "3.9", "3.8", "use \"async with lock\""},
        {"asyncio.Task.all_tasks()", "3.9", "3.8", "use asyncio.all_tasks()"},
        {"asyncio.Task.current_task()", "3.9", "3.8", "use asyncio.current_task()"},
    };
    return texts[static_cast<std::size_t>(feature)];
}

// Helpers written in Python, run into the asyncio module's namespace. The generator
// functions among them are marked CO_ITERABLE_COROUTINE by install_asyncio_legacy.
const char* const kSource = R"py(
_is_coroutine = object()


class _ContextManager:
    __module__ = "asyncio.locks"

    def __init__(self, lock):
        self._lock = lock

    def __enter__(self):
        return None

    def __exit__(self, *args):
        try:
            self._lock.release()
        finally:
            self._lock = None


def _legacy_lock_iter(lock):
    yield from lock.acquire()
    return _ContextManager(lock)


async def _legacy_lock_acquire(lock):
    await lock.acquire()
    return _ContextManager(lock)


def _legacy_wrap(func):
    def coro(*args, **kw):
        res = func(*args, **kw)
        how = _legacy_delegation(res)
        if how == 1:
            res = yield from res
        elif how == 2:
            res = yield from res.__await__()
        return res
    return coro
)py";

Value module_value(AsyncioRuntime& rt, const char* name)
{
    return rt.module ? ops::dict_get_str(rt.module.as<Module>()->dict, rt.in.intern(name)) : Value();
}

// types.coroutine(): the function gets a copy of its code marked CO_ITERABLE_COROUTINE.
void mark_iterable_coroutine(Interpreter& in, Function* fn)
{
    Code* code = fn->code_ptr();
    if (code->flags & CO_ITERABLE_COROUTINE)
        return;
    Code* copy = in.heap().make<Code>(code->type, *code);
    copy->refcnt = 0;  // the copy is a new object: only Values count it
    copy->flags |= CO_ITERABLE_COROUTINE;
    fn->code = Value(copy);
}

// @asyncio.coroutine as 3.10 applies it (coroutines.py, not in debug mode).
Value a_coroutine(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    check_kw(in, a, {"func"}, "coroutine");
    Value func = arg(a, 0, "func");
    if (!func) in.raise(Exc::TypeError, "coroutine() missing 1 required positional argument: 'func'");
    if (a.size() > 1)
        in.raise(Exc::TypeError, "coroutine() takes 1 positional argument but " + std::to_string(a.size()) + " were given");
    legacy_note(rt, Legacy::coroutine_decorator);
    if (in.type_of(func) == in.t_function) {
        std::uint32_t flags = func.as<Function>()->code_ptr()->flags;
        if (flags & CO_COROUTINE)
            return func;  // async def: nothing to do
        if (flags & CO_GENERATOR) {
            mark_iterable_coroutine(in, func.as<Function>());
            in.setattr(func, in.intern("_is_coroutine"), module_value(rt, "_is_coroutine"));
            return func;
        }
    }
    // Any other callable: a generator-based coroutine that calls it and awaits what it
    // returns if that is awaitable.
    Value wrap = module_value(rt, "_legacy_wrap");
    Value wrapper = in.call(wrap, std::span<const Value>(&func, 1));
    auto* w = wrapper.as<Function>();
    mark_iterable_coroutine(in, w);
    // functools.wraps
    for (const char* attr : {"__name__", "__qualname__", "__doc__", "__module__"}) {
        Value v = in.getattr_opt(func, in.intern(attr));
        if (v) in.setattr(wrapper, in.intern(attr), v);
    }
    in.setattr(wrapper, in.intern("__wrapped__"), func);
    in.setattr(wrapper, in.intern("_is_coroutine"), module_value(rt, "_is_coroutine"));
    return wrapper;
}

// What _legacy_wrap does with a result: 1 yield from it, 2 yield from its __await__(), 0 return it.
Value a_legacy_delegation(Interpreter& in, Args& a)
{
    if (a.size() != 1) return Value::integer(0);
    Type* t = in.type_of(a[0]);
    if (t == in.t_coroutine || t == in.t_generator || t->layout == Layout::NativeAwaitable) return Value::integer(1);
    return Value::integer(in.type_lookup(t, in.intern("__await__")) ? 2 : 0);
}

// asyncio.Task.all_tasks(loop=None) (3.8): every task not yet freed, done ones too.
Value task_all_tasks(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    check_kw(in, a, {"loop"}, "all_tasks");
    legacy_note(rt, Legacy::task_all_tasks);
    Value s = in.set();
    for (auto& [task, obj] : rt.tasks) {
        (void)task;
        ops::set_add(in, s, Value(obj));
    }
    return s;
}

// asyncio.Task.current_task(loop=None) (3.8): None outside a task.
Value task_current_task(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    check_kw(in, a, {"loop"}, "current_task");
    legacy_note(rt, Legacy::task_current_task);
    return rt.current ? Value(rt.current) : Value::none();
}

// `await lock` (3.8's _ContextManagerMixin.__await__): acquires, gives a context manager
// whose __exit__ releases.
Value lock_await(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    legacy_note(rt, Legacy::await_lock);
    return in.call(module_value(rt, "_legacy_lock_acquire"), std::span<const Value>(&a[0], 1));
}

// `yield from lock` (3.8's _ContextManagerMixin.__iter__), in a generator-based coroutine.
Value lock_iter(Interpreter& in, Args& a)
{
    auto& rt = AsyncioRuntime::of(in);
    legacy_note(rt, Legacy::yield_from_lock);
    return in.call(module_value(rt, "_legacy_lock_iter"), std::span<const Value>(&a[0], 1));
}

}  // namespace

void legacy_note(AsyncioRuntime& rt, Legacy feature, const std::string& what)
{
    const std::uint32_t bit = 1u << static_cast<unsigned>(feature);
    if (rt.legacy_noted & bit)
        return;
    rt.legacy_noted |= bit;
    const LegacyText& t = legacy_text(feature);
    const std::string where = rt.filename + ":" + std::to_string(rt.in.innermost_line_in(rt.filename));
    rt.in.host().write_stderr(where + ": DeprecationWarning: " + (what.empty() ? std::string(t.what) : what) +
                              " was removed in Python " + t.removed_in + "; Loopscope runs it as Python " + t.runs_as +
                              " did (" + t.hint + ")\n");
}

Args without_loop_kw(AsyncioRuntime& rt, const Args& a, const char* fname, std::vector<Value>& storage)
{
    std::size_t at = a.nkw;
    for (std::size_t i = 0; i < a.nkw; ++i)
        if (a.kwnames[i].as<Str>()->s == "loop") at = i;
    if (at == a.nkw)
        return a;
    legacy_note(rt, Legacy::loop_argument, std::string("the loop argument of ") + fname + "()");
    storage.clear();
    for (std::size_t i = 0; i < a.nkw; ++i)
        if (i != at) storage.push_back(a.kwnames[i]);
    for (std::size_t i = 0; i < a.nkw; ++i)
        if (i != at) storage.push_back(a.kwvals[i]);
    Args b = a;
    b.nkw = a.nkw - 1;
    b.kwnames = storage.data();
    b.kwvals = storage.data() + b.nkw;
    return b;
}

bool marked_coroutine_function(AsyncioRuntime& rt, const Value& fn)
{
    Value marker = module_value(rt, "_is_coroutine");
    if (!marker || !fn.is_obj()) return false;
    Value v = rt.in.getattr_opt(fn, rt.in.intern("_is_coroutine"));
    return v && v.same(marker);
}

void install_asyncio_legacy(AsyncioRuntime& rt, const Value& module)
{
    Interpreter& in = rt.in;
    SyntaxErrorInfo error;
    Value code = in.load_program(kSource, "<asyncio>", error);
    if (!code)
        return;
    module_add(in, module, "coroutine", a_coroutine);
    module_add(in, module, "_legacy_delegation", a_legacy_delegation);
    in.exec_code(code, module.as<Module>()->dict);
    Value lock_iter_fn = module_value(rt, "_legacy_lock_iter");
    if (lock_iter_fn && in.type_of(lock_iter_fn) == in.t_function)
        mark_iterable_coroutine(in, lock_iter_fn.as<Function>());

    in.add_method(rt.t_task, "all_tasks", task_all_tasks);
    in.add_method(rt.t_task, "current_task", task_current_task);
    for (const char* name : {"all_tasks", "current_task"})
        ops::dict_get_str(rt.t_task->dict, in.intern(name)).as<NativeFn>()->is_classmethod = true;
    for (Type* t : {rt.t_lock, rt.t_condition, rt.t_semaphore, rt.t_bounded_semaphore}) {
        in.add_method(t, "__await__", lock_await);
        in.add_method(t, "__iter__", lock_iter);
    }
}

}  // namespace script
