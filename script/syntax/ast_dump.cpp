#include "script/syntax/ast_dump.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "script/syntax/unicode_tables.hpp"

namespace script::ast {

namespace {

// Python's float repr without the ".0" that marks an integral float (complex parts
// are written that way).
std::string float_digits(double v, bool add_dot_zero) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    std::string sign;
    if (s[0] == '-') { sign = "-"; s.erase(0, 1); }
    const std::size_t e = s.find('e');
    std::string mantissa = s.substr(0, e);
    const int exp = std::stoi(s.substr(e + 1));
    std::string digits;
    for (char c : mantissa)
        if (c != '.') digits += c;
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    const int decpt = exp + 1;
    const int n = static_cast<int>(digits.size());
    std::string out;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out = "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        } else if (decpt >= n) {
            out = digits + std::string(static_cast<std::size_t>(decpt - n), '0');
            if (add_dot_zero) out += ".0";
        } else {
            out = digits.substr(0, static_cast<std::size_t>(decpt)) + "." + digits.substr(static_cast<std::size_t>(decpt));
        }
    } else {
        out = digits.substr(0, 1);
        if (n > 1) out += "." + digits.substr(1);
        const int x = decpt - 1;
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
        out += eb;
    }
    return sign + out;
}

const char* binop_name(BinOpKind k) {
    switch (k) {
    case BinOpKind::Add: return "Add()"; case BinOpKind::Sub: return "Sub()"; case BinOpKind::Mult: return "Mult()";
    case BinOpKind::MatMult: return "MatMult()"; case BinOpKind::Div: return "Div()"; case BinOpKind::Mod: return "Mod()";
    case BinOpKind::Pow: return "Pow()"; case BinOpKind::LShift: return "LShift()"; case BinOpKind::RShift: return "RShift()";
    case BinOpKind::BitOr: return "BitOr()"; case BinOpKind::BitXor: return "BitXor()";
    case BinOpKind::BitAnd: return "BitAnd()"; case BinOpKind::FloorDiv: return "FloorDiv()";
    }
    return "?";
}

const char* cmpop_name(CmpOpKind k) {
    switch (k) {
    case CmpOpKind::Eq: return "Eq()"; case CmpOpKind::NotEq: return "NotEq()"; case CmpOpKind::Lt: return "Lt()";
    case CmpOpKind::LtE: return "LtE()"; case CmpOpKind::Gt: return "Gt()"; case CmpOpKind::GtE: return "GtE()";
    case CmpOpKind::Is: return "Is()"; case CmpOpKind::IsNot: return "IsNot()"; case CmpOpKind::In: return "In()";
    case CmpOpKind::NotIn: return "NotIn()";
    }
    return "?";
}

const char* ctx_name(Ctx c) {
    switch (c) {
    case Ctx::Load: return "Load()"; case Ctx::Store: return "Store()"; case Ctx::Del: return "Del()";
    }
    return "?";
}

class Dumper {
public:
    std::string out;
    bool attrs = false;

    // ast.dump(..., include_attributes=True) adds positions after the fields.
    void loc(const Node& n) {
        if (!attrs) return;
        if (out.back() != '(') out += ", ";
        out += "lineno=" + std::to_string(n.loc.line) + ", col_offset=" + std::to_string(n.loc.col) +
               ", end_lineno=" + std::to_string(n.loc.end_line) + ", end_col_offset=" + std::to_string(n.loc.end_col);
    }
    void close(const Node& n) {
        loc(n);
        out += ")";
    }

    void expr(const Expr* e) {
        if (!e) { out += "None"; return; }
        expr_fields(*e);
        if (attrs) {
            out.pop_back();  // every node's text ends with ')'
            close(*e);
        }
    }

    void expr_fields(const Expr& node) {
        const Expr* e = &node;
        switch (e->kind) {
        case ExprKind::BoolOp: {
            auto& n = static_cast<const BoolOp&>(*e);
            out += "BoolOp(op=";
            out += n.op == BoolOpKind::And ? "And()" : "Or()";
            out += ", values=";
            exprs(n.values);
            out += ")";
            break;
        }
        case ExprKind::NamedExpr: {
            auto& n = static_cast<const NamedExpr&>(*e);
            out += "NamedExpr(target="; expr(n.target.get()); out += ", value="; expr(n.value.get()); out += ")";
            break;
        }
        case ExprKind::BinOp: {
            auto& n = static_cast<const BinOp&>(*e);
            out += "BinOp(left="; expr(n.left.get()); out += ", op="; out += binop_name(n.op);
            out += ", right="; expr(n.right.get()); out += ")";
            break;
        }
        case ExprKind::UnaryOp: {
            auto& n = static_cast<const UnaryOp&>(*e);
            out += "UnaryOp(op=";
            switch (n.op) {
            case UnaryOpKind::Invert: out += "Invert()"; break;
            case UnaryOpKind::Not: out += "Not()"; break;
            case UnaryOpKind::UAdd: out += "UAdd()"; break;
            case UnaryOpKind::USub: out += "USub()"; break;
            }
            out += ", operand="; expr(n.operand.get()); out += ")";
            break;
        }
        case ExprKind::Lambda: {
            auto& n = static_cast<const Lambda&>(*e);
            out += "Lambda(args="; arguments(n.args); out += ", body="; expr(n.body.get()); out += ")";
            break;
        }
        case ExprKind::IfExp: {
            auto& n = static_cast<const IfExp&>(*e);
            out += "IfExp(test="; expr(n.test.get()); out += ", body="; expr(n.body.get());
            out += ", orelse="; expr(n.orelse.get()); out += ")";
            break;
        }
        case ExprKind::Dict: {
            auto& n = static_cast<const Dict&>(*e);
            out += "Dict(keys="; exprs(n.keys); out += ", values="; exprs(n.values); out += ")";
            break;
        }
        case ExprKind::Set: {
            auto& n = static_cast<const Set&>(*e);
            out += "Set(elts="; exprs(n.elts); out += ")";
            break;
        }
        case ExprKind::ListComp: comp("ListComp", static_cast<const ListComp&>(*e).elt.get(), static_cast<const ListComp&>(*e).generators); break;
        case ExprKind::SetComp: comp("SetComp", static_cast<const SetComp&>(*e).elt.get(), static_cast<const SetComp&>(*e).generators); break;
        case ExprKind::GeneratorExp: comp("GeneratorExp", static_cast<const GeneratorExp&>(*e).elt.get(), static_cast<const GeneratorExp&>(*e).generators); break;
        case ExprKind::DictComp: {
            auto& n = static_cast<const DictComp&>(*e);
            out += "DictComp(key="; expr(n.key.get()); out += ", value="; expr(n.value.get());
            out += ", generators="; generators(n.generators); out += ")";
            break;
        }
        case ExprKind::Await: out += "Await(value="; expr(static_cast<const Await&>(*e).value.get()); out += ")"; break;
        case ExprKind::Yield: {
            auto& n = static_cast<const Yield&>(*e);
            out += "Yield(";
            if (n.value) { out += "value="; expr(n.value.get()); }
            out += ")";
            break;
        }
        case ExprKind::YieldFrom: out += "YieldFrom(value="; expr(static_cast<const YieldFrom&>(*e).value.get()); out += ")"; break;
        case ExprKind::Compare: {
            auto& n = static_cast<const Compare&>(*e);
            out += "Compare(left="; expr(n.left.get()); out += ", ops=[";
            for (std::size_t i = 0; i < n.ops.size(); ++i) { if (i) out += ", "; out += cmpop_name(n.ops[i]); }
            out += "], comparators="; exprs(n.comparators); out += ")";
            break;
        }
        case ExprKind::Call: {
            auto& n = static_cast<const Call&>(*e);
            out += "Call(func="; expr(n.func.get()); out += ", args="; exprs(n.args); out += ", keywords=";
            keywords(n.keywords);
            out += ")";
            break;
        }
        case ExprKind::FormattedValue: {
            auto& n = static_cast<const FormattedValue&>(*e);
            out += "FormattedValue(value="; expr(n.value.get()); out += ", conversion=" + std::to_string(n.conversion);
            if (n.format_spec) { out += ", format_spec="; expr(n.format_spec.get()); }
            out += ")";
            break;
        }
        case ExprKind::JoinedStr: out += "JoinedStr(values="; exprs(static_cast<const JoinedStr&>(*e).values); out += ")"; break;
        case ExprKind::Constant: {
            auto& n = static_cast<const Constant&>(*e);
            out += "Constant(value=";
            switch (n.type) {
            case Constant::Type::None: out += "None"; break;
            case Constant::Type::True: out += "True"; break;
            case Constant::Type::False: out += "False"; break;
            case Constant::Type::Ellipsis: out += "Ellipsis"; break;
            case Constant::Type::Int: out += n.text; break;
            case Constant::Type::Float: out += python_float_repr(n.number); break;
            case Constant::Type::Complex: out += float_digits(n.number, false) + "j"; break;
            case Constant::Type::Str: out += python_str_repr(n.text); break;
            case Constant::Type::Bytes: out += python_bytes_repr(n.text); break;
            }
            if (n.u_prefix) out += ", kind='u'";
            out += ")";
            break;
        }
        case ExprKind::Attribute: {
            auto& n = static_cast<const Attribute&>(*e);
            out += "Attribute(value="; expr(n.value.get()); out += ", attr=" + python_str_repr(n.attr);
            out += ", ctx="; out += ctx_name(n.ctx); out += ")";
            break;
        }
        case ExprKind::Subscript: {
            auto& n = static_cast<const Subscript&>(*e);
            out += "Subscript(value="; expr(n.value.get()); out += ", slice="; expr(n.slice.get());
            out += ", ctx="; out += ctx_name(n.ctx); out += ")";
            break;
        }
        case ExprKind::Starred: {
            auto& n = static_cast<const Starred&>(*e);
            out += "Starred(value="; expr(n.value.get()); out += ", ctx="; out += ctx_name(n.ctx); out += ")";
            break;
        }
        case ExprKind::Name: {
            auto& n = static_cast<const Name&>(*e);
            out += "Name(id=" + python_str_repr(n.id) + ", ctx=" + ctx_name(n.ctx) + ")";
            break;
        }
        case ExprKind::List: {
            auto& n = static_cast<const List&>(*e);
            out += "List(elts="; exprs(n.elts); out += ", ctx="; out += ctx_name(n.ctx); out += ")";
            break;
        }
        case ExprKind::Tuple: {
            auto& n = static_cast<const Tuple&>(*e);
            out += "Tuple(elts="; exprs(n.elts); out += ", ctx="; out += ctx_name(n.ctx); out += ")";
            break;
        }
        case ExprKind::Slice: {
            auto& n = static_cast<const Slice&>(*e);
            out += "Slice(";
            bool first = true;
            auto field = [&](const char* name, const ExprPtr& v) {
                if (!v) return;
                if (!first) out += ", ";
                first = false;
                out += name;
                out += "=";
                expr(v.get());
            };
            field("lower", n.lower);
            field("upper", n.upper);
            field("step", n.step);
            out += ")";
            break;
        }
        }
    }

    void exprs(const ExprList& list) {
        out += "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out += ", ";
            expr(list[i].get());
        }
        out += "]";
    }

    void comp(const char* name, const Expr* elt, const std::vector<Comprehension>& gens) {
        out += name;
        out += "(elt=";
        expr(elt);
        out += ", generators=";
        generators(gens);
        out += ")";
    }

    void generators(const std::vector<Comprehension>& gens) {
        out += "[";
        for (std::size_t i = 0; i < gens.size(); ++i) {
            if (i) out += ", ";
            out += "comprehension(target="; expr(gens[i].target.get()); out += ", iter="; expr(gens[i].iter.get());
            out += ", ifs="; exprs(gens[i].ifs); out += ", is_async="; out += gens[i].is_async ? "1" : "0"; out += ")";
        }
        out += "]";
    }

    void keywords(const std::vector<Keyword>& kws) {
        out += "[";
        for (std::size_t i = 0; i < kws.size(); ++i) {
            if (i) out += ", ";
            out += "keyword(";
            if (kws[i].arg) out += "arg=" + python_str_repr(*kws[i].arg) + ", ";
            out += "value=";
            expr(kws[i].value.get());
            close(kws[i]);
        }
        out += "]";
    }

    void arg(const Arg& a) {
        out += "arg(arg=" + python_str_repr(a.arg);
        if (a.annotation) { out += ", annotation="; expr(a.annotation.get()); }
        close(a);
    }

    void args(const std::vector<Arg>& list) {
        out += "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out += ", ";
            arg(list[i]);
        }
        out += "]";
    }

    void arguments(const Arguments& a) {
        out += "arguments(posonlyargs="; args(a.posonlyargs);
        out += ", args="; args(a.args);
        if (a.vararg) { out += ", vararg="; arg(*a.vararg); }
        out += ", kwonlyargs="; args(a.kwonlyargs);
        out += ", kw_defaults="; exprs(a.kw_defaults);
        if (a.kwarg) { out += ", kwarg="; arg(*a.kwarg); }
        out += ", defaults="; exprs(a.defaults);
        out += ")";
    }

    void stmts(const StmtList& list) {
        out += "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out += ", ";
            stmt(*list[i]);
        }
        out += "]";
    }

    void names(const std::vector<std::string>& list) {
        out += "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out += ", ";
            out += python_str_repr(list[i]);
        }
        out += "]";
    }

    void aliases(const std::vector<Alias>& list) {
        out += "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out += ", ";
            out += "alias(name=" + python_str_repr(list[i].name);
            if (list[i].asname) out += ", asname=" + python_str_repr(*list[i].asname);
            close(list[i]);
        }
        out += "]";
    }

    void stmt(const Stmt& s) {
        stmt_fields(s);
        if (attrs) {
            out.pop_back();
            close(s);
        }
    }

    void stmt_fields(const Stmt& s) {
        switch (s.kind) {
        case StmtKind::FunctionDef: case StmtKind::AsyncFunctionDef: {
            auto& n = static_cast<const FunctionDef&>(s);
            out += s.kind == StmtKind::FunctionDef ? "FunctionDef(name=" : "AsyncFunctionDef(name=";
            out += python_str_repr(n.name) + ", args=";
            arguments(n.args);
            out += ", body="; stmts(n.body); out += ", decorator_list="; exprs(n.decorator_list);
            if (n.returns) { out += ", returns="; expr(n.returns.get()); }
            out += ")";
            break;
        }
        case StmtKind::ClassDef: {
            auto& n = static_cast<const ClassDef&>(s);
            out += "ClassDef(name=" + python_str_repr(n.name) + ", bases="; exprs(n.bases);
            out += ", keywords="; keywords(n.keywords); out += ", body="; stmts(n.body);
            out += ", decorator_list="; exprs(n.decorator_list); out += ")";
            break;
        }
        case StmtKind::Return: {
            auto& n = static_cast<const Return&>(s);
            out += "Return(";
            if (n.value) { out += "value="; expr(n.value.get()); }
            out += ")";
            break;
        }
        case StmtKind::Delete: out += "Delete(targets="; exprs(static_cast<const Delete&>(s).targets); out += ")"; break;
        case StmtKind::Assign: {
            auto& n = static_cast<const Assign&>(s);
            out += "Assign(targets="; exprs(n.targets); out += ", value="; expr(n.value.get()); out += ")";
            break;
        }
        case StmtKind::AugAssign: {
            auto& n = static_cast<const AugAssign&>(s);
            out += "AugAssign(target="; expr(n.target.get()); out += ", op="; out += binop_name(n.op);
            out += ", value="; expr(n.value.get()); out += ")";
            break;
        }
        case StmtKind::AnnAssign: {
            auto& n = static_cast<const AnnAssign&>(s);
            out += "AnnAssign(target="; expr(n.target.get()); out += ", annotation="; expr(n.annotation.get());
            if (n.value) { out += ", value="; expr(n.value.get()); }
            out += ", simple="; out += n.simple ? "1" : "0"; out += ")";
            break;
        }
        case StmtKind::For: case StmtKind::AsyncFor: {
            auto& n = static_cast<const For&>(s);
            out += s.kind == StmtKind::For ? "For(target=" : "AsyncFor(target=";
            expr(n.target.get()); out += ", iter="; expr(n.iter.get());
            out += ", body="; stmts(n.body); out += ", orelse="; stmts(n.orelse); out += ")";
            break;
        }
        case StmtKind::While: {
            auto& n = static_cast<const While&>(s);
            out += "While(test="; expr(n.test.get()); out += ", body="; stmts(n.body);
            out += ", orelse="; stmts(n.orelse); out += ")";
            break;
        }
        case StmtKind::If: {
            auto& n = static_cast<const If&>(s);
            out += "If(test="; expr(n.test.get()); out += ", body="; stmts(n.body);
            out += ", orelse="; stmts(n.orelse); out += ")";
            break;
        }
        case StmtKind::With: case StmtKind::AsyncWith: {
            auto& n = static_cast<const With&>(s);
            out += s.kind == StmtKind::With ? "With(items=[" : "AsyncWith(items=[";
            for (std::size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ", ";
                out += "withitem(context_expr="; expr(n.items[i].context_expr.get());
                if (n.items[i].optional_vars) { out += ", optional_vars="; expr(n.items[i].optional_vars.get()); }
                out += ")";
            }
            out += "], body="; stmts(n.body); out += ")";
            break;
        }
        case StmtKind::Raise: {
            auto& n = static_cast<const Raise&>(s);
            out += "Raise(";
            if (n.exc) { out += "exc="; expr(n.exc.get()); }
            if (n.cause) { out += ", cause="; expr(n.cause.get()); }
            out += ")";
            break;
        }
        case StmtKind::Try: case StmtKind::TryStar: {
            auto& n = static_cast<const Try&>(s);
            out += s.kind == StmtKind::Try ? "Try(body=" : "TryStar(body=";
            stmts(n.body);
            out += ", handlers=[";
            for (std::size_t i = 0; i < n.handlers.size(); ++i) {
                if (i) out += ", ";
                const ExceptHandler& h = n.handlers[i];
                out += "ExceptHandler(";
                if (h.type) { out += "type="; expr(h.type.get()); out += ", "; }
                if (h.name) out += "name=" + python_str_repr(*h.name) + ", ";
                out += "body="; stmts(h.body); close(h);
            }
            out += "], orelse="; stmts(n.orelse); out += ", finalbody="; stmts(n.finalbody); out += ")";
            break;
        }
        case StmtKind::Assert: {
            auto& n = static_cast<const Assert&>(s);
            out += "Assert(test="; expr(n.test.get());
            if (n.msg) { out += ", msg="; expr(n.msg.get()); }
            out += ")";
            break;
        }
        case StmtKind::Import: out += "Import(names="; aliases(static_cast<const Import&>(s).names); out += ")"; break;
        case StmtKind::ImportFrom: {
            auto& n = static_cast<const ImportFrom&>(s);
            out += "ImportFrom(";
            if (!n.module.empty()) out += "module=" + python_str_repr(n.module) + ", ";
            out += "names="; aliases(n.names); out += ", level=" + std::to_string(n.level) + ")";
            break;
        }
        case StmtKind::Global: out += "Global(names="; names(static_cast<const Global&>(s).names); out += ")"; break;
        case StmtKind::Nonlocal: out += "Nonlocal(names="; names(static_cast<const Nonlocal&>(s).names); out += ")"; break;
        case StmtKind::Expr: out += "Expr(value="; expr(static_cast<const ExprStmt&>(s).value.get()); out += ")"; break;
        case StmtKind::Pass: out += "Pass()"; break;
        case StmtKind::Break: out += "Break()"; break;
        case StmtKind::Continue: out += "Continue()"; break;
        }
    }
};

// Decodes UTF-8 (and the 3-byte form of lone surrogates) one code point at a time.
std::uint32_t next_code_point(const std::string& s, std::size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

}  // namespace

std::string python_float_repr(double value) { return float_digits(value, true); }

std::string python_str_repr(const std::string& s) {
    const bool quote_double = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char quote = quote_double ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const std::uint32_t cp = next_code_point(s, i);
        char buf[16];
        if (cp == '\\') out += "\\\\";
        else if (cp == static_cast<std::uint32_t>(quote)) { out += '\\'; out += quote; }
        else if (cp == '\t') out += "\\t";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp < 0x20 || cp == 0x7F) { std::snprintf(buf, sizeof buf, "\\x%02x", cp); out += buf; }
        else if (cp < 0x7F) out += static_cast<char>(cp);
        else if (script::syntax::is_printable(cp)) out += s.substr(start, i - start);
        else if (cp < 0x100) { std::snprintf(buf, sizeof buf, "\\x%02x", cp); out += buf; }
        else if (cp < 0x10000) { std::snprintf(buf, sizeof buf, "\\u%04x", cp); out += buf; }
        else { std::snprintf(buf, sizeof buf, "\\U%08x", cp); out += buf; }
    }
    out += quote;
    return out;
}

std::string python_bytes_repr(const std::string& s) {
    const bool quote_double = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char quote = quote_double ? '"' : '\'';
    std::string out = "b";
    out += quote;
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        char buf[8];
        if (c == '\\') out += "\\\\";
        else if (c == static_cast<unsigned char>(quote)) { out += '\\'; out += quote; }
        else if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c >= 0x7F) { std::snprintf(buf, sizeof buf, "\\x%02x", c); out += buf; }
        else out += static_cast<char>(c);
    }
    out += quote;
    return out;
}

std::string dump(const Module& module, bool include_attributes) {
    Dumper d;
    d.attrs = include_attributes;
    d.out += "Module(body=";
    d.stmts(module.body);
    d.out += ", type_ignores=[])";
    return d.out;
}

std::string dump(const Expr& expr, bool include_attributes) {
    Dumper d;
    d.attrs = include_attributes;
    d.expr(&expr);
    return d.out;
}

std::string dump(const Stmt& stmt, bool include_attributes) {
    Dumper d;
    d.attrs = include_attributes;
    d.stmt(stmt);
    return d.out;
}

}  // namespace script::ast
