#include <engine/retained_allocator.hpp>

#include <bit>
#include <cstdlib>
#include <mutex>

namespace aio::detail {

#if defined(LOOPSCOPE_NO_POOL)

void* retained_allocate(std::size_t bytes) { return ::operator new(bytes); }
void retained_deallocate(void* p, std::size_t) noexcept { ::operator delete(p); }
std::size_t retained_bytes() noexcept { return 0; }

#else

namespace {

constexpr std::size_t kMinBits = 16;  // 64 KiB: smaller blocks come and go through malloc's own lists
constexpr std::size_t kClasses = 48 - kMinBits;
constexpr std::size_t kPerClass = 4;
constexpr std::size_t kMaxRetained = std::size_t{64} << 20;

// Blocks are sized by powers of two, so an array that doubles as it grows finds
// the blocks the previous array of its kind gave back.
struct Retained {
    std::mutex mutex;
    void* blocks[kClasses][kPerClass] = {};
    std::size_t count[kClasses] = {};
    std::size_t bytes = 0;
};

Retained& retained()
{
    static auto* r = new Retained();  // never destroyed: loops may outlive statics
    return *r;
}

// The size class of a big request (its rounded-up power of two), or -1 for a small one.
int class_of(std::size_t bytes) noexcept
{
    if (bytes < (std::size_t{1} << kMinBits))
        return -1;
    const int bits = std::bit_width(bytes - 1);
    return bits - int(kMinBits) < int(kClasses) ? bits - int(kMinBits) : -1;
}

}  // namespace

void* retained_allocate(std::size_t bytes)
{
    const int c = class_of(bytes);
    if (c < 0)
        return ::operator new(bytes);
    const std::size_t block = std::size_t{1} << (std::size_t(c) + kMinBits);
    {
        Retained& r = retained();
        std::lock_guard lock(r.mutex);
        if (r.count[c] > 0) {
            r.bytes -= block;
            return r.blocks[c][--r.count[c]];
        }
    }
    return ::operator new(block);
}

void retained_deallocate(void* p, std::size_t bytes) noexcept
{
    if (!p)
        return;
    const int c = class_of(bytes);
    if (c >= 0) {
        const std::size_t block = std::size_t{1} << (std::size_t(c) + kMinBits);
        Retained& r = retained();
        std::lock_guard lock(r.mutex);
        if (r.count[c] < kPerClass && r.bytes + block <= kMaxRetained) {
            r.blocks[c][r.count[c]++] = p;
            r.bytes += block;
            return;
        }
    }
    ::operator delete(p);
}

std::size_t retained_bytes() noexcept
{
    Retained& r = retained();
    std::lock_guard lock(r.mutex);
    return r.bytes;
}

#endif

}  // namespace aio::detail
