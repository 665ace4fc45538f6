// Turning literal token text into values: integer digits in any base to decimal
// text, floats, and the escapes of str and bytes literals (as CPython decodes them,
// with its error messages). Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace script::syntax {

// "0x_ff" -> "255", "1_000" -> "1000", "007"... (token text as the lexer accepted it).
std::string int_literal_to_decimal(std::string_view text);

// A float or imaginary literal's value (underscores and a trailing j allowed).
double float_literal_value(std::string_view text);

struct StringPrefix {
    bool bytes = false, raw = false, fstring = false, u = false;
    std::size_t prefix_len = 0;  // letters before the quote
    std::size_t quote_len = 1;   // 1 or 3
};
StringPrefix string_prefix(std::string_view token_text);

// Decodes the escapes of a str literal's body (between the quotes) into UTF-8.
// On failure returns false with CPython's message, e.g. "(unicode error) 'unicodeescape'
// codec can't decode bytes in position 0-2: truncated \xXX escape".
bool decode_str_escapes(std::string_view body, std::string& out, std::string& error);

// The same for bytes: non-ASCII characters are an error the caller reports.
bool decode_bytes_escapes(std::string_view body, std::string& out, std::string& error);

// Appends a code point as UTF-8 (lone surrogates become their 3-byte form).
void append_utf8(std::string& out, unsigned cp);

}  // namespace script::syntax
