#include <engine/recorder.hpp>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace aio {

namespace {

// Event chunks are big and written front to back, and first touches of fresh
// memory are most of the cost of recording (on a virtual machine each 4 KiB page
// faults twice, in the guest and in the host: about 3 ms per 2 MiB chunk where a
// huge page takes 0.2 ms). So a chunk is one huge page, aligned to one, marked for
// transparent huge pages and populated at once; and a finished recorder's chunks
// are kept (up to kCachedChunks) for the next one, as the window starts a new
// Recorder for every run. Where the kernel has no huge page at hand it may compact
// memory on the fault; that costs about what 512 small faults cost, and only once.
constexpr std::size_t kCachedChunks = 32;  // 64 MiB

std::mutex g_chunk_cache_mutex;
std::vector<void*>& chunk_cache()
{
    static auto* cache = new std::vector<void*>();  // never destroyed: recorders may outlive statics
    return *cache;
}

void* map_chunk(std::size_t bytes)
{
    {
        std::lock_guard lock(g_chunk_cache_mutex);
        auto& cache = chunk_cache();
        if (!cache.empty()) {
            void* p = cache.back();
            cache.pop_back();
            return p;
        }
    }
#if defined(__linux__)
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    static_assert(sizeof(std::array<TraceEvent, 65536>) % kHuge == 0);
    void* raw = ::mmap(nullptr, bytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHuge - 1) & ~(kHuge - 1);
    if (aligned > start)
        ::munmap(raw, aligned - start);
    if (const std::size_t tail = start + bytes + kHuge - (aligned + bytes))
        ::munmap(reinterpret_cast<void*>(aligned + bytes), tail);
    void* p = reinterpret_cast<void*>(aligned);
#if defined(MADV_HUGEPAGE)
    ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
#if defined(MADV_POPULATE_WRITE)
    ::madvise(p, bytes, MADV_POPULATE_WRITE);  // best effort; older kernels fault on first write
#endif
    return p;
#else
    void* p = std::malloc(bytes);
    if (!p)
        throw std::bad_alloc();
    return p;
#endif
}

void unmap_chunk(void* p, std::size_t bytes)
{
    {
        std::lock_guard lock(g_chunk_cache_mutex);
        auto& cache = chunk_cache();
        if (cache.size() < kCachedChunks) {
            cache.push_back(p);
            return;
        }
    }
#if defined(__linux__)
    ::munmap(p, bytes);
#else
    (void)bytes;
    std::free(p);
#endif
}

}  // namespace

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
        if (Chunk* c = chunks_[i].load(std::memory_order_relaxed))
            unmap_chunk(c, sizeof(Chunk));
        delete string_chunks_[i].load(std::memory_order_relaxed);
    }
}

std::uint32_t Recorder::intern(std::string_view s)
{
    if (auto it = string_ids_.find(s); it != string_ids_.end())
        return it->second;
    const std::size_t id = string_count_.load(std::memory_order_relaxed);
    const std::size_t c = id >> kStringChunkBits;
    if (c >= kMaxChunks)
        throw std::length_error("trace recorder: too many strings");
    StringChunk* chunk = string_chunks_[c].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = new StringChunk();  // strings are constructed empty
        string_chunks_[c].store(chunk, std::memory_order_release);
    }
    std::string& slot = (*chunk)[id & ((std::size_t{1} << kStringChunkBits) - 1)];
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
    return (*string_chunks_[id >> kStringChunkBits].load(std::memory_order_acquire))[id & ((std::size_t{1} << kStringChunkBits) - 1)];
}

void Recorder::next_chunk()
{
    const std::size_t c = size_.load(std::memory_order_relaxed) >> kChunkBits;
    if (c >= kMaxChunks)
        throw std::length_error("trace recorder: too many events");
    write_chunk_ = static_cast<Chunk*>(map_chunk(sizeof(Chunk)));  // slots are written before they are published
    chunks_[c].store(write_chunk_, std::memory_order_release);
    write_index_ = 0;
}

void Recorder::append(const TraceEvent& e)
{
    if (write_index_ == kChunkSize) [[unlikely]]
        next_chunk();
    (*write_chunk_)[write_index_++] = e;
    size_.store(size_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

std::uint32_t Recorder::text_id(std::string_view text)
{
    CacheSlot& slot = cache_[(reinterpret_cast<std::uintptr_t>(text.data()) >> 3) & (cache_.size() - 1)];
    if (slot.data == text.data() && slot.stored == text)
        return slot.id;
    const std::uint32_t id = intern(text);
    slot = CacheSlot{text.data(), string(id), id};
    return id;
}

std::size_t Recorder::memory_bytes() const
{
    return size() * sizeof(TraceEvent) + string_bytes_.load(std::memory_order_relaxed);
}

}  // namespace aio
