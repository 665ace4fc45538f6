// The built-in exception hierarchy, exception groups (split / except* re-raise), chaining
// and CPython's traceback rendering, with 3.11's "~~~^^^" position markers and "Did you
// mean" suggestions.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/suggestions.hpp>
#include <script/runtime/traceback_markers.hpp>
#include <script/runtime/vm.hpp>

#include <algorithm>
#include <set>

namespace script {

namespace {

struct ExcDef {
    Exc kind;
    const char* name;
    Exc base;
};

const ExcDef exc_defs[] = {
    {Exc::BaseException, "BaseException", Exc::Count},
    {Exc::Exception, "Exception", Exc::BaseException},
    {Exc::ArithmeticError, "ArithmeticError", Exc::Exception},
    {Exc::ZeroDivisionError, "ZeroDivisionError", Exc::ArithmeticError},
    {Exc::OverflowError, "OverflowError", Exc::ArithmeticError},
    {Exc::FloatingPointError, "FloatingPointError", Exc::ArithmeticError},
    {Exc::LookupError, "LookupError", Exc::Exception},
    {Exc::IndexError, "IndexError", Exc::LookupError},
    {Exc::KeyError, "KeyError", Exc::LookupError},
    {Exc::ValueError, "ValueError", Exc::Exception},
    {Exc::UnicodeError, "UnicodeError", Exc::ValueError},
    {Exc::TypeError, "TypeError", Exc::Exception},
    {Exc::NameError, "NameError", Exc::Exception},
    {Exc::UnboundLocalError, "UnboundLocalError", Exc::NameError},
    {Exc::AttributeError, "AttributeError", Exc::Exception},
    {Exc::RuntimeError, "RuntimeError", Exc::Exception},
    {Exc::RecursionError, "RecursionError", Exc::RuntimeError},
    {Exc::NotImplementedError, "NotImplementedError", Exc::RuntimeError},
    {Exc::StopIteration, "StopIteration", Exc::Exception},
    {Exc::StopAsyncIteration, "StopAsyncIteration", Exc::Exception},
    {Exc::AssertionError, "AssertionError", Exc::Exception},
    {Exc::OSError, "OSError", Exc::Exception},
    {Exc::TimeoutError, "TimeoutError", Exc::OSError},
    {Exc::ConnectionError, "ConnectionError", Exc::OSError},
    {Exc::ImportError, "ImportError", Exc::Exception},
    {Exc::ModuleNotFoundError, "ModuleNotFoundError", Exc::ImportError},
    {Exc::SyntaxError, "SyntaxError", Exc::Exception},
    {Exc::MemoryError, "MemoryError", Exc::Exception},
    {Exc::EOFError, "EOFError", Exc::Exception},
    {Exc::BaseExceptionGroup, "BaseExceptionGroup", Exc::BaseException},
    {Exc::ExceptionGroup, "ExceptionGroup", Exc::BaseExceptionGroup},
    {Exc::GeneratorExit, "GeneratorExit", Exc::BaseException},
    {Exc::KeyboardInterrupt, "KeyboardInterrupt", Exc::BaseException},
    {Exc::SystemExit, "SystemExit", Exc::BaseException},
    {Exc::Warning, "Warning", Exc::Exception},
    {Exc::UserWarning, "UserWarning", Exc::Warning},
    {Exc::DeprecationWarning, "DeprecationWarning", Exc::Warning},
    {Exc::RuntimeWarning, "RuntimeWarning", Exc::Warning},
    {Exc::BufferError, "BufferError", Exc::Exception},
};

bool is_group(Interpreter& in, const Value& v) { return in.is_instance_of(v, in.exc_type(Exc::BaseExceptionGroup)); }

std::vector<Value> group_items(Interpreter& in, const Value& g)
{
    auto& args = g.as<ExceptionObj>()->args.as<Tuple>()->items;
    return args.size() > 1 ? ops::to_vector(in, args[1]) : std::vector<Value>{};
}

// ExceptionGroup(msg, excs) / BaseExceptionGroup(msg, excs)
Value construct_group(Interpreter& in, Args& a)
{
    Type* cls = a[0].as<Type>();
    if (a.size() != 3) in.raise(Exc::TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (" + std::to_string(a.size() - 1) + " given)");
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "argument 1 must be str, not " + ops::type_name(in, a[1]));
    Type* st = in.type_of(a[2]);
    if (st->layout != Layout::List && st->layout != Layout::Tuple)
        in.raise(Exc::TypeError, "second argument (exceptions) must be a sequence");
    auto items = ops::to_vector(in, a[2]);
    if (items.empty()) in.raise(Exc::ValueError, "second argument (exceptions) must be a non-empty sequence");
    bool all_exceptions = true;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!in.is_instance_of(items[i], in.exc_type(Exc::BaseException)))
            in.raise(Exc::ValueError, "Item " + std::to_string(i) + " of second argument (exceptions) is not an exception");
        if (!in.is_instance_of(items[i], in.exc_type(Exc::Exception))) all_exceptions = false;
    }
    if (cls == in.exc_type(Exc::BaseExceptionGroup) && all_exceptions) cls = in.exc_type(Exc::ExceptionGroup);
    if (!all_exceptions) {
        bool is_exc_group = false;
        for (Type* m : cls->mro)
            if (m == in.exc_type(Exc::ExceptionGroup)) is_exc_group = true;
        if (is_exc_group) in.raise(Exc::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
    }
    Value e = in.new_instance(cls);
    e.as<ExceptionObj>()->args = in.tuple({a[1], a[2]});
    Value init = in.type_lookup(cls, "__init__");
    if (init && init.is_obj() && init.obj()->type == in.t_function) {
        std::vector<Value> all(a.pos + 1, a.pos + a.n);
        all.insert(all.begin(), e);
        in.call(init, all);
    }
    return e;
}

Value derive_group(Interpreter& in, const Value& orig, std::vector<Value> items)
{
    bool all_exceptions = std::all_of(items.begin(), items.end(), [&](const Value& v) { return in.is_instance_of(v, in.exc_type(Exc::Exception)); });
    Type* t = all_exceptions ? in.exc_type(Exc::ExceptionGroup) : in.exc_type(Exc::BaseExceptionGroup);
    Value g = in.new_instance(t);
    auto* o = orig.as<ExceptionObj>();
    auto* e = g.as<ExceptionObj>();
    e->args = in.tuple({o->args.as<Tuple>()->items[0], in.list(std::move(items))});
    e->cause = o->cause;
    e->context = o->context;
    e->suppress_context = o->suppress_context;
    e->traceback = o->traceback;
    e->notes = o->notes;
    return g;
}

void collect_leaves(Interpreter& in, const Value& e, std::set<Object*>& out)
{
    if (is_group(in, e)) {
        for (auto& x : group_items(in, e)) collect_leaves(in, x, out);
    } else {
        out.insert(e.obj());
    }
}

// The part of `e` whose leaves are in `keep`, preserving structure (null if nothing).
Value project(Interpreter& in, const Value& e, const std::set<Object*>& keep)
{
    if (!is_group(in, e)) return keep.count(e.obj()) ? e : Value();
    std::vector<Value> kept;
    bool all = true;
    auto items = group_items(in, e);
    for (auto& x : items) {
        Value p = project(in, x, keep);
        if (p) {
            if (!p.same(x)) all = false;
            kept.push_back(p);
        } else {
            all = false;
        }
    }
    if (kept.empty()) return Value();
    if (all) return e;
    return derive_group(in, e, std::move(kept));
}

std::pair<Value, Value> split_by(Interpreter& in, const Value& e, const Value& type)
{
    // split()/subgroup() also take a predicate, applied to the group and each leaf.
    const bool predicate = type.is_obj() && type.obj()->type->layout != Layout::Type && type.obj()->type != in.t_tuple &&
                           is_callable_value(in, type);
    if (predicate ? ops::truthy(in, in.call(type, std::span<const Value>(&e, 1))) : exception_matches(in, e, type))
        return {e, Value()};
    if (!is_group(in, e)) return {Value(), e};
    std::vector<Value> match, rest;
    for (auto& x : group_items(in, e)) {
        auto [m, r] = split_by(in, x, type);
        if (m) match.push_back(m);
        if (r) rest.push_back(r);
    }
    Value mv = match.empty() ? Value() : derive_group(in, e, std::move(match));
    Value rv = rest.empty() ? Value() : derive_group(in, e, std::move(rest));
    return {mv, rv};
}

std::string exc_type_display(Type* t)
{
    if (t->module == "builtins" || t->module == "__main__") return t->qualname;
    return t->module + "." + t->qualname;
}

Value exc_init(Interpreter& in, Args& a)
{
    auto* e = a[0].as<ExceptionObj>();
    e->args = in.tuple(std::vector<Value>(a.pos + 1, a.pos + a.n));
    return Value::none();
}

Value exc_str(Interpreter& in, Args& a)
{
    auto* e = a[0].as<ExceptionObj>();
    auto& args = e->args.as<Tuple>()->items;
    if (in.is_instance_of(a[0], in.exc_type(Exc::KeyError)) && args.size() == 1) return in.str(ops::repr(in, args[0]));
    if (args.empty()) return in.str("");
    if (args.size() == 1) return in.str(ops::to_str(in, args[0]));
    return in.str(ops::repr(in, e->args));
}

Value exc_repr(Interpreter& in, Args& a)
{
    auto* e = a[0].as<ExceptionObj>();
    auto& args = e->args.as<Tuple>()->items;
    std::string name = e->type->name;
    if (args.size() == 1) return in.str(name + "(" + ops::repr(in, args[0]) + ")");
    return in.str(name + (args.empty() ? "()" : ops::repr(in, e->args)));
}

Value exc_add_note(Interpreter& in, Args& a)
{
    if (a.size() != 2 || !ops::is_str(a[1])) in.raise(Exc::TypeError, "note must be a str, not " + (a.size() > 1 ? ops::type_name(in, a[1]) : std::string("nothing")));
    auto* e = a[0].as<ExceptionObj>();
    if (!e->notes) e->notes = in.list();
    e->notes.as<List>()->items.push_back(a[1]);
    return Value::none();
}

Value exc_with_traceback(Interpreter&, Args& a) { return a[0]; }

Value group_split(Interpreter& in, Args& a)
{
    auto [m, r] = split_by(in, a[0], a[1]);
    return in.tuple({m ? m : Value::none(), r ? r : Value::none()});
}

Value group_subgroup(Interpreter& in, Args& a)
{
    auto [m, r] = split_by(in, a[0], a[1]);
    return m ? m : Value::none();
}

Value group_derive(Interpreter& in, Args& a) { return derive_group(in, a[0], ops::to_vector(in, a[1])); }

}  // namespace

void Interpreter::init_exceptions()
{
    for (const ExcDef& d : exc_defs) {
        Type* base = d.base == Exc::Count ? t_object : exc_types_[static_cast<int>(d.base)];
        Type* t = new_type(d.name, base, Layout::Exception);
        t->is_exception = true;
        exc_types_[static_cast<int>(d.kind)] = t;
        ops::dict_set(*this, builtins, intern(d.name), Value(t));
    }
    // ExceptionGroup derives from both BaseExceptionGroup and Exception.
    Type* eg = exc_type(Exc::ExceptionGroup);
    eg->mro = {eg, exc_type(Exc::BaseExceptionGroup), exc_type(Exc::Exception), exc_type(Exc::BaseException), t_object};
    Type* be = exc_type(Exc::BaseException);
    add_method(be, "__init__", exc_init);
    add_method(be, "__str__", exc_str);
    add_method(be, "__repr__", exc_repr);
    add_method(be, "add_note", exc_add_note);
    add_method(be, "with_traceback", exc_with_traceback);
    exc_type(Exc::BaseExceptionGroup)->construct = construct_group;
    exc_type(Exc::ExceptionGroup)->construct = construct_group;
    add_method(exc_type(Exc::BaseExceptionGroup), "split", group_split);
    add_method(exc_type(Exc::BaseExceptionGroup), "subgroup", group_subgroup);
    add_method(exc_type(Exc::BaseExceptionGroup), "derive", group_derive);
    // OSError's subclasses (programs raise them as examples of failures).
    for (const char* name : {"BlockingIOError", "ChildProcessError", "FileExistsError", "FileNotFoundError", "InterruptedError",
                             "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError"}) {
        Type* t = new_type(name, exc_type(Exc::OSError), Layout::Exception);
        t->is_exception = true;
        ops::dict_set(*this, builtins, intern(name), Value(t));
    }
    for (const char* name : {"BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError"}) {
        Type* t = new_type(name, exc_type(Exc::ConnectionError), Layout::Exception);
        t->is_exception = true;
        ops::dict_set(*this, builtins, intern(name), Value(t));
    }
    ops::dict_set(*this, builtins, intern("EnvironmentError"), Value(exc_type(Exc::OSError)));
    ops::dict_set(*this, builtins, intern("IOError"), Value(exc_type(Exc::OSError)));
}

// ------------------------------------------------------------ VM helpers

bool exception_matches(Interpreter& in, const Value& exc, const Value& type)
{
    if (type.is_obj() && type.obj()->type == in.t_tuple) {
        for (auto& t : type.as<Tuple>()->items)
            if (exception_matches(in, exc, t)) return true;
        return false;
    }
    if (!(type.is_obj() && type.obj()->type->layout == Layout::Type && type.as<Type>()->is_exception))
        in.raise(Exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return in.is_instance_of(exc, type.as<Type>());
}

std::pair<Value, Value> exception_group_split(Interpreter& in, const Value& exc, const Value& type)
{
    auto check = [&](const Value& t) {
        if (t.is_obj() && t.obj()->type->layout == Layout::Type && t.as<Type>()->is_exception) {
            for (Type* m : t.as<Type>()->mro)
                if (m == in.exc_type(Exc::BaseExceptionGroup))
                    in.raise(Exc::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
        }
    };
    if (type.is_obj() && type.obj()->type == in.t_tuple)
        for (auto& t : type.as<Tuple>()->items) check(t);
    else check(type);
    if (exc.is_none()) return {Value::none(), Value::none()};
    if (!is_group(in, exc)) {
        if (exception_matches(in, exc, type)) {
            Value g = in.new_instance(in.is_instance_of(exc, in.exc_type(Exc::Exception)) ? in.exc_type(Exc::ExceptionGroup)
                                                                                          : in.exc_type(Exc::BaseExceptionGroup));
            g.as<ExceptionObj>()->args = in.tuple({in.str(""), in.tuple({exc})});
            g.as<ExceptionObj>()->traceback = exc.as<ExceptionObj>()->traceback;
            return {g, Value::none()};
        }
        return {Value::none(), exc};
    }
    auto [m, r] = split_by(in, exc, type);
    return {m ? m : Value::none(), r ? r : Value::none()};
}

Value prep_reraise_star(Interpreter& in, const Value& orig, const Value& raised_list)
{
    auto& raised = raised_list.as<List>()->items;
    if (raised.empty()) return Value::none();
    std::set<Object*> orig_leaves;
    collect_leaves(in, orig, orig_leaves);
    std::set<Object*> reraised_leaves;
    std::vector<Value> fresh;
    for (auto& r : raised) {
        std::set<Object*> leaves;
        collect_leaves(in, r, leaves);
        bool from_orig = std::all_of(leaves.begin(), leaves.end(), [&](Object* o) { return orig_leaves.count(o) > 0; });
        if (from_orig) reraised_leaves.insert(leaves.begin(), leaves.end());
        else fresh.push_back(r);
    }
    Value keep = project(in, orig, reraised_leaves);
    if (fresh.empty()) return keep ? keep : Value::none();
    if (keep) fresh.push_back(keep);
    bool all_exceptions = std::all_of(fresh.begin(), fresh.end(), [&](const Value& v) { return in.is_instance_of(v, in.exc_type(Exc::Exception)); });
    Value g = in.new_instance(all_exceptions ? in.exc_type(Exc::ExceptionGroup) : in.exc_type(Exc::BaseExceptionGroup));
    g.as<ExceptionObj>()->args = in.tuple({in.str(""), in.list(std::move(fresh))});
    return g;
}

void set_context(Interpreter& in, const Value& exc)
{
    Value handled = in.current_handled();
    if (!handled || handled.same(exc) || !exc.is_obj()) return;
    auto* e = dynamic_cast<ExceptionObj*>(exc.obj());
    if (!e || e->context) return;
    // Break a cycle: if exc is already in handled's context chain, cut it there.
    Value o = handled;
    while (o) {
        auto* oe = o.as<ExceptionObj>();
        if (oe->context.same(exc)) {
            oe->context = Value();
            break;
        }
        o = oe->context;
    }
    e->context = handled;
}

Value exception_from_raise_operand(Interpreter& in, const Value& v)
{
    if (v.is_obj() && v.obj()->type->layout == Layout::Type) {
        if (!v.as<Type>()->is_exception) in.raise(Exc::TypeError, "exceptions must derive from BaseException");
        Value e = in.call(v, {});
        if (!in.is_instance_of(e, in.exc_type(Exc::BaseException)))
            in.raise(Exc::TypeError, "calling " + ops::repr(in, v) + " should have returned an instance of BaseException, not " +
                                         ops::type_name(in, e));
        return e;
    }
    if (!in.is_instance_of(v, in.exc_type(Exc::BaseException))) in.raise(Exc::TypeError, "exceptions must derive from BaseException");
    return v;
}

Value stop_iteration_value(const Value& exc)
{
    auto& args = exc.as<ExceptionObj>()->args.as<Tuple>()->items;
    return args.empty() ? Value::none() : args[0];
}

// ------------------------------------------------------------ rendering

namespace {

// The source line of a traceback entry and the markers under it, each behind the margin.
void append_source(Interpreter& in, const Code& code, const TracebackEntry& entry, const std::string& margin, TracebackStyle style,
                   std::string& out)
{
    auto src = in.sources.find(code.filename);
    if (src == in.sources.end() || entry.line < 1 || static_cast<std::size_t>(entry.line) > src->second.size()) return;
    const std::string& line = src->second[static_cast<std::size_t>(entry.line) - 1];
    std::string text = traceback_source_line(line, style);
    if (text.empty()) return;
    out += margin + text;
    if (entry.pos.line == entry.line) {
        std::string markers = traceback_position_markers(line, entry.pos, style);
        if (!markers.empty()) out += margin + markers;
    }
}

// What 3.11 appends to the message of a NameError or AttributeError.
std::string suggestion_suffix(Interpreter& in, const Value& exc)
{
    auto* e = exc.as<ExceptionObj>();
    std::string found;
    if (!e->name_suggestion.empty() && in.is_instance_of(exc, in.exc_type(Exc::NameError))) found = e->name_suggestion;
    else if (in.is_instance_of(exc, in.exc_type(Exc::AttributeError))) found = attribute_error_suggestion(in, exc);
    return found.empty() ? std::string() : ". Did you mean: '" + found + "'?";
}

void format_one(Interpreter& in, const Value& exc, std::string& out, std::set<Object*>& seen, int level, bool& need_close,
                TracebackStyle style)
{
    auto* e = exc.as<ExceptionObj>();
    seen.insert(e);
    bool group = is_group(in, exc);
    std::string m = (group || level > 0) ? std::string(static_cast<std::size_t>(2 * level + 2), ' ') + "| " : std::string();
    std::string chain_m = level > 0 ? m : std::string();
    if (e->cause && !seen.count(e->cause.obj())) {
        format_one(in, e->cause, out, seen, level, need_close, style);
        out += chain_m + "\n" + chain_m + "The above exception was the direct cause of the following exception:\n" + chain_m + "\n";
    } else if (e->context && !e->suppress_context && !seen.count(e->context.obj())) {
        format_one(in, e->context, out, seen, level, need_close, style);
        out += chain_m + "\n" + chain_m + "During handling of the above exception, another exception occurred:\n" + chain_m + "\n";
    }
    if (!e->traceback.empty()) {
        if (group) out += std::string(static_cast<std::size_t>(2 * level + 2), ' ') + "+ Exception Group Traceback (most recent call last):\n";
        else out += m + "Traceback (most recent call last):\n";
        const TracebackEntry* prev = nullptr;
        int repeats = 0;
        auto flush_repeats = [&] {
            if (repeats > 3)
                out += m + "  [Previous line repeated " + std::to_string(repeats - 3) + " more time" + (repeats - 3 == 1 ? "" : "s") + "]\n";
        };
        for (auto it = e->traceback.rbegin(); it != e->traceback.rend(); ++it) {
            Code* code = it->code.as<Code>();
            // asyncio's parts written in Python are library frames, left out like the rest.
            if (code->filename == "<asyncio>") continue;
            if (prev && prev->line == it->line && prev->code.as<Code>()->filename == code->filename &&
                prev->code.as<Code>()->name == code->name) {
                ++repeats;
                if (repeats > 3) continue;
            } else {
                flush_repeats();
                repeats = 1;
            }
            prev = &*it;
            out += m + "  File \"" + code->filename + "\", line " + std::to_string(it->line) + ", in " + code->name + "\n";
            append_source(in, *code, *it, m, style, out);
        }
        flush_repeats();
    }
    std::string msg;
    try {
        msg = ops::to_str(in, exc);
    } catch (PyThrow&) {
        msg = "<exception str() failed>";
    }
    if (!msg.empty()) msg += suggestion_suffix(in, exc);
    std::string name = exc_type_display(e->type);
    out += m + (msg.empty() ? name : name + ": " + msg) + "\n";
    if (e->notes)
        for (auto& n : e->notes.as<List>()->items) out += m + (ops::is_str(n) ? ops::str_of(n) : ops::repr(in, n)) + "\n";
    if (group) {
        auto items = group_items(in, exc);
        std::string pad(static_cast<std::size_t>(2 * level + 2), ' ');
        // CPython prints at most 15 members of a group and counts the rest.
        constexpr std::size_t max_group_width = 15;
        for (std::size_t i = 0; i < items.size() && i <= max_group_width; ++i) {
            const bool truncated = i == max_group_width;
            std::string num = truncated ? std::string("...") : std::to_string(i + 1);
            out += (i == 0 ? pad + "+-+" : pad + "  +") + "---------------- " + num + " ----------------\n";
            std::set<Object*> sub_seen;
            bool last = i + 1 == items.size() || truncated;
            if (last) need_close = true;
            if (truncated) {
                const std::size_t more = items.size() - max_group_width;
                out += pad + "  | and " + std::to_string(more) + " more exception" + (more == 1 ? "" : "s") + "\n";
            } else {
                format_one(in, items[i], out, sub_seen, level + 1, need_close, style);
            }
            if (last && need_close) {
                out += pad + "  +------------------------------------\n";
                need_close = false;
            }
        }
    }
}

}  // namespace

std::string Interpreter::format_exception(const Value& exc, TracebackStyle style)
{
    std::string out;
    std::set<Object*> seen;
    bool need_close = false;
    format_one(*this, exc, out, seen, 0, need_close, style);
    // Sub-exception margins: "    | " prefixes nested lines as CPython draws them.
    return out;
}

}  // namespace script
