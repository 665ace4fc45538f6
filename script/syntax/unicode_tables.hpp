// Which non-ASCII code points may start or continue an identifier, and which are
// printable, exactly as CPython 3.11 decides (tables generated from its unicodedata).
// Read-only data: safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace script::syntax {

struct CodePointRange { std::uint32_t first, last; };
struct NfkcMapping { std::uint32_t code_point; const char* utf8; };

extern const CodePointRange k_identifier_start[];
extern const std::size_t k_identifier_start_size;
extern const CodePointRange k_identifier_continue[];
extern const std::size_t k_identifier_continue_size;
extern const CodePointRange k_printable[];
extern const std::size_t k_printable_size;
extern const NfkcMapping k_nfkc[];  // sorted by code point
extern const std::size_t k_nfkc_size;

// For code points >= 0x80; ASCII is handled by the callers.
bool is_identifier_start(std::uint32_t cp);
bool is_identifier_continue(std::uint32_t cp);
bool is_printable(std::uint32_t cp);

// An identifier as CPython stores it: NFKC-normalized (character by character, which is
// exact unless the name contains combining marks that NFKC would compose).
std::string normalize_identifier(std::string_view utf8);

}  // namespace script::syntax
