// The two hash tables behind dict and set. DictTable keeps insertion order (compact
// entries + index, like CPython's dict). SetTable reproduces CPython 3.11's set table
// (size, linear probes, perturbation, resize policy) so iteration order matches CPython
// for keys whose hashes match (ints, floats, tuples of those). Key comparison may run
// Python __eq__ and therefore throw; tables stay consistent when it does.
// Threading: owned by one dict/set object, one interpreter thread.
#pragma once

#include <script/runtime/value.hpp>

#include <cstdint>
#include <vector>

namespace script {

struct DictEntry {
    Value key;  // Null: deleted
    Value value;
    std::int64_t hash = 0;
};

class DictTable {
public:
    std::size_t size() const noexcept { return used_; }
    // Index into entries() or -1.
    std::int64_t find(const Value& key, std::int64_t hash) const;
    Value* get(const Value& key, std::int64_t hash) const
    {
        std::int64_t i = find(key, hash);
        return i < 0 ? nullptr : const_cast<Value*>(&entries_[static_cast<std::size_t>(i)].value);
    }
    void set(const Value& key, std::int64_t hash, Value value);
    bool erase(const Value& key, std::int64_t hash, Value* old_value = nullptr);
    void clear() noexcept;
    const std::vector<DictEntry>& entries() const noexcept { return entries_; }
    std::vector<DictEntry>& entries() noexcept { return entries_; }
    // Bumped on every insertion or deletion, to detect "changed size during iteration".
    std::uint64_t version() const noexcept { return version_; }
    // Removes and returns the last entry (popitem).
    bool pop_last(DictEntry& out);

private:
    void rebuild(std::size_t min_capacity);
    std::vector<DictEntry> entries_;
    std::vector<std::int32_t> index_;  // -1 empty, -2 deleted, else entry number
    std::size_t used_ = 0;
    std::size_t deleted_in_index_ = 0;
    std::uint64_t version_ = 0;
};

struct SetEntry {
    Value key;                // Null with hash 0: empty; Null with hash -1: dummy
    std::int64_t hash = 0;
};

class SetTable {
public:
    SetTable() { table_.resize(8); }
    std::size_t size() const noexcept { return used_; }
    bool contains(const Value& key, std::int64_t hash) const;
    // Returns true if added.
    bool add(const Value& key, std::int64_t hash);
    bool discard(const Value& key, std::int64_t hash);
    void clear();
    const std::vector<SetEntry>& table() const noexcept { return table_; }
    std::uint64_t version() const noexcept { return version_; }
    // set(other) / update from another set: CPython's set_merge.
    void merge(const SetTable& other);
    // Takes other's table as it is (CPython's set_swap_bodies, as in intersection_update).
    void replace(SetTable&& other)
    {
        const std::uint64_t v = version_;
        *this = std::move(other);
        version_ = v + 1;
    }
    bool pop(Value& out);

private:
    void resize(std::size_t minused);
    void insert_clean(std::vector<SetEntry>& table, std::size_t mask, const Value& key, std::int64_t hash);
    std::vector<SetEntry> table_;
    std::size_t fill_ = 0;
    std::size_t used_ = 0;
    std::size_t finger_ = 0;
    std::uint64_t version_ = 0;
};

}  // namespace script
