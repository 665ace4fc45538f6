#include <script/runtime/compiler.hpp>

#include <script/runtime/ops.hpp>
#include <script/support/big_int.hpp>
#include <script/syntax/ast.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

namespace script {

namespace {

using namespace ast;

// ------------------------------------------------------------- scope analysis

enum class ScopeKind { Module, Function, Class, Comprehension };
enum : int { DEF_LOCAL = 1, DEF_PARAM = 2, USE = 4, DEF_GLOBAL = 8, DEF_NONLOCAL = 16 };
enum class Res { Local, Cell, Free, GlobalExplicit, GlobalImplicit };

struct Scope {
    ScopeKind kind = ScopeKind::Module;
    std::string name;
    Scope* parent = nullptr;
    std::map<std::string, int> flags;
    std::vector<std::string> order;
    std::vector<std::string> params;
    std::map<std::string, Res> res;
    std::vector<Scope*> children;
    std::vector<std::string> passthrough;  // class scopes: free names only passed to children
    bool generator = false, coroutine = false;
    Location loc;  // comprehensions: the whole expression (for their errors)
    std::map<std::string, Location> nonlocal_at;  // where each `nonlocal NAME` stands
    bool function_like() const { return kind == ScopeKind::Function || kind == ScopeKind::Comprehension; }
};

struct CompileError {
    std::string message;
    Location loc;
};

[[noreturn]] void fail(const Location& loc, std::string message) { throw CompileError{std::move(message), loc}; }
[[noreturn]] void unsupported(const Location& loc, const std::string& what) { fail(loc, what + " is not supported"); }

class ScopeBuilder {
public:
    std::unordered_map<const void*, std::unique_ptr<Scope>> scopes;

    Scope* new_scope(const void* key, ScopeKind kind, std::string name, Scope* parent)
    {
        auto s = std::make_unique<Scope>();
        s->kind = kind;
        s->name = std::move(name);
        s->parent = parent;
        Scope* raw = s.get();
        if (parent) parent->children.push_back(raw);
        scopes[key] = std::move(s);
        return raw;
    }

    void add(Scope* s, const std::string& name, int flag, const Location& loc)
    {
        if (name == "__debug__" && (flag & (DEF_LOCAL | DEF_PARAM))) fail(loc, "cannot assign to __debug__");
        auto it = s->flags.find(name);
        if (it == s->flags.end()) {
            s->order.push_back(name);
            s->flags[name] = flag;
            return;
        }
        if ((flag & (DEF_GLOBAL | DEF_NONLOCAL)) && (it->second & (DEF_LOCAL | USE | DEF_PARAM))) {
            if (it->second & DEF_PARAM) fail(loc, "name '" + name + "' is parameter and " + (flag & DEF_GLOBAL ? "global" : "nonlocal"));
            fail(loc, "name '" + name + "' is " + (it->second & USE ? "used" : "assigned to") + " prior to " +
                          (flag & DEF_GLOBAL ? "global" : "nonlocal") + " declaration");
        }
        it->second |= flag;
    }

    void module(const ast::Module& m, const void* key)
    {
        Scope* s = new_scope(key, ScopeKind::Module, "<module>", nullptr);
        for (auto& st : m.body) stmt(s, *st);
    }

    // `owner`: where the def or lambda stands (CPython reports a __debug__ parameter there).
    void args(Scope* s, const Arguments& a, const Location& owner)
    {
        auto param = [&](const Arg& arg) {
            if (arg.arg == "__debug__") fail(owner, "cannot assign to __debug__");
            if (s->flags.count(arg.arg) && (s->flags[arg.arg] & DEF_PARAM))
                fail(arg.loc, "duplicate argument '" + arg.arg + "' in function definition");
            add(s, arg.arg, DEF_PARAM, arg.loc);
            s->params.push_back(arg.arg);
        };
        for (auto& x : a.posonlyargs) param(x);
        for (auto& x : a.args) param(x);
        for (auto& x : a.kwonlyargs) param(x);
        if (a.vararg) param(*a.vararg);
        if (a.kwarg) param(*a.kwarg);
    }

    void defaults(Scope* s, const Arguments& a)
    {
        for (auto& d : a.defaults) expr(s, *d);
        for (auto& d : a.kw_defaults)
            if (d) expr(s, *d);
    }

    void stmts(Scope* s, const StmtList& list)
    {
        for (auto& st : list) stmt(s, *st);
    }

    void stmt(Scope* s, const Stmt& st)
    {
        switch (st.kind) {
        case StmtKind::FunctionDef:
        case StmtKind::AsyncFunctionDef: {
            auto& f = static_cast<const FunctionDef&>(st);
            add(s, f.name, DEF_LOCAL, f.loc);
            for (auto& d : f.decorator_list) expr(s, *d);
            defaults(s, f.args);
            Scope* fs = new_scope(&f, ScopeKind::Function, f.name, s);
            fs->coroutine = st.kind == StmtKind::AsyncFunctionDef;
            args(fs, f.args, f.loc);
            stmts(fs, f.body);
            break;
        }
        case StmtKind::ClassDef: {
            auto& c = static_cast<const ClassDef&>(st);
            add(s, c.name, DEF_LOCAL, c.loc);
            for (auto& d : c.decorator_list) expr(s, *d);
            for (auto& b : c.bases) expr(s, *b);
            for (auto& k : c.keywords) expr(s, *k.value);
            Scope* cs = new_scope(&c, ScopeKind::Class, c.name, s);
            stmts(cs, c.body);
            break;
        }
        case StmtKind::Return: {
            auto& r = static_cast<const Return&>(st);
            if (r.value) expr(s, *r.value);
            break;
        }
        case StmtKind::Delete:
            for (auto& t : static_cast<const Delete&>(st).targets) expr(s, *t);
            break;
        case StmtKind::Assign: {
            auto& a = static_cast<const Assign&>(st);
            for (auto& t : a.targets) expr(s, *t);
            expr(s, *a.value);
            break;
        }
        case StmtKind::AugAssign: {
            auto& a = static_cast<const AugAssign&>(st);
            expr(s, *a.target);
            if (a.target->kind == ExprKind::Name) add(s, static_cast<const Name&>(*a.target).id, USE, a.loc);
            expr(s, *a.value);
            break;
        }
        case StmtKind::AnnAssign: {
            auto& a = static_cast<const AnnAssign&>(st);
            if (a.value) expr(s, *a.value);
            if (a.target->kind == ExprKind::Name) {
                if (a.value) add(s, static_cast<const Name&>(*a.target).id, DEF_LOCAL, a.loc);
            } else {
                expr(s, *a.target);
            }
            break;
        }
        case StmtKind::For:
        case StmtKind::AsyncFor: {
            auto& f = static_cast<const For&>(st);
            expr(s, *f.target);
            expr(s, *f.iter);
            stmts(s, f.body);
            stmts(s, f.orelse);
            break;
        }
        case StmtKind::While: {
            auto& w = static_cast<const While&>(st);
            expr(s, *w.test);
            stmts(s, w.body);
            stmts(s, w.orelse);
            break;
        }
        case StmtKind::If: {
            auto& i = static_cast<const If&>(st);
            expr(s, *i.test);
            stmts(s, i.body);
            stmts(s, i.orelse);
            break;
        }
        case StmtKind::With:
        case StmtKind::AsyncWith: {
            auto& w = static_cast<const With&>(st);
            for (auto& item : w.items) {
                expr(s, *item.context_expr);
                if (item.optional_vars) expr(s, *item.optional_vars);
            }
            stmts(s, w.body);
            break;
        }
        case StmtKind::Raise: {
            auto& r = static_cast<const Raise&>(st);
            if (r.exc) expr(s, *r.exc);
            if (r.cause) expr(s, *r.cause);
            break;
        }
        case StmtKind::Try:
        case StmtKind::TryStar: {
            auto& t = static_cast<const Try&>(st);
            stmts(s, t.body);
            for (auto& h : t.handlers) {
                if (h.type) expr(s, *h.type);
                if (h.name) add(s, *h.name, DEF_LOCAL, h.loc);
                stmts(s, h.body);
            }
            stmts(s, t.orelse);
            stmts(s, t.finalbody);
            break;
        }
        case StmtKind::Assert: {
            auto& a = static_cast<const Assert&>(st);
            expr(s, *a.test);
            if (a.msg) expr(s, *a.msg);
            break;
        }
        case StmtKind::Import:
            for (auto& a : static_cast<const Import&>(st).names) {
                std::string bound = a.asname ? *a.asname : a.name.substr(0, a.name.find('.'));
                add(s, bound, DEF_LOCAL, a.loc);
            }
            break;
        case StmtKind::ImportFrom:
            for (auto& a : static_cast<const ImportFrom&>(st).names) {
                if (a.name == "*") continue;
                add(s, a.asname ? *a.asname : a.name, DEF_LOCAL, a.loc);
            }
            break;
        case StmtKind::Global:
            for (auto& n : static_cast<const Global&>(st).names) add(s, n, DEF_GLOBAL, st.loc);
            break;
        case StmtKind::Nonlocal:
            if (s->kind == ScopeKind::Module) fail(st.loc, "nonlocal declaration not allowed at module level");
            for (auto& n : static_cast<const Nonlocal&>(st).names) {
                add(s, n, DEF_NONLOCAL, st.loc);
                s->nonlocal_at.emplace(n, st.loc);
            }
            break;
        case StmtKind::Expr:
            expr(s, *static_cast<const ExprStmt&>(st).value);
            break;
        case StmtKind::Pass:
        case StmtKind::Break:
        case StmtKind::Continue:
            break;
        }
    }

    static std::string comprehension_kind(const Scope& s)
    {
        if (s.name == "<genexpr>") return "generator expression";
        if (s.name == "<setcomp>") return "set comprehension";
        if (s.name == "<dictcomp>") return "dict comprehension";
        return "list comprehension";
    }

    void comprehension(Scope* s, const Expr& e, const std::vector<Comprehension>& gens,
                       std::initializer_list<const Expr*> elts, bool is_gen)
    {
        expr(s, *gens[0].iter);
        Scope* cs = new_scope(&e, ScopeKind::Comprehension,
                              is_gen ? "<genexpr>" : e.kind == ExprKind::ListComp ? "<listcomp>"
                                                  : e.kind == ExprKind::SetComp    ? "<setcomp>"
                                                                                    : "<dictcomp>",
                              s);
        cs->generator = is_gen;
        cs->loc = e.loc;
        add(cs, ".0", DEF_PARAM, e.loc);
        cs->params.push_back(".0");
        for (std::size_t i = 0; i < gens.size(); ++i) {
            if (gens[i].is_async) cs->coroutine = true;
            expr(cs, *gens[i].target);
            if (i > 0) expr(cs, *gens[i].iter);
            for (auto& c : gens[i].ifs) expr(cs, *c);
        }
        for (auto* x : elts) expr(cs, *x);
    }

    void expr(Scope* s, const Expr& e)
    {
        switch (e.kind) {
        case ExprKind::BoolOp:
            for (auto& v : static_cast<const BoolOp&>(e).values) expr(s, *v);
            break;
        case ExprKind::NamedExpr: {
            auto& n = static_cast<const NamedExpr&>(e);
            expr(s, *n.value);
            auto& id = static_cast<const Name&>(*n.target).id;
            Scope* target = s;
            while (target->kind == ScopeKind::Comprehension) {
                add(target, id, DEF_NONLOCAL, e.loc);
                target = target->parent;
            }
            if (target != s && target->kind == ScopeKind::Module) {
                for (Scope* c = s; c != target; c = c->parent) c->flags[id] = DEF_GLOBAL;
            }
            add(target, id, DEF_LOCAL, e.loc);
            break;
        }
        case ExprKind::BinOp: {
            auto& b = static_cast<const ast::BinOp&>(e);
            expr(s, *b.left);
            expr(s, *b.right);
            break;
        }
        case ExprKind::UnaryOp:
            expr(s, *static_cast<const UnaryOp&>(e).operand);
            break;
        case ExprKind::Lambda: {
            auto& l = static_cast<const Lambda&>(e);
            defaults(s, l.args);
            Scope* ls = new_scope(&l, ScopeKind::Function, "<lambda>", s);
            args(ls, l.args, e.loc);
            expr(ls, *l.body);
            break;
        }
        case ExprKind::IfExp: {
            auto& i = static_cast<const IfExp&>(e);
            expr(s, *i.test);
            expr(s, *i.body);
            expr(s, *i.orelse);
            break;
        }
        case ExprKind::Dict: {
            auto& d = static_cast<const ast::Dict&>(e);
            for (auto& k : d.keys)
                if (k) expr(s, *k);
            for (auto& v : d.values) expr(s, *v);
            break;
        }
        case ExprKind::Set:
            for (auto& v : static_cast<const ast::Set&>(e).elts) expr(s, *v);
            break;
        case ExprKind::ListComp: {
            auto& c = static_cast<const ListComp&>(e);
            comprehension(s, e, c.generators, {c.elt.get()}, false);
            break;
        }
        case ExprKind::SetComp: {
            auto& c = static_cast<const SetComp&>(e);
            comprehension(s, e, c.generators, {c.elt.get()}, false);
            break;
        }
        case ExprKind::DictComp: {
            auto& c = static_cast<const DictComp&>(e);
            comprehension(s, e, c.generators, {c.key.get(), c.value.get()}, false);
            break;
        }
        case ExprKind::GeneratorExp: {
            auto& c = static_cast<const GeneratorExp&>(e);
            comprehension(s, e, c.generators, {c.elt.get()}, true);
            break;
        }
        case ExprKind::Await:
            // An await makes a generator expression asynchronous, and a list, set or dict
            // comprehension too when it stands in an async def; a def's kind comes from
            // its keyword alone (an await in a plain def is refused when compiled).
            if (s->kind == ScopeKind::Comprehension) {
                const Scope* f = s;
                while (f->parent && f->kind == ScopeKind::Comprehension && !f->generator) f = f->parent;
                if (s->generator || f->coroutine) s->coroutine = true;
                else fail(s->loc, "asynchronous comprehension outside of an asynchronous function");
            }
            expr(s, *static_cast<const Await&>(e).value);
            break;
        case ExprKind::Yield: {
            if (s->kind == ScopeKind::Module || s->kind == ScopeKind::Class) fail(e.loc, "'yield' outside function");
            if (s->kind == ScopeKind::Comprehension) fail(e.loc, "'yield' inside " + comprehension_kind(*s));
            s->generator = true;
            auto& y = static_cast<const Yield&>(e);
            if (y.value) expr(s, *y.value);
            break;
        }
        case ExprKind::YieldFrom:
            if (s->kind == ScopeKind::Module || s->kind == ScopeKind::Class) fail(e.loc, "'yield' outside function");
            if (s->kind == ScopeKind::Comprehension) fail(e.loc, "'yield' inside " + comprehension_kind(*s));
            s->generator = true;
            expr(s, *static_cast<const YieldFrom&>(e).value);
            break;
        case ExprKind::Compare: {
            auto& c = static_cast<const Compare&>(e);
            expr(s, *c.left);
            for (auto& x : c.comparators) expr(s, *x);
            break;
        }
        case ExprKind::Call: {
            auto& c = static_cast<const Call&>(e);
            expr(s, *c.func);
            for (auto& a : c.args) expr(s, *a);
            for (auto& k : c.keywords) expr(s, *k.value);
            break;
        }
        case ExprKind::FormattedValue: {
            auto& f = static_cast<const FormattedValue&>(e);
            expr(s, *f.value);
            if (f.format_spec) expr(s, *f.format_spec);
            break;
        }
        case ExprKind::JoinedStr:
            for (auto& v : static_cast<const JoinedStr&>(e).values) expr(s, *v);
            break;
        case ExprKind::Constant:
            break;
        case ExprKind::Attribute:
            expr(s, *static_cast<const Attribute&>(e).value);
            break;
        case ExprKind::Subscript: {
            auto& x = static_cast<const Subscript&>(e);
            expr(s, *x.value);
            expr(s, *x.slice);
            break;
        }
        case ExprKind::Starred:
            expr(s, *static_cast<const Starred&>(e).value);
            break;
        case ExprKind::Name: {
            auto& n = static_cast<const Name&>(e);
            add(s, n.id, n.ctx == Ctx::Load ? USE : DEF_LOCAL, n.loc);
            if (n.id == "super" && n.ctx == Ctx::Load) {
                // zero-argument super() reads the first argument of the enclosing function
            }
            break;
        }
        case ExprKind::List:
            for (auto& v : static_cast<const ast::List&>(e).elts) expr(s, *v);
            break;
        case ExprKind::Tuple:
            for (auto& v : static_cast<const ast::Tuple&>(e).elts) expr(s, *v);
            break;
        case ExprKind::Slice: {
            auto& sl = static_cast<const ast::Slice&>(e);
            if (sl.lower) expr(s, *sl.lower);
            if (sl.upper) expr(s, *sl.upper);
            if (sl.step) expr(s, *sl.step);
            break;
        }
        }
    }

    // Decides local / cell / free / global for every name; returns the free names a
    // scope needs from outside.
    std::set<std::string> analyze(Scope* s, const std::set<std::string>& enclosing)
    {
        for (auto& name : s->order) {
            int f = s->flags[name];
            Res r;
            if (f & DEF_GLOBAL) r = Res::GlobalExplicit;
            else if (f & DEF_NONLOCAL) {
                if (!enclosing.count(name)) {
                    auto at = s->nonlocal_at.find(name);
                    fail(at != s->nonlocal_at.end() ? at->second : Location{}, "no binding for nonlocal '" + name + "' found");
                }
                r = Res::Free;
            } else if (f & (DEF_LOCAL | DEF_PARAM)) r = s->kind == ScopeKind::Module ? Res::GlobalImplicit : Res::Local;
            else if (enclosing.count(name)) r = Res::Free;
            else r = Res::GlobalImplicit;
            s->res[name] = r;
        }
        std::set<std::string> inner = enclosing;
        if (s->function_like()) {
            for (auto& [name, r] : s->res) {
                if (r == Res::Local || r == Res::Free) inner.insert(name);
                if (r == Res::GlobalExplicit) inner.erase(name);
            }
        }
        std::set<std::string> child_free;
        for (Scope* c : s->children) {
            auto f = analyze(c, s->kind == ScopeKind::Module ? std::set<std::string>{} : inner);
            child_free.insert(f.begin(), f.end());
        }
        for (auto& name : child_free) {
            auto it = s->res.find(name);
            if (s->function_like() && it != s->res.end() && (it->second == Res::Local || it->second == Res::Cell)) {
                it->second = Res::Cell;
            } else if (s->kind == ScopeKind::Class && it != s->res.end() && it->second == Res::Local) {
                s->passthrough.push_back(name);
            } else if (it == s->res.end()) {
                s->res[name] = Res::Free;
                s->order.push_back(name);
                s->flags[name] = 0;
            }
        }
        std::set<std::string> out;
        for (auto& [name, r] : s->res)
            if (r == Res::Free) out.insert(name);
        for (auto& name : s->passthrough) out.insert(name);
        return out;
    }
};

// ------------------------------------------------------------------- codegen

enum class FBlockKind { While, For, Try, FinallyTry, FinallyEnd, HandlerCleanup, With, AsyncWith };

struct FBlock {
    FBlock() : kind(FBlockKind::While) {}
    explicit FBlock(FBlockKind k, int cont = -1, int brk = -1) : kind(k), label_continue(cont), label_break(brk) {}
    FBlockKind kind;
    int label_continue = -1;
    int label_break = -1;
    const StmtList* finalbody = nullptr;
    bool named_handler = false;
    std::string handler_name;
};

struct Unit {
    Scope* scope = nullptr;
    Code* code = nullptr;
    Value code_ref;
    std::vector<int> labels;
    std::map<std::string, int> varmap, cellmap, namemap;
    std::vector<FBlock> fblocks;
    // const_index's lookup: a key per equivalence class of constants, to the first index.
    std::unordered_map<std::string, std::uint32_t> const_slots;
    std::string qualname;
};

class CodeGen {
public:
    CodeGen(Interpreter& in, ScopeBuilder& sb, std::string filename) : in_(in), sb_(sb), filename_(std::move(filename)) {}

    Value module(const ast::Module& m)
    {
        Scope* s = sb_.scopes.at(&m).get();
        enter(s, "<module>", "<module>", 0);
        u().code->flags |= CO_MODULE;
        for (auto& st : m.body) stmt(*st);
        pos_ = line_only(m.body.empty() ? 1 : m.body.back()->loc.end_line);
        load_const(Value::none());
        emit(Op::RETURN_VALUE);
        return leave();
    }

private:
    Interpreter& in_;
    ScopeBuilder& sb_;
    std::string filename_;
    std::vector<std::unique_ptr<Unit>> units_;
    SourcePos pos_{1, 1};

    Unit& u() { return *units_.back(); }

    void enter(Scope* s, const std::string& name, const std::string& qualname, int firstline)
    {
        auto unit = std::make_unique<Unit>();
        unit->scope = s;
        auto* code = in_.heap().make<Code>(in_.t_code);
        unit->code_ref = Value(code);
        unit->code = code;
        code->name = name;
        code->qualname = qualname;
        code->filename = filename_;
        code->firstlineno = firstline;
        unit->qualname = qualname;
        if (s->function_like()) {
            for (auto& p : s->params) {
                unit->varmap[p] = static_cast<int>(code->varnames.size());
                code->varnames.push_back(p);
            }
            for (auto& name2 : s->order) {
                Res r = s->res[name2];
                if (r == Res::Local && !unit->varmap.count(name2)) {
                    unit->varmap[name2] = static_cast<int>(code->varnames.size());
                    code->varnames.push_back(name2);
                }
            }
        }
        for (auto& name2 : s->order) {
            if (s->res[name2] == Res::Cell) {
                unit->cellmap[name2] = static_cast<int>(code->cellvars.size());
                code->cellvars.push_back(name2);
                auto it = std::find(s->params.begin(), s->params.end(), name2);
                code->cell_param.push_back(it == s->params.end() ? -1 : static_cast<int>(it - s->params.begin()));
            }
        }
        std::vector<std::string> frees;
        for (auto& name2 : s->order)
            if (s->res[name2] == Res::Free) frees.push_back(name2);
        for (auto& name2 : s->passthrough)
            if (std::find(frees.begin(), frees.end(), name2) == frees.end()) frees.push_back(name2);
        for (auto& name2 : frees) {
            unit->cellmap[name2] = static_cast<int>(code->cellvars.size() + code->freevars.size());
            code->freevars.push_back(name2);
        }
        if (s->generator && s->coroutine) code->flags |= CO_ASYNC_GENERATOR;
        else if (s->coroutine && s->kind == ScopeKind::Function) code->flags |= CO_COROUTINE;
        else if (s->generator) code->flags |= CO_GENERATOR;
        else if (s->coroutine && s->kind == ScopeKind::Comprehension) code->flags |= CO_COROUTINE;
        if (s->kind == ScopeKind::Class) code->flags |= CO_CLASS_BODY;
        units_.push_back(std::move(unit));
    }

    Value leave()
    {
        Unit& un = u();
        for (auto& ins : un.code->code) {
            if (is_jump(ins.op)) ins.arg = static_cast<std::uint32_t>(un.labels[ins.arg]);
        }
        un.code->stacksize = compute_stacksize(*un.code);
        Value result = un.code_ref;
        units_.pop_back();
        return result;
    }

    static bool is_jump(Op op)
    {
        switch (op) {
        case Op::JUMP: case Op::POP_JUMP_IF_FALSE: case Op::POP_JUMP_IF_TRUE: case Op::JUMP_IF_FALSE_OR_POP:
        case Op::JUMP_IF_TRUE_OR_POP: case Op::FOR_ITER: case Op::SETUP_FINALLY: case Op::SETUP_CLEANUP:
            return true;
        default:
            return false;
        }
    }

    static int effect(const Instr& ins, bool jump)
    {
        int a = static_cast<int>(ins.arg);
        switch (ins.op) {
        case Op::NOP: case Op::ROT_TWO: case Op::ROT_THREE: case Op::ROT_FOUR: case Op::DELETE_FAST:
        case Op::DELETE_DEREF: case Op::DELETE_GLOBAL: case Op::DELETE_NAME: case Op::LOAD_ATTR: case Op::UNARY_NOT:
        case Op::UNARY_NEG: case Op::UNARY_POS: case Op::UNARY_INVERT: case Op::LIST_TO_TUPLE: case Op::JUMP:
        case Op::GET_ITER: case Op::YIELD_VALUE: case Op::GET_YIELD_FROM_ITER: case Op::GET_AWAITABLE:
        case Op::GET_AITER: case Op::POP_BLOCK: case Op::CHECK_EXC_MATCH: case Op::CHECK_EG_MATCH:
        case Op::UNSUPPORTED:
            return 0;
        case Op::POP_TOP: case Op::STORE_FAST: case Op::STORE_DEREF: case Op::STORE_GLOBAL: case Op::STORE_NAME:
        case Op::DELETE_ATTR: case Op::BINARY: case Op::INPLACE: case Op::COMPARE: case Op::IS_OP:
        case Op::CONTAINS_OP: case Op::BINARY_SUBSCR: case Op::LIST_APPEND: case Op::SET_ADD: case Op::LIST_EXTEND:
        case Op::SET_UPDATE: case Op::DICT_UPDATE: case Op::DICT_MERGE: case Op::POP_JUMP_IF_FALSE:
        case Op::POP_JUMP_IF_TRUE: case Op::RETURN_VALUE: case Op::YIELD_FROM: case Op::POP_EXCEPT:
        case Op::IMPORT_STAR:
            return -1;
        case Op::DUP_TOP: case Op::LOAD_CONST: case Op::LOAD_FAST: case Op::LOAD_DEREF: case Op::LOAD_CLOSURE:
        case Op::LOAD_CLASSDEREF: case Op::LOAD_GLOBAL: case Op::LOAD_NAME: case Op::LOAD_METHOD:
        case Op::GET_ANEXT: case Op::PUSH_EXC_INFO: case Op::BEFORE_WITH: case Op::BEFORE_ASYNC_WITH:
        case Op::WITH_EXCEPT_START: case Op::IMPORT_FROM: case Op::LOAD_ASSERTION_ERROR: case Op::IMPORT_NAME:
            return 1;
        case Op::DUP_TOP_TWO: return 2;
        case Op::STORE_ATTR: case Op::MAP_ADD: case Op::DELETE_SUBSCR: case Op::RERAISE_RESTORE: case Op::BUILD_CLASS:
            return -2;
        case Op::STORE_SUBSCR: return -3;
        case Op::CALL_METHOD: return -(a + 1);
        case Op::CALL_METHOD_KW: return -(a + 2);
        case Op::BUILD_SLICE: case Op::BUILD_TUPLE: case Op::BUILD_LIST: case Op::BUILD_SET: case Op::BUILD_STRING:
            return 1 - a;
        case Op::BUILD_MAP: return 1 - 2 * a;
        case Op::FORMAT_VALUE: return (a & 4) ? -1 : 0;
        case Op::JUMP_IF_FALSE_OR_POP: case Op::JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
        case Op::FOR_ITER: return jump ? -1 : 1;
        case Op::UNPACK_SEQUENCE: return a - 1;
        case Op::UNPACK_EX: return (a & 0xff) + (a >> 8);
        case Op::CALL: return -a;
        case Op::CALL_KW: return -a - 1;
        case Op::CALL_EX: return -1 - (a & 1);
        case Op::MAKE_FUNCTION: return -1 - ((a & MF_DEFAULTS) ? 1 : 0) - ((a & MF_KWDEFAULTS) ? 1 : 0) - ((a & MF_CLOSURE) ? 1 : 0);
        case Op::END_ASYNC_FOR: return -2;
        case Op::SETUP_FINALLY: return jump ? 1 : 0;
        case Op::SETUP_CLEANUP: return 0;
        case Op::PREP_RERAISE_STAR: return -2;
        case Op::RAISE: return -a;
        }
        return 0;
    }

    static int compute_stacksize(const Code& code)
    {
        std::vector<int> depth(code.code.size() + 1, -1);
        std::vector<std::size_t> work{0};
        depth[0] = 0;
        int maxd = 0;
        auto push = [&](std::size_t i, int d) {
            if (i >= depth.size()) return;
            if (depth[i] < d) {
                depth[i] = d;
                work.push_back(i);
            }
        };
        while (!work.empty()) {
            std::size_t i = work.back();
            work.pop_back();
            int d = depth[i];
            for (; i < code.code.size(); ++i) {
                const Instr& ins = code.code[i];
                if (depth[i] > d) d = depth[i];
                depth[i] = d;
                if (is_jump(ins.op)) {
                    int jd = d + effect(ins, true);
                    maxd = std::max(maxd, jd);
                    push(ins.arg, jd);
                }
                d += effect(ins, false);
                maxd = std::max(maxd, d);
                if (ins.op == Op::JUMP || ins.op == Op::RETURN_VALUE || ins.op == Op::RAISE ||
                    ins.op == Op::RERAISE_RESTORE)
                    break;
                if (i + 1 < code.code.size() && depth[i + 1] >= d) break;
            }
        }
        return maxd + 2;
    }

    // -- emission helpers
    int emit(Op op, std::uint32_t arg = 0)
    {
        u().code->code.push_back(Instr{op, arg});
        u().code->positions.push_back(pos_);
        return static_cast<int>(u().code->code.size()) - 1;
    }
    int new_label()
    {
        u().labels.push_back(-1);
        return static_cast<int>(u().labels.size()) - 1;
    }
    void bind(int label) { u().labels[label] = static_cast<int>(u().code->code.size()); }
    void jump(Op op, int label) { emit(op, static_cast<std::uint32_t>(label)); }

    // Constants that Python would merge (equal strs, identical objects, equal numbers of
    // one type, floats bit for bit with all NaNs of a sign alike) share one slot. Hashed,
    // so a module of many definitions compiles in linear time.
    std::string const_key(const Value& v) const
    {
        std::string key(1, static_cast<char>(v.tag()));
        if (v.is_obj() && v.obj()->type == in_.t_str)
            return key + 's' + v.as<Str>()->s;
        if (v.is_float() && std::isnan(v.as_float())) return key + (std::signbit(v.as_float()) ? "-nan" : "+nan");
        char raw[sizeof(std::uint64_t)];
        const std::uint64_t bits = v.is_obj() ? reinterpret_cast<std::uintptr_t>(v.obj())
                                              : v.is_float() ? std::bit_cast<std::uint64_t>(v.as_float())
                                                             : static_cast<std::uint64_t>(v.as_int());
        std::memcpy(raw, &bits, sizeof raw);
        return key.append(raw, sizeof raw);
    }
    std::uint32_t const_index(const Value& v)
    {
        auto& consts = u().code->consts;
        auto [it, added] = u().const_slots.try_emplace(const_key(v), static_cast<std::uint32_t>(consts.size()));
        if (added) consts.push_back(v);
        return it->second;
    }
    void load_const(const Value& v) { emit(Op::LOAD_CONST, const_index(v)); }
    std::uint32_t name_index(const std::string& name)
    {
        auto it = u().namemap.find(name);
        if (it != u().namemap.end()) return static_cast<std::uint32_t>(it->second);
        int i = static_cast<int>(u().code->names.size());
        u().code->names.push_back(in_.intern(name));
        u().namemap[name] = i;
        return static_cast<std::uint32_t>(i);
    }

    static SourcePos line_only(int line) { return SourcePos{line, line, SourcePos::no_col, SourcePos::no_col}; }
    static std::uint16_t column(int col) { return col >= 0 && col < SourcePos::no_col ? static_cast<std::uint16_t>(col) : SourcePos::no_col; }
    void set_pos(const Location& loc) { pos_ = SourcePos{loc.line, loc.end_line, column(loc.col), column(loc.end_col)}; }
    // CPython's update_start_location_to_match_attr: an attribute access whose name sits on
    // a later line than where the expression starts is located at the name alone.
    void set_attr_pos(const Attribute& a)
    {
        set_pos(a.loc);
        if (a.loc.line == a.loc.end_line) return;
        pos_.line = a.loc.end_line;
        const int len = static_cast<int>(a.attr.size());
        pos_.col = len <= a.loc.end_col ? column(a.loc.end_col - len) : SourcePos::no_col;
        if (pos_.col == SourcePos::no_col) pos_.end_col = SourcePos::no_col;
    }

    // The comparison CPython's compiler_jump_if visits last in a condition (through `not`,
    // `and`/`or` and conditional expressions), or null.
    static const Expr* last_jump_comparison(const Expr& e)
    {
        switch (e.kind) {
        case ExprKind::Compare: return &e;
        case ExprKind::UnaryOp: {
            auto& u = static_cast<const UnaryOp&>(e);
            return u.op == UnaryOpKind::Not ? last_jump_comparison(*u.operand) : nullptr;
        }
        case ExprKind::BoolOp: {
            const Expr* found = nullptr;
            for (auto& v : static_cast<const BoolOp&>(e).values)
                if (const Expr* c = last_jump_comparison(*v)) found = c;
            return found;
        }
        case ExprKind::IfExp: {
            auto& i = static_cast<const IfExp&>(e);
            const Expr* found = nullptr;
            for (const Expr* part : {i.test.get(), i.body.get(), i.orelse.get()})
                if (const Expr* c = last_jump_comparison(*part)) found = c;
            return found;
        }
        default: return nullptr;
        }
    }

    // -- names
    enum class Access { Load, Store, Del };
    void name_op(const std::string& name, Access acc)
    {
        Scope* s = u().scope;
        auto it = s->res.find(name);
        Res r = it == s->res.end() ? Res::GlobalImplicit : it->second;
        if (s->kind == ScopeKind::Class && std::find(s->passthrough.begin(), s->passthrough.end(), name) != s->passthrough.end())
            r = Res::Local;
        switch (r) {
        case Res::Local:
            if (s->kind == ScopeKind::Class) {
                emit(acc == Access::Load ? Op::LOAD_NAME : acc == Access::Store ? Op::STORE_NAME : Op::DELETE_NAME, name_index(name));
            } else {
                emit(acc == Access::Load ? Op::LOAD_FAST : acc == Access::Store ? Op::STORE_FAST : Op::DELETE_FAST,
                     static_cast<std::uint32_t>(u().varmap.at(name)));
            }
            return;
        case Res::Cell:
        case Res::Free: {
            auto idx = static_cast<std::uint32_t>(u().cellmap.at(name));
            if (acc == Access::Load) emit(s->kind == ScopeKind::Class ? Op::LOAD_CLASSDEREF : Op::LOAD_DEREF, idx);
            else emit(acc == Access::Store ? Op::STORE_DEREF : Op::DELETE_DEREF, idx);
            return;
        }
        case Res::GlobalExplicit:
            emit(acc == Access::Load ? Op::LOAD_GLOBAL : acc == Access::Store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, name_index(name));
            return;
        case Res::GlobalImplicit:
            if (s->kind == ScopeKind::Class) {
                emit(acc == Access::Load ? Op::LOAD_NAME : acc == Access::Store ? Op::STORE_NAME : Op::DELETE_NAME, name_index(name));
            } else {
                emit(acc == Access::Load ? Op::LOAD_GLOBAL : acc == Access::Store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, name_index(name));
            }
            return;
        }
    }

    // -- statements
    void body(const StmtList& list)
    {
        for (auto& st : list) stmt(*st);
    }

    void stmt(const Stmt& st)
    {
        set_pos(st.loc);
        switch (st.kind) {
        case StmtKind::FunctionDef:
        case StmtKind::AsyncFunctionDef: function_def(static_cast<const FunctionDef&>(st)); break;
        case StmtKind::ClassDef: class_def(static_cast<const ClassDef&>(st)); break;
        case StmtKind::Return: {
            auto& r = static_cast<const Return&>(st);
            if (u().scope->kind != ScopeKind::Function) fail(st.loc, "'return' outside function");
            if (r.value) {
                if (u().scope->generator && u().scope->coroutine) fail(st.loc, "'return' with value in async generator");
                expr(*r.value);
            } else {
                load_const(Value::none());
            }
            unwind_all(true);
            set_pos(st.loc);
            emit(Op::RETURN_VALUE);
            break;
        }
        case StmtKind::Delete:
            for (auto& t : static_cast<const Delete&>(st).targets) del_target(*t);
            break;
        case StmtKind::Assign: {
            auto& a = static_cast<const Assign&>(st);
            expr(*a.value);
            for (std::size_t i = 0; i < a.targets.size(); ++i) {
                if (i + 1 < a.targets.size()) emit(Op::DUP_TOP);
                store_target(*a.targets[i]);
            }
            break;
        }
        case StmtKind::AugAssign: aug_assign(static_cast<const AugAssign&>(st)); break;
        case StmtKind::AnnAssign: {
            auto& a = static_cast<const AnnAssign&>(st);
            if (a.value) {
                expr(*a.value);
                store_target(*a.target);
            }
            break;
        }
        case StmtKind::For: for_stmt(static_cast<const For&>(st)); break;
        case StmtKind::AsyncFor: async_for_stmt(static_cast<const For&>(st)); break;
        case StmtKind::While: while_stmt(static_cast<const While&>(st)); break;
        case StmtKind::If: {
            auto& i = static_cast<const If&>(st);
            int l_else = new_label(), l_end = new_label();
            expr(*i.test);
            jump(Op::POP_JUMP_IF_FALSE, l_else);
            body(i.body);
            if (!i.orelse.empty()) jump(Op::JUMP, l_end);
            bind(l_else);
            body(i.orelse);
            bind(l_end);
            break;
        }
        case StmtKind::With:
        case StmtKind::AsyncWith: with_stmt(static_cast<const With&>(st), 0); break;
        case StmtKind::Raise: {
            auto& r = static_cast<const Raise&>(st);
            int n = 0;
            if (r.exc) {
                expr(*r.exc);
                ++n;
                if (r.cause) {
                    expr(*r.cause);
                    ++n;
                }
            }
            set_pos(st.loc);
            emit(Op::RAISE, static_cast<std::uint32_t>(n));
            break;
        }
        case StmtKind::Try: {
            auto& t = static_cast<const Try&>(st);
            if (!t.finalbody.empty()) try_finally(t);
            else try_except(t);
            break;
        }
        case StmtKind::TryStar: {
            auto& t = static_cast<const Try&>(st);
            if (!t.finalbody.empty()) try_finally(t);
            else try_star(t);
            break;
        }
        case StmtKind::Assert: {
            auto& a = static_cast<const Assert&>(st);
            int l_end = new_label();
            expr(*a.test);
            jump(Op::POP_JUMP_IF_TRUE, l_end);
            // CPython 3.11 leaves the position of the test's last comparison in place for
            // the raise, so its traceback marks that comparison.
            const Expr* cmp = last_jump_comparison(*a.test);
            const Location& raise_loc = cmp ? cmp->loc : st.loc;
            set_pos(raise_loc);
            emit(Op::LOAD_ASSERTION_ERROR);
            if (a.msg) {
                expr(*a.msg);
                emit(Op::CALL, 1);
            }
            set_pos(raise_loc);
            emit(Op::RAISE, 1);
            bind(l_end);
            break;
        }
        case StmtKind::Import:
            for (auto& a : static_cast<const Import&>(st).names) {
                set_pos(a.loc.line ? a.loc : st.loc);
                emit(Op::IMPORT_NAME, name_index(a.name));
                if (a.asname) {
                    name_op(*a.asname, Access::Store);
                } else {
                    if (a.name.find('.') != std::string::npos) unsupported(st.loc, "importing a submodule ('" + a.name + "')");
                    name_op(a.name, Access::Store);
                }
            }
            break;
        case StmtKind::ImportFrom: {
            auto& f = static_cast<const ImportFrom&>(st);
            if (f.level > 0) unsupported(st.loc, "relative import");
            emit(Op::IMPORT_NAME, name_index(f.module));
            for (auto& a : f.names) {
                if (a.name == "*") {
                    if (u().scope->kind != ScopeKind::Module) fail(st.loc, "import * only allowed at module level");
                    emit(Op::IMPORT_STAR);
                    return;
                }
                emit(Op::IMPORT_FROM, name_index(a.name));
                name_op(a.asname ? *a.asname : a.name, Access::Store);
            }
            emit(Op::POP_TOP);
            break;
        }
        case StmtKind::Global:
        case StmtKind::Nonlocal:
        case StmtKind::Pass:
            break;
        case StmtKind::Expr: {
            auto& e = static_cast<const ExprStmt&>(st);
            if (e.value->kind == ExprKind::Constant) break;
            expr(*e.value);
            emit(Op::POP_TOP);
            break;
        }
        case StmtKind::Break:
        case StmtKind::Continue: loop_exit(st.kind == StmtKind::Break, st.loc); break;
        }
    }

    // Emits the code that leaves fblocks[from..] (innermost first), as return/break/continue do.
    void unwind_block(const FBlock& fb, bool preserve_tos)
    {
        switch (fb.kind) {
        case FBlockKind::While:
            break;
        case FBlockKind::For:
            if (preserve_tos) emit(Op::ROT_TWO);
            emit(Op::POP_TOP);
            break;
        case FBlockKind::Try:
            emit(Op::POP_BLOCK);
            break;
        case FBlockKind::FinallyTry: {
            emit(Op::POP_BLOCK);
            // Run the finally body here, outside the block being left.
            FBlock saved = fb;
            auto saved_blocks = u().fblocks;
            auto it = std::find_if(u().fblocks.begin(), u().fblocks.end(),
                                   [&](const FBlock& b) { return b.finalbody == fb.finalbody && b.kind == FBlockKind::FinallyTry; });
            u().fblocks.erase(it, u().fblocks.end());
            SourcePos p = pos_;
            body(*saved.finalbody);
            pos_ = p;
            u().fblocks = saved_blocks;
            break;
        }
        case FBlockKind::FinallyEnd:
            emit(Op::POP_BLOCK);
            if (preserve_tos) emit(Op::ROT_TWO);
            emit(Op::POP_TOP);  // the exception
            if (preserve_tos) emit(Op::ROT_TWO);
            emit(Op::POP_EXCEPT);
            break;
        case FBlockKind::HandlerCleanup:
            emit(Op::POP_BLOCK);
            if (preserve_tos) emit(Op::ROT_TWO);
            emit(Op::POP_EXCEPT);
            if (fb.named_handler) {
                load_const(Value::none());
                name_op(fb.handler_name, Access::Store);
                name_op(fb.handler_name, Access::Del);
            }
            break;
        case FBlockKind::With:
        case FBlockKind::AsyncWith:
            emit(Op::POP_BLOCK);
            if (preserve_tos) emit(Op::ROT_TWO);
            load_const(Value::none());
            emit(Op::DUP_TOP);
            emit(Op::DUP_TOP);
            emit(Op::CALL, 3);
            if (fb.kind == FBlockKind::AsyncWith) await_tos();
            emit(Op::POP_TOP);
            break;
        }
    }

    void unwind_all(bool preserve_tos)
    {
        auto blocks = u().fblocks;
        for (std::size_t i = blocks.size(); i-- > 0;) {
            u().fblocks.resize(i + 1);
            unwind_block(blocks[i], preserve_tos);
        }
        u().fblocks = blocks;
    }

    void loop_exit(bool is_break, const Location& loc)
    {
        auto blocks = u().fblocks;
        for (std::size_t i = blocks.size(); i-- > 0;) {
            const FBlock& fb = blocks[i];
            if (fb.kind == FBlockKind::While || fb.kind == FBlockKind::For) {
                if (is_break) {
                    u().fblocks.resize(i + 1);
                    unwind_block(fb, false);
                    u().fblocks = blocks;
                    jump(Op::JUMP, fb.label_break);
                } else {
                    jump(Op::JUMP, fb.label_continue);
                }
                return;
            }
            u().fblocks.resize(i + 1);
            unwind_block(fb, false);
            u().fblocks = blocks;
        }
        fail(loc, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }

    void while_stmt(const While& w)
    {
        int l_top = new_label(), l_else = new_label(), l_end = new_label();
        bind(l_top);
        bool always = w.test->kind == ExprKind::Constant && static_cast<const Constant&>(*w.test).type == Constant::Type::True;
        if (!always) {
            expr(*w.test);
            jump(Op::POP_JUMP_IF_FALSE, l_else);
        }
        u().fblocks.push_back(FBlock{FBlockKind::While, l_top, l_end});
        body(w.body);
        u().fblocks.pop_back();
        set_pos(w.loc);
        jump(Op::JUMP, l_top);
        bind(l_else);
        body(w.orelse);
        bind(l_end);
    }

    void for_stmt(const For& f)
    {
        int l_top = new_label(), l_else = new_label(), l_end = new_label();
        expr(*f.iter);
        set_pos(f.loc);
        emit(Op::GET_ITER);
        bind(l_top);
        set_pos(f.loc);
        jump(Op::FOR_ITER, l_else);
        store_target(*f.target);
        u().fblocks.push_back(FBlock{FBlockKind::For, l_top, l_end});
        body(f.body);
        u().fblocks.pop_back();
        set_pos(f.loc);
        jump(Op::JUMP, l_top);
        bind(l_else);
        body(f.orelse);
        bind(l_end);
    }

    void await_tos()
    {
        emit(Op::GET_AWAITABLE);
        load_const(Value::none());
        emit(Op::YIELD_FROM);
    }

    void async_for_stmt(const For& f)
    {
        if (!u().scope->coroutine) fail(f.loc, "'async for' outside async function");
        int l_top = new_label(), l_except = new_label(), l_else = new_label(), l_end = new_label();
        expr(*f.iter);
        set_pos(f.loc);
        emit(Op::GET_AITER);
        bind(l_top);
        set_pos(f.loc);
        jump(Op::SETUP_FINALLY, l_except);
        emit(Op::GET_ANEXT);
        await_tos();
        emit(Op::POP_BLOCK);
        store_target(*f.target);
        u().fblocks.push_back(FBlock{FBlockKind::For, l_top, l_end});
        body(f.body);
        u().fblocks.pop_back();
        set_pos(f.loc);
        jump(Op::JUMP, l_top);
        bind(l_except);
        // stack: aiter, exc -> END_ASYNC_FOR pops both if StopAsyncIteration, else re-raises
        set_pos(f.loc);
        emit(Op::END_ASYNC_FOR);
        bind(l_else);
        body(f.orelse);
        bind(l_end);
    }

    void with_stmt(const With& w, std::size_t item)
    {
        bool is_async = w.kind == StmtKind::AsyncWith;
        if (is_async && !u().scope->coroutine) fail(w.loc, "'async with' outside async function");
        const WithItem& it = w.items[item];
        int l_exc = new_label(), l_cleanup = new_label(), l_suppress = new_label(), l_end = new_label();
        expr(*it.context_expr);
        set_pos(w.loc);
        if (is_async) {
            emit(Op::BEFORE_ASYNC_WITH);
            await_tos();
        } else {
            emit(Op::BEFORE_WITH);
        }
        if (it.optional_vars) store_target(*it.optional_vars);
        else emit(Op::POP_TOP);
        jump(Op::SETUP_FINALLY, l_exc);
        u().fblocks.push_back(FBlock{is_async ? FBlockKind::AsyncWith : FBlockKind::With});
        if (item + 1 < w.items.size()) with_stmt(w, item + 1);
        else body(w.body);
        u().fblocks.pop_back();
        set_pos(w.loc);
        emit(Op::POP_BLOCK);
        load_const(Value::none());
        emit(Op::DUP_TOP);
        emit(Op::DUP_TOP);
        emit(Op::CALL, 3);
        if (is_async) await_tos();
        emit(Op::POP_TOP);
        jump(Op::JUMP, l_end);
        bind(l_exc);
        emit(Op::PUSH_EXC_INFO);
        jump(Op::SETUP_CLEANUP, l_cleanup);
        emit(Op::WITH_EXCEPT_START);
        if (is_async) await_tos();
        jump(Op::POP_JUMP_IF_TRUE, l_suppress);
        emit(Op::POP_BLOCK);
        emit(Op::RERAISE_RESTORE);
        bind(l_suppress);
        emit(Op::POP_BLOCK);
        emit(Op::POP_TOP);
        emit(Op::POP_EXCEPT);
        emit(Op::POP_TOP);
        jump(Op::JUMP, l_end);
        bind(l_cleanup);
        emit(Op::RERAISE_RESTORE);
        bind(l_end);
    }

    void try_finally(const Try& t)
    {
        int l_fin = new_label(), l_cleanup = new_label(), l_end = new_label();
        jump(Op::SETUP_FINALLY, l_fin);
        FBlock fb{FBlockKind::FinallyTry};
        fb.finalbody = &t.finalbody;
        u().fblocks.push_back(fb);
        if (t.handlers.empty()) {
            body(t.body);
        } else if (t.kind == StmtKind::TryStar) {
            try_star(t);
        } else {
            try_except(t);
        }
        u().fblocks.pop_back();
        emit(Op::POP_BLOCK);
        body(t.finalbody);
        jump(Op::JUMP, l_end);
        bind(l_fin);
        emit(Op::PUSH_EXC_INFO);
        jump(Op::SETUP_CLEANUP, l_cleanup);
        u().fblocks.push_back(FBlock{FBlockKind::FinallyEnd});
        body(t.finalbody);
        u().fblocks.pop_back();
        emit(Op::POP_BLOCK);
        emit(Op::RERAISE_RESTORE);
        bind(l_cleanup);
        emit(Op::RERAISE_RESTORE);
        bind(l_end);
    }

    void try_except(const Try& t)
    {
        int l_handler = new_label(), l_else = new_label(), l_cleanup = new_label(), l_end = new_label();
        jump(Op::SETUP_FINALLY, l_handler);
        u().fblocks.push_back(FBlock{FBlockKind::Try});
        body(t.body);
        u().fblocks.pop_back();
        emit(Op::POP_BLOCK);
        jump(Op::JUMP, l_else);
        bind(l_handler);
        emit(Op::PUSH_EXC_INFO);
        jump(Op::SETUP_CLEANUP, l_cleanup);
        for (std::size_t i = 0; i < t.handlers.size(); ++i) {
            const ExceptHandler& h = t.handlers[i];
            set_pos(h.loc);
            if (!h.type && i + 1 < t.handlers.size()) fail(h.loc, "default 'except:' must be last");
            int l_next = new_label();
            if (h.type) {
                expr(*h.type);
                set_pos(h.loc);
                emit(Op::CHECK_EXC_MATCH);
                jump(Op::POP_JUMP_IF_FALSE, l_next);
            }
            if (h.name) name_op(*h.name, Access::Store);
            else emit(Op::POP_TOP);
            FBlock fb{FBlockKind::HandlerCleanup};
            fb.named_handler = h.name.has_value();
            if (h.name) fb.handler_name = *h.name;
            u().fblocks.push_back(fb);
            body(h.body);
            u().fblocks.pop_back();
            emit(Op::POP_BLOCK);
            emit(Op::POP_EXCEPT);
            if (h.name) {
                load_const(Value::none());
                name_op(*h.name, Access::Store);
                name_op(*h.name, Access::Del);
            }
            jump(Op::JUMP, l_end);
            bind(l_next);
        }
        emit(Op::POP_BLOCK);
        emit(Op::RERAISE_RESTORE);
        bind(l_cleanup);
        emit(Op::RERAISE_RESTORE);
        bind(l_else);
        body(t.orelse);
        bind(l_end);
    }

    void try_star(const Try& t)
    {
        int l_handler = new_label(), l_else = new_label(), l_cleanup = new_label(), l_end = new_label();
        jump(Op::SETUP_FINALLY, l_handler);
        u().fblocks.push_back(FBlock{FBlockKind::Try});
        body(t.body);
        u().fblocks.pop_back();
        emit(Op::POP_BLOCK);
        jump(Op::JUMP, l_else);
        bind(l_handler);
        emit(Op::PUSH_EXC_INFO);           // prev, orig
        jump(Op::SETUP_CLEANUP, l_cleanup);
        emit(Op::DUP_TOP);                 // prev, orig, orig
        emit(Op::BUILD_LIST, 0);           // prev, orig, orig, []
        emit(Op::ROT_TWO);                 // prev, orig, [], rest
        for (auto& h : t.handlers) {
            set_pos(h.loc);
            if (!h.type) fail(h.loc, "expected exception type in except*");
            int l_nomatch = new_label(), l_next = new_label(), l_hexc = new_label();
            expr(*h.type);
            set_pos(h.loc);
            emit(Op::CHECK_EG_MATCH);      // ..., [], rest', match|None
            emit(Op::DUP_TOP);
            load_const(Value::none());
            emit(Op::IS_OP, 0);
            jump(Op::POP_JUMP_IF_TRUE, l_nomatch);
            if (h.name) name_op(*h.name, Access::Store);
            else emit(Op::POP_TOP);
            jump(Op::SETUP_FINALLY, l_hexc);
            FBlock fb{FBlockKind::Try};
            u().fblocks.push_back(fb);
            for (auto& st : h.body) {
                if (st->kind == StmtKind::Break || st->kind == StmtKind::Continue || st->kind == StmtKind::Return)
                    fail(st->loc, "'break', 'continue' and 'return' cannot appear in an except* block");
            }
            body(h.body);
            u().fblocks.pop_back();
            emit(Op::POP_BLOCK);
            if (h.name) {
                load_const(Value::none());
                name_op(*h.name, Access::Store);
                name_op(*h.name, Access::Del);
            }
            jump(Op::JUMP, l_next);
            bind(l_hexc);                  // ..., [], rest', raised
            emit(Op::LIST_APPEND, 2);
            if (h.name) {
                load_const(Value::none());
                name_op(*h.name, Access::Store);
                name_op(*h.name, Access::Del);
            }
            jump(Op::JUMP, l_next);
            bind(l_nomatch);
            emit(Op::POP_TOP);
            bind(l_next);
        }
        emit(Op::PREP_RERAISE_STAR);       // prev, result|None
        int l_none = new_label();
        emit(Op::DUP_TOP);
        load_const(Value::none());
        emit(Op::IS_OP, 0);
        jump(Op::POP_JUMP_IF_TRUE, l_none);
        emit(Op::POP_BLOCK);
        emit(Op::RERAISE_RESTORE);
        bind(l_none);
        emit(Op::POP_TOP);
        emit(Op::POP_BLOCK);
        emit(Op::POP_EXCEPT);
        jump(Op::JUMP, l_end);
        bind(l_cleanup);
        emit(Op::RERAISE_RESTORE);
        bind(l_else);
        body(t.orelse);
        bind(l_end);
    }

    void aug_assign(const AugAssign& a)
    {
        auto op = static_cast<std::uint32_t>(a.op);
        if (a.op == BinOpKind::MatMult) unsupported(a.loc, "the @ operator");
        switch (a.target->kind) {
        case ExprKind::Name: {
            auto& n = static_cast<const Name&>(*a.target);
            name_op(n.id, Access::Load);
            expr(*a.value);
            set_pos(a.loc);
            emit(Op::INPLACE, op);
            name_op(n.id, Access::Store);
            break;
        }
        case ExprKind::Attribute: {
            auto& at = static_cast<const Attribute&>(*a.target);
            expr(*at.value);
            emit(Op::DUP_TOP);
            set_attr_pos(at);
            emit(Op::LOAD_ATTR, name_index(at.attr));
            expr(*a.value);
            set_pos(a.loc);
            emit(Op::INPLACE, op);
            emit(Op::ROT_TWO);
            emit(Op::STORE_ATTR, name_index(at.attr));
            break;
        }
        case ExprKind::Subscript: {
            auto& s = static_cast<const Subscript&>(*a.target);
            expr(*s.value);
            expr(*s.slice);
            emit(Op::DUP_TOP_TWO);
            set_pos(s.loc);
            emit(Op::BINARY_SUBSCR);
            expr(*a.value);
            set_pos(a.loc);
            emit(Op::INPLACE, op);
            emit(Op::ROT_THREE);
            emit(Op::STORE_SUBSCR);
            break;
        }
        default:
            fail(a.target->loc, "'" + std::string("expression") + "' is an illegal expression for augmented assignment");
        }
    }

    void store_target(const Expr& t)
    {
        switch (t.kind) {
        case ExprKind::Name: name_op(static_cast<const Name&>(t).id, Access::Store); break;
        case ExprKind::Attribute: {
            auto& a = static_cast<const Attribute&>(t);
            expr(*a.value);
            set_attr_pos(a);
            emit(Op::STORE_ATTR, name_index(a.attr));
            break;
        }
        case ExprKind::Subscript: {
            auto& s = static_cast<const Subscript&>(t);
            expr(*s.value);
            expr(*s.slice);
            set_pos(s.loc);
            emit(Op::STORE_SUBSCR);
            break;
        }
        case ExprKind::Tuple:
        case ExprKind::List: {
            const ExprList& elts = t.kind == ExprKind::Tuple ? static_cast<const ast::Tuple&>(t).elts
                                                            : static_cast<const ast::List&>(t).elts;
            std::size_t star = elts.size();
            for (std::size_t i = 0; i < elts.size(); ++i) {
                if (elts[i]->kind == ExprKind::Starred) {
                    if (star != elts.size()) fail(elts[i]->loc, "multiple starred expressions in assignment");
                    star = i;
                }
            }
            set_pos(t.loc);
            if (star == elts.size()) {
                emit(Op::UNPACK_SEQUENCE, static_cast<std::uint32_t>(elts.size()));
            } else {
                emit(Op::UNPACK_EX, static_cast<std::uint32_t>(star | ((elts.size() - star - 1) << 8)));
            }
            for (auto& e : elts) {
                if (e->kind == ExprKind::Starred) store_target(*static_cast<const Starred&>(*e).value);
                else store_target(*e);
            }
            break;
        }
        case ExprKind::Starred: fail(t.loc, "starred assignment target must be in a list or tuple");
        default: fail(t.loc, "cannot assign to expression");
        }
    }

    void del_target(const Expr& t)
    {
        set_pos(t.loc);
        switch (t.kind) {
        case ExprKind::Name: name_op(static_cast<const Name&>(t).id, Access::Del); break;
        case ExprKind::Attribute: {
            auto& a = static_cast<const Attribute&>(t);
            expr(*a.value);
            set_attr_pos(a);
            emit(Op::DELETE_ATTR, name_index(a.attr));
            break;
        }
        case ExprKind::Subscript: {
            auto& s = static_cast<const Subscript&>(t);
            expr(*s.value);
            expr(*s.slice);
            set_pos(s.loc);
            emit(Op::DELETE_SUBSCR);
            break;
        }
        case ExprKind::Tuple:
            for (auto& e : static_cast<const ast::Tuple&>(t).elts) del_target(*e);
            break;
        case ExprKind::List:
            for (auto& e : static_cast<const ast::List&>(t).elts) del_target(*e);
            break;
        default: fail(t.loc, "cannot delete expression");
        }
    }

    std::string child_qualname(const std::string& name)
    {
        Unit& cur = u();
        if (cur.scope->kind == ScopeKind::Module) return name;
        if (cur.scope->kind == ScopeKind::Class) return cur.qualname + "." + name;
        return cur.qualname + ".<locals>." + name;
    }

    // Pushes defaults/kwdefaults, returns MAKE_FUNCTION flags (closure added by make_closure).
    std::uint32_t push_defaults(const Arguments& a)
    {
        std::uint32_t flags = 0;
        if (!a.defaults.empty()) {
            for (auto& d : a.defaults) expr(*d);
            emit(Op::BUILD_TUPLE, static_cast<std::uint32_t>(a.defaults.size()));
            flags |= MF_DEFAULTS;
        }
        int nkw = 0;
        for (std::size_t i = 0; i < a.kwonlyargs.size(); ++i) {
            if (i < a.kw_defaults.size() && a.kw_defaults[i]) {
                load_const(in_.str(a.kwonlyargs[i].arg));
                expr(*a.kw_defaults[i]);
                ++nkw;
            }
        }
        if (nkw) {
            emit(Op::BUILD_MAP, static_cast<std::uint32_t>(nkw));
            flags |= MF_KWDEFAULTS;
        }
        return flags;
    }

    void make_function(const Value& codev, std::uint32_t flags)
    {
        Code* code = codev.as<Code>();
        if (!code->freevars.empty()) {
            for (auto& name : code->freevars) {
                auto it = u().cellmap.find(name);
                if (it == u().cellmap.end()) fail(Location{pos_.line, pos_.col}, "internal: no cell for '" + name + "'");
                emit(Op::LOAD_CLOSURE, static_cast<std::uint32_t>(it->second));
            }
            emit(Op::BUILD_TUPLE, static_cast<std::uint32_t>(code->freevars.size()));
            flags |= MF_CLOSURE;
        }
        load_const(codev);
        load_const(in_.str(code->qualname));
        emit(Op::MAKE_FUNCTION, flags);
    }

    void set_args(Code* code, const Arguments& a)
    {
        code->posonlyargcount = static_cast<int>(a.posonlyargs.size());
        code->argcount = static_cast<int>(a.posonlyargs.size() + a.args.size());
        code->kwonlyargcount = static_cast<int>(a.kwonlyargs.size());
        if (a.vararg) code->flags |= CO_VARARGS;
        if (a.kwarg) code->flags |= CO_VARKEYWORDS;
    }

    void function_def(const FunctionDef& f)
    {
        for (auto& d : f.decorator_list) expr(*d);
        set_pos(f.loc);
        std::uint32_t flags = push_defaults(f.args);
        Scope* s = sb_.scopes.at(&f).get();
        std::string qual = child_qualname(f.name);
        enter(s, f.name, qual, f.loc.line);
        set_args(u().code, f.args);
        std::size_t start = 0;
        if (!f.body.empty() && f.body[0]->kind == StmtKind::Expr) {
            auto& e = static_cast<const ExprStmt&>(*f.body[0]);
            if (e.value->kind == ExprKind::Constant && static_cast<const Constant&>(*e.value).type == Constant::Type::Str)
                start = 1;
        }
        for (std::size_t i = start; i < f.body.size(); ++i) stmt(*f.body[i]);
        pos_ = line_only(f.body.empty() ? f.loc.line : f.body.back()->loc.end_line);
        load_const(Value::none());
        emit(Op::RETURN_VALUE);
        Value code = leave();
        set_pos(f.loc);
        make_function(code, flags);
        apply_decorators(f.decorator_list, f.loc);
        name_op(f.name, Access::Store);
    }

    void class_def(const ClassDef& c)
    {
        for (auto& d : c.decorator_list) expr(*d);
        for (auto& k : c.keywords) unsupported(k.loc.line ? k.loc : c.loc, "class keyword argument '" + k.arg.value_or("**") + "'");
        set_pos(c.loc);
        Scope* s = sb_.scopes.at(&c).get();
        std::string qual = child_qualname(c.name);
        enter(s, c.name, qual, c.loc.line);
        body(c.body);
        load_const(Value::none());
        emit(Op::RETURN_VALUE);
        Value code = leave();
        set_pos(c.loc);
        make_function(code, 0);
        load_const(in_.str(c.name));
        for (auto& b : c.bases) {
            if (b->kind == ExprKind::Starred) unsupported(b->loc, "starred base class");
            expr(*b);
        }
        set_pos(c.loc);
        emit(Op::BUILD_TUPLE, static_cast<std::uint32_t>(c.bases.size()));
        emit(Op::BUILD_CLASS);
        apply_decorators(c.decorator_list, c.loc);
        name_op(c.name, Access::Store);
    }

    // Innermost decorator first; each call is located at its decorator, as CPython's are.
    void apply_decorators(const ExprList& decorators, const Location& def_loc)
    {
        for (std::size_t i = decorators.size(); i-- > 0;) {
            set_pos(decorators[i]->loc);
            const int at = emit(Op::CALL, 1);
            u().code->pre311_lines.emplace_back(static_cast<std::uint32_t>(at), def_loc.line);
        }
        set_pos(def_loc);
    }

    // -- expressions
    void expr(const Expr& e)
    {
        SourcePos saved = pos_;
        set_pos(e.loc);
        expr_inner(e);
        pos_ = saved;
    }

    void constant(const Constant& c)
    {
        switch (c.type) {
        case Constant::Type::None: load_const(Value::none()); break;
        case Constant::Type::True: load_const(Value::boolean(true)); break;
        case Constant::Type::False: load_const(Value::boolean(false)); break;
        case Constant::Type::Ellipsis: load_const(in_.ellipsis); break;
        case Constant::Type::Int: load_const(in_.integer(support::BigInt::parse_literal(c.text))); break;
        case Constant::Type::Float: load_const(Value::floating(c.number)); break;
        case Constant::Type::Str: load_const(in_.str(c.text)); break;
        case Constant::Type::Complex: unsupported(c.loc, "complex number");
        case Constant::Type::Bytes: unsupported(c.loc, "bytes literal");
        }
    }

    // Every element folds to a constant (their values in `out`).
    bool all_folded(const ExprList& elts, std::vector<Value>& out)
    {
        for (auto& e : elts) {
            std::optional<Value> v = folded_constant(*e);
            if (!v) return false;
            out.push_back(std::move(*v));
        }
        return true;
    }

    // The value of a constant as CPython's AST optimizer sees it: a literal, or a unary
    // operator on one (-1, ~0, not 0), which it folds; nothing for anything else, or
    // when the operator fails (-'a' is left to raise at run time).
    std::optional<Value> folded_constant(const Expr& e)
    {
        if (e.kind == ExprKind::Constant) {
            auto t = static_cast<const Constant&>(e).type;
            if (t == Constant::Type::Complex || t == Constant::Type::Bytes) return std::nullopt;
            return constant_value(static_cast<const Constant&>(e));
        }
        if (e.kind != ExprKind::UnaryOp) return std::nullopt;
        auto& u = static_cast<const UnaryOp&>(e);
        std::optional<Value> v = folded_constant(*u.operand);
        if (!v) return std::nullopt;
        try {
            switch (u.op) {
            case UnaryOpKind::USub: return ops::negate(in_, *v);
            case UnaryOpKind::UAdd: return ops::positive(in_, *v);
            case UnaryOpKind::Invert: return ops::invert(in_, *v);
            case UnaryOpKind::Not: return Value::boolean(!ops::truthy(in_, *v));
            }
        } catch (const PyThrow&) {
        }
        return std::nullopt;
    }

    Value constant_value(const Constant& c)
    {
        switch (c.type) {
        case Constant::Type::None: return Value::none();
        case Constant::Type::True: return Value::boolean(true);
        case Constant::Type::False: return Value::boolean(false);
        case Constant::Type::Ellipsis: return in_.ellipsis;
        case Constant::Type::Int: return in_.integer(support::BigInt::parse_literal(c.text));
        case Constant::Type::Float: return Value::floating(c.number);
        case Constant::Type::Str: return in_.str(c.text);
        default: unsupported(c.loc, "this constant");
        }
    }

    bool has_starred(const ExprList& elts)
    {
        for (auto& e : elts)
            if (e->kind == ExprKind::Starred) return true;
        return false;
    }

    // Builds a list from elements that may contain *starred ones.
    void starred_list(const ExprList& elts)
    {
        std::size_t pending = 0;
        bool built = false;
        for (auto& e : elts) {
            if (e->kind == ExprKind::Starred) {
                if (!built) {
                    emit(Op::BUILD_LIST, static_cast<std::uint32_t>(pending));
                    built = true;
                } else if (pending) {
                    emit(Op::BUILD_LIST, static_cast<std::uint32_t>(pending));
                    emit(Op::LIST_EXTEND, 1);
                }
                pending = 0;
                expr(*static_cast<const Starred&>(*e).value);
                emit(Op::LIST_EXTEND, 1);
            } else {
                expr(*e);
                ++pending;
            }
        }
        if (!built) emit(Op::BUILD_LIST, static_cast<std::uint32_t>(pending));
        else if (pending) {
            emit(Op::BUILD_LIST, static_cast<std::uint32_t>(pending));
            emit(Op::LIST_EXTEND, 1);
        }
    }

    void call(const Call& c)
    {
        bool star = has_starred(c.args);
        bool dstar = false;
        for (auto& k : c.keywords)
            if (!k.arg) dstar = true;
        bool method = c.func->kind == ExprKind::Attribute && !star && !dstar;
        if (method) {
            auto& a = static_cast<const Attribute&>(*c.func);
            expr(*a.value);
            set_attr_pos(a);
            emit(Op::LOAD_METHOD, name_index(a.attr));
        } else {
            expr(*c.func);
        }
        if (star || dstar) {
            starred_list(c.args);
            emit(Op::LIST_TO_TUPLE);
            std::uint32_t flag = 0;
            if (!c.keywords.empty()) {
                flag = 1;
                emit(Op::BUILD_MAP, 0);
                for (auto& k : c.keywords) {
                    if (k.arg) {
                        load_const(in_.str(*k.arg));
                        expr(*k.value);
                        emit(Op::BUILD_MAP, 1);
                        emit(Op::DICT_MERGE, 1);
                    } else {
                        expr(*k.value);
                        emit(Op::DICT_MERGE, 1);
                    }
                }
            }
            set_pos(c.loc);
            emit(Op::CALL_EX, flag);
            return;
        }
        for (auto& a : c.args) expr(*a);
        std::vector<Value> names;
        for (auto& k : c.keywords) {
            expr(*k.value);
            names.push_back(in_.intern(*k.arg));
        }
        set_pos(c.loc);
        if (method) {
            // As CPython does: a method call whose name is on a later line than its
            // object starts at the name.
            auto& a = static_cast<const Attribute&>(*c.func);
            if (a.loc.line != a.loc.end_line) {
                SourcePos whole = pos_;
                set_attr_pos(a);
                pos_.end_line = whole.end_line;
                pos_.end_col = pos_.col == SourcePos::no_col ? SourcePos::no_col : whole.end_col;
            }
        }
        auto n = static_cast<std::uint32_t>(c.args.size() + c.keywords.size());
        if (names.empty()) {
            emit(method ? Op::CALL_METHOD : Op::CALL, n);
        } else {
            for (std::size_t i = 0; i < names.size(); ++i)
                for (std::size_t j = 0; j < i; ++j)
                    if (names[i].as<Str>()->s == names[j].as<Str>()->s) fail(c.keywords[i].loc, "keyword argument repeated: " + names[i].as<Str>()->s);
            load_const(in_.tuple(std::move(names)));
            emit(method ? Op::CALL_METHOD_KW : Op::CALL_KW, n);
        }
    }

    void comprehension(const Expr& e, const std::vector<Comprehension>& gens, int kind)
    {
        // kind: 0 list, 1 set, 2 dict, 3 generator
        Scope* s = sb_.scopes.at(&e).get();
        static const char* names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
        std::string qual = child_qualname(names[kind]);
        bool outer_async = gens[0].is_async;
        enter(s, names[kind], qual, e.loc.line);
        Code* code = u().code;
        code->argcount = 1;
        if (kind == 0) emit(Op::BUILD_LIST, 0);
        if (kind == 1) emit(Op::BUILD_SET, 0);
        if (kind == 2) emit(Op::BUILD_MAP, 0);
        comp_generator(e, gens, 0, kind);
        if (kind == 3) load_const(Value::none());
        emit(Op::RETURN_VALUE);
        Value codev = leave();
        set_pos(e.loc);
        make_function(codev, 0);
        expr(*gens[0].iter);
        set_pos(e.loc);
        emit(outer_async ? Op::GET_AITER : Op::GET_ITER);
        emit(Op::CALL, 1);
        Code* c = codev.as<Code>();
        if ((c->flags & CO_COROUTINE) && kind != 3) await_tos();
    }

    void comp_generator(const Expr& e, const std::vector<Comprehension>& gens, std::size_t i, int kind)
    {
        const Comprehension& g = gens[i];
        int l_top = new_label(), l_end = new_label(), l_except = new_label(), l_after = new_label();
        if (i == 0) {
            emit(Op::LOAD_FAST, 0);
        } else {
            expr(*g.iter);
            emit(g.is_async ? Op::GET_AITER : Op::GET_ITER);
        }
        bind(l_top);
        if (g.is_async) {
            jump(Op::SETUP_FINALLY, l_except);
            emit(Op::GET_ANEXT);
            await_tos();
            emit(Op::POP_BLOCK);
        } else {
            jump(Op::FOR_ITER, l_end);
        }
        store_target(*g.target);
        for (auto& cond : g.ifs) {
            expr(*cond);
            jump(Op::POP_JUMP_IF_FALSE, l_top);
        }
        if (i + 1 < gens.size()) {
            comp_generator(e, gens, i + 1, kind);
        } else {
            auto depth = static_cast<std::uint32_t>(i + 2);
            switch (kind) {
            case 0: expr(*static_cast<const ListComp&>(e).elt); emit(Op::LIST_APPEND, depth); break;
            case 1: expr(*static_cast<const SetComp&>(e).elt); emit(Op::SET_ADD, depth); break;
            case 2: {
                auto& d = static_cast<const DictComp&>(e);
                expr(*d.key);
                expr(*d.value);
                emit(Op::MAP_ADD, depth);
                break;
            }
            default:
                expr(*static_cast<const GeneratorExp&>(e).elt);
                emit(Op::YIELD_VALUE);
                emit(Op::POP_TOP);
            }
        }
        jump(Op::JUMP, l_top);
        if (g.is_async) {
            bind(l_except);
            emit(Op::END_ASYNC_FOR);
            jump(Op::JUMP, l_after);
        }
        bind(l_end);
        bind(l_after);
    }

    void expr_inner(const Expr& e)
    {
        switch (e.kind) {
        case ExprKind::BoolOp: {
            auto& b = static_cast<const BoolOp&>(e);
            int l_end = new_label();
            for (std::size_t i = 0; i < b.values.size(); ++i) {
                expr(*b.values[i]);
                if (i + 1 < b.values.size())
                    jump(b.op == BoolOpKind::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP, l_end);
            }
            bind(l_end);
            break;
        }
        case ExprKind::NamedExpr: {
            auto& n = static_cast<const NamedExpr&>(e);
            expr(*n.value);
            emit(Op::DUP_TOP);
            store_target(*n.target);
            break;
        }
        case ExprKind::BinOp: {
            auto& b = static_cast<const ast::BinOp&>(e);
            if (b.op == BinOpKind::MatMult) unsupported(e.loc, "the @ operator");
            expr(*b.left);
            expr(*b.right);
            set_pos(e.loc);
            emit(Op::BINARY, static_cast<std::uint32_t>(b.op));
            break;
        }
        case ExprKind::UnaryOp: {
            auto& un = static_cast<const UnaryOp&>(e);
            expr(*un.operand);
            set_pos(e.loc);
            switch (un.op) {
            case UnaryOpKind::Not: emit(Op::UNARY_NOT); break;
            case UnaryOpKind::USub: emit(Op::UNARY_NEG); break;
            case UnaryOpKind::UAdd: emit(Op::UNARY_POS); break;
            case UnaryOpKind::Invert: emit(Op::UNARY_INVERT); break;
            }
            break;
        }
        case ExprKind::Lambda: {
            auto& l = static_cast<const Lambda&>(e);
            std::uint32_t flags = push_defaults(l.args);
            Scope* s = sb_.scopes.at(&l).get();
            enter(s, "<lambda>", child_qualname("<lambda>"), e.loc.line);
            set_args(u().code, l.args);
            expr(*l.body);
            if (s->generator) emit(Op::POP_TOP), load_const(Value::none());
            emit(Op::RETURN_VALUE);
            Value code = leave();
            set_pos(e.loc);
            make_function(code, flags);
            break;
        }
        case ExprKind::IfExp: {
            auto& i = static_cast<const IfExp&>(e);
            int l_else = new_label(), l_end = new_label();
            expr(*i.test);
            jump(Op::POP_JUMP_IF_FALSE, l_else);
            expr(*i.body);
            jump(Op::JUMP, l_end);
            bind(l_else);
            expr(*i.orelse);
            bind(l_end);
            break;
        }
        case ExprKind::Dict: {
            auto& d = static_cast<const ast::Dict&>(e);
            std::size_t pending = 0;
            bool built = false;
            for (std::size_t i = 0; i < d.keys.size(); ++i) {
                if (!d.keys[i]) {
                    if (!built) {
                        emit(Op::BUILD_MAP, static_cast<std::uint32_t>(pending));
                        built = true;
                    } else if (pending) {
                        emit(Op::BUILD_MAP, static_cast<std::uint32_t>(pending));
                        emit(Op::DICT_UPDATE, 1);
                    }
                    pending = 0;
                    expr(*d.values[i]);
                    emit(Op::DICT_UPDATE, 1);
                } else {
                    expr(*d.keys[i]);
                    expr(*d.values[i]);
                    ++pending;
                }
            }
            if (!built) emit(Op::BUILD_MAP, static_cast<std::uint32_t>(pending));
            else if (pending) {
                emit(Op::BUILD_MAP, static_cast<std::uint32_t>(pending));
                emit(Op::DICT_UPDATE, 1);
            }
            break;
        }
        case ExprKind::Set: {
            auto& s = static_cast<const ast::Set&>(e);
            if (has_starred(s.elts)) {
                emit(Op::BUILD_SET, 0);
                for (auto& x : s.elts) {
                    if (x->kind == ExprKind::Starred) {
                        expr(*static_cast<const Starred&>(*x).value);
                        emit(Op::SET_UPDATE, 1);
                    } else {
                        expr(*x);
                        emit(Op::SET_ADD, 1);
                    }
                }
            } else if (std::vector<Value> items; s.elts.size() > 2 && all_folded(s.elts, items)) {
                // CPython folds a constant set display into a frozenset merged into an
                // empty set; the merge decides the table size and so the order. The
                // frozenset is built twice, as CPython's constant merging rebuilds it
                // from its own iteration order.
                Value first = in_.set(true);
                for (auto& c : items) ops::set_add(in_, first, c);
                Value fs = in_.set(true);
                for (const SetEntry& e : first.as<SetObj>()->table.table())
                    if (!e.key.is_null()) ops::set_add(in_, fs, e.key);
                emit(Op::BUILD_SET, 0);
                load_const(fs);
                emit(Op::SET_UPDATE, 1);
            } else {
                for (auto& x : s.elts) expr(*x);
                emit(Op::BUILD_SET, static_cast<std::uint32_t>(s.elts.size()));
            }
            break;
        }
        case ExprKind::ListComp: comprehension(e, static_cast<const ListComp&>(e).generators, 0); break;
        case ExprKind::SetComp: comprehension(e, static_cast<const SetComp&>(e).generators, 1); break;
        case ExprKind::DictComp: comprehension(e, static_cast<const DictComp&>(e).generators, 2); break;
        case ExprKind::GeneratorExp: comprehension(e, static_cast<const GeneratorExp&>(e).generators, 3); break;
        case ExprKind::Await:
            if (!u().scope->coroutine) fail(e.loc, "'await' outside async function");
            expr(*static_cast<const Await&>(e).value);
            set_pos(e.loc);
            await_tos();
            break;
        case ExprKind::Yield: {
            auto& y = static_cast<const Yield&>(e);
            if (y.value) expr(*y.value);
            else load_const(Value::none());
            set_pos(e.loc);
            emit(Op::YIELD_VALUE);
            break;
        }
        case ExprKind::YieldFrom:
            if (u().scope->coroutine) fail(e.loc, "'yield from' inside async function");
            expr(*static_cast<const YieldFrom&>(e).value);
            set_pos(e.loc);
            emit(Op::GET_YIELD_FROM_ITER);
            load_const(Value::none());
            emit(Op::YIELD_FROM);
            break;
        case ExprKind::Compare: {
            auto& c = static_cast<const Compare&>(e);
            expr(*c.left);
            int l_cleanup = new_label(), l_end = new_label();
            for (std::size_t i = 0; i < c.ops.size(); ++i) {
                expr(*c.comparators[i]);
                bool last = i + 1 == c.ops.size();
                if (!last) {
                    emit(Op::DUP_TOP);
                    emit(Op::ROT_THREE);
                }
                set_pos(e.loc);
                switch (c.ops[i]) {
                case CmpOpKind::Is: emit(Op::IS_OP, 0); break;
                case CmpOpKind::IsNot: emit(Op::IS_OP, 1); break;
                case CmpOpKind::In: emit(Op::CONTAINS_OP, 0); break;
                case CmpOpKind::NotIn: emit(Op::CONTAINS_OP, 1); break;
                default: emit(Op::COMPARE, static_cast<std::uint32_t>(c.ops[i])); break;
                }
                if (!last) jump(Op::JUMP_IF_FALSE_OR_POP, l_cleanup);
            }
            if (c.ops.size() > 1) {
                jump(Op::JUMP, l_end);
                bind(l_cleanup);
                emit(Op::ROT_TWO);
                emit(Op::POP_TOP);
                bind(l_end);
            }
            break;
        }
        case ExprKind::Call: call(static_cast<const Call&>(e)); break;
        case ExprKind::FormattedValue: {
            auto& f = static_cast<const FormattedValue&>(e);
            expr(*f.value);
            std::uint32_t flags = 0;
            if (f.conversion == 's') flags = 1;
            else if (f.conversion == 'r') flags = 2;
            else if (f.conversion == 'a') flags = 3;
            if (f.format_spec) {
                expr(*f.format_spec);
                flags |= 4;
            }
            set_pos(e.loc);
            emit(Op::FORMAT_VALUE, flags);
            break;
        }
        case ExprKind::JoinedStr: {
            auto& j = static_cast<const JoinedStr&>(e);
            for (auto& v : j.values) {
                if (v->kind == ExprKind::Constant) expr(*v);
                else expr(*v);
            }
            if (j.values.size() != 1) emit(Op::BUILD_STRING, static_cast<std::uint32_t>(j.values.size()));
            else if (j.values[0]->kind != ExprKind::FormattedValue && j.values[0]->kind != ExprKind::Constant)
                emit(Op::BUILD_STRING, 1);
            if (j.values.empty()) {
                // BUILD_STRING 0 already pushed ""
            }
            break;
        }
        case ExprKind::Constant: constant(static_cast<const Constant&>(e)); break;
        case ExprKind::Attribute: {
            auto& a = static_cast<const Attribute&>(e);
            expr(*a.value);
            set_attr_pos(a);
            emit(Op::LOAD_ATTR, name_index(a.attr));
            break;
        }
        case ExprKind::Subscript: {
            auto& s = static_cast<const Subscript&>(e);
            expr(*s.value);
            expr(*s.slice);
            set_pos(e.loc);
            emit(Op::BINARY_SUBSCR);
            break;
        }
        case ExprKind::Starred: fail(e.loc, "can't use starred expression here");
        case ExprKind::Name: {
            auto& n = static_cast<const Name&>(e);
            if (n.id == "super" && u().scope->function_like()) u().code->uses_super = true;
            name_op(n.id, Access::Load);
            break;
        }
        case ExprKind::List: {
            auto& l = static_cast<const ast::List&>(e);
            if (has_starred(l.elts)) {
                starred_list(l.elts);
            } else {
                for (auto& x : l.elts) expr(*x);
                emit(Op::BUILD_LIST, static_cast<std::uint32_t>(l.elts.size()));
            }
            break;
        }
        case ExprKind::Tuple: {
            auto& t = static_cast<const ast::Tuple&>(e);
            if (has_starred(t.elts)) {
                starred_list(t.elts);
                emit(Op::LIST_TO_TUPLE);
            } else {
                for (auto& x : t.elts) expr(*x);
                emit(Op::BUILD_TUPLE, static_cast<std::uint32_t>(t.elts.size()));
            }
            break;
        }
        case ExprKind::Slice: {
            auto& s = static_cast<const ast::Slice&>(e);
            if (s.lower) expr(*s.lower); else load_const(Value::none());
            if (s.upper) expr(*s.upper); else load_const(Value::none());
            if (s.step) {
                expr(*s.step);
                emit(Op::BUILD_SLICE, 3);
            } else {
                emit(Op::BUILD_SLICE, 2);
            }
            break;
        }
        }
    }
};

}  // namespace

Value compile_module(Interpreter& in, const ast::Module& module, std::string_view filename)
{
    std::string file(filename.empty() ? module.filename : std::string(filename));
    try {
        ScopeBuilder sb;
        sb.module(module, &module);
        sb.analyze(sb.scopes.at(&module).get(), {});
        CodeGen gen(in, sb, file);
        return gen.module(module);
    } catch (const CompileError& err) {
        Value exc = in.make_exception(Exc::SyntaxError, err.message);
        Value e = exc;
        in.setattr(e, in.intern("filename"), in.str(file));
        in.setattr(e, in.intern("lineno"), Value::integer(err.loc.line));
        in.setattr(e, in.intern("offset"), Value::integer(err.loc.col + 1));
        if (err.loc.end_line > 0) {
            in.setattr(e, in.intern("end_lineno"), Value::integer(err.loc.end_line));
            in.setattr(e, in.intern("end_offset"), Value::integer(err.loc.end_col + 1));
        }
        in.setattr(e, in.intern("msg"), in.str(err.message));
        throw PyThrow{exc};
    }
}

}  // namespace script
