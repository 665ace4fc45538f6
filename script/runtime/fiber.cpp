#include <script/runtime/fiber.hpp>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <sys/mman.h>
#include <ucontext.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOOPSCOPE_FIBER_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define LOOPSCOPE_FIBER_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define LOOPSCOPE_FIBER_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define LOOPSCOPE_FIBER_TSAN 1
#endif
#ifdef LOOPSCOPE_FIBER_ASAN
#include <sanitizer/common_interface_defs.h>
#endif
#ifdef LOOPSCOPE_FIBER_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace script {

namespace {
thread_local Fiber* t_current = nullptr;
}

struct Fiber::Impl {
    ucontext_t fiber_ctx{};
    ucontext_t caller_ctx{};
    void* stack = nullptr;
    std::size_t stack_bytes = 0;
#ifdef LOOPSCOPE_FIBER_ASAN
    void* fake_stack = nullptr;
    const void* caller_bottom = nullptr;
    std::size_t caller_size = 0;
#endif
#ifdef LOOPSCOPE_FIBER_TSAN
    void* tsan_fiber = nullptr;
    void* tsan_caller = nullptr;
#endif
};

Fiber::Fiber(std::function<void()> body, std::size_t stack_bytes) : impl_(std::make_unique<Impl>()), body_(std::move(body))
{
    // Reserved, not committed: pages are touched only as deep as the fiber goes.
    void* mem = mmap(nullptr, stack_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED)
        throw std::runtime_error("cannot allocate a fiber stack");
    impl_->stack = mem;
    impl_->stack_bytes = stack_bytes;
    getcontext(&impl_->fiber_ctx);
    impl_->fiber_ctx.uc_stack.ss_sp = mem;
    impl_->fiber_ctx.uc_stack.ss_size = stack_bytes;
    impl_->fiber_ctx.uc_link = nullptr;
    auto self = reinterpret_cast<std::uintptr_t>(this);
    makecontext(&impl_->fiber_ctx, reinterpret_cast<void (*)()>(&Fiber::entry), 2, unsigned(self & 0xffffffffu),
                unsigned((std::uint64_t(self) >> 32) & 0xffffffffu));
#ifdef LOOPSCOPE_FIBER_TSAN
    impl_->tsan_fiber = __tsan_create_fiber(0);
#endif
}

Fiber::~Fiber()
{
#ifdef LOOPSCOPE_FIBER_TSAN
    if (impl_->tsan_fiber)
        __tsan_destroy_fiber(impl_->tsan_fiber);
#endif
    // A fiber destroyed while suspended just loses its stack: the embedding unwinds
    // the Python frames on it first (it makes the fiber finish) where that matters.
    munmap(impl_->stack, impl_->stack_bytes);
}

Fiber* Fiber::current() noexcept { return t_current; }

void Fiber::entry(unsigned lo, unsigned hi)
{
    auto* self = reinterpret_cast<Fiber*>(std::uintptr_t(lo) | (std::uintptr_t(hi) << 32));
#ifdef LOOPSCOPE_FIBER_ASAN
    __sanitizer_finish_switch_fiber(nullptr, &self->impl_->caller_bottom, &self->impl_->caller_size);
#endif
    try {
        self->body_();
    } catch (...) {
        std::abort();  // the body promised to catch everything
    }
    self->finished_ = true;
    self->suspend();
}

void Fiber::resume()
{
    if (finished_ || running_)
        return;
    running_ = true;
    previous_ = t_current;
    t_current = this;
#ifdef LOOPSCOPE_FIBER_TSAN
    impl_->tsan_caller = __tsan_get_current_fiber();
    __tsan_switch_to_fiber(impl_->tsan_fiber, 0);
#endif
#ifdef LOOPSCOPE_FIBER_ASAN
    void* fake = nullptr;
    __sanitizer_start_switch_fiber(&fake, impl_->stack, impl_->stack_bytes);
#endif
    swapcontext(&impl_->caller_ctx, &impl_->fiber_ctx);
#ifdef LOOPSCOPE_FIBER_ASAN
    __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#endif
    t_current = previous_;
    running_ = false;
}

void Fiber::suspend()
{
#ifdef LOOPSCOPE_FIBER_ASAN
    __sanitizer_start_switch_fiber(finished_ ? nullptr : &impl_->fake_stack, impl_->caller_bottom, impl_->caller_size);
#endif
#ifdef LOOPSCOPE_FIBER_TSAN
    __tsan_switch_to_fiber(impl_->tsan_caller, 0);
#endif
    swapcontext(&impl_->fiber_ctx, &impl_->caller_ctx);
#ifdef LOOPSCOPE_FIBER_ASAN
    __sanitizer_finish_switch_fiber(impl_->fake_stack, &impl_->caller_bottom, &impl_->caller_size);
#endif
}

}  // namespace script
