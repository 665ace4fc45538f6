#include <script/runtime/hash_table.hpp>

namespace script {

bool py_eq_bool(const Value& a, const Value& b);  // ops.cpp

namespace {
inline bool fast_same(const Value& a, const Value& b) { return a.same(b); }
constexpr std::size_t linear_probes = 9;
constexpr int perturb_shift = 5;
}  // namespace

// ------------------------------------------------------------------ DictTable

std::int64_t DictTable::find(const Value& key, std::int64_t hash) const
{
    if (index_.empty()) return -1;
    std::size_t mask = index_.size() - 1;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    for (;;) {
        std::int32_t ix = index_[i];
        if (ix == -1) return -1;
        if (ix >= 0) {
            const DictEntry& e = entries_[static_cast<std::size_t>(ix)];
            if (e.hash == hash && (fast_same(e.key, key) || py_eq_bool(e.key, key))) return ix;
        }
        perturb >>= perturb_shift;
        i = (i * 5 + perturb + 1) & mask;
    }
}

void DictTable::rebuild(std::size_t min_capacity)
{
    // Compact the entries, then index them again.
    if (used_ != entries_.size()) {
        std::vector<DictEntry> live;
        live.reserve(used_ + 1);
        for (auto& e : entries_)
            if (!e.key.is_null()) live.push_back(std::move(e));
        entries_ = std::move(live);
    }
    std::size_t size = 8;
    while (size * 2 < min_capacity * 3) size <<= 1;
    index_.assign(size, -1);
    deleted_in_index_ = 0;
    std::size_t mask = size - 1;
    for (std::size_t n = 0; n < entries_.size(); ++n) {
        std::size_t perturb = static_cast<std::size_t>(entries_[n].hash);
        std::size_t i = perturb & mask;
        while (index_[i] != -1) {
            perturb >>= perturb_shift;
            i = (i * 5 + perturb + 1) & mask;
        }
        index_[i] = static_cast<std::int32_t>(n);
    }
}

void DictTable::set(const Value& key, std::int64_t hash, Value value)
{
    std::int64_t found = find(key, hash);
    if (found >= 0) {
        entries_[static_cast<std::size_t>(found)].value = std::move(value);
        return;
    }
    if ((entries_.size() + 1 + deleted_in_index_) * 3 >= index_.size() * 2) rebuild((used_ + 1) * 2);
    std::size_t mask = index_.size() - 1;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = perturb & mask;
    while (index_[i] >= 0) {
        perturb >>= perturb_shift;
        i = (i * 5 + perturb + 1) & mask;
    }
    if (index_[i] == -2) --deleted_in_index_;
    index_[i] = static_cast<std::int32_t>(entries_.size());
    entries_.push_back(DictEntry{key, std::move(value), hash});
    ++used_;
    ++version_;
}

bool DictTable::erase(const Value& key, std::int64_t hash, Value* old_value)
{
    if (index_.empty()) return false;
    std::size_t mask = index_.size() - 1;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    for (;;) {
        std::int32_t ix = index_[i];
        if (ix == -1) return false;
        if (ix >= 0) {
            DictEntry& e = entries_[static_cast<std::size_t>(ix)];
            if (e.hash == hash && (fast_same(e.key, key) || py_eq_bool(e.key, key))) {
                index_[i] = -2;
                ++deleted_in_index_;
                Value k = std::move(e.key);
                Value v = std::move(e.value);
                e.key = Value();
                --used_;
                ++version_;
                if (old_value) *old_value = v;
                if (static_cast<std::size_t>(ix) + 1 == entries_.size()) {
                    // Keep the entry vector short when popping from the end.
                    while (!entries_.empty() && entries_.back().key.is_null() && entries_.size() > used_) {
                        entries_.pop_back();
                        if (entries_.size() == used_) break;
                    }
                    rebuild(used_ * 2 + 1);
                }
                return true;
            }
        }
        perturb >>= perturb_shift;
        i = (i * 5 + perturb + 1) & mask;
    }
}

bool DictTable::pop_last(DictEntry& out)
{
    for (std::size_t n = entries_.size(); n-- > 0;) {
        if (!entries_[n].key.is_null()) {
            out = entries_[n];
            Value k = out.key;
            erase(k, out.hash);
            return true;
        }
    }
    return false;
}

void DictTable::clear() noexcept
{
    std::vector<DictEntry> old;
    old.swap(entries_);
    index_.clear();
    used_ = 0;
    deleted_in_index_ = 0;
    ++version_;
}

// ------------------------------------------------------------------- SetTable

bool SetTable::contains(const Value& key, std::int64_t hash) const
{
    std::size_t mask = table_.size() - 1;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    for (;;) {
        std::size_t probes = (i + linear_probes <= mask) ? linear_probes : 0;
        std::size_t j = i;
        for (;;) {
            const SetEntry& e = table_[j];
            if (e.key.is_null() && e.hash == 0) return false;
            if (!e.key.is_null() && e.hash == hash && (fast_same(e.key, key) || py_eq_bool(e.key, key))) return true;
            if (probes-- == 0) break;
            ++j;
        }
        perturb >>= perturb_shift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

bool SetTable::add(const Value& key, std::int64_t hash)
{
    std::size_t mask = table_.size() - 1;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    SetEntry* slot = nullptr;
    SetEntry* freeslot = nullptr;  // the first dummy passed: a new key goes there (set_add_entry)
    for (;;) {
        std::size_t probes = (i + linear_probes <= mask) ? linear_probes : 0;
        std::size_t j = i;
        for (;;) {
            SetEntry& e = table_[j];
            if (e.key.is_null() && e.hash == 0) {
                slot = &e;
                break;
            }
            if (!e.key.is_null() && e.hash == hash && (fast_same(e.key, key) || py_eq_bool(e.key, key))) return false;
            if (e.key.is_null() && e.hash == -1 && !freeslot) freeslot = &e;
            if (probes-- == 0) break;
            ++j;
        }
        if (slot) break;
        perturb >>= perturb_shift;
        i = (i * 5 + 1 + perturb) & mask;
    }
    ++used_;
    ++version_;
    if (freeslot) {  // a dummy reused: the table fills no further
        freeslot->key = key;
        freeslot->hash = hash;
        return true;
    }
    ++fill_;
    slot->key = key;
    slot->hash = hash;
    if (fill_ * 5 >= mask * 3) resize(used_ > 50000 ? used_ * 2 : used_ * 4);
    return true;
}

void SetTable::insert_clean(std::vector<SetEntry>& table, std::size_t mask, const Value& key, std::int64_t hash)
{
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    for (;;) {
        if (table[i].key.is_null()) {
            table[i].key = key;
            table[i].hash = hash;
            return;
        }
        if (i + linear_probes <= mask) {
            for (std::size_t j = 1; j <= linear_probes; ++j) {
                if (table[i + j].key.is_null()) {
                    table[i + j].key = key;
                    table[i + j].hash = hash;
                    return;
                }
            }
        }
        perturb >>= perturb_shift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void SetTable::resize(std::size_t minused)
{
    std::size_t newsize = 8;
    while (newsize <= minused) newsize <<= 1;
    std::vector<SetEntry> old;
    old.swap(table_);
    table_.resize(newsize);
    for (auto& e : old)
        if (!e.key.is_null()) insert_clean(table_, newsize - 1, e.key, e.hash);
    fill_ = used_;
}

bool SetTable::discard(const Value& key, std::int64_t hash)
{
    std::size_t mask = table_.size() - 1;
    std::size_t perturb = static_cast<std::size_t>(hash);
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    for (;;) {
        std::size_t probes = (i + linear_probes <= mask) ? linear_probes : 0;
        std::size_t j = i;
        for (;;) {
            SetEntry& e = table_[j];
            if (e.key.is_null() && e.hash == 0) return false;
            if (!e.key.is_null() && e.hash == hash && (fast_same(e.key, key) || py_eq_bool(e.key, key))) {
                Value old = std::move(e.key);
                e.key = Value();
                e.hash = -1;
                --used_;
                ++version_;
                return true;
            }
            if (probes-- == 0) break;
            ++j;
        }
        perturb >>= perturb_shift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void SetTable::clear()
{
    std::vector<SetEntry> old;
    old.swap(table_);
    table_.resize(8);
    fill_ = used_ = 0;
    ++version_;
}

void SetTable::merge(const SetTable& other)
{
    if (other.used_ == 0) return;
    if ((fill_ + other.used_) * 5 >= (table_.size() - 1) * 3) resize((used_ + other.used_) * 2);
    if (fill_ == 0 && table_.size() == other.table_.size()) {
        // CPython copies the table as it is when the target is empty and the same size.
        for (std::size_t i = 0; i < table_.size(); ++i) {
            if (!other.table_[i].key.is_null()) {
                table_[i].key = other.table_[i].key;
                table_[i].hash = other.table_[i].hash;
            }
        }
        fill_ = used_ = other.used_;
        ++version_;
        return;
    }
    if (fill_ == 0) {
        for (auto& e : other.table_)
            if (!e.key.is_null()) insert_clean(table_, table_.size() - 1, e.key, e.hash);
        fill_ = used_ = other.used_;
        ++version_;
        return;
    }
    for (auto& e : other.table_)
        if (!e.key.is_null()) add(e.key, e.hash);
}

bool SetTable::pop(Value& out)
{
    if (used_ == 0) return false;
    std::size_t mask = table_.size() - 1;
    std::size_t i = finger_ & mask;
    while (table_[i].key.is_null()) i = (i + 1) & mask;
    out = std::move(table_[i].key);
    table_[i].key = Value();
    table_[i].hash = -1;
    --used_;
    ++version_;
    finger_ = i + 1;
    return true;
}

}  // namespace script
