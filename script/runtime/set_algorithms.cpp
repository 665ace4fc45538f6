#include <script/runtime/set_algorithms.hpp>

#include <script/runtime/interpreter.hpp>
#include <script/runtime/ops.hpp>

namespace script::setalg {

namespace {

const SetTable* as_set(Interpreter& in, const Value& v)
{
    if (v.is_obj() && (v.obj()->type == in.t_set || v.obj()->type == in.t_frozenset)) return &v.as<SetObj>()->table;
    return nullptr;
}

// A set of an iterable's items, built by adding them in order (make_new_set).
SetTable from_iterable(Interpreter& in, const Value& other)
{
    SetTable t;
    for (const Value& x : ops::to_vector(in, other)) t.add(x, ops::hash(in, x));
    return t;
}

}  // namespace

SetTable copy(const SetTable& so)
{
    SetTable r;
    r.merge(so);
    return r;
}

void update(Interpreter& in, SetTable& so, const Value& other)
{
    if (const SetTable* o = as_set(in, other)) {
        so.merge(*o);
        return;
    }
    for (const Value& x : ops::to_vector(in, other)) so.add(x, ops::hash(in, x));
}

SetTable intersection(Interpreter& in, const SetTable& so, const Value& other)
{
    SetTable r;
    if (const SetTable* o = as_set(in, other)) {
        const SetTable* big = &so;
        const SetTable* small = o;
        if (small->size() > big->size()) std::swap(small, big);  // iterate the smaller; `other` on a tie
        for (const SetEntry& e : small->table())
            if (!e.key.is_null() && big->contains(e.key, e.hash)) r.add(e.key, e.hash);
        return r;
    }
    for (const Value& x : ops::to_vector(in, other)) {
        const std::int64_t h = ops::hash(in, x);
        if (so.contains(x, h)) r.add(x, h);
    }
    return r;
}

void difference_update(Interpreter& in, SetTable& so, const Value& other)
{
    if (const SetTable* o = as_set(in, other)) {
        if (o == &so) {
            so.clear();
            return;
        }
        for (const SetEntry& e : o->table())
            if (!e.key.is_null()) so.discard(e.key, e.hash);
        return;
    }
    for (const Value& x : ops::to_vector(in, other)) so.discard(x, ops::hash(in, x));
}

SetTable difference(Interpreter& in, const SetTable& so, const Value& other)
{
    const SetTable* o = as_set(in, other);
    // A small `other`, or one that is not a set: copy so, then discard (set_copy_and_difference).
    if (!o || (so.size() >> 2) > o->size()) {
        SetTable r = copy(so);
        difference_update(in, r, other);
        return r;
    }
    SetTable r;
    for (const SetEntry& e : so.table())
        if (!e.key.is_null() && !o->contains(e.key, e.hash)) r.add(e.key, e.hash);
    return r;
}

void symmetric_difference_update(Interpreter& in, SetTable& so, const Value& other)
{
    SetTable built;
    const SetTable* o = as_set(in, other);
    if (!o) {
        built = from_iterable(in, other);
        o = &built;
    }
    if (o == &so) {
        so.clear();
        return;
    }
    for (const SetEntry& e : o->table())
        if (!e.key.is_null() && !so.discard(e.key, e.hash)) so.add(e.key, e.hash);
}

SetTable symmetric_difference(Interpreter& in, const SetTable& so, const Value& other)
{
    SetTable r;
    if (const SetTable* o = as_set(in, other)) r.merge(*o);
    else r = from_iterable(in, other);
    // `so` is a set: symmetric_difference_update(r, so) iterates so's table.
    for (const SetEntry& e : so.table())
        if (!e.key.is_null() && !r.discard(e.key, e.hash)) r.add(e.key, e.hash);
    return r;
}

}  // namespace script::setalg
