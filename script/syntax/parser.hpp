// Parses the supported Python subset into the syntax tree of ast.hpp, and reports a
// program it cannot read as CPython 3.11 would (same message, line and offset). Never
// crashes, hangs or overflows on any input. Each call is independent: safe to call from
// several threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "script/syntax/ast.hpp"
#include "script/syntax/syntax_error.hpp"

namespace script {

struct ParseResult {
    std::unique_ptr<ast::Module> module;   // null when error is set
    std::optional<SyntaxErrorInfo> error;
};

ParseResult parse(std::string_view source, std::string_view filename);

}  // namespace script
