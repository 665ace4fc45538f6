// The candidate lists are CPython's, not Loopscope's: CPython's builtins (all of them,
// including the ones Loopscope lacks) and a module's standard dunder names, so that a
// misspelling gets the same suggestion under both interpreters.
#include <script/runtime/suggestions.hpp>

#include <script/runtime/interpreter.hpp>
#include <script/runtime/ops.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace script {

namespace {

constexpr std::size_t max_candidate_items = 750;
constexpr std::size_t max_string_size = 40;
constexpr std::size_t move_cost = 2;
constexpr std::size_t case_cost = 1;

// list(builtins.__dict__) of CPython 3.11 running a script.
constexpr const char* cpython_builtins[] = {
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__", "__import__", "abs", "all",
    "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod", "eval", "exec",
    "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter",
    "aiter", "len", "locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round",
    "setattr", "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True", "bool",
    "memoryview", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float",
    "frozenset", "property", "int", "list", "map", "object", "range", "reversed", "set", "slice", "staticmethod",
    "str", "super", "tuple", "type", "zip", "__debug__", "BaseException", "BaseExceptionGroup", "Exception",
    "GeneratorExit", "KeyboardInterrupt", "SystemExit", "ArithmeticError", "AssertionError", "AttributeError",
    "BufferError", "EOFError", "ImportError", "LookupError", "MemoryError", "NameError", "OSError",
    "ReferenceError", "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError", "SystemError",
    "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError", "ZeroDivisionError",
    "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
    "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning",
    "UserWarning", "BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError",
    "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
    "ProcessLookupError", "TimeoutError", "IndentationError", "IndexError", "KeyError", "ModuleNotFoundError",
    "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError", "BrokenPipeError",
    "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "TabError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup", "EnvironmentError",
    "IOError", "open", "quit", "exit", "copyright", "credits", "license", "help",
};

// What every CPython module namespace starts with, in its order.
constexpr const char* cpython_module_dunders[] = {
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__annotations__", "__builtins__", "__file__", "__cached__",
};

std::size_t substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31)) return move_cost;
    if (a == b) return 0;
    if ('A' <= a && a <= 'Z') a = static_cast<char>(a + ('a' - 'A'));
    if ('A' <= b && b <= 'Z') b = static_cast<char>(b + ('a' - 'A'));
    return a == b ? case_cost : move_cost;
}

// Levenshtein distance on UTF-8 bytes where a case change costs half of any other edit;
// gives up (returns max_cost + 1) as soon as the answer must exceed max_cost.
std::size_t distance(std::string_view a, std::string_view b, std::size_t max_cost)
{
    while (!a.empty() && !b.empty() && a.front() == b.front()) {
        a.remove_prefix(1);
        b.remove_prefix(1);
    }
    while (!a.empty() && !b.empty() && a.back() == b.back()) {
        a.remove_suffix(1);
        b.remove_suffix(1);
    }
    if (a.empty() || b.empty()) return (a.size() + b.size()) * move_cost;
    if (a.size() > max_string_size || b.size() > max_string_size) return max_cost + 1;
    if (b.size() < a.size()) std::swap(a, b);
    if ((b.size() - a.size()) * move_cost > max_cost) return max_cost + 1;
    std::array<std::size_t, max_string_size> row{};
    for (std::size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * move_cost;
    std::size_t result = 0;
    for (std::size_t bi = 0; bi < b.size(); ++bi) {
        std::size_t diagonal = result = bi * move_cost;
        std::size_t minimum = SIZE_MAX;
        for (std::size_t ai = 0; ai < a.size(); ++ai) {
            const std::size_t substitute = diagonal + substitution_cost(b[bi], a[ai]);
            diagonal = row[ai];
            result = std::min(std::min(result, diagonal) + move_cost, substitute);
            row[ai] = result;
            minimum = std::min(minimum, result);
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

void add_dict_keys(const Value& dict, std::vector<std::string_view>& out)
{
    if (!dict || !dict.is_obj()) return;
    for (const DictEntry& e : dict.as<Dict>()->table.entries())
        if (e.key && ops::is_str(e.key)) out.push_back(e.key.as<Str>()->s);
}

// Attributes every CPython object lists in dir(), in addition to its class's.
constexpr const char* cpython_object_dunders[] = {
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__",
    "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__",
    "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__",
};

// What dir(obj) lists, sorted as it sorts: a module's namespace; otherwise the instance
// dict, the classes along the MRO and object's dunders (user classes add __dict__,
// __module__ and __weakref__).
std::vector<std::string_view> dir_names(Interpreter& in, const Value& obj)
{
    std::vector<std::string_view> names;
    Type* t = in.type_of(obj);
    if (t->layout == Layout::Module) {
        add_dict_keys(obj.as<Module>()->dict, names);
    } else {
        if (t->layout == Layout::Instance || t->layout == Layout::Exception) add_dict_keys(obj.as<Instance>()->dict, names);
        for (Type* m : t->mro) add_dict_keys(m->dict, names);
        // Number attributes the interpreter answers without a class entry.
        if (t->layout == Layout::Int || t->layout == Layout::Bool)
            for (const char* d : {"real", "imag", "numerator", "denominator"}) names.push_back(d);
        if (t->layout == Layout::Float)
            for (const char* d : {"real", "imag"}) names.push_back(d);
        for (const char* d : cpython_object_dunders) names.push_back(d);
        if (!t->builtin)
            for (const char* d : {"__dict__", "__module__", "__weakref__"}) names.push_back(d);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

}  // namespace

std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates)
{
    if (candidates.size() >= max_candidate_items) return {};
    std::size_t best_distance = SIZE_MAX;
    const std::string_view* best = nullptr;
    for (const std::string_view& item : candidates) {
        if (item == name) continue;
        // No more than a third of the characters involved may change, and a match must
        // beat the best one so far.
        std::size_t max_distance = (name.size() + item.size() + 3) * move_cost / 6;
        if (best) max_distance = std::min(max_distance, best_distance - 1);
        const std::size_t d = distance(name, item, max_distance);
        if (d > max_distance) continue;
        if (!best || d < best_distance) {
            best = &item;
            best_distance = d;
        }
    }
    return best ? std::string(*best) : std::string();
}

std::string name_error_suggestion(Interpreter&, const Frame& frame, const std::string& name)
{
    std::vector<std::string_view> candidates;
    // co_varnames: the parameters and local variables, captured ones included.
    for (const std::string& v : frame.code->varnames) candidates.push_back(v);
    for (const std::string& v : frame.code->cellvars)
        if (std::find(candidates.begin(), candidates.end(), v) == candidates.end()) candidates.push_back(v);
    std::string found = closest_name(name, candidates);
    if (!found.empty()) return found;

    candidates.clear();
    for (const char* d : cpython_module_dunders) candidates.push_back(d);
    std::vector<std::string_view> globals;
    add_dict_keys(frame.globals, globals);
    for (std::string_view g : globals)
        if (std::find(std::begin(cpython_module_dunders), std::end(cpython_module_dunders), g) == std::end(cpython_module_dunders))
            candidates.push_back(g);
    found = closest_name(name, candidates);
    if (!found.empty()) return found;

    candidates.assign(std::begin(cpython_builtins), std::end(cpython_builtins));
    return closest_name(name, candidates);
}

std::string attribute_error_suggestion(Interpreter& in, const Value& exc)
{
    try {
        Value name = in.getattr_opt(exc, in.intern("name"));
        Value obj = in.getattr_opt(exc, in.intern("obj"));
        if (!name || !obj || !ops::is_str(name)) return {};
        std::vector<std::string_view> candidates = dir_names(in, obj);
        return closest_name(ops::str_of(name), candidates);
    } catch (PyThrow&) {
        return {};
    }
}
}  // namespace script
