// The builtins module: functions and the constructors of the built-in types. The ones
// that would reach outside the program (open, exec, eval, compile, input, __import__)
// are refused with a clear error.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/float_format.hpp>
#include <script/support/string_repr.hpp>

#include <algorithm>
#include <cmath>

namespace script {

using support::BigInt;

namespace {

void exactly_one(Interpreter& in, Args& a, const char* name)
{
    if (a.size() != 1) in.raise(Exc::TypeError, std::string(name) + "() takes exactly one argument (" + std::to_string(a.size()) + " given)");
}

void arg_range(Interpreter& in, Args& a, std::size_t lo, std::size_t hi, const char* name)
{
    if (a.size() < lo) {
        if (lo == 1) in.raise(Exc::TypeError, std::string(name) + " expected at least 1 argument, got " + std::to_string(a.size()));
        in.raise(Exc::TypeError, std::string(name) + " expected at least " + std::to_string(lo) + " arguments, got " + std::to_string(a.size()));
    }
    if (a.size() > hi)
        in.raise(Exc::TypeError, std::string(name) + " expected at most " + std::to_string(hi) + " argument" + (hi == 1 ? "" : "s") +
                                     ", got " + std::to_string(a.size()));
}

void no_kw(Interpreter& in, Args& a, const char* name)
{
    if (a.nkw) in.raise(Exc::TypeError, std::string(name) + "() takes no keyword arguments");
}

void check_kw(Interpreter& in, Args& a, std::initializer_list<const char*> allowed, const char* fname)
{
    for (std::size_t i = 0; i < a.nkw; ++i) {
        bool ok = false;
        for (const char* k : allowed)
            if (ops::str_of(a.kwnames[i]) == k) ok = true;
        if (!ok) in.raise(Exc::TypeError, "'" + ops::str_of(a.kwnames[i]) + "' is an invalid keyword argument for " + fname + "()");
    }
}

// ---------------------------------------------------------------- output

Value b_print(Interpreter& in, Args& a)
{
    check_kw(in, a, {"sep", "end", "file", "flush"}, "print");
    Value sepv = a.kw("sep"), endv = a.kw("end"), file = a.kw("file");
    std::string sep = " ", end = "\n";
    if (sepv && !sepv.is_none()) {
        if (!ops::is_str(sepv)) in.raise(Exc::TypeError, "sep must be None or a string, not " + ops::type_name(in, sepv));
        sep = ops::str_of(sepv);
    }
    if (endv && !endv.is_none()) {
        if (!ops::is_str(endv)) in.raise(Exc::TypeError, "end must be None or a string, not " + ops::type_name(in, endv));
        end = ops::str_of(endv);
    }
    std::string out;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += sep;
        out += ops::to_str(in, a[i]);
    }
    out += end;
    bool to_stderr = file && file.is_obj() && file.obj()->type == in.t_module && file.as<Module>()->name == "<stderr>";
    if (to_stderr) in.host().write_stderr(out);
    else in.host().write_stdout(out);
    return Value::none();
}

Value b_refused(Interpreter& in, Args& a)
{
    in.raise(Exc::NotImplementedError, a.fn->name + "() is not available in Loopscope (scripts cannot reach files, network or processes)");
}

Value b_unsupported(Interpreter& in, Args& a) { in.raise(Exc::NotImplementedError, a.fn->name + "() is not supported"); }

// ------------------------------------------------------------- basics

Value b_len(Interpreter& in, Args& a)
{
    exactly_one(in, a, "len");
    return Value::integer(ops::len(in, a[0]));
}

Value b_repr(Interpreter& in, Args& a)
{
    exactly_one(in, a, "repr");
    return in.str(ops::repr(in, a[0]));
}

Value b_ascii(Interpreter& in, Args& a)
{
    exactly_one(in, a, "ascii");
    return in.str(ops::ascii(in, a[0]));
}

Value b_hash(Interpreter& in, Args& a)
{
    exactly_one(in, a, "hash");
    return Value::integer(ops::hash(in, a[0]));
}

Value b_id(Interpreter& in, Args& a)
{
    exactly_one(in, a, "id");
    if (a[0].is_obj()) return Value::integer(static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(a[0].obj())));
    return Value::integer(ops::hash(in, a[0]) * 16 + 0x7f0000000000LL + static_cast<int>(a[0].tag()));
}

bool is_callable(Interpreter& in, const Value& v)
{
    Type* t = in.type_of(v);
    switch (t->layout) {
    case Layout::Function: case Layout::Native: case Layout::Method: case Layout::Type: case Layout::Partial: return true;
    default: return static_cast<bool>(in.type_lookup(t, "__call__"));
    }
}

Value b_callable(Interpreter& in, Args& a)
{
    exactly_one(in, a, "callable");
    return Value::boolean(is_callable(in, a[0]));
}

Value b_abs(Interpreter& in, Args& a)
{
    exactly_one(in, a, "abs");
    const Value& v = a[0];
    if (v.is_int() || v.is_bool()) {
        if (v.as_int() == INT64_MIN) return in.integer(BigInt(static_cast<long long>(v.as_int())).abs());
        return Value::integer(std::llabs(v.as_int()));
    }
    if (v.is_float()) return Value::floating(std::fabs(v.as_float()));
    if (ops::is_int_like(v)) return in.integer(ops::bigint_of(v).abs());
    Value m = in.type_lookup(in.type_of(v), "__abs__");
    if (m) return in.call(m, std::span<const Value>(&v, 1));
    in.raise(Exc::TypeError, "bad operand type for abs(): '" + ops::type_name(in, v) + "'");
}

Value b_isinstance(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "isinstance expected 2 arguments, got " + std::to_string(a.size()));
    const Value& c = a[1];
    if (c.is_obj() && c.obj()->type == in.t_tuple) {
        for (auto& t : c.as<Tuple>()->items) {
            Value args[2] = {a[0], t};
            Args sub;
            sub.pos = args;
            sub.n = 2;
            if (b_isinstance(in, sub).as_bool()) return Value::boolean(true);
        }
        return Value::boolean(false);
    }
    if (!(c.is_obj() && c.obj()->type->layout == Layout::Type))
        in.raise(Exc::TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return Value::boolean(in.is_instance_of(a[0], c.as<Type>()));
}

Value b_issubclass(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "issubclass expected 2 arguments, got " + std::to_string(a.size()));
    if (!(a[0].is_obj() && a[0].obj()->type->layout == Layout::Type)) in.raise(Exc::TypeError, "issubclass() arg 1 must be a class");
    const Value& c = a[1];
    if (c.is_obj() && c.obj()->type == in.t_tuple) {
        for (auto& t : c.as<Tuple>()->items) {
            Value args[2] = {a[0], t};
            Args sub;
            sub.pos = args;
            sub.n = 2;
            if (b_issubclass(in, sub).as_bool()) return Value::boolean(true);
        }
        return Value::boolean(false);
    }
    if (!(c.is_obj() && c.obj()->type->layout == Layout::Type))
        in.raise(Exc::TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    for (Type* m : a[0].as<Type>()->mro)
        if (m == c.as<Type>()) return Value::boolean(true);
    return Value::boolean(false);
}

Value b_getattr(Interpreter& in, Args& a)
{
    arg_range(in, a, 2, 3, "getattr");
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "attribute name must be string, not '" + ops::type_name(in, a[1]) + "'");
    Value name = in.intern(ops::str_of(a[1]));
    if (a.size() == 3) {
        Value v = in.getattr_opt(a[0], name);
        return v ? v : a[2];
    }
    return in.getattr(a[0], name);
}

Value b_setattr(Interpreter& in, Args& a)
{
    if (a.size() != 3) in.raise(Exc::TypeError, "setattr expected 3 arguments, got " + std::to_string(a.size()));
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "attribute name must be string, not '" + ops::type_name(in, a[1]) + "'");
    in.setattr(a[0], in.intern(ops::str_of(a[1])), a[2]);
    return Value::none();
}

Value b_delattr(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "delattr expected 2 arguments, got " + std::to_string(a.size()));
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "attribute name must be string, not '" + ops::type_name(in, a[1]) + "'");
    in.delattr(a[0], in.intern(ops::str_of(a[1])));
    return Value::none();
}

Value b_hasattr(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "hasattr expected 2 arguments, got " + std::to_string(a.size()));
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "attribute name must be string, not '" + ops::type_name(in, a[1]) + "'");
    return Value::boolean(static_cast<bool>(in.getattr_opt(a[0], in.intern(ops::str_of(a[1])))));
}

Value b_vars(Interpreter& in, Args& a)
{
    if (a.size() != 1) in.raise(Exc::TypeError, "vars() without arguments is not supported");
    Value d = in.getattr_opt(a[0], in.intern("__dict__"));
    if (!d) in.raise(Exc::TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

Value b_globals(Interpreter& in, Args&)
{
    return in.current_frame ? in.current_frame->globals : in.main_globals();
}

Value b_iter(Interpreter& in, Args& a)
{
    arg_range(in, a, 1, 2, "iter");
    if (a.size() == 2) {
        Value it = in.iterator(IterKind::CallSentinel, a[0]);
        it.as<Iterator>()->parts.push_back(a[1]);
        return it;
    }
    return ops::get_iter(in, a[0]);
}

Value b_next(Interpreter& in, Args& a)
{
    arg_range(in, a, 1, 2, "next");
    Type* t = in.type_of(a[0]);
    if (t == in.t_generator) {
        Value out;
        auto r = in.resume_gen(a[0].as<GenObj>(), Value::none(), Value(), out);
        if (r == Interpreter::Resume::Yielded) return out;
        if (a.size() == 2) return a[1];
        throw PyThrow{in.make_exception(in.exc_type(Exc::StopIteration), out.is_none() ? std::vector<Value>{} : std::vector<Value>{out})};
    }
    if (t->layout != Layout::Iterator && !in.type_lookup(t, "__next__"))
        in.raise(Exc::TypeError, "'" + t->name + "' object is not an iterator");
    Value v = ops::next(in, a[0]);
    if (v) return v;
    if (a.size() == 2) return a[1];
    throw PyThrow{in.make_exception(in.exc_type(Exc::StopIteration), {})};
}

// anext(it, default): CPython's anext_awaitable, as a coroutine that turns the
// StopAsyncIteration of it.__anext__() into the default. Compiled on first use and kept
// in the builtins namespace under a name no program uses.
const char* const kAnextDefaultSource = R"py(
async def anext_awaitable(iterator, default):
    try:
        return await iterator.__anext__()
    except StopAsyncIteration:
        return default
)py";

Value anext_default_helper(Interpreter& in)
{
    Value key = in.intern("__loopscope_anext_awaitable__");
    if (Value f = ops::dict_get_str(in.builtins, key)) return f;
    SyntaxErrorInfo error;
    // "<asyncio>": the library file whose frames tracebacks and warnings leave out.
    Value code = in.load_program(kAnextDefaultSource, "<asyncio>", error);
    if (!code) in.raise(Exc::RuntimeError, "anext(): internal helper failed to compile");
    Value ns = in.dict();
    in.exec_code(code, ns);
    Value f = ops::dict_get_str(ns, in.intern("anext_awaitable"));
    ops::dict_set(in, in.builtins, key, f);
    return f;
}

Value b_anext(Interpreter& in, Args& a)
{
    arg_range(in, a, 1, 2, "anext");
    Type* t = in.type_of(a[0]);
    if (t != in.t_async_generator && !in.type_lookup(t, "__anext__"))
        in.raise(Exc::TypeError, "'" + t->name + "' object is not an async iterator");
    if (a.size() == 2) {
        Value args[2] = {a[0], a[1]};
        return in.call(anext_default_helper(in), std::span<const Value>(args, 2));
    }
    if (t == in.t_async_generator) {
        auto* aw = in.heap().make<AsyncGenAwaitable>(in.t_agen_awaitable);
        Value awv(aw);
        aw->agen = a[0];
        aw->value = Value::none();
        return awv;
    }
    return in.call_method(a[0], "__anext__", {});
}

// exit(code=None) / quit(code=None): site.py's Quitter, which raises SystemExit(code).
Value quitter(Interpreter& in, Args& a)
{
    if (a.size() > 1)
        in.raise(Exc::TypeError, "Quitter.__call__() takes from 1 to 2 positional arguments but " + std::to_string(a.size() + 1) + " were given");
    Value code = a.size() == 1 ? a[0] : a.kw("code");
    for (std::size_t i = 0; i < a.nkw; ++i)
        if (ops::str_of(a.kwnames[i]) != "code")
            in.raise(Exc::TypeError, "Quitter.__call__() got an unexpected keyword argument '" + ops::str_of(a.kwnames[i]) + "'");
    std::vector<Value> args;
    if (code) args.push_back(code);
    else args.push_back(Value::none());
    throw PyThrow{in.make_exception(in.exc_type(Exc::SystemExit), std::move(args))};
}
Value b_exit(Interpreter& in, Args& a) { return quitter(in, a); }

Value b_aiter(Interpreter& in, Args& a)
{
    exactly_one(in, a, "aiter");
    if (in.type_of(a[0]) == in.t_async_generator) return a[0];
    return in.call_method(a[0], "__aiter__", {});
}

// Stable merge sort comparing later elements against earlier ones, as CPython's sort does.
void sort_values(Interpreter& in, std::vector<Value>& items, const Value& key, bool reverse)
{
    std::vector<Value> keys;
    if (key && !key.is_none()) {
        keys.reserve(items.size());
        for (auto& v : items) keys.push_back(in.call(key, std::span<const Value>(&v, 1)));
    } else {
        keys = items;
    }
    std::vector<std::size_t> idx(items.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    auto less = [&](std::size_t later, std::size_t earlier) {
        if (reverse) return ops::lt(in, keys[earlier], keys[later]);
        return ops::lt(in, keys[later], keys[earlier]);
    };
    std::vector<std::size_t> tmp(idx.size());
    // bottom-up merge sort with insertion sort for small runs
    const std::size_t run = 16;
    for (std::size_t s = 0; s < idx.size(); s += run) {
        std::size_t e = std::min(idx.size(), s + run);
        for (std::size_t i = s + 1; i < e; ++i) {
            std::size_t x = idx[i];
            std::size_t j = i;
            while (j > s && less(x, idx[j - 1])) {
                idx[j] = idx[j - 1];
                --j;
            }
            idx[j] = x;
        }
    }
    for (std::size_t width = run; width < idx.size(); width *= 2) {
        for (std::size_t lo = 0; lo < idx.size(); lo += 2 * width) {
            std::size_t mid = std::min(idx.size(), lo + width), hi = std::min(idx.size(), lo + 2 * width);
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (less(idx[j], idx[i])) tmp[k++] = idx[j++];
                else tmp[k++] = idx[i++];
            }
            while (i < mid) tmp[k++] = idx[i++];
            while (j < hi) tmp[k++] = idx[j++];
            std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo), tmp.begin() + static_cast<std::ptrdiff_t>(hi),
                      idx.begin() + static_cast<std::ptrdiff_t>(lo));
        }
    }
    std::vector<Value> sorted;
    sorted.reserve(items.size());
    for (std::size_t i : idx) sorted.push_back(items[i]);
    items = std::move(sorted);
}

Value b_sorted(Interpreter& in, Args& a)
{
    check_kw(in, a, {"key", "reverse"}, "sort");
    if (a.size() != 1) in.raise(Exc::TypeError, "sorted expected 1 argument, got " + std::to_string(a.size()));
    auto items = ops::to_vector(in, a[0]);
    Value rev = a.kw("reverse");
    sort_values(in, items, a.kw("key"), rev && ops::truthy(in, rev));
    return in.list(std::move(items));
}

Value minmax(Interpreter& in, Args& a, bool is_max)
{
    const char* name = is_max ? "max" : "min";
    check_kw(in, a, {"key", "default"}, name);
    if (a.size() == 0) in.raise(Exc::TypeError, std::string(name) + " expected at least 1 argument, got 0");
    std::vector<Value> items;
    Value def = a.kw("default");
    if (a.size() == 1) items = ops::to_vector(in, a[0]);
    else {
        if (def) in.raise(Exc::TypeError, std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
        items.assign(a.pos, a.pos + a.n);
    }
    if (items.empty()) {
        if (def) return def;
        in.raise(Exc::ValueError, std::string(name) + "() arg is an empty sequence");
    }
    Value key = a.kw("key");
    bool has_key = key && !key.is_none();
    Value best = items[0];
    Value best_key = has_key ? in.call(key, std::span<const Value>(&items[0], 1)) : items[0];
    for (std::size_t i = 1; i < items.size(); ++i) {
        Value k = has_key ? in.call(key, std::span<const Value>(&items[i], 1)) : items[i];
        bool better = is_max ? ops::lt(in, best_key, k) : ops::lt(in, k, best_key);
        if (better) {
            best = items[i];
            best_key = k;
        }
    }
    return best;
}

Value b_max(Interpreter& in, Args& a) { return minmax(in, a, true); }
Value b_min(Interpreter& in, Args& a) { return minmax(in, a, false); }

Value b_sum(Interpreter& in, Args& a)
{
    check_kw(in, a, {"start"}, "sum");
    arg_range(in, a, 1, 2, "sum");
    Value acc = a.size() == 2 ? a[1] : a.kw("start") ? a.kw("start") : Value::integer(0);
    if (ops::is_str(acc)) in.raise(Exc::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    Value it = ops::get_iter(in, a[0]);
    for (;;) {
        Value x = ops::next(in, it);
        if (!x) break;
        std::int64_t r;
        if (acc.is_int() && x.is_int() && !__builtin_add_overflow(acc.as_int(), x.as_int(), &r)) acc = Value::integer(r);
        else if (acc.is_float() && x.is_float()) acc = Value::floating(acc.as_float() + x.as_float());
        else acc = ops::binary(in, BinOp::Add, acc, x);
    }
    return acc;
}

Value b_any(Interpreter& in, Args& a)
{
    exactly_one(in, a, "any");
    Value it = ops::get_iter(in, a[0]);
    for (;;) {
        Value x = ops::next(in, it);
        if (!x) return Value::boolean(false);
        if (ops::truthy(in, x)) return Value::boolean(true);
    }
}

Value b_all(Interpreter& in, Args& a)
{
    exactly_one(in, a, "all");
    Value it = ops::get_iter(in, a[0]);
    for (;;) {
        Value x = ops::next(in, it);
        if (!x) return Value::boolean(true);
        if (!ops::truthy(in, x)) return Value::boolean(false);
    }
}

Value b_divmod(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "divmod expected 2 arguments, got " + std::to_string(a.size()));
    if (ops::is_int_like(a[0]) && ops::is_int_like(a[1])) {
        BigInt x = ops::bigint_of(a[0]), y = ops::bigint_of(a[1]);
        if (y.is_zero()) in.raise(Exc::ZeroDivisionError, "integer division or modulo by zero");
        auto [q, r] = x.divmod(y);
        return in.tuple({in.integer(q), in.integer(r)});
    }
    if ((ops::is_int_like(a[0]) || a[0].is_float()) && (ops::is_int_like(a[1]) || a[1].is_float())) {
        auto [q, r] = support::float_divmod(ops::to_double(in, a[0]), ops::to_double(in, a[1]));
        return in.tuple({Value::floating(q), Value::floating(r)});
    }
    Value r = in.type_lookup(in.type_of(a[0]), "__divmod__");
    if (r) {
        Value args[2] = {a[0], a[1]};
        return in.call(r, args);
    }
    in.raise(Exc::TypeError, "unsupported operand type(s) for divmod(): '" + ops::type_name(in, a[0]) + "' and '" +
                                 ops::type_name(in, a[1]) + "'");
}

Value b_pow(Interpreter& in, Args& a)
{
    arg_range(in, a, 2, 3, "pow");
    if (a.size() == 3 && !a[2].is_none()) {
        if (!(ops::is_int_like(a[0]) && ops::is_int_like(a[1]) && ops::is_int_like(a[2])))
            in.raise(Exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return in.integer(ops::bigint_of(a[0]).pow(ops::bigint_of(a[1]), ops::bigint_of(a[2])));
    }
    return ops::binary(in, BinOp::Pow, a[0], a[1]);
}

Value b_round(Interpreter& in, Args& a)
{
    check_kw(in, a, {"ndigits"}, "round");
    arg_range(in, a, 1, 2, "round");
    Value nd = a.size() == 2 ? a[1] : a.kw("ndigits");
    const Value& x = a[0];
    if (x.is_float()) {
        if (!nd || nd.is_none()) return in.integer(support::float_round_to_int(x.as_float()));
        return Value::floating(support::float_round(x.as_float(), ops::to_index(in, nd)));
    }
    if (ops::is_int_like(x)) {
        Value xv = x.is_bool() ? Value::integer(x.as_int()) : x;
        if (!nd || nd.is_none()) return xv;
        std::int64_t n = ops::to_index(in, nd);
        if (n >= 0) return xv;
        if (n < -4000) return Value::integer(0);
        BigInt p = BigInt(10).pow(BigInt(static_cast<long long>(-n)));
        BigInt v = ops::bigint_of(xv);
        auto [q, r] = v.divmod(p);
        BigInt twice = r * BigInt(2);
        auto c = twice <=> p;
        if (c > 0 || (c == 0 && q.is_odd())) q += BigInt(1);
        return in.integer(q * p);
    }
    Value m = in.type_lookup(in.type_of(x), "__round__");
    if (m) {
        std::vector<Value> args{x};
        if (nd && !nd.is_none()) args.push_back(nd);
        return in.call(m, args);
    }
    in.raise(Exc::TypeError, "type " + ops::type_name(in, x) + " doesn't define __round__ method");
}

Value b_chr(Interpreter& in, Args& a)
{
    exactly_one(in, a, "chr");
    std::int64_t c = ops::to_index(in, a[0]);
    if (c < 0 || c > 0x10ffff) in.raise(Exc::ValueError, "chr() arg not in range(0x110000)");
    return in.str(support::utf8_encode(static_cast<char32_t>(c)));
}

Value b_ord(Interpreter& in, Args& a)
{
    exactly_one(in, a, "ord");
    if (!ops::is_str(a[0])) in.raise(Exc::TypeError, "ord() expected string of length 1, but " + ops::type_name(in, a[0]) + " found");
    auto n = ops::str_length(a[0].as<Str>());
    if (n != 1) in.raise(Exc::TypeError, "ord() expected a character, but string of length " + std::to_string(n) + " found");
    std::size_t p = 0;
    return Value::integer(support::utf8_decode(ops::str_of(a[0]), p));
}

BigInt index_bigint(Interpreter& in, const Value& v)
{
    if (ops::is_int_like(v)) return ops::bigint_of(v);
    return BigInt(static_cast<long long>(ops::to_index(in, v)));
}

Value b_hex(Interpreter& in, Args& a)
{
    exactly_one(in, a, "hex");
    return in.str(index_bigint(in, a[0]).to_python_hex());
}
Value b_oct(Interpreter& in, Args& a)
{
    exactly_one(in, a, "oct");
    return in.str(index_bigint(in, a[0]).to_python_oct());
}
Value b_bin(Interpreter& in, Args& a)
{
    exactly_one(in, a, "bin");
    return in.str(index_bigint(in, a[0]).to_python_bin());
}

Value b_format(Interpreter& in, Args& a)
{
    arg_range(in, a, 1, 2, "format");
    std::string spec;
    if (a.size() == 2) {
        if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "format() argument 2 must be str, not " + ops::type_name(in, a[1]));
        spec = ops::str_of(a[1]);
    }
    return in.str(ops::format(in, a[0], spec));
}

// ----------------------------------------------------------- constructors

Value c_object(Interpreter& in, Args& a)
{
    if (a.size() > 1 || a.nkw) in.raise(Exc::TypeError, "object() takes no arguments");
    return in.new_instance(in.t_object);
}

Value c_int(Interpreter& in, Args& a)
{
    check_kw(in, a, {"base"}, "int");
    if (a.size() > 3) in.raise(Exc::TypeError, "int() takes at most 2 arguments (" + std::to_string(a.size() - 1) + " given)");
    Value basev = a.size() == 3 ? a[2] : a.kw("base");
    if (a.size() == 1) {
        if (basev) in.raise(Exc::TypeError, "int() missing string argument");
        return Value::integer(0);
    }
    const Value& x = a[1];
    if (basev) {
        std::int64_t base = ops::to_index(in, basev);
        if (!ops::is_str(x)) in.raise(Exc::TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36)) in.raise(Exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
        return in.integer(BigInt::parse(ops::str_of(x), static_cast<int>(base)));
    }
    if (x.is_bool()) return Value::integer(x.as_int());
    if (ops::is_int_like(x)) return x;
    if (x.is_float()) return in.integer(BigInt(x.as_float()));
    if (ops::is_str(x)) return in.integer(BigInt::parse(ops::str_of(x), 10));
    Type* t = in.type_of(x);
    for (const char* m : {"__int__", "__index__", "__trunc__"}) {
        Value f = in.type_lookup(t, m);
        if (f) {
            Value r = in.call(f, std::span<const Value>(&x, 1));
            if (!ops::is_int_like(r)) in.raise(Exc::TypeError, std::string(m) + " returned non-int (type " + ops::type_name(in, r) + ")");
            return r.is_bool() ? Value::integer(r.as_int()) : r;
        }
    }
    in.raise(Exc::TypeError, "int() argument must be a string, a bytes-like object or a real number, not '" + t->name + "'");
}

Value c_float(Interpreter& in, Args& a)
{
    no_kw(in, a, "float");
    if (a.size() > 2) in.raise(Exc::TypeError, "float expected at most 1 argument, got " + std::to_string(a.size() - 1));
    if (a.size() == 1) return Value::floating(0.0);
    const Value& x = a[1];
    if (x.is_float()) return x;
    if (ops::is_int_like(x)) return Value::floating(ops::to_double(in, x));
    if (ops::is_str(x)) return Value::floating(support::float_parse(ops::str_of(x)));
    Value f = in.type_lookup(in.type_of(x), "__float__");
    if (f) return in.call(f, std::span<const Value>(&x, 1));
    in.raise(Exc::TypeError, "float() argument must be a string or a real number, not '" + ops::type_name(in, x) + "'");
}

Value c_str(Interpreter& in, Args& a)
{
    check_kw(in, a, {"object", "encoding", "errors"}, "str");
    if (a.size() == 1) {
        Value o = a.kw("object");
        return o ? in.str(ops::to_str(in, o)) : in.str("");
    }
    if (a.size() > 2) in.raise(Exc::TypeError, "decoding str is not supported");
    return in.str(ops::to_str(in, a[1]));
}

Value c_bool(Interpreter& in, Args& a)
{
    no_kw(in, a, "bool");
    if (a.size() > 2) in.raise(Exc::TypeError, "bool expected at most 1 argument, got " + std::to_string(a.size() - 1));
    return Value::boolean(a.size() == 2 && ops::truthy(in, a[1]));
}

Value c_list(Interpreter& in, Args& a)
{
    no_kw(in, a, "list");
    if (a.size() > 2) in.raise(Exc::TypeError, "list expected at most 1 argument, got " + std::to_string(a.size() - 1));
    return in.list(a.size() == 2 ? ops::to_vector(in, a[1]) : std::vector<Value>{});
}

Value c_tuple(Interpreter& in, Args& a)
{
    no_kw(in, a, "tuple");
    if (a.size() > 2) in.raise(Exc::TypeError, "tuple expected at most 1 argument, got " + std::to_string(a.size() - 1));
    if (a.size() == 2 && a[1].is_obj() && a[1].obj()->type == in.t_tuple) return a[1];
    return in.tuple(a.size() == 2 ? ops::to_vector(in, a[1]) : std::vector<Value>{});
}

}  // namespace

void dict_update_from(Interpreter& in, const Value& d, const Value& src)
{
    Type* t = in.type_of(src);
    if (t->layout == Layout::Dict) {
        auto entries = src.as<Dict>()->table.entries();
        for (auto& e : entries)
            if (!e.key.is_null()) d.as<Dict>()->table.set(e.key, e.hash, e.value);
        return;
    }
    if (in.type_lookup(t, "keys") && !t->builtin) {
        Value keys = in.call_method(src, "keys", {});
        for (auto& k : ops::to_vector(in, keys)) ops::dict_set(in, d, k, ops::getitem(in, src, k));
        return;
    }
    Value it = ops::get_iter(in, src);
    for (std::size_t n = 0;; ++n) {
        Value item = ops::next(in, it);
        if (!item) break;
        Type* it_t = in.type_of(item);
        if (it_t->layout != Layout::Tuple && it_t->layout != Layout::List && it_t->layout != Layout::Str &&
            !in.type_lookup(it_t, "__iter__"))
            in.raise(Exc::TypeError, "cannot convert dictionary update sequence element #" + std::to_string(n) + " to a sequence");
        auto kv = ops::to_vector(in, item);
        if (kv.size() != 2)
            in.raise(Exc::ValueError, "dictionary update sequence element #" + std::to_string(n) + " has length " +
                                          std::to_string(kv.size()) + "; 2 is required");
        ops::dict_set(in, d, kv[0], kv[1]);
    }
}

namespace {

Value c_dict(Interpreter& in, Args& a)
{
    if (a.size() > 2) in.raise(Exc::TypeError, "dict expected at most 1 argument, got " + std::to_string(a.size() - 1));
    Value d = in.dict();
    if (a.size() == 2) dict_update_from(in, d, a[1]);
    for (std::size_t i = 0; i < a.nkw; ++i) ops::dict_set(in, d, a.kwnames[i], a.kwvals[i]);
    return d;
}

Value make_set(Interpreter& in, Args& a, bool frozen)
{
    no_kw(in, a, frozen ? "frozenset" : "set");
    if (a.size() > 2)
        in.raise(Exc::TypeError, std::string(frozen ? "frozenset" : "set") + " expected at most 1 argument, got " + std::to_string(a.size() - 1));
    Value s = in.set(frozen);
    if (a.size() == 2) {
        const Value& src = a[1];
        if (src.is_obj() && (src.obj()->type == in.t_set || src.obj()->type == in.t_frozenset)) {
            if (frozen && src.obj()->type == in.t_frozenset) return src;
            s.as<SetObj>()->table.merge(src.as<SetObj>()->table);
        } else {
            Value it = ops::get_iter(in, src);
            for (;;) {
                Value x = ops::next(in, it);
                if (!x) break;
                ops::set_add(in, s, x);
            }
        }
    }
    return s;
}

Value c_set(Interpreter& in, Args& a) { return make_set(in, a, false); }
Value c_frozenset(Interpreter& in, Args& a) { return make_set(in, a, true); }

Value c_range(Interpreter& in, Args& a)
{
    no_kw(in, a, "range");
    if (a.size() < 2) in.raise(Exc::TypeError, "range expected at least 1 argument, got 0");
    if (a.size() > 4) in.raise(Exc::TypeError, "range expected at most 3 arguments, got " + std::to_string(a.size() - 1));
    auto* r = in.heap().make<Range>(in.t_range);
    Value rv(r);
    if (a.size() == 2) {
        r->stop = ops::to_index(in, a[1]);
    } else {
        r->start = ops::to_index(in, a[1]);
        r->stop = ops::to_index(in, a[2]);
        if (a.size() == 4) {
            r->step = ops::to_index(in, a[3]);
            if (r->step == 0) in.raise(Exc::ValueError, "range() arg 3 must not be zero");
        }
    }
    return rv;
}

Value c_type(Interpreter& in, Args& a)
{
    if (a.size() == 2) return Value(in.type_of(a[1]));
    if (a.size() == 4) {
        Value ns = in.dict();
        dict_update_from(in, ns, a[3]);
        if (!ops::dict_get_str(ns, in.intern("__module__"))) ops::dict_set(in, ns, in.intern("__module__"), in.str("__main__"));
        return build_class(in, a[1], in.tuple(ops::to_vector(in, a[2])), ns, a[1]);
    }
    in.raise(Exc::TypeError, "type() takes 1 or 3 arguments");
}

Value c_slice(Interpreter& in, Args& a)
{
    arg_range(in, a, 2, 4, "slice");
    auto* s = in.heap().make<SliceObj>(in.t_slice);
    Value sv(s);
    if (a.size() == 2) {
        s->start = Value::none();
        s->stop = a[1];
        s->step = Value::none();
    } else {
        s->start = a[1];
        s->stop = a[2];
        s->step = a.size() == 4 ? a[3] : Value::none();
    }
    return sv;
}

Value c_enumerate(Interpreter& in, Args& a)
{
    check_kw(in, a, {"iterable", "start"}, "enumerate");
    Value src = a.size() > 1 ? a[1] : a.kw("iterable");
    if (!src) in.raise(Exc::TypeError, "enumerate() missing required argument 'iterable' (pos 1)");
    Value it = in.iterator(IterKind::Enumerate, ops::get_iter(in, src));
    Value start = a.size() > 2 ? a[2] : a.kw("start");
    if (start) {
        if (!ops::is_int_like(start)) in.raise(Exc::TypeError, "'" + ops::type_name(in, start) + "' object cannot be interpreted as an integer");
        if (start.is_int()) it.as<Iterator>()->index = start.as_int();
        else it.as<Iterator>()->parts.push_back(start);
    }
    return it;
}

Value c_zip(Interpreter& in, Args& a)
{
    check_kw(in, a, {"strict"}, "zip");
    Value it = in.iterator(IterKind::Zip, Value::none());
    for (std::size_t i = 1; i < a.size(); ++i) it.as<Iterator>()->parts.push_back(ops::get_iter(in, a[i]));
    Value strict = a.kw("strict");
    it.as<Iterator>()->strict = strict && ops::truthy(in, strict);
    return it;
}

Value c_map(Interpreter& in, Args& a)
{
    no_kw(in, a, "map");
    if (a.size() < 3) in.raise(Exc::TypeError, "map() must have at least two arguments.");
    Value it = in.iterator(IterKind::Map, Value::none());
    it.as<Iterator>()->parts.push_back(a[1]);
    for (std::size_t i = 2; i < a.size(); ++i) it.as<Iterator>()->parts.push_back(ops::get_iter(in, a[i]));
    return it;
}

Value c_filter(Interpreter& in, Args& a)
{
    no_kw(in, a, "filter");
    if (a.size() != 3) in.raise(Exc::TypeError, "filter expected 2 arguments, got " + std::to_string(a.size() - 1));
    Value it = in.iterator(IterKind::Filter, ops::get_iter(in, a[2]));
    it.as<Iterator>()->parts.push_back(a[1]);
    return it;
}

Value c_reversed(Interpreter& in, Args& a)
{
    no_kw(in, a, "reversed");
    if (a.size() != 2) in.raise(Exc::TypeError, "reversed expected 1 argument, got " + std::to_string(a.size() - 1));
    const Value& s = a[1];
    Type* t = in.type_of(s);
    if (t->layout == Layout::Range) {
        auto* r = s.as<Range>();
        std::int64_t n = r->length();
        Value it = in.iterator(IterKind::Range, Value::none());
        auto* iter = it.as<Iterator>();
        iter->step = -r->step;
        iter->index = r->start + (n - 1) * r->step;
        iter->end = r->start - r->step;
        if (n == 0) iter->end = iter->index;
        return it;
    }
    if (t->layout == Layout::Dict) {
        auto keys = ops::to_vector(in, s);
        std::reverse(keys.begin(), keys.end());
        return in.iterator(IterKind::List, in.list(std::move(keys)));
    }
    if (!t->builtin) {
        Value m = in.type_lookup(t, "__reversed__");
        if (m) return in.call(m, std::span<const Value>(&s, 1));
    }
    if (t->layout != Layout::List && t->layout != Layout::Tuple && t->layout != Layout::Str &&
        !(in.type_lookup(t, "__len__") && in.type_lookup(t, "__getitem__")))
        in.raise(Exc::TypeError, "'" + t->name + "' object is not reversible");
    Value it = in.iterator(IterKind::Reversed, s);
    it.as<Iterator>()->index = ops::len(in, s) - 1;
    return it;
}

Value c_property(Interpreter& in, Args& a)
{
    auto* p = in.heap().make<Property>(in.t_property);
    Value pv(p);
    if (a.size() > 1 && !a[1].is_none()) p->fget = a[1];
    if (a.size() > 2 && !a[2].is_none()) p->fset = a[2];
    if (a.size() > 3 && !a[3].is_none()) p->fdel = a[3];
    if (Value v = a.kw("fget")) p->fget = v;
    if (Value v = a.kw("fset")) p->fset = v;
    if (Value v = a.kw("fdel")) p->fdel = v;
    return pv;
}

Value property_with(Interpreter& in, Args& a, int which)
{
    auto* old = a[0].as<Property>();
    auto* p = in.heap().make<Property>(in.t_property);
    Value pv(p);
    p->fget = old->fget;
    p->fset = old->fset;
    p->fdel = old->fdel;
    (which == 0 ? p->fget : which == 1 ? p->fset : p->fdel) = a[1];
    return pv;
}
Value m_property_getter(Interpreter& in, Args& a) { return property_with(in, a, 0); }
Value m_property_setter(Interpreter& in, Args& a) { return property_with(in, a, 1); }
Value m_property_deleter(Interpreter& in, Args& a) { return property_with(in, a, 2); }

Value c_staticmethod(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "staticmethod expected 1 argument, got " + std::to_string(a.size() - 1));
    auto* s = in.heap().make<StaticMethod>(in.t_staticmethod);
    s->func = a[1];
    return Value(s);
}

Value c_classmethod(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "classmethod expected 1 argument, got " + std::to_string(a.size() - 1));
    auto* s = in.heap().make<ClassMethod>(in.t_classmethod);
    s->func = a[1];
    return Value(s);
}

Value c_super(Interpreter& in, Args& a)
{
    Value start, self;
    if (a.size() == 1) {
        Frame* f = in.current_frame;
        while (f && !f->func) f = f->back;
        if (!f || !f->func) in.raise(Exc::RuntimeError, "super(): no arguments");
        auto* fn = f->func.as<Function>();
        if (!fn->owner_class) in.raise(Exc::RuntimeError, "super(): __class__ cell not found");
        if (f->code->argcount == 0) in.raise(Exc::RuntimeError, "super(): no arguments");
        start = fn->owner_class;
        self = f->fast[0];
        if (!self && !f->code->cellvars.empty()) {
            for (std::size_t i = 0; i < f->code->cellvars.size(); ++i)
                if (f->code->cell_param[i] == 0) self = f->cells[i].as<Cell>()->value;
        }
        if (!self) in.raise(Exc::RuntimeError, "super(): arg[0] deleted");
    } else if (a.size() == 3) {
        start = a[1];
        self = a[2];
        if (!(start.is_obj() && start.obj()->type->layout == Layout::Type))
            in.raise(Exc::TypeError, "super() argument 1 must be a type, not " + ops::type_name(in, start));
    } else {
        in.raise(Exc::TypeError, "super() takes 0 or 2 arguments");
    }
    auto* s = in.heap().make<Super>(in.t_super);
    Value sv(s);
    s->start_type = start;
    s->self = self;
    if (self.is_obj() && self.obj()->type->layout == Layout::Type) {
        bool sub = false;
        for (Type* m : self.as<Type>()->mro)
            if (m == start.as<Type>()) sub = true;
        s->self_type = sub ? self : Value(in.type_of(self));
    } else {
        s->self_type = Value(in.type_of(self));
        if (!in.is_instance_of(self, start.as<Type>()))
            in.raise(Exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
    }
    return sv;
}

// object's methods, reachable through super().
Value m_object_init(Interpreter& in, Args& a)
{
    if (a.size() > 1 || a.nkw) {
        Type* t = in.type_of(a[0]);
        Value own_init = in.type_lookup(t, "__init__");
        in.raise(Exc::TypeError, own_init && own_init.is_obj() && own_init.obj()->type == in.t_function
                                     ? "object.__init__() takes exactly one argument (the instance to initialize)"
                                     : t->name + "() takes no arguments");
    }
    return Value::none();
}

Value m_object_setattr(Interpreter& in, Args& a)
{
    if (a.size() != 3) in.raise(Exc::TypeError, "expected 2 arguments");
    Type* t = in.type_of(a[0]);
    if (t->layout != Layout::Instance && t->layout != Layout::Exception) {
        in.setattr(a[0], in.intern(ops::str_of(a[1])), a[2]);
        return Value::none();
    }
    auto* inst = a[0].as<Instance>();
    if (!inst->dict) inst->dict = in.dict();
    ops::dict_set(in, inst->dict, in.intern(ops::str_of(a[1])), a[2]);
    return Value::none();
}

Value m_object_repr(Interpreter& in, Args& a)
{
    Type* t = in.type_of(a[0]);
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%012llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(a[0].obj())));
    std::string name = t->module == "builtins" ? t->qualname : t->module + "." + t->qualname;
    return in.str("<" + name + " object at " + buf + ">");
}

Value m_object_str(Interpreter& in, Args& a) { return in.str(ops::repr(in, a[0])); }

Value m_object_eq(Interpreter& in, Args& a) { return a[0].same(a[1]) ? Value::boolean(true) : in.not_implemented; }
Value m_object_ne(Interpreter& in, Args& a) { return a[0].same(a[1]) ? Value::boolean(false) : in.not_implemented; }
Value m_object_hash(Interpreter& in, Args& a)
{
    auto p = reinterpret_cast<std::uintptr_t>(a[0].obj());
    (void)in;
    return Value::integer(static_cast<std::int64_t>((p >> 4) | (p << 60)) & 0x7fffffffffffffffLL);
}

Value m_object_init_subclass(Interpreter&, Args&) { return Value::none(); }

}  // namespace

Value make_module(Interpreter& in, const std::string& name)
{
    auto* m = in.heap().make<Module>(in.t_module);
    Value mv(m);
    m->name = name;
    m->dict = in.dict();
    ops::dict_set(in, m->dict, in.intern("__name__"), in.str(name));
    return mv;
}

void module_add(Interpreter& in, const Value& module, const char* name, NativeFnPtr fn, Value data)
{
    ops::dict_set(in, module.as<Module>()->dict, in.intern(name), in.native(name, fn, std::move(data)));
}

void module_set(Interpreter& in, const Value& module, const char* name, const Value& v)
{
    ops::dict_set(in, module.as<Module>()->dict, in.intern(name), v);
}

void Interpreter::init_builtins()
{
    auto def = [&](const char* name, NativeFnPtr fn) { ops::dict_set(*this, builtins, intern(name), native(name, fn)); };
    def("print", b_print);
    def("len", b_len);
    def("repr", b_repr);
    def("ascii", b_ascii);
    def("hash", b_hash);
    def("id", b_id);
    def("callable", b_callable);
    def("abs", b_abs);
    def("isinstance", b_isinstance);
    def("issubclass", b_issubclass);
    def("getattr", b_getattr);
    def("setattr", b_setattr);
    def("delattr", b_delattr);
    def("hasattr", b_hasattr);
    def("vars", b_vars);
    def("globals", b_globals);
    def("iter", b_iter);
    def("next", b_next);
    def("anext", b_anext);
    def("aiter", b_aiter);
    def("exit", b_exit);
    def("quit", b_exit);
    def("sorted", b_sorted);
    def("max", b_max);
    def("min", b_min);
    def("sum", b_sum);
    def("any", b_any);
    def("all", b_all);
    def("divmod", b_divmod);
    def("pow", b_pow);
    def("round", b_round);
    def("chr", b_chr);
    def("ord", b_ord);
    def("hex", b_hex);
    def("oct", b_oct);
    def("bin", b_bin);
    def("format", b_format);
    for (const char* refused : {"open", "exec", "eval", "compile", "input", "__import__", "breakpoint"}) def(refused, b_refused);
    for (const char* unsupported : {"locals", "dir", "memoryview", "bytearray", "bytes", "complex", "help"}) def(unsupported, b_unsupported);

    auto type = [&](Type* t, NativeFnPtr ctor) {
        t->construct = ctor;
        ops::dict_set(*this, builtins, intern(t->name), Value(t));
    };
    type(t_object, c_object);
    type(t_int, c_int);
    type(t_float, c_float);
    type(t_str, c_str);
    type(t_bool, c_bool);
    type(t_list, c_list);
    type(t_tuple, c_tuple);
    type(t_dict, c_dict);
    type(t_set, c_set);
    type(t_frozenset, c_frozenset);
    type(t_range, c_range);
    type(t_type, c_type);
    type(t_slice, c_slice);
    type(t_property, c_property);
    type(t_staticmethod, c_staticmethod);
    type(t_classmethod, c_classmethod);
    type(t_super, c_super);
    type(t_iters[static_cast<int>(IterKind::Enumerate)], c_enumerate);
    type(t_iters[static_cast<int>(IterKind::Zip)], c_zip);
    type(t_iters[static_cast<int>(IterKind::Map)], c_map);
    type(t_iters[static_cast<int>(IterKind::Filter)], c_filter);
    type(t_iters[static_cast<int>(IterKind::Reversed)], c_reversed);
    t_object->construct = nullptr;  // plain object() and user classes go through the instance path
    t_object->construct = c_object;
    add_method(t_property, "getter", m_property_getter);
    add_method(t_property, "setter", m_property_setter);
    add_method(t_property, "deleter", m_property_deleter);
    add_method(t_object, "__init__", m_object_init);
    add_method(t_object, "__setattr__", m_object_setattr);
    add_method(t_object, "__repr__", m_object_repr);
    add_method(t_object, "__str__", m_object_str);
    add_method(t_object, "__eq__", m_object_eq);
    add_method(t_object, "__ne__", m_object_ne);
    add_method(t_object, "__hash__", m_object_hash);
    {
        Value f = native("__init_subclass__", m_object_init_subclass, Value(), true);
        f.as<NativeFn>()->is_classmethod = true;
        ops::dict_set(*this, t_object->dict, intern("__init_subclass__"), f);
    }
    ops::dict_set(*this, builtins, intern("None"), Value::none());
    ops::dict_set(*this, builtins, intern("True"), Value::boolean(true));
    ops::dict_set(*this, builtins, intern("False"), Value::boolean(false));
    ops::dict_set(*this, builtins, intern("NotImplemented"), not_implemented);
    ops::dict_set(*this, builtins, intern("Ellipsis"), ellipsis);
    ops::dict_set(*this, builtins, intern("__name__"), str("builtins"));
    install_str_methods(*this);
    install_container_methods(*this);
}

void sort_list_values(Interpreter& in, std::vector<Value>& items, const Value& key, bool reverse)
{
    sort_values(in, items, key, reverse);
}

}  // namespace script
