#include <engine/recorder.hpp>

#include <stdexcept>

namespace aio {

Recorder::Recorder()
    : chunks_(new std::atomic<Chunk*>[kMaxChunks]),
      string_chunks_(new std::atomic<StringChunk*>[kMaxChunks])
{
    for (std::size_t i = 0; i < kMaxChunks; ++i) {
        chunks_[i].store(nullptr, std::memory_order_relaxed);
        string_chunks_[i].store(nullptr, std::memory_order_relaxed);
    }
    intern("");  // id 0
}

Recorder::~Recorder()
{
    for (std::size_t i = 0; i < kMaxChunks; ++i) {
        delete chunks_[i].load(std::memory_order_relaxed);
        delete string_chunks_[i].load(std::memory_order_relaxed);
    }
}

std::uint32_t Recorder::intern(std::string_view s)
{
    if (auto it = string_ids_.find(s); it != string_ids_.end())
        return it->second;
    const std::size_t id = string_count_.load(std::memory_order_relaxed);
    const std::size_t c = id >> kChunkBits;
    if (c >= kMaxChunks)
        throw std::length_error("trace recorder: too many strings");
    StringChunk* chunk = string_chunks_[c].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = new StringChunk();
        string_chunks_[c].store(chunk, std::memory_order_release);
    }
    std::string& slot = (*chunk)[id & kChunkMask];
    slot.assign(s);
    string_bytes_ += slot.capacity() + sizeof(std::string) + 32;  // map node, roughly
    string_ids_.emplace(std::string_view(slot), static_cast<std::uint32_t>(id));
    string_count_.store(id + 1, std::memory_order_release);
    return static_cast<std::uint32_t>(id);
}

std::string_view Recorder::string(std::uint32_t id) const
{
    if (id >= string_count())
        return {};
    return (*string_chunks_[id >> kChunkBits].load(std::memory_order_acquire))[id & kChunkMask];
}

void Recorder::append(const Event& e)
{
    const std::size_t i = size_.load(std::memory_order_relaxed);
    const std::size_t c = i >> kChunkBits;
    if (c >= kMaxChunks)
        throw std::length_error("trace recorder: too many events");
    Chunk* chunk = chunks_[c].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = new Chunk();
        chunks_[c].store(chunk, std::memory_order_release);
    }
    (*chunk)[i & kChunkMask] = e;
    size_.store(i + 1, std::memory_order_release);
}

void Recorder::record(const TraceRecord& r)
{
    Event e{};
    e.time_ns = r.time_ns;
    e.kind = r.kind;
    e.sub = r.sub;
    e.a = r.a;
    e.b = r.b;
    e.text = r.text.empty() ? 0 : intern(r.text);
    e.value = r.value;
    append(e);
}

std::size_t Recorder::memory_bytes() const
{
    const std::size_t chunks = (size() + kChunkSize - 1) >> kChunkBits;
    return chunks * sizeof(Chunk) + string_bytes_;
}

}  // namespace aio
