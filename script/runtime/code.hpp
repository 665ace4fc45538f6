// Bytecode: the opcodes the compiler emits and the VM runs, and Code, the compiled body
// of a module, function, class or comprehension. Code objects are immutable once built.
#pragma once

#include <script/runtime/value.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace script {

#define SCRIPT_OPCODES(X) \
    X(NOP) X(POP_TOP) X(ROT_TWO) X(ROT_THREE) X(ROT_FOUR) X(DUP_TOP) X(DUP_TOP_TWO) \
    X(LOAD_CONST) X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST) \
    X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLOSURE) X(LOAD_CLASSDEREF) \
    X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL) X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME) \
    X(LOAD_ATTR) X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD) X(CALL_METHOD) X(CALL_METHOD_KW) \
    X(BINARY) X(INPLACE) X(UNARY_NOT) X(UNARY_NEG) X(UNARY_POS) X(UNARY_INVERT) \
    X(COMPARE) X(IS_OP) X(CONTAINS_OP) \
    X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR) X(BUILD_SLICE) \
    X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP) X(LIST_APPEND) X(SET_ADD) X(MAP_ADD) \
    X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE) X(DICT_MERGE) X(LIST_TO_TUPLE) \
    X(BUILD_STRING) X(FORMAT_VALUE) \
    X(JUMP) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE) X(JUMP_IF_FALSE_OR_POP) X(JUMP_IF_TRUE_OR_POP) \
    X(GET_ITER) X(FOR_ITER) X(UNPACK_SEQUENCE) X(UNPACK_EX) \
    X(CALL) X(CALL_KW) X(CALL_EX) X(MAKE_FUNCTION) X(RETURN_VALUE) \
    X(YIELD_VALUE) X(GET_YIELD_FROM_ITER) X(YIELD_FROM) X(GET_AWAITABLE) X(GET_AITER) X(GET_ANEXT) \
    X(END_ASYNC_FOR) \
    X(SETUP_FINALLY) X(SETUP_CLEANUP) X(POP_BLOCK) X(PUSH_EXC_INFO) X(POP_EXCEPT) X(RERAISE_RESTORE) \
    X(CHECK_EXC_MATCH) X(CHECK_EG_MATCH) X(PREP_RERAISE_STAR) X(RAISE) \
    X(BEFORE_WITH) X(BEFORE_ASYNC_WITH) X(WITH_EXCEPT_START) \
    X(BUILD_CLASS) X(IMPORT_NAME) X(IMPORT_FROM) X(IMPORT_STAR) X(LOAD_ASSERTION_ERROR) \
    X(UNSUPPORTED)

enum class Op : std::uint8_t {
#define SCRIPT_OP_ENUM(n) n,
    SCRIPT_OPCODES(SCRIPT_OP_ENUM)
#undef SCRIPT_OP_ENUM
};
const char* op_name(Op op) noexcept;

// Binary operator numbers used by BINARY / INPLACE (same order as ast::BinOpKind).
enum class BinOp : std::uint8_t { Add, Sub, Mul, MatMul, TrueDiv, Mod, Pow, LShift, RShift, Or, Xor, And, FloorDiv };
// COMPARE arguments (same order as the first six ast::CmpOpKind).
enum class CmpOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

// MAKE_FUNCTION flags.
enum : std::uint32_t { MF_DEFAULTS = 1, MF_KWDEFAULTS = 2, MF_CLOSURE = 8 };
// Code flags.
enum : std::uint32_t {
    CO_VARARGS = 4, CO_VARKEYWORDS = 8, CO_GENERATOR = 0x20, CO_COROUTINE = 0x80,
    // A generator function marked by @asyncio.coroutine (types.coroutine): its generators
    // may be awaited and may `yield from` coroutines and asyncio's awaitables.
    CO_ITERABLE_COROUTINE = 0x100,
    CO_ASYNC_GENERATOR = 0x200, CO_CLASS_BODY = 0x10000, CO_MODULE = 0x20000,
};

struct Instr {
    Op op;
    std::uint32_t arg;
};

// Where an instruction's expression is: CPython's (lineno, end_lineno, col_offset,
// end_col_offset), columns 0-based in UTF-8 bytes. Tracebacks draw their "~~^^" markers
// from it. Columns past no_col's range are stored as no_col (markers are then left out).
struct SourcePos {
    static constexpr std::uint16_t no_col = 0xFFFF;
    int line = 0;
    int end_line = 0;
    std::uint16_t col = no_col;
    std::uint16_t end_col = no_col;
};

struct Code : Object {
    std::vector<Instr> code;
    std::vector<SourcePos> positions;  // one per instruction (12 bytes each)
    // Instructions CPython before 3.11 put on another line: a decorator's call, on its
    // def/class line (sorted by instruction). Legacy notes report lines the old way.
    std::vector<std::pair<std::uint32_t, int>> pre311_lines;
    std::vector<Value> consts;
    std::vector<Value> names;          // interned Str, for attribute/global names
    std::vector<std::string> varnames; // fast locals: parameters first
    std::vector<std::string> cellvars; // locals captured by inner scopes
    std::vector<std::string> freevars; // captured from the enclosing scope
    std::vector<int> cell_param;       // per cellvar: the parameter index it starts from, or -1
    int argcount = 0;                  // positional (including positional-only)
    int posonlyargcount = 0;
    int kwonlyargcount = 0;
    std::uint32_t flags = 0;
    int stacksize = 0;
    int firstlineno = 0;
    std::string name;
    std::string qualname;
    std::string filename;
    bool uses_super = false;

    int nlocals() const noexcept { return static_cast<int>(varnames.size()); }
    int ncells() const noexcept { return static_cast<int>(cellvars.size() + freevars.size()); }
    bool is_gen_like() const noexcept { return flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR); }
};

}  // namespace script
