// typing: the names tutorials import for annotations. Annotations are not evaluated at run
// time, so each name only needs to exist (and to accept subscription, as in List[int]).
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>

namespace script {

namespace {

Value identity(Interpreter&, Args& a) { return a.size() ? a[a.size() - 1] : Value::none(); }

}  // namespace

Value make_typing_module(Interpreter& in)
{
    Value m = make_module(in, "typing");
    // Subscription of a type object returns it (ops::getitem on builtin types).
    for (const char* name : {"Any", "List", "Dict", "Set", "FrozenSet", "Tuple", "Optional", "Union", "Callable",
                             "Awaitable", "Coroutine", "AsyncIterator", "AsyncIterable", "AsyncGenerator", "Iterator",
                             "Iterable", "Generator", "Sequence", "Mapping", "MutableMapping", "Type", "NoReturn",
                             "ClassVar", "Final", "Literal", "Deque", "DefaultDict", "Hashable", "Sized", "TypeVar"}) {
        Type* t = in.new_type(name, in.t_object, Layout::Instance, true);
        t->module = "typing";
        t->construct = identity;
        module_set(in, m, name, Value(t));
    }
    module_set(in, m, "TYPE_CHECKING", Value::boolean(false));
    module_add(in, m, "cast", identity);
    return m;
}

}  // namespace script
