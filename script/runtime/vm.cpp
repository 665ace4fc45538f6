// The bytecode loop. Python-to-Python calls, generator resumption (for loops, yield from,
// await) and returns switch frames inside this loop; only native code calling back into
// Python (sorted(key=), __repr__ from str(), ...) nests a new loop, bounded by the
// recursion limit.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/suggestions.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/py_error.hpp>

#include <cstring>

namespace script {

namespace {

Value exc_from_support(Interpreter& in, const support::PyError& e)
{
    static const std::pair<const char*, Exc> names[] = {
        {"ValueError", Exc::ValueError}, {"OverflowError", Exc::OverflowError},
        {"ZeroDivisionError", Exc::ZeroDivisionError}, {"TypeError", Exc::TypeError},
        {"IndexError", Exc::IndexError}, {"MemoryError", Exc::MemoryError}, {"KeyError", Exc::KeyError},
    };
    for (auto& [n, k] : names)
        if (e.type == n) return in.make_exception(k, e.what());
    return in.make_exception(Exc::RuntimeError, e.what());
}

void add_traceback(const Value& exc, Frame* f)
{
    if (!exc.is_obj()) return;
    auto* e = dynamic_cast<ExceptionObj*>(exc.obj());
    if (!e) return;
    SourcePos pos = f->lasti < f->code->positions.size() ? f->code->positions[f->lasti] : SourcePos{};
    e->traceback.push_back(TracebackEntry{f->code_ref, pos.line, pos});
}

// CPython sets NameError.name and, from the raising frame's scopes, the suggestion its
// traceback offers; the suggestion is worked out here, while the frame's scopes exist.
[[noreturn]] void raise_name_error(Interpreter& in, Frame* f, const Value& name)
{
    const std::string& id = name.as<Str>()->s;
    Value exc = in.make_exception(Exc::NameError, "name '" + id + "' is not defined");
    in.setattr(exc, in.intern("name"), name);
    exc.as<ExceptionObj>()->name_suggestion = name_error_suggestion(in, *f, id);
    in.raise_value(std::move(exc));
}

}  // namespace

Value Interpreter::run_loop(Frame* f, Value pending, bool* yielded)
{
    Frame* const entry = f;
    entry->entry = true;
    bool reraise = false;
    Value escaping;
    current_frame = f;
    const Instr* code = nullptr;
    Value* sp = nullptr;
    Value* fast = nullptr;
    std::uint32_t ip = 0;

#define LOAD_FRAME()                      \
    do {                                  \
        code = f->code->code.data();      \
        sp = f->sp;                       \
        fast = f->fast;                   \
        ip = f->ip;                       \
        current_frame = f;                \
    } while (0)
#define SAVE_FRAME()  \
    do {              \
        f->sp = sp;   \
        f->ip = ip;   \
    } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (std::move(*--sp))
#define TOP() (sp[-1])

    for (;;) {
        try {
            LOAD_FRAME();
            if (pending) goto exception;
        dispatch:
            for (;;) {
                f->lasti = ip;
                const Instr ins = code[ip++];
                switch (ins.op) {
                case Op::NOP: break;
                case Op::POP_TOP: { Value v = POP(); break; }
                case Op::ROT_TWO: std::swap(sp[-1], sp[-2]); break;
                case Op::ROT_THREE: {
                    Value t = std::move(sp[-1]);
                    sp[-1] = std::move(sp[-2]);
                    sp[-2] = std::move(sp[-3]);
                    sp[-3] = std::move(t);
                    break;
                }
                case Op::ROT_FOUR: {
                    Value t = std::move(sp[-1]);
                    sp[-1] = std::move(sp[-2]);
                    sp[-2] = std::move(sp[-3]);
                    sp[-3] = std::move(sp[-4]);
                    sp[-4] = std::move(t);
                    break;
                }
                case Op::DUP_TOP: { Value v = TOP(); PUSH(std::move(v)); break; }
                case Op::DUP_TOP_TWO: {
                    Value a = sp[-2], b = sp[-1];
                    PUSH(std::move(a));
                    PUSH(std::move(b));
                    break;
                }
                case Op::LOAD_CONST: PUSH(f->code->consts[ins.arg]); break;
                case Op::LOAD_FAST: {
                    const Value& v = fast[ins.arg];
                    if (v.is_null()) {
                        raise(Exc::UnboundLocalError, "cannot access local variable '" + f->code->varnames[ins.arg] +
                                                          "' where it is not associated with a value");
                    }
                    PUSH(v);
                    break;
                }
                case Op::STORE_FAST: fast[ins.arg] = POP(); break;
                case Op::DELETE_FAST:
                    if (fast[ins.arg].is_null())
                        raise(Exc::UnboundLocalError, "cannot access local variable '" + f->code->varnames[ins.arg] +
                                                          "' where it is not associated with a value");
                    fast[ins.arg] = Value();
                    break;
                case Op::LOAD_DEREF:
                case Op::LOAD_CLASSDEREF: {
                    auto* cell = f->cells[ins.arg].as<Cell>();
                    std::size_t ncell = f->code->cellvars.size();
                    const std::string& name = ins.arg < ncell ? f->code->cellvars[ins.arg] : f->code->freevars[ins.arg - ncell];
                    if (ins.op == Op::LOAD_CLASSDEREF && f->locals_dict) {
                        Value v = ops::dict_get_str(f->locals_dict, intern(name));
                        if (v) {
                            PUSH(std::move(v));
                            break;
                        }
                    }
                    if (cell->value.is_null()) {
                        if (ins.arg < ncell)
                            raise(Exc::UnboundLocalError, "cannot access local variable '" + name + "' where it is not associated with a value");
                        raise(Exc::NameError, "cannot access free variable '" + name + "' where it is not associated with a value in enclosing scope");
                    }
                    PUSH(cell->value);
                    break;
                }
                case Op::STORE_DEREF: f->cells[ins.arg].as<Cell>()->value = POP(); break;
                case Op::DELETE_DEREF: f->cells[ins.arg].as<Cell>()->value = Value(); break;
                case Op::LOAD_CLOSURE: PUSH(f->cells[ins.arg]); break;
                case Op::LOAD_GLOBAL: {
                    const Value& name = f->code->names[ins.arg];
                    Value v = ops::dict_get_str(f->globals, name);
                    if (!v) v = ops::dict_get_str(builtins, name);
                    if (!v) raise_name_error(*this, f, name);
                    PUSH(std::move(v));
                    break;
                }
                case Op::STORE_GLOBAL: {
                    Value v = POP();
                    ops::dict_set(*this, f->globals, f->code->names[ins.arg], v);
                    break;
                }
                case Op::DELETE_GLOBAL: {
                    const Value& name = f->code->names[ins.arg];
                    if (!f->globals.as<Dict>()->table.erase(name, ops::hash(*this, name)))
                        raise_name_error(*this, f, name);
                    break;
                }
                case Op::LOAD_NAME: {
                    const Value& name = f->code->names[ins.arg];
                    Value v;
                    if (f->locals_dict) v = ops::dict_get_str(f->locals_dict, name);
                    if (!v) v = ops::dict_get_str(f->globals, name);
                    if (!v) v = ops::dict_get_str(builtins, name);
                    if (!v) raise_name_error(*this, f, name);
                    PUSH(std::move(v));
                    break;
                }
                case Op::STORE_NAME: {
                    Value v = POP();
                    ops::dict_set(*this, f->locals_dict ? f->locals_dict : f->globals, f->code->names[ins.arg], v);
                    break;
                }
                case Op::DELETE_NAME: {
                    const Value& name = f->code->names[ins.arg];
                    Value d = f->locals_dict ? f->locals_dict : f->globals;
                    if (!d.as<Dict>()->table.erase(name, ops::hash(*this, name)))
                        raise_name_error(*this, f, name);
                    break;
                }
                case Op::LOAD_ATTR: {
                    Value v = getattr(TOP(), f->code->names[ins.arg]);
                    TOP() = std::move(v);
                    break;
                }
                case Op::STORE_ATTR: {
                    Value obj = POP();
                    Value v = POP();
                    setattr(obj, f->code->names[ins.arg], v);
                    break;
                }
                case Op::DELETE_ATTR: {
                    Value obj = POP();
                    delattr(obj, f->code->names[ins.arg]);
                    break;
                }
                case Op::LOAD_METHOD: {
                    const Value& name = f->code->names[ins.arg];
                    Value& obj = TOP();
                    Type* t = type_of(obj);
                    bool done = false;
                    if (obj.is_obj() && t->layout != Layout::Type && t->layout != Layout::Module && t->layout != Layout::Super) {
                        Value m = type_lookup(t, name);
                        if (m && m.is_obj() &&
                            (m.obj()->type == t_function || (m.obj()->type == t_native && m.as<NativeFn>()->is_method &&
                                                             !m.as<NativeFn>()->is_classmethod))) {
                            bool shadowed = false;
                            if ((t->layout == Layout::Instance || t->layout == Layout::Exception) && obj.as<Instance>()->dict)
                                shadowed = static_cast<bool>(ops::dict_get_str(obj.as<Instance>()->dict, name));
                            if (!shadowed) {
                                Value self = std::move(obj);
                                sp[-1] = std::move(m);
                                PUSH(std::move(self));
                                done = true;
                            }
                        }
                    } else if (!obj.is_obj() && !obj.is_null()) {
                        Value m = type_lookup(t, name);
                        if (m && m.is_obj() && m.obj()->type == t_native && m.as<NativeFn>()->is_method &&
                            !m.as<NativeFn>()->is_classmethod) {
                            Value self = std::move(obj);
                            sp[-1] = std::move(m);
                            PUSH(std::move(self));
                            done = true;
                        }
                    }
                    if (!done) {
                        Value v = getattr(obj, name);
                        sp[-1] = Value();
                        PUSH(std::move(v));
                    }
                    break;
                }
                case Op::CALL:
                case Op::CALL_KW:
                case Op::CALL_METHOD:
                case Op::CALL_METHOD_KW: {
                    if (--poll_counter_ == 0) poll_stop();
                    std::size_t n = ins.arg;
                    Value kwnames;
                    if (ins.op == Op::CALL_KW || ins.op == Op::CALL_METHOD_KW) kwnames = POP();
                    std::size_t nkw = kwnames ? kwnames.as<Tuple>()->items.size() : 0;
                    bool method = ins.op == Op::CALL_METHOD || ins.op == Op::CALL_METHOD_KW;
                    Value* base = sp - n - (method ? 2 : 1);
                    Value* args = sp - n;
                    const Value* self = nullptr;
                    Value callable;
                    if (method) {
                        if (base[0].is_null()) callable = base[1];
                        else {
                            callable = base[0];
                            self = &base[1];
                        }
                    } else {
                        callable = base[0];
                    }
                    const Value* kwv = nkw ? args + (n - nkw) : nullptr;
                    const Value* kwn = nkw ? kwnames.as<Tuple>()->items.data() : nullptr;
                    std::size_t npos = n - nkw;
                    // Unwrap bound methods of Python functions.
                    Value bound_self;
                    if (callable.is_obj() && callable.obj()->type == t_method && !self) {
                        auto* bm = callable.as<BoundMethod>();
                        if (bm->func.is_obj() && bm->func.obj()->type == t_function) {
                            bound_self = bm->self;
                            self = &bound_self;
                            callable = bm->func;
                        }
                    }
                    Frame* child = nullptr;
                    Value result;
                    if (callable.is_obj() && callable.obj()->type == t_function) {
                        auto* fn = callable.as<Function>();
                        Frame* nf = make_call_frame(*this, fn, self, args, npos, kwn, kwv, nkw);
                        if (fn->code_ptr()->is_gen_like()) {
                            result = make_generator(*this, nf, fn);
                        } else {
                            nf->mode = FrameMode::Call;
                            child = nf;
                        }
                    } else if (callable.is_obj() && callable.obj()->type->layout == Layout::Type &&
                               !static_cast<Type*>(callable.obj())->builtin &&
                               !static_cast<Type*>(callable.obj())->is_exception) {
                        Type* cls = static_cast<Type*>(callable.obj());
                        Value init = type_lookup(cls, intern("__init__"));
                        Value inst = new_instance(cls);
                        if (init && init.is_obj() && init.obj()->type == t_function) {
                            Frame* nf = make_call_frame(*this, init.as<Function>(), &inst, args, npos, kwn, kwv, nkw);
                            nf->mode = FrameMode::Init;
                            nf->extra = inst;
                            child = nf;
                        } else {
                            if (npos || nkw) {
                                if (!init || init.obj()->type == t_native)
                                    raise(Exc::TypeError, cls->name + "() takes no arguments");
                                std::vector<Value> all;
                                all.push_back(inst);
                                all.insert(all.end(), args, args + npos);
                                call_kw(init, all, std::span<const Value>(kwn, nkw), std::span<const Value>(kwv, nkw));
                            }
                            result = inst;
                        }
                    } else {
                        std::vector<Value> all;
                        if (self) all.push_back(*self);
                        all.insert(all.end(), args, args + npos);
                        SAVE_FRAME();
                        result = call_kw(callable, all, std::span<const Value>(kwn, nkw), std::span<const Value>(kwv, nkw));
                    }
                    while (sp > base) *--sp = Value();
                    if (child) {
                        SAVE_FRAME();
                        child->back = f;
                        if (++depth_ > recursion_limit) {
                            --depth_;
                            free_frame(child);
                            raise(Exc::RecursionError, "maximum recursion depth exceeded");
                        }
                        f = child;
                        LOAD_FRAME();
                    } else {
                        PUSH(std::move(result));
                    }
                    break;
                }
                case Op::CALL_EX: {
                    Value kw;
                    if (ins.arg & 1) kw = POP();
                    Value args = POP();
                    Value callable = POP();
                    std::vector<Value> names, vals;
                    if (kw) {
                        for (auto& e : kw.as<Dict>()->table.entries()) {
                            if (e.key.is_null()) continue;
                            if (!ops::is_str(e.key)) raise(Exc::TypeError, "keywords must be strings");
                            names.push_back(e.key);
                            vals.push_back(e.value);
                        }
                    }
                    auto& pos = args.as<Tuple>()->items;
                    if (callable.is_obj() && callable.obj()->type == t_method &&
                        callable.as<BoundMethod>()->func.is_obj() && callable.as<BoundMethod>()->func.obj()->type == t_function) {
                        std::vector<Value> all;
                        all.push_back(callable.as<BoundMethod>()->self);
                        all.insert(all.end(), pos.begin(), pos.end());
                        callable = callable.as<BoundMethod>()->func;
                        args = tuple(std::move(all));
                    }
                    auto& pos2 = args.as<Tuple>()->items;
                    if (callable.is_obj() && callable.obj()->type == t_function &&
                        !callable.as<Function>()->code_ptr()->is_gen_like()) {
                        Frame* child = make_call_frame(*this, callable.as<Function>(), nullptr, pos2.data(), pos2.size(),
                                                       names.data(), vals.data(), names.size());
                        SAVE_FRAME();
                        child->back = f;
                        if (++depth_ > recursion_limit) {
                            --depth_;
                            free_frame(child);
                            raise(Exc::RecursionError, "maximum recursion depth exceeded");
                        }
                        f = child;
                        LOAD_FRAME();
                    } else {
                        SAVE_FRAME();
                        Value r = call_kw(callable, pos2, names, vals);
                        PUSH(std::move(r));
                    }
                    break;
                }
                case Op::BINARY:
                case Op::INPLACE: {
                    Value& a = sp[-2];
                    const Value& b = sp[-1];
                    if (a.is_int() && b.is_int()) {
                        std::int64_t x = a.as_int(), y = b.as_int(), r;
                        bool ok = true;
                        switch (static_cast<BinOp>(ins.arg)) {
                        case BinOp::Add: ok = !__builtin_add_overflow(x, y, &r); break;
                        case BinOp::Sub: ok = !__builtin_sub_overflow(x, y, &r); break;
                        case BinOp::Mul: ok = !__builtin_mul_overflow(x, y, &r); break;
                        case BinOp::Mod:
                            if (y == 0 || (y == -1 && x == INT64_MIN)) { ok = false; break; }
                            r = x % y;
                            if (r != 0 && ((r < 0) != (y < 0))) r += y;
                            break;
                        case BinOp::FloorDiv:
                            if (y == 0 || (y == -1 && x == INT64_MIN)) { ok = false; break; }
                            r = x / y;
                            if ((x % y != 0) && ((x < 0) != (y < 0))) --r;
                            break;
                        case BinOp::And: r = x & y; break;
                        case BinOp::Or: r = x | y; break;
                        case BinOp::Xor: r = x ^ y; break;
                        default: ok = false;
                        }
                        if (ok) {
                            --sp;
                            *sp = Value();
                            a = Value::integer(r);
                            break;
                        }
                    } else if (a.is_float() && b.is_float()) {
                        double x = a.as_float(), y = b.as_float(), r;
                        bool ok = true;
                        switch (static_cast<BinOp>(ins.arg)) {
                        case BinOp::Add: r = x + y; break;
                        case BinOp::Sub: r = x - y; break;
                        case BinOp::Mul: r = x * y; break;
                        case BinOp::TrueDiv: ok = y != 0; r = ok ? x / y : 0; break;
                        default: ok = false; r = 0;
                        }
                        if (ok) {
                            --sp;
                            a = Value::floating(r);
                            break;
                        }
                    }
                    Value r = ops::binary(*this, static_cast<BinOp>(ins.arg), a, b, ins.op == Op::INPLACE);
                    Value drop = POP();
                    TOP() = std::move(r);
                    break;
                }
                case Op::UNARY_NOT: { bool t = ops::truthy(*this, TOP()); TOP() = Value::boolean(!t); break; }
                case Op::UNARY_NEG: {
                    Value& v = TOP();
                    if (v.is_int() && v.as_int() != INT64_MIN) v = Value::integer(-v.as_int());
                    else v = ops::negate(*this, v);
                    break;
                }
                case Op::UNARY_POS: TOP() = ops::positive(*this, TOP()); break;
                case Op::UNARY_INVERT: TOP() = ops::invert(*this, TOP()); break;
                case Op::COMPARE: {
                    const Value& a = sp[-2];
                    const Value& b = sp[-1];
                    Value r;
                    if (a.is_int() && b.is_int()) {
                        std::int64_t x = a.as_int(), y = b.as_int();
                        bool res = false;
                        switch (static_cast<CmpOp>(ins.arg)) {
                        case CmpOp::Eq: res = x == y; break;
                        case CmpOp::Ne: res = x != y; break;
                        case CmpOp::Lt: res = x < y; break;
                        case CmpOp::Le: res = x <= y; break;
                        case CmpOp::Gt: res = x > y; break;
                        case CmpOp::Ge: res = x >= y; break;
                        }
                        r = Value::boolean(res);
                    } else {
                        r = ops::compare(*this, static_cast<CmpOp>(ins.arg), a, b);
                    }
                    Value drop = POP();
                    TOP() = std::move(r);
                    break;
                }
                case Op::IS_OP: {
                    Value b = POP();
                    bool r = TOP().same(b);
                    TOP() = Value::boolean(ins.arg ? !r : r);
                    break;
                }
                case Op::CONTAINS_OP: {
                    Value container = POP();
                    bool r = ops::contains(*this, container, TOP());
                    TOP() = Value::boolean(ins.arg ? !r : r);
                    break;
                }
                case Op::BINARY_SUBSCR: {
                    const Value& obj = sp[-2];
                    const Value& key = sp[-1];
                    Value r;
                    if (key.is_int() && obj.is_obj() && obj.obj()->type == t_list) {
                        auto& items = obj.as<List>()->items;
                        std::int64_t i = key.as_int();
                        if (i < 0) i += static_cast<std::int64_t>(items.size());
                        if (i < 0 || i >= static_cast<std::int64_t>(items.size())) raise(Exc::IndexError, "list index out of range");
                        r = items[static_cast<std::size_t>(i)];
                    } else {
                        r = ops::getitem(*this, obj, key);
                    }
                    Value drop = POP();
                    TOP() = std::move(r);
                    break;
                }
                case Op::STORE_SUBSCR: {
                    Value key = POP();
                    Value obj = POP();
                    Value v = POP();
                    ops::setitem(*this, obj, key, v);
                    break;
                }
                case Op::DELETE_SUBSCR: {
                    Value key = POP();
                    Value obj = POP();
                    ops::delitem(*this, obj, key);
                    break;
                }
                case Op::BUILD_SLICE: {
                    auto* s = heap().make<SliceObj>(t_slice);
                    Value sv(s);
                    if (ins.arg == 3) s->step = POP();
                    else s->step = Value::none();
                    s->stop = POP();
                    s->start = POP();
                    PUSH(std::move(sv));
                    break;
                }
                case Op::BUILD_TUPLE:
                case Op::BUILD_LIST: {
                    std::vector<Value> items(ins.arg);
                    for (std::size_t i = ins.arg; i-- > 0;) items[i] = POP();
                    PUSH(ins.op == Op::BUILD_TUPLE ? tuple(std::move(items)) : list(std::move(items)));
                    break;
                }
                case Op::BUILD_SET: {
                    Value s = set();
                    Value* first = sp - ins.arg;
                    for (std::size_t i = 0; i < ins.arg; ++i) ops::set_add(*this, s, first[i]);
                    while (sp > first) *--sp = Value();
                    PUSH(std::move(s));
                    break;
                }
                case Op::BUILD_MAP: {
                    Value d = dict();
                    Value* first = sp - 2 * ins.arg;
                    for (std::size_t i = 0; i < ins.arg; ++i) ops::dict_set(*this, d, first[2 * i], first[2 * i + 1]);
                    while (sp > first) *--sp = Value();
                    PUSH(std::move(d));
                    break;
                }
                case Op::LIST_APPEND: {
                    Value v = POP();
                    sp[-static_cast<int>(ins.arg)].as<List>()->items.push_back(std::move(v));
                    break;
                }
                case Op::SET_ADD: {
                    Value v = POP();
                    ops::set_add(*this, sp[-static_cast<int>(ins.arg)], v);
                    break;
                }
                case Op::MAP_ADD: {
                    Value v = POP();
                    Value k = POP();
                    ops::dict_set(*this, sp[-static_cast<int>(ins.arg)], k, v);
                    break;
                }
                case Op::LIST_EXTEND: {
                    Value v = POP();
                    Value& l = sp[-static_cast<int>(ins.arg)];
                    if (v.is_obj() && (v.obj()->type == t_list || v.obj()->type == t_tuple)) {
                        auto& src = v.obj()->type == t_list ? v.as<List>()->items : v.as<Tuple>()->items;
                        auto copy = src;
                        auto& dst = l.as<List>()->items;
                        dst.insert(dst.end(), copy.begin(), copy.end());
                    } else {
                        if (!type_lookup(type_of(v), "__iter__") && !(v.is_obj() && v.obj()->type == t_str))
                            raise(Exc::TypeError, "Value after * must be an iterable, not " + ops::type_name(*this, v));
                        auto items = ops::to_vector(*this, v);
                        auto& dst = l.as<List>()->items;
                        dst.insert(dst.end(), items.begin(), items.end());
                    }
                    break;
                }
                case Op::SET_UPDATE: {
                    Value v = POP();
                    if (v.is_obj() && (v.obj()->type == t_set || v.obj()->type == t_frozenset)) {
                        sp[-static_cast<int>(ins.arg)].as<SetObj>()->table.merge(v.as<SetObj>()->table);
                        break;
                    }
                    for (auto& x : ops::to_vector(*this, v)) ops::set_add(*this, sp[-static_cast<int>(ins.arg)], x);
                    break;
                }
                case Op::DICT_UPDATE:
                case Op::DICT_MERGE: {
                    Value v = POP();
                    Value& d = sp[-static_cast<int>(ins.arg)];
                    if (!(v.is_obj() && v.obj()->type == t_dict)) {
                        if (ins.op == Op::DICT_MERGE)
                            raise(Exc::TypeError, "argument after ** must be a mapping, not " + ops::type_name(*this, v));
                        raise(Exc::TypeError, "'" + ops::type_name(*this, v) + "' object is not a mapping");
                    }
                    auto entries = v.as<Dict>()->table.entries();
                    for (auto& e : entries) {
                        if (e.key.is_null()) continue;
                        if (ins.op == Op::DICT_MERGE && d.as<Dict>()->table.get(e.key, e.hash)) {
                            const Value& fn = sp[-static_cast<int>(ins.arg) - 2];
                            std::string fname;
                            if (fn.is_obj() && fn.obj()->type == t_function) {
                                Value mod = fn.as<Function>()->module;
                                fname = (mod && ops::is_str(mod) && ops::str_of(mod) != "builtins" ? ops::str_of(mod) + "." : std::string()) +
                                        ops::str_of(fn.as<Function>()->qualname);
                            } else if (fn.is_obj() && fn.obj()->type == t_native) {
                                fname = fn.as<NativeFn>()->name;
                            } else {
                                fname = ops::type_name(*this, fn) + " object";
                            }
                            raise(Exc::TypeError, fname + "() got multiple values for keyword argument '" + ops::to_str(*this, e.key) + "'");
                        }
                        d.as<Dict>()->table.set(e.key, e.hash, e.value);
                    }
                    break;
                }
                case Op::LIST_TO_TUPLE: TOP() = tuple(TOP().as<List>()->items); break;
                case Op::BUILD_STRING: {
                    std::string s;
                    Value* first = sp - ins.arg;
                    for (std::size_t i = 0; i < ins.arg; ++i) s += first[i].as<Str>()->s;
                    while (sp > first) *--sp = Value();
                    PUSH(str(std::move(s)));
                    break;
                }
                case Op::FORMAT_VALUE: {
                    Value spec;
                    if (ins.arg & 4) spec = POP();
                    Value v = POP();
                    int conv = ins.arg & 3;
                    if (conv == 1) v = str(ops::to_str(*this, v));
                    else if (conv == 2) v = str(ops::repr(*this, v));
                    else if (conv == 3) v = str(ops::ascii(*this, v));
                    if (!spec && v.is_obj() && v.obj()->type == t_str) PUSH(std::move(v));
                    else PUSH(str(ops::format(*this, v, spec ? spec.as<Str>()->s : std::string())));
                    break;
                }
                case Op::JUMP:
                    if (ins.arg < ip && --poll_counter_ == 0) poll_stop();
                    ip = ins.arg;
                    break;
                case Op::POP_JUMP_IF_FALSE:
                case Op::POP_JUMP_IF_TRUE: {
                    Value v = POP();
                    bool t = v.is_bool() ? v.as_bool() : ops::truthy(*this, v);
                    if (t == (ins.op == Op::POP_JUMP_IF_TRUE)) ip = ins.arg;
                    break;
                }
                case Op::JUMP_IF_FALSE_OR_POP:
                case Op::JUMP_IF_TRUE_OR_POP: {
                    bool t = ops::truthy(*this, TOP());
                    if (t == (ins.op == Op::JUMP_IF_TRUE_OR_POP)) ip = ins.arg;
                    else { Value v = POP(); }
                    break;
                }
                case Op::GET_ITER: {
                    Value& v = TOP();
                    if (!(v.is_obj() && (v.obj()->type->layout == Layout::Iterator || v.obj()->type == t_generator)))
                        v = ops::get_iter(*this, v);
                    break;
                }
                case Op::FOR_ITER: {
                    Value& it = TOP();
                    if (it.is_obj() && it.obj()->type->layout == Layout::Iterator) {
                        auto* iter = it.as<Iterator>();
                        if (iter->kind == IterKind::Range) {
                            if ((iter->step > 0 && iter->index < iter->end) || (iter->step < 0 && iter->index > iter->end)) {
                                std::int64_t v = iter->index;
                                iter->index += iter->step;
                                PUSH(Value::integer(v));
                                break;
                            }
                            Value drop = POP();
                            ip = ins.arg;
                            break;
                        }
                        if (iter->kind == IterKind::List) {
                            auto& items = iter->seq.as<List>()->items;
                            if (iter->index < static_cast<std::int64_t>(items.size())) {
                                PUSH(items[static_cast<std::size_t>(iter->index++)]);
                                break;
                            }
                            Value drop = POP();
                            ip = ins.arg;
                            break;
                        }
                    }
                    if (it.is_obj() && it.obj()->type == t_generator) {
                        auto* g = it.as<GenObj>();
                        if (g->state == GenState::Finished) {
                            Value drop = POP();
                            ip = ins.arg;
                            break;
                        }
                        if (g->state == GenState::Running) raise(Exc::ValueError, "generator already executing");
                        Frame* child = g->frame.get();
                        if (g->state == GenState::Suspended) *child->sp++ = Value::none();
                        g->state = GenState::Running;
                        f->resume_ip = ins.arg;
                        SAVE_FRAME();
                        child->back = f;
                        child->mode = FrameMode::ForIter;
                        child->entry = false;
                        if (++depth_ > recursion_limit) {
                            --depth_;
                            raise(Exc::RecursionError, "maximum recursion depth exceeded");
                        }
                        f = child;
                        LOAD_FRAME();
                        break;
                    }
                    SAVE_FRAME();
                    Value v = ops::next(*this, it);
                    if (v) PUSH(std::move(v));
                    else {
                        Value drop = POP();
                        ip = ins.arg;
                    }
                    break;
                }
                case Op::UNPACK_SEQUENCE:
                case Op::UNPACK_EX: {
                    Value seq = POP();
                    std::vector<Value> items;
                    if (seq.is_obj() && seq.obj()->type == t_tuple) items = seq.as<Tuple>()->items;
                    else if (seq.is_obj() && seq.obj()->type == t_list) items = seq.as<List>()->items;
                    else {
                        if (!type_lookup(type_of(seq), "__iter__") && !(seq.is_obj() && seq.obj()->type == t_str))
                            raise(Exc::TypeError, "cannot unpack non-iterable " + ops::type_name(*this, seq) + " object");
                        items = ops::to_vector(*this, seq);
                    }
                    if (ins.op == Op::UNPACK_SEQUENCE) {
                        if (items.size() < ins.arg)
                            raise(Exc::ValueError, "not enough values to unpack (expected " + std::to_string(ins.arg) + ", got " +
                                                       std::to_string(items.size()) + ")");
                        if (items.size() > ins.arg)
                            raise(Exc::ValueError, "too many values to unpack (expected " + std::to_string(ins.arg) + ")");
                        for (std::size_t i = items.size(); i-- > 0;) PUSH(std::move(items[i]));
                    } else {
                        std::size_t before = ins.arg & 0xff, after = ins.arg >> 8;
                        if (items.size() < before + after)
                            raise(Exc::ValueError, "not enough values to unpack (expected at least " +
                                                       std::to_string(before + after) + ", got " + std::to_string(items.size()) + ")");
                        for (std::size_t i = 0; i < after; ++i) PUSH(items[items.size() - 1 - i]);
                        PUSH(list(std::vector<Value>(items.begin() + static_cast<std::ptrdiff_t>(before),
                                                     items.end() - static_cast<std::ptrdiff_t>(after))));
                        for (std::size_t i = before; i-- > 0;) PUSH(items[i]);
                    }
                    break;
                }
                case Op::MAKE_FUNCTION: {
                    Value qualname = POP();
                    Value codev = POP();
                    auto* fn = heap().make<Function>(t_function);
                    Value fv(fn);
                    fn->code = codev;
                    fn->globals = f->globals;
                    fn->qualname = qualname;
                    fn->name = str(codev.as<Code>()->name);
                    fn->module = ops::dict_get_str(f->globals, intern("__name__"));
                    if (ins.arg & MF_CLOSURE) fn->closure = POP().as<Tuple>()->items;
                    if (ins.arg & MF_KWDEFAULTS) fn->kwdefaults = POP();
                    if (ins.arg & MF_DEFAULTS) fn->defaults = POP().as<Tuple>()->items;
                    PUSH(std::move(fv));
                    break;
                }
                case Op::RETURN_VALUE: {
                    Value rv = POP();
                    Frame* parent = f->back;
                    FrameMode mode = f->mode;
                    bool was_entry = f->entry;
                    GenObj* g = f->gen;
                    bool agen = f->code->flags & CO_ASYNC_GENERATOR;
                    Value extra = std::move(f->extra);
                    Value ns = std::move(f->locals_dict);
                    --depth_;
                    f->back = nullptr;
                    if (g) {
                        g->state = GenState::Finished;
                        f->nblocks = 0;
                    } else {
                        free_frame(f);
                    }
                    if (was_entry) {
                        current_frame = parent;
                        if (yielded) *yielded = false;
                        return rv;
                    }
                    f = parent;
                    LOAD_FRAME();
                    if (agen) {
                        Value aw = POP();
                        aw.as<AsyncGenAwaitable>()->done = true;
                        aw.as<AsyncGenAwaitable>()->agen.as<GenObj>()->ag_running = false;
                        if (aw.as<AsyncGenAwaitable>()->kind == AsyncGenAwaitable::Kind::Close) {
                            PUSH(Value::none());
                            break;
                        }
                        pending = make_exception(Exc::StopAsyncIteration, "");
                        pending.as<ExceptionObj>()->args = empty_tuple;
                        goto exception;
                    }
                    switch (mode) {
                    case FrameMode::Call: PUSH(std::move(rv)); break;
                    case FrameMode::Init:
                        if (!rv.is_none())
                            raise(Exc::TypeError, "__init__() should return None, not '" + ops::type_name(*this, rv) + "'");
                        PUSH(std::move(extra));
                        break;
                    case FrameMode::ClassBody: {
                        auto& parts = extra.as<Tuple>()->items;
                        PUSH(build_class(*this, parts[0], parts[1], ns, parts[2]));
                        break;
                    }
                    case FrameMode::ForIter: {
                        Value drop = POP();
                        ip = f->resume_ip;
                        break;
                    }
                    case FrameMode::Send: {
                        Value drop = POP();
                        PUSH(std::move(rv));
                        break;
                    }
                    case FrameMode::Discard: break;
                    }
                    break;
                }
                case Op::YIELD_VALUE: {
                    Value v = POP();
                    if (f->code->flags & CO_ASYNC_GENERATOR) {
                        // An async generator's `yield` completes the awaiting __anext__().
                        GenObj* g = f->gen;
                        g->state = GenState::Suspended;
                        SAVE_FRAME();
                        Frame* parent = f->back;
                        bool was_entry = f->entry;
                        f->back = nullptr;
                        f->entry = false;
                        --depth_;
                        if (was_entry) {
                            current_frame = parent;
                            if (yielded) *yielded = true;
                            return v;
                        }
                        f = parent;
                        LOAD_FRAME();
                        Value aw = POP();
                        aw.as<AsyncGenAwaitable>()->done = true;
                        aw.as<AsyncGenAwaitable>()->agen.as<GenObj>()->ag_running = false;
                        if (aw.as<AsyncGenAwaitable>()->kind != AsyncGenAwaitable::Kind::Send) {
                            pending = make_exception(Exc::RuntimeError, aw.as<AsyncGenAwaitable>()->kind == AsyncGenAwaitable::Kind::Close
                                                                            ? "async generator ignored GeneratorExit"
                                                                            : "async generator ignored GeneratorExit");
                            if (aw.as<AsyncGenAwaitable>()->kind == AsyncGenAwaitable::Kind::Throw) {
                                PUSH(std::move(v));
                                break;
                            }
                            goto exception;
                        }
                        PUSH(std::move(v));
                        break;
                    }
                    f->in_yield_from = false;
                    yield_delegated = false;
                    escaping = std::move(v);
                    goto yield_up;
                }
                case Op::GET_YIELD_FROM_ITER: {
                    Value& v = TOP();
                    Type* vt = type_of(v);
                    if (vt == t_generator) break;
                    if (vt == t_coroutine) {
                        if (!(f->code->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)))
                            raise(Exc::TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
                        break;
                    }
                    // A generator-based coroutine delegates to futures and asyncio's own
                    // awaitables as `await` does (Future.__iter__ is __await__).
                    if (f->code->flags & CO_ITERABLE_COROUTINE) {
                        if (vt->layout == Layout::NativeAwaitable) break;
                        // asyncio's own types with an __iter__ (Python 3.8's `yield from lock`).
                        if (vt->builtin && vt->layout == Layout::Other) {
                            if (Value m = type_lookup(vt, intern("__iter__"))) {
                                SAVE_FRAME();
                                Value it = call(m, std::span<const Value>(&v, 1));
                                TOP() = std::move(it);
                                break;
                            }
                        }
                    }
                    v = ops::get_iter(*this, v);
                    break;
                }
                case Op::YIELD_FROM: {
                    Value sendv = POP();
                    Value& sub = TOP();
                    Type* st = type_of(sub);
                    if (st == t_generator || st == t_coroutine) {
                        auto* g = sub.as<GenObj>();
                        if (g->state == GenState::Running)
                            raise(Exc::ValueError, st == t_coroutine ? "coroutine already executing" : "generator already executing");
                        if (g->state == GenState::Finished) {
                            if (st == t_coroutine) raise(Exc::RuntimeError, "cannot reuse already awaited coroutine");
                            Value drop = POP();
                            PUSH(Value::none());
                            break;
                        }
                        Frame* child = g->frame.get();
                        if (g->state == GenState::Suspended) *child->sp++ = std::move(sendv);
                        g->state = GenState::Running;
                        f->resume_ip = ip - 1;
                        SAVE_FRAME();
                        child->back = f;
                        child->mode = FrameMode::Send;
                        child->entry = false;
                        if (++depth_ > recursion_limit) {
                            --depth_;
                            g->state = GenState::Suspended;
                            raise(Exc::RecursionError, "maximum recursion depth exceeded");
                        }
                        f = child;
                        LOAD_FRAME();
                        break;
                    }
                    if (st == t_agen_awaitable) {
                        auto* aw = sub.as<AsyncGenAwaitable>();
                        auto* g = aw->agen.as<GenObj>();
                        if (aw->done) raise(Exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
                        Value throw_in;
                        if (!aw->started) {
                            // One asend/athrow/aclose at a time: another task may not advance
                            // the generator while this awaitable is suspended inside it.
                            if (g->ag_running)
                                raise(Exc::RuntimeError, aw->kind == AsyncGenAwaitable::Kind::Send ? "anext(): asynchronous generator is already running"
                                                         : aw->kind == AsyncGenAwaitable::Kind::Throw ? "athrow(): asynchronous generator is already running"
                                                                                                      : "aclose(): asynchronous generator is already running");
                            if (g->state != GenState::Finished)
                                g->ag_running = true;
                            aw->started = true;
                            if (aw->kind == AsyncGenAwaitable::Kind::Send) sendv = aw->value;
                            else if (aw->kind == AsyncGenAwaitable::Kind::Throw) throw_in = aw->value;
                            else throw_in = make_exception(exc_type(Exc::GeneratorExit), {});
                        }
                        if (g->state == GenState::Finished) {
                            aw->done = true;
                            if (aw->kind == AsyncGenAwaitable::Kind::Close) {
                                Value drop = POP();
                                PUSH(Value::none());
                                break;
                            }
                            if (throw_in && aw->kind == AsyncGenAwaitable::Kind::Throw) raise_value(throw_in);
                            Value e = make_exception(Exc::StopAsyncIteration, "");
                            e.as<ExceptionObj>()->args = empty_tuple;
                            raise_value(e);
                        }
                        if (g->state == GenState::Running) raise(Exc::RuntimeError, "anext(): asynchronous generator is already running");
                        Frame* child = g->frame.get();
                        if (g->state == GenState::Suspended && !throw_in) *child->sp++ = std::move(sendv);
                        if (g->state == GenState::Created && throw_in) {
                            g->state = GenState::Finished;
                            g->ag_running = false;
                            aw->done = true;
                            if (aw->kind == AsyncGenAwaitable::Kind::Close) {
                                Value drop = POP();
                                PUSH(Value::none());
                                break;
                            }
                            raise_value(throw_in);
                        }
                        g->state = GenState::Running;
                        f->resume_ip = ip - 1;
                        SAVE_FRAME();
                        child->back = f;
                        child->mode = FrameMode::Send;
                        child->entry = false;
                        ++depth_;
                        f = child;
                        LOAD_FRAME();
                        if (throw_in) {
                            pending = throw_in;
                            reraise = true;
                            goto exception;
                        }
                        break;
                    }
                    if (st->layout == Layout::NativeAwaitable) {
                        Value aw = POP();
                        f->in_yield_from = false;
                        yield_delegated = true;
                        escaping = std::move(aw);
                        goto yield_up;
                    }
                    // A plain iterator (yield from [1, 2]) or an __await__ iterator that is not a generator.
                    SAVE_FRAME();
                    Value r;
                    if (sendv.is_none()) r = ops::next(*this, sub);
                    else r = call_method(sub, "send", std::span<const Value>(&sendv, 1));
                    if (!r) {
                        Value drop = POP();
                        PUSH(Value::none());
                        break;
                    }
                    f->resume_ip = ip - 1;
                    ip = ip - 1;
                    f->in_yield_from = true;
                    yield_delegated = false;
                    escaping = std::move(r);
                    goto yield_up_keep_ip;
                }
                case Op::GET_AWAITABLE: {
                    Value& v = TOP();
                    Type* t = type_of(v);
                    if (t == t_coroutine || t == t_agen_awaitable || t->layout == Layout::NativeAwaitable) break;
                    // Generator-based coroutines (@asyncio.coroutine) are awaitable; plain generators are not.
                    if (t == t_generator && is_iterable_coroutine(v)) break;
                    Value m = type_lookup(t, intern("__await__"));
                    if (!m) raise(Exc::TypeError, "object " + t->name + " can't be used in 'await' expression");
                    Value it = call(m, std::span<const Value>(&v, 1));
                    Type* it_t = type_of(it);
                    if (it_t == t_coroutine) {
                        // The embedding's own types may implement __await__ with a coroutine
                        // (asyncio.Lock's legacy `await lock`).
                        if (!t->builtin) raise(Exc::TypeError, "__await__() returned a coroutine");
                        v = std::move(it);
                        break;
                    }
                    if (it_t != t_generator && !type_lookup(it_t, intern("__next__")))
                        raise(Exc::TypeError, "__await__() returned non-iterator of type '" + it_t->name + "'");
                    v = std::move(it);
                    break;
                }
                case Op::GET_AITER: {
                    Value& v = TOP();
                    Type* t = type_of(v);
                    if (t == t_async_generator) break;
                    Value m = type_lookup(t, intern("__aiter__"));
                    if (!m)
                        raise(Exc::TypeError, "'async for' requires an object with __aiter__ method, got " + t->name);
                    v = call(m, std::span<const Value>(&v, 1));
                    break;
                }
                case Op::GET_ANEXT: {
                    const Value& v = TOP();
                    Type* t = type_of(v);
                    if (t == t_async_generator) {
                        auto* aw = heap().make<AsyncGenAwaitable>(t_agen_awaitable);
                        Value awv(aw);
                        aw->agen = v;
                        aw->value = Value::none();
                        PUSH(std::move(awv));
                        break;
                    }
                    Value m = type_lookup(t, intern("__anext__"));
                    if (!m)
                        raise(Exc::TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: " + t->name);
                    Value r = call(m, std::span<const Value>(&v, 1));
                    PUSH(std::move(r));
                    break;
                }
                case Op::END_ASYNC_FOR: {
                    Value exc = POP();
                    if (is_instance_of(exc, exc_type(Exc::StopAsyncIteration))) {
                        Value drop = POP();
                        break;
                    }
                    pending = std::move(exc);
                    reraise = true;
                    goto exception;
                }
                case Op::SETUP_FINALLY:
                case Op::SETUP_CLEANUP: {
                    if (f->nblocks >= 24) raise(Exc::SystemExit, "too many statically nested blocks");
                    auto level = static_cast<std::uint32_t>(sp - f->stack) - (ins.op == Op::SETUP_CLEANUP ? 1 : 0);
                    f->blocks[f->nblocks++] = Block{ins.arg, level};
                    break;
                }
                case Op::POP_BLOCK: --f->nblocks; break;
                case Op::PUSH_EXC_INFO: {
                    Value exc = POP();
                    PUSH(f->handled ? f->handled : Value::none());
                    f->handled = exc;
                    PUSH(std::move(exc));
                    break;
                }
                case Op::POP_EXCEPT: {
                    Value prev = POP();
                    f->handled = prev.is_none() ? Value() : std::move(prev);
                    break;
                }
                case Op::RERAISE_RESTORE: {
                    Value exc = POP();
                    Value prev = POP();
                    f->handled = prev.is_none() ? Value() : std::move(prev);
                    pending = std::move(exc);
                    reraise = true;
                    goto exception;
                }
                case Op::CHECK_EXC_MATCH: {
                    Value type = POP();
                    bool m = exception_matches(*this, TOP(), type);
                    PUSH(Value::boolean(m));
                    break;
                }
                case Op::CHECK_EG_MATCH: {
                    Value type = POP();
                    Value rest = POP();
                    auto [match, rest2] = exception_group_split(*this, rest, type);
                    PUSH(std::move(rest2));
                    if (!match.is_none()) f->handled = match;
                    PUSH(std::move(match));
                    break;
                }
                case Op::PREP_RERAISE_STAR: {
                    Value rest = POP();
                    Value raised = POP();
                    Value orig = POP();
                    if (!rest.is_none()) raised.as<List>()->items.push_back(rest);
                    PUSH(prep_reraise_star(*this, orig, raised));
                    break;
                }
                case Op::RAISE: {
                    if (ins.arg == 0) {
                        Value h = current_handled();
                        if (!h) raise(Exc::RuntimeError, "No active exception to reraise");
                        pending = h;
                        reraise = true;
                        goto exception;
                    }
                    Value cause;
                    if (ins.arg == 2) cause = POP();
                    Value exc = exception_from_raise_operand(*this, POP());
                    if (ins.arg == 2) {
                        auto* e = exc.as<ExceptionObj>();
                        if (cause.is_none()) e->cause = Value();
                        else {
                            Value c = cause;
                            if (c.is_obj() && c.obj()->type->layout == Layout::Type) c = exception_from_raise_operand(*this, c);
                            if (!is_instance_of(c, exc_type(Exc::BaseException)))
                                raise(Exc::TypeError, "exception causes must derive from BaseException");
                            e->cause = c;
                        }
                        e->suppress_context = true;
                    }
                    set_context(*this, exc);
                    pending = std::move(exc);
                    goto exception;
                }
                case Op::BEFORE_WITH:
                case Op::BEFORE_ASYNC_WITH: {
                    Value mgr = POP();
                    Type* t = type_of(mgr);
                    bool is_async = ins.op == Op::BEFORE_ASYNC_WITH;
                    Value enter = type_lookup(t, intern(is_async ? "__aenter__" : "__enter__"));
                    Value exit = type_lookup(t, intern(is_async ? "__aexit__" : "__exit__"));
                    if (!enter || !exit) {
                        if (is_async)
                            raise(Exc::TypeError, "'" + t->name + "' object does not support the asynchronous context manager protocol");
                        raise(Exc::TypeError, "'" + t->name + "' object does not support the context manager protocol");
                    }
                    Value bound_exit = getattr(mgr, intern(is_async ? "__aexit__" : "__exit__"));
                    PUSH(std::move(bound_exit));
                    SAVE_FRAME();
                    Value r = call(enter, std::span<const Value>(&mgr, 1));
                    PUSH(std::move(r));
                    break;
                }
                case Op::WITH_EXCEPT_START: {
                    Value exc = TOP();
                    Value exit = sp[-3];
                    Value args[3] = {Value(type_of(exc)), exc, Value::none()};
                    SAVE_FRAME();
                    Value r = call(exit, args);
                    PUSH(std::move(r));
                    break;
                }
                case Op::BUILD_CLASS: {
                    Value bases = POP();
                    Value name = POP();
                    Value body = POP();
                    auto* fn = body.as<Function>();
                    Frame* child = make_call_frame(*this, fn, nullptr, nullptr, 0, nullptr, nullptr, 0);
                    child->locals_dict = dict();
                    ops::dict_set(*this, child->locals_dict, intern("__module__"), ops::dict_get_str(f->globals, intern("__name__")));
                    ops::dict_set(*this, child->locals_dict, intern("__qualname__"), fn->qualname);
                    child->mode = FrameMode::ClassBody;
                    child->extra = tuple({name, bases, fn->qualname});
                    SAVE_FRAME();
                    child->back = f;
                    ++depth_;
                    f = child;
                    LOAD_FRAME();
                    break;
                }
                case Op::IMPORT_NAME: {
                    const std::string& name = f->code->names[ins.arg].as<Str>()->s;
                    auto it = modules.find(name);
                    if (it != modules.end()) {
                        PUSH(it->second);
                        break;
                    }
                    auto fit = module_factories.find(name);
                    if (fit == module_factories.end()) {
                        static const char* blocked[] = {
                            "os", "sys", "subprocess", "socket", "pathlib", "shutil", "io", "ctypes", "multiprocessing",
                            "threading", "signal", "importlib", "builtins", "glob", "tempfile", "pickle", "shelve",
                            "urllib", "http", "ftplib", "smtplib", "ssl", "select", "selectors", "mmap", "fcntl",
                            "posix", "pty", "tty", "resource", "platform", "sqlite3", "webbrowser", "code", "codeop",
                            "runpy", "inspect", "gc", "marshal", "zipfile", "tarfile", "fileinput", "open", "concurrent",
                        };
                        for (const char* b : blocked)
                            if (name == b || name.rfind(std::string(b) + ".", 0) == 0)
                                raise(Exc::ImportError, "module '" + name +
                                                            "' is not available in Loopscope (scripts cannot reach files, "
                                                            "network or processes)");
                        raise(Exc::ModuleNotFoundError, "module '" + name + "' is not supported by Loopscope");
                    }
                    SAVE_FRAME();
                    Value m = fit->second(*this);
                    modules[name] = m;
                    PUSH(std::move(m));
                    break;
                }
                case Op::IMPORT_FROM: {
                    const Value& mod = TOP();
                    Value v = getattr_opt(mod, f->code->names[ins.arg]);
                    if (!v) {
                        std::string modname = mod.is_obj() && mod.obj()->type == t_module ? mod.as<Module>()->name : "?";
                        raise(Exc::ImportError, "cannot import name '" + f->code->names[ins.arg].as<Str>()->s +
                                                    "' from '" + modname + "' (unknown location)");
                    }
                    PUSH(std::move(v));
                    break;
                }
                case Op::IMPORT_STAR: {
                    Value mod = POP();
                    auto entries = mod.as<Module>()->dict.as<Dict>()->table.entries();
                    for (auto& e : entries) {
                        if (e.key.is_null() || e.key.as<Str>()->s.empty() || e.key.as<Str>()->s[0] == '_') continue;
                        ops::dict_set(*this, f->locals_dict ? f->locals_dict : f->globals, e.key, e.value);
                    }
                    break;
                }
                case Op::LOAD_ASSERTION_ERROR: PUSH(Value(exc_type(Exc::AssertionError))); break;
                case Op::UNSUPPORTED: raise(Exc::NotImplementedError, "not supported");
                }
            }

        yield_up:
            SAVE_FRAME();
        yield_up_keep_ip:
            // f suspends, handing `escaping` to whoever resumed it.
            for (;;) {
                f->sp = sp;
                f->ip = ip;
                GenObj* g = f->gen;
                if (g) g->state = GenState::Suspended;
                Frame* parent = f->back;
                FrameMode mode = f->mode;
                bool was_entry = f->entry;
                f->back = nullptr;
                f->entry = false;
                --depth_;
                if (was_entry) {
                    current_frame = parent;
                    if (yielded) *yielded = true;
                    Value out = std::move(escaping);
                    return out;
                }
                f = parent;
                LOAD_FRAME();
                if (mode == FrameMode::ForIter) {
                    PUSH(std::move(escaping));
                    goto dispatch;
                }
                // Send: the delegating frame suspends too, re-running YIELD_FROM when resumed.
                ip = f->resume_ip;
                f->in_yield_from = true;
            }

        exception:
            for (;;) {
                if (!reraise) add_traceback(pending, f);
                reraise = false;
                if (f->nblocks > 0) {
                    Block b = f->blocks[--f->nblocks];
                    Value* level = f->stack + b.level;
                    for (Value* p = f->stack + f->stack_capacity; p-- > level;) *p = Value();
                    sp = level;
                    PUSH(std::move(pending));
                    pending = Value();
                    ip = b.handler;
                    goto dispatch;
                }
                // Leave the frame with the exception.
                for (Value* p = f->stack + f->stack_capacity; p-- > f->stack;) *p = Value();
                f->sp = f->stack;
                Frame* parent = f->back;
                bool was_entry = f->entry;
                GenObj* g = f->gen;
                bool agen = f->code->flags & CO_ASYNC_GENERATOR;
                --depth_;
                f->back = nullptr;
                f->handled = Value();
                if (g) {
                    g->state = GenState::Finished;
                    Type* et = type_of(pending);
                    if (agen && (et == exc_type(Exc::StopAsyncIteration) || is_instance_of(pending, exc_type(Exc::StopAsyncIteration)))) {
                        Value e = make_exception(Exc::RuntimeError, "async generator raised StopAsyncIteration");
                        e.as<ExceptionObj>()->cause = pending;
                        e.as<ExceptionObj>()->context = pending;
                        e.as<ExceptionObj>()->suppress_context = true;
                        pending = e;
                    } else if (is_instance_of(pending, exc_type(Exc::StopIteration))) {
                        const char* what = f->code->flags & CO_COROUTINE ? "coroutine raised StopIteration"
                                           : agen                         ? "async generator raised StopIteration"
                                                                          : "generator raised StopIteration";
                        Value e = make_exception(Exc::RuntimeError, what);
                        e.as<ExceptionObj>()->cause = pending;
                        e.as<ExceptionObj>()->context = pending;
                        e.as<ExceptionObj>()->suppress_context = true;
                        pending = e;
                    }
                } else {
                    free_frame(f);
                }
                if (was_entry) {
                    current_frame = parent;
                    escaping = std::move(pending);
                    goto escape;
                }
                f = parent;
                LOAD_FRAME();
                if (agen && sp > f->stack && type_of(sp[-1]) == t_agen_awaitable) {
                    auto* aw = sp[-1].as<AsyncGenAwaitable>();
                    aw->done = true;
                    aw->agen.as<GenObj>()->ag_running = false;
                    if (aw->kind == AsyncGenAwaitable::Kind::Close &&
                        (is_instance_of(pending, exc_type(Exc::GeneratorExit)) ||
                         is_instance_of(pending, exc_type(Exc::StopAsyncIteration)))) {
                        Value drop = POP();
                        PUSH(Value::none());
                        pending = Value();
                        goto dispatch;
                    }
                }
            }
        } catch (PyThrow& t) {
            pending = std::move(t.exc);
            set_context(*this, pending);
            reraise = false;
            continue;
        } catch (const support::PyError& e) {
            pending = exc_from_support(*this, e);
            set_context(*this, pending);
            reraise = false;
            continue;
        } catch (const ScriptStopped&) {
            // Abandon every frame of this loop.
            for (;;) {
                Frame* parent = f->back;
                bool was_entry = f->entry;
                --depth_;
                for (Value* p = f->stack + f->stack_capacity; p-- > f->stack;) *p = Value();
                f->sp = f->stack;
                f->back = nullptr;
                f->nblocks = 0;
                if (f->gen) f->gen->state = GenState::Finished;
                else free_frame(f);
                if (was_entry) {
                    current_frame = parent;
                    break;
                }
                f = parent;
            }
            throw;
        }
    escape:
        throw PyThrow{std::move(escaping)};
    }
#undef LOAD_FRAME
#undef SAVE_FRAME
#undef PUSH
#undef POP
#undef TOP
}

void Interpreter::poll_stop()
{
    poll_counter_ = 4096;
    if (stop_flag_.load(std::memory_order_relaxed) || host_->interrupt_requested()) throw ScriptStopped{};
}

Value Interpreter::current_handled() const
{
    for (Frame* f = current_frame; f; f = f->back)
        if (f->handled) return f->handled;
    return Value();
}

}  // namespace script
