// The interpreter's value: a 16-byte tagged union (None, bool, int64, float, or a
// counted reference to a heap Object). Ints that do not fit int64 live in a BigIntObj.
// Objects are reference counted and linked into their interpreter's Heap, which frees
// whatever is left (cycles included) when the interpreter is destroyed.
// Threading: a Value and the objects it reaches belong to one interpreter, used by one
// thread at a time.
#pragma once

#include <cstdint>
#include <utility>

namespace script {

struct Type;

// Set while a Heap is tearing down: decrements are skipped so objects can be freed in
// any order.
extern thread_local bool g_heap_teardown;

struct Object {
    Type* type = nullptr;
    std::uint32_t refcnt = 0;
    Object* heap_prev = nullptr;
    Object* heap_next = nullptr;
    virtual ~Object() = default;
};

// Unlinks from the heap registry and deletes.
void destroy_object(Object* o) noexcept;

inline void incref(Object* o) noexcept { ++o->refcnt; }
inline void decref(Object* o) noexcept
{
    if (g_heap_teardown) return;
    if (--o->refcnt == 0) destroy_object(o);
}

enum class Tag : std::uint8_t { Null, None, Bool, Int, Float, Obj };

class Value {
public:
    Value() noexcept : tag_(Tag::Null) { u_.i = 0; }
    Value(Object* o) noexcept : tag_(o ? Tag::Obj : Tag::Null)  // NOLINT: implicit on purpose
    {
        u_.o = o;
        if (o) incref(o);
    }
    Value(const Value& v) noexcept : tag_(v.tag_), u_(v.u_)
    {
        if (tag_ == Tag::Obj) incref(u_.o);
    }
    Value(Value&& v) noexcept : tag_(v.tag_), u_(v.u_) { v.tag_ = Tag::Null; }
    ~Value()
    {
        if (tag_ == Tag::Obj) decref(u_.o);
    }
    Value& operator=(const Value& v) noexcept
    {
        if (v.tag_ == Tag::Obj) incref(v.u_.o);
        Value old(std::move(*this));
        tag_ = v.tag_;
        u_ = v.u_;
        return *this;
    }
    Value& operator=(Value&& v) noexcept
    {
        if (this != &v) {
            Value old(std::move(*this));
            tag_ = v.tag_;
            u_ = v.u_;
            v.tag_ = Tag::Null;
        }
        return *this;
    }

    static Value none() noexcept { Value v; v.tag_ = Tag::None; return v; }
    static Value boolean(bool b) noexcept { Value v; v.tag_ = Tag::Bool; v.u_.i = b; return v; }
    static Value integer(std::int64_t i) noexcept { Value v; v.tag_ = Tag::Int; v.u_.i = i; return v; }
    static Value floating(double d) noexcept { Value v; v.tag_ = Tag::Float; v.u_.f = d; return v; }
    // Takes over a reference the caller already counted (fresh objects start at 0, so
    // this is only for internal use by the heap).
    static Value adopt(Object* o) noexcept { Value v; v.tag_ = Tag::Obj; v.u_.o = o; return v; }

    Tag tag() const noexcept { return tag_; }
    bool is_null() const noexcept { return tag_ == Tag::Null; }
    bool is_none() const noexcept { return tag_ == Tag::None; }
    bool is_bool() const noexcept { return tag_ == Tag::Bool; }
    bool is_int() const noexcept { return tag_ == Tag::Int; }
    bool is_float() const noexcept { return tag_ == Tag::Float; }
    bool is_obj() const noexcept { return tag_ == Tag::Obj; }
    explicit operator bool() const noexcept { return tag_ != Tag::Null; }

    std::int64_t as_int() const noexcept { return u_.i; }
    bool as_bool() const noexcept { return u_.i != 0; }
    double as_float() const noexcept { return u_.f; }
    Object* obj() const noexcept { return u_.o; }
    template <class T> T* as() const noexcept { return static_cast<T*>(u_.o); }
    // Identity as Python's `is` sees it.
    bool same(const Value& o) const noexcept
    {
        if (tag_ != o.tag_) return false;
        switch (tag_) {
        case Tag::Null: case Tag::None: return true;
        case Tag::Float: return u_.f == o.u_.f || (u_.f != u_.f && o.u_.f != o.u_.f);
        default: return u_.i == o.u_.i;
        }
    }
    // Releases ownership without decrementing (used by the VM stack).
    Object* release() noexcept { tag_ = Tag::Null; return u_.o; }

private:
    Tag tag_;
    union {
        std::int64_t i;
        double f;
        Object* o;
    } u_;
};

// Every object of one interpreter, in an intrusive list so teardown frees cycles too.
class Heap {
public:
    Heap() noexcept { head_.heap_next = head_.heap_prev = &head_; }
    ~Heap();
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    template <class T, class... A> T* make(Type* type, A&&... args)
    {
        T* o = new T(std::forward<A>(args)...);
        o->type = type;
        link(o);
        return o;
    }
    void link(Object* o) noexcept
    {
        o->heap_next = head_.heap_next;
        o->heap_prev = &head_;
        head_.heap_next->heap_prev = o;
        head_.heap_next = o;
    }
    std::size_t live_objects() const noexcept;
    // Calls f(Object*) for every live object, newest first (f must not create or free objects).
    template <class F> void for_each(F f) const
    {
        for (const Object* o = head_.heap_next; o != &head_; o = o->heap_next) f(const_cast<Object*>(o));
    }

private:
    struct Head : Object {};
    Head head_;
};

}  // namespace script
