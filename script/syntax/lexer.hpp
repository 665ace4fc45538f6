// Splits Python source into tokens the way CPython 3.11's tokenizer does (INDENT and
// DEDENT, implicit line joining, numbers, string extents, tab rules), and reports its
// errors with CPython's messages and positions. One lexer per parse; not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "script/syntax/syntax_error.hpp"
#include "script/syntax/token.hpp"

namespace script::syntax {

class Lexer {
public:
    Lexer(std::string_view source, std::string filename);

    // The next token; after an Error token, error() says what went wrong and every
    // later call returns Error again.
    Token next();
    const SyntaxErrorInfo& error() const { return error_; }
    // True when CPython would only note the error (tok->done) rather than raise it, so
    // it does not replace a parser error found earlier: bad indentation, a stray
    // backslash, end of file inside brackets ("'(' was never closed").
    bool error_is_deferred() const { return deferred_; }

    // Bracket state, for "'(' was never closed".
    int level() const { return static_cast<int>(parens_.size()); }
    int innermost_bracket_line() const { return parens_.back().line; }
    // "'(' was never closed" for the innermost open bracket (level() > 0).
    SyntaxErrorInfo unclosed_bracket_error() const;

    const std::string& filename() const { return filename_; }
    const std::string& source() const { return src_; }

    // The text of a 1-based line, without its newline.
    std::string_view line_text(int line) const;

    // A SyntaxError at a 1-based byte offset in `line` (0 = no column). CPython 3.11
    // reports the errors its tokenizer raises in characters and the parser's in bytes.
    SyntaxErrorInfo make_error(std::string type, std::string message, int line, int byte_offset,
                               int end_line, int end_byte_offset, bool in_characters) const;

private:
    struct Paren { char ch; int line; int col; };

    int nextc();
    void backup(int c);
    bool enter_line();
    Token scan();
    Token make(TokenType type, std::size_t start, std::size_t end);
    Token fail(std::string type, std::string message, int byte_offset, int end_byte_offset);
    Token fail_here(std::string message);  // at the current position, as tokenizer.c's syntaxerror()
    bool verify_end_of_number(int c, const char* kind, Token& err);
    int decimal_tail(Token& err);
    bool verify_identifier(std::size_t start, Token& err);
    int continuation_line(Token& err);
    Token indent_error();

    std::string src_;
    std::string filename_;
    std::size_t cur_ = 0;
    std::size_t line_start_ = 0;
    std::size_t line_end_ = 0;   // one past the current line's '\n'
    std::size_t line_checked_end_ = 0;
    int lineno_ = 1;
    bool started_ = false;
    bool failed_ = false;
    bool deferred_ = false;
    SyntaxErrorInfo error_;
    SyntaxErrorInfo pending_error_;
    bool has_pending_error_ = false;

    // indentation, as tokenizer.c: columns with tab stops of 8 and of 1
    std::vector<int> indstack_{0};
    std::vector<int> altindstack_{0};
    int pendin_ = 0;
    bool atbol_ = true;
    std::vector<Paren> parens_;
    std::vector<std::size_t> line_starts_;
};

// How many characters CPython counts in the first `bytes` bytes of a UTF-8 line.
int char_count(std::string_view line, int bytes);

}  // namespace script::syntax
