// A text dump of a syntax tree, identical to CPython's ast.dump(tree) for the supported
// subset, or to ast.dump(tree, include_attributes=True) with positions; tests compare it
// with python3's output. Pure functions.
#pragma once

#include <string>

#include "script/syntax/ast.hpp"

namespace script::ast {

std::string dump(const Module& module, bool include_attributes = false);
std::string dump(const Expr& expr, bool include_attributes = false);
std::string dump(const Stmt& stmt, bool include_attributes = false);

// Python's repr() of a float, a str given as UTF-8, and a bytes value.
std::string python_float_repr(double value);
std::string python_str_repr(const std::string& utf8);
std::string python_bytes_repr(const std::string& bytes);

}  // namespace script::ast
