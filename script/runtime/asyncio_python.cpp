// The parts of asyncio written in Python on top of the native ones: Barrier and
// BrokenBarrierError, and the async-generator shutdown asyncio.run() performs. Run
// once into the asyncio module's namespace.
#include <script/runtime/asyncio_module.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

namespace script {

namespace {

const char* const kSource = R"py(
class BrokenBarrierError(RuntimeError):
    __module__ = "asyncio.exceptions"


class Barrier:
    __module__ = "asyncio.locks"

    def __init__(self, parties):
        if parties < 1:
            raise ValueError('parties must be > 0')
        self._cond = Condition()
        self._parties = parties
        self._state = "filling"
        self._count = 0

    def __repr__(self):
        extra = self._state
        if not self.broken:
            extra += f", waiters:{self.n_waiting}/{self.parties}"
        return f"<asyncio.locks.Barrier object at {id(self):#014x} [{extra}]>"

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        async with self._cond:
            # Wait while an earlier round drains or resets.
            await self._cond.wait_for(lambda: self._state not in ("draining", "resetting"))
            if self._state == "broken":
                raise BrokenBarrierError("Barrier aborted")
            try:
                index = self._count
                self._count += 1
                if index + 1 == self._parties:
                    self._state = "draining"
                    self._cond.notify_all()
                else:
                    await self._cond.wait_for(lambda: self._state != "filling")
                    if self._state in ("broken", "resetting"):
                        raise BrokenBarrierError("Abort or reset of barrier")
                return index
            finally:
                self._count -= 1
                if self._count == 0:
                    if self._state in ("resetting", "draining"):
                        self._state = "filling"
                    self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                self._state = "resetting"
            else:
                self._state = "filling"
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = "broken"
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count if self._state == "filling" else 0

    @property
    def broken(self):
        return self._state == "broken"


async def _await_it(awaitable):
    return await awaitable


async def _aclose_one(agen):
    await agen.aclose()


async def _shutdown_asyncgens(agens):
    results = await gather(*[_aclose_one(ag) for ag in agens], return_exceptions=True)
    for result, agen in zip(results, agens):
        if isinstance(result, Exception):
            _report(f"an error occurred during closing of asynchronous generator {agen!r}", result)
)py";

Value report_error(Interpreter& in, Args& a)
{
    if (a.size() == 2)
        in.host().write_stderr(ops::to_str(in, a[0]) + "\n" + in.format_exception(a[1], TracebackStyle::traceback_module));
    return Value::none();
}

}  // namespace

void install_asyncio_python(AsyncioRuntime& rt, const Value& module)
{
    Interpreter& in = rt.in;
    SyntaxErrorInfo error;
    Value code = in.load_program(kSource, "<asyncio>", error);
    if (!code)
        return;
    module_add(in, module, "_report", report_error);
    in.exec_code(code, module.as<Module>()->dict);
}

}  // namespace script
