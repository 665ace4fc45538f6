// Methods of list, tuple, dict, set/frozenset, int, float, the iterators and the
// generator family (send/throw/close, asend/athrow/aclose).
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/set_algorithms.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/float_format.hpp>

#include <algorithm>

namespace script {

void sort_list_values(Interpreter& in, std::vector<Value>& items, const Value& key, bool reverse);
void dict_update_from(Interpreter& in, const Value& d, const Value& src);

namespace {

void nargs(Interpreter& in, Args& a, std::size_t lo, std::size_t hi, const char* name)
{
    std::size_t n = a.size() - 1;
    if (n < lo || n > hi) {
        if (lo == hi)
            in.raise(Exc::TypeError, std::string(name) + "() takes exactly " + (lo == 1 ? "one argument" : std::to_string(lo) + " arguments") +
                                         " (" + std::to_string(n) + " given)");
        in.raise(Exc::TypeError, std::string(name) + " expected at most " + std::to_string(hi) + " argument" + (hi == 1 ? "" : "s") +
                                     ", got " + std::to_string(n));
    }
}

std::vector<Value>& L(Args& a) { return a[0].as<List>()->items; }

// ------------------------------------------------------------------ list

Value l_append(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "list.append");
    L(a).push_back(a[1]);
    return Value::none();
}

Value l_extend(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "list.extend");
    auto items = ops::to_vector(in, a[1]);
    auto& l = L(a);
    l.insert(l.end(), items.begin(), items.end());
    return Value::none();
}

Value l_insert(Interpreter& in, Args& a)
{
    if (a.size() != 3) in.raise(Exc::TypeError, "insert expected 2 arguments, got " + std::to_string(a.size() - 1));
    auto& l = L(a);
    std::int64_t i = ops::to_index(in, a[1]);
    auto n = static_cast<std::int64_t>(l.size());
    if (i < 0) i = std::max<std::int64_t>(0, i + n);
    if (i > n) i = n;
    l.insert(l.begin() + i, a[2]);
    return Value::none();
}

Value l_pop(Interpreter& in, Args& a)
{
    nargs(in, a, 0, 1, "pop");
    auto& l = L(a);
    if (l.empty()) in.raise(Exc::IndexError, "pop from empty list");
    std::int64_t i = a.size() > 1 ? ops::to_index(in, a[1]) : -1;
    auto n = static_cast<std::int64_t>(l.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) in.raise(Exc::IndexError, "pop index out of range");
    Value v = l[static_cast<std::size_t>(i)];
    l.erase(l.begin() + i);
    return v;
}

Value l_remove(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "list.remove");
    auto& l = L(a);
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (l[i].same(a[1]) || ops::eq(in, l[i], a[1])) {
            l.erase(l.begin() + static_cast<std::ptrdiff_t>(i));
            return Value::none();
        }
    }
    in.raise(Exc::ValueError, "list.remove(x): x not in list");
}

Value seq_index(Interpreter& in, Args& a, const std::vector<Value>& items, const char* what)
{
    if (a.size() < 2) in.raise(Exc::TypeError, "index expected at least 1 argument, got 0");
    auto n = static_cast<std::int64_t>(items.size());
    std::int64_t start = a.size() > 2 ? ops::to_index(in, a[2]) : 0;
    std::int64_t stop = a.size() > 3 ? ops::to_index(in, a[3]) : n;
    if (start < 0) start = std::max<std::int64_t>(0, start + n);
    if (stop < 0) stop = std::max<std::int64_t>(0, stop + n);
    for (std::int64_t i = start; i < std::min(stop, static_cast<std::int64_t>(items.size())); ++i)
        if (items[static_cast<std::size_t>(i)].same(a[1]) || ops::eq(in, items[static_cast<std::size_t>(i)], a[1])) return Value::integer(i);
    if (std::string(what) == "list") in.raise(Exc::ValueError, ops::repr(in, a[1]) + " is not in list");
    in.raise(Exc::ValueError, "tuple.index(x): x not in tuple");
}

Value seq_count(Interpreter& in, Args& a, const std::vector<Value>& items)
{
    std::int64_t n = 0;
    for (auto& x : std::vector<Value>(items))
        if (x.same(a[1]) || ops::eq(in, x, a[1])) ++n;
    return Value::integer(n);
}

Value l_index(Interpreter& in, Args& a) { return seq_index(in, a, std::vector<Value>(L(a)), "list"); }
Value l_count(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "list.count");
    return seq_count(in, a, L(a));
}
Value t_index(Interpreter& in, Args& a) { return seq_index(in, a, a[0].as<Tuple>()->items, "tuple"); }
Value t_count(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "tuple.count");
    return seq_count(in, a, a[0].as<Tuple>()->items);
}

Value l_clear(Interpreter&, Args& a)
{
    std::vector<Value> old;
    old.swap(L(a));
    return Value::none();
}

Value l_copy(Interpreter& in, Args& a) { return in.list(L(a)); }

Value l_reverse(Interpreter&, Args& a)
{
    std::reverse(L(a).begin(), L(a).end());
    return Value::none();
}

Value l_sort(Interpreter& in, Args& a)
{
    if (a.size() > 1) in.raise(Exc::TypeError, "sort() takes no positional arguments");
    for (std::size_t i = 0; i < a.nkw; ++i) {
        const std::string& k = ops::str_of(a.kwnames[i]);
        if (k != "key" && k != "reverse") in.raise(Exc::TypeError, "'" + k + "' is an invalid keyword argument for sort()");
    }
    std::vector<Value> items;
    items.swap(L(a));
    Value rev = a.kw("reverse");
    try {
        sort_list_values(in, items, a.kw("key"), rev && ops::truthy(in, rev));
    } catch (...) {
        if (L(a).empty()) L(a).swap(items);
        throw;
    }
    if (!L(a).empty()) in.raise(Exc::ValueError, "list modified during sort");
    L(a).swap(items);
    return Value::none();
}

// ------------------------------------------------------------------ dict

DictTable& D(Args& a) { return a[0].as<Dict>()->table; }

Value d_get(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 2, "get");
    Value* v = D(a).get(a[1], ops::hash(in, a[1]));
    if (v) return *v;
    return a.size() > 2 ? a[2] : Value::none();
}

Value make_view(Interpreter& in, Args& a, ViewKind k)
{
    Type* t = k == ViewKind::Keys ? in.t_dict_keys : k == ViewKind::Values ? in.t_dict_values : in.t_dict_items;
    auto* v = in.heap().make<DictView>(t);
    v->kind = k;
    v->dict = a[0];
    return Value(v);
}
Value d_keys(Interpreter& in, Args& a) { return make_view(in, a, ViewKind::Keys); }
Value d_values(Interpreter& in, Args& a) { return make_view(in, a, ViewKind::Values); }
Value d_items(Interpreter& in, Args& a) { return make_view(in, a, ViewKind::Items); }

Value d_pop(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 2, "pop");
    Value old;
    if (D(a).erase(a[1], ops::hash(in, a[1]), &old)) return old;
    if (a.size() > 2) return a[2];
    throw PyThrow{in.make_exception(in.exc_type(Exc::KeyError), {a[1]})};
}

Value d_popitem(Interpreter& in, Args& a)
{
    DictEntry e;
    if (!D(a).pop_last(e)) in.raise(Exc::KeyError, "popitem(): dictionary is empty");
    return in.tuple({e.key, e.value});
}

Value d_setdefault(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 2, "setdefault");
    std::int64_t h = ops::hash(in, a[1]);
    Value* v = D(a).get(a[1], h);
    if (v) return *v;
    Value d = a.size() > 2 ? a[2] : Value::none();
    D(a).set(a[1], h, d);
    return d;
}

Value d_update(Interpreter& in, Args& a)
{
    nargs(in, a, 0, 1, "update");
    if (a.size() > 1) dict_update_from(in, a[0], a[1]);
    for (std::size_t i = 0; i < a.nkw; ++i) ops::dict_set(in, a[0], a.kwnames[i], a.kwvals[i]);
    return Value::none();
}

Value d_clear(Interpreter&, Args& a)
{
    D(a).clear();
    return Value::none();
}

Value d_copy(Interpreter& in, Args& a)
{
    Value d = in.dict();
    for (auto& e : D(a).entries())
        if (!e.key.is_null()) d.as<Dict>()->table.set(e.key, e.hash, e.value);
    return d;
}

Value d_fromkeys(Interpreter& in, Args& a)
{
    if (a.size() < 2) in.raise(Exc::TypeError, "fromkeys expected at least 1 argument, got 0");
    Value d = in.dict();
    Value v = a.size() > 2 ? a[2] : Value::none();
    for (auto& k : ops::to_vector(in, a[1])) ops::dict_set(in, d, k, v);
    return d;
}

Value d_iter(Interpreter& in, Args& a) { return ops::get_iter(in, a[0]); }
Value d_getitem(Interpreter& in, Args& a) { return ops::getitem(in, a[0], a[1]); }
Value d_setitem(Interpreter& in, Args& a)
{
    ops::setitem(in, a[0], a[1], a[2]);
    return Value::none();
}
Value d_contains(Interpreter& in, Args& a) { return Value::boolean(ops::contains(in, a[0], a[1])); }
Value d_len(Interpreter& in, Args& a) { return Value::integer(ops::len(in, a[0])); }

// ------------------------------------------------------------------- set

SetTable& ST(const Value& v) { return v.as<SetObj>()->table; }

Value to_set(Interpreter& in, const Value& v)
{
    if (v.is_obj() && (v.obj()->type == in.t_set || v.obj()->type == in.t_frozenset)) return v;
    Value s = in.set();
    for (auto& x : ops::to_vector(in, v)) ops::set_add(in, s, x);
    return s;
}

Value s_add(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "set.add");
    ops::set_add(in, a[0], a[1]);
    return Value::none();
}

Value s_remove(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "set.remove");
    if (!ST(a[0]).discard(a[1], ops::hash(in, a[1]))) throw PyThrow{in.make_exception(in.exc_type(Exc::KeyError), {a[1]})};
    return Value::none();
}

Value s_discard(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "set.discard");
    ST(a[0]).discard(a[1], ops::hash(in, a[1]));
    return Value::none();
}

Value s_pop(Interpreter& in, Args& a)
{
    Value out;
    if (!ST(a[0]).pop(out)) in.raise(Exc::KeyError, "pop from an empty set");
    return out;
}

Value s_clear(Interpreter&, Args& a)
{
    ST(a[0]).clear();
    return Value::none();
}

Value s_copy(Interpreter& in, Args& a)
{
    Value s = in.set(a[0].obj()->type == in.t_frozenset);
    ST(s).merge(ST(a[0]));
    return s;
}

Value s_update(Interpreter& in, Args& a)
{
    for (std::size_t i = 1; i < a.size(); ++i) setalg::update(in, ST(a[0]), a[i]);
    return Value::none();
}

// The methods take any iterables and follow CPython's set_union, set_intersection_multi,
// set_difference_multi and friends (set_algorithms.hpp), so results print in its order.
Value with_table(Interpreter& in, const Value& like, SetTable&& t)
{
    Value s = in.set(like.obj()->type == in.t_frozenset);
    ST(s).replace(std::move(t));
    return s;
}

SetTable intersection_multi(Interpreter& in, Args& a)
{
    if (a.size() == 1) return setalg::copy(ST(a[0]));
    SetTable r = setalg::intersection(in, ST(a[0]), a[1]);
    for (std::size_t i = 2; i < a.size(); ++i) r = setalg::intersection(in, r, a[i]);
    return r;
}

Value s_union(Interpreter& in, Args& a)
{
    SetTable r = setalg::copy(ST(a[0]));
    for (std::size_t i = 1; i < a.size(); ++i) setalg::update(in, r, a[i]);
    return with_table(in, a[0], std::move(r));
}

Value s_intersection(Interpreter& in, Args& a) { return with_table(in, a[0], intersection_multi(in, a)); }

Value s_difference(Interpreter& in, Args& a)
{
    if (a.size() == 1) return with_table(in, a[0], setalg::copy(ST(a[0])));
    SetTable r = setalg::difference(in, ST(a[0]), a[1]);
    for (std::size_t i = 2; i < a.size(); ++i) setalg::difference_update(in, r, a[i]);
    return with_table(in, a[0], std::move(r));
}

Value s_symmetric_difference(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "set.symmetric_difference");
    return with_table(in, a[0], setalg::symmetric_difference(in, ST(a[0]), a[1]));
}

Value s_intersection_update(Interpreter& in, Args& a)
{
    ST(a[0]).replace(intersection_multi(in, a));
    return Value::none();
}

Value s_difference_update(Interpreter& in, Args& a)
{
    for (std::size_t i = 1; i < a.size(); ++i) setalg::difference_update(in, ST(a[0]), a[i]);
    return Value::none();
}

Value s_symmetric_difference_update(Interpreter& in, Args& a)
{
    nargs(in, a, 1, 1, "set.symmetric_difference_update");
    setalg::symmetric_difference_update(in, ST(a[0]), a[1]);
    return Value::none();
}

Value s_issubset(Interpreter& in, Args& a) { return ops::compare(in, CmpOp::Le, a[0], to_set(in, a[1])); }
Value s_issuperset(Interpreter& in, Args& a) { return ops::compare(in, CmpOp::Ge, a[0], to_set(in, a[1])); }
Value s_isdisjoint(Interpreter& in, Args& a)
{
    Value other = to_set(in, a[1]);
    for (auto& e : ST(a[0]).table())
        if (!e.key.is_null() && ST(other).contains(e.key, e.hash)) return Value::boolean(false);
    return Value::boolean(true);
}

// ------------------------------------------------------------ int, float

Value i_bit_length(Interpreter&, Args& a) { return Value::integer(ops::bigint_of(a[0]).bit_length()); }
Value i_bit_count(Interpreter&, Args& a) { return Value::integer(ops::bigint_of(a[0]).bit_count()); }
Value i_conjugate(Interpreter&, Args& a) { return a[0].is_bool() ? Value::integer(a[0].as_int()) : a[0]; }
Value i_as_integer_ratio(Interpreter& in, Args& a) { return in.tuple({i_conjugate(in, a), Value::integer(1)}); }
Value i_is_integer(Interpreter&, Args&) { return Value::boolean(true); }

Value f_is_integer(Interpreter&, Args& a) { return Value::boolean(support::float_is_integer(a[0].as_float())); }
Value f_as_integer_ratio(Interpreter& in, Args& a)
{
    auto [n, d] = support::float_as_integer_ratio(a[0].as_float());
    return in.tuple({in.integer(n), in.integer(d)});
}
Value f_conjugate(Interpreter&, Args& a) { return a[0]; }

// ------------------------------------------------------ iterators, generators

Value it_iter(Interpreter&, Args& a) { return a[0]; }
Value it_next(Interpreter& in, Args& a)
{
    if (in.type_of(a[0]) == in.t_generator) {
        Value out;
        if (in.resume_gen(a[0].as<GenObj>(), Value::none(), Value(), out) == Interpreter::Resume::Yielded) return out;
        throw PyThrow{in.make_exception(in.exc_type(Exc::StopIteration), out.is_none() ? std::vector<Value>{} : std::vector<Value>{out})};
    }
    Value v = ops::next(in, a[0]);
    if (!v) throw PyThrow{in.make_exception(in.exc_type(Exc::StopIteration), {})};
    return v;
}
Value any_iter(Interpreter& in, Args& a) { return ops::get_iter(in, a[0]); }

Value g_send(Interpreter& in, Args& a)
{
    if (a.size() != 2) in.raise(Exc::TypeError, "send() takes exactly one argument (" + std::to_string(a.size() - 1) + " given)");
    Value out;
    if (in.resume_gen(a[0].as<GenObj>(), a[1], Value(), out) == Interpreter::Resume::Yielded) return out;
    throw PyThrow{in.make_exception(in.exc_type(Exc::StopIteration), out.is_none() ? std::vector<Value>{} : std::vector<Value>{out})};
}

Value g_throw(Interpreter& in, Args& a)
{
    if (a.size() < 2) in.raise(Exc::TypeError, "throw expected at least 1 argument, got 0");
    Value exc = exception_from_raise_operand(in, a.size() > 2 && !a[2].is_none() ? in.call(a[1], std::span<const Value>(&a[2], 1)) : a[1]);
    Value out;
    if (in.resume_gen(a[0].as<GenObj>(), Value(), exc, out) == Interpreter::Resume::Yielded) return out;
    throw PyThrow{in.make_exception(in.exc_type(Exc::StopIteration), out.is_none() ? std::vector<Value>{} : std::vector<Value>{out})};
}

Value g_close(Interpreter& in, Args& a)
{
    in.close(a[0]);
    return Value::none();
}

Value coro_await(Interpreter&, Args& a) { return a[0]; }

Value agen_awaitable(Interpreter& in, const Value& agen, AsyncGenAwaitable::Kind kind, Value v)
{
    auto* aw = in.heap().make<AsyncGenAwaitable>(in.t_agen_awaitable);
    Value awv(aw);
    aw->agen = agen;
    aw->kind = kind;
    aw->value = std::move(v);
    return awv;
}

Value ag_anext(Interpreter& in, Args& a) { return agen_awaitable(in, a[0], AsyncGenAwaitable::Kind::Send, Value::none()); }
Value ag_asend(Interpreter& in, Args& a) { return agen_awaitable(in, a[0], AsyncGenAwaitable::Kind::Send, a.size() > 1 ? a[1] : Value::none()); }
Value ag_athrow(Interpreter& in, Args& a)
{
    if (a.size() < 2) in.raise(Exc::TypeError, "athrow expected at least 1 argument, got 0");
    return agen_awaitable(in, a[0], AsyncGenAwaitable::Kind::Throw, exception_from_raise_operand(in, a[1]));
}
Value ag_aclose(Interpreter& in, Args& a) { return agen_awaitable(in, a[0], AsyncGenAwaitable::Kind::Close, Value()); }
Value ag_aiter(Interpreter&, Args& a) { return a[0]; }

}  // namespace

void install_container_methods(Interpreter& in)
{
    struct M {
        const char* name;
        NativeFnPtr fn;
    };
    auto add = [&](Type* t, std::initializer_list<M> ms) {
        for (auto& m : ms) in.add_method(t, m.name, m.fn);
    };
    add(in.t_list, {{"append", l_append}, {"extend", l_extend}, {"insert", l_insert}, {"pop", l_pop}, {"remove", l_remove},
                    {"index", l_index}, {"count", l_count}, {"clear", l_clear}, {"copy", l_copy}, {"reverse", l_reverse},
                    {"sort", l_sort}, {"__iter__", any_iter}, {"__len__", d_len}, {"__getitem__", d_getitem},
                    {"__setitem__", d_setitem}, {"__contains__", d_contains}});
    add(in.t_tuple, {{"index", t_index}, {"count", t_count}, {"__iter__", any_iter}, {"__len__", d_len},
                     {"__getitem__", d_getitem}, {"__contains__", d_contains}});
    add(in.t_dict, {{"get", d_get}, {"keys", d_keys}, {"values", d_values}, {"items", d_items}, {"pop", d_pop},
                    {"popitem", d_popitem}, {"setdefault", d_setdefault}, {"update", d_update}, {"clear", d_clear},
                    {"copy", d_copy}, {"__iter__", d_iter}, {"__getitem__", d_getitem}, {"__setitem__", d_setitem},
                    {"__contains__", d_contains}, {"__len__", d_len}});
    {
        Value f = in.native("fromkeys", d_fromkeys, Value(), true);
        f.as<NativeFn>()->is_classmethod = true;
        ops::dict_set(in, in.t_dict->dict, in.intern("fromkeys"), f);
    }
    add(in.t_set, {{"add", s_add}, {"remove", s_remove}, {"discard", s_discard}, {"pop", s_pop}, {"clear", s_clear},
                   {"copy", s_copy}, {"update", s_update}, {"union", s_union}, {"intersection", s_intersection},
                   {"difference", s_difference}, {"symmetric_difference", s_symmetric_difference},
                   {"intersection_update", s_intersection_update}, {"difference_update", s_difference_update},
                   {"symmetric_difference_update", s_symmetric_difference_update}, {"issubset", s_issubset},
                   {"issuperset", s_issuperset}, {"isdisjoint", s_isdisjoint}, {"__iter__", any_iter},
                   {"__len__", d_len}, {"__contains__", d_contains}});
    add(in.t_frozenset, {{"copy", s_copy}, {"union", s_union}, {"intersection", s_intersection}, {"difference", s_difference},
                         {"symmetric_difference", s_symmetric_difference}, {"issubset", s_issubset},
                         {"issuperset", s_issuperset}, {"isdisjoint", s_isdisjoint}, {"__iter__", any_iter},
                         {"__len__", d_len}, {"__contains__", d_contains}});
    add(in.t_int, {{"bit_length", i_bit_length}, {"bit_count", i_bit_count}, {"conjugate", i_conjugate},
                   {"as_integer_ratio", i_as_integer_ratio}});
    add(in.t_float, {{"is_integer", f_is_integer}, {"as_integer_ratio", f_as_integer_ratio}, {"conjugate", f_conjugate}});
    add(in.t_range, {{"__iter__", any_iter}, {"__len__", d_len}, {"__contains__", d_contains}, {"__getitem__", d_getitem}});
    for (Type* t : {in.t_dict_keys, in.t_dict_values, in.t_dict_items}) add(t, {{"__iter__", any_iter}, {"__len__", d_len}});
    for (Type* t : in.t_iters)
        if (t) add(t, {{"__iter__", it_iter}, {"__next__", it_next}});
    add(in.t_generator, {{"__iter__", it_iter}, {"__next__", it_next}, {"send", g_send}, {"throw", g_throw}, {"close", g_close}});
    add(in.t_coroutine, {{"send", g_send}, {"throw", g_throw}, {"close", g_close}, {"__await__", coro_await}});
    add(in.t_async_generator, {{"__anext__", ag_anext}, {"__aiter__", ag_aiter}, {"asend", ag_asend}, {"athrow", ag_athrow},
                               {"aclose", ag_aclose}});
    (void)i_is_integer;
}

}  // namespace script
