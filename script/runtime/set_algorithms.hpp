// The set operations of CPython 3.11's setobject.c, step for step (which table is
// copied, which side is iterated, discard versus rebuild), so a result's table and
// therefore its iteration order are the ones CPython builds. `other` is a set or
// frozenset, or any iterable. Interpreter thread only.
#pragma once

#include <script/runtime/hash_table.hpp>
#include <script/runtime/value.hpp>

namespace script {

class Interpreter;

namespace setalg {

SetTable copy(const SetTable& so);                                                   // set_copy
void update(Interpreter& in, SetTable& so, const Value& other);                      // set_update_internal
SetTable intersection(Interpreter& in, const SetTable& so, const Value& other);      // set_intersection
SetTable difference(Interpreter& in, const SetTable& so, const Value& other);        // set_difference
void difference_update(Interpreter& in, SetTable& so, const Value& other);           // set_difference_update_internal
SetTable symmetric_difference(Interpreter& in, const SetTable& so, const Value& other);
void symmetric_difference_update(Interpreter& in, SetTable& so, const Value& other);

}  // namespace setalg
}  // namespace script
