#include <script/runtime/interpreter.hpp>

#include <script/runtime/compiler.hpp>
#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/py_error.hpp>
#include <script/support/string_repr.hpp>
#include <script/syntax/parser.hpp>

#include <algorithm>

namespace script {

thread_local bool g_heap_teardown = false;
namespace {
thread_local Interpreter* tls_interp = nullptr;
}

Interpreter& current_interpreter() noexcept { return *tls_interp; }

namespace {
// Freeing a deeply nested structure (a list of a list of ... 100,000 deep) must not recurse
// that deep on the C++ stack: past a small depth, objects wait in a list drained by the
// outermost destroy_object.
thread_local int destroy_depth = 0;
thread_local std::vector<Object*> destroy_pending;
}  // namespace

// A generator dropped while suspended is closed first, as CPython's finalizer does:
// GeneratorExit at its yield runs its finally blocks and with-exits at once (the
// `break` out of a for loop over it). An async generator goes to asyncio's hook, which
// closes it in a task of its own. What escapes is reported, never raised. Coroutines
// are left to their owners (tasks).
void finalize_generator(Interpreter& in, GenObj* g) noexcept
{
    try {
        Value keep(static_cast<Object*>(g));
        if (g->type == in.t_async_generator && in.async_gen_finalizer && in.async_gen_finalizer(keep)) return;
        try {
            in.close(keep);
        } catch (PyThrow& t) {
            // CPython's unraisable hook prints the exception alone, without its chain.
            auto* e = t.exc.as<ExceptionObj>();
            e->context = Value();
            e->cause = Value();
            in.host().write_stderr("Exception ignored in: " + ops::repr(in, keep) + "\n" + in.format_exception(t.exc));
        }
    } catch (...) {
        // A stop request (or a failing report) inside a finalizer: the stop flag
        // stays set and the next poll stops the program.
    }
}

void destroy_object(Object* o) noexcept
{
    if (Interpreter* in = tls_interp; in && (o->type == in->t_generator || o->type == in->t_async_generator)) [[unlikely]] {
        auto* g = static_cast<GenObj*>(o);
        if (g->state == GenState::Suspended && g->frame && !(g->frame->code->flags & CO_ITERABLE_COROUTINE)) {
            o->refcnt = 1;  // alive while it finalizes (close() takes references of its own)
            finalize_generator(*in, g);
            if (--o->refcnt != 0) return;  // something kept it
        }
    }
    o->heap_prev->heap_next = o->heap_next;
    o->heap_next->heap_prev = o->heap_prev;
    if (destroy_depth >= 64) {
        destroy_pending.push_back(o);
        return;
    }
    ++destroy_depth;
    delete o;
    if (destroy_depth == 1) {
        while (!destroy_pending.empty()) {
            Object* p = destroy_pending.back();
            destroy_pending.pop_back();
            delete p;
        }
    }
    --destroy_depth;
}

std::size_t Heap::live_objects() const noexcept
{
    std::size_t n = 0;
    for (Object* o = head_.heap_next; o != &head_; o = o->heap_next) ++n;
    return n;
}

Heap::~Heap()
{
    bool saved = g_heap_teardown;
    g_heap_teardown = true;
    Object* o = head_.heap_next;
    while (o != &head_) {
        Object* next = o->heap_next;
        delete o;
        o = next;
    }
    head_.heap_next = head_.heap_prev = &head_;
    g_heap_teardown = saved;
}

GenObj::~GenObj() = default;

Frame::Frame(Code* c, Value fn, Value g) : code_ref(c), code(c), func(std::move(fn)), globals(std::move(g))
{
    int nl = c->nlocals(), nc = c->ncells();
    stack_capacity = c->stacksize;
    slot_capacity = nl + nc + stack_capacity;
    slots = std::make_unique<Value[]>(static_cast<std::size_t>(slot_capacity));
    fast = slots.get();
    cells = fast + nl;
    stack = cells + nc;
    sp = stack;
}

void Frame::reset(Code* c, Value fn, Value g)
{
    code_ref = Value(c);
    code = c;
    func = std::move(fn);
    globals = std::move(g);
    int nl = c->nlocals(), nc = c->ncells();
    stack_capacity = c->stacksize;
    fast = slots.get();
    cells = fast + nl;
    stack = cells + nc;
    sp = stack;
    ip = lasti = resume_ip = 0;
    back = nullptr;
    mode = FrameMode::Call;
    entry = false;
    in_yield_from = false;
    gen = nullptr;
    nblocks = 0;
}

Frame* Interpreter::new_frame(Code* code, Value func, Value globals)
{
    int need = code->nlocals() + code->ncells() + code->stacksize;
    if (!frame_pool_.empty() && frame_pool_.back()->slot_capacity >= need) {
        Frame* f = frame_pool_.back();
        frame_pool_.pop_back();
        f->reset(code, std::move(func), std::move(globals));
        return f;
    }
    return new Frame(code, std::move(func), std::move(globals));
}

void Interpreter::free_frame(Frame* f) noexcept
{
    if (frame_pool_.size() >= 64 || f->slot_capacity > 256) {
        delete f;
        return;
    }
    // Only the part the last code used can hold values.
    int used = f->code->nlocals() + f->code->ncells() + f->stack_capacity;
    for (int i = 0; i < used; ++i) f->slots[static_cast<std::size_t>(i)] = Value();
    f->code_ref = Value();
    f->func = Value();
    f->globals = Value();
    f->locals_dict = Value();
    f->handled = Value();
    f->extra = Value();
    frame_pool_.push_back(f);
}

Frame::~Frame() = default;

Value Args::kw(std::string_view name) const
{
    for (std::size_t i = 0; i < nkw; ++i)
        if (kwnames[i].as<Str>()->s == name) return kwvals[i];
    return Value();
}

Interpreter::DepthGuard::DepthGuard(Interpreter& i) : in(i)
{
    ++in.native_depth_;
    if (in.native_depth_ > in.recursion_limit + 50) {
        --in.native_depth_;
        in.raise(Exc::RecursionError, "maximum recursion depth exceeded while calling a Python object");
    }
}

// ------------------------------------------------------------------ lifetime

Interpreter::Interpreter(Host& host) : host_(&host)
{
    saved_current_ = tls_interp;
    tls_interp = this;
    init_types();
    init_exceptions();
    init_builtins();
    register_module("random", make_random_module);
    register_module("functools", make_functools_module);
    register_module("time", make_time_module);
    register_module("datetime", make_datetime_module);
    register_module("typing", make_typing_module);
}

Interpreter::~Interpreter()
{
    tls_interp = this;
    for (Frame* f : frame_pool_) delete f;
    frame_pool_.clear();
    // Everything is freed by heap_'s destructor (after the members holding Values).
    interned.clear();
    modules.clear();
    module_factories.clear();
    // Entry points (run_program, step, close) set and restore the thread's interpreter;
    // the constructor leaves it set for direct API use, so clear it if it is still us.
    if (tls_interp == this) tls_interp = nullptr;
}

void Interpreter::register_module(std::string name, ModuleFactory factory)
{
    module_factories[std::move(name)] = std::move(factory);
}

// --------------------------------------------------------------- construction

Value Interpreter::str(std::string s) { return Value(heap_.make<Str>(t_str, std::move(s))); }

Value Interpreter::intern(std::string_view s)
{
    auto it = interned.find(std::string(s));
    if (it != interned.end()) return it->second;
    auto* o = heap_.make<Str>(t_str, std::string(s));
    o->interned = true;
    Value v(o);
    interned.emplace(std::string(s), v);
    return v;
}

Value Interpreter::integer(const support::BigInt& v)
{
    if (v.fits_int64()) return Value::integer(v.to_int64());
    return Value(heap_.make<BigIntObj>(t_int, v));
}

Value Interpreter::list(std::vector<Value> items)
{
    auto* l = heap_.make<List>(t_list);
    l->items = std::move(items);
    return Value(l);
}

Value Interpreter::tuple(std::vector<Value> items)
{
    if (items.empty() && empty_tuple) return empty_tuple;
    auto* t = heap_.make<Tuple>(t_tuple);
    t->items = std::move(items);
    return Value(t);
}

Value Interpreter::dict() { return Value(heap_.make<Dict>(t_dict)); }
Value Interpreter::set(bool frozen) { return Value(heap_.make<SetObj>(frozen ? t_frozenset : t_set)); }

Value Interpreter::native(std::string name, NativeFnPtr fn, Value data, bool is_method)
{
    auto* n = heap_.make<NativeFn>(t_native);
    n->name = std::move(name);
    n->fn = fn;
    n->data = std::move(data);
    n->is_method = is_method;
    return Value(n);
}

Type* Interpreter::new_type(std::string name, Type* base, Layout layout, bool builtin)
{
    auto* t = heap_.make<Type>(t_type);
    incref(t);  // types live as long as the interpreter
    t->name = name;
    t->qualname = name;
    t->base = base;
    t->layout = layout;
    t->builtin = builtin;
    t->dict = dict();
    t->mro.push_back(t);
    if (base) {
        t->mro.insert(t->mro.end(), base->mro.begin(), base->mro.end());
        t->is_exception = base->is_exception;
    }
    return t;
}

void Interpreter::add_method(Type* t, const char* name, NativeFnPtr fn)
{
    Value f = native(name, fn, Value(), true);
    f.as<NativeFn>()->owner = t;
    ops::dict_set(*this, t->dict, intern(name), f);
}

Value Interpreter::new_instance(Type* t)
{
    if (t->is_exception) {
        auto* e = heap_.make<ExceptionObj>(t);
        e->args = empty_tuple;
        return Value(e);
    }
    return Value(heap_.make<Instance>(t));
}

Value Interpreter::iterator(IterKind kind, Value seq)
{
    auto* it = heap_.make<Iterator>(t_iters[static_cast<int>(kind)]);
    it->kind = kind;
    it->seq = std::move(seq);
    return Value(it);
}

void Interpreter::init_types()
{
    // `type` and `object` first; their own type pointers are patched afterwards.
    t_type = nullptr;
    auto* tt = new Type();
    heap_.link(tt);
    incref(tt);
    t_type = tt;
    tt->type = tt;
    tt->name = tt->qualname = "type";
    tt->layout = Layout::Type;
    tt->builtin = true;
    t_str = new Type();
    heap_.link(t_str);
    incref(t_str);
    t_str->type = tt;
    t_str->name = t_str->qualname = "str";
    t_str->layout = Layout::Str;
    t_str->builtin = true;
    t_dict = new Type();
    heap_.link(t_dict);
    incref(t_dict);
    t_dict->type = tt;
    t_dict->name = t_dict->qualname = "dict";
    t_dict->layout = Layout::Dict;
    t_dict->builtin = true;
    tt->dict = dict();
    t_str->dict = dict();
    t_dict->dict = dict();
    t_object = new_type("object", nullptr, Layout::Instance);
    tt->base = t_object;
    tt->mro = {tt, t_object};
    t_str->base = t_object;
    t_str->mro = {t_str, t_object};
    t_dict->base = t_object;
    t_dict->mro = {t_dict, t_object};
    t_int = new_type("int", t_object, Layout::Int);
    t_bool = new_type("bool", t_int, Layout::Bool);
    t_bool->subclassable = false;
    t_float = new_type("float", t_object, Layout::Float);
    t_none = new_type("NoneType", t_object, Layout::None);
    t_list = new_type("list", t_object, Layout::List);
    t_tuple = new_type("tuple", t_object, Layout::Tuple);
    t_set = new_type("set", t_object, Layout::Set);
    t_frozenset = new_type("frozenset", t_object, Layout::FrozenSet);
    t_range = new_type("range", t_object, Layout::Range);
    t_slice = new_type("slice", t_object, Layout::Slice);
    t_function = new_type("function", t_object, Layout::Function);
    t_native = new_type("builtin_function_or_method", t_object, Layout::Native);
    t_method = new_type("method", t_object, Layout::Method);
    t_property = new_type("property", t_object, Layout::Property);
    t_staticmethod = new_type("staticmethod", t_object, Layout::StaticMethod);
    t_classmethod = new_type("classmethod", t_object, Layout::ClassMethod);
    t_super = new_type("super", t_object, Layout::Super);
    t_module = new_type("module", t_object, Layout::Module);
    t_generator = new_type("generator", t_object, Layout::Generator);
    t_coroutine = new_type("coroutine", t_object, Layout::Coroutine);
    t_async_generator = new_type("async_generator", t_object, Layout::AsyncGenerator);
    t_cell = new_type("cell", t_object, Layout::Cell);
    t_code = new_type("code", t_object, Layout::Code);
    t_notimpl = new_type("NotImplementedType", t_object, Layout::NotImplemented);
    t_ellipsis = new_type("ellipsis", t_object, Layout::Ellipsis);
    t_agen_awaitable = new_type("async_generator_asend", t_object, Layout::AsyncGenAwaitable);
    t_partial = new_type("functools.partial", t_object, Layout::Partial);
    t_partial->name = t_partial->qualname = "partial";
    t_partial->module = "functools";
    t_dict_keys = new_type("dict_keys", t_object, Layout::DictView);
    t_dict_values = new_type("dict_values", t_object, Layout::DictView);
    t_dict_items = new_type("dict_items", t_object, Layout::DictView);
    static const char* iter_names[] = {
        "list_iterator", "tuple_iterator", "range_iterator", "str_ascii_iterator", "dict_keyiterator",
        "dict_valueiterator", "dict_itemiterator", "set_iterator", "enumerate", "zip", "map", "filter",
        "reversed", "iterator", "callable_iterator", "repeat",
    };
    for (int i = 0; i < 16; ++i) t_iters[i] = new_type(iter_names[i], t_object, Layout::Iterator);
    for (Type* t : {t_bool, t_none, t_range, t_slice, t_function, t_native, t_method, t_generator, t_coroutine,
                    t_async_generator, t_cell, t_code, t_notimpl, t_ellipsis})
        t->subclassable = false;
    empty_tuple = Value(heap_.make<Tuple>(t_tuple));
    not_implemented = Value(heap_.make<Instance>(t_notimpl));
    ellipsis = Value(heap_.make<Instance>(t_ellipsis));
    builtins = dict();
}

// ------------------------------------------------------------------- errors

Value Interpreter::make_exception(Type* type, std::vector<Value> args)
{
    Value e = new_instance(type);
    e.as<ExceptionObj>()->args = tuple(std::move(args));
    return e;
}

Value Interpreter::make_exception(Exc kind, std::string message)
{
    return make_exception(exc_type(kind), {str(std::move(message))});
}

void Interpreter::raise(Exc kind, std::string message) { throw PyThrow{make_exception(kind, std::move(message))}; }
void Interpreter::raise_value(Value exc) { throw PyThrow{std::move(exc)}; }
void Interpreter::raise_memory_error() { throw PyThrow{make_exception(exc_type(Exc::MemoryError), {})}; }

bool Interpreter::is_instance_of(const Value& v, Type* t) const
{
    Type* vt = type_of(v);
    if (vt == t) return true;
    for (Type* m : vt->mro)
        if (m == t) return true;
    return false;
}

// ------------------------------------------------------------- attributes

Value Interpreter::type_lookup(Type* t, const Value& name) const
{
    auto* s = name.as<Str>();
    std::int64_t h = s->hash;
    if (h == -1) h = ops::hash(const_cast<Interpreter&>(*this), name);
    for (Type* m : t->mro) {
        if (Value* v = m->dict.as<Dict>()->table.get(name, h)) return *v;
    }
    return Value();
}

Value Interpreter::type_lookup(Type* t, std::string_view name) { return type_lookup(t, intern(name)); }

namespace {

// As CPython's generic attribute lookup does, the error carries `name` and `obj`: its
// traceback works out "Did you mean" from them when it is printed.
[[noreturn]] void raise_attribute_error(Interpreter& in, const Value& obj, const Value& name, std::string message)
{
    Value exc = in.make_exception(Exc::AttributeError, std::move(message));
    in.setattr(exc, in.intern("name"), name);
    in.setattr(exc, in.intern("obj"), obj);
    in.raise_value(std::move(exc));
}

Value bind_descriptor(Interpreter& in, const Value& d, const Value& obj, Type* owner)
{
    if (!d.is_obj()) return d;
    Type* dt = d.obj()->type;
    if (dt == in.t_function || (dt == in.t_native && d.as<NativeFn>()->is_method && !d.as<NativeFn>()->is_classmethod)) {
        auto* bm = in.heap().make<BoundMethod>(in.t_method);
        bm->self = obj;
        bm->func = d;
        return Value(bm);
    }
    if (dt == in.t_native && d.as<NativeFn>()->is_classmethod) {
        auto* bm = in.heap().make<BoundMethod>(in.t_method);
        bm->self = Value(owner);
        bm->func = d;
        return Value(bm);
    }
    if (dt == in.t_classmethod) {
        auto* bm = in.heap().make<BoundMethod>(in.t_method);
        bm->self = Value(owner);
        bm->func = d.as<ClassMethod>()->func;
        return Value(bm);
    }
    if (dt == in.t_staticmethod) return d.as<StaticMethod>()->func;
    if (dt == in.t_property) {
        auto* p = d.as<Property>();
        if (!p->fget) in.raise(Exc::AttributeError, "property object has no getter");
        return in.call(p->fget, std::span<const Value>(&obj, 1));
    }
    return d;
}

Value exception_special_attr(Interpreter& in, ExceptionObj* e, const std::string& n)
{
    if (n == "args") return e->args;
    if (n == "__cause__") return e->cause ? e->cause : Value::none();
    if (n == "__context__") return e->context ? e->context : Value::none();
    if (n == "__suppress_context__") return Value::boolean(e->suppress_context);
    if (n == "__traceback__") return Value::none();
    if (n == "__notes__" && e->notes) return e->notes;
    auto& args = e->args.as<Tuple>()->items;
    if (n == "value" && in.is_instance_of(Value(e), in.exc_type(Exc::StopIteration)))
        return args.empty() ? Value::none() : args[0];
    if (n == "code" && in.is_instance_of(Value(e), in.exc_type(Exc::SystemExit)))
        return args.empty() ? Value::none() : args.size() == 1 ? args[0] : e->args;
    if (in.is_instance_of(Value(e), in.exc_type(Exc::BaseExceptionGroup))) {
        if (n == "message") return args.size() > 0 ? args[0] : in.str("");
        if (n == "exceptions") return args.size() > 1 ? in.tuple(ops::to_vector(in, args[1])) : in.tuple();
    }
    return Value();
}

}  // namespace

Value Interpreter::getattr_opt(const Value& obj, const Value& name)
{
    try {
        return getattr(obj, name);
    } catch (PyThrow& t) {
        if (is_instance_of(t.exc, exc_type(Exc::AttributeError))) return Value();
        throw;
    }
}

Value Interpreter::getattr(const Value& obj, const Value& name)
{
    Type* t = type_of(obj);
    const std::string& n = name.as<Str>()->s;
    switch (t->layout) {
    case Layout::Type: {
        Type* cls = obj.as<Type>();
        Value d = type_lookup(cls, name);
        if (d) {
            if (d.is_obj()) {
                Type* dt = d.obj()->type;
                if (dt == t_classmethod || (dt == t_native && d.as<NativeFn>()->is_classmethod)) return bind_descriptor(*this, d, obj, cls);
                if (dt == t_staticmethod) return d.as<StaticMethod>()->func;
            }
            return d;
        }
        if (n == "__name__") return str(cls->name);
        if (n == "__qualname__") return str(cls->qualname);
        if (n == "__module__") return str(cls->module);
        if (n == "__mro__") {
            std::vector<Value> m;
            for (Type* x : cls->mro) m.push_back(Value(x));
            return tuple(std::move(m));
        }
        if (n == "__bases__") return cls->base ? tuple({Value(cls->base)}) : tuple();
        if (n == "__base__") return cls->base ? Value(cls->base) : Value::none();
        if (n == "__dict__") return cls->dict;
        if (n == "__doc__") return Value::none();
        if (n == "__class__") return Value(t_type);
        raise(Exc::AttributeError, "type object '" + cls->name + "' has no attribute '" + n + "'");
    }
    case Layout::Module: {
        auto* m = obj.as<Module>();
        Value v = ops::dict_get_str(m->dict, name);
        if (v) return v;
        if (n == "__name__") return str(m->name);
        if (n == "__dict__") return m->dict;
        raise_attribute_error(*this, obj, name, "module '" + m->name + "' has no attribute '" + n + "'");
    }
    case Layout::Super: {
        auto* s = obj.as<Super>();
        Type* self_type = s->self_type.as<Type>();
        auto& mro = self_type->mro;
        auto it = std::find(mro.begin(), mro.end(), s->start_type.as<Type>());
        if (it != mro.end()) ++it;
        for (; it != mro.end(); ++it) {
            Value* d = (*it)->dict.as<Dict>()->table.get(name, ops::hash(*this, name));
            if (d) {
                if (s->self.is_obj() && s->self.obj()->type->layout == Layout::Type && s->self.obj() == self_type) {
                    // super() in a classmethod: bind classmethods to the class, leave functions plain.
                    if (d->is_obj() && d->obj()->type == t_function) return *d;
                }
                return bind_descriptor(*this, *d, s->self, self_type);
            }
        }
        raise(Exc::AttributeError, "'super' object has no attribute '" + n + "'");
    }
    default: break;
    }
    // Without properties in the class, the instance dict can answer before the MRO walk.
    bool instance_first = (t->layout == Layout::Instance || t->layout == Layout::Exception) && !t->has_properties;
    Value d;
    if (!instance_first) {
        d = type_lookup(t, name);
        if (d && d.is_obj() && d.obj()->type == t_property) return bind_descriptor(*this, d, obj, t);
    }
    if (t->layout == Layout::Instance || t->layout == Layout::Exception) {
        auto* inst = obj.as<Instance>();
        if (t->layout == Layout::Exception) {
            Value v = exception_special_attr(*this, static_cast<ExceptionObj*>(inst), n);
            if (v) return v;
        }
        if (inst->dict) {
            Value v = ops::dict_get_str(inst->dict, name);
            if (v) return v;
        }
        if (n == "__dict__") {
            if (!inst->dict) inst->dict = dict();
            return inst->dict;
        }
    } else if (t->layout == Layout::Function) {
        auto* fn = obj.as<Function>();
        if (n == "__name__") return fn->name;
        if (n == "__qualname__") return fn->qualname;
        if (n == "__module__") return fn->module ? fn->module : Value::none();
        if (n == "__doc__") return Value::none();
        if (n == "__defaults__") return fn->defaults.empty() ? Value::none() : tuple(fn->defaults);
        if (fn->dict) {
            Value v = ops::dict_get_str(fn->dict, name);
            if (v) return v;
        }
        if (n == "__dict__") {
            if (!fn->dict) fn->dict = dict();
            return fn->dict;
        }
    } else if (t->layout == Layout::Native) {
        if (n == "__name__" || n == "__qualname__") return str(obj.as<NativeFn>()->name);
    } else if (t->layout == Layout::Method) {
        auto* bm = obj.as<BoundMethod>();
        if (n == "__self__") return bm->self;
        if (n == "__func__") return bm->func;
        return getattr(bm->func, name);
    } else if (t->layout == Layout::Generator || t->layout == Layout::Coroutine || t->layout == Layout::AsyncGenerator) {
        auto* g = obj.as<GenObj>();
        if (n == "__name__") return g->name;
        if (n == "__qualname__") return g->qualname;
    } else if (t->layout == Layout::Property) {
        auto* p = obj.as<Property>();
        if (n == "fget") return p->fget ? p->fget : Value::none();
        if (n == "fset") return p->fset ? p->fset : Value::none();
    } else if (t->layout == Layout::Slice) {
        auto* s = obj.as<SliceObj>();
        if (n == "start") return s->start;
        if (n == "stop") return s->stop;
        if (n == "step") return s->step;
    } else if (t->layout == Layout::Range) {
        auto* r = obj.as<Range>();
        if (n == "start") return Value::integer(r->start);
        if (n == "stop") return Value::integer(r->stop);
        if (n == "step") return Value::integer(r->step);
    } else if (t->layout == Layout::Partial) {
        auto* p = obj.as<Partial>();
        if (n == "func") return p->func;
        if (n == "args") return tuple(p->args);
        if (n == "keywords") return p->kwargs ? p->kwargs : dict();
    }
    if (n == "__class__") return Value(t);
    if (instance_first) d = type_lookup(t, name);
    if (d) return bind_descriptor(*this, d, obj, t);
    if (t->has_getattr) {
        Value ga = type_lookup(t, intern("__getattr__"));
        if (ga) {
            Value args[2] = {obj, name};
            return call(ga, args);
        }
    }
    if (t->layout == Layout::Int || t->layout == Layout::Bool) {
        if (n == "real" || n == "numerator") return obj.is_bool() ? Value::integer(obj.as_bool()) : obj;
        if (n == "imag") return Value::integer(0);
        if (n == "denominator") return Value::integer(1);
    }
    if (t->layout == Layout::Float) {
        if (n == "real") return obj;
        if (n == "imag") return Value::floating(0.0);
    }
    raise_attribute_error(*this, obj, name, "'" + t->name + "' object has no attribute '" + n + "'");
}

void Interpreter::setattr(const Value& obj, const Value& name, const Value& v)
{
    Type* t = type_of(obj);
    const std::string& n = name.as<Str>()->s;
    if (t->layout == Layout::Type) {
        Type* cls = obj.as<Type>();
        if (cls->builtin) raise(Exc::TypeError, "cannot set '" + n + "' attribute of immutable type '" + cls->name + "'");
        ops::dict_set(*this, cls->dict, name, v);
        if (n == "__getattr__") cls->has_getattr = true;
        if (v.is_obj() && v.obj()->type == t_property) cls->has_properties = true;
        return;
    }
    if (t->layout == Layout::Module) {
        ops::dict_set(*this, obj.as<Module>()->dict, name, v);
        return;
    }
    if (t->layout == Layout::Function) {
        auto* fn = obj.as<Function>();
        if (n == "__name__") { fn->name = v; return; }
        if (n == "__qualname__") { fn->qualname = v; return; }
        if (!fn->dict) fn->dict = dict();
        ops::dict_set(*this, fn->dict, name, v);
        return;
    }
    if (t->layout == Layout::Instance || t->layout == Layout::Exception) {
        if (t->has_setattr) {
            Value sa = type_lookup(t, intern("__setattr__"));
            if (sa && sa.is_obj() && sa.obj()->type == t_function) {
                Value args[3] = {obj, name, v};
                call(sa, args);
                return;
            }
        }
        Value d = t->has_properties ? type_lookup(t, name) : Value();
        if (d && d.is_obj() && d.obj()->type == t_property) {
            auto* p = d.as<Property>();
            if (!p->fset) raise(Exc::AttributeError, "property '" + n + "' of '" + t->name + "' object has no setter");
            Value args[2] = {obj, v};
            call(p->fset, args);
            return;
        }
        if (t->layout == Layout::Exception) {
            auto* e = obj.as<ExceptionObj>();
            if (n == "args") { e->args = tuple(ops::to_vector(*this, v)); return; }
            if (n == "__cause__") { e->cause = v.is_none() ? Value() : v; e->suppress_context = true; return; }
            if (n == "__context__") { e->context = v.is_none() ? Value() : v; return; }
            if (n == "__suppress_context__") { e->suppress_context = ops::truthy(*this, v); return; }
            if (n == "__traceback__") return;
            if (n == "__notes__") { e->notes = v; return; }
        }
        auto* inst = obj.as<Instance>();
        if (!inst->dict) inst->dict = dict();
        ops::dict_set(*this, inst->dict, name, v);
        return;
    }
    if (t->builtin && t->layout != Layout::Instance)
        raise(Exc::AttributeError, "'" + t->name + "' object has no attribute '" + n + "'");
}

void Interpreter::delattr(const Value& obj, const Value& name)
{
    Type* t = type_of(obj);
    const std::string& n = name.as<Str>()->s;
    Value d;
    if (t->layout == Layout::Instance || t->layout == Layout::Exception) d = obj.as<Instance>()->dict;
    else if (t->layout == Layout::Type && !obj.as<Type>()->builtin) d = obj.as<Type>()->dict;
    else if (t->layout == Layout::Module) d = obj.as<Module>()->dict;
    else if (t->layout == Layout::Function) d = obj.as<Function>()->dict;
    if (t->layout == Layout::Instance) {
        Value p = type_lookup(t, name);
        if (p && p.is_obj() && p.obj()->type == t_property) {
            auto* pr = p.as<Property>();
            if (!pr->fdel) raise(Exc::AttributeError, "property '" + n + "' of '" + t->name + "' object has no deleter");
            call(pr->fdel, std::span<const Value>(&obj, 1));
            return;
        }
    }
    if (d && d.as<Dict>()->table.erase(name, ops::hash(*this, name))) return;
    if (t->layout == Layout::Type) raise(Exc::AttributeError, "type object '" + obj.as<Type>()->name + "' has no attribute '" + n + "'");
    raise(Exc::AttributeError, "'" + t->name + "' object has no attribute '" + n + "'");
}

// ------------------------------------------------------------------- calls

Value Interpreter::call(const Value& callable, std::span<const Value> args) { return call_kw(callable, args, {}, {}); }

Value Interpreter::call_method(const Value& obj, std::string_view name, std::span<const Value> args)
{
    Value m = getattr(obj, intern(name));
    return call(m, args);
}

Value Interpreter::call_kw(const Value& callable, std::span<const Value> args, std::span<const Value> kwnames,
                           std::span<const Value> kwvals)
{
    Type* t = type_of(callable);
    switch (t->layout) {
    case Layout::Function: {
        auto* fn = callable.as<Function>();
        Frame* f = make_call_frame(*this, fn, nullptr, args.data(), args.size(), kwnames.data(), kwvals.data(), kwnames.size());
        if (fn->code_ptr()->is_gen_like()) return make_generator(*this, f, fn);
        DepthGuard guard(*this);
        if (++depth_ > recursion_limit) {  // run_loop's return decrements it
            --depth_;
            free_frame(f);
            raise(Exc::RecursionError, "maximum recursion depth exceeded while calling a Python object");
        }
        f->back = current_frame;
        Frame* saved = current_frame;
        try {
            Value r = run_loop(f, Value(), nullptr);
            current_frame = saved;
            return r;
        } catch (...) {
            current_frame = saved;
            throw;
        }
    }
    case Layout::Native: {
        auto* nf = callable.as<NativeFn>();
        if (nf->owner && !nf->self && !nf->is_classmethod) {
            // Called through its type (list.append(x, 1)): check what stands for self,
            // as CPython's method descriptors do, before the method relies on it.
            if (args.empty())
                raise(Exc::TypeError, "unbound method " + nf->owner->name + "." + nf->name + "() needs an argument");
            if (!is_instance_of(args[0], nf->owner))
                raise(Exc::TypeError, "descriptor '" + nf->name + "' for '" + nf->owner->name + "' objects doesn't apply to a '" +
                                          type_of(args[0])->name + "' object");
        }
        Args a;
        std::vector<Value> with_self;
        if (nf->self) {
            with_self.reserve(args.size() + 1);
            with_self.push_back(nf->self);
            with_self.insert(with_self.end(), args.begin(), args.end());
            a.pos = with_self.data();
            a.n = with_self.size();
        } else {
            a.pos = args.data();
            a.n = args.size();
        }
        a.kwnames = kwnames.data();
        a.kwvals = kwvals.data();
        a.nkw = kwnames.size();
        a.fn = nf;
        try {
            return nf->fn(*this, a);
        } catch (const std::bad_alloc&) {
            raise_memory_error();  // a Python MemoryError, which the program may catch
        }
    }
    case Layout::Method: {
        auto* bm = callable.as<BoundMethod>();
        std::vector<Value> all;
        all.reserve(args.size() + 1);
        all.push_back(bm->self);
        all.insert(all.end(), args.begin(), args.end());
        Value func = bm->func;
        return call_kw(func, all, kwnames, kwvals);
    }
    case Layout::Type: {
        Type* cls = callable.as<Type>();
        if (cls->construct) {
            std::vector<Value> all;
            all.push_back(callable);
            all.insert(all.end(), args.begin(), args.end());
            Args a;
            a.pos = all.data();
            a.n = all.size();
            a.kwnames = kwnames.data();
            a.kwvals = kwvals.data();
            a.nkw = kwnames.size();
            return cls->construct(*this, a);
        }
        if (cls->builtin && !cls->is_exception && cls != t_object) raise(Exc::TypeError, "cannot create '" + cls->name + "' instances");
        Value inst = new_instance(cls);
        if (cls->is_exception) inst.as<ExceptionObj>()->args = tuple(std::vector<Value>(args.begin(), args.end()));
        Value init = type_lookup(cls, intern("__init__"));
        if (init && init.is_obj() && init.obj()->type == t_function) {
            std::vector<Value> all;
            all.push_back(inst);
            all.insert(all.end(), args.begin(), args.end());
            Value r = call_kw(init, all, kwnames, kwvals);
            if (!r.is_none()) raise(Exc::TypeError, "__init__() should return None, not '" + ops::type_name(*this, r) + "'");
        } else if (!cls->is_exception && (!args.empty() || !kwnames.empty())) {
            raise(Exc::TypeError, cls->name + "() takes no arguments");
        } else if (cls->is_exception && !kwnames.empty()) {
            raise(Exc::TypeError, cls->name + "() takes no keyword arguments");
        }
        return inst;
    }
    case Layout::Partial: {
        auto* p = callable.as<Partial>();
        std::vector<Value> all = p->args;
        all.insert(all.end(), args.begin(), args.end());
        std::vector<Value> names, vals;
        if (p->kwargs) {
            for (auto& e : p->kwargs.as<Dict>()->table.entries()) {
                if (e.key.is_null()) continue;
                bool overridden = false;
                for (auto& k : kwnames)
                    if (k.as<Str>()->s == e.key.as<Str>()->s) overridden = true;
                if (overridden) continue;
                names.push_back(e.key);
                vals.push_back(e.value);
            }
        }
        names.insert(names.end(), kwnames.begin(), kwnames.end());
        vals.insert(vals.end(), kwvals.begin(), kwvals.end());
        Value func = p->func;
        return call_kw(func, all, names, vals);
    }
    case Layout::StaticMethod: return call_kw(callable.as<StaticMethod>()->func, args, kwnames, kwvals);
    default: break;
    }
    Value c = type_lookup(t, intern("__call__"));
    if (c && (t->layout == Layout::Instance || t->layout == Layout::Exception)) {
        std::vector<Value> all;
        all.push_back(callable);
        all.insert(all.end(), args.begin(), args.end());
        return call_kw(c, all, kwnames, kwvals);
    }
    raise(Exc::TypeError, "'" + t->name + "' object is not callable");
}

// ------------------------------------------------------- generators / driver

Interpreter::Resume Interpreter::resume_gen(GenObj* g, Value send, Value throw_exc, Value& out)
{
    Type* gt = g->type;
    if (g->state == GenState::Running)
        raise(Exc::ValueError, gt == t_coroutine ? "coroutine already executing" : "generator already executing");
    if (g->state == GenState::Finished) {
        if (throw_exc) raise_value(throw_exc);
        if (gt == t_coroutine) raise(Exc::RuntimeError, "cannot reuse already awaited coroutine");
        out = Value::none();
        return Resume::Returned;
    }
    Frame* f = g->frame.get();
    if (g->state == GenState::Created) {
        if (throw_exc) {
            g->state = GenState::Finished;
            raise_value(throw_exc);
        }
        if (send && !send.is_none())
            raise(Exc::TypeError, std::string("can't send non-None value to a just-started ") +
                                      (gt == t_coroutine ? "coroutine" : "generator"));
    } else if (!throw_exc) {
        *f->sp++ = send ? send : Value::none();
    }
    // Throwing into a frame that delegates (yield from / await): send the exception down
    // to the innermost delegate, as CPython's gen.throw() does.
    Value pending = throw_exc;
    if (throw_exc && f->in_yield_from && f->sp > f->stack) {
        Value sub = f->sp[-1];
        Type* st = type_of(sub);
        if ((st == t_generator || st == t_coroutine) && sub.as<GenObj>()->state == GenState::Suspended) {
            g->state = GenState::Running;
            Value r;
            Resume res = Resume::Returned;
            Value raised;
            try {
                DepthGuard guard(*this);
                res = resume_gen(sub.as<GenObj>(), Value(), throw_exc, r);
            } catch (PyThrow& t) {
                raised = t.exc;
            }
            g->state = GenState::Suspended;
            if (!raised && res == Resume::Yielded) {
                out = r;
                return Resume::Yielded;
            }
            // The delegate finished: continue after YIELD_FROM with its value or its exception.
            Value drop = std::move(*--f->sp);
            f->ip = f->resume_ip + 1;
            f->lasti = f->resume_ip;
            f->in_yield_from = false;
            if (raised) {
                pending = raised;
            } else {
                pending = Value();
                *f->sp++ = r;
            }
        }
    }
    g->state = GenState::Running;
    f->back = current_frame;
    f->mode = FrameMode::Send;
    DepthGuard guard(*this);
    if (++depth_ > recursion_limit) {
        --depth_;
        g->state = GenState::Suspended;
        raise(Exc::RecursionError, "maximum recursion depth exceeded");
    }
    bool yielded = false;
    Frame* saved = current_frame;
    Value r;
    try {
        r = run_loop(f, pending, &yielded);
    } catch (...) {
        current_frame = saved;
        f->entry = false;
        throw;
    }
    current_frame = saved;
    f->entry = false;
    out = r;
    return yielded ? Resume::Yielded : Resume::Returned;
}

Value Interpreter::gen_next(GenObj* g)
{
    Value out;
    if (resume_gen(g, Value::none(), Value(), out) == Resume::Yielded) return out;
    return Value();
}

StepResult Interpreter::step(const Value& coroutine, const Value& send, const Value& throw_exc)
{
    Interpreter* saved = tls_interp;
    tls_interp = this;
    StepResult result;
    try {
        Value out;
        auto* g = coroutine.as<GenObj>();
        Resume r = resume_gen(g, send, throw_exc, out);
        result.kind = r == Resume::Yielded ? StepResult::Kind::Awaiting : StepResult::Kind::Returned;
        result.value = out;
    } catch (PyThrow& t) {
        result.kind = StepResult::Kind::Raised;
        result.value = t.exc;
    } catch (const support::PyError& e) {
        result.kind = StepResult::Kind::Raised;
        result.value = make_exception(Exc::ValueError, e.what());
    }
    tls_interp = saved;
    return result;
}

void Interpreter::close(const Value& generator)
{
    Interpreter* saved = tls_interp;
    tls_interp = this;
    struct Restore {
        Interpreter* s;
        ~Restore() { tls_interp = s; }
    } restore{saved};
    auto* g = generator.as<GenObj>();
    if (g->state == GenState::Created) {
        g->state = GenState::Finished;
        return;
    }
    if (g->state != GenState::Suspended) return;
    Value exc = make_exception(exc_type(Exc::GeneratorExit), {});
    Value out;
    try {
        if (resume_gen(g, Value(), exc, out) == Resume::Yielded) {
            raise(Exc::RuntimeError, std::string(g->type == t_coroutine ? "coroutine" : "generator") + " ignored GeneratorExit");
        }
    } catch (PyThrow& t) {
        if (is_instance_of(t.exc, exc_type(Exc::GeneratorExit)) || is_instance_of(t.exc, exc_type(Exc::StopIteration))) return;
        throw;
    }
}

bool Interpreter::is_iterable_coroutine(const Value& v) const
{
    if (type_of(v) != t_generator) return false;
    auto* g = v.as<GenObj>();
    return g->frame && (g->frame->code->flags & CO_ITERABLE_COROUTINE);
}

int Interpreter::innermost_line_in(const std::string& filename) const
{
    for (Frame* f = current_frame; f; f = f->back) {
        if (f->code->filename != filename) continue;
        for (const auto& [instr, line] : f->code->pre311_lines)
            if (instr == f->lasti) return line;
        return f->lasti < f->code->positions.size() ? f->code->positions[f->lasti].line : 0;
    }
    return 0;
}

int Interpreter::current_line(const Value& coroutine) const
{
    Value v = coroutine;
    for (int guard = 0; guard < 10000; ++guard) {
        Type* t = type_of(v);
        if (t != t_coroutine && t != t_generator && t != t_async_generator) return 0;
        auto* g = v.as<GenObj>();
        if (g->state == GenState::Finished || !g->frame) return 0;
        Frame* f = g->frame.get();
        if (f->in_yield_from && f->sp > f->stack) {
            Value sub = f->sp[-1];
            Type* st = type_of(sub);
            if (st == t_coroutine || st == t_generator) {
                // Not into helpers written in another file (asyncio's own Python code):
                // the program's line is the one that called them.
                auto* sg = sub.as<GenObj>();
                if (sg->state == GenState::Suspended && sg->frame && sg->frame->code->filename == f->code->filename) {
                    v = sub;
                    continue;
                }
            } else if (st == t_agen_awaitable) {
                v = sub.as<AsyncGenAwaitable>()->agen;
                continue;
            }
        }
        std::uint32_t i = g->state == GenState::Created ? 0 : f->lasti;
        if (g->state == GenState::Created) return f->code->firstlineno;
        return i < f->code->positions.size() ? f->code->positions[i].line : 0;
    }
    return 0;
}

// --------------------------------------------------------------- programs

Value Interpreter::compile(const ast::Module& module, std::string_view filename)
{
    return compile_module(*this, module, filename);
}

Value Interpreter::run_module(const Value& codev)
{
    Code* code = codev.as<Code>();
    Value globals = dict();
    main_globals_ = globals;
    ops::dict_set(*this, globals, intern("__name__"), str("__main__"));
    ops::dict_set(*this, globals, intern("__builtins__"), builtins);
    ops::dict_set(*this, globals, intern("__file__"), str(code->filename));
    ops::dict_set(*this, globals, intern("__doc__"), Value::none());
    auto* m = heap_.make<Module>(t_module);
    Value mv(m);
    m->name = "__main__";
    m->dict = globals;
    modules["__main__"] = mv;
    Frame* f = new_frame(code, Value(), globals);
    f->back = current_frame;
    ++depth_;
    Frame* saved = current_frame;
    try {
        run_loop(f, Value(), nullptr);
    } catch (...) {
        current_frame = saved;
        throw;
    }
    current_frame = saved;
    return mv;
}

namespace {
std::vector<std::string> split_lines(std::string_view s)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n') {
            std::string line(s.substr(start, i - start));
            if (!line.empty() && line.back() == '\r') line.pop_back();
            lines.push_back(std::move(line));
            start = i + 1;
        }
    }
    return lines;
}
}  // namespace

Value Interpreter::load_program(std::string_view source, std::string_view filename, SyntaxErrorInfo& error)
{
    Interpreter* saved = tls_interp;
    tls_interp = this;
    struct Restore {
        Interpreter* s;
        ~Restore() { tls_interp = s; }
    } restore{saved};
    sources[std::string(filename)] = split_lines(source);
    ParseResult parsed = parse(source, filename);
    if (parsed.error) {
        error = *parsed.error;
        return Value();
    }
    try {
        return compile(*parsed.module, filename);
    } catch (PyThrow& t) {
        // Compile-time errors are shown as CPython shows a SyntaxError.
        SyntaxErrorInfo info;
        info.filename = std::string(filename);
        Value line = getattr_opt(t.exc, intern("lineno"));
        Value col = getattr_opt(t.exc, intern("offset"));
        info.line = line && line.is_int() ? static_cast<int>(line.as_int()) : 0;
        int byte_col = col && col.is_int() ? static_cast<int>(col.as_int()) - 1 : 0;
        auto& lines = sources[std::string(filename)];
        if (info.line >= 1 && static_cast<std::size_t>(info.line) <= lines.size()) {
            info.text = lines[static_cast<std::size_t>(info.line) - 1];
            std::size_t b = std::min<std::size_t>(static_cast<std::size_t>(std::max(byte_col, 0)), info.text.size());
            info.offset = static_cast<int>(support::utf8_length(std::string_view(info.text).substr(0, b))) + 1;
            Value end_line = getattr_opt(t.exc, intern("end_lineno"));
            Value end_col = getattr_opt(t.exc, intern("end_offset"));
            // The whole construct is underlined, to the end of the line when it goes on.
            if (end_line && end_line.is_int() && end_line.as_int() >= info.line && end_col && end_col.is_int()) {
                std::size_t e = end_line.as_int() == info.line ? static_cast<std::size_t>(std::max<std::int64_t>(end_col.as_int() - 1, 0))
                                                               : info.text.find_last_not_of(" \t\r\n") + 1;
                e = std::min(e, info.text.size());
                info.end_line = info.line;
                info.end_offset = static_cast<int>(support::utf8_length(std::string_view(info.text).substr(0, e))) + 1;
            }
        }
        info.message = ops::to_str(*this, t.exc);
        if (info.message.size() > 17 && info.message.compare(info.message.size() - 17, 17, " is not supported") == 0)
            info.message += " (" + info.filename + ":" + std::to_string(info.line) + ":" + std::to_string(info.offset) + ")";
        error = std::move(info);
        return Value();
    }
}

int Interpreter::run_program(std::string_view source, std::string_view filename)
{
    SyntaxErrorInfo error;
    Value code = load_program(source, filename, error);
    if (!code) {
        host_->write_stderr(format_syntax_error(error));
        return 1;
    }
    return run_main(code);
}

int Interpreter::run_main(const Value& code)
{
    Interpreter* saved = tls_interp;
    tls_interp = this;
    struct Restore {
        Interpreter* s;
        ~Restore() { tls_interp = s; }
    } restore{saved};
    try {
        run_module(code);
        return 0;
    } catch (PyThrow& t) {
        if (is_instance_of(t.exc, exc_type(Exc::SystemExit))) {
            Value c = getattr(t.exc, intern("code"));
            if (c.is_none()) return 0;
            if (c.is_int()) return static_cast<int>(c.as_int());
            host_->write_stderr(ops::to_str(*this, c) + "\n");
            return 1;
        }
        host_->write_stderr(format_exception(t.exc));
        return 1;
    } catch (const ScriptStopped&) {
        return 3;
    } catch (const support::PyError& e) {
        host_->write_stderr(std::string(e.type) + ": " + e.what() + "\n");
        return 1;
    }
}

}  // namespace script

namespace script {

void Interpreter::exec_code(const Value& codev, const Value& globals)
{
    Interpreter* saved_interp = tls_interp;
    tls_interp = this;
    Frame* f = new_frame(codev.as<Code>(), Value(), globals);
    f->back = current_frame;
    ++depth_;
    Frame* saved = current_frame;
    try {
        run_loop(f, Value(), nullptr);
    } catch (...) {
        current_frame = saved;
        tls_interp = saved_interp;
        throw;
    }
    current_frame = saved;
    tls_interp = saved_interp;
}

Interpreter::ExecState Interpreter::exec_state() const noexcept
{
    return ExecState{current_frame, depth_, native_depth_, tls_interp};
}

void Interpreter::set_exec_state(const ExecState& st) noexcept
{
    current_frame = st.frame;
    depth_ = st.depth;
    native_depth_ = st.native_depth;
    tls_interp = st.thread_interpreter;
}

int Interpreter::running_line() const noexcept
{
    Frame* f = current_frame;
    if (!f) return 0;
    std::uint32_t i = f->lasti;
    return i < f->code->positions.size() ? f->code->positions[i].line : 0;
}

std::string Interpreter::running_function() const
{
    Frame* f = current_frame;
    return f ? f->code->name : std::string();
}

}  // namespace script
