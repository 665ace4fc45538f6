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

    void record(const TraceRecord& r) override;
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
    Chunk* write_chunk_ = nullptr;  // writer only: the chunk being filled
    std::size_t write_index_ = 0;
    std::array<CacheSlot, 64> cache_{};
    std::atomic<std::size_t> string_bytes_{0};
};

}  // namespace aio
