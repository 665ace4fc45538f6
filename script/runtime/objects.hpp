// The heap object layouts of the interpreter: str, int (big), list, tuple, dict, set,
// functions, classes, instances, exceptions, generators/coroutines, iterators and the
// small descriptor objects. Plain data; behaviour lives in the .cpp files.
// Threading: objects belong to one interpreter, used by one thread at a time.
#pragma once

#include <script/runtime/code.hpp>
#include <script/runtime/hash_table.hpp>
#include <script/runtime/value.hpp>
#include <script/support/big_int.hpp>

#include <memory>
#include <string>
#include <vector>

namespace script {

class Interpreter;
struct Frame;

// Which C++ struct an instance of a type is, so builtins can check cheaply.
enum class Layout : std::uint8_t {
    Instance, Exception, Int, Bool, Float, None, Str, List, Tuple, Dict, Set, FrozenSet,
    Range, Slice, Function, Native, Method, Type, Property, StaticMethod, ClassMethod, Super,
    Module, Generator, Coroutine, AsyncGenerator, Cell, Code, Iterator, DictView,
    NotImplemented, Ellipsis, AsyncGenAwaitable, NativeAwaitable, Partial, Other,
};

struct Str : Object {
    explicit Str(std::string v) : s(std::move(v)) {}
    std::string s;
    mutable std::int64_t hash = -1;
    mutable std::int64_t length = -1;  // code points, computed lazily
    bool interned = false;
};

struct BigIntObj : Object {
    explicit BigIntObj(support::BigInt v) : v(std::move(v)) {}
    support::BigInt v;
};

struct List : Object {
    std::vector<Value> items;
};

struct Tuple : Object {
    std::vector<Value> items;
};

struct Dict : Object {
    DictTable table;
};

struct SetObj : Object {
    SetTable table;
};

struct Range : Object {
    std::int64_t start = 0, stop = 0, step = 1;
    std::int64_t length() const noexcept
    {
        if (step > 0) return start < stop ? (stop - start - 1) / step + 1 : 0;
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0;
    }
};

struct SliceObj : Object {
    Value start, stop, step;
};

struct Cell : Object {
    Value value;
};

struct CodeObj;  // Code derives from Object directly (code.hpp)

struct Function : Object {
    Value code;       // Code
    Value globals;    // Dict
    std::vector<Value> defaults;
    Value kwdefaults; // Dict or null
    std::vector<Value> closure;  // Cells
    Value name, qualname;  // Str
    Value dict;       // attributes, lazily
    Value owner_class;  // the class whose body defined it (for zero-argument super())
    Value module;     // Str
    Code* code_ptr() const noexcept { return code.as<Code>(); }
};

struct Args;
using NativeFnPtr = Value (*)(Interpreter&, Args&);

struct NativeFn : Object {
    NativeFnPtr fn = nullptr;
    std::string name;
    Value data;           // bound state (a module's Random, partial's parts, ...)
    Value self;           // when bound to an object
    bool is_method = false;  // a descriptor: binds the instance as the first argument
    bool is_classmethod = false;
    Type* owner = nullptr;   // a builtin type's method: its first argument must be one
};

struct BoundMethod : Object {
    Value self, func;
};

struct Instance : Object {
    Value dict;  // Dict, created on first attribute store
};

struct TracebackEntry {
    Value code;  // Code
    int line = 0;
    SourcePos pos;  // the failing instruction's expression, for the "~~^^" markers
};

struct ExceptionObj : Instance {
    Value args;  // Tuple
    Value cause, context;
    bool suppress_context = false;
    std::vector<TracebackEntry> traceback;  // innermost last
    Value notes;  // List or null
    // NameError: the name CPython's traceback would offer ("Did you mean: 'x'?"), found
    // from the raising frame's scopes when the error was raised; empty when none.
    std::string name_suggestion;
};

struct Type : Object {
    std::string name;
    std::string qualname;
    std::string module = "builtins";
    Type* base = nullptr;
    Value dict;  // Dict
    std::vector<Type*> mro;  // self first
    Layout layout = Layout::Instance;
    bool builtin = false;
    bool is_exception = false;
    bool subclassable = true;
    // Cached "has a Python-level dunder" facts, recomputed when the class is created.
    bool has_getattr = false;
    bool has_setattr = false;
    bool has_eq = false;
    bool has_hash = false;
    bool hash_none = false;
    // Some class in the MRO defines a property: instance attribute lookups must consult
    // the class first (a data descriptor wins over the instance dict).
    bool has_properties = false;
    // Builtin constructors: called with the arguments of `Type(...)` (args[0] is the type).
    NativeFnPtr construct = nullptr;
};

struct Property : Object {
    Value fget, fset, fdel, doc;
};

struct StaticMethod : Object {
    Value func;
};

struct ClassMethod : Object {
    Value func;
};

struct Super : Object {
    Value start_type;  // Type: look after this one in the MRO
    Value self;
    Value self_type;   // Type
};

struct Module : Object {
    std::string name;
    Value dict;  // Dict
};

enum class GenState : std::uint8_t { Created, Suspended, Running, Finished };

// Generators, coroutines and async generators: a suspended heap frame.
struct GenObj : Object {
    ~GenObj() override;
    std::unique_ptr<Frame> frame;
    GenState state = GenState::Created;
    Value name, qualname;
    // Async generators: whether an asend/athrow awaitable is running.
    bool ag_running = false;
    // Coroutines: the awaitable this coroutine delegates to while suspended in await.
    Value awaiting;
    bool closed_cleanly = false;
};

// The awaitable returned by agen.__anext__()/asend()/athrow()/aclose().
struct AsyncGenAwaitable : Object {
    enum class Kind : std::uint8_t { Send, Throw, Close } kind = Kind::Send;
    Value agen;   // GenObj
    Value value;  // value to send, or the exception to throw
    bool started = false;
    bool done = false;
};

// Base of the awaitables the embedding defines (engine futures, sleeps, ...). Awaiting
// one suspends the whole coroutine chain and returns it to the driver.
struct NativeAwaitable : Object {
    ~NativeAwaitable() override = default;
};

enum class IterKind : std::uint8_t {
    List, Tuple, Range, Str, DictKeys, DictValues, DictItems, Set, Enumerate, Zip, Map,
    Filter, Reversed, SeqGetItem, CallSentinel, Repeat,
};

struct Iterator : Object {
    IterKind kind{};
    Value seq;               // the iterated object
    std::int64_t index = 0;  // position
    std::int64_t end = 0;    // Range: stop; others: unused
    std::int64_t step = 1;
    std::uint64_t version = 0;  // dict/set mutation check
    std::size_t size = 0;
    std::vector<Value> parts;   // zip/map iterators, enumerate count, filter function
    bool strict = false;
};

enum class ViewKind : std::uint8_t { Keys, Values, Items };
struct DictView : Object {
    ViewKind kind{};
    Value dict;
};

struct Partial : Object {
    Value func;
    std::vector<Value> args;
    Value kwargs;  // Dict
};

// A Python frame: locals, cells, value stack, block stack and position. Frames live on
// the heap; the VM switches between them without recursing on the C++ stack.
enum class FrameMode : std::uint8_t {
    Call,       // push the return value on the caller
    Init,       // __init__: check it returned None, push init_self
    ClassBody,  // build the class from the namespace, push it
    ForIter,    // generator resumed by FOR_ITER: yielded values go to the caller's loop
    Send,       // generator/coroutine resumed by YIELD_FROM
    Discard,    // run for side effects, result dropped
};

struct Block {
    std::uint32_t handler;
    std::uint32_t level;
};

struct Frame {
    Frame(Code* code, Value func, Value globals);
    ~Frame();
    // Re-initializes a pooled frame for another call (the slots must already be empty).
    void reset(Code* code, Value func, Value globals);
    int slot_capacity = 0;
    Value code_ref;  // keeps the Code alive
    Code* code;
    Value func;      // Function (null for module/class bodies created directly)
    Value globals;   // Dict
    Value locals_dict;  // class-body namespace
    std::unique_ptr<Value[]> slots;  // locals, cells, then the value stack
    Value* fast = nullptr;
    Value* cells = nullptr;
    Value* stack = nullptr;
    Value* sp = nullptr;
    std::uint32_t ip = 0;
    std::uint32_t lasti = 0;
    std::uint32_t resume_ip = 0;  // YIELD_FROM to re-run when resumed
    Frame* back = nullptr;
    FrameMode mode = FrameMode::Call;
    bool entry = false;  // returns out of the run loop instead of into `back`
    bool in_yield_from = false;  // suspended re-running YIELD_FROM (delegating)
    GenObj* gen = nullptr;
    Value handled;       // exception being handled (except/finally bodies)
    Value extra;         // Init: the new instance; ClassBody: (name, bases) tuple
    Block blocks[24];
    int nblocks = 0;
    int stack_capacity = 0;
};

}  // namespace script
