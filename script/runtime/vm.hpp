// Internals shared by the VM and the runtime: frame creation with argument binding,
// class creation, raising helpers. Threading: interpreter thread only.
#pragma once

#include <script/runtime/interpreter.hpp>

namespace script {

// Creates a frame for calling `fn` with (self?, args..., kw...) bound to its parameters.
// Raises TypeError with CPython's messages on mismatch.
Frame* make_call_frame(Interpreter& in, Function* fn, const Value* self, const Value* args, std::size_t nargs,
                       const Value* kwnames, const Value* kwvals, std::size_t nkw);
// Wraps a frame of a generator/coroutine/async generator function in its object.
Value make_generator(Interpreter& in, Frame* frame, Function* fn);
// type(name, bases, namespace) for class statements.
Value build_class(Interpreter& in, const Value& name, const Value& bases, const Value& ns, const Value& qualname);
// Sets exc.__context__ to the exception being handled (breaking cycles as CPython does).
void set_context(Interpreter& in, const Value& exc);
// Normalizes the operand of `raise X`: a class is instantiated; TypeError if not an exception.
Value exception_from_raise_operand(Interpreter& in, const Value& v);
// except* support: split an exception (group) by a type; returns (match, rest) with None for empty.
std::pair<Value, Value> exception_group_split(Interpreter& in, const Value& exc, const Value& type);
Value prep_reraise_star(Interpreter& in, const Value& orig, const Value& raised_list);
bool exception_matches(Interpreter& in, const Value& exc, const Value& type);
// Implements StopIteration.value etc.
Value stop_iteration_value(const Value& exc);
// Install builtin functions / methods (builtins.cpp, methods_*.cpp, modules).
void install_builtins(Interpreter& in);
void install_str_methods(Interpreter& in);
void install_container_methods(Interpreter& in);
void install_exception_methods(Interpreter& in);
void install_object_methods(Interpreter& in);
Value make_random_module(Interpreter& in);
Value make_functools_module(Interpreter& in);
Value make_time_module(Interpreter& in);
Value make_datetime_module(Interpreter& in);
Value make_typing_module(Interpreter& in);
Value make_module(Interpreter& in, const std::string& name);
bool is_callable_value(Interpreter& in, const Value& v);
void module_add(Interpreter& in, const Value& module, const char* name, NativeFnPtr fn, Value data = Value());
void module_set(Interpreter& in, const Value& module, const char* name, const Value& v);

}  // namespace script
