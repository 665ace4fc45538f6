// RetainedAllocator: memory for the engine's big growable arrays (the ready queue,
// the timer heap, the task registry, priority and LIFO queue storage). A loop lives for one run,
// and the next run's loop needs the same big arrays again; handing their memory
// back to the system means the next run pays a page fault for every 4 KiB it
// touches (on a virtual machine about 6 us each, more than spawning 50 tasks). So
// blocks of 64 KiB and more are kept, up to 64 MiB in all, and handed to the next
// array that asks. Any thread (one mutex, taken only for the big blocks).
// Sanitizer builds (LOOPSCOPE_NO_POOL) keep nothing, so every block is seen.
#pragma once

#include <cstddef>
#include <new>

namespace aio::detail {

void* retained_allocate(std::size_t bytes);
void retained_deallocate(void* p, std::size_t bytes) noexcept;
// Bytes kept for reuse now (for memory figures and tests).
std::size_t retained_bytes() noexcept;

template <class T>
struct RetainedAllocator {
    using value_type = T;
    RetainedAllocator() noexcept = default;
    template <class U>
    RetainedAllocator(const RetainedAllocator<U>&) noexcept {}
    T* allocate(std::size_t n)
    {
        if (n > std::size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        return static_cast<T*>(retained_allocate(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) noexcept { retained_deallocate(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const RetainedAllocator<U>&) const noexcept { return true; }
};

}  // namespace aio::detail
