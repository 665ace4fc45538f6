// CPython's warning for a coroutine that dies never awaited, with CPython's timing (when
// the last reference goes: at once for a discarded call result), place (the line running
// at that moment, as warnings.warn(stacklevel=2) sees it from the deallocation) and the
// "default" warnings filter (each text printed once per line of the program).
#include <script/runtime/unawaited_coroutine.hpp>

#include <script/runtime/code.hpp>
#include <script/runtime/interpreter.hpp>
#include <script/runtime/ops.hpp>

#include <set>
#include <string>
#include <tuple>

namespace script {

namespace {

// The "default" action's registry. Keyed by the program run, so a new program (a new
// interpreter, or a new run in the same one) starts with no warnings seen.
struct Registry {
    const Interpreter* owner = nullptr;
    const Object* globals = nullptr;
    std::set<std::tuple<std::string, int, std::string>> seen;
};
thread_local Registry registry;

std::string strip(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\f\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\f\r\n");
    return s.substr(b, e - b + 1);
}

void warn_unawaited(Interpreter& in, const std::string& qualname)
{
    // The innermost frame of the program: asyncio's own Python helpers are library code.
    Frame* f = in.current_frame;
    while (f && f->code->filename == "<asyncio>") f = f->back;
    std::string filename = "sys";
    int line = 1;
    if (f) {
        filename = f->code->filename;
        line = f->lasti < f->code->positions.size() ? f->code->positions[f->lasti].line : f->code->firstlineno;
    }
    const std::string text = "coroutine '" + qualname + "' was never awaited";
    const Object* globals = in.main_globals().is_obj() ? in.main_globals().obj() : nullptr;
    if (registry.owner != &in || registry.globals != globals) {
        registry.owner = &in;
        registry.globals = globals;
        registry.seen.clear();
    }
    if (!registry.seen.insert({filename, line, text}).second) return;
    std::string out = filename + ":" + std::to_string(line) + ": RuntimeWarning: " + text + "\n";
    if (f) {
        auto src = in.sources.find(filename);
        if (src != in.sources.end() && line >= 1 && static_cast<std::size_t>(line) <= src->second.size()) {
            std::string code = strip(src->second[static_cast<std::size_t>(line) - 1]);
            if (!code.empty()) out += "  " + code + "\n";
        }
    }
    out += "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
    in.host().write_stderr(out);
}

}  // namespace

void warn_never_awaited(Interpreter& in, const std::string& qualname) noexcept
{
    if (g_heap_teardown) return;
    try {
        warn_unawaited(in, qualname);
    } catch (...) {
        // A warning that cannot be printed is dropped (called from destructors).
    }
}

CoroutineObj::~CoroutineObj()
{
    // Frees at interpreter teardown belong to a program that is over.
    if (g_heap_teardown || !interp || state != GenState::Created || !frame) return;
    // Library coroutines (asyncio's Python helpers) are never the program's mistake.
    if (frame->code->filename == "<asyncio>") return;
    warn_never_awaited(*interp, qualname && ops::is_str(qualname) ? ops::str_of(qualname) : std::string("?"));
}

}  // namespace script
