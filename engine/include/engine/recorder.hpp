// A Tracer that keeps every record, compactly (32 bytes an event, strings interned).
// One thread writes (the loop's); any thread may read the prefix published so far:
// take size() once, then read events below it. Storage never moves, so a reader
// never sees a half-written event or a dangling string.
#pragma once

#include <engine/trace.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aio {

struct TraceEvent {
    std::int64_t time_ns;
    EventKind kind;
    std::uint8_t sub;
    std::uint16_t reserved;
    ObjectId a;
    ObjectId b;
    std::uint32_t text;  // id in Recorder::string(); 0 is ""
    std::int64_t value;
};
static_assert(sizeof(TraceEvent) == 32, "a recorded event must stay 32 bytes");

class Recorder final : public Tracer {
public:
    Recorder();
    ~Recorder() override;
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    void record(const TraceRecord& r) override { record(r.time_ns, r.kind, r.sub, r.a, r.b, r.value, r.text); }
    // The same, inline and non-virtual: the event loop calls this one directly.
    void record(std::int64_t time_ns, EventKind kind, std::uint8_t sub, ObjectId a, ObjectId b, std::int64_t value,
                std::string_view text)
    {
        const std::uint32_t text_id = text.empty() ? 0 : cached_text_id(text);
        if (write_index_ == kChunkSize) [[unlikely]]
            next_chunk();
        TraceEvent& e = (*write_chunk_)[write_index_++];
        e.time_ns = time_ns;
        e.kind = kind;
        e.sub = sub;
        e.reserved = 0;
        e.a = a;
        e.b = b;
        e.text = text_id;
        e.value = value;
        size_.store(size_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }
    // Appends an already-interned event (used when loading a trace file).
    void append(const TraceEvent& e);
    std::uint32_t intern(std::string_view s);

    // Reader side: any thread.
    std::size_t size() const { return size_.load(std::memory_order_acquire); }
    const TraceEvent& operator[](std::size_t i) const { return chunks_[i >> kChunkBits].load(std::memory_order_acquire)->operator[](i & kChunkMask); }
    std::string_view string(std::uint32_t id) const;
    std::size_t string_count() const { return string_count_.load(std::memory_order_acquire); }
    // Bytes used by the events and strings recorded so far (for memory figures).
    std::size_t memory_bytes() const;

private:
    static constexpr std::size_t kChunkBits = 16;  // 2 MiB of events a chunk
    static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;
    static constexpr std::size_t kChunkMask = kChunkSize - 1;
    static constexpr std::size_t kMaxChunks = std::size_t{1} << 14;  // 1G events
    using Chunk = std::array<TraceEvent, kChunkSize>;
    using StringChunk = std::array<std::string, 4096>;
    static constexpr std::size_t kStringChunkBits = 12;

    std::unique_ptr<std::atomic<Chunk*>[]> chunks_;
    std::atomic<std::size_t> size_{0};
    std::unique_ptr<std::atomic<StringChunk*>[]> string_chunks_;
    std::atomic<std::size_t> string_count_{0};
    std::unordered_map<std::string_view, std::uint32_t> string_ids_;  // writer only
    // Most texts repeat from the same place ("sleep(0)", a task's name): a small
    // cache keyed by address, checked by content, skips the hash lookup.
    struct CacheSlot {
        const char* data = nullptr;
        std::string_view stored;  // the interned copy
        std::uint32_t id = 0;
    };
    void next_chunk();
    // Most texts repeat from the same place: a hit in the address-keyed cache
    // (checked by content too, as the text may be a reused buffer) skips interning.
    std::uint32_t cached_text_id(std::string_view text)
    {
        const CacheSlot& slot = cache_[(reinterpret_cast<std::uintptr_t>(text.data()) >> 3) & (cache_.size() - 1)];
        if (slot.data == text.data() && same_text(slot.stored, text)) [[likely]]
            return slot.id;
        return text_id(text);
    }
    static bool same_text(std::string_view x, std::string_view y) noexcept
    {
        const std::size_t n = x.size();
        if (n != y.size())
            return false;
        if (n >= 8 && n <= 16) {
            // Two overlapping 8-byte words each: exact, and no call to memcmp.
            std::uint64_t a0, a1, b0, b1;
            std::memcpy(&a0, x.data(), 8);
            std::memcpy(&a1, x.data() + n - 8, 8);
            std::memcpy(&b0, y.data(), 8);
            std::memcpy(&b1, y.data() + n - 8, 8);
            return ((a0 ^ b0) | (a1 ^ b1)) == 0;
        }
        return x == y;
    }
    std::uint32_t text_id(std::string_view text);
    Chunk* write_chunk_ = nullptr;  // writer only: the chunk being filled
    std::size_t write_index_ = kChunkSize;  // full: the first event maps a chunk
    std::array<CacheSlot, 64> cache_{};
    std::atomic<std::size_t> string_bytes_{0};
};

}  // namespace aio
