#include <script/runtime/ops.hpp>

#include <script/runtime/set_algorithms.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/float_format.hpp>
#include <script/support/format_spec.hpp>
#include <script/support/percent_format.hpp>
#include <script/support/string_repr.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace script {

bool py_eq_bool(const Value& a, const Value& b) { return ops::eq(current_interpreter(), a, b); }

namespace ops {

using support::BigInt;

namespace {

const char* op_symbol(BinOp op)
{
    static const char* s[] = {"+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//"};
    return s[static_cast<int>(op)];
}
const char* op_dunder(BinOp op)
{
    static const char* s[] = {"__add__", "__sub__", "__mul__", "__matmul__", "__truediv__", "__mod__", "__pow__",
                              "__lshift__", "__rshift__", "__or__", "__xor__", "__and__", "__floordiv__"};
    return s[static_cast<int>(op)];
}
const char* op_rdunder(BinOp op)
{
    static const char* s[] = {"__radd__", "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__", "__rmod__",
                              "__rpow__", "__rlshift__", "__rrshift__", "__ror__", "__rxor__", "__rand__", "__rfloordiv__"};
    return s[static_cast<int>(op)];
}
const char* op_idunder(BinOp op)
{
    static const char* s[] = {"__iadd__", "__isub__", "__imul__", "__imatmul__", "__itruediv__", "__imod__",
                              "__ipow__", "__ilshift__", "__irshift__", "__ior__", "__ixor__", "__iand__", "__ifloordiv__"};
    return s[static_cast<int>(op)];
}

bool is_user(const Value& v)
{
    if (!v.is_obj()) return false;
    Layout l = v.obj()->type->layout;
    return (l == Layout::Instance || l == Layout::Exception) && !v.obj()->type->builtin;
}

// Calls type(obj).name(obj, args...) if defined; null when not.
Value dunder(Interpreter& in, const Value& obj, const char* name, std::initializer_list<Value> args)
{
    Value m = in.type_lookup(in.type_of(obj), name);
    if (!m) return Value();
    std::vector<Value> all;
    all.push_back(obj);
    all.insert(all.end(), args.begin(), args.end());
    return in.call(m, all);
}


// A __repr__/__str__/... defined by the object's class rather than inherited from
// object or BaseException (whose behaviour the callers implement inline).
Value own_method(Interpreter& in, Type* t, const char* name)
{
    Value m = in.type_lookup(t, name);
    if (!m || !m.is_obj()) return Value();
    if (m.obj()->type == in.t_function) return m;
    if (m.obj()->type != in.t_native) return Value();
    Value base = in.type_lookup(in.t_object, name);
    Value exc = in.type_lookup(in.exc_type(Exc::BaseException), name);
    if (m.same(base) || m.same(exc)) return Value();
    return m;
}
bool is_number(const Value& v) { return is_int_like(v) || v.is_float(); }

std::string addr(const void* p)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%012llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(p)));
    return buf;
}

const std::vector<Value>* seq_items(Interpreter& in, const Value& v)
{
    if (!v.is_obj()) return nullptr;
    Type* t = v.obj()->type;
    if (t == in.t_list) return &v.as<List>()->items;
    if (t == in.t_tuple) return &v.as<Tuple>()->items;
    return nullptr;
}

Value int_result(Interpreter& in, BigInt v) { return in.integer(v); }

Value int_binary(Interpreter& in, BinOp op, const Value& a, const Value& b)
{
    if (a.is_int() || a.is_bool()) {
        if (b.is_int() || b.is_bool()) {
            std::int64_t x = a.as_int(), y = b.as_int(), r;
            switch (op) {
            case BinOp::Add: if (!__builtin_add_overflow(x, y, &r)) return Value::integer(r); break;
            case BinOp::Sub: if (!__builtin_sub_overflow(x, y, &r)) return Value::integer(r); break;
            case BinOp::Mul: if (!__builtin_mul_overflow(x, y, &r)) return Value::integer(r); break;
            case BinOp::And: return Value::integer(x & y);
            case BinOp::Or: return Value::integer(x | y);
            case BinOp::Xor: return Value::integer(x ^ y);
            case BinOp::TrueDiv:
                if (y == 0) in.raise(Exc::ZeroDivisionError, "division by zero");
                if (std::llabs(x) < (1LL << 53) && std::llabs(y) < (1LL << 53))
                    return Value::floating(static_cast<double>(x) / static_cast<double>(y));
                break;
            default: break;
            }
        }
    }
    BigInt x = bigint_of(a), y = bigint_of(b);
    switch (op) {
    case BinOp::Add: return int_result(in, x + y);
    case BinOp::Sub: return int_result(in, x - y);
    case BinOp::Mul: return int_result(in, x * y);
    case BinOp::And: return int_result(in, x & y);
    case BinOp::Or: return int_result(in, x | y);
    case BinOp::Xor: return int_result(in, x ^ y);
    case BinOp::TrueDiv:
        if (y.is_zero()) in.raise(Exc::ZeroDivisionError, "division by zero");
        return Value::floating(BigInt::true_divide(x, y));
    case BinOp::FloorDiv:
        if (y.is_zero()) in.raise(Exc::ZeroDivisionError, "integer division or modulo by zero");
        return int_result(in, x.floor_div(y));
    case BinOp::Mod:
        if (y.is_zero()) in.raise(Exc::ZeroDivisionError, "integer modulo by zero");
        return int_result(in, x.mod(y));
    case BinOp::Pow:
        if (y.is_negative()) {
            if (x.is_zero()) in.raise(Exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return Value::floating(support::float_pow(x.to_double(), y.to_double()));
        }
        return int_result(in, x.pow(y));
    case BinOp::LShift: return int_result(in, x.shift_left(y));
    case BinOp::RShift: return int_result(in, x.shift_right(y));
    default: return Value();
    }
}

Value float_binary(Interpreter& in, BinOp op, double x, double y)
{
    switch (op) {
    case BinOp::Add: return Value::floating(x + y);
    case BinOp::Sub: return Value::floating(x - y);
    case BinOp::Mul: return Value::floating(x * y);
    case BinOp::TrueDiv: return Value::floating(support::float_true_divide(x, y));
    case BinOp::FloorDiv: return Value::floating(support::float_floor_div(x, y));
    case BinOp::Mod: return Value::floating(support::float_mod(x, y));
    case BinOp::Pow: return Value::floating(support::float_pow(x, y));
    default: (void)in; return Value();
    }
}

Value seq_repeat(Interpreter& in, const Value& seq, const Value& count)
{
    std::int64_t n = to_index(in, count);
    if (n < 0) n = 0;
    if (is_str(seq)) {
        const std::string& s = str_of(seq);
        check_str_size(in, static_cast<std::uint64_t>(n), s.size());
        std::string r;
        r.reserve(s.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) r += s;
        return in.str(std::move(r));
    }
    const auto& items = *seq_items(in, seq);
    if (!items.empty() && static_cast<std::uint64_t>(n) > kMaxSeqItems / items.size()) in.raise_memory_error();
    std::vector<Value> r;
    r.reserve(items.size() * static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) r.insert(r.end(), items.begin(), items.end());
    return seq.obj()->type == in.t_list ? in.list(std::move(r)) : in.tuple(std::move(r));
}

// a OP b for two sets, as CPython builds the result (set_algorithms.hpp); the result
// has a's type. Null for an operator sets do not have.
Value set_binary(Interpreter& in, BinOp op, const Value& a, const Value& b)
{
    const SetTable& sa = a.as<SetObj>()->table;
    SetTable r;
    switch (op) {
    case BinOp::Or: r = setalg::copy(sa); setalg::update(in, r, b); break;
    case BinOp::And: r = setalg::intersection(in, sa, b); break;
    case BinOp::Sub: r = setalg::difference(in, sa, b); break;
    case BinOp::Xor: r = setalg::symmetric_difference(in, sa, b); break;
    default: return Value();
    }
    Value out = in.set(a.obj()->type == in.t_frozenset);
    out.as<SetObj>()->table.replace(std::move(r));
    return out;
}

// a OP= b for a set a, in place as CPython does it.
void set_inplace(Interpreter& in, BinOp op, const Value& a, const Value& b)
{
    SetTable& sa = a.as<SetObj>()->table;
    switch (op) {
    case BinOp::Or: setalg::update(in, sa, b); break;
    case BinOp::And: sa.replace(setalg::intersection(in, sa, b)); break;
    case BinOp::Sub: setalg::difference_update(in, sa, b); break;
    case BinOp::Xor: setalg::symmetric_difference_update(in, sa, b); break;
    default: break;
    }
}

bool is_set_like(Interpreter& in, const Value& v)
{
    return v.is_obj() && (v.obj()->type == in.t_set || v.obj()->type == in.t_frozenset);
}

}  // namespace

void check_str_size(Interpreter& in, std::uint64_t count, std::uint64_t unit)
{
    if (unit != 0 && count > kMaxStrBytes / unit) in.raise_memory_error();
}


// ---------------------------------------------------------------- basics

std::string type_name(Interpreter& in, const Value& v) { return in.type_of(v)->name; }
bool is_str(const Value& v) noexcept { return v.is_obj() && v.obj()->type->layout == Layout::Str; }
bool is_int_like(const Value& v) noexcept
{
    return v.is_int() || v.is_bool() || (v.is_obj() && v.obj()->type->layout == Layout::Int);
}

std::int64_t str_length(const Str* s) noexcept
{
    if (s->length < 0) s->length = static_cast<std::int64_t>(support::utf8_length(s->s));
    return s->length;
}

bool to_bigint(const Value& v, BigInt& out)
{
    if (v.is_int() || v.is_bool()) {
        out = BigInt(static_cast<long long>(v.as_int()));
        return true;
    }
    if (v.is_obj() && v.obj()->type->layout == Layout::Int) {
        out = v.as<BigIntObj>()->v;
        return true;
    }
    return false;
}

BigInt bigint_of(const Value& v)
{
    BigInt b;
    to_bigint(v, b);
    return b;
}

Value normalize(Interpreter& in, BigInt v) { return in.integer(v); }

double to_double(Interpreter& in, const Value& v)
{
    if (v.is_float()) return v.as_float();
    if (v.is_int() || v.is_bool()) return static_cast<double>(v.as_int());
    if (is_int_like(v)) return v.as<BigIntObj>()->v.to_double();
    in.raise(Exc::TypeError, "must be real number, not " + type_name(in, v));
}

std::int64_t to_index(Interpreter& in, const Value& v, const char* what)
{
    if (v.is_int() || v.is_bool()) return v.as_int();
    if (is_int_like(v)) {
        in.raise(Exc::IndexError, "cannot fit 'int' into an index-sized integer");
    }
    if (is_user(v)) {
        Value r = dunder(in, v, "__index__", {});
        if (r) return to_index(in, r, what);
    }
    if (what) in.raise(Exc::TypeError, std::string(what));
    in.raise(Exc::TypeError, "'" + type_name(in, v) + "' object cannot be interpreted as an integer");
}

// ---------------------------------------------------------------- hashing

std::int64_t hash(Interpreter& in, const Value& v)
{
    switch (v.tag()) {
    case Tag::Int: {
        std::int64_t x = v.as_int();
        constexpr std::uint64_t P = (1ULL << 61) - 1;
        std::uint64_t m = x < 0 ? static_cast<std::uint64_t>(-(x + 1)) + 1 : static_cast<std::uint64_t>(x);
        std::int64_t h = static_cast<std::int64_t>(m % P);
        if (x < 0) h = -h;
        return h == -1 ? -2 : h;
    }
    case Tag::Bool: return v.as_int();
    case Tag::Float: return support::float_hash(v.as_float());
    case Tag::None: return 0xFCA86420;
    case Tag::Null: return 0;
    case Tag::Obj: break;
    }
    Object* o = v.obj();
    Type* t = o->type;
    switch (t->layout) {
    case Layout::Str: {
        auto* s = static_cast<Str*>(o);
        if (s->hash != -1) return s->hash;
        std::uint64_t h = 14695981039346656037ULL;
        for (unsigned char c : s->s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        auto r = static_cast<std::int64_t>(h >> 1);
        if (r == -1) r = -2;
        s->hash = r;
        return r;
    }
    case Layout::Int: return static_cast<BigIntObj*>(o)->v.hash();
    case Layout::Tuple: {
        Interpreter::DepthGuard guard(in);
        constexpr std::uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL, P5 = 2870177450012600261ULL;
        auto& items = static_cast<Tuple*>(o)->items;
        std::uint64_t acc = P5;
        for (auto& item : items) {
            auto lane = static_cast<std::uint64_t>(hash(in, item));
            acc += lane * P2;
            acc = (acc << 31) | (acc >> 33);
            acc *= P1;
        }
        acc += items.size() ^ (P5 ^ 3527539ULL);
        if (acc == static_cast<std::uint64_t>(-1)) return 1546275796;
        return static_cast<std::int64_t>(acc);
    }
    case Layout::FrozenSet: {
        std::uint64_t h = 0;
        for (auto& e : static_cast<SetObj*>(o)->table.table()) {
            if (e.key.is_null()) continue;
            auto x = static_cast<std::uint64_t>(e.hash);
            h ^= ((x ^ 89869747ULL) ^ (x << 16)) * 3644798167ULL;
        }
        h ^= (static_cast<SetObj*>(o)->table.size() + 1) * 1927868237ULL;
        h ^= (h >> 11) ^ (h >> 25);
        h = h * 69069U + 907133923ULL;
        auto r = static_cast<std::int64_t>(h);
        return r == -1 ? 590923713 : r;
    }
    case Layout::List: case Layout::Dict: case Layout::Set: case Layout::Slice:
        in.raise(Exc::TypeError, "unhashable type: '" + t->name + "'");
    case Layout::Instance: case Layout::Exception:
        if (!t->builtin) {
            Value m = in.type_lookup(t, "__hash__");
            if (m && m.is_none()) in.raise(Exc::TypeError, "unhashable type: '" + t->name + "'");
            if (m && m.is_obj() && m.obj()->type == in.t_function) {
                Value r = in.call(m, std::span<const Value>(&v, 1));
                if (!is_int_like(r)) in.raise(Exc::TypeError, "__hash__ method should return an integer");
                std::int64_t h = hash(in, r);
                return h == -1 ? -2 : h;
            }
        }
        break;
    default: break;
    }
    auto p = reinterpret_cast<std::uintptr_t>(o);
    return static_cast<std::int64_t>((p >> 4) | (p << 60)) & 0x7fffffffffffffffLL;
}

// ------------------------------------------------------------------ truth

bool truthy(Interpreter& in, const Value& v)
{
    switch (v.tag()) {
    case Tag::None: case Tag::Null: return false;
    case Tag::Bool: case Tag::Int: return v.as_int() != 0;
    case Tag::Float: return v.as_float() != 0.0;
    case Tag::Obj: break;
    }
    Object* o = v.obj();
    switch (o->type->layout) {
    case Layout::Str: return !static_cast<Str*>(o)->s.empty();
    case Layout::Int: return !static_cast<BigIntObj*>(o)->v.is_zero();
    case Layout::List: return !static_cast<List*>(o)->items.empty();
    case Layout::Tuple: return !static_cast<Tuple*>(o)->items.empty();
    case Layout::Dict: return static_cast<Dict*>(o)->table.size() != 0;
    case Layout::Set: case Layout::FrozenSet: return static_cast<SetObj*>(o)->table.size() != 0;
    case Layout::Range: return static_cast<Range*>(o)->length() != 0;
    case Layout::DictView: return static_cast<DictView*>(o)->dict.as<Dict>()->table.size() != 0;
    case Layout::Instance: case Layout::Exception:
        if (!o->type->builtin) {
            Value m = in.type_lookup(o->type, "__bool__");
            if (m) {
                Value r = in.call(m, std::span<const Value>(&v, 1));
                if (!r.is_bool()) in.raise(Exc::TypeError, "__bool__ should return bool, returned " + type_name(in, r));
                return r.as_bool();
            }
            m = in.type_lookup(o->type, "__len__");
            if (m) return len(in, v) != 0;
        }
        return true;
    default: return true;
    }
}

// ------------------------------------------------------------- repr / str

namespace {
struct ReprGuard {
    ReprGuard(Interpreter& in, Object* o) : in(in), o(o)
    {
        for (Object* x : stack()) if (x == o) { recursive = true; return; }
        stack().push_back(o);
    }
    ~ReprGuard() { if (!recursive) stack().pop_back(); }
    static std::vector<Object*>& stack()
    {
        thread_local std::vector<Object*> s;
        return s;
    }
    Interpreter& in;
    Object* o;
    bool recursive = false;
};

std::string qualified_type_name(Type* t)
{
    if (t->module == "builtins") return t->qualname;
    return t->module + "." + t->qualname;
}
}  // namespace

std::string repr(Interpreter& in, const Value& v)
{
    switch (v.tag()) {
    case Tag::None: return "None";
    case Tag::Null: return "<NULL>";
    case Tag::Bool: return v.as_bool() ? "True" : "False";
    case Tag::Int: return std::to_string(v.as_int());
    case Tag::Float: return support::float_repr(v.as_float());
    case Tag::Obj: break;
    }
    Object* o = v.obj();
    Type* t = o->type;
    Interpreter::DepthGuard guard(in);
    switch (t->layout) {
    case Layout::Str: return support::python_str_repr(static_cast<Str*>(o)->s);
    case Layout::Int: return static_cast<BigIntObj*>(o)->v.to_string();
    case Layout::List: {
        ReprGuard g(in, o);
        if (g.recursive) return "[...]";
        std::string s = "[";
        auto items = static_cast<List*>(o)->items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) s += ", ";
            s += repr(in, items[i]);
        }
        return s + "]";
    }
    case Layout::Tuple: {
        auto& items = static_cast<Tuple*>(o)->items;
        if (items.empty()) return "()";
        std::string s = "(";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) s += ", ";
            s += repr(in, items[i]);
        }
        return s + (items.size() == 1 ? ",)" : ")");
    }
    case Layout::Dict: {
        ReprGuard g(in, o);
        if (g.recursive) return "{...}";
        std::string s = "{";
        bool first = true;
        auto entries = static_cast<Dict*>(o)->table.entries();
        for (auto& e : entries) {
            if (e.key.is_null()) continue;
            if (!first) s += ", ";
            first = false;
            s += repr(in, e.key) + ": " + repr(in, e.value);
        }
        return s + "}";
    }
    case Layout::Set:
    case Layout::FrozenSet: {
        auto& table = static_cast<SetObj*>(o)->table;
        bool frozen = t->layout == Layout::FrozenSet;
        if (table.size() == 0) return frozen ? "frozenset()" : "set()";
        ReprGuard g(in, o);
        if (g.recursive) return t->name + "(...)";
        std::string s = frozen ? "frozenset({" : "{";
        bool first = true;
        auto entries = table.table();
        for (auto& e : entries) {
            if (e.key.is_null()) continue;
            if (!first) s += ", ";
            first = false;
            s += repr(in, e.key);
        }
        return s + (frozen ? "})" : "}");
    }
    case Layout::Range: {
        auto* r = static_cast<Range*>(o);
        std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
        if (r->step != 1) s += ", " + std::to_string(r->step);
        return s + ")";
    }
    case Layout::Slice: {
        auto* sl = static_cast<SliceObj*>(o);
        return "slice(" + repr(in, sl->start) + ", " + repr(in, sl->stop) + ", " + repr(in, sl->step) + ")";
    }
    case Layout::Function: return "<function " + str_of(static_cast<Function*>(o)->qualname) + " at " + addr(o) + ">";
    case Layout::Native: {
        auto* n = static_cast<NativeFn*>(o);
        if (n->self) return "<built-in method " + n->name + " of " + type_name(in, n->self) + " object at " + addr(n->self.obj()) + ">";
        return "<built-in function " + n->name + ">";
    }
    case Layout::Method: {
        auto* bm = static_cast<BoundMethod*>(o);
        std::string fname;
        if (bm->func.is_obj() && bm->func.obj()->type == in.t_function) fname = str_of(bm->func.as<Function>()->qualname);
        else if (bm->func.is_obj() && bm->func.obj()->type == in.t_native) {
            return "<built-in method " + bm->func.as<NativeFn>()->name + " of " + type_name(in, bm->self) + " object at " +
                   addr(bm->self.is_obj() ? bm->self.obj() : nullptr) + ">";
        }
        return "<bound method " + fname + " of " + repr(in, bm->self) + ">";
    }
    case Layout::Type: {
        auto* ty = static_cast<Type*>(o);
        return "<class '" + qualified_type_name(ty) + "'>";
    }
    case Layout::Module: return "<module '" + static_cast<Module*>(o)->name + "'>";
    case Layout::Generator: return "<generator object " + str_of(static_cast<GenObj*>(o)->qualname) + " at " + addr(o) + ">";
    case Layout::Coroutine: return "<coroutine object " + str_of(static_cast<GenObj*>(o)->qualname) + " at " + addr(o) + ">";
    case Layout::AsyncGenerator:
        return "<async_generator object " + str_of(static_cast<GenObj*>(o)->qualname) + " at " + addr(o) + ">";
    case Layout::NotImplemented: return "NotImplemented";
    case Layout::Ellipsis: return "Ellipsis";
    case Layout::DictView: {
        auto* dv = static_cast<DictView*>(o);
        std::string s = t->name + "([";
        bool first = true;
        auto entries = dv->dict.as<Dict>()->table.entries();
        for (auto& e : entries) {
            if (e.key.is_null()) continue;
            if (!first) s += ", ";
            first = false;
            if (dv->kind == ViewKind::Keys) s += repr(in, e.key);
            else if (dv->kind == ViewKind::Values) s += repr(in, e.value);
            else s += "(" + repr(in, e.key) + ", " + repr(in, e.value) + ")";
        }
        return s + "])";
    }
    case Layout::Partial: {
        auto* p = static_cast<Partial*>(o);
        std::string s = "functools.partial(" + repr(in, p->func);
        for (auto& a : p->args) s += ", " + repr(in, a);
        if (p->kwargs)
            for (auto& e : p->kwargs.as<Dict>()->table.entries())
                if (!e.key.is_null()) s += ", " + str_of(e.key) + "=" + repr(in, e.value);
        return s + ")";
    }
    case Layout::Property: return "<property object at " + addr(o) + ">";
    case Layout::Cell: return "<cell at " + addr(o) + ">";
    default: break;
    }
    // Embedding types (asyncio's Task, Future, ...) may define their own __repr__ too.
    if (!t->builtin || t->layout == Layout::Exception || t->layout == Layout::NativeAwaitable || t->layout == Layout::Other) {
        Value m = own_method(in, t, "__repr__");
        if (m) {
            Value r = in.call(m, std::span<const Value>(&v, 1));
            if (!is_str(r)) in.raise(Exc::TypeError, "__repr__ returned non-string (type " + type_name(in, r) + ")");
            return str_of(r);
        }
    }
    if (t->layout == Layout::Exception) {
        auto* e = static_cast<ExceptionObj*>(o);
        auto& args = e->args.as<Tuple>()->items;
        std::string name = t->name;
        if (args.size() == 1) return name + "(" + repr(in, args[0]) + ")";
        std::string r = repr(in, e->args);
        return name + (args.empty() ? "()" : r);
    }
    return "<" + qualified_type_name(t) + " object at " + addr(o) + ">";
}

std::string ascii(Interpreter& in, const Value& v)
{
    std::string r = repr(in, v);
    std::string out;
    for (std::size_t p = 0; p < r.size();) {
        std::size_t start = p;
        char32_t c = support::utf8_decode(r, p);
        if (c < 0x80) out += r.substr(start, p - start);
        else {
            char buf[16];
            if (c <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            else if (c <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
            out += buf;
        }
    }
    return out;
}

std::string to_str(Interpreter& in, const Value& v)
{
    if (v.is_obj()) {
        Object* o = v.obj();
        Type* t = o->type;
        if (t->layout == Layout::Str) return static_cast<Str*>(o)->s;
        // Builtin types of the embedding (asyncio's queues) may define their own __str__.
        if (!t->builtin || t->layout == Layout::Exception || t->layout == Layout::Other) {
            Value m = own_method(in, t, "__str__");
            if (m) {
                Interpreter::DepthGuard guard(in);
                Value r = in.call(m, std::span<const Value>(&v, 1));
                if (!is_str(r)) in.raise(Exc::TypeError, "__str__ returned non-string (type " + type_name(in, r) + ")");
                return str_of(r);
            }
            if (t->layout == Layout::Exception) {
                auto* e = static_cast<ExceptionObj*>(o);
                auto& args = e->args.as<Tuple>()->items;
                if (in.is_instance_of(v, in.exc_type(Exc::KeyError)) && args.size() == 1) return repr(in, args[0]);
                if (in.is_instance_of(v, in.exc_type(Exc::BaseExceptionGroup)) && args.size() >= 2) {
                    auto n = len(in, args[1]);
                    return to_str(in, args[0]) + " (" + std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")";
                }
                if (args.empty()) return "";
                if (args.size() == 1) return to_str(in, args[0]);
                return repr(in, e->args);
            }
        }
    }
    return repr(in, v);
}

std::string format(Interpreter& in, const Value& v, std::string_view spec)
{
    if (v.is_bool()) {
        if (spec.empty()) return v.as_bool() ? "True" : "False";
        return support::format_int(BigInt(static_cast<long long>(v.as_int())), spec, "bool");
    }
    if (is_int_like(v)) {
        if (spec.empty()) return repr(in, v);
        return support::format_int(bigint_of(v), spec, "int");
    }
    if (v.is_float()) return support::format_float(v.as_float(), spec);
    if (is_str(v)) return support::format_str(str_of(v), spec);
    Type* t = in.type_of(v);
    if (!t->builtin) {
        Value m = in.type_lookup(t, "__format__");
        if (m && m.is_obj() && m.obj()->type == in.t_function) {
            Value args[2] = {v, in.str(std::string(spec))};
            Value r = in.call(m, args);
            if (!is_str(r)) in.raise(Exc::TypeError, "__format__ must return a str, not " + type_name(in, r));
            return str_of(r);
        }
    }
    if (!spec.empty()) in.raise(Exc::TypeError, "unsupported format string passed to " + t->name + ".__format__");
    return to_str(in, v);
}

// ------------------------------------------------------------- arithmetic

Value binary(Interpreter& in, BinOp op, const Value& a, const Value& b, bool inplace)
{
    if (is_int_like(a) && is_int_like(b)) {
        Value r = int_binary(in, op, a, b);
        if (r) return r;
    } else if (is_number(a) && is_number(b)) {
        Value r = float_binary(in, op, to_double(in, a), to_double(in, b));
        if (r) return r;
    } else if (a.is_obj() || b.is_obj()) {
        Type* ta = in.type_of(a);
        Type* tb = in.type_of(b);
        if (ta->layout == Layout::Str) {
            if (op == BinOp::Add) {
                if (tb->layout != Layout::Str)
                    in.raise(Exc::TypeError, "can only concatenate str (not \"" + tb->name + "\") to str");
                return in.str(str_of(a) + str_of(b));
            }
            if (op == BinOp::Mul && is_int_like(b)) return seq_repeat(in, a, b);
            if (op == BinOp::Mod) return in.str(str_mod(in, str_of(a), b));
        }
        if (ta->layout == Layout::List || ta->layout == Layout::Tuple) {
            if (op == BinOp::Add) {
                if (tb != ta)
                    in.raise(Exc::TypeError, "can only concatenate " + ta->name + " (not \"" + tb->name + "\") to " + ta->name);
                if (inplace && ta->layout == Layout::List) {
                    auto copy = b.as<List>()->items;
                    auto& dst = a.as<List>()->items;
                    dst.insert(dst.end(), copy.begin(), copy.end());
                    return a;
                }
                std::vector<Value> r = *seq_items(in, a);
                auto& rb = *seq_items(in, b);
                r.insert(r.end(), rb.begin(), rb.end());
                return ta->layout == Layout::List ? in.list(std::move(r)) : in.tuple(std::move(r));
            }
            if (op == BinOp::Mul && is_int_like(b)) {
                Value r = seq_repeat(in, a, b);
                if (inplace && ta->layout == Layout::List) {
                    a.as<List>()->items = r.as<List>()->items;
                    return a;
                }
                return r;
            }
        }
        if (op == BinOp::Mul && is_int_like(a) && (tb->layout == Layout::Str || tb->layout == Layout::List || tb->layout == Layout::Tuple))
            return seq_repeat(in, b, a);
        if (op == BinOp::Mul && !is_user(a) && !is_user(b) &&
            ((ta->layout == Layout::Str || ta->layout == Layout::List || ta->layout == Layout::Tuple) ||
             (tb->layout == Layout::Str || tb->layout == Layout::List || tb->layout == Layout::Tuple)))
            in.raise(Exc::TypeError, "can't multiply sequence by non-int of type '" +
                                         (ta->layout == Layout::Str || ta->layout == Layout::List || ta->layout == Layout::Tuple ? tb->name : ta->name) + "'");
        if (ta->layout == Layout::List && inplace && op == BinOp::Add) {
            auto items = to_vector(in, b);
            auto& dst = a.as<List>()->items;
            dst.insert(dst.end(), items.begin(), items.end());
            return a;
        }
        if (is_set_like(in, a) && is_set_like(in, b) &&
            (op == BinOp::Or || op == BinOp::And || op == BinOp::Sub || op == BinOp::Xor)) {
            if (inplace && ta == in.t_set) {
                set_inplace(in, op, a, b);
                return a;
            }
            return set_binary(in, op, a, b);
        }
        if (ta->layout == Layout::Dict && tb->layout == Layout::Dict && op == BinOp::Or) {
            Value r = a;
            if (!inplace) {
                r = in.dict();
                for (auto& e : a.as<Dict>()->table.entries())
                    if (!e.key.is_null()) r.as<Dict>()->table.set(e.key, e.hash, e.value);
            }
            auto entries = b.as<Dict>()->table.entries();
            for (auto& e : entries)
                if (!e.key.is_null()) r.as<Dict>()->table.set(e.key, e.hash, e.value);
            return r;
        }
        if (ta->layout == Layout::DictView && tb->layout != Layout::Int) {
            // dict_keys set operations
            Value sa = in.set();
            for (auto& x : to_vector(in, a)) set_add(in, sa, x);
            Value sb = in.set();
            for (auto& x : to_vector(in, b)) set_add(in, sb, x);
            Value r = set_binary(in, op, sa, sb);
            if (r) return r;
        }
        if (is_user(a)) {
            if (inplace) {
                Value r = dunder(in, a, op_idunder(op), {b});
                if (r && !r.same(in.not_implemented)) return r;
            }
            Value r = dunder(in, a, op_dunder(op), {b});
            if (r && !r.same(in.not_implemented)) return r;
        }
        if (is_user(b)) {
            Value r = dunder(in, b, op_rdunder(op), {a});
            if (r && !r.same(in.not_implemented)) return r;
        }
    }
    in.raise(Exc::TypeError, std::string("unsupported operand type(s) for ") + op_symbol(op) + (inplace ? "=" : "") +
                                 (op == BinOp::Pow && !inplace ? " or pow()" : "") + ": '" +
                                 type_name(in, a) + "' and '" + type_name(in, b) + "'");
}

Value negate(Interpreter& in, const Value& v)
{
    if (v.is_int() || v.is_bool()) {
        if (v.as_int() == INT64_MIN) return in.integer(-BigInt(static_cast<long long>(v.as_int())));
        return Value::integer(-v.as_int());
    }
    if (v.is_float()) return Value::floating(-v.as_float());
    if (is_int_like(v)) return in.integer(-bigint_of(v));
    if (is_user(v)) {
        Value r = dunder(in, v, "__neg__", {});
        if (r) return r;
    }
    in.raise(Exc::TypeError, "bad operand type for unary -: '" + type_name(in, v) + "'");
}

Value positive(Interpreter& in, const Value& v)
{
    if (v.is_bool()) return Value::integer(v.as_int());
    if (is_int_like(v) || v.is_float()) return v;
    if (is_user(v)) {
        Value r = dunder(in, v, "__pos__", {});
        if (r) return r;
    }
    in.raise(Exc::TypeError, "bad operand type for unary +: '" + type_name(in, v) + "'");
}

Value invert(Interpreter& in, const Value& v)
{
    if (v.is_int() || v.is_bool()) return Value::integer(~v.as_int());
    if (is_int_like(v)) return in.integer(~bigint_of(v));
    if (is_user(v)) {
        Value r = dunder(in, v, "__invert__", {});
        if (r) return r;
    }
    in.raise(Exc::TypeError, "bad operand type for unary ~: '" + type_name(in, v) + "'");
}

// ------------------------------------------------------------ comparison

namespace {

// -1, 0, 1 for numbers; exact for int vs float.
int num_cmp(Interpreter& in, const Value& a, const Value& b, bool& unordered)
{
    unordered = false;
    if (is_int_like(a) && is_int_like(b)) {
        if ((a.is_int() || a.is_bool()) && (b.is_int() || b.is_bool()))
            return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
        auto c = bigint_of(a) <=> bigint_of(b);
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.is_float() && b.is_float()) {
        double x = a.as_float(), y = b.as_float();
        if (std::isnan(x) || std::isnan(y)) { unordered = true; return 0; }
        return x < y ? -1 : x > y ? 1 : 0;
    }
    // int vs float
    bool swap = a.is_float();
    double d = swap ? a.as_float() : b.as_float();
    const Value& iv = swap ? b : a;
    if (std::isnan(d)) { unordered = true; return 0; }
    int r;
    if (std::isinf(d)) r = d > 0 ? -1 : 1;
    else {
        BigInt i = bigint_of(iv);
        double fl = std::floor(d);
        BigInt f = BigInt(fl);
        auto c = i <=> f;
        if (c < 0) r = -1;
        else if (c > 0) r = 1;
        else r = (d > fl) ? -1 : 0;
    }
    (void)in;
    return swap ? -r : r;
}

bool cmp_result(CmpOp op, int c)
{
    switch (op) {
    case CmpOp::Eq: return c == 0;
    case CmpOp::Ne: return c != 0;
    case CmpOp::Lt: return c < 0;
    case CmpOp::Le: return c <= 0;
    case CmpOp::Gt: return c > 0;
    case CmpOp::Ge: return c >= 0;
    }
    return false;
}

const char* cmp_symbol(CmpOp op)
{
    static const char* s[] = {"==", "!=", "<", "<=", ">", ">="};
    return s[static_cast<int>(op)];
}
const char* cmp_dunder(CmpOp op)
{
    static const char* s[] = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"};
    return s[static_cast<int>(op)];
}
CmpOp cmp_swap(CmpOp op)
{
    switch (op) {
    case CmpOp::Lt: return CmpOp::Gt;
    case CmpOp::Le: return CmpOp::Ge;
    case CmpOp::Gt: return CmpOp::Lt;
    case CmpOp::Ge: return CmpOp::Le;
    default: return op;
    }
}

bool set_subset(Interpreter& in, const Value& a, const Value& b)
{
    (void)in;
    auto& ta = a.as<SetObj>()->table;
    auto& tb = b.as<SetObj>()->table;
    if (ta.size() > tb.size()) return false;
    for (auto& e : ta.table())
        if (!e.key.is_null() && !tb.contains(e.key, e.hash)) return false;
    return true;
}

}  // namespace

Value compare(Interpreter& in, CmpOp op, const Value& a, const Value& b)
{
    if (is_number(a) && is_number(b)) {
        bool unordered;
        int c = num_cmp(in, a, b, unordered);
        if (unordered) return Value::boolean(op == CmpOp::Ne);
        return Value::boolean(cmp_result(op, c));
    }
    Type* ta = in.type_of(a);
    Type* tb = in.type_of(b);
    if (ta->layout == Layout::Str && tb->layout == Layout::Str) {
        int c = str_of(a).compare(str_of(b));
        return Value::boolean(cmp_result(op, c < 0 ? -1 : c > 0 ? 1 : 0));
    }
    if ((ta->layout == Layout::List || ta->layout == Layout::Tuple) && ta == tb) {
        Interpreter::DepthGuard guard(in);
        auto ia = *seq_items(in, a);
        auto ib = *seq_items(in, b);
        std::size_t i = 0;
        for (; i < ia.size() && i < ib.size(); ++i)
            if (!(ia[i].same(ib[i]) || eq(in, ia[i], ib[i]))) break;
        if (i >= ia.size() || i >= ib.size()) {
            int c = ia.size() < ib.size() ? -1 : ia.size() > ib.size() ? 1 : 0;
            return Value::boolean(cmp_result(op, c));
        }
        if (op == CmpOp::Eq) return Value::boolean(false);
        if (op == CmpOp::Ne) return Value::boolean(true);
        return compare(in, op, ia[i], ib[i]);
    }
    if (is_set_like(in, a) && is_set_like(in, b)) {
        std::size_t na = a.as<SetObj>()->table.size(), nb = b.as<SetObj>()->table.size();
        switch (op) {
        case CmpOp::Eq: return Value::boolean(na == nb && set_subset(in, a, b));
        case CmpOp::Ne: return Value::boolean(!(na == nb && set_subset(in, a, b)));
        case CmpOp::Le: return Value::boolean(set_subset(in, a, b));
        case CmpOp::Lt: return Value::boolean(na < nb && set_subset(in, a, b));
        case CmpOp::Ge: return Value::boolean(set_subset(in, b, a));
        case CmpOp::Gt: return Value::boolean(na > nb && set_subset(in, b, a));
        }
    }
    if (ta->layout == Layout::Dict && tb->layout == Layout::Dict && (op == CmpOp::Eq || op == CmpOp::Ne)) {
        Interpreter::DepthGuard guard(in);
        auto& da = a.as<Dict>()->table;
        auto& db = b.as<Dict>()->table;
        bool equal = da.size() == db.size();
        if (equal) {
            auto entries = da.entries();
            for (auto& e : entries) {
                if (e.key.is_null()) continue;
                Value* v = db.get(e.key, e.hash);
                if (!v || !(v->same(e.value) || eq(in, *v, e.value))) {
                    equal = false;
                    break;
                }
            }
        }
        return Value::boolean(op == CmpOp::Eq ? equal : !equal);
    }
    if (ta->layout == Layout::Range && tb->layout == Layout::Range && (op == CmpOp::Eq || op == CmpOp::Ne)) {
        auto* x = a.as<Range>();
        auto* y = b.as<Range>();
        std::int64_t lx = x->length(), ly = y->length();
        bool equal = lx == ly && (lx == 0 || (x->start == y->start && (lx == 1 || x->step == y->step)));
        return Value::boolean(op == CmpOp::Eq ? equal : !equal);
    }
    if (ta->layout == Layout::DictView && tb->layout == Layout::DictView && (op == CmpOp::Eq || op == CmpOp::Ne)) {
        Value sa = in.set(), sb = in.set();
        for (auto& x : to_vector(in, a)) set_add(in, sa, x);
        for (auto& x : to_vector(in, b)) set_add(in, sb, x);
        return compare(in, op, sa, sb);
    }
    if (ta->layout == Layout::Method && tb->layout == Layout::Method && (op == CmpOp::Eq || op == CmpOp::Ne)) {
        bool equal = a.as<BoundMethod>()->self.same(b.as<BoundMethod>()->self) && a.as<BoundMethod>()->func.same(b.as<BoundMethod>()->func);
        return Value::boolean(op == CmpOp::Eq ? equal : !equal);
    }
    // User-defined rich comparison: the reflected method of a subclass operand first.
    bool tried_b = false;
    if (is_user(b) && tb != ta) {
        bool sub = false;
        for (Type* m : tb->mro) if (m == ta) sub = true;
        if (sub) {
            tried_b = true;
            Value r = dunder(in, b, cmp_dunder(cmp_swap(op)), {a});
            if (r && !r.same(in.not_implemented)) return r;
        }
    }
    if (is_user(a)) {
        Value r = dunder(in, a, cmp_dunder(op), {b});
        if (r && !r.same(in.not_implemented)) return r;
        if (op == CmpOp::Ne) {
            Value e = dunder(in, a, "__eq__", {b});
            if (e && !e.same(in.not_implemented)) return Value::boolean(!truthy(in, e));
        }
    }
    if (is_user(b) && !tried_b) {
        Value r = dunder(in, b, cmp_dunder(cmp_swap(op)), {a});
        if (r && !r.same(in.not_implemented)) return r;
    }
    if (op == CmpOp::Eq) return Value::boolean(a.same(b));
    if (op == CmpOp::Ne) return Value::boolean(!a.same(b));
    in.raise(Exc::TypeError, std::string("'") + cmp_symbol(op) + "' not supported between instances of '" + ta->name +
                                 "' and '" + tb->name + "'");
}

bool eq(Interpreter& in, const Value& a, const Value& b)
{
    if (a.same(b) && !a.is_float()) return true;
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    if (is_str(a) && is_str(b)) return str_of(a) == str_of(b);
    Value r = compare(in, CmpOp::Eq, a, b);
    return r.is_bool() ? r.as_bool() : truthy(in, r);
}

bool lt(Interpreter& in, const Value& a, const Value& b)
{
    if (a.is_int() && b.is_int()) return a.as_int() < b.as_int();
    Value r = compare(in, CmpOp::Lt, a, b);
    return r.is_bool() ? r.as_bool() : truthy(in, r);
}

bool contains(Interpreter& in, const Value& c, const Value& item)
{
    Type* t = in.type_of(c);
    switch (t->layout) {
    case Layout::List:
    case Layout::Tuple: {
        auto items = *seq_items(in, c);
        for (auto& x : items)
            if (x.same(item) || eq(in, x, item)) return true;
        return false;
    }
    case Layout::Str:
        if (!is_str(item)) in.raise(Exc::TypeError, "'in <string>' requires string as left operand, not " + type_name(in, item));
        return str_of(c).find(str_of(item)) != std::string::npos;
    case Layout::Dict: return c.as<Dict>()->table.find(item, hash(in, item)) >= 0;
    case Layout::Set:
    case Layout::FrozenSet: {
        if (is_set_like(in, item) && item.obj()->type == in.t_set) {
            Value fs = in.set(true);
            fs.as<SetObj>()->table.merge(item.as<SetObj>()->table);
            return c.as<SetObj>()->table.contains(fs, hash(in, fs));
        }
        return c.as<SetObj>()->table.contains(item, hash(in, item));
    }
    case Layout::Range: {
        auto* r = c.as<Range>();
        if (item.is_int() || item.is_bool()) {
            std::int64_t x = item.as_int();
            if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return false;
            return (x - r->start) % r->step == 0;
        }
        break;
    }
    case Layout::DictView: {
        auto* dv = c.as<DictView>();
        if (dv->kind == ViewKind::Keys) return dv->dict.as<Dict>()->table.find(item, hash(in, item)) >= 0;
        break;
    }
    default:
        if (is_user(c)) {
            Value r = dunder(in, c, "__contains__", {item});
            if (r) return truthy(in, r);
            if (!in.type_lookup(t, "__iter__") && !in.type_lookup(t, "__getitem__"))
                in.raise(Exc::TypeError, "argument of type '" + t->name + "' is not iterable");
        } else if (t->layout != Layout::Iterator && t->layout != Layout::Generator && t->layout != Layout::DictView) {
            in.raise(Exc::TypeError, "argument of type '" + t->name + "' is not iterable");
        }
    }
    Value it = get_iter(in, c);
    for (;;) {
        Value x = next(in, it);
        if (!x) return false;
        if (x.same(item) || eq(in, x, item)) return true;
    }
}

// -------------------------------------------------------------- iteration

Value get_iter(Interpreter& in, const Value& v)
{
    Type* t = in.type_of(v);
    switch (t->layout) {
    case Layout::List: return in.iterator(IterKind::List, v);
    case Layout::Tuple: return in.iterator(IterKind::Tuple, v);
    case Layout::Str: return in.iterator(IterKind::Str, v);
    case Layout::Range: {
        auto* r = v.as<Range>();
        Value it = in.iterator(IterKind::Range, v);
        it.as<Iterator>()->index = r->start;
        it.as<Iterator>()->end = r->stop;
        it.as<Iterator>()->step = r->step;
        return it;
    }
    case Layout::Dict: {
        Value it = in.iterator(IterKind::DictKeys, v);
        it.as<Iterator>()->size = v.as<Dict>()->table.size();
        return it;
    }
    case Layout::DictView: {
        auto* dv = v.as<DictView>();
        IterKind k = dv->kind == ViewKind::Keys ? IterKind::DictKeys : dv->kind == ViewKind::Values ? IterKind::DictValues : IterKind::DictItems;
        Value it = in.iterator(k, dv->dict);
        it.as<Iterator>()->size = dv->dict.as<Dict>()->table.size();
        return it;
    }
    case Layout::Set:
    case Layout::FrozenSet: {
        Value it = in.iterator(IterKind::Set, v);
        it.as<Iterator>()->size = v.as<SetObj>()->table.size();
        return it;
    }
    case Layout::Iterator:
    case Layout::Generator: return v;
    default: break;
    }
    if (!t->builtin || t->layout == Layout::Exception) {
        Value m = in.type_lookup(t, "__iter__");
        if (m && !m.is_none()) {
            Value r = in.call(m, std::span<const Value>(&v, 1));
            Type* rt = in.type_of(r);
            if (rt->layout != Layout::Iterator && rt->layout != Layout::Generator && !in.type_lookup(rt, "__next__"))
                in.raise(Exc::TypeError, "iter() returned non-iterator of type '" + rt->name + "'");
            return r;
        }
        if (in.type_lookup(t, "__getitem__")) return in.iterator(IterKind::SeqGetItem, v);
    }
    in.raise(Exc::TypeError, "'" + t->name + "' object is not iterable");
}

Value next(Interpreter& in, const Value& itv)
{
    in.tick();
    Type* t = in.type_of(itv);
    if (t->layout == Layout::Generator) return in.gen_next(itv.as<GenObj>());
    if (t->layout != Layout::Iterator) {
        Value m = in.type_lookup(t, "__next__");
        if (!m) in.raise(Exc::TypeError, "'" + t->name + "' object is not an iterator");
        try {
            return in.call(m, std::span<const Value>(&itv, 1));
        } catch (PyThrow& e) {
            if (in.is_instance_of(e.exc, in.exc_type(Exc::StopIteration))) return Value();
            throw;
        }
    }
    auto* it = itv.as<Iterator>();
    switch (it->kind) {
    case IterKind::List:
    case IterKind::Tuple: {
        auto& items = it->kind == IterKind::List ? it->seq.as<List>()->items : it->seq.as<Tuple>()->items;
        if (it->index >= 0 && it->index < static_cast<std::int64_t>(items.size())) return items[static_cast<std::size_t>(it->index++)];
        it->index = -1;
        return Value();
    }
    case IterKind::Range:
        if ((it->step > 0 && it->index < it->end) || (it->step < 0 && it->index > it->end)) {
            std::int64_t v = it->index;
            it->index += it->step;
            return Value::integer(v);
        }
        return Value();
    case IterKind::Str: {
        const std::string& s = str_of(it->seq);
        if (it->index >= static_cast<std::int64_t>(s.size())) return Value();
        std::size_t pos = static_cast<std::size_t>(it->index);
        std::size_t start = pos;
        support::utf8_decode(s, pos);
        it->index = static_cast<std::int64_t>(pos);
        return in.str(s.substr(start, pos - start));
    }
    case IterKind::DictKeys:
    case IterKind::DictValues:
    case IterKind::DictItems: {
        auto& table = it->seq.as<Dict>()->table;
        if (table.size() != it->size) {
            it->size = static_cast<std::size_t>(-1);
            in.raise(Exc::RuntimeError, "dictionary changed size during iteration");
        }
        auto& entries = table.entries();
        while (it->index < static_cast<std::int64_t>(entries.size())) {
            auto& e = entries[static_cast<std::size_t>(it->index++)];
            if (e.key.is_null()) continue;
            if (it->kind == IterKind::DictKeys) return e.key;
            if (it->kind == IterKind::DictValues) return e.value;
            return in.tuple({e.key, e.value});
        }
        return Value();
    }
    case IterKind::Set: {
        auto& table = it->seq.as<SetObj>()->table;
        if (table.size() != it->size) {
            it->size = static_cast<std::size_t>(-1);
            in.raise(Exc::RuntimeError, "Set changed size during iteration");
        }
        auto& entries = table.table();
        while (it->index < static_cast<std::int64_t>(entries.size())) {
            auto& e = entries[static_cast<std::size_t>(it->index++)];
            if (!e.key.is_null()) return e.key;
        }
        return Value();
    }
    case IterKind::Enumerate: {
        Value x = next(in, it->seq);
        if (!x) return Value();
        Value idx = it->parts.empty() ? Value::integer(it->index++) : it->parts[0];
        if (!it->parts.empty()) it->parts[0] = binary(in, BinOp::Add, it->parts[0], Value::integer(1));
        return in.tuple({idx, x});
    }
    case IterKind::Zip: {
        if (it->parts.empty()) return Value();
        std::vector<Value> items;
        for (std::size_t i = 0; i < it->parts.size(); ++i) {
            Value x = next(in, it->parts[i]);
            if (!x) {
                if (it->strict) {
                    if (i > 0)
                        in.raise(Exc::ValueError, "zip() argument " + std::to_string(i + 1) + " is shorter than argument" +
                                                      (i == 1 ? " 1" : "s 1-" + std::to_string(i)));
                    for (std::size_t j = 1; j < it->parts.size(); ++j) {
                        if (next(in, it->parts[j]))
                            in.raise(Exc::ValueError, "zip() argument " + std::to_string(j + 1) + " is longer than argument" +
                                                          (j == 1 ? " 1" : "s 1-" + std::to_string(j)));
                    }
                }
                return Value();
            }
            items.push_back(std::move(x));
        }
        return in.tuple(std::move(items));
    }
    case IterKind::Map: {
        std::vector<Value> args;
        for (std::size_t i = 1; i < it->parts.size(); ++i) {
            Value x = next(in, it->parts[i]);
            if (!x) return Value();
            args.push_back(std::move(x));
        }
        return in.call(it->parts[0], args);
    }
    case IterKind::Filter:
        for (;;) {
            Value x = next(in, it->seq);
            if (!x) return Value();
            bool keep = it->parts[0].is_none() ? truthy(in, x) : truthy(in, in.call(it->parts[0], std::span<const Value>(&x, 1)));
            if (keep) return x;
        }
    case IterKind::Reversed: {
        if (it->index < 0) return Value();
        Value idx = Value::integer(it->index--);
        if (it->seq.is_obj() && it->seq.obj()->type == in.t_list) {
            auto& items = it->seq.as<List>()->items;
            if (idx.as_int() >= static_cast<std::int64_t>(items.size())) { it->index = -1; return Value(); }
        }
        return getitem(in, it->seq, idx);
    }
    case IterKind::SeqGetItem: {
        try {
            return getitem(in, it->seq, Value::integer(it->index++));
        } catch (PyThrow& e) {
            if (in.is_instance_of(e.exc, in.exc_type(Exc::IndexError)) || in.is_instance_of(e.exc, in.exc_type(Exc::StopIteration)))
                return Value();
            throw;
        }
    }
    case IterKind::CallSentinel: {
        if (it->index < 0) return Value();
        Value r = in.call(it->seq, {});
        if (eq(in, r, it->parts[0])) {
            it->index = -1;
            return Value();
        }
        return r;
    }
    case IterKind::Repeat:
        if (it->end >= 0) {
            if (it->index >= it->end) return Value();
            ++it->index;
        }
        return it->parts[0];
    }
    return Value();
}

std::vector<Value> to_vector(Interpreter& in, const Value& v)
{
    if (auto* items = seq_items(in, v)) return *items;
    std::vector<Value> out;
    if (in.type_of(v) == in.t_range) {
        // Sized up front, as CPython's list(range(...)) is: a range too big for memory is
        // a MemoryError at once, not minutes of growing.
        const std::int64_t n = v.as<Range>()->length();
        if (static_cast<std::uint64_t>(n) > kMaxSeqItems) in.raise_memory_error();
        out.reserve(static_cast<std::size_t>(n));
    }
    Value it = get_iter(in, v);
    for (;;) {
        Value x = next(in, it);
        if (!x) break;
        out.push_back(std::move(x));
    }
    return out;
}

// ------------------------------------------------------------- subscripts

void slice_indices(Interpreter& in, const SliceObj* s, std::int64_t n, std::int64_t& start, std::int64_t& stop,
                   std::int64_t& step, std::int64_t& count)
{
    const char* msg = "slice indices must be integers or None or have an __index__ method";
    step = s->step.is_none() ? 1 : to_index(in, s->step, msg);
    if (step == 0) in.raise(Exc::ValueError, "slice step cannot be zero");
    auto clamp = [&](const Value& v, std::int64_t def) {
        if (v.is_none()) return def;
        std::int64_t x;
        if (is_int_like(v) && !v.is_int() && !v.is_bool()) x = bigint_of(v).is_negative() ? INT64_MIN / 2 : INT64_MAX / 2;
        else x = to_index(in, v, msg);
        if (x < 0) {
            x += n;
            if (x < 0) x = step < 0 ? -1 : 0;
        } else if (x >= n) {
            x = step < 0 ? n - 1 : n;
        }
        return x;
    };
    start = clamp(s->start, step < 0 ? n - 1 : 0);
    stop = clamp(s->stop, step < 0 ? -1 : n);
    if (step < 0) count = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
    else count = start < stop ? (stop - start - 1) / step + 1 : 0;
}

Value str_getitem(Interpreter& in, const Str* s, const Value& key)
{
    if (key.is_obj() && key.obj()->type == in.t_slice) {
        std::int64_t start, stop, step, count;
        std::int64_t n = str_length(s);
        slice_indices(in, key.as<SliceObj>(), n, start, stop, step, count);
        bool ascii = n == static_cast<std::int64_t>(s->s.size());
        std::string r;
        if (ascii) {
            for (std::int64_t i = 0, j = start; i < count; ++i, j += step) r += s->s[static_cast<std::size_t>(j)];
        } else {
            std::vector<std::size_t> offs;
            for (std::size_t p = 0; p < s->s.size();) {
                offs.push_back(p);
                support::utf8_decode(s->s, p);
            }
            offs.push_back(s->s.size());
            for (std::int64_t i = 0, j = start; i < count; ++i, j += step) {
                auto a = offs[static_cast<std::size_t>(j)], b = offs[static_cast<std::size_t>(j) + 1];
                r += s->s.substr(a, b - a);
            }
        }
        return in.str(std::move(r));
    }
    if (!is_int_like(key)) in.raise(Exc::TypeError, "string indices must be integers, not '" + type_name(in, key) + "'");
    std::int64_t i = to_index(in, key);
    std::int64_t n = str_length(s);
    if (i < 0) i += n;
    if (i < 0 || i >= n) in.raise(Exc::IndexError, "string index out of range");
    if (n == static_cast<std::int64_t>(s->s.size())) return in.str(std::string(1, s->s[static_cast<std::size_t>(i)]));
    std::size_t off = support::utf8_offset(s->s, static_cast<std::size_t>(i));
    std::size_t end = off;
    support::utf8_decode(s->s, end);
    return in.str(s->s.substr(off, end - off));
}

Value getitem(Interpreter& in, const Value& obj, const Value& key)
{
    Type* t = in.type_of(obj);
    switch (t->layout) {
    case Layout::List:
    case Layout::Tuple: {
        auto& items = *seq_items(in, obj);
        bool is_list = t->layout == Layout::List;
        if (key.is_obj() && key.obj()->type == in.t_slice) {
            std::int64_t start, stop, step, count;
            slice_indices(in, key.as<SliceObj>(), static_cast<std::int64_t>(items.size()), start, stop, step, count);
            std::vector<Value> r;
            r.reserve(static_cast<std::size_t>(count));
            for (std::int64_t i = 0, j = start; i < count; ++i, j += step) r.push_back(items[static_cast<std::size_t>(j)]);
            return is_list ? in.list(std::move(r)) : in.tuple(std::move(r));
        }
        if (!is_int_like(key) && !is_user(key))
            in.raise(Exc::TypeError, std::string(is_list ? "list" : "tuple") + " indices must be integers or slices, not " + type_name(in, key));
        std::int64_t i = is_int_like(key) && !key.is_int() && !key.is_bool() ? INT64_MAX : to_index(in, key);
        if (i < 0) i += static_cast<std::int64_t>(items.size());
        if (i < 0 || i >= static_cast<std::int64_t>(items.size()))
            in.raise(Exc::IndexError, std::string(is_list ? "list" : "tuple") + " index out of range");
        return items[static_cast<std::size_t>(i)];
    }
    case Layout::Str: return str_getitem(in, obj.as<Str>(), key);
    case Layout::Dict: {
        Value* v = obj.as<Dict>()->table.get(key, hash(in, key));
        if (!v) throw PyThrow{in.make_exception(in.exc_type(Exc::KeyError), {key})};
        return *v;
    }
    case Layout::Range: {
        auto* r = obj.as<Range>();
        std::int64_t n = r->length();
        if (key.is_obj() && key.obj()->type == in.t_slice) {
            std::int64_t start, stop, step, count;
            slice_indices(in, key.as<SliceObj>(), n, start, stop, step, count);
            auto* nr = in.heap().make<Range>(in.t_range);
            nr->start = r->start + start * r->step;
            nr->step = r->step * step;
            nr->stop = nr->start + count * nr->step;
            return Value(nr);
        }
        std::int64_t i = to_index(in, key, ("range indices must be integers or slices, not " + type_name(in, key)).c_str());
        if (i < 0) i += n;
        if (i < 0 || i >= n) in.raise(Exc::IndexError, "range object index out of range");
        return Value::integer(r->start + i * r->step);
    }
    case Layout::Type: {
        // list[int], dict[str, int] in annotations evaluated at run time: give the class back.
        Value m = in.type_lookup(obj.as<Type>(), "__class_getitem__");
        if (m) {
            Value args[2] = {obj, key};
            return in.call(m, args);
        }
        if (obj.as<Type>()->builtin) return obj;
        in.raise(Exc::TypeError, "type '" + obj.as<Type>()->name + "' is not subscriptable");
    }
    default: break;
    }
    if (is_user(obj)) {
        Value r = dunder(in, obj, "__getitem__", {key});
        if (r) return r;
    }
    in.raise(Exc::TypeError, "'" + t->name + "' object is not subscriptable");
}

void setitem(Interpreter& in, const Value& obj, const Value& key, const Value& v)
{
    Type* t = in.type_of(obj);
    switch (t->layout) {
    case Layout::List: {
        auto& items = obj.as<List>()->items;
        if (key.is_obj() && key.obj()->type == in.t_slice) {
            std::int64_t start, stop, step, count;
            slice_indices(in, key.as<SliceObj>(), static_cast<std::int64_t>(items.size()), start, stop, step, count);
            std::vector<Value> vals = to_vector(in, v);
            if (step == 1) {
                if (stop < start) stop = start;
                items.erase(items.begin() + start, items.begin() + stop);
                items.insert(items.begin() + start, vals.begin(), vals.end());
                return;
            }
            if (static_cast<std::int64_t>(vals.size()) != count)
                in.raise(Exc::ValueError, "attempt to assign sequence of size " + std::to_string(vals.size()) +
                                              " to extended slice of size " + std::to_string(count));
            for (std::int64_t i = 0, j = start; i < count; ++i, j += step) items[static_cast<std::size_t>(j)] = vals[static_cast<std::size_t>(i)];
            return;
        }
        if (!is_int_like(key)) in.raise(Exc::TypeError, "list indices must be integers or slices, not " + type_name(in, key));
        std::int64_t i = to_index(in, key);
        if (i < 0) i += static_cast<std::int64_t>(items.size());
        if (i < 0 || i >= static_cast<std::int64_t>(items.size())) in.raise(Exc::IndexError, "list assignment index out of range");
        items[static_cast<std::size_t>(i)] = v;
        return;
    }
    case Layout::Dict: dict_set(in, obj, key, v); return;
    default: break;
    }
    if (is_user(obj)) {
        Value r = dunder(in, obj, "__setitem__", {key, v});
        if (r) return;
    }
    in.raise(Exc::TypeError, "'" + t->name + "' object does not support item assignment");
}

void delitem(Interpreter& in, const Value& obj, const Value& key)
{
    Type* t = in.type_of(obj);
    switch (t->layout) {
    case Layout::List: {
        auto& items = obj.as<List>()->items;
        if (key.is_obj() && key.obj()->type == in.t_slice) {
            std::int64_t start, stop, step, count;
            slice_indices(in, key.as<SliceObj>(), static_cast<std::int64_t>(items.size()), start, stop, step, count);
            std::vector<bool> drop(items.size(), false);
            for (std::int64_t i = 0, j = start; i < count; ++i, j += step) drop[static_cast<std::size_t>(j)] = true;
            std::vector<Value> keep;
            for (std::size_t i = 0; i < items.size(); ++i)
                if (!drop[i]) keep.push_back(items[i]);
            items = std::move(keep);
            return;
        }
        std::int64_t i = to_index(in, key);
        if (i < 0) i += static_cast<std::int64_t>(items.size());
        if (i < 0 || i >= static_cast<std::int64_t>(items.size())) in.raise(Exc::IndexError, "list assignment index out of range");
        items.erase(items.begin() + i);
        return;
    }
    case Layout::Dict:
        if (!obj.as<Dict>()->table.erase(key, hash(in, key))) throw PyThrow{in.make_exception(in.exc_type(Exc::KeyError), {key})};
        return;
    default: break;
    }
    if (is_user(obj)) {
        Value r = dunder(in, obj, "__delitem__", {key});
        if (r) return;
    }
    in.raise(Exc::TypeError, "'" + t->name + "' object doesn't support item deletion");
}

std::int64_t len(Interpreter& in, const Value& v)
{
    Type* t = in.type_of(v);
    switch (t->layout) {
    case Layout::Str: return str_length(v.as<Str>());
    case Layout::List: return static_cast<std::int64_t>(v.as<List>()->items.size());
    case Layout::Tuple: return static_cast<std::int64_t>(v.as<Tuple>()->items.size());
    case Layout::Dict: return static_cast<std::int64_t>(v.as<Dict>()->table.size());
    case Layout::Set: case Layout::FrozenSet: return static_cast<std::int64_t>(v.as<SetObj>()->table.size());
    case Layout::Range: return v.as<Range>()->length();
    case Layout::DictView: return static_cast<std::int64_t>(v.as<DictView>()->dict.as<Dict>()->table.size());
    default: break;
    }
    if (is_user(v)) {
        Value r = dunder(in, v, "__len__", {});
        if (r) {
            if (!is_int_like(r)) in.raise(Exc::TypeError, "'" + type_name(in, r) + "' object cannot be interpreted as an integer");
            std::int64_t n = to_index(in, r);
            if (n < 0) in.raise(Exc::ValueError, "__len__() should return >= 0");
            return n;
        }
    }
    in.raise(Exc::TypeError, "object of type '" + t->name + "' has no len()");
}

// ------------------------------------------------------------------ dicts

Value dict_get(Interpreter& in, const Value& d, const Value& key)
{
    Value* v = d.as<Dict>()->table.get(key, hash(in, key));
    return v ? *v : Value();
}

void dict_set(Interpreter& in, const Value& d, const Value& key, const Value& v)
{
    d.as<Dict>()->table.set(key, hash(in, key), v);
}

Value dict_get_str(const Value& d, const Value& key)
{
    auto* s = key.as<Str>();
    if (s->hash == -1) hash(current_interpreter(), key);
    Value* v = d.as<Dict>()->table.get(key, s->hash);
    return v ? *v : Value();
}

void set_add(Interpreter& in, const Value& s, const Value& key)
{
    s.as<SetObj>()->table.add(key, hash(in, key));
}

// ------------------------------------------------------------- formatting

std::string str_mod(Interpreter& in, const std::string& fmt, const Value& args)
{
    auto pieces = support::parse_percent_format(fmt);
    std::vector<Value> argv;
    bool is_tuple = args.is_obj() && args.obj()->type == in.t_tuple;
    bool is_mapping = args.is_obj() && args.obj()->type->layout == Layout::Dict;
    if (is_tuple) argv = args.as<Tuple>()->items;
    else argv.push_back(args);
    std::size_t next_arg = 0;
    bool used_mapping = false;
    auto fetch = [&]() -> Value {
        if (next_arg >= argv.size()) in.raise(Exc::TypeError, support::percent_not_enough_arguments);
        return argv[next_arg++];
    };
    std::string out;
    for (auto& p : pieces) {
        if (p.kind == support::PercentPiece::Kind::literal) {
            out += p.text;
            continue;
        }
        if (p.kind == support::PercentPiece::Kind::error) in.raise(Exc::ValueError, p.text);
        support::PercentSpec spec = p.spec;
        if (spec.width_star) support::percent_set_star_width(spec, to_index(in, fetch(), support::percent_star_wants_int));
        if (spec.precision_star) support::percent_set_star_precision(spec, to_index(in, fetch(), support::percent_star_wants_int));
        Value arg;
        if (spec.key) {
            if (!is_mapping) in.raise(Exc::TypeError, support::percent_requires_mapping);
            used_mapping = true;
            arg = getitem(in, args, in.str(*spec.key));
        } else {
            arg = fetch();
        }
        if (spec.unsupported) in.raise(Exc::ValueError, *spec.unsupported);
        char c = spec.conversion;
        switch (c) {
        case 's': out += support::percent_format_text(to_str(in, arg), spec); break;
        case 'r': out += support::percent_format_text(repr(in, arg), spec); break;
        case 'a': out += support::percent_format_text(ascii(in, arg), spec); break;
        case 'c': {
            std::string ch;
            if (is_str(arg)) {
                if (str_length(arg.as<Str>()) != 1) in.raise(Exc::TypeError, support::percent_c_requires_int_or_char);
                ch = str_of(arg);
            } else if (is_int_like(arg)) {
                // A big int is out of range too (not an index error).
                const bool small = arg.is_int() || arg.is_bool();
                const std::int64_t cp = small ? to_index(in, arg) : -1;
                if (cp < 0 || cp > 0x10ffff) in.raise(Exc::OverflowError, support::percent_c_out_of_range);
                ch = support::utf8_encode(static_cast<char32_t>(cp));
            } else {
                in.raise(Exc::TypeError, support::percent_c_requires_int_or_char);
            }
            out += support::percent_format_text(ch, spec);
            break;
        }
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
            BigInt n;
            if (to_bigint(arg, n)) {
            } else if (arg.is_float() && (c == 'd' || c == 'i' || c == 'u')) {
                n = BigInt(arg.as_float());
            } else {
                in.raise(Exc::TypeError, support::percent_type_error_message(c, type_name(in, arg)));
            }
            out += support::percent_format_int(n, spec);
            break;
        }
        default: {
            if (!is_number(arg)) in.raise(Exc::TypeError, "must be real number, not " + type_name(in, arg));
            out += support::percent_format_float(to_double(in, arg), spec);
        }
        }
    }
    if (next_arg < argv.size() && !used_mapping && !(is_mapping && !is_tuple && argv.size() == 1 && next_arg == 0))
        in.raise(Exc::TypeError, support::percent_not_all_converted);
    return out;
}

std::string str_format(Interpreter& in, const std::string& fmt, std::span<const Value> args, std::span<const Value> kwnames,
                       std::span<const Value> kwvals)
{
    std::string out;
    int auto_index = 0;
    bool manual = false, automatic = false;
    std::size_t i = 0;
    auto lookup = [&](const std::string& field) -> Value {
        // field: name or index followed by .attr / [key] parts
        std::size_t p = 0;
        while (p < field.size() && field[p] != '.' && field[p] != '[') ++p;
        std::string first = field.substr(0, p);
        Value v;
        if (first.empty()) {
            if (manual) in.raise(Exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
            automatic = true;
            std::size_t idx = static_cast<std::size_t>(auto_index++);
            if (idx >= args.size()) in.raise(Exc::IndexError, "Replacement index " + std::to_string(idx) + " out of range for positional args tuple");
            v = args[idx];
        } else if (std::all_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            if (automatic) in.raise(Exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
            manual = true;
            std::size_t idx = std::stoul(first);
            if (idx >= args.size()) in.raise(Exc::IndexError, "Replacement index " + std::to_string(idx) + " out of range for positional args tuple");
            v = args[idx];
        } else {
            for (std::size_t k = 0; k < kwnames.size(); ++k)
                if (str_of(kwnames[k]) == first) v = kwvals[k];
            if (!v) throw PyThrow{in.make_exception(in.exc_type(Exc::KeyError), {in.str(first)})};
        }
        while (p < field.size()) {
            if (field[p] == '.') {
                std::size_t q = p + 1;
                while (q < field.size() && field[q] != '.' && field[q] != '[') ++q;
                v = in.getattr(v, in.intern(field.substr(p + 1, q - p - 1)));
                p = q;
            } else {
                std::size_t q = field.find(']', p);
                if (q == std::string::npos) in.raise(Exc::ValueError, "Missing ']' in format string");
                std::string key = field.substr(p + 1, q - p - 1);
                Value k = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })
                              ? Value::integer(std::stoll(key))
                              : in.str(key);
                v = getitem(in, v, k);
                p = q + 1;
            }
        }
        return v;
    };
    while (i < fmt.size()) {
        char c = fmt[i];
        if (c == '{') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
                out += '{';
                i += 2;
                continue;
            }
            // find the matching '}' (nested braces in the spec)
            int depth = 1;
            std::size_t j = i + 1;
            while (j < fmt.size() && depth > 0) {
                if (fmt[j] == '{') ++depth;
                else if (fmt[j] == '}') --depth;
                if (depth) ++j;
            }
            if (j >= fmt.size()) in.raise(Exc::ValueError, "expected '}' before end of string");
            std::string inner = fmt.substr(i + 1, j - i - 1);
            std::string field = inner, spec;
            char conv = 0;
            std::size_t colon = std::string::npos, bang = std::string::npos;
            for (std::size_t k = 0, br = 0; k < inner.size(); ++k) {
                if (inner[k] == '[') br = 1;
                else if (inner[k] == ']') br = 0;
                else if (!br && inner[k] == '!' && bang == std::string::npos && colon == std::string::npos) bang = k;
                else if (!br && inner[k] == ':' && colon == std::string::npos) { colon = k; break; }
            }
            if (colon != std::string::npos) {
                spec = inner.substr(colon + 1);
                field = inner.substr(0, colon);
            }
            if (bang != std::string::npos) {
                std::string cv = field.substr(bang + 1);
                field = field.substr(0, bang);
                if (cv.size() != 1) in.raise(Exc::ValueError, "expected ':' after conversion specifier");
                conv = cv[0];
                if (conv != 'r' && conv != 's' && conv != 'a') in.raise(Exc::ValueError, std::string("Unknown conversion specifier ") + conv);
            }
            if (spec.find('{') != std::string::npos) spec = str_format(in, spec, args.subspan(0), kwnames, kwvals);
            Value v = lookup(field);
            if (conv == 's') v = in.str(to_str(in, v));
            else if (conv == 'r') v = in.str(repr(in, v));
            else if (conv == 'a') v = in.str(ascii(in, v));
            out += format(in, v, spec);
            i = j + 1;
            continue;
        }
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out += '}';
                i += 2;
                continue;
            }
            in.raise(Exc::ValueError, "Single '}' encountered in format string");
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace ops
}  // namespace script
