// Python's generic operations on values (arithmetic, comparison, hashing, repr/str,
// truth, iteration, subscripting, len, format) shared by the VM and the builtins. They
// raise Python exceptions by throwing PyThrow. Threading: interpreter thread only.
#pragma once

#include <script/runtime/interpreter.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace script::ops {

std::string type_name(Interpreter& in, const Value& v);
bool is_str(const Value& v) noexcept;
bool is_int_like(const Value& v) noexcept;  // bool, int or big int
inline const std::string& str_of(const Value& v) noexcept { return v.as<Str>()->s; }
std::int64_t str_length(const Str* s) noexcept;  // code points

std::int64_t hash(Interpreter& in, const Value& v);
bool truthy(Interpreter& in, const Value& v);
std::string repr(Interpreter& in, const Value& v);
// The largest str (in bytes) an operation builds; past it, MemoryError (as CPython's
// allocator gives on such a machine) instead of minutes of paging.
inline constexpr std::uint64_t kMaxStrBytes = std::uint64_t{1} << 31;
// The same for the items of a list or tuple.
inline constexpr std::uint64_t kMaxSeqItems = std::uint64_t{1} << 28;
// MemoryError when a str of `count` copies of `unit` bytes would pass kMaxStrBytes.
void check_str_size(Interpreter& in, std::uint64_t count, std::uint64_t unit);
// ascii(v): repr(v) with every non-ASCII character escaped (\xhh, \uhhhh, \Uhhhhhhhh).
std::string ascii(Interpreter& in, const Value& v);
std::string to_str(Interpreter& in, const Value& v);
std::string format(Interpreter& in, const Value& v, std::string_view spec);

Value binary(Interpreter& in, BinOp op, const Value& a, const Value& b, bool inplace = false);
Value compare(Interpreter& in, CmpOp op, const Value& a, const Value& b);
bool eq(Interpreter& in, const Value& a, const Value& b);
bool lt(Interpreter& in, const Value& a, const Value& b);  // a < b as a bool (sorting)
bool contains(Interpreter& in, const Value& container, const Value& item);
Value negate(Interpreter& in, const Value& v);
Value positive(Interpreter& in, const Value& v);
Value invert(Interpreter& in, const Value& v);

Value get_iter(Interpreter& in, const Value& v);
// The next item, or null when the iterator is exhausted (StopIteration consumed).
Value next(Interpreter& in, const Value& it);
std::vector<Value> to_vector(Interpreter& in, const Value& iterable);

Value getitem(Interpreter& in, const Value& obj, const Value& key);
void setitem(Interpreter& in, const Value& obj, const Value& key, const Value& v);
void delitem(Interpreter& in, const Value& obj, const Value& key);
std::int64_t len(Interpreter& in, const Value& v);

// int(v) semantics for an index (__index__): ints and bools only.
std::int64_t to_index(Interpreter& in, const Value& v, const char* what = nullptr);
bool to_bigint(const Value& v, support::BigInt& out);  // false if not int-like
support::BigInt bigint_of(const Value& v);             // caller checked is_int_like
Value normalize(Interpreter& in, support::BigInt v);   // int64 when it fits
double to_double(Interpreter& in, const Value& v);     // int/float/bool, TypeError otherwise

// Slices: resolves start/stop/step for a sequence of length n (CPython's PySlice_AdjustIndices).
void slice_indices(Interpreter& in, const SliceObj* s, std::int64_t n, std::int64_t& start, std::int64_t& stop,
                   std::int64_t& step, std::int64_t& count);

// Dict helpers (keys hashed with hash()).
Value dict_get(Interpreter& in, const Value& d, const Value& key);  // null if missing
void dict_set(Interpreter& in, const Value& d, const Value& key, const Value& v);
Value dict_get_str(const Value& d, const Value& key);  // interned-Str key fast path
void set_add(Interpreter& in, const Value& s, const Value& key);

Value str_getitem(Interpreter& in, const Str* s, const Value& key);
std::string str_mod(Interpreter& in, const std::string& fmt, const Value& args);
std::string str_format(Interpreter& in, const std::string& fmt, std::span<const Value> args,
                       std::span<const Value> kwnames, std::span<const Value> kwvals);

}  // namespace script::ops
