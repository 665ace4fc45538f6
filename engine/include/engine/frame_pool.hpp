// Size-class free lists for the engine's small, short-lived objects (coroutine
// frames, tasks, futures): allocation is a pop, release a push. Per thread;
// memory freed on another thread simply joins that thread's lists. Blocks are
// never returned to the system, so a pointer is valid wherever it is freed.
// Sanitizer builds (LOOPSCOPE_NO_POOL) use plain new/delete so ASan sees every
// object.
#pragma once

#include <cstddef>
#include <new>

namespace aio::detail {

void* pool_allocate(std::size_t size);
void pool_deallocate(void* p, std::size_t size) noexcept;
// Bytes handed out and not yet returned by this thread's pool (for memory figures).
std::ptrdiff_t pool_bytes_outstanding() noexcept;
// Bytes this thread's pool has taken from malloc.
std::size_t pool_bytes_reserved() noexcept;

// Gives a class pooled operator new/delete (sized, so polymorphic deletes work).
struct Pooled {
    static void* operator new(std::size_t size) { return pool_allocate(size); }
    static void operator delete(void* p, std::size_t size) noexcept { pool_deallocate(p, size); }
};

}  // namespace aio::detail
