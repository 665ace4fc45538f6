#include "script/syntax/parser.hpp"

#include <algorithm>

#include "script/syntax/parser_impl.hpp"
#include "script/syntax/unicode_tables.hpp"

namespace script {

ParseResult parse(std::string_view source, std::string_view filename) {
    ParseResult result;
    syntax::Parser parser(source, std::string(filename));
    std::optional<SyntaxErrorInfo> error;
    auto module = parser.parse_module(error);
    if (error) result.error = std::move(error);
    else result.module = std::move(module);
    return result;
}

}  // namespace script

namespace script::syntax {


Parser::Parser(std::string_view source, std::string filename)
    : lex_(source, filename), filename_(std::move(filename)) {
    read_tokens();
}

Parser::Parser(std::string_view source, std::string filename, int depth, int line_offset, int col_offset)
    : lex_(source, filename), depth_(depth), fstring_mode_(true), line_offset_(line_offset),
      col_offset_(col_offset), filename_(std::move(filename)) {
    read_tokens();
}

Parser::DepthGuard::DepthGuard(Parser& parser) : p(parser) {
    if (++p.depth_ > k_max_depth) p.too_deep();
}

void Parser::too_deep() {
    ParseFailure f;
    f.kind = ParseFailure::Kind::Tokenizer;  // final: nothing later can explain it better
    const Token& t = cur();
    f.info = make_error("SyntaxError",
                        "expression too deeply nested (the limit is " + std::to_string(k_max_depth) + " levels)",
                        t.line, t.col + 1, t.end_line, t.end_col + 1);
    throw f;
}

// ---------------------------------------------------------------- tokens

// All tokens are read up front (CPython's tokenizer never depends on the parser); an
// error token ends the list and is raised only when the parser reaches it.
void Parser::read_tokens() {
    toks_.reserve(lex_.source().size() / 4 + 16);
    for (;;) {
        Token t = lex_.next();
        if (fstring_mode_ && t.type != TokenType::Error) {
            if (t.line == 1 && t.col >= 0) t.col += col_offset_;
            if (t.end_line == 1 && t.col >= 0) t.end_col += col_offset_;
            t.line += line_offset_;
            t.end_line += line_offset_;
        }
        toks_.push_back(t);
        if (t.type == TokenType::EndMarker || t.type == TokenType::Error) break;
    }
}

void Parser::tokenizer_failure() {
    ParseFailure f;
    f.kind = ParseFailure::Kind::Tokenizer;
    f.info = lex_.error();
    if (fstring_mode_) {
        f.info.line += line_offset_;
        f.info.end_line += line_offset_;
    }
    throw f;
}

const Token& Parser::peek_quiet(std::size_t k) {
    const std::size_t saved = max_seen_;
    const Token& t = peek(k);
    max_seen_ = saved;
    return t;
}

void Parser::advance() {
    const Token& t = cur();
    if (t.col >= 0) {
        prev_end_line_ = t.end_line;
        prev_end_col_ = t.end_col;
    }
    ++pos_;
}

void Parser::expect_forced(Op op, const char* text) {
    if (!accept(op)) error_at_token(cur(), std::string("expected '") + text + "'");
}

std::string Parser::expect_name() {
    if (!at_name()) fail();
    std::string s = normalize_identifier(cur().text);
    advance();
    return s;
}

// ---------------------------------------------------------------- errors

SyntaxErrorInfo Parser::make_error(const char* type, const std::string& msg, int line, int offset, int end_line,
                                   int end_offset) {
    if (fstring_mode_) {
        // Errors inside a replacement field are placed in "(expr)", as CPython 3.11 does.
        line -= line_offset_;
        end_line -= line_offset_;
        if (line == 1 && offset > 0) offset -= col_offset_;
        if (end_line == 1 && end_offset > 0) end_offset -= col_offset_;
    }
    SyntaxErrorInfo e = lex_.make_error(type, fstring_mode_ ? "f-string: " + msg : msg, line, offset, end_line,
                                        end_offset, false);
    if (fstring_mode_) {
        e.line += line_offset_;
        e.end_line += line_offset_;
    }
    return e;
}

void Parser::fail() {
    ParseFailure f;
    f.kind = ParseFailure::Kind::Generic;
    throw f;
}

void Parser::error_at(int line, int col, int end_line, int end_col, const std::string& msg, const char* type) {
    ParseFailure f;
    f.kind = ParseFailure::Kind::Specific;
    f.info = make_error(type, msg, line, col + 1, end_line, end_col + 1);
    throw f;
}

void Parser::error_at_token(const Token& t, const std::string& msg, const char* type) {
    if (t.col < 0) {
        ParseFailure f;
        f.kind = ParseFailure::Kind::Specific;
        f.info = make_error(type, msg, t.line, t.error_col, t.line, 0);
        throw f;
    }
    error_at(t.line, t.col, t.end_line, t.end_col, msg, type);
}

void Parser::error_at_node(const ast::Node& n, const std::string& msg) {
    error_at(n.loc.line, n.loc.col, n.loc.end_line, n.loc.end_col, msg);
}

void Parser::error_range(const ast::Node& a, const ast::Node& b, const std::string& msg) {
    error_at(a.loc.line, a.loc.col, b.loc.end_line, b.loc.end_col, msg);
}

void Parser::error_at_last_token(const std::string& msg, const char* type) {
    error_at_token(toks_[max_seen_], msg, type);
}

SyntaxErrorInfo Parser::generic_error() {
    if (toks_.empty()) return make_error("SyntaxError", "invalid syntax", 1, 0, 1, 0);
    const Token& t = toks_[max_seen_];
    if (t.type == TokenType::Indent || t.type == TokenType::Dedent)
        return make_error("IndentationError", t.type == TokenType::Indent ? "unexpected indent" : "unexpected unindent",
                          t.line, t.error_col, t.line, 0);
    if (t.col < 0) return make_error("SyntaxError", "invalid syntax", t.line, t.error_col, t.line, 0);
    return make_error("SyntaxError", "invalid syntax", t.line, t.col + 1, t.end_line, t.end_col + 1);
}

// CPython reads the rest of the file after a parser error: an error the tokenizer
// raises there, or a bracket left open on an earlier line, explains the problem better.
std::optional<SyntaxErrorInfo> Parser::check_rest_of_source(const SyntaxErrorInfo&) {
    // CPython compares with the furthest token read by either of its passes; our
    // look-aheads for error rules stand in for its second pass.
    const int err_line = toks_[max_any_].line;
    if (toks_.back().type != TokenType::Error) return std::nullopt;
    if (!lex_.error_is_deferred()) return lex_.error();
    if (lex_.level() > 0 && err_line > lex_.innermost_bracket_line()) return lex_.unclosed_bracket_error();
    return std::nullopt;
}

std::unique_ptr<ast::Module> Parser::parse_module(std::optional<SyntaxErrorInfo>& error) {
    auto module = std::make_unique<ast::Module>();
    module->filename = filename_;
    try {
        while (!at(TokenType::EndMarker)) parse_statement(module->body);
        return module;
    } catch (ParseFailure& f) {
        if (f.kind == ParseFailure::Kind::Tokenizer) {
            error = f.info;
        } else {
            SyntaxErrorInfo info = f.kind == ParseFailure::Kind::Generic ? generic_error() : f.info;
            const TokenType last = toks_.empty() ? TokenType::EndMarker : toks_[max_seen_].type;
            // CPython reports a stray INDENT/DEDENT at once, without reading further.
            const bool stray_indent = f.kind == ParseFailure::Kind::Generic &&
                                      (last == TokenType::Indent || last == TokenType::Dedent);
            auto better = stray_indent ? std::nullopt : check_rest_of_source(info);
            error = better ? *better : info;
        }
        return nullptr;
    }
}

// ---------------------------------------------------------------- statements

bool Parser::looks_like_match_statement() {
    // `match <subject>:` followed by a newline; anything else is an expression using the name.
    const std::size_t saved = pos_;
    const int saved_line = prev_end_line_, saved_col = prev_end_col_;
    bool is_match = false;
    try {
        advance();
        if (!at(TokenType::Newline) && !at(Op::Equal) && !at(Op::Dot) && !at(Op::Colon)) {
            ++lenient_;
            try { parse_star_named_expression(); } catch (...) { --lenient_; throw; }
            --lenient_;
            while (accept(Op::Comma)) {
                if (at(Op::Colon)) break;
                parse_star_named_expression();
            }
            is_match = at(Op::Colon) && peek(1).type == TokenType::Newline;
        }
    } catch (ParseFailure& f) {
        if (f.kind == ParseFailure::Kind::Tokenizer) throw;
    }
    pos_ = saved;
    prev_end_line_ = saved_line;
    prev_end_col_ = saved_col;
    return is_match;
}

void Parser::parse_statement(ast::StmtList& out) {
    const Token& t = cur();
    if (t.type == TokenType::Op && t.op == Op::At) {
        const Token start = t;
        std::vector<ExprPtr> decorators;
        while (accept(Op::At)) {
            decorators.push_back(parse_named_expression());
            if (!at(TokenType::Newline)) fail();
            advance();
        }
        out.push_back(parse_compound(std::move(decorators), &start));
        return;
    }
    if (t.type == TokenType::Name) {
        switch (t.kw) {
        case Kw::If: case Kw::While: case Kw::For: case Kw::With: case Kw::Try: case Kw::Def:
        case Kw::Class: case Kw::Async:
            out.push_back(parse_compound({}, nullptr));
            return;
        case Kw::NotKeyword:
            if (t.text == "match" && looks_like_match_statement())
                error_at_token(cur(), "'match' statement is not supported");
            if (t.text == "type" && peek(1).type == TokenType::Name && peek(1).kw == Kw::NotKeyword &&
                (peek_is(2, Op::Equal) || peek_is(2, Op::LSqb)))
                error_at_token(cur(), "'type' statement is not supported");
            break;
        default:
            break;
        }
    }
    parse_simple_statements(out);
}

ast::StmtPtr Parser::parse_compound(std::vector<ExprPtr> decorators, const Token* decorator_start) {
    const Token t = cur();
    if (!decorators.empty()) {
        if (at(Kw::Def)) return parse_def(std::move(decorators), decorator_start, nullptr);
        if (at(Kw::Class)) return parse_class(std::move(decorators), decorator_start);
        if (at(Kw::Async) && peek_is(1, Kw::Def)) {
            advance();
            return parse_def(std::move(decorators), decorator_start, &t);
        }
        fail();
    }
    switch (t.kw) {
    case Kw::If: return parse_if(false);
    case Kw::While: return parse_while();
    case Kw::For: return parse_for(nullptr);
    case Kw::With: return parse_with(nullptr);
    case Kw::Try: return parse_try();
    case Kw::Def: return parse_def({}, nullptr, nullptr);
    case Kw::Class: return parse_class({}, nullptr);
    case Kw::Async:
        advance();
        if (at(Kw::Def)) return parse_def({}, nullptr, &t);
        if (at(Kw::For)) return parse_for(&t);
        if (at(Kw::With)) return parse_with(&t);
        fail();
    default:
        fail();
    }
}

void Parser::parse_block(ast::StmtList& out, const Token& keyword, const std::string& what) {
    if (at(TokenType::Newline)) {
        advance();
        if (!at(TokenType::Indent))
            error_at_last_token("expected an indented block after " + what + " on line " +
                                    std::to_string(keyword.line),
                                "IndentationError");
        advance();
        while (!at(TokenType::Dedent) && !at(TokenType::EndMarker)) parse_statement(out);
        advance();
        return;
    }
    parse_simple_statements(out);
}

ast::StmtPtr Parser::parse_if(bool elif) {
    const Token kw = cur();
    advance();
    auto node = start_node<ast::If>(kw);
    node->test = parse_named_expression();
    if (!accept(Op::Colon)) {
        if (at(TokenType::Newline)) error_at_last_token("expected ':'");
        fail();
    }
    parse_block(node->body, kw, elif ? "'elif' statement" : "'if' statement");
    if (at(Kw::Elif)) {
        node->orelse.push_back(parse_if(true));
    } else if (at(Kw::Else)) {
        parse_else_block(node->orelse);
    }
    // An If's end is the end of its last statement.
    const ast::StmtList& last = node->orelse.empty() ? node->body : node->orelse;
    node->loc.end_line = last.back()->loc.end_line;
    node->loc.end_col = last.back()->loc.end_col;
    return node;
}

void Parser::parse_else_block(ast::StmtList& out) {
    const Token kw = cur();
    advance();
    expect_forced(Op::Colon, ":");
    parse_block(out, kw, "'else' statement");
}

template <class T> static void end_at_last(T& node, const ast::StmtList& body) {
    node.loc.end_line = body.back()->loc.end_line;
    node.loc.end_col = body.back()->loc.end_col;
}

ast::StmtPtr Parser::parse_while() {
    const Token kw = cur();
    advance();
    auto node = start_node<ast::While>(kw);
    node->test = parse_named_expression();
    if (!accept(Op::Colon)) {
        if (at(TokenType::Newline)) error_at_last_token("expected ':'");
        fail();
    }
    parse_block(node->body, kw, "'while' statement");
    if (at(Kw::Else)) parse_else_block(node->orelse);
    end_at_last(*node, node->orelse.empty() ? node->body : node->orelse);
    return node;
}

ast::StmtPtr Parser::parse_for(const Token* async_tok) {
    const Token kw = cur();
    advance();
    auto node = std::make_unique<ast::For>(async_tok != nullptr);
    const Token& start = async_tok ? *async_tok : kw;
    node->loc.line = start.line;
    node->loc.col = start.col;
    const std::size_t target_start = pos_;
    node->target = parse_target_list(true);
    if (!at(Kw::In)) for_target_error(target_start);
    advance();
    node->iter = parse_star_expressions();
    if (!accept(Op::Colon)) {
        if (at(TokenType::Newline)) error_at_last_token("expected ':'");
        fail();
    }
    parse_block(node->body, kw, "'for' statement");
    if (at(Kw::Else)) parse_else_block(node->orelse);
    end_at_last(*node, node->orelse.empty() ? node->body : node->orelse);
    return node;
}

ast::StmtPtr Parser::parse_with(const Token* async_tok) {
    const Token kw = cur();
    advance();
    auto node = std::make_unique<ast::With>(async_tok != nullptr);
    const Token& start = async_tok ? *async_tok : kw;
    node->loc.line = start.line;
    node->loc.col = start.col;
    auto parse_item = [&](bool in_parens) {
        ast::WithItem item;
        item.context_expr = parse_expression();
        if (accept(Kw::As)) {
            item.optional_vars = parse_star_target();
            if (in_parens && !(at(Op::Comma) || at(Op::Colon) || at(Op::RPar))) fail();
            check_target(*item.optional_vars, 0);
            set_store(*item.optional_vars, ast::Ctx::Store);
        }
        return item;
    };
    bool parsed = false;
    if (at(Op::LPar)) {
        // with (a as b, c): -- try the parenthesised form first, as CPython does.
        const std::size_t saved = pos_;
        const int sl = prev_end_line_, sc = prev_end_col_;
        try {
            advance();
            std::vector<ast::WithItem> items;
            items.push_back(parse_item(true));
            while (accept(Op::Comma)) {
                if (at(Op::RPar)) break;
                items.push_back(parse_item(true));
            }
            expect(Op::RPar);
            if (!at(Op::Colon)) fail();
            node->items = std::move(items);
            parsed = true;
        } catch (ParseFailure& f) {
            if (f.kind == ParseFailure::Kind::Tokenizer) throw;
            pos_ = saved;
            prev_end_line_ = sl;
            prev_end_col_ = sc;
        }
    }
    if (!parsed) {
        node->items.push_back(parse_item(false));
        while (accept(Op::Comma)) node->items.push_back(parse_item(false));
    }
    if (!accept(Op::Colon)) {
        if (at(TokenType::Newline)) error_at_last_token("expected ':'");
        fail();
    }
    parse_block(node->body, kw, "'with' statement");
    end_at_last(*node, node->body);
    return node;
}

ast::StmtPtr Parser::parse_try() {
    const Token kw = cur();
    advance();
    expect_forced(Op::Colon, ":");
    ast::StmtList body;
    parse_block(body, kw, "'try' statement");
    int kind = 0;  // 1: except, 2: except*
    std::vector<ast::ExceptHandler> handlers;
    while (at(Kw::Except)) {
        const Token ex = cur();
        advance();
        const bool star = at(Op::Star);
        const Token star_tok = cur();
        if (star) advance();
        if (kind != 0 && (kind == 2) != star) {
            if (star) error_at(ex.line, ex.col, star_tok.end_line, star_tok.end_col,
                               "cannot have both 'except' and 'except*' on the same 'try'");
            error_at_token(ex, "cannot have both 'except' and 'except*' on the same 'try'");
        }
        kind = star ? 2 : 1;
        ast::ExceptHandler h;
        h.loc.line = ex.line;
        h.loc.col = ex.col;
        if (!at(Op::Colon)) {
            if (at(TokenType::Newline)) error_at_last_token("expected ':'");
            h.type = parse_expression();
            if (at(Op::Comma)) {
                // except A, B:  -- CPython: "multiple exception types must be parenthesized"
                auto tuple = start_node<ast::Tuple>(*h.type);
                tuple->elts.push_back(std::move(h.type));
                while (accept(Op::Comma)) tuple->elts.push_back(parse_expression());
                finish(*tuple);
                if (at(Op::Colon) || at(Kw::As))
                    error_at_node(*tuple, "multiple exception types must be parenthesized");
                fail();
            }
            if (accept(Kw::As)) h.name = expect_name();
            if (!at(Op::Colon)) {
                if (at(TokenType::Newline)) error_at_last_token("expected ':'");
                fail();
            }
        } else if (star) {
            error_at_last_token("expected one or more exception types");
        }
        advance();
        parse_block(h.body, ex, star ? "'except*' statement" : "'except' statement");
        h.loc.end_line = h.body.back()->loc.end_line;
        h.loc.end_col = h.body.back()->loc.end_col;
        handlers.push_back(std::move(h));
    }
    auto node = std::make_unique<ast::Try>(kind == 2);
    node->loc.line = kw.line;
    node->loc.col = kw.col;
    node->body = std::move(body);
    node->handlers = std::move(handlers);
    if (!node->handlers.empty() && at(Kw::Else)) parse_else_block(node->orelse);
    if (at(Kw::Finally)) {
        const Token fin = cur();
        advance();
        expect_forced(Op::Colon, ":");
        parse_block(node->finalbody, fin, "'finally' statement");
    }
    if (node->handlers.empty() && node->finalbody.empty()) error_at_last_token("expected 'except' or 'finally' block");
    const ast::StmtList& last = !node->finalbody.empty() ? node->finalbody
                              : !node->orelse.empty()   ? node->orelse
                                                        : node->handlers.back().body;
    end_at_last(*node, last);
    return node;
}

ast::StmtPtr Parser::parse_def(std::vector<ExprPtr> decorators, const Token* start, const Token* async_tok) {
    const Token kw = cur();
    advance();
    auto node = std::make_unique<ast::FunctionDef>(async_tok != nullptr);
    (void)start;  // since Python 3.8 a decorated definition starts at `def`, not at '@'
    const Token& s = async_tok ? *async_tok : kw;
    node->loc.line = s.line;
    node->loc.col = s.col;
    node->decorator_list = std::move(decorators);
    node->name = expect_name();
    if (at(Op::LSqb)) error_at_token(cur(), "type parameter lists are not supported");
    expect_forced(Op::LPar, "(");
    parse_parameters(node->args, false);
    expect(Op::RPar);
    if (accept(Op::RArrow)) node->returns = parse_expression();
    if (!at(Op::Colon)) {
        if (at(TokenType::Newline)) error_at_last_token("expected ':'");
        expect_forced(Op::Colon, ":");
    }
    advance();
    parse_block(node->body, kw, "function definition");
    end_at_last(*node, node->body);
    return node;
}

ast::StmtPtr Parser::parse_class(std::vector<ExprPtr> decorators, const Token* start) {
    const Token kw = cur();
    advance();
    auto node = std::make_unique<ast::ClassDef>();
    (void)start;
    const Token& s = kw;
    node->loc.line = s.line;
    node->loc.col = s.col;
    node->decorator_list = std::move(decorators);
    node->name = expect_name();
    if (at(Op::LSqb)) error_at_token(cur(), "type parameter lists are not supported");
    if (accept(Op::LPar)) {
        ast::Call call;
        parse_call_arguments(call, false);
        node->bases = std::move(call.args);
        node->keywords = std::move(call.keywords);
    }
    if (!accept(Op::Colon)) {
        if (at(TokenType::Newline)) error_at_last_token("expected ':'");
        fail();
    }
    parse_block(node->body, kw, "class definition");
    end_at_last(*node, node->body);
    return node;
}

void Parser::parse_simple_statements(ast::StmtList& out) {
    out.push_back(parse_simple_statement());
    while (accept(Op::Semi)) {
        if (at(TokenType::Newline)) break;
        out.push_back(parse_simple_statement());
    }
    if (!at(TokenType::Newline)) fail();
    advance();
}

ast::StmtPtr Parser::parse_simple_statement() {
    const Token t = cur();
    if (t.type == TokenType::Name) {
        switch (t.kw) {
        case Kw::Pass: { advance(); auto n = start_node<ast::Pass>(t); finish(*n); return n; }
        case Kw::Break: { advance(); auto n = start_node<ast::Break>(t); finish(*n); return n; }
        case Kw::Continue: { advance(); auto n = start_node<ast::Continue>(t); finish(*n); return n; }
        case Kw::Return: {
            advance();
            auto n = start_node<ast::Return>(t);
            if (!at(TokenType::Newline) && !at(Op::Semi)) n->value = parse_star_expressions();
            finish(*n);
            return n;
        }
        case Kw::Raise: {
            advance();
            auto n = start_node<ast::Raise>(t);
            if (!at(TokenType::Newline) && !at(Op::Semi)) {
                n->exc = parse_expression();
                if (accept(Kw::From)) n->cause = parse_expression();
            }
            finish(*n);
            return n;
        }
        case Kw::Global: case Kw::Nonlocal: {
            advance();
            std::vector<std::string> names;
            names.push_back(expect_name());
            while (accept(Op::Comma)) names.push_back(expect_name());
            if (t.kw == Kw::Global) {
                auto n = start_node<ast::Global>(t);
                n->names = std::move(names);
                finish(*n);
                return n;
            }
            auto n = start_node<ast::Nonlocal>(t);
            n->names = std::move(names);
            finish(*n);
            return n;
        }
        case Kw::Del: {
            advance();
            auto n = start_node<ast::Delete>(t);
            auto targets = parse_star_expressions();
            if (!at(TokenType::Newline) && !at(Op::Semi)) fail();
            check_target(*targets, 1);
            if (targets->kind == ast::ExprKind::Tuple && !is_parenthesized(*targets)) {
                auto& tuple = static_cast<ast::Tuple&>(*targets);
                for (auto& e : tuple.elts) {
                    set_store(*e, ast::Ctx::Del);
                    n->targets.push_back(std::move(e));
                }
            } else {
                set_store(*targets, ast::Ctx::Del);
                n->targets.push_back(std::move(targets));
            }
            finish(*n);
            return n;
        }
        case Kw::Assert: {
            advance();
            auto n = start_node<ast::Assert>(t);
            n->test = parse_expression();
            if (accept(Op::Comma)) n->msg = parse_expression();
            finish(*n);
            return n;
        }
        case Kw::Import: return parse_import();
        case Kw::From: return parse_from_import();
        default: break;
        }
    }
    return parse_expression_statement();
}

ast::StmtPtr Parser::parse_import() {
    const Token t = cur();
    advance();
    auto n = start_node<ast::Import>(t);
    do {
        ast::Alias alias;
        const Token first = cur();
        alias.loc.line = first.line;
        alias.loc.col = first.col;
        alias.name = expect_name();
        while (accept(Op::Dot)) alias.name += "." + expect_name();
        if (accept(Kw::As)) alias.asname = expect_name();
        alias.loc.end_line = prev_end_line_;
        alias.loc.end_col = prev_end_col_;
        n->names.push_back(std::move(alias));
    } while (accept(Op::Comma));
    finish(*n);
    return n;
}

ast::StmtPtr Parser::parse_from_import() {
    const Token t = cur();
    advance();
    auto n = start_node<ast::ImportFrom>(t);
    for (;;) {
        if (accept(Op::Dot)) ++n->level;
        else if (accept(Op::Ellipsis)) n->level += 3;
        else break;
    }
    if (!at(Kw::Import)) {
        n->module = expect_name();
        while (accept(Op::Dot)) n->module += "." + expect_name();
    }
    expect(Kw::Import);
    auto parse_alias = [&] {
        ast::Alias alias;
        const Token first = cur();
        alias.loc.line = first.line;
        alias.loc.col = first.col;
        alias.name = expect_name();
        if (accept(Kw::As)) alias.asname = expect_name();
        alias.loc.end_line = prev_end_line_;
        alias.loc.end_col = prev_end_col_;
        n->names.push_back(std::move(alias));
    };
    if (at(Op::Star)) {
        ast::Alias alias;
        alias.loc = {cur().line, cur().col, cur().end_line, cur().end_col};
        alias.name = "*";
        advance();
        n->names.push_back(std::move(alias));
    } else if (accept(Op::LPar)) {
        parse_alias();
        while (accept(Op::Comma)) {
            if (at(Op::RPar)) break;
            parse_alias();
        }
        expect(Op::RPar);
    } else {
        parse_alias();
        while (accept(Op::Comma)) {
            if (at(TokenType::Newline)) error_at_last_token("trailing comma not allowed without surrounding parentheses");
            parse_alias();
        }
    }
    finish(*n);
    return n;
}

}  // namespace script::syntax
