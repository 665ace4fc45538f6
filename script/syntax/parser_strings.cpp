// String literals: implicit concatenation, escapes, bytes, and f-strings with their
// replacement fields, as CPython 3.11's string_parser.c reads them (same error rules).
#include "script/syntax/literal.hpp"
#include "script/syntax/parser_impl.hpp"

namespace script::syntax {

namespace {
constexpr int k_max_fstring_brackets = 200;
}  // namespace

ast::ExprPtr Parser::make_string(std::vector<Token> tokens) {
    const Token& first = tokens.front();
    const Token& last = tokens.back();
    const StringPrefix first_prefix = string_prefix(first.text);
    const bool bytes = first_prefix.bytes;
    bool any_f = false;
    std::vector<ExprPtr> values;
    std::string literal;
    auto set_loc = [&](ast::Node& n) {
        n.loc = {first.line, first.col, last.end_line, last.end_col};
    };
    auto flush = [&] {
        if (literal.empty()) return;
        auto c = std::make_unique<ast::Constant>();
        set_loc(*c);
        c->type = ast::Constant::Type::Str;
        c->text = std::move(literal);
        literal.clear();
        values.push_back(std::move(c));
    };
    for (const Token& t : tokens) {
        const StringPrefix p = string_prefix(t.text);
        if (p.bytes != bytes) error_at_last_token("cannot mix bytes and nonbytes literals");
        const std::size_t body_start = p.prefix_len + p.quote_len;
        std::string_view body = t.text.substr(body_start, t.text.size() - body_start - p.quote_len);
        if (p.bytes) {
            for (char c : body)
                if (static_cast<unsigned char>(c) >= 0x80) error_at_token(t, "bytes can only contain ASCII literal characters");
            if (p.raw) {
                literal += body;
            } else {
                std::string out, err;
                if (!decode_bytes_escapes(body, out, err)) error_at_last_token(err);
                literal += out;
            }
            continue;
        }
        if (p.fstring) {
            any_f = true;
            std::size_t i = 0;
            parse_fstring_body(body, i, p.raw, t, body_start, 0, values, literal, tokens);
            continue;
        }
        if (p.raw) {
            literal += body;
        } else {
            std::string out, err;
            if (!decode_str_escapes(body, out, err)) error_at_last_token(err);
            literal += out;
        }
    }
    if (bytes || !any_f) {
        auto c = std::make_unique<ast::Constant>();
        set_loc(*c);
        c->type = bytes ? ast::Constant::Type::Bytes : ast::Constant::Type::Str;
        c->text = std::move(literal);
        c->u_prefix = first_prefix.u;
        return c;
    }
    flush();
    auto j = std::make_unique<ast::JoinedStr>();
    set_loc(*j);
    j->values = std::move(values);
    return j;
}

// Reads literal text and replacement fields from s[i...]. At recurse > 0 (a format
// spec) it stops at the '}' that closes the field, leaving i on it.
void Parser::parse_fstring_body(std::string_view s, std::size_t& i, bool raw, const Token& tok,
                                std::size_t body_offset, int recurse, std::vector<ExprPtr>& values,
                                std::string& literal, const std::vector<Token>& all) {
    // CPython 3.11 places literal text of a format spec at its own string token and
    // everything else at the whole concatenation.
    const ast::Location whole{all.front().line, all.front().col, all.back().end_line, all.back().end_col};
    const ast::Location own{tok.line, tok.col, tok.end_line, tok.end_col};
    auto flush = [&] {
        if (literal.empty()) return;
        auto c = std::make_unique<ast::Constant>();
        c->loc = recurse > 0 ? own : whole;
        c->type = ast::Constant::Type::Str;
        c->text = std::move(literal);
        literal.clear();
        values.push_back(std::move(c));
    };
    for (;;) {
        // Literal part.
        std::string chunk;
        bool at_field = false;
        while (i < s.size()) {
            char ch = s[i++];
            if (!raw && ch == '\\' && i < s.size()) {
                chunk += ch;
                chunk += s[i++];
                continue;
            }
            if (ch == '{' || ch == '}') {
                if (recurse == 0) {
                    if (i < s.size() && s[i] == ch) {
                        chunk += ch;
                        ++i;
                        continue;
                    }
                    if (ch == '}') {
                        // decode what came before first, as CPython does
                        error_at_last_token("f-string: single '}' is not allowed");
                    }
                }
                --i;
                at_field = true;
                break;
            }
            chunk += ch;
        }
        if (!chunk.empty()) {
            if (raw) {
                literal += chunk;
            } else {
                std::string out, err;
                if (!decode_str_escapes(chunk, out, err)) error_at_last_token(err);
                literal += out;
            }
        }
        if (!at_field || s[i] == '}') return;

        // Replacement field at s[i] == '{'.
        if (recurse >= 2) error_at_last_token("f-string: expressions nested too deeply");
        const std::size_t brace = i;
        ++i;
        const std::size_t expr_start = i;
        char quote = 0;
        int string_type = 0;
        std::string stack;
        for (; i < s.size(); ++i) {
            const char ch = s[i];
            if (ch == '\\') error_at_last_token("f-string expression part cannot include a backslash");
            if (quote) {
                if (ch == quote) {
                    if (string_type == 3) {
                        if (i + 2 < s.size() && s[i + 1] == ch && s[i + 2] == ch) {
                            i += 2;
                            quote = 0;
                            string_type = 0;
                        }
                    } else {
                        quote = 0;
                        string_type = 0;
                    }
                }
                continue;
            }
            if (ch == '\'' || ch == '"') {
                if (i + 2 < s.size() && s[i + 1] == ch && s[i + 2] == ch) {
                    string_type = 3;
                    i += 2;
                } else {
                    string_type = 1;
                }
                quote = ch;
            } else if (ch == '[' || ch == '{' || ch == '(') {
                if (static_cast<int>(stack.size()) >= k_max_fstring_brackets)
                    error_at_last_token("f-string: too many nested parenthesis");
                stack += ch;
            } else if (ch == '#') {
                error_at_last_token("f-string expression part cannot include '#'");
            } else if (stack.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
                if (i + 1 < s.size()) {
                    const char next = s[i + 1];
                    if ((ch == '!' && next == '=') || (ch == '=' && next == '=') || (ch == '<' && next == '=') ||
                        (ch == '>' && next == '=')) {
                        ++i;
                        continue;
                    }
                }
                if (ch == '>' || ch == '<') continue;
                break;
            } else if (ch == ']' || ch == '}' || ch == ')') {
                if (stack.empty()) error_at_last_token(std::string("f-string: unmatched '") + ch + "'");
                const char opening = stack.back();
                stack.pop_back();
                if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') || (opening == '{' && ch == '}')))
                    error_at_last_token(std::string("f-string: closing parenthesis '") + ch +
                                        "' does not match opening parenthesis '" + opening + "'");
            }
        }
        const std::size_t expr_end = i;
        if (quote) error_at_last_token("f-string: unterminated string");
        if (!stack.empty()) error_at_last_token(std::string("f-string: unmatched '") + stack.back() + "'");
        if (i >= s.size()) error_at_last_token("f-string: expecting '}'");

        // Compile the expression now, so its errors come before those of what follows.
        std::string_view expr = s.substr(expr_start, expr_end - expr_start);
        if (expr.find_first_not_of(" \t\n\f") == std::string_view::npos) {
            const char c = s[expr_end];
            if (c == '!' || c == ':' || c == '=')
                error_at_last_token(std::string("f-string: expression required before '") + c + "'");
            error_at_last_token("f-string: empty expression not allowed");
        }
        // Where the expression sits in the file, for the positions of its nodes.
        const std::string_view before = tok.text.substr(0, body_offset + brace);
        int newlines = 0;
        std::size_t last_nl = std::string_view::npos;
        for (std::size_t k = 0; k < before.size(); ++k)
            if (before[k] == '\n') { ++newlines; last_nl = k; }
        bool newline_after_brace = true;
        for (std::size_t k = expr_start; k < expr_end && s[k] != '\n'; ++k)
            if (s[k] != ' ' && s[k] != '\t' && s[k] != '\f') { newline_after_brace = false; break; }
        int cols = 0;
        if (!newline_after_brace)
            cols = last_nl == std::string_view::npos ? static_cast<int>(before.size())
                                                     : static_cast<int>(before.size() - last_nl - 1);
        const int col_shift = newlines == 0 ? tok.col + cols : cols;
        std::string source = "(" + std::string(expr) + ")";
        Parser sub(source, filename_, depth_ + 1, tok.line + newlines - 1, col_shift);
        ExprPtr value = sub.parse_fstring_expression();

        std::string self_doc;
        if (s[i] == '=') {
            ++i;
            while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' ||
                                    s[i] == '\v'))
                ++i;
            if (i >= s.size()) error_at_last_token("f-string: expecting '}'");
            self_doc = std::string(s.substr(expr_start, i - expr_start));
        }
        int conversion = -1;
        if (s[i] == '!') {
            ++i;
            if (i >= s.size()) error_at_last_token("f-string: expecting '}'");
            conversion = static_cast<unsigned char>(s[i]);
            ++i;
            if (!(conversion == 's' || conversion == 'r' || conversion == 'a'))
                error_at_last_token("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        ExprPtr format_spec;
        if (i >= s.size()) error_at_last_token("f-string: expecting '}'");
        if (s[i] == ':') {
            ++i;
            if (i >= s.size()) error_at_last_token("f-string: expecting '}'");
            std::vector<ExprPtr> spec_values;
            std::string spec_literal;
            parse_fstring_body(s, i, raw, tok, body_offset, recurse + 1, spec_values, spec_literal, all);
            if (!spec_literal.empty()) {
                auto c = std::make_unique<ast::Constant>();
                c->loc = own;
                c->type = ast::Constant::Type::Str;
                c->text = std::move(spec_literal);
                spec_values.push_back(std::move(c));
            }
            auto spec = std::make_unique<ast::JoinedStr>();
            spec->loc = own;
            spec->values = std::move(spec_values);
            format_spec = std::move(spec);
        }
        if (i >= s.size() || s[i] != '}') error_at_last_token("f-string: expecting '}'");
        ++i;
        if (!self_doc.empty() && !format_spec && conversion == -1) conversion = 'r';
        literal += self_doc;
        flush();
        auto fv = std::make_unique<ast::FormattedValue>();
        fv->loc = whole;
        fv->value = std::move(value);
        fv->conversion = conversion;
        fv->format_spec = std::move(format_spec);
        values.push_back(std::move(fv));
    }
}

ast::ExprPtr Parser::parse_fstring_expression() {
    try {
        ExprPtr e = parse_star_expressions();
        return e;
    } catch (ParseFailure& f) {
        if (f.kind == ParseFailure::Kind::Generic) f.info = generic_error();
        f.kind = ParseFailure::Kind::Specific;
        throw;
    }
}

}  // namespace script::syntax
