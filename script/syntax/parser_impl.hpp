// The recursive-descent parser behind script::parse(). It follows CPython 3.11's PEG
// grammar and reproduces its error rules (the grammar's invalid_* alternatives) at the
// point where they apply. Internal to the syntax library; one instance per parse.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "script/syntax/ast.hpp"
#include "script/syntax/lexer.hpp"
#include "script/syntax/syntax_error.hpp"

namespace script::syntax {

// Thrown to abandon the parse. Generic: "invalid syntax" at the furthest token read.
struct ParseFailure {
    enum class Kind { Generic, Specific, Tokenizer } kind = Kind::Generic;
    SyntaxErrorInfo info;
};

class Parser {
public:
    Parser(std::string_view source, std::string filename);
    // For an f-string replacement field: `source` is "(expr)"; positions are shifted to
    // where the expression sits in the file.
    Parser(std::string_view source, std::string filename, int depth, int line_offset, int col_offset);

    std::unique_ptr<ast::Module> parse_module(std::optional<SyntaxErrorInfo>& error);
    ast::ExprPtr parse_fstring_expression();  // throws ParseFailure (messages prefixed "f-string: ")

private:
    using ExprPtr = ast::ExprPtr;

    // ------------------------------------------------------------ tokens
    const Token& peek(std::size_t k = 0) {
        std::size_t i = pos_ + k;
        if (i >= toks_.size()) i = toks_.size() - 1;
        const Token& t = toks_[i];
        if (t.type == TokenType::Error) tokenizer_failure();
        if (i > max_seen_) max_seen_ = i;
        if (i > max_any_) max_any_ = i;
        return t;
    }
    const Token& prev_token() const { return toks_[std::min(pos_, toks_.size()) - 1]; }
    void read_tokens();
    [[noreturn]] void tokenizer_failure();
    const Token& cur() { return peek(0); }
    // Looks ahead for an error rule only: CPython places "invalid syntax" at the furthest
    // token its first, rule-free pass read, so such look-aheads must not move it.
    const Token& peek_quiet(std::size_t k);
    void advance();
    bool at(Op op) { return cur().type == TokenType::Op && cur().op == op; }
    bool at(Kw kw) { return cur().type == TokenType::Name && cur().kw == kw; }
    bool at(TokenType t) { return cur().type == t; }
    bool peek_is(std::size_t k, Op op) { const Token& t = peek(k); return t.type == TokenType::Op && t.op == op; }
    bool peek_is(std::size_t k, Kw kw) { const Token& t = peek(k); return t.type == TokenType::Name && t.kw == kw; }
    bool accept(Op op) { if (at(op)) { advance(); return true; } return false; }
    bool accept(Kw kw) { if (at(kw)) { advance(); return true; } return false; }
    void expect(Op op) { if (!accept(op)) fail(); }
    void expect(Kw kw) { if (!accept(kw)) fail(); }
    void expect_forced(Op op, const char* text);
    std::string expect_name();
    bool at_name() { return cur().type == TokenType::Name && cur().kw == Kw::NotKeyword; }

    // ------------------------------------------------------------ errors
    [[noreturn]] void fail();
    [[noreturn]] void error_at(int line, int col, int end_line, int end_col, const std::string& msg,
                               const char* type = "SyntaxError");
    [[noreturn]] void error_at_token(const Token& t, const std::string& msg, const char* type = "SyntaxError");
    [[noreturn]] void error_at_node(const ast::Node& n, const std::string& msg);
    [[noreturn]] void error_range(const ast::Node& a, const ast::Node& b, const std::string& msg);
    [[noreturn]] void error_at_last_token(const std::string& msg, const char* type = "SyntaxError");
    SyntaxErrorInfo generic_error();
    SyntaxErrorInfo make_error(const char* type, const std::string& msg, int line, int offset, int end_line,
                               int end_offset);
    std::optional<SyntaxErrorInfo> check_rest_of_source(const SyntaxErrorInfo& found);
    // About where CPython 3.11 gives up too (its compiler's recursion limit is 3000), and
    // shallow enough that building, walking and destroying the tree recursively fits in
    // a thread's stack.
    static constexpr int k_max_depth = 3000;
    [[noreturn]] void too_deep();
    // Left-leaning chains (a + b + c..., a.b.c...) are built in loops but still make the
    // tree deep: each link counts against the same limit.
    void count_link(int& chain) { if (depth_ + ++chain > k_max_depth) too_deep(); }
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser);
        ~DepthGuard() { --p.depth_; }
    };

    template <class T> std::unique_ptr<T> start_node(const Token& t) {
        auto n = std::make_unique<T>();
        n->loc.line = t.line;
        n->loc.col = t.col;
        return n;
    }
    // A node that starts with a parenthesised operand starts at its '('.
    template <class T> std::unique_ptr<T> start_node(const ast::Node& from) {
        auto n = std::make_unique<T>();
        n->loc.line = from.loc.line;
        n->loc.col = from.loc.col;
        if (auto it = parenthesized_.find(static_cast<const void*>(&from)); it != parenthesized_.end()) {
            n->loc.line = it->second.first;
            n->loc.col = it->second.second;
        }
        return n;
    }
    void mark_parenthesized(const ast::Expr& e, const Token& open) {
        parenthesized_[static_cast<const void*>(&e)] = {open.line, open.col};
    }
    void finish(ast::Node& n) { n.loc.end_line = prev_end_line_; n.loc.end_col = prev_end_col_; }
    template <class T> ExprPtr done(std::unique_ptr<T> n) { finish(*n); return ExprPtr(std::move(n)); }

    // ------------------------------------------------------------ statements
    void parse_statement(ast::StmtList& out);
    void parse_simple_statements(ast::StmtList& out);
    ast::StmtPtr parse_simple_statement();
    ast::StmtPtr parse_expression_statement();
    ast::StmtPtr parse_compound(std::vector<ExprPtr> decorators, const Token* decorator_start);
    void parse_block(ast::StmtList& out, const Token& keyword, const std::string& what);
    ast::StmtPtr parse_if(bool elif);
    ast::StmtPtr parse_while();
    ast::StmtPtr parse_for(const Token* async_tok);
    ast::StmtPtr parse_with(const Token* async_tok);
    ast::StmtPtr parse_try();
    ast::StmtPtr parse_def(std::vector<ExprPtr> decorators, const Token* start, const Token* async_tok);
    ast::StmtPtr parse_class(std::vector<ExprPtr> decorators, const Token* start);
    ast::StmtPtr parse_import();
    ast::StmtPtr parse_from_import();
    void parse_else_block(ast::StmtList& out);
    bool looks_like_match_statement();
    void parse_parameters(ast::Arguments& args, bool lambda);

    // ------------------------------------------------------------ expressions
    ExprPtr parse_star_expressions();
    ExprPtr parse_star_expression();
    ExprPtr parse_star_named_expression();
    ExprPtr parse_named_expression();
    ExprPtr parse_expression();
    ExprPtr parse_yield_expression();
    ExprPtr parse_lambda();
    ExprPtr parse_disjunction();
    ExprPtr parse_conjunction();
    ExprPtr parse_inversion();
    ExprPtr parse_comparison();
    ExprPtr parse_bitwise_or();
    ExprPtr parse_binary(int min_prec);
    ExprPtr parse_factor();
    ExprPtr parse_power();
    ExprPtr parse_primary();
    ExprPtr parse_atom();
    ExprPtr parse_strings();
    ExprPtr parse_paren_atom();
    ExprPtr parse_list_atom();
    ExprPtr parse_brace_atom();
    ExprPtr parse_slices();
    ExprPtr parse_slice();
    void parse_call_arguments(ast::Call& call, bool allow_genexp);
    std::vector<ast::Comprehension> parse_comprehension_clauses();
    ExprPtr parse_target_list(bool for_target);  // star_targets, for `for` and comprehensions
    ExprPtr parse_star_target();
    [[noreturn]] void for_target_error(std::size_t target_start);
    void check_expression_followers(const ast::Expr& a, std::size_t first_index);
    ExprPtr try_parse(ExprPtr (Parser::*fn)());

    // targets
    void set_store(ast::Expr& e, ast::Ctx ctx);
    const ast::Expr* invalid_target(const ast::Expr& e, int kind);  // kind: 0 assign, 1 del, 2 for
    void check_target(const ast::Expr& e, int kind);
    void assignment_hint(const ast::Expr& first, std::size_t eq);
    bool is_parenthesized(const ast::Expr& e) const { return parenthesized_.count(static_cast<const void*>(&e)) != 0; }
    static const char* expr_name(const ast::Expr& e);

    // strings
    ExprPtr make_string(std::vector<Token> tokens);
    void parse_fstring_body(std::string_view s, std::size_t& i, bool raw, const Token& tok,
                            std::size_t body_offset, int recurse, std::vector<ExprPtr>& values,
                            std::string& literal, const std::vector<Token>& all);

    Lexer lex_;
    std::vector<Token> toks_;   // the whole file, read before parsing: references stay valid
    std::size_t max_any_ = 0;   // furthest token read, error-rule look-aheads included
    std::size_t pos_ = 0;
    std::size_t max_seen_ = 0;
    int prev_end_line_ = 1, prev_end_col_ = 0;
    int depth_ = 0;
    int lenient_ = 0;       // >0 while probing a CPython error rule: binary operators may stop early
    bool fstring_mode_ = false;
    int line_offset_ = 0, col_offset_ = 0;
    // Expressions written in parentheses, with where their outermost '(' is.
    std::unordered_map<const void*, std::pair<int, int>> parenthesized_;
    std::string filename_;
};

}  // namespace script::syntax
