// An intrusive reference for objects that live on one loop's thread (non-atomic
// counts: futures, tasks, handles). Moving a Ref touches no count.
#pragma once

#include <cstdint>
#include <utility>

namespace aio::detail {

class RefCounted {
public:
    RefCounted() = default;
    RefCounted(const RefCounted&) = delete;
    RefCounted& operator=(const RefCounted&) = delete;
    void add_ref() const noexcept { ++refs_; }
    void release() const noexcept
    {
        if (--refs_ == 0)
            delete this;
    }
    std::uint32_t ref_count() const noexcept { return refs_; }

protected:
    virtual ~RefCounted() = default;

private:
    mutable std::uint32_t refs_ = 0;
};

template <class T>
class Ref {
public:
    Ref() noexcept = default;
    Ref(std::nullptr_t) noexcept {}
    explicit Ref(T* p) noexcept : p_(p) { if (p_) p_->add_ref(); }
    Ref(const Ref& o) noexcept : p_(o.p_) { if (p_) p_->add_ref(); }
    Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    template <class U>
    Ref(const Ref<U>& o) noexcept : p_(o.get()) { if (p_) p_->add_ref(); }
    template <class U>
    Ref(Ref<U>&& o) noexcept : p_(o.detach()) {}
    ~Ref() { if (p_) p_->release(); }
    Ref& operator=(Ref o) noexcept { std::swap(p_, o.p_); return *this; }

    // Adopts a pointer whose count was already raised for this Ref.
    static Ref adopt(T* p) noexcept { Ref r; r.p_ = p; return r; }
    T* detach() noexcept { return std::exchange(p_, nullptr); }
    T* get() const noexcept { return p_; }
    T* operator->() const noexcept { return p_; }
    T& operator*() const noexcept { return *p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    void reset() noexcept { Ref().swap(*this); }
    void swap(Ref& o) noexcept { std::swap(p_, o.p_); }
    friend bool operator==(const Ref& a, const Ref& b) noexcept { return a.p_ == b.p_; }

private:
    T* p_ = nullptr;
};

template <class T, class... Args>
Ref<T> make_ref(Args&&... args)
{
    return Ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace aio::detail
