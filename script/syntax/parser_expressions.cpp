// Expressions, assignment statements and their targets, following CPython 3.11's
// grammar and the error rules it applies to them.
#include <algorithm>

#include "script/syntax/literal.hpp"
#include "script/syntax/parser_impl.hpp"
#include "script/syntax/unicode_tables.hpp"

namespace script::syntax {

namespace {

bool starts_expression(const Token& t) {
    switch (t.type) {
    case TokenType::Name:
        switch (t.kw) {
        case Kw::NotKeyword: case Kw::Not: case Kw::Lambda: case Kw::Await: case Kw::None: case Kw::True:
        case Kw::False: case Kw::Yield:
            return true;
        default:
            return false;
        }
    case TokenType::Number: case TokenType::String: return true;
    case TokenType::Op:
        switch (t.op) {
        case Op::LPar: case Op::LSqb: case Op::LBrace: case Op::Minus: case Op::Plus: case Op::Tilde:
        case Op::Star: case Op::Ellipsis:
            return true;
        default:
            return false;
        }
    default:
        return false;
    }
}

// Tokens that cannot continue an expression but can start one: CPython's
// "Perhaps you forgot a comma?" and "Missing parentheses" rules look for these.
bool starts_following_expression(const Token& t) {
    switch (t.type) {
    case TokenType::Name:
        switch (t.kw) {
        case Kw::NotKeyword: case Kw::Not: case Kw::Lambda: case Kw::Await: case Kw::None: case Kw::True:
        case Kw::False:
            return true;
        default:
            return false;
        }
    case TokenType::Number: case TokenType::String: return true;
    case TokenType::Op: return t.op == Op::LBrace || t.op == Op::Ellipsis;
    default: return false;
    }
}

int binary_precedence(const Token& t, ast::BinOpKind& kind) {
    if (t.type != TokenType::Op) return 0;
    using B = ast::BinOpKind;
    switch (t.op) {
    case Op::VBar: kind = B::BitOr; return 1;
    case Op::Circumflex: kind = B::BitXor; return 2;
    case Op::Amper: kind = B::BitAnd; return 3;
    case Op::LeftShift: kind = B::LShift; return 4;
    case Op::RightShift: kind = B::RShift; return 4;
    case Op::Plus: kind = B::Add; return 5;
    case Op::Minus: kind = B::Sub; return 5;
    case Op::Star: kind = B::Mult; return 6;
    case Op::Slash: kind = B::Div; return 6;
    case Op::DoubleSlash: kind = B::FloorDiv; return 6;
    case Op::Percent: kind = B::Mod; return 6;
    case Op::At: kind = B::MatMult; return 6;
    default: return 0;
    }
}

bool augassign_op(const Token& t, ast::BinOpKind& kind) {
    if (t.type != TokenType::Op) return false;
    using B = ast::BinOpKind;
    switch (t.op) {
    case Op::PlusEqual: kind = B::Add; return true;
    case Op::MinEqual: kind = B::Sub; return true;
    case Op::StarEqual: kind = B::Mult; return true;
    case Op::AtEqual: kind = B::MatMult; return true;
    case Op::SlashEqual: kind = B::Div; return true;
    case Op::PercentEqual: kind = B::Mod; return true;
    case Op::AmperEqual: kind = B::BitAnd; return true;
    case Op::VBarEqual: kind = B::BitOr; return true;
    case Op::CircumflexEqual: kind = B::BitXor; return true;
    case Op::LeftShiftEqual: kind = B::LShift; return true;
    case Op::RightShiftEqual: kind = B::RShift; return true;
    case Op::DoubleStarEqual: kind = B::Pow; return true;
    case Op::DoubleSlashEqual: kind = B::FloorDiv; return true;
    default: return false;
    }
}

bool is_constant(const ast::Expr& e, ast::Constant::Type type) {
    return e.kind == ast::ExprKind::Constant && static_cast<const ast::Constant&>(e).type == type;
}

}  // namespace

// ---------------------------------------------------------------- target helpers

const char* Parser::expr_name(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
    case K::Attribute: return "attribute";
    case K::Subscript: return "subscript";
    case K::Starred: return "starred";
    case K::Name: return "name";
    case K::List: return "list";
    case K::Tuple: return "tuple";
    case K::Lambda: return "lambda";
    case K::Call: return "function call";
    case K::BoolOp: case K::BinOp: case K::UnaryOp: return "expression";
    case K::GeneratorExp: return "generator expression";
    case K::Yield: case K::YieldFrom: return "yield expression";
    case K::Await: return "await expression";
    case K::ListComp: return "list comprehension";
    case K::SetComp: return "set comprehension";
    case K::DictComp: return "dict comprehension";
    case K::Dict: return "dict literal";
    case K::Set: return "set display";
    case K::JoinedStr: case K::FormattedValue: return "f-string expression";
    case K::Constant: {
        switch (static_cast<const ast::Constant&>(e).type) {
        case ast::Constant::Type::None: return "None";
        case ast::Constant::Type::False: return "False";
        case ast::Constant::Type::True: return "True";
        case ast::Constant::Type::Ellipsis: return "ellipsis";
        default: return "literal";
        }
    }
    case K::Compare: return "comparison";
    case K::IfExp: return "conditional expression";
    case K::NamedExpr: return "named expression";
    case K::Slice: return "slice";
    }
    return "expression";
}

const ast::Expr* Parser::invalid_target(const ast::Expr& e, int kind) {
    using K = ast::ExprKind;
    switch (e.kind) {
    case K::List:
        for (auto& x : static_cast<const ast::List&>(e).elts)
            if (auto* bad = invalid_target(*x, kind)) return bad;
        return nullptr;
    case K::Tuple:
        for (auto& x : static_cast<const ast::Tuple&>(e).elts)
            if (auto* bad = invalid_target(*x, kind)) return bad;
        return nullptr;
    case K::Starred:
        if (kind == 1) return &e;
        return invalid_target(*static_cast<const ast::Starred&>(e).value, kind);
    case K::Compare:
        if (kind == 2) {
            auto& c = static_cast<const ast::Compare&>(e);
            if (c.ops[0] == ast::CmpOpKind::In) return invalid_target(*c.left, kind);
            return nullptr;
        }
        return &e;
    case K::Name: case K::Subscript: case K::Attribute: return nullptr;
    default: return &e;
    }
}

void Parser::check_target(const ast::Expr& e, int kind) {
    if (const ast::Expr* bad = invalid_target(e, kind))
        error_at_node(*bad, std::string(kind == 1 ? "cannot delete " : "cannot assign to ") + expr_name(*bad));
}

void Parser::set_store(ast::Expr& e, ast::Ctx ctx) {
    using K = ast::ExprKind;
    switch (e.kind) {
    case K::Name: static_cast<ast::Name&>(e).ctx = ctx; break;
    case K::Attribute: static_cast<ast::Attribute&>(e).ctx = ctx; break;
    case K::Subscript: static_cast<ast::Subscript&>(e).ctx = ctx; break;
    case K::Starred: {
        auto& s = static_cast<ast::Starred&>(e);
        s.ctx = ctx;
        set_store(*s.value, ctx);
        break;
    }
    case K::List: {
        auto& l = static_cast<ast::List&>(e);
        l.ctx = ctx;
        for (auto& x : l.elts) set_store(*x, ctx);
        break;
    }
    case K::Tuple: {
        auto& t = static_cast<ast::Tuple&>(e);
        t.ctx = ctx;
        for (auto& x : t.elts) set_store(*x, ctx);
        break;
    }
    default: break;
    }
}

ast::ExprPtr Parser::try_parse(ExprPtr (Parser::*fn)()) {
    struct RestoreFurthest {
        std::size_t& ref;
        std::size_t value;
        ~RestoreFurthest() { ref = value; }
    } restore{max_seen_, max_seen_};
    const std::size_t saved = pos_;
    const int sl = prev_end_line_, sc = prev_end_col_;
    ExprPtr result;
    ++lenient_;
    try {
        result = (this->*fn)();
    } catch (ParseFailure& f) {
        --lenient_;
        if (f.kind == ParseFailure::Kind::Tokenizer) throw;
        pos_ = saved;
        prev_end_line_ = sl;
        prev_end_col_ = sc;
        return nullptr;
    }
    --lenient_;
    return result;
}

// CPython's invalid_named_expression: `a = b` where `==` was probably meant. `e` is
// the expression before the '=' the parser is looking at.
static bool qualifies_for_assign_hint(const ast::Expr& e, bool parenthesized) {
    using K = ast::ExprKind;
    if (parenthesized) return true;
    switch (e.kind) {
    case K::BoolOp: case K::Compare: case K::IfExp: case K::Lambda: case K::Starred: case K::Yield:
    case K::YieldFrom: case K::NamedExpr:
        return false;
    case K::UnaryOp: return static_cast<const ast::UnaryOp&>(e).op != ast::UnaryOpKind::Not;
    default: return true;
    }
}

// CPython's invalid_named_expression, as its second pass applies it to an assignment
// that failed: `first` is the statement's first target, `eq` the index of the '=' after it.
void Parser::assignment_hint(const ast::Expr& first, std::size_t eq) {
    const ast::Expr* hint = &first;
    bool name_hint = false;
    if (first.kind == ast::ExprKind::Tuple && !is_parenthesized(first)) {
        // Only the element right before '=' is looked at, and only without a trailing comma.
        auto& elts = static_cast<const ast::Tuple&>(first).elts;
        const Token& before = toks_[eq - 1];
        if (elts.size() < 2 || (before.type == TokenType::Op && before.op == Op::Comma)) return;
        hint = elts.back().get();
    }
    if (hint->kind == ast::ExprKind::Name && !is_parenthesized(*hint)) {
        name_hint = true;
    } else {
        if (!qualifies_for_assign_hint(*hint, is_parenthesized(*hint))) return;
        // Not when the expression starts with a list, tuple or generator display or True/None/False.
        const ast::Expr* left = hint;
        for (;;) {
            if (is_parenthesized(*left)) break;
            if (left->kind == ast::ExprKind::BinOp) left = static_cast<const ast::BinOp*>(left)->left.get();
            else if (left->kind == ast::ExprKind::Call) left = static_cast<const ast::Call*>(left)->func.get();
            else if (left->kind == ast::ExprKind::Attribute) left = static_cast<const ast::Attribute*>(left)->value.get();
            else if (left->kind == ast::ExprKind::Subscript) left = static_cast<const ast::Subscript*>(left)->value.get();
            else break;
        }
        if (left->kind == ast::ExprKind::List || (left->kind == ast::ExprKind::Tuple && is_parenthesized(*left)) ||
            left->kind == ast::ExprKind::GeneratorExp || is_constant(*left, ast::Constant::Type::True) ||
            is_constant(*left, ast::Constant::Type::False) || is_constant(*left, ast::Constant::Type::None))
            return;
    }
    const std::size_t saved = pos_;
    const int sl = prev_end_line_, sc = prev_end_col_;
    pos_ = eq + 1;
    ExprPtr b = try_parse(&Parser::parse_bitwise_or);
    const bool fires = b && !at(Op::Equal) && !at(Op::ColonEqual);
    pos_ = saved;
    prev_end_line_ = sl;
    prev_end_col_ = sc;
    if (!fires) return;
    if (name_hint) error_range(*hint, *b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    error_at_node(*hint, std::string("cannot assign to ") + expr_name(*hint) + " here. Maybe you meant '==' instead of '='?");
}

// ---------------------------------------------------------------- statements made of expressions

ast::StmtPtr Parser::parse_expression_statement() {
    const Token first = cur();
    ExprPtr e = at(Kw::Yield) ? parse_yield_expression() : parse_star_expressions();

    if (at(Op::Colon)) {
        const bool unparenthesized_tuple = e->kind == ast::ExprKind::Tuple && !is_parenthesized(*e);
        const bool valid_target = e->kind == ast::ExprKind::Name || e->kind == ast::ExprKind::Attribute ||
                                  e->kind == ast::ExprKind::Subscript;
        const std::size_t furthest = max_seen_;
        advance();
        ExprPtr annotation;
        if (valid_target) {
            annotation = parse_expression();
        } else {
            // CPython's rule-free pass never takes the ':' after an invalid target; its
            // error rules need an annotation to name the problem.
            annotation = try_parse(&Parser::parse_expression);
            if (!annotation) {
                max_seen_ = furthest;
                fail();
            }
        }
        if (unparenthesized_tuple)
            error_at_node(*static_cast<ast::Tuple&>(*e).elts[0], "only single target (not tuple) can be annotated");
        if (e->kind == ast::ExprKind::List || e->kind == ast::ExprKind::Tuple)
            error_at_node(*e, std::string("only single target (not ") + expr_name(*e) + ") can be annotated");
        if (e->kind != ast::ExprKind::Name && e->kind != ast::ExprKind::Attribute &&
            e->kind != ast::ExprKind::Subscript)
            error_at_node(*e, "illegal target for annotation");
        auto n = start_node<ast::AnnAssign>(first);
        n->simple = e->kind == ast::ExprKind::Name && !is_parenthesized(*e);
        set_store(*e, ast::Ctx::Store);
        n->target = std::move(e);
        n->annotation = std::move(annotation);
        if (accept(Op::Equal)) n->value = at(Kw::Yield) ? parse_yield_expression() : parse_star_expressions();
        finish(*n);
        return n;
    }

    ast::BinOpKind aug{};
    if (augassign_op(cur(), aug)) {
        if ((e->kind != ast::ExprKind::Name && e->kind != ast::ExprKind::Attribute &&
             e->kind != ast::ExprKind::Subscript))
            error_at_node(*e, std::string("'") + expr_name(*e) + "' is an illegal expression for augmented assignment");
        advance();
        auto n = start_node<ast::AugAssign>(first);
        set_store(*e, ast::Ctx::Store);
        n->target = std::move(e);
        n->op = aug;
        n->value = at(Kw::Yield) ? parse_yield_expression() : parse_star_expressions();
        finish(*n);
        return n;
    }

    if (at(Op::Equal)) {
        auto n = start_node<ast::Assign>(first);
        const std::size_t first_eq = pos_;
        while (at(Op::Equal)) {
            ast::Expr& target = *e;
            if ((target.kind == ast::ExprKind::Yield || target.kind == ast::ExprKind::YieldFrom) &&
                !is_parenthesized(target))
                error_at_node(target, "assignment to yield expression not possible");
            if (const ast::Expr* bad = invalid_target(target, 0)) {
                assignment_hint(n->targets.empty() ? target : *n->targets.front(), first_eq);
                error_at_node(*bad, std::string("cannot assign to ") + expr_name(*bad));
            }
            set_store(target, ast::Ctx::Store);
            n->targets.push_back(std::move(e));
            advance();
            e = at(Kw::Yield) ? parse_yield_expression() : parse_star_expressions();
        }
        n->value = std::move(e);
        finish(*n);
        return n;
    }

    auto n = start_node<ast::ExprStmt>(first);
    n->value = std::move(e);
    finish(*n);
    return n;
}

// ---------------------------------------------------------------- expression lists

ast::ExprPtr Parser::parse_star_expressions() {
    ExprPtr first = parse_star_expression();
    if (!at(Op::Comma)) return first;
    auto tuple = start_node<ast::Tuple>(*first);
    tuple->elts.push_back(std::move(first));
    while (accept(Op::Comma)) {
        if (!starts_expression(cur()) || at(Kw::Yield)) break;
        tuple->elts.push_back(parse_star_expression());
    }
    return done(std::move(tuple));
}

ast::ExprPtr Parser::parse_star_expression() {
    if (at(Op::Star)) {
        const Token star = cur();
        advance();
        auto n = start_node<ast::Starred>(star);
        n->value = parse_bitwise_or();
        return done(std::move(n));
    }
    return parse_expression();
}

ast::ExprPtr Parser::parse_star_named_expression() {
    if (at(Op::Star)) {
        const Token star = cur();
        advance();
        auto n = start_node<ast::Starred>(star);
        n->value = parse_bitwise_or();
        return done(std::move(n));
    }
    return parse_named_expression();
}

ast::ExprPtr Parser::parse_named_expression() {
    if (at_name() && peek_is(1, Op::ColonEqual)) {
        const Token name = cur();
        advance();
        advance();
        auto target = start_node<ast::Name>(name);
        target->id = normalize_identifier(name.text);
        target->ctx = ast::Ctx::Store;
        target->loc.end_line = name.end_line;
        target->loc.end_col = name.end_col;
        auto n = start_node<ast::NamedExpr>(name);
        n->target = std::move(target);
        n->value = parse_expression();
        return done(std::move(n));
    }
    ExprPtr e = parse_expression();
    if (lenient_ == 0) {
        if (at(Op::ColonEqual) && e->kind != ast::ExprKind::Name) {
            const std::size_t saved = pos_;
            advance();
            ExprPtr value = try_parse(&Parser::parse_expression);
            pos_ = saved;
            if (value) error_at_node(*e, std::string("cannot use assignment expressions with ") + expr_name(*e));
        }
        if (at(Op::Equal)) {
            const bool name = e->kind == ast::ExprKind::Name && !is_parenthesized(*e);
            if (name || qualifies_for_assign_hint(*e, is_parenthesized(*e))) {
                const std::size_t saved = pos_;
                advance();
                ExprPtr b = try_parse(&Parser::parse_bitwise_or);
                if (b && !at(Op::Equal) && !at(Op::ColonEqual)) {
                    if (name) error_range(*e, *b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
                    const ast::Expr* left = e.get();
                    const bool excluded = (left->kind == ast::ExprKind::List) ||
                                          (left->kind == ast::ExprKind::Tuple && is_parenthesized(*left)) ||
                                          left->kind == ast::ExprKind::GeneratorExp ||
                                          is_constant(*left, ast::Constant::Type::True) ||
                                          is_constant(*left, ast::Constant::Type::False) ||
                                          is_constant(*left, ast::Constant::Type::None);
                    if (!excluded)
                        error_at_node(*e, std::string("cannot assign to ") + expr_name(*e) +
                                              " here. Maybe you meant '==' instead of '='?");
                }
                pos_ = saved;
            }
        }
    }
    return e;
}

ast::ExprPtr Parser::parse_expression() {
    DepthGuard guard(*this);
    if (at(Kw::Lambda)) return parse_lambda();
    const std::size_t first_index = pos_;
    ExprPtr a = parse_disjunction();
    if (at(Kw::If)) {
        advance();
        ExprPtr test = parse_disjunction();
        if (!at(Kw::Else)) {
            if (!at(Op::Colon) && lenient_ == 0) error_range(*a, *test, "expected 'else' after 'if' expression");
            fail();
        }
        advance();
        auto n = start_node<ast::IfExp>(*a);
        n->test = std::move(test);
        n->body = std::move(a);
        n->orelse = parse_expression();
        return done(std::move(n));
    }
    if (lenient_ == 0 && starts_following_expression(cur())) check_expression_followers(*a, first_index);
    return a;
}

// Called when an expression is directly followed by something that starts another one:
// CPython's invalid_expression ("Perhaps you forgot a comma?") and
// invalid_legacy_expression ("Missing parentheses in call to 'print'") rules.
void Parser::check_expression_followers(const ast::Expr& a, std::size_t first_index) {
    const Token& first = toks_[first_index];
    const bool is_name = a.kind == ast::ExprKind::Name && !is_parenthesized(a);
    const bool legacy = is_name && (static_cast<const ast::Name&>(a).id == "print" ||
                                    static_cast<const ast::Name&>(a).id == "exec");
    const std::size_t saved = pos_;
    const int sl = prev_end_line_, sc = prev_end_col_;
    auto restore = [&] {
        pos_ = saved;
        prev_end_line_ = sl;
        prev_end_col_ = sc;
    };
    const bool soft_keyword = first.type == TokenType::Name && first.kw == Kw::NotKeyword &&
                              (first.text == "match" || first.text == "case" || first.text == "_");
    const bool name_then_string = first.type == TokenType::Name && first_index + 1 < toks_.size() &&
                                  toks_[first_index + 1].type == TokenType::String;
    if (!legacy && !soft_keyword && !name_then_string) {
        ExprPtr b = try_parse(&Parser::parse_expression);
        if (b) {
            const int level = prev_token().level;
            restore();
            if (level > 0) error_range(a, *b, "invalid syntax. Perhaps you forgot a comma?");
        }
    }
    if (is_name && !at(Op::LPar)) {
        // The legacy rule reads on for any name, which matters for where CPython
        // looks for a bracket that was never closed.
        ExprPtr b = try_parse(&Parser::parse_star_expressions);
        restore();
        if (b && legacy) {
            const std::string& id = static_cast<const ast::Name&>(a).id;
            error_range(a, *b, "Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?");
        }
    }
}

ast::ExprPtr Parser::parse_yield_expression() {
    const Token y = cur();
    advance();
    if (accept(Kw::From)) {
        auto n = start_node<ast::YieldFrom>(y);
        n->value = parse_expression();
        return done(std::move(n));
    }
    auto n = start_node<ast::Yield>(y);
    if (starts_expression(cur()) && !at(Kw::Yield)) n->value = parse_star_expressions();
    return done(std::move(n));
}

ast::ExprPtr Parser::parse_lambda() {
    const Token kw = cur();
    advance();
    auto n = start_node<ast::Lambda>(kw);
    parse_parameters(n->args, true);
    expect(Op::Colon);
    n->body = parse_expression();
    return done(std::move(n));
}

void Parser::parse_parameters(ast::Arguments& args, bool lambda) {
    const Op end = lambda ? Op::Colon : Op::RPar;
    bool saw_default = false, saw_slash = false, saw_star = false, saw_kwarg = false;
    auto parse_arg = [&](bool star_annotation) {
        ast::Arg a;
        const Token name = cur();
        a.loc.line = name.line;
        a.loc.col = name.col;
        a.arg = expect_name();
        if (!lambda && accept(Op::Colon))
            a.annotation = star_annotation && at(Op::Star) ? parse_star_expression() : parse_expression();
        a.loc.end_line = prev_end_line_;
        a.loc.end_col = prev_end_col_;
        return a;
    };
    auto parse_default = [&]() -> ExprPtr {
        if (!at(Op::Equal)) return nullptr;
        const Token eq = cur();
        advance();
        if (at(Op::RPar) || at(Op::Comma) || (lambda && at(Op::Colon)))
            error_at_token(eq, "expected default value expression");
        return parse_expression();
    };
    while (!at(end)) {
        const Token t = cur();
        if (saw_kwarg) {
            if (t.type == TokenType::Name || (t.type == TokenType::Op && (t.op == Op::Star || t.op == Op::DoubleStar ||
                                                                           t.op == Op::Slash)))
                error_at_token(t, "arguments cannot follow var-keyword argument");
            fail();
        }
        if (at(Op::Slash)) {
            if (saw_slash) error_at_token(t, "/ may appear only once");
            if (saw_star) error_at_token(t, "/ must be ahead of *");
            if (args.args.empty()) {
                const Token& next = peek_quiet(1);
                if (next.type == TokenType::Op && next.op == Op::Comma)
                    error_at_token(t, "at least one argument must precede /");
                fail();
            }
            advance();
            if (at(Op::Star)) error_at_token(cur(), "expected comma between / and *");
            for (auto& a : args.args) args.posonlyargs.push_back(std::move(a));
            args.args.clear();
            saw_slash = true;
        } else if (at(Op::Star)) {
            if (saw_star) error_at_token(t, "* argument may appear only once");
            advance();
            saw_star = true;
            if (at_name()) {
                args.vararg = parse_arg(true);
                if (at(Op::Equal)) error_at_token(cur(), "var-positional argument cannot have default value");
            } else if (at(end) || (at(Op::Comma) && (peek_is(1, end) || peek_is(1, Op::DoubleStar)))) {
                if (lambda) error_at_last_token("named arguments must follow bare *");
                error_at_token(t, "named arguments must follow bare *");
            } else if (!at(Op::Comma)) {
                fail();
            }
        } else if (at(Op::DoubleStar)) {
            advance();
            args.kwarg = parse_arg(false);
            if (at(Op::Equal)) error_at_token(cur(), "var-keyword argument cannot have default value");
            saw_kwarg = true;
        } else if (at_name()) {
            ast::Arg a = parse_arg(false);
            ExprPtr def = parse_default();
            if (saw_star) {
                args.kwonlyargs.push_back(std::move(a));
                args.kw_defaults.push_back(std::move(def));
            } else {
                if (def) {
                    args.defaults.push_back(std::move(def));
                    saw_default = true;
                } else if (saw_default) {
                    error_at(a.loc.line, a.loc.col, a.loc.end_line, a.loc.end_col,
                             "non-default argument follows default argument");
                }
                args.args.push_back(std::move(a));
            }
        } else if (at(Op::LPar)) {
            // def f((a, b)): Python 2's tuple parameters
            const Token open = cur();
            advance();
            if (!at_name()) fail();
            while (at_name()) {
                advance();
                if (!lambda && accept(Op::Colon)) parse_expression();
                if (!accept(Op::Comma)) break;
            }
            if (!at(Op::RPar)) fail();
            error_at(open.line, open.col, cur().end_line, cur().end_col,
                     lambda ? "Lambda expression parameters cannot be parenthesized"
                            : "Function parameters cannot be parenthesized");
        } else {
            fail();
        }
        if (!accept(Op::Comma)) break;
    }
}

// ---------------------------------------------------------------- operators

ast::ExprPtr Parser::parse_disjunction() {
    ExprPtr first = parse_conjunction();
    if (!at(Kw::Or)) return first;
    auto n = start_node<ast::BoolOp>(*first);
    n->op = ast::BoolOpKind::Or;
    n->values.push_back(std::move(first));
    while (accept(Kw::Or)) n->values.push_back(parse_conjunction());
    return done(std::move(n));
}

ast::ExprPtr Parser::parse_conjunction() {
    ExprPtr first = parse_inversion();
    if (!at(Kw::And)) return first;
    auto n = start_node<ast::BoolOp>(*first);
    n->op = ast::BoolOpKind::And;
    n->values.push_back(std::move(first));
    while (accept(Kw::And)) n->values.push_back(parse_inversion());
    return done(std::move(n));
}

ast::ExprPtr Parser::parse_inversion() {
    if (at(Kw::Not)) {
        DepthGuard guard(*this);
        const Token t = cur();
        advance();
        auto n = start_node<ast::UnaryOp>(t);
        n->op = ast::UnaryOpKind::Not;
        n->operand = parse_inversion();
        return done(std::move(n));
    }
    return parse_comparison();
}

ast::ExprPtr Parser::parse_comparison() {
    ExprPtr left = parse_bitwise_or();
    std::unique_ptr<ast::Compare> cmp;
    for (;;) {
        const Token& t = cur();
        ast::CmpOpKind op{};
        int width = 1;
        if (t.type == TokenType::Op) {
            switch (t.op) {
            case Op::EqEqual: op = ast::CmpOpKind::Eq; break;
            case Op::NotEqual:
                if (t.text == "<>") fail();
                op = ast::CmpOpKind::NotEq;
                break;
            case Op::Less: op = ast::CmpOpKind::Lt; break;
            case Op::LessEqual: op = ast::CmpOpKind::LtE; break;
            case Op::Greater: op = ast::CmpOpKind::Gt; break;
            case Op::GreaterEqual: op = ast::CmpOpKind::GtE; break;
            default: width = 0; break;
            }
        } else if (t.type == TokenType::Name) {
            if (t.kw == Kw::In) op = ast::CmpOpKind::In;
            else if (t.kw == Kw::Not && peek_is(1, Kw::In)) { op = ast::CmpOpKind::NotIn; width = 2; }
            else if (t.kw == Kw::Is) {
                if (peek_is(1, Kw::Not)) { op = ast::CmpOpKind::IsNot; width = 2; }
                else op = ast::CmpOpKind::Is;
            } else width = 0;
        } else {
            width = 0;
        }
        if (width == 0) break;
        const std::size_t saved = pos_;
        const int sl = prev_end_line_, sc = prev_end_col_;
        for (int i = 0; i < width; ++i) advance();
        ExprPtr right;
        if (lenient_ > 0) {
            right = try_parse(&Parser::parse_bitwise_or);
            if (!right) { pos_ = saved; prev_end_line_ = sl; prev_end_col_ = sc; break; }
        } else {
            right = parse_bitwise_or();
        }
        if (!cmp) {
            cmp = start_node<ast::Compare>(*left);
            cmp->left = std::move(left);
        }
        cmp->ops.push_back(op);
        cmp->comparators.push_back(std::move(right));
    }
    if (!cmp) return left;
    return done(std::move(cmp));
}

ast::ExprPtr Parser::parse_bitwise_or() { return parse_binary(1); }

ast::ExprPtr Parser::parse_binary(int min_prec) {
    ExprPtr left = parse_factor();
    int chain = 0;
    for (;;) {
        ast::BinOpKind kind{};
        const int prec = binary_precedence(cur(), kind);
        if (prec == 0 || prec < min_prec) break;
        const std::size_t saved = pos_;
        const int sl = prev_end_line_, sc = prev_end_col_;
        advance();
        ExprPtr right;
        if (lenient_ > 0) {
            // CPython's grammar is left-recursive: `1 +` still yields the expression `1`.
            try {
                right = parse_binary(prec + 1);
            } catch (ParseFailure& f) {
                if (f.kind == ParseFailure::Kind::Tokenizer) throw;
                pos_ = saved;
                prev_end_line_ = sl;
                prev_end_col_ = sc;
                break;
            }
        } else {
            right = parse_binary(prec + 1);
        }
        count_link(chain);
        auto n = start_node<ast::BinOp>(*left);
        n->left = std::move(left);
        n->op = kind;
        n->right = std::move(right);
        finish(*n);
        left = std::move(n);
    }
    return left;
}

ast::ExprPtr Parser::parse_factor() {
    const Token t = cur();
    if (t.type == TokenType::Op && (t.op == Op::Plus || t.op == Op::Minus || t.op == Op::Tilde)) {
        DepthGuard guard(*this);
        advance();
        auto n = start_node<ast::UnaryOp>(t);
        n->op = t.op == Op::Plus ? ast::UnaryOpKind::UAdd : t.op == Op::Minus ? ast::UnaryOpKind::USub
                                                                             : ast::UnaryOpKind::Invert;
        n->operand = parse_factor();
        return done(std::move(n));
    }
    return parse_power();
}

ast::ExprPtr Parser::parse_power() {
    ExprPtr base;
    if (at(Kw::Await)) {
        DepthGuard guard(*this);
        const Token t = cur();
        advance();
        auto n = start_node<ast::Await>(t);
        n->value = parse_primary();
        base = done(std::move(n));
    } else {
        base = parse_primary();
    }
    if (at(Op::DoubleStar)) {
        DepthGuard guard(*this);
        advance();
        auto n = start_node<ast::BinOp>(*base);
        n->left = std::move(base);
        n->op = ast::BinOpKind::Pow;
        n->right = parse_factor();
        return done(std::move(n));
    }
    return base;
}

ast::ExprPtr Parser::parse_primary() {
    ExprPtr e = parse_atom();
    int chain = 0;
    for (;;) {
        if (at(Op::Dot) || at(Op::LPar) || at(Op::LSqb)) count_link(chain);
        if (at(Op::Dot)) {
            advance();
            auto n = start_node<ast::Attribute>(*e);
            n->value = std::move(e);
            n->attr = expect_name();
            e = done(std::move(n));
        } else if (at(Op::LPar)) {
            advance();
            auto n = start_node<ast::Call>(*e);
            n->func = std::move(e);
            parse_call_arguments(*n, true);
            e = done(std::move(n));
        } else if (at(Op::LSqb)) {
            advance();
            auto n = start_node<ast::Subscript>(*e);
            n->value = std::move(e);
            n->slice = parse_slices();
            expect(Op::RSqb);
            e = done(std::move(n));
        } else {
            return e;
        }
    }
}

void Parser::parse_call_arguments(ast::Call& call, bool allow_genexp) {
    const Token open = prev_token();
    bool seen_keyword = false, seen_kwunpack = false;
    const char* positional_error = nullptr;
    std::size_t count = 0;
    while (!at(Op::RPar)) {
        const Token t = cur();
        if (at(Op::Star)) {
            if (seen_kwunpack) error_at_token(t, "iterable argument unpacking follows keyword argument unpacking");
            advance();
            auto n = start_node<ast::Starred>(t);
            n->value = parse_expression();
            call.args.push_back(done(std::move(n)));
        } else if (at(Op::DoubleStar)) {
            advance();
            ast::Keyword k;
            k.loc.line = t.line;
            k.loc.col = t.col;
            k.value = parse_expression();
            k.loc.end_line = prev_end_line_;
            k.loc.end_col = prev_end_col_;
            call.keywords.push_back(std::move(k));
            seen_kwunpack = true;
        } else if (at_name() && peek_is(1, Op::Equal)) {
            const Token eq = peek(1);
            advance();
            advance();
            ast::Keyword k;
            k.loc.line = t.line;
            k.loc.col = t.col;
            k.arg = normalize_identifier(t.text);
            k.value = parse_expression();
            if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For)))
                error_at(t.line, t.col, eq.end_line, eq.end_col,
                         "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
            k.loc.end_line = prev_end_line_;
            k.loc.end_col = prev_end_col_;
            call.keywords.push_back(std::move(k));
            seen_keyword = true;
        } else {
            ExprPtr e;
            if (at_name() && peek_is(1, Op::ColonEqual)) e = parse_named_expression();
            else e = parse_expression();
            if (at(Op::Equal)) {
                const Token eq = cur();
                if (t.type == TokenType::Name && (t.kw == Kw::True || t.kw == Kw::False || t.kw == Kw::None) &&
                    e->kind == ast::ExprKind::Constant)
                    error_at(t.line, t.col, eq.end_line, eq.end_col, std::string("cannot assign to ") + std::string(t.text));
                error_at(e->loc.line, e->loc.col, eq.end_line, eq.end_col,
                         "expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For))) {
                const std::size_t furthest = max_seen_;
                auto gen = start_node<ast::GeneratorExp>(open);
                gen->generators = parse_comprehension_clauses();
                const ast::Comprehension& last = gen->generators.back();
                const ast::Expr& last_item = last.ifs.empty() ? *last.iter : *last.ifs.back();
                if (count != 0 || !at(Op::RPar)) error_range(*e, last_item, "Generator expression must be parenthesized");
                if (!allow_genexp) {
                    // class A(x for x in y): only calls take a bare generator; CPython's
                    // rule-free pass stopped at `for`.
                    max_seen_ = furthest;
                    fail();
                }
                gen->elt = std::move(e);
                gen->loc.end_line = cur().end_line;
                gen->loc.end_col = cur().end_col;
                e = std::move(gen);
            }
            if ((seen_keyword || seen_kwunpack) && !positional_error)
                positional_error = seen_kwunpack ? "positional argument follows keyword argument unpacking"
                                                 : "positional argument follows keyword argument";
            call.args.push_back(std::move(e));
        }
        ++count;
        if (!accept(Op::Comma)) break;
    }
    if (positional_error) error_at_last_token(positional_error);
    expect(Op::RPar);
}

ast::ExprPtr Parser::parse_slices() {
    ExprPtr first = at(Op::Star) ? parse_star_expression() : parse_slice();
    if (!at(Op::Comma) && first->kind != ast::ExprKind::Starred) return first;
    auto tuple = start_node<ast::Tuple>(*first);
    tuple->elts.push_back(std::move(first));
    while (accept(Op::Comma)) {
        if (at(Op::RSqb)) break;
        tuple->elts.push_back(at(Op::Star) ? parse_star_expression() : parse_slice());
    }
    return done(std::move(tuple));
}

ast::ExprPtr Parser::parse_slice() {
    const Token start = cur();
    ExprPtr lower;
    if (!at(Op::Colon)) {
        lower = parse_named_expression();
        if (!at(Op::Colon)) return lower;
    }
    auto n = start_node<ast::Slice>(start);
    n->lower = std::move(lower);
    advance();
    if (!at(Op::Colon) && !at(Op::RSqb) && !at(Op::Comma)) n->upper = parse_expression();
    if (accept(Op::Colon)) {
        if (!at(Op::RSqb) && !at(Op::Comma)) n->step = parse_expression();
    }
    return done(std::move(n));
}

std::vector<ast::Comprehension> Parser::parse_comprehension_clauses() {
    std::vector<ast::Comprehension> out;
    while (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For))) {
        ast::Comprehension c;
        c.is_async = accept(Kw::Async);
        advance();
        const std::size_t target_start = pos_;
        c.target = parse_target_list(true);
        if (!at(Kw::In)) for_target_error(target_start);
        advance();
        c.iter = parse_disjunction();
        while (accept(Kw::If)) c.ifs.push_back(parse_disjunction());
        out.push_back(std::move(c));
    }
    return out;
}

// `for <target>` not followed by `in`: CPython's second pass reads the target as an
// expression, whose own error rules may name the problem; else "invalid syntax" where
// the first pass stopped.
void Parser::for_target_error(std::size_t target_start) {
    const std::size_t furthest = max_seen_;
    const std::size_t saved = pos_;
    pos_ = target_start;
    try {
        parse_star_expressions();
    } catch (ParseFailure& f) {
        if (f.kind != ParseFailure::Kind::Generic) throw;
    }
    pos_ = saved;
    max_seen_ = furthest;
    fail();
}

ast::ExprPtr Parser::parse_star_target() {
    if (at(Op::Star)) {
        DepthGuard guard(*this);
        const Token star = cur();
        advance();
        auto n = start_node<ast::Starred>(star);
        n->value = parse_star_target();
        return done(std::move(n));
    }
    return parse_bitwise_or();
}

ast::ExprPtr Parser::parse_target_list(bool for_target) {
    ExprPtr first = parse_star_target();
    ExprPtr result;
    if (at(Op::Comma)) {
        auto tuple = start_node<ast::Tuple>(*first);
        tuple->elts.push_back(std::move(first));
        while (accept(Op::Comma)) {
            if (at(Kw::In) || at(Op::Equal)) break;
            tuple->elts.push_back(parse_star_target());
        }
        result = done(std::move(tuple));
    } else {
        result = std::move(first);
    }
    check_target(*result, for_target ? 2 : 0);
    set_store(*result, ast::Ctx::Store);
    return result;
}

// ---------------------------------------------------------------- atoms

ast::ExprPtr Parser::parse_atom() {
    const Token t = cur();
    switch (t.type) {
    case TokenType::Name:
        switch (t.kw) {
        case Kw::NotKeyword: {
            advance();
            auto n = start_node<ast::Name>(t);
            n->id = normalize_identifier(t.text);
            return done(std::move(n));
        }
        case Kw::True: case Kw::False: case Kw::None: {
            advance();
            auto n = start_node<ast::Constant>(t);
            n->type = t.kw == Kw::True ? ast::Constant::Type::True : t.kw == Kw::False ? ast::Constant::Type::False
                                                                                       : ast::Constant::Type::None;
            return done(std::move(n));
        }
        default:
            fail();
        }
    case TokenType::Number: {
        advance();
        auto n = start_node<ast::Constant>(t);
        const std::string_view text = t.text;
        const char last = text.back();
        const bool hex = text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        if (last == 'j' || last == 'J') {
            n->type = ast::Constant::Type::Complex;
            n->number = float_literal_value(text);
        } else if (!hex && text.find_first_of(".eE") != std::string_view::npos) {
            n->type = ast::Constant::Type::Float;
            n->number = float_literal_value(text);
        } else {
            n->type = ast::Constant::Type::Int;
            n->text = int_literal_to_decimal(text);
        }
        return done(std::move(n));
    }
    case TokenType::String: return parse_strings();
    case TokenType::Op:
        switch (t.op) {
        case Op::LPar: { DepthGuard g(*this); return parse_paren_atom(); }
        case Op::LSqb: { DepthGuard g(*this); return parse_list_atom(); }
        case Op::LBrace: { DepthGuard g(*this); return parse_brace_atom(); }
        case Op::Ellipsis: {
            advance();
            auto n = start_node<ast::Constant>(t);
            n->type = ast::Constant::Type::Ellipsis;
            return done(std::move(n));
        }
        default: fail();
        }
    default:
        fail();
    }
}

ast::ExprPtr Parser::parse_strings() {
    std::vector<Token> tokens;
    while (at(TokenType::String)) {
        tokens.push_back(cur());
        advance();
    }
    cur();  // CPython has read the token after the strings when it decodes them
    return make_string(std::move(tokens));
}

ast::ExprPtr Parser::parse_paren_atom() {
    const Token open = cur();
    advance();
    if (at(Op::RPar)) {
        advance();
        auto n = start_node<ast::Tuple>(open);
        ExprPtr e = done(std::move(n));
        mark_parenthesized(*e, open);
        return e;
    }
    if (at(Kw::Yield)) {
        ExprPtr y = parse_yield_expression();
        expect(Op::RPar);
        mark_parenthesized(*y, open);
        return y;
    }
    if (at(Op::DoubleStar)) {
        const Token t = cur();
        advance();
        ExprPtr e = parse_expression();
        if (at(Op::RPar)) error_at_token(t, "cannot use double starred expression here");
        fail();
    }
    ExprPtr first = parse_star_named_expression();
    if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For))) {
        if (first->kind == ast::ExprKind::Starred)
            error_at_node(*first, "iterable unpacking cannot be used in comprehension");
        auto gen = start_node<ast::GeneratorExp>(open);
        gen->elt = std::move(first);
        gen->generators = parse_comprehension_clauses();
        expect(Op::RPar);
        ExprPtr e = done(std::move(gen));
        mark_parenthesized(*e, open);
        return e;
    }
    if (at(Op::Comma)) {
        auto tuple = start_node<ast::Tuple>(open);
        tuple->elts.push_back(std::move(first));
        while (accept(Op::Comma)) {
            if (at(Op::RPar)) break;
            tuple->elts.push_back(parse_star_named_expression());
        }
        expect(Op::RPar);
        ExprPtr e = done(std::move(tuple));
        mark_parenthesized(*e, open);
        return e;
    }
    if (first->kind == ast::ExprKind::Starred && at(Op::RPar))
        error_at_node(*first, "cannot use starred expression here");
    expect(Op::RPar);
    mark_parenthesized(*first, open);
    return first;
}

ast::ExprPtr Parser::parse_list_atom() {
    const Token open = cur();
    advance();
    if (accept(Op::RSqb)) return done(start_node<ast::List>(open));
    ExprPtr first = parse_star_named_expression();
    if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For))) {
        if (first->kind == ast::ExprKind::Starred)
            error_at_node(*first, "iterable unpacking cannot be used in comprehension");
        auto comp = start_node<ast::ListComp>(open);
        comp->elt = std::move(first);
        comp->generators = parse_comprehension_clauses();
        expect(Op::RSqb);
        return done(std::move(comp));
    }
    auto list = start_node<ast::List>(open);
    list->elts.push_back(std::move(first));
    while (accept(Op::Comma)) {
        if (at(Op::RSqb)) break;
        if (at(Kw::For) && list->elts.size() == 1)
            error_at(list->elts[0]->loc.line, list->elts[0]->loc.col, prev_token().end_line,
                     prev_token().end_col, "did you forget parentheses around the comprehension target?");
        list->elts.push_back(parse_star_named_expression());
    }
    if (at(Kw::For) && list->elts.size() >= 2)
        error_range(*list->elts.front(), *list->elts.back(), "did you forget parentheses around the comprehension target?");
    expect(Op::RSqb);
    return done(std::move(list));
}

ast::ExprPtr Parser::parse_brace_atom() {
    const Token open = cur();
    advance();
    if (accept(Op::RBrace)) return done(start_node<ast::Dict>(open));

    auto parse_value = [&]() -> ExprPtr {
        const Token colon = prev_token();
        if (at(Op::Star)) {
            const Token star = cur();
            advance();
            parse_bitwise_or();
            const Token& last = peek(0);  // CPython's error ends where its tokenizer stands
            error_at(star.line, star.col, last.end_line, last.end_col - 1,
                     "cannot use a starred expression in a dictionary value");
        }
        if (at(Op::RBrace) || at(Op::Comma)) error_at_token(colon, "expression expected after dictionary key and ':'");
        return parse_expression();
    };
    auto parse_dict_rest = [&](std::unique_ptr<ast::Dict> dict) -> ExprPtr {
        while (accept(Op::Comma)) {
            if (at(Op::RBrace)) break;
            if (accept(Op::DoubleStar)) {
                dict->keys.push_back(nullptr);
                dict->values.push_back(parse_bitwise_or());
                continue;
            }
            ExprPtr key = parse_expression();
            if (!at(Op::Colon)) {
                if (at(Op::RBrace) || at(Op::Comma))
                    error_at(key->loc.line, key->loc.end_col - 1, key->loc.end_line, -1,
                             "':' expected after dictionary key");
                fail();
            }
            advance();
            dict->keys.push_back(std::move(key));
            dict->values.push_back(parse_value());
        }
        expect(Op::RBrace);
        return done(std::move(dict));
    };

    if (at(Op::DoubleStar)) {
        const Token stars = cur();
        advance();
        auto dict = start_node<ast::Dict>(open);
        dict->keys.push_back(nullptr);
        dict->values.push_back(parse_bitwise_or());
        if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For)))
            error_at_token(stars, "dict unpacking cannot be used in dict comprehension");
        return parse_dict_rest(std::move(dict));
    }
    ExprPtr first = parse_star_named_expression();
    if (at(Op::Colon) && first->kind != ast::ExprKind::Starred) {
        advance();
        ExprPtr value = parse_value();
        if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For))) {
            auto comp = start_node<ast::DictComp>(open);
            comp->key = std::move(first);
            comp->value = std::move(value);
            comp->generators = parse_comprehension_clauses();
            expect(Op::RBrace);
            return done(std::move(comp));
        }
        auto dict = start_node<ast::Dict>(open);
        dict->keys.push_back(std::move(first));
        dict->values.push_back(std::move(value));
        return parse_dict_rest(std::move(dict));
    }
    if (at(Kw::For) || (at(Kw::Async) && peek_is(1, Kw::For))) {
        if (first->kind == ast::ExprKind::Starred)
            error_at_node(*first, "iterable unpacking cannot be used in comprehension");
        auto comp = start_node<ast::SetComp>(open);
        comp->elt = std::move(first);
        comp->generators = parse_comprehension_clauses();
        expect(Op::RBrace);
        return done(std::move(comp));
    }
    auto set = start_node<ast::Set>(open);
    set->elts.push_back(std::move(first));
    while (accept(Op::Comma)) {
        if (at(Op::RBrace)) break;
        if (at(Kw::For) && set->elts.size() == 1)
            error_at(set->elts[0]->loc.line, set->elts[0]->loc.col, prev_token().end_line,
                     prev_token().end_col, "did you forget parentheses around the comprehension target?");
        set->elts.push_back(parse_star_named_expression());
    }
    if (at(Kw::For) && set->elts.size() >= 2)
        error_range(*set->elts.front(), *set->elts.back(), "did you forget parentheses around the comprehension target?");
    expect(Op::RBrace);
    return done(std::move(set));
}

}  // namespace script::syntax
