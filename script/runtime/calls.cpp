// Argument binding (CPython's error messages), generator objects and class creation.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/unawaited_coroutine.hpp>
#include <script/runtime/vm.hpp>

namespace script {

namespace {

std::string join_names(const std::vector<std::string>& names)
{
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) {
            if (names.size() == 2) s += " and ";
            else if (i + 1 == names.size()) s += ", and ";
            else s += ", ";
        }
        s += "'" + names[i] + "'";
    }
    return s;
}

}  // namespace

Frame* make_call_frame(Interpreter& in, Function* fn, const Value* self, const Value* args, std::size_t nargs,
                       const Value* kwnames, const Value* kwvals, std::size_t nkw)
{
    Code* code = fn->code_ptr();
    Frame* f = in.new_frame(code, Value(fn), fn->globals);
    struct Guard {
        Interpreter& in;
        Frame* f;
        ~Guard()
        {
            if (f) in.free_frame(f);
        }
    } guard{in, f};
    Value* fast = f->fast;
    const int argc = code->argcount;
    const int kwonly = code->kwonlyargcount;
    const std::size_t total = nargs + (self ? 1 : 0);
    auto arg_at = [&](std::size_t i) -> const Value& { return self ? (i == 0 ? *self : args[i - 1]) : args[i]; };
    const std::string& fname = ops::str_of(fn->qualname);
    std::size_t npos = std::min<std::size_t>(total, static_cast<std::size_t>(argc));
    for (std::size_t i = 0; i < npos; ++i) fast[i] = arg_at(i);
    int slot = argc + kwonly;
    if (code->flags & CO_VARARGS) {
        std::vector<Value> extra;
        for (std::size_t i = npos; i < total; ++i) extra.push_back(arg_at(i));
        fast[slot++] = in.tuple(std::move(extra));
    } else if (total > static_cast<std::size_t>(argc)) {
        std::size_t ndef = fn->defaults.size();
        std::string takes;
        if (ndef && ndef < static_cast<std::size_t>(argc))
            takes = "from " + std::to_string(argc - static_cast<int>(ndef)) + " to " + std::to_string(argc);
        else
            takes = std::to_string(argc);
        std::size_t kwgiven = 0;
        for (std::size_t k = 0; k < nkw; ++k)
            for (int j = argc; j < argc + kwonly; ++j)
                if (ops::str_of(kwnames[k]) == code->varnames[static_cast<std::size_t>(j)]) ++kwgiven;
        std::string msg = fname + "() takes " + takes + " positional argument" + (takes == "1" ? "" : "s") + " but " +
                          std::to_string(total);
        if (kwgiven)
            msg += " positional argument" + std::string(total == 1 ? "" : "s") + " (and " + std::to_string(kwgiven) +
                   " keyword-only argument" + (kwgiven == 1 ? "" : "s") + ") were given";
        else
            msg += total == 1 ? " was given" : " were given";
        in.raise(Exc::TypeError, msg);
    }
    Value kwdict;
    if (code->flags & CO_VARKEYWORDS) {
        kwdict = in.dict();
        fast[slot] = kwdict;
    }
    for (std::size_t k = 0; k < nkw; ++k) {
        const std::string& name = ops::str_of(kwnames[k]);
        int found = -1;
        for (int j = code->posonlyargcount; j < argc + kwonly; ++j) {
            if (code->varnames[static_cast<std::size_t>(j)] == name) {
                found = j;
                break;
            }
        }
        if (found < 0) {
            if (kwdict) {
                ops::dict_set(in, kwdict, kwnames[k], kwvals[k]);
                continue;
            }
            for (int j = 0; j < code->posonlyargcount; ++j)
                if (code->varnames[static_cast<std::size_t>(j)] == name)
                    in.raise(Exc::TypeError, fname + "() got some positional-only arguments passed as keyword arguments: '" + name + "'");
            in.raise(Exc::TypeError, fname + "() got an unexpected keyword argument '" + name + "'");
        }
        if (fast[found]) in.raise(Exc::TypeError, fname + "() got multiple values for argument '" + name + "'");
        fast[found] = kwvals[k];
    }
    if (npos < static_cast<std::size_t>(argc)) {
        std::size_t ndef = fn->defaults.size();
        std::size_t first_default = static_cast<std::size_t>(argc) - ndef;
        std::vector<std::string> missing;
        for (std::size_t i = npos; i < static_cast<std::size_t>(argc); ++i) {
            if (fast[i]) continue;
            if (i >= first_default) fast[i] = fn->defaults[i - first_default];
            else missing.push_back(code->varnames[i]);
        }
        if (!missing.empty())
            in.raise(Exc::TypeError, fname + "() missing " + std::to_string(missing.size()) + " required positional argument" +
                                         (missing.size() == 1 ? "" : "s") + ": " + join_names(missing));
    }
    if (kwonly) {
        std::vector<std::string> missing;
        for (int j = argc; j < argc + kwonly; ++j) {
            if (fast[j]) continue;
            const std::string& name = code->varnames[static_cast<std::size_t>(j)];
            Value d;
            if (fn->kwdefaults) d = ops::dict_get(in, fn->kwdefaults, in.str(name));
            if (d) fast[j] = d;
            else missing.push_back(name);
        }
        if (!missing.empty())
            in.raise(Exc::TypeError, fname + "() missing " + std::to_string(missing.size()) + " required keyword-only argument" +
                                         (missing.size() == 1 ? "" : "s") + ": " + join_names(missing));
    }
    std::size_t ncell = code->cellvars.size();
    for (std::size_t i = 0; i < ncell; ++i) {
        auto* c = in.heap().make<Cell>(in.t_cell);
        f->cells[i] = Value(c);
        int p = code->cell_param[i];
        if (p >= 0) {
            // cell_param indexes the scope's parameter list, which is varnames' prefix.
            c->value = fast[p];
            fast[p] = Value();
        }
    }
    for (std::size_t i = 0; i < code->freevars.size() && i < fn->closure.size(); ++i) f->cells[ncell + i] = fn->closure[i];
    guard.f = nullptr;
    return f;
}

Value make_generator(Interpreter& in, Frame* frame, Function* fn)
{
    Code* code = fn->code_ptr();
    Type* t = (code->flags & CO_ASYNC_GENERATOR) ? in.t_async_generator
              : (code->flags & CO_COROUTINE)     ? in.t_coroutine
                                                 : in.t_generator;
    GenObj* g = t == in.t_coroutine ? in.heap().make<CoroutineObj>(t, &in) : in.heap().make<GenObj>(t);
    Value gv(g);
    g->frame.reset(frame);
    frame->gen = g;
    g->name = fn->name;
    g->qualname = fn->qualname;
    return gv;
}

Value build_class(Interpreter& in, const Value& name, const Value& bases, const Value& ns, const Value& qualname)
{
    auto& bl = bases.as<Tuple>()->items;
    if (bl.size() > 1) in.raise(Exc::TypeError, "multiple inheritance is not supported");
    Type* base = in.t_object;
    if (!bl.empty()) {
        if (!(bl[0].is_obj() && bl[0].obj()->type->layout == Layout::Type))
            in.raise(Exc::TypeError, "bases must be types");
        base = bl[0].as<Type>();
        if (!base->subclassable) in.raise(Exc::TypeError, "type '" + base->name + "' is not an acceptable base type");
        if (base->builtin && !base->is_exception && base != in.t_object)
            in.raise(Exc::NotImplementedError, "subclassing the built-in type '" + base->name + "' is not supported");
    }
    Layout layout = base->is_exception ? Layout::Exception : Layout::Instance;
    Type* t = in.new_type(ops::str_of(name), base, layout, false);
    t->qualname = ops::str_of(qualname);
    Value mod = ops::dict_get_str(ns, in.intern("__module__"));
    t->module = mod && ops::is_str(mod) ? ops::str_of(mod) : "__main__";
    t->construct = base == in.t_object ? nullptr : base->construct;
    Value tv(t);
    for (auto& e : ns.as<Dict>()->table.entries()) {
        if (e.key.is_null()) continue;
        t->dict.as<Dict>()->table.set(e.key, e.hash, e.value);
        // Zero-argument super() finds the defining class through the function.
        Value f = e.value;
        if (f.is_obj() && (f.obj()->type == in.t_staticmethod)) f = f.as<StaticMethod>()->func;
        else if (f.is_obj() && f.obj()->type == in.t_classmethod) f = f.as<ClassMethod>()->func;
        if (f.is_obj() && f.obj()->type == in.t_function && !f.as<Function>()->owner_class) f.as<Function>()->owner_class = tv;
        if (f.is_obj() && f.obj()->type == in.t_property) {
            for (Value* pf : {&f.as<Property>()->fget, &f.as<Property>()->fset, &f.as<Property>()->fdel})
                if (*pf && pf->is_obj() && pf->obj()->type == in.t_function && !pf->as<Function>()->owner_class)
                    pf->as<Function>()->owner_class = tv;
        }
    }
    for (Type* m : t->mro) {
        if (m->has_properties) t->has_properties = true;
        if (m->builtin) continue;
        auto& d = m->dict.as<Dict>()->table;
        for (auto& e : d.entries())
            if (!e.key.is_null() && e.value.is_obj() && e.value.obj()->type == in.t_property) t->has_properties = true;
        auto has = [&](const char* n) { return d.get(in.intern(n), ops::hash(in, in.intern(n))) != nullptr; };
        if (has("__getattr__")) t->has_getattr = true;
        if (has("__setattr__")) t->has_setattr = true;
    }
    // A class defining __eq__ without __hash__ is unhashable, as in CPython.
    auto& own = t->dict.as<Dict>()->table;
    Value eqn = in.intern("__eq__"), hn = in.intern("__hash__");
    if (own.get(eqn, ops::hash(in, eqn)) && !own.get(hn, ops::hash(in, hn))) own.set(hn, ops::hash(in, hn), Value::none());
    Value init_subclass = in.type_lookup(base, "__init_subclass__");
    if (init_subclass && init_subclass.is_obj() && init_subclass.obj()->type == in.t_classmethod) {
        Value f = init_subclass.as<ClassMethod>()->func;
        in.call(f, std::span<const Value>(&tv, 1));
    }
    return tv;
}

}  // namespace script
