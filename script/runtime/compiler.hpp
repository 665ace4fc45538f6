// Compiles a parsed module (script/syntax/ast.hpp) to Code objects: scope analysis
// (locals, globals, closures, class scopes, comprehension scopes) then bytecode with a
// source position per instruction. Constructs outside the supported subset raise a
// SyntaxError "NAME is not supported" at the construct's line and column.
// Threading: interpreter thread only.
#pragma once

#include <script/runtime/interpreter.hpp>

#include <string_view>

namespace script {

// Returns the module's Code. Throws PyThrow (SyntaxError with filename/lineno/offset).
Value compile_module(Interpreter& in, const ast::Module& module, std::string_view filename);

}  // namespace script
