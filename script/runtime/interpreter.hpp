// The interpreter: compiles a parsed module to bytecode and runs it on a stack VM whose
// frames live on the heap (Python calls never recurse on the C++ stack). It owns every
// object it creates and frees them all, cycles included, when destroyed.
//
// Embedding: run_program() runs a whole script; coroutines (async def) are driven by
// step(): a coroutine that awaits a NativeAwaitable returns it to the driver, which later
// resumes it with a value or throws an exception into it at that await.
//
// Threading: one thread uses an interpreter at a time; only request_stop() may be called
// from another thread.
//
// What scripts see (and how it differs from CPython 3.11):
// - Refused: `import os/sys/subprocess/socket/pathlib/shutil/...` raises
//   "ImportError: module 'os' is not available in Loopscope (scripts cannot reach files,
//   network or processes)"; other modules Loopscope lacks raise "ModuleNotFoundError: module
//   'x' is not supported by Loopscope"; open/exec/eval/compile/input/__import__/breakpoint
//   raise "NotImplementedError: open() is not available in Loopscope (...)". All carry the
//   usual traceback, so the message names file and line.
// - Constructs outside the subset (complex and bytes literals, the @ operator, relative
//   imports, class keywords, ...) are rejected before the program runs, rendered like a
//   SyntaxError whose message is "NAME is not supported (file:line:column)".
// - Tracebacks are CPython's text except 3.11's "~~~^^^" position-marker lines, which are
//   not drawn. The recursion limit is CPython's 1000 frames; native code re-entering Python
//   (sorted(key=), __repr__, ...) counts too, so the C++ stack stays bounded.
// - Classes have single inheritance (plus object); builtin types other than exceptions
//   cannot be subclassed (NotImplementedError). Set iteration order follows CPython's table
//   for ints, floats and tuples of them; str hashes are not CPython's (CPython randomizes
//   them per process anyway).
#pragma once

#include <script/runtime/host.hpp>
#include <script/runtime/objects.hpp>
#include <script/runtime/traceback_markers.hpp>
#include <script/syntax/syntax_error.hpp>

#include <atomic>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace script {

namespace ast { struct Module; }

// Thrown (C++) to raise a Python exception out of builtins; the VM turns it back into a
// Python-level raise. Python `raise` and VM errors do not go through C++ throw.
struct PyThrow {
    Value exc;
};

// Thrown when the program is stopped (request_stop, Host::interrupt_requested): no Python
// code can catch it; every frame is abandoned.
struct ScriptStopped {};

// Positional + keyword arguments of a native call. pos[0] is self for methods.
struct Args {
    const Value* pos = nullptr;
    std::size_t n = 0;
    const Value* kwnames = nullptr;  // Str values
    const Value* kwvals = nullptr;
    std::size_t nkw = 0;
    NativeFn* fn = nullptr;

    const Value& operator[](std::size_t i) const noexcept { return pos[i]; }
    std::size_t size() const noexcept { return n; }
    // The keyword argument named `name`, or null.
    Value kw(std::string_view name) const;
};

struct StepResult {
    enum class Kind { Awaiting, Returned, Raised };
    Kind kind = Kind::Returned;
    Value value;  // the native awaitable, the return value or the exception
};

enum class Exc : std::uint8_t {
    BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, FloatingPointError,
    LookupError, IndexError, KeyError, ValueError, UnicodeError, TypeError, NameError, UnboundLocalError,
    AttributeError, RuntimeError, RecursionError, NotImplementedError, StopIteration,
    StopAsyncIteration, AssertionError, OSError, TimeoutError, ConnectionError, ImportError,
    ModuleNotFoundError, SyntaxError, MemoryError, EOFError, BaseExceptionGroup, ExceptionGroup,
    GeneratorExit, KeyboardInterrupt, SystemExit, Warning, UserWarning, DeprecationWarning,
    RuntimeWarning, BufferError, Count,
};

class Interpreter {
public:
    explicit Interpreter(Host& host);
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // ---------------------------------------------------------------- embedding API

    // Parses, compiles and runs a program as __main__. Output goes to the host; an
    // uncaught exception or syntax error is printed on stderr in CPython's form.
    // Returns 0, 1 (error) or 3 (stopped).
    int run_program(std::string_view source, std::string_view filename);
    // Parses and compiles a program (remembering its source for tracebacks). Returns the
    // module code, or null with `error` filled (syntax error or unsupported construct).
    Value load_program(std::string_view source, std::string_view filename, SyntaxErrorInfo& error);
    // Runs loaded module code as __main__; an uncaught exception is printed on stderr.
    // Returns 0, 1 (error) or 3 (stopped).
    int run_main(const Value& code);
    // Compiles a parsed module; on an unsupported construct raises (PyThrow) a
    // SyntaxError-like "NAME is not supported" error carrying file:line:column.
    Value compile(const ast::Module& module, std::string_view filename);
    // Runs compiled module code in the namespace `globals` (a Dict); throws PyThrow.
    // For an embedding's own modules written in Python.
    void exec_code(const Value& code, const Value& globals);
    // Runs compiled module code in a fresh __main__ namespace; throws PyThrow.
    Value run_module(const Value& code);
    // The __main__ namespace of the last run_module (Dict).
    Value main_globals() const { return main_globals_; }

    // Drives a coroutine (or generator) one step: sends `send` (ignored on the first
    // step) or, when `throw_exc` is set, raises it at the suspension point.
    StepResult step(const Value& coroutine, const Value& send, const Value& throw_exc = Value());
    // Throws GeneratorExit into an unfinished coroutine/generator so its finally blocks run.
    void close(const Value& generator);
    // The source line a suspended (or running) coroutine/generator is at; 0 if finished.
    int current_line(const Value& coroutine) const;
    // A generator made by a function marked CO_ITERABLE_COROUTINE (@asyncio.coroutine).
    bool is_iterable_coroutine(const Value& v) const;
    // The line of the innermost running frame whose code comes from `filename`, or 0,
    // numbered as CPython before 3.11 did (a decorator's call on its def line), for the
    // notes about legacy asyncio.
    int innermost_line_in(const std::string& filename) const;
    // The Python call stack of one C++ execution context. An embedding that runs
    // Python code on several C++ stacks (fibers) saves it when leaving one and
    // restores it when entering another, so each stack sees only its own frames.
    struct ExecState {
        Frame* frame = nullptr;
        int depth = 0;
        int native_depth = 0;
        Interpreter* thread_interpreter = nullptr;
    };
    ExecState exec_state() const noexcept;
    void set_exec_state(const ExecState& state) noexcept;
    // The line and function of the innermost frame running now (0 / "" if none): for
    // "this task never awaits" reports, read from the interpreter's own thread.
    int running_line() const noexcept;
    std::string running_function() const;
    // Free for the embedding (the asyncio module keeps its state here).
    void* embedder = nullptr;
    // Any thread: makes the running program stop soon (ScriptStopped).
    void request_stop() noexcept { stop_flag_.store(true, std::memory_order_relaxed); }

    // CPython's rendering of an uncaught exception ("Traceback (most recent call last):...");
    // asyncio's logged tracebacks ("Exception in callback") are traceback_module style.
    std::string format_exception(const Value& exc, TracebackStyle style = TracebackStyle::excepthook);
    Host& host() noexcept { return *host_; }
    Heap& heap() noexcept { return heap_; }

    // Registers a module importable by scripts (`import NAME`); asyncio binds itself here.
    using ModuleFactory = std::function<Value(Interpreter&)>;
    void register_module(std::string name, ModuleFactory factory);

    // ----------------------------------------------------------- runtime internals

    // Calls any callable; Python code runs in a nested VM loop (bounded depth).
    Value call(const Value& callable, std::span<const Value> args);
    Value call_kw(const Value& callable, std::span<const Value> args, std::span<const Value> kwnames,
                  std::span<const Value> kwvals);
    Value call_method(const Value& obj, std::string_view name, std::span<const Value> args);

    [[noreturn]] void raise(Exc kind, std::string message);
    // MemoryError(), with no arguments, as CPython's allocator raises it.
    [[noreturn]] void raise_memory_error();
    [[noreturn]] void raise_value(Value exc);
    Value make_exception(Type* type, std::vector<Value> args);
    Value make_exception(Exc kind, std::string message);
    Type* exc_type(Exc kind) const noexcept { return exc_types_[static_cast<int>(kind)]; }
    bool is_instance_of(const Value& v, Type* t) const;

    // Object construction.
    Value str(std::string s);
    Value intern(std::string_view s);
    Value integer(const support::BigInt& v);
    Value list(std::vector<Value> items = {});
    Value tuple(std::vector<Value> items = {});
    Value dict();
    Value set(bool frozen = false);
    Value native(std::string name, NativeFnPtr fn, Value data = Value(), bool is_method = false);
    Type* new_type(std::string name, Type* base, Layout layout, bool builtin = true);
    void add_method(Type* t, const char* name, NativeFnPtr fn);
    Value new_instance(Type* t);
    Value iterator(IterKind kind, Value seq);

    Type* type_of(const Value& v) const noexcept
    {
        switch (v.tag()) {
        case Tag::None: return t_none;
        case Tag::Bool: return t_bool;
        case Tag::Int: return t_int;
        case Tag::Float: return t_float;
        case Tag::Obj: return v.obj()->type;
        default: return t_none;
        }
    }

    // Attribute access.
    Value getattr(const Value& obj, const Value& name);  // name: Str
    Value getattr_opt(const Value& obj, const Value& name);  // null if missing (AttributeError only)
    void setattr(const Value& obj, const Value& name, const Value& v);
    void delattr(const Value& obj, const Value& name);
    Value type_lookup(Type* t, const Value& name) const;  // MRO search, null if missing
    Value type_lookup(Type* t, std::string_view name);

    // Native reentry depth guard (RecursionError when the C++ side nests too deep).
    struct DepthGuard {
        explicit DepthGuard(Interpreter& in);
        ~DepthGuard() { --in.native_depth_; }
        Interpreter& in;
    };

    // Declared first so it is destroyed last, after every member holding Values.
    Heap heap_;

    // Builtin types.
    Type *t_object = nullptr, *t_type = nullptr, *t_int = nullptr, *t_bool = nullptr, *t_float = nullptr,
         *t_none = nullptr, *t_str = nullptr, *t_list = nullptr, *t_tuple = nullptr, *t_dict = nullptr,
         *t_set = nullptr, *t_frozenset = nullptr, *t_range = nullptr, *t_slice = nullptr,
         *t_function = nullptr, *t_native = nullptr, *t_method = nullptr, *t_property = nullptr,
         *t_staticmethod = nullptr, *t_classmethod = nullptr, *t_super = nullptr, *t_module = nullptr,
         *t_generator = nullptr, *t_coroutine = nullptr, *t_async_generator = nullptr, *t_cell = nullptr,
         *t_code = nullptr, *t_notimpl = nullptr, *t_ellipsis = nullptr, *t_agen_awaitable = nullptr,
         *t_partial = nullptr, *t_dict_keys = nullptr, *t_dict_values = nullptr, *t_dict_items = nullptr;
    Type* t_iters[16] = {};
    Value not_implemented, ellipsis;
    Value builtins;  // Dict
    Value empty_tuple;
    std::unordered_map<std::string, Value> interned;
    std::unordered_map<std::string, ModuleFactory> module_factories;
    std::unordered_map<std::string, Value> modules;
    std::unordered_map<std::string, std::vector<std::string>> sources;  // filename -> lines

    // The VM.
    // Runs `entry` (and every frame it calls) until it returns or, for a generator
    // frame, yields (*yielded set). `throw_exc` raises at the frame's position first.
    // Exceptions escaping the entry frame are thrown as PyThrow.
    Value run_loop(Frame* entry, Value throw_exc, bool* yielded);
    // Runs a generator frame from native code; returns yielded value (Suspended) or
    // return value (Finished).
    enum class Resume { Yielded, Returned };
    Resume resume_gen(GenObj* gen, Value send, Value throw_exc, Value& out);
    Value gen_next(GenObj* gen);  // null when exhausted (StopIteration consumed)
    Frame* current_frame = nullptr;
    // The last value a coroutine chain handed up was a native awaitable passed on by
    // `await` / `yield from` (not a bare `yield fut`, which asyncio refuses).
    bool yield_delegated = false;
    Value current_handled() const;
    int recursion_limit = 1000;
    int depth_ = 0;
    int native_depth_ = 0;
    std::atomic<bool> stop_flag_{false};
    // asyncio's finalizer hook for async generators (sys.set_asyncgen_hooks): called with
    // one dropped while suspended; true when it took it over (holding a reference, to
    // close it later on the loop). Unset, or declining, the generator is closed at once.
    std::function<bool(const Value&)> async_gen_finalizer;
    std::uint32_t poll_counter_ = 4096;
    void poll_stop();
    // Native loops (sum, list(), sorted...) tick once an item, so a run can be
    // stopped inside one builtin call over a huge range, as between bytecodes.
    void tick()
    {
        if (--poll_counter_ == 0) [[unlikely]]
            poll_stop();
    }
    // Frames of plain calls come from a small pool: a call allocates nothing in the
    // steady state. Generator frames are owned by their generator instead.
    Frame* new_frame(Code* code, Value func, Value globals);
    void free_frame(Frame* f) noexcept;
    std::vector<Frame*> frame_pool_;

private:
    friend struct Vm;
    void init_types();
    void init_exceptions();
    void init_builtins();
    Host* host_;
    Type* exc_types_[static_cast<int>(Exc::Count)] = {};
    Value main_globals_;
    Interpreter* saved_current_ = nullptr;
};

// The interpreter running on this thread (set while one runs code or is constructed).
Interpreter& current_interpreter() noexcept;

}  // namespace script
