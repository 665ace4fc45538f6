#include "script/syntax/lexer.hpp"

#include <cstdio>
#include <cstring>

#include "script/syntax/unicode_tables.hpp"

namespace script::syntax {

namespace {

constexpr int k_eof = -1;
constexpr int k_tab_size = 8;
constexpr int k_max_indent = 100;
constexpr int k_max_level = 200;

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_identifier_start_byte(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}
bool is_identifier_byte(int c) { return is_identifier_start_byte(c) || is_digit(c); }

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid UTF-8.
int utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
    auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    unsigned c = b(i);
    if (c < 0x80) { cp = c; return 1; }
    int len = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    for (int k = 1; k < len; ++k) {
        unsigned cc = b(i + k);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

std::string utf8_encode(std::uint32_t cp) {
    std::string out;
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string hex4(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04X", cp);
    return buf;
}

struct KeywordEntry { const char* text; Kw kw; };
constexpr KeywordEntry k_keywords[] = {
    {"False", Kw::False}, {"None", Kw::None}, {"True", Kw::True}, {"and", Kw::And}, {"as", Kw::As},
    {"assert", Kw::Assert}, {"async", Kw::Async}, {"await", Kw::Await}, {"break", Kw::Break},
    {"class", Kw::Class}, {"continue", Kw::Continue}, {"def", Kw::Def}, {"del", Kw::Del},
    {"elif", Kw::Elif}, {"else", Kw::Else}, {"except", Kw::Except}, {"finally", Kw::Finally},
    {"for", Kw::For}, {"from", Kw::From}, {"global", Kw::Global}, {"if", Kw::If},
    {"import", Kw::Import}, {"in", Kw::In}, {"is", Kw::Is}, {"lambda", Kw::Lambda},
    {"nonlocal", Kw::Nonlocal}, {"not", Kw::Not}, {"or", Kw::Or}, {"pass", Kw::Pass},
    {"raise", Kw::Raise}, {"return", Kw::Return}, {"try", Kw::Try}, {"while", Kw::While},
    {"with", Kw::With}, {"yield", Kw::Yield},
};

Kw keyword_of(std::string_view text) {
    if (text.size() < 2 || text.size() > 8) return Kw::NotKeyword;
    const char c = text[0];
    if (!((c >= 'a' && c <= 'y') || c == 'F' || c == 'N' || c == 'T')) return Kw::NotKeyword;
    for (const auto& k : k_keywords)
        if (k.text[0] == c && text == k.text) return k.kw;
    return Kw::NotKeyword;
}

Op one_char(int c) {
    switch (c) {
    case '(': return Op::LPar; case ')': return Op::RPar; case '[': return Op::LSqb;
    case ']': return Op::RSqb; case ':': return Op::Colon; case ',': return Op::Comma;
    case ';': return Op::Semi; case '+': return Op::Plus; case '-': return Op::Minus;
    case '*': return Op::Star; case '/': return Op::Slash; case '|': return Op::VBar;
    case '&': return Op::Amper; case '<': return Op::Less; case '>': return Op::Greater;
    case '=': return Op::Equal; case '.': return Op::Dot; case '%': return Op::Percent;
    case '{': return Op::LBrace; case '}': return Op::RBrace; case '~': return Op::Tilde;
    case '^': return Op::Circumflex; case '@': return Op::At;
    default: return Op::None;
    }
}

Op two_chars(int c1, int c2) {
    switch (c1) {
    case '!': if (c2 == '=') return Op::NotEqual; break;
    case '%': if (c2 == '=') return Op::PercentEqual; break;
    case '&': if (c2 == '=') return Op::AmperEqual; break;
    case '*': if (c2 == '*') return Op::DoubleStar; if (c2 == '=') return Op::StarEqual; break;
    case '+': if (c2 == '=') return Op::PlusEqual; break;
    case '-': if (c2 == '=') return Op::MinEqual; if (c2 == '>') return Op::RArrow; break;
    case '/': if (c2 == '/') return Op::DoubleSlash; if (c2 == '=') return Op::SlashEqual; break;
    case ':': if (c2 == '=') return Op::ColonEqual; break;
    case '<':
        if (c2 == '<') return Op::LeftShift;
        if (c2 == '=') return Op::LessEqual;
        if (c2 == '>') return Op::NotEqual;  // "<>": the parser rejects it, as CPython does
        break;
    case '=': if (c2 == '=') return Op::EqEqual; break;
    case '>': if (c2 == '=') return Op::GreaterEqual; if (c2 == '>') return Op::RightShift; break;
    case '@': if (c2 == '=') return Op::AtEqual; break;
    case '^': if (c2 == '=') return Op::CircumflexEqual; break;
    case '|': if (c2 == '=') return Op::VBarEqual; break;
    default: break;
    }
    return Op::None;
}

Op three_chars(int c1, int c2, int c3) {
    if (c1 == '*' && c2 == '*' && c3 == '=') return Op::DoubleStarEqual;
    if (c1 == '.' && c2 == '.' && c3 == '.') return Op::Ellipsis;
    if (c1 == '/' && c2 == '/' && c3 == '=') return Op::DoubleSlashEqual;
    if (c1 == '<' && c2 == '<' && c3 == '=') return Op::LeftShiftEqual;
    if (c1 == '>' && c2 == '>' && c3 == '=') return Op::RightShiftEqual;
    return Op::None;
}

}  // namespace

int char_count(std::string_view line, int bytes) {
    int n = 0;
    for (int i = 0; i < bytes && i < static_cast<int>(line.size()); ++i)
        if ((static_cast<unsigned char>(line[static_cast<std::size_t>(i)]) & 0xC0) != 0x80) ++n;
    if (bytes > static_cast<int>(line.size())) n += bytes - static_cast<int>(line.size());
    return n;
}

Lexer::Lexer(std::string_view source, std::string filename) : filename_(std::move(filename)) {
    // Universal newlines, a skipped BOM and a final newline, as CPython reads files.
    if (source.size() >= 3 && source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
    src_.reserve(source.size() + 1);
    for (std::size_t i = 0; i < source.size(); ++i) {
        char c = source[i];
        if (c == '\r') {
            src_ += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
        } else {
            src_ += c;
        }
    }
    if (!src_.empty() && src_.back() != '\n') src_ += '\n';
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < src_.size(); ++i)
        if (src_[i] == '\n' && i + 1 < src_.size()) line_starts_.push_back(i + 1);
    const std::size_t nl = src_.find('\n');
    line_end_ = nl == std::string::npos ? src_.size() : nl + 1;
}

std::string_view Lexer::line_text(int line) const {
    if (line < 1 || line > static_cast<int>(line_starts_.size())) return {};
    std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
    std::size_t end = src_.find('\n', start);
    if (end == std::string::npos) end = src_.size();
    return std::string_view(src_).substr(start, end - start);
}

SyntaxErrorInfo Lexer::make_error(std::string type, std::string message, int line, int byte_offset,
                                  int end_line, int end_byte_offset, bool in_characters) const {
    SyntaxErrorInfo e;
    e.type = std::move(type);
    e.message = std::move(message);
    e.filename = filename_;
    e.line = line;
    e.end_line = end_line;
    std::string_view text = line_text(line);
    e.text = std::string(text);
    auto convert = [in_characters](std::string_view t, int b) {
        if (b <= 0 || !in_characters) return b;
        if (b > static_cast<int>(t.size()) + 1) b = static_cast<int>(t.size()) + 1;
        return char_count(t, b);
    };
    e.offset = convert(text, byte_offset);
    e.end_offset = end_line == line ? convert(text, end_byte_offset) : convert(line_text(end_line), end_byte_offset);
    return e;
}

SyntaxErrorInfo Lexer::unclosed_bracket_error() const {
    const Paren& open = parens_.back();
    return make_error("SyntaxError", std::string("'") + open.ch + "' was never closed", open.line, open.col + 1,
                      open.line, 0, false);
}

// Checks a line as CPython does when it reads it from a file.
bool Lexer::enter_line() {
    std::string_view line = std::string_view(src_).substr(line_start_, line_end_ - line_start_);
    line_checked_end_ = line_end_;
    if (std::size_t z = line.find('\0'); z != std::string_view::npos) {
        pending_error_ = make_error("SyntaxError", "source code cannot contain null bytes", lineno_, 0, lineno_, 0, false);
        pending_error_.text = std::string(line.substr(0, z));
        has_pending_error_ = true;
        return false;
    }
    for (std::size_t i = 0; i < line.size();) {
        std::uint32_t cp;
        int n = utf8_sequence(line, i, cp);
        if (n == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(line[i]));
            pending_error_ = SyntaxErrorInfo{};
            pending_error_.filename = filename_;
            pending_error_.message = std::string("Non-UTF-8 code starting with '\\x") + buf + "' in file " +
                filename_ + " on line " + std::to_string(lineno_) +
                ", but no encoding declared; see https://peps.python.org/pep-0263/ for details";
            has_pending_error_ = true;
            return false;
        }
        i += static_cast<std::size_t>(n);
    }
    return true;
}

int Lexer::nextc() {
    if (has_pending_error_) return k_eof;
    if (!started_) {
        started_ = true;
        if (!src_.empty() && !enter_line()) return k_eof;
    }
    if (cur_ >= line_end_) {
        if (cur_ >= src_.size()) return k_eof;
        line_start_ = cur_;
        const std::size_t nl = src_.find('\n', cur_);
        line_end_ = nl == std::string::npos ? src_.size() : nl + 1;
        ++lineno_;
        if (!enter_line()) return k_eof;
    }
    return static_cast<unsigned char>(src_[cur_++]);
}

void Lexer::backup(int c) {
    if (c != k_eof) --cur_;
}

Token Lexer::make(TokenType type, std::size_t start, std::size_t end) {
    Token t;
    t.type = type;
    t.line = t.end_line = lineno_;
    t.col = static_cast<int>(start - line_start_);
    t.end_col = static_cast<int>(end - line_start_);
    t.text = std::string_view(src_).substr(start, end - start);
    t.level = level();
    return t;
}

Token Lexer::fail(std::string type, std::string message, int byte_offset, int end_byte_offset) {
    error_ = make_error(std::move(type), std::move(message), lineno_, byte_offset, lineno_, end_byte_offset, !deferred_);
    failed_ = true;
    Token t;
    t.type = TokenType::Error;
    t.line = t.end_line = lineno_;
    t.col = -1;
    t.level = level();
    return t;
}

Token Lexer::fail_here(std::string message) {
    const int col = static_cast<int>(cur_ - line_start_);
    return fail("SyntaxError", std::move(message), col, col);
}

Token Lexer::indent_error() {
    cur_ = line_end_;
    deferred_ = true;
    return fail("TabError", "inconsistent use of tabs and spaces in indentation", 1, 0);
}

int Lexer::continuation_line(Token& err) {
    int c = nextc();
    if (c != '\n') {
        const int col = static_cast<int>(cur_ - line_start_) - 1;
        deferred_ = true;
        err = fail("SyntaxError", "unexpected character after line continuation character", col + 1, 0);
        return -1;
    }
    c = nextc();
    if (c == k_eof) {
        cur_ = line_end_;
        if (has_pending_error_) return -1;
        deferred_ = true;
        err = fail("SyntaxError", "unexpected EOF while parsing", static_cast<int>(cur_ - line_start_), 0);
        return -1;
    }
    backup(c);
    return c;
}

bool Lexer::verify_end_of_number(int c, const char* kind, Token& err) {
    // CPython only warns when a keyword that can follow a number comes next ("1if x else y").
    bool keyword_follows = false;
    auto ahead = [&](const char* rest) {
        std::size_t n = std::strlen(rest);
        if (src_.compare(cur_, n, rest) != 0) return false;
        int after = cur_ + n < src_.size() ? static_cast<unsigned char>(src_[cur_ + n]) : k_eof;
        return !is_identifier_byte(after);
    };
    if (c == 'a') keyword_follows = ahead("nd");
    else if (c == 'e') keyword_follows = ahead("lse");
    else if (c == 'f') keyword_follows = ahead("or");
    else if (c == 'i') {
        int c2 = cur_ < src_.size() ? static_cast<unsigned char>(src_[cur_]) : k_eof;
        keyword_follows = c2 == 'f' || c2 == 'n' || c2 == 's';
    } else if (c == 'o') keyword_follows = ahead("r");
    else if (c == 'n') keyword_follows = ahead("ot");
    if (keyword_follows) return true;
    if (is_identifier_byte(c)) {
        backup(c);
        err = fail_here(std::string("invalid ") + kind + " literal");
        return false;
    }
    return true;
}

int Lexer::decimal_tail(Token& err) {
    int c;
    for (;;) {
        do { c = nextc(); } while (is_digit(c));
        if (c != '_') break;
        c = nextc();
        if (!is_digit(c)) {
            backup(c);
            err = fail_here("invalid decimal literal");
            return 0;
        }
    }
    return c;
}

bool Lexer::verify_identifier(std::size_t start, Token& err) {
    std::string_view s = std::string_view(src_).substr(start, cur_ - start);
    bool first = true;
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp;
        int n = utf8_sequence(s, i, cp);
        if (n == 0) { n = 1; cp = 0xFFFD; }
        bool ok;
        if (cp < 0x80) ok = cp == '_' || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (!first && is_digit(static_cast<int>(cp)));
        else ok = first ? is_identifier_start(cp) : is_identifier_continue(cp);
        if (!ok) {
            cur_ = start + i + static_cast<std::size_t>(n);
            if (is_printable(cp))
                err = fail_here("invalid character '" + utf8_encode(cp) + "' (U+" + hex4(cp) + ")");
            else
                err = fail_here("invalid non-printable character U+" + hex4(cp));
            return false;
        }
        first = false;
        i += static_cast<std::size_t>(n);
    }
    return true;
}

Token Lexer::next() {
    if (failed_) {
        Token t;
        t.type = TokenType::Error;
        t.line = t.end_line = lineno_;
        t.col = -1;
        return t;
    }
    Token t = scan();
    if (has_pending_error_) {
        error_ = pending_error_;
        failed_ = true;
        t = Token{};
        t.type = TokenType::Error;
        t.line = t.end_line = lineno_;
        t.col = -1;
    }
    return t;
}

Token Lexer::scan() {
    Token err;
    int c;
    bool blankline = false;
nextline:
    blankline = false;
    if (atbol_) {
        int col = 0, altcol = 0, cont_line_col = 0;
        atbol_ = false;
        for (;;) {
            c = nextc();
            if (c == ' ') { ++col; ++altcol; }
            else if (c == '\t') { col = (col / k_tab_size + 1) * k_tab_size; altcol = altcol + 1; }
            else if (c == '\014') { col = altcol = 0; }
            else if (c == '\\') {
                cont_line_col = cont_line_col ? cont_line_col : col;
                if (continuation_line(err) == -1) return err;
            } else break;
        }
        backup(c);
        if (c == '#' || c == '\n') blankline = true;
        if (!blankline && parens_.empty() && c != k_eof) {
            col = cont_line_col ? cont_line_col : col;
            altcol = cont_line_col ? cont_line_col : altcol;
            if (col == indstack_.back()) {
                if (altcol != altindstack_.back()) return indent_error();
            } else if (col > indstack_.back()) {
                if (static_cast<int>(indstack_.size()) >= k_max_indent) {
                    cur_ = line_end_;
                    deferred_ = true;
                    return fail("IndentationError", "too many levels of indentation", 1, 0);
                }
                if (altcol <= altindstack_.back()) return indent_error();
                ++pendin_;
                indstack_.push_back(col);
                altindstack_.push_back(altcol);
            } else {
                while (indstack_.size() > 1 && col < indstack_.back()) {
                    --pendin_;
                    indstack_.pop_back();
                    altindstack_.pop_back();
                }
                if (col != indstack_.back()) {
                    cur_ = line_end_;
                    deferred_ = true;
                    return fail("IndentationError", "unindent does not match any outer indentation level",
                                static_cast<int>(cur_ - line_start_), 0);
                }
                if (altcol != altindstack_.back()) return indent_error();
            }
        }
    }

    if (pendin_ != 0) {
        Token t = make(pendin_ < 0 ? TokenType::Dedent : TokenType::Indent, cur_, cur_);
        t.error_col = t.col;
        t.col = t.end_col = -1;
        pendin_ += pendin_ < 0 ? 1 : -1;
        return t;
    }

again:
    do { c = nextc(); } while (c == ' ' || c == '\t' || c == '\014');
    std::size_t start = c == k_eof ? cur_ : cur_ - 1;

    if (c == '#') {
        while (c != k_eof && c != '\n') c = nextc();
    }

    if (c == k_eof) {
        if (has_pending_error_) return err;
        if (!parens_.empty()) {
            Token t = fail("SyntaxError", "", 0, 0);
            error_ = unclosed_bracket_error();
            deferred_ = true;
            return t;
        }
        // At the end, CPython closes the last logical line and every open block.
        Token t;
        t.line = t.end_line = lineno_;
        t.col = t.end_col = -1;
        t.error_col = 0;
        if (indstack_.size() > 1) {
            indstack_.pop_back();
            altindstack_.pop_back();
            t.type = TokenType::Dedent;
        } else {
            t.type = TokenType::EndMarker;
        }
        return t;
    }

    if (is_identifier_start_byte(c)) {
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) saw_b = true;
            else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) saw_u = true;
            else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) saw_r = true;
            else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) saw_f = true;
            else break;
            c = nextc();
            if (c == '"' || c == '\'') goto letter_quote;
        }
        bool nonascii = false;
        while (is_identifier_byte(c)) {
            if (c >= 128) nonascii = true;
            c = nextc();
        }
        backup(c);
        if (nonascii && !verify_identifier(start, err)) return err;
        Token t = make(TokenType::Name, start, cur_);
        t.kw = keyword_of(t.text);
        return t;
    }

    if (c == '\n') {
        atbol_ = true;
        if (blankline || !parens_.empty()) goto nextline;
        Token t = make(TokenType::Newline, start, cur_ - 1);
        return t;
    }

    if (c == '.') {
        c = nextc();
        if (is_digit(c)) goto fraction;
        if (c == '.') {
            c = nextc();
            if (c == '.') {
                Token t = make(TokenType::Op, start, cur_);
                t.op = Op::Ellipsis;
                return t;
            }
            backup(c);
            backup('.');
        } else {
            backup(c);
        }
        Token t = make(TokenType::Op, start, cur_);
        t.op = Op::Dot;
        return t;
    }

    if (is_digit(c)) {
        if (c == '0') {
            c = nextc();
            if (c == 'x' || c == 'X') {
                c = nextc();
                do {
                    if (c == '_') c = nextc();
                    if (!is_xdigit(c)) { backup(c); return fail_here("invalid hexadecimal literal"); }
                    do { c = nextc(); } while (is_xdigit(c));
                } while (c == '_');
                if (!verify_end_of_number(c, "hexadecimal", err)) return err;
            } else if (c == 'o' || c == 'O') {
                c = nextc();
                do {
                    if (c == '_') c = nextc();
                    if (c < '0' || c >= '8') {
                        if (is_digit(c)) return fail_here(std::string("invalid digit '") + static_cast<char>(c) + "' in octal literal");
                        backup(c);
                        return fail_here("invalid octal literal");
                    }
                    do { c = nextc(); } while (c >= '0' && c < '8');
                } while (c == '_');
                if (is_digit(c)) return fail_here(std::string("invalid digit '") + static_cast<char>(c) + "' in octal literal");
                if (!verify_end_of_number(c, "octal", err)) return err;
            } else if (c == 'b' || c == 'B') {
                c = nextc();
                do {
                    if (c == '_') c = nextc();
                    if (c != '0' && c != '1') {
                        if (is_digit(c)) return fail_here(std::string("invalid digit '") + static_cast<char>(c) + "' in binary literal");
                        backup(c);
                        return fail_here("invalid binary literal");
                    }
                    do { c = nextc(); } while (c == '0' || c == '1');
                } while (c == '_');
                if (is_digit(c)) return fail_here(std::string("invalid digit '") + static_cast<char>(c) + "' in binary literal");
                if (!verify_end_of_number(c, "binary", err)) return err;
            } else {
                bool nonzero = false;
                for (;;) {
                    if (c == '_') {
                        c = nextc();
                        if (!is_digit(c)) { backup(c); return fail_here("invalid decimal literal"); }
                    }
                    if (c != '0') break;
                    c = nextc();
                }
                const std::size_t zeros_end = cur_;
                if (is_digit(c)) {
                    nonzero = true;
                    c = decimal_tail(err);
                    if (c == 0) return err;
                }
                if (c == '.') { c = nextc(); goto fraction; }
                if (c == 'e' || c == 'E') goto exponent;
                if (c == 'j' || c == 'J') goto imaginary;
                if (nonzero) {
                    backup(c);
                    return fail("SyntaxError",
                                "leading zeros in decimal integer literals are not permitted; "
                                "use an 0o prefix for octal integers",
                                static_cast<int>(start - line_start_) + 1, static_cast<int>(zeros_end - line_start_));
                }
                if (!verify_end_of_number(c, "decimal", err)) return err;
            }
        } else {
            c = decimal_tail(err);
            if (c == 0) return err;
            if (c == '.') {
                c = nextc();
            fraction:
                if (is_digit(c)) {
                    c = decimal_tail(err);
                    if (c == 0) return err;
                }
            }
            if (c == 'e' || c == 'E') {
            exponent:
                int e = c;
                c = nextc();
                if (c == '+' || c == '-') {
                    c = nextc();
                    if (!is_digit(c)) { backup(c); return fail_here("invalid decimal literal"); }
                } else if (!is_digit(c)) {
                    backup(c);
                    if (!verify_end_of_number(e, "decimal", err)) return err;
                    backup(e);
                    Token t = make(TokenType::Number, start, cur_);
                    return t;
                }
                c = decimal_tail(err);
                if (c == 0) return err;
            }
            if (c == 'j' || c == 'J') {
            imaginary:
                c = nextc();
                if (!verify_end_of_number(c, "imaginary", err)) return err;
            } else if (!verify_end_of_number(c, "decimal", err)) {
                return err;
            }
        }
        backup(c);
        return make(TokenType::Number, start, cur_);
    }

letter_quote:
    if (c == '\'' || c == '"') {
        const int quote = c;
        int quote_size = 1, end_quote_size = 0;
        const int first_lineno = lineno_;
        const std::size_t multi_line_start = line_start_;
        c = nextc();
        if (c == quote) {
            c = nextc();
            if (c == quote) quote_size = 3;
            else end_quote_size = 1;
        }
        if (c != quote) backup(c);
        while (end_quote_size != quote_size) {
            c = nextc();
            if (has_pending_error_) return err;
            if (c == k_eof || (quote_size == 1 && c == '\n')) {
                const int detected = lineno_;
                std::string msg = quote_size == 3 ? "unterminated triple-quoted string literal (detected at line "
                                                  : "unterminated string literal (detected at line ";
                msg += std::to_string(detected) + ")";
                const int col = static_cast<int>(start - multi_line_start) + 1;
                error_ = make_error("SyntaxError", msg, first_lineno, col, first_lineno, col, true);
                failed_ = true;
                Token t;
                t.type = TokenType::Error;
                t.line = t.end_line = first_lineno;
                t.col = -1;
                return t;
            }
            if (c == quote) {
                ++end_quote_size;
            } else {
                end_quote_size = 0;
                if (c == '\\') nextc();
            }
        }
        Token t = make(TokenType::String, start, cur_);
        t.line = first_lineno;
        t.col = static_cast<int>(start - multi_line_start);
        t.text = std::string_view(src_).substr(start, cur_ - start);
        return t;
    }

    if (c == '\\') {
        if (continuation_line(err) == -1) return err;
        goto again;
    }

    {
        int c2 = nextc();
        Op op2 = two_chars(c, c2);
        if (op2 != Op::None) {
            int c3 = nextc();
            Op op3 = three_chars(c, c2, c3);
            if (op3 != Op::None) op2 = op3;
            else backup(c3);
            Token t = make(TokenType::Op, start, cur_);
            t.op = op2;
            return t;
        }
        backup(c2);
    }

    switch (c) {
    case '(': case '[': case '{':
        if (level() >= k_max_level) return fail_here("too many nested parentheses");
        parens_.push_back({static_cast<char>(c), lineno_, static_cast<int>(start - line_start_)});
        break;
    case ')': case ']': case '}': {
        if (parens_.empty()) return fail_here(std::string("unmatched '") + static_cast<char>(c) + "'");
        Paren open = parens_.back();
        parens_.pop_back();
        if (!((open.ch == '(' && c == ')') || (open.ch == '[' && c == ']') || (open.ch == '{' && c == '}'))) {
            std::string msg = std::string("closing parenthesis '") + static_cast<char>(c) +
                              "' does not match opening parenthesis '" + open.ch + "'";
            if (open.line != lineno_) msg += " on line " + std::to_string(open.line);
            return fail_here(msg);
        }
        break;
    }
    default:
        break;
    }

    if (c < 0x20 || c == 0x7F) return fail_here("invalid non-printable character U+" + hex4(static_cast<std::uint32_t>(c)));

    Token t = make(TokenType::Op, start, cur_);
    t.op = one_char(c);
    return t;
}

}  // namespace script::syntax
