// The syntax tree of the supported Python subset. It mirrors Python 3.11's `ast`
// module (same node and field names, same meaning) so CPython's documentation is
// its documentation. Nodes are owned by their parent through unique_ptr; a
// Module owns the whole tree. Plain data: no threading rules beyond "don't share
// a tree being built".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace script::ast {

// Positions as CPython reports them: lines 1-based, columns 0-based in UTF-8 bytes
// (SyntaxError messages add one to the column, as CPython does).
struct Location {
    int line = 0;
    int col = 0;
    int end_line = 0;
    int end_col = 0;
};

struct Node {
    Location loc;
    virtual ~Node() = default;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : std::uint8_t {
    BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp,
    DictComp, GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue,
    JoinedStr, Constant, Attribute, Subscript, Starred, Name, List, Tuple, Slice,
};

// Load, Store or Del: what a Name/Attribute/Subscript/Starred/List/Tuple is used for.
enum class Ctx : std::uint8_t { Load, Store, Del };

enum class BoolOpKind : std::uint8_t { And, Or };
enum class BinOpKind : std::uint8_t {
    Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv,
};
enum class UnaryOpKind : std::uint8_t { Invert, Not, UAdd, USub };
enum class CmpOpKind : std::uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Expr : Node {
    explicit Expr(ExprKind k) : kind(k) {}
    const ExprKind kind;
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

struct Arg : Node {
    std::string arg;
    ExprPtr annotation;  // parsed and ignored at run time
};

// def f(posonly, /, args, *vararg, kwonly, **kwarg)
struct Arguments {
    std::vector<Arg> posonlyargs;
    std::vector<Arg> args;
    std::optional<Arg> vararg;
    std::vector<Arg> kwonlyargs;
    ExprList kw_defaults;  // one per kwonlyarg; nullptr where there is no default
    std::optional<Arg> kwarg;
    ExprList defaults;     // for the last len(defaults) of posonlyargs + args
};

struct Keyword : Node {
    std::optional<std::string> arg;  // nullopt for **expr
    ExprPtr value;
};

struct Comprehension {
    ExprPtr target;
    ExprPtr iter;
    ExprList ifs;
    bool is_async = false;
};

struct BoolOp : Expr { BoolOp() : Expr(ExprKind::BoolOp) {} BoolOpKind op{}; ExprList values; };
struct NamedExpr : Expr { NamedExpr() : Expr(ExprKind::NamedExpr) {} ExprPtr target, value; };
struct BinOp : Expr { BinOp() : Expr(ExprKind::BinOp) {} ExprPtr left; BinOpKind op{}; ExprPtr right; };
struct UnaryOp : Expr { UnaryOp() : Expr(ExprKind::UnaryOp) {} UnaryOpKind op{}; ExprPtr operand; };
struct Lambda : Expr { Lambda() : Expr(ExprKind::Lambda) {} Arguments args; ExprPtr body; };
struct IfExp : Expr { IfExp() : Expr(ExprKind::IfExp) {} ExprPtr test, body, orelse; };
// keys[i] == nullptr means `**values[i]`
struct Dict : Expr { Dict() : Expr(ExprKind::Dict) {} ExprList keys, values; };
struct Set : Expr { Set() : Expr(ExprKind::Set) {} ExprList elts; };
struct ListComp : Expr { ListComp() : Expr(ExprKind::ListComp) {} ExprPtr elt; std::vector<Comprehension> generators; };
struct SetComp : Expr { SetComp() : Expr(ExprKind::SetComp) {} ExprPtr elt; std::vector<Comprehension> generators; };
struct DictComp : Expr { DictComp() : Expr(ExprKind::DictComp) {} ExprPtr key, value; std::vector<Comprehension> generators; };
struct GeneratorExp : Expr { GeneratorExp() : Expr(ExprKind::GeneratorExp) {} ExprPtr elt; std::vector<Comprehension> generators; };
struct Await : Expr { Await() : Expr(ExprKind::Await) {} ExprPtr value; };
struct Yield : Expr { Yield() : Expr(ExprKind::Yield) {} ExprPtr value; /* may be null */ };
struct YieldFrom : Expr { YieldFrom() : Expr(ExprKind::YieldFrom) {} ExprPtr value; };
struct Compare : Expr { Compare() : Expr(ExprKind::Compare) {} ExprPtr left; std::vector<CmpOpKind> ops; ExprList comparators; };
struct Call : Expr { Call() : Expr(ExprKind::Call) {} ExprPtr func; ExprList args; std::vector<Keyword> keywords; };
// conversion: -1 none, 's', 'r' or 'a'; format_spec is a JoinedStr or null.
struct FormattedValue : Expr { FormattedValue() : Expr(ExprKind::FormattedValue) {} ExprPtr value; int conversion = -1; ExprPtr format_spec; };
struct JoinedStr : Expr { JoinedStr() : Expr(ExprKind::JoinedStr) {} ExprList values; };

// A literal. Integers keep their decimal digits so any size survives parsing.
struct Constant : Expr {
    Constant() : Expr(ExprKind::Constant) {}
    enum class Type : std::uint8_t { None, True, False, Ellipsis, Int, Float, Complex, Str, Bytes };
    Type type = Type::None;
    std::string text;    // Int: decimal digits (no sign, no underscores); Str/Bytes: the decoded value (UTF-8)
    double number = 0;   // Float, and the imaginary part of Complex
    bool u_prefix = false;  // a str written u'...' (CPython's Constant.kind == 'u'); no meaning at run time
};

struct Attribute : Expr { Attribute() : Expr(ExprKind::Attribute) {} ExprPtr value; std::string attr; Ctx ctx = Ctx::Load; };
struct Subscript : Expr { Subscript() : Expr(ExprKind::Subscript) {} ExprPtr value, slice; Ctx ctx = Ctx::Load; };
struct Starred : Expr { Starred() : Expr(ExprKind::Starred) {} ExprPtr value; Ctx ctx = Ctx::Load; };
struct Name : Expr { Name() : Expr(ExprKind::Name) {} std::string id; Ctx ctx = Ctx::Load; };
struct List : Expr { List() : Expr(ExprKind::List) {} ExprList elts; Ctx ctx = Ctx::Load; };
struct Tuple : Expr { Tuple() : Expr(ExprKind::Tuple) {} ExprList elts; Ctx ctx = Ctx::Load; };
struct Slice : Expr { Slice() : Expr(ExprKind::Slice) {} ExprPtr lower, upper, step; /* each may be null */ };

// ----------------------------------------------------------------- statements

enum class StmtKind : std::uint8_t {
    FunctionDef, AsyncFunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign,
    For, AsyncFor, While, If, With, AsyncWith, Raise, Try, TryStar, Assert, Import,
    ImportFrom, Global, Nonlocal, Expr, Pass, Break, Continue,
};

struct Stmt : Node {
    explicit Stmt(StmtKind k) : kind(k) {}
    const StmtKind kind;
};

struct Alias : Node { std::string name; std::optional<std::string> asname; };
struct WithItem { ExprPtr context_expr; ExprPtr optional_vars; /* may be null */ };
struct ExceptHandler : Node {
    ExprPtr type;                     // null for a bare `except:`
    std::optional<std::string> name;  // `as name`
    StmtList body;
};

// FunctionDef and AsyncFunctionDef share one struct; `kind` tells them apart.
struct FunctionDef : Stmt {
    explicit FunctionDef(bool is_async) : Stmt(is_async ? StmtKind::AsyncFunctionDef : StmtKind::FunctionDef) {}
    std::string name;
    Arguments args;
    StmtList body;
    ExprList decorator_list;
    ExprPtr returns;  // parsed and ignored
};
struct ClassDef : Stmt {
    ClassDef() : Stmt(StmtKind::ClassDef) {}
    std::string name;
    ExprList bases;
    std::vector<Keyword> keywords;
    StmtList body;
    ExprList decorator_list;
};
struct Return : Stmt { Return() : Stmt(StmtKind::Return) {} ExprPtr value; };
struct Delete : Stmt { Delete() : Stmt(StmtKind::Delete) {} ExprList targets; };
struct Assign : Stmt { Assign() : Stmt(StmtKind::Assign) {} ExprList targets; ExprPtr value; };
struct AugAssign : Stmt { AugAssign() : Stmt(StmtKind::AugAssign) {} ExprPtr target; BinOpKind op{}; ExprPtr value; };
struct AnnAssign : Stmt { AnnAssign() : Stmt(StmtKind::AnnAssign) {} ExprPtr target, annotation, value; bool simple = true; };
// For and AsyncFor share one struct.
struct For : Stmt {
    explicit For(bool is_async) : Stmt(is_async ? StmtKind::AsyncFor : StmtKind::For) {}
    ExprPtr target, iter;
    StmtList body, orelse;
};
struct While : Stmt { While() : Stmt(StmtKind::While) {} ExprPtr test; StmtList body, orelse; };
struct If : Stmt { If() : Stmt(StmtKind::If) {} ExprPtr test; StmtList body, orelse; };
// With and AsyncWith share one struct.
struct With : Stmt {
    explicit With(bool is_async) : Stmt(is_async ? StmtKind::AsyncWith : StmtKind::With) {}
    std::vector<WithItem> items;
    StmtList body;
};
struct Raise : Stmt { Raise() : Stmt(StmtKind::Raise) {} ExprPtr exc, cause; };
// Try and TryStar (`except*`) share one struct.
struct Try : Stmt {
    explicit Try(bool star) : Stmt(star ? StmtKind::TryStar : StmtKind::Try) {}
    StmtList body;
    std::vector<ExceptHandler> handlers;
    StmtList orelse, finalbody;
};
struct Assert : Stmt { Assert() : Stmt(StmtKind::Assert) {} ExprPtr test, msg; };
struct Import : Stmt { Import() : Stmt(StmtKind::Import) {} std::vector<Alias> names; };
struct ImportFrom : Stmt { ImportFrom() : Stmt(StmtKind::ImportFrom) {} std::string module; std::vector<Alias> names; int level = 0; };
struct Global : Stmt { Global() : Stmt(StmtKind::Global) {} std::vector<std::string> names; };
struct Nonlocal : Stmt { Nonlocal() : Stmt(StmtKind::Nonlocal) {} std::vector<std::string> names; };
struct ExprStmt : Stmt { ExprStmt() : Stmt(StmtKind::Expr) {} ExprPtr value; };
struct Pass : Stmt { Pass() : Stmt(StmtKind::Pass) {} };
struct Break : Stmt { Break() : Stmt(StmtKind::Break) {} };
struct Continue : Stmt { Continue() : Stmt(StmtKind::Continue) {} };

struct Module {
    std::string filename;  // as given to the parser, used in messages
    StmtList body;
};

}  // namespace script::ast
