// functools: partial, reduce, wraps (a no-op decorator factory) and cache/lru_cache.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

namespace script {

namespace {

Value c_partial(Interpreter& in, Args& a)
{
    if (a.size() < 2) in.raise(Exc::TypeError, "type 'partial' takes at least one argument");
    if (!is_callable_value(in, a[1])) in.raise(Exc::TypeError, "the first argument must be callable");
    auto* p = in.heap().make<Partial>(in.t_partial);
    Value pv(p);
    Value func = a[1];
    std::vector<Value> args;
    Value kw = in.dict();
    if (func.is_obj() && func.obj()->type == in.t_partial) {
        auto* inner = func.as<Partial>();
        args = inner->args;
        if (inner->kwargs)
            for (auto& e : inner->kwargs.as<Dict>()->table.entries())
                if (!e.key.is_null()) kw.as<Dict>()->table.set(e.key, e.hash, e.value);
        func = inner->func;
    }
    args.insert(args.end(), a.pos + 2, a.pos + a.n);
    for (std::size_t i = 0; i < a.nkw; ++i) ops::dict_set(in, kw, a.kwnames[i], a.kwvals[i]);
    p->func = func;
    p->args = std::move(args);
    p->kwargs = kw;
    return pv;
}

Value f_reduce(Interpreter& in, Args& a)
{
    if (a.size() < 2 || a.size() > 3) in.raise(Exc::TypeError, "reduce expected at least 2 arguments, got " + std::to_string(a.size()));
    Value it = ops::get_iter(in, a[1]);
    Value acc;
    if (a.size() == 3) acc = a[2];
    else {
        acc = ops::next(in, it);
        if (!acc) in.raise(Exc::TypeError, "reduce() of empty iterable with no initial value");
    }
    for (;;) {
        Value x = ops::next(in, it);
        if (!x) return acc;
        Value args[2] = {acc, x};
        acc = in.call(a[0], args);
    }
}

Value f_wraps_apply(Interpreter& in, Args& a)
{
    Value wrapped = a.fn->data;
    Value wrapper = a[0];
    if (wrapper.is_obj() && wrapper.obj()->type == in.t_function) {
        for (const char* attr : {"__name__", "__qualname__"}) {
            Value v = in.getattr_opt(wrapped, in.intern(attr));
            if (v) in.setattr(wrapper, in.intern(attr), v);
        }
        in.setattr(wrapper, in.intern("__wrapped__"), wrapped);
    }
    return wrapper;
}

Value f_wraps(Interpreter& in, Args& a)
{
    if (a.size() < 1) in.raise(Exc::TypeError, "wraps() missing 1 required positional argument: 'wrapped'");
    return in.native("update_wrapper", f_wraps_apply, a[0]);
}

Value f_cached_call(Interpreter& in, Args& a)
{
    auto& parts = a.fn->data.as<Tuple>()->items;  // (func, cache dict)
    std::vector<Value> key(a.pos, a.pos + a.n);
    for (std::size_t i = 0; i < a.nkw; ++i) {
        key.push_back(a.kwnames[i]);
        key.push_back(a.kwvals[i]);
    }
    Value k = in.tuple(key);
    Value hit = ops::dict_get(in, parts[1], k);
    if (hit) return hit;
    Value r = in.call_kw(parts[0], std::span<const Value>(a.pos, a.n), std::span<const Value>(a.kwnames, a.nkw),
                         std::span<const Value>(a.kwvals, a.nkw));
    ops::dict_set(in, parts[1], k, r);
    return r;
}

Value f_cache(Interpreter& in, Args& a)
{
    if (a.size() != 1) in.raise(Exc::TypeError, "cache() takes exactly one argument");
    return in.native("cached", f_cached_call, in.tuple({a[0], in.dict()}));
}

Value f_lru_cache(Interpreter& in, Args& a)
{
    if (a.size() == 1 && a[0].is_obj() && a[0].obj()->type == in.t_function) return f_cache(in, a);
    return in.native("lru_cache", f_cache);
}

}  // namespace

bool is_callable_value(Interpreter& in, const Value& v)
{
    Type* t = in.type_of(v);
    switch (t->layout) {
    case Layout::Function: case Layout::Native: case Layout::Method: case Layout::Type: case Layout::Partial: return true;
    default: return static_cast<bool>(in.type_lookup(t, "__call__"));
    }
}

Value make_functools_module(Interpreter& in)
{
    Value m = make_module(in, "functools");
    in.t_partial->construct = c_partial;
    module_set(in, m, "partial", Value(in.t_partial));
    module_add(in, m, "reduce", f_reduce);
    module_add(in, m, "wraps", f_wraps);
    module_add(in, m, "cache", f_cache);
    module_add(in, m, "lru_cache", f_lru_cache);
    return m;
}

}  // namespace script
