// CPython 3.11's "Did you mean: 'x'?" for NameError and AttributeError
// (Python/suggestions.c): the closest candidate by its weighted Levenshtein distance,
// within its limits. Runs on the interpreter's thread.
#pragma once

#include <script/runtime/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace script {

class Interpreter;
struct Frame;

// The candidate CPython would pick for `name`, or "" when none is close enough (or there
// are 750 candidates or more).
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

// For a NameError raised in `frame`: its local variables first, then its globals, then
// the builtins, as CPython searches them.
std::string name_error_suggestion(Interpreter& in, const Frame& frame, const std::string& name);

// For an AttributeError carrying `name` and `obj` attributes (set where attribute lookup
// fails): the closest entry of dir(obj). "" when none, or when the error lacks them.
std::string attribute_error_suggestion(Interpreter& in, const Value& exc);

}  // namespace script
