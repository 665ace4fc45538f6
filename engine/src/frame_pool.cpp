#include <engine/frame_pool.hpp>

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace aio::detail {

#if defined(LOOPSCOPE_NO_POOL)

void* pool_allocate(std::size_t size) { return ::operator new(size); }
void pool_deallocate(void* p, std::size_t) noexcept { ::operator delete(p); }
std::ptrdiff_t pool_bytes_outstanding() noexcept { return 0; }
std::size_t pool_bytes_reserved() noexcept { return 0; }

#else

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 64;  // up to 1 KiB
constexpr std::size_t kBlockBytes = 256 * 1024;

struct FreeNode {
    FreeNode* next;
};

// Every block ever carved, so memory stays reachable (and valid) after its
// thread exits.
std::mutex g_blocks_mutex;
std::vector<void*>* g_blocks = new std::vector<void*>();

struct ThreadPool {
    FreeNode* free[kClasses] = {};
    std::ptrdiff_t outstanding = 0;
    std::size_t reserved = 0;
    char* bump = nullptr;
    char* bump_end = nullptr;

    void* carve(std::size_t bytes)
    {
        if (static_cast<std::size_t>(bump_end - bump) < bytes) {
            bump = static_cast<char*>(std::malloc(kBlockBytes));
            if (!bump)
                throw std::bad_alloc();
            bump_end = bump + kBlockBytes;
            reserved += kBlockBytes;
            std::lock_guard lock(g_blocks_mutex);
            g_blocks->push_back(bump);
        }
        void* p = bump;
        bump += bytes;
        return p;
    }
};

thread_local ThreadPool t_pool;

}  // namespace

std::ptrdiff_t pool_bytes_outstanding() noexcept { return t_pool.outstanding; }
std::size_t pool_bytes_reserved() noexcept { return t_pool.reserved; }

void* pool_allocate(std::size_t size)
{
    const std::size_t c = (size + kGranule - 1) / kGranule;
    if (c == 0 || c > kClasses)
        return ::operator new(size);
    t_pool.outstanding += std::ptrdiff_t(c * kGranule);
    FreeNode*& head = t_pool.free[c - 1];
    if (FreeNode* n = head) {
        head = n->next;
        return n;
    }
    return t_pool.carve(c * kGranule);
}

void pool_deallocate(void* p, std::size_t size) noexcept
{
    if (!p)
        return;
    const std::size_t c = (size + kGranule - 1) / kGranule;
    if (c == 0 || c > kClasses) {
        ::operator delete(p);
        return;
    }
    t_pool.outstanding -= std::ptrdiff_t(c * kGranule);
    auto* n = static_cast<FreeNode*>(p);
    n->next = t_pool.free[c - 1];
    t_pool.free[c - 1] = n;
}

#endif

}  // namespace aio::detail
