#include <engine/future.hpp>

#include <engine/resource.hpp>
#include <engine/task.hpp>

#include <algorithm>
#include <atomic>

namespace aio {

bool loop_is_alive(const EventLoop* loop);

namespace {

struct CallbackBox : detail::Pooled {
    FutureBase::Callback fn;
    std::uint64_t id;
};

std::atomic<std::uint64_t> g_callback_ids{0};

constexpr std::uintptr_t kTagMask = 3;
constexpr std::uintptr_t kBoxTag = 1;
constexpr std::uintptr_t kHookTag = 2;

bool is_box(std::uintptr_t x) { return (x & kTagMask) == kBoxTag; }
bool is_hook(std::uintptr_t x) { return (x & kTagMask) == kHookTag; }
CallbackBox* as_box(std::uintptr_t x) { return reinterpret_cast<CallbackBox*>(x & ~kTagMask); }
FutureBase* as_hook(std::uintptr_t x) { return reinterpret_cast<FutureBase*>(x & ~kTagMask); }
TaskBase* as_task(std::uintptr_t x) { return reinterpret_cast<TaskBase*>(x); }

void release_entry(std::uintptr_t x)
{
    if (is_box(x))
        delete as_box(x);
    else if (is_hook(x))
        as_hook(x)->release();
    else
        as_task(x)->release();
}

// A done callback on its way through the ready queue: fn(future).
class DoneCallback final : public detail::CallbackRunnable {
public:
    DoneCallback(FutureBase* fut, CallbackBox* box) : fut_(fut), box_(box) {}
    void run() override { box_->fn(*fut_); }
    std::string_view name() const noexcept override { return "done callback"; }

private:
    void drop() noexcept override { box_.reset(); }
    detail::Ref<FutureBase> fut_;
    std::unique_ptr<CallbackBox> box_;
};

// A done hook on its way through the ready queue: listener->on_done_hook(future).
class DoneHookCall final : public detail::CallbackRunnable {
public:
    DoneHookCall(FutureBase* fut, detail::Ref<FutureBase> listener) : fut_(fut), listener_(std::move(listener)) {}
    void run() override { listener_->on_done_hook(*fut_); }
    std::string_view name() const noexcept override { return "done callback"; }

private:
    void drop() noexcept override { listener_.reset(); }
    detail::Ref<FutureBase> fut_;
    detail::Ref<FutureBase> listener_;
};

}  // namespace

FutureBase::~FutureBase()
{
    if (status_ == FutureStatus::finished && exception_ && log_traceback_ && loop_is_alive(loop_))
        loop_->call_exception_handler({"Future exception was never retrieved", exception_, describe()});
    clear_callbacks();
}

void FutureBase::clear_callbacks() noexcept
{
    if (first_callback_)
        release_entry(std::exchange(first_callback_, 0));
    if (more_callbacks_) {
        auto v = std::move(more_callbacks_);
        for (auto x : *v)
            release_entry(x);
    }
}

ObjectId FutureBase::id() noexcept
{
    if (!id_)
        id_ = loop_->new_object_id();
    return id_;
}

const std::string& FutureBase::cancel_message() const
{
    static const std::string empty;
    if (!cancel_message_ && status_ == FutureStatus::cancelled && exception_) {
        try {
            std::rethrow_exception(exception_);
        } catch (const CancelledError& e) {
            cancel_message_ = std::make_unique<std::string>(e.message());
        } catch (...) {
        }
    }
    return cancel_message_ ? *cancel_message_ : empty;
}

void FutureBase::throw_cancelled() const
{
    if (exception_)
        std::rethrow_exception(exception_);
    throw CancelledError(cancel_message());
}

std::string FutureBase::describe() const
{
    if (Resource* r = resource())
        return r->describe();
    return "Future";
}

bool FutureBase::cancel(std::string message)
{
    log_traceback_ = false;
    if (status_ != FutureStatus::pending)
        return false;
    set_cancelled_state(std::move(message));
    return true;
}

void FutureBase::set_cancelled_state(std::string message)
{
    status_ = FutureStatus::cancelled;
    if (!message.empty())
        cancel_message_ = std::make_unique<std::string>(std::move(message));
    schedule_callbacks();
}

std::exception_ptr FutureBase::exception()
{
    if (status_ == FutureStatus::cancelled)
        throw_cancelled();
    if (status_ == FutureStatus::pending)
        throw InvalidStateError("Exception is not set.");
    log_traceback_ = false;
    return exception_;
}

void FutureBase::check_result()
{
    if (status_ == FutureStatus::cancelled)
        throw_cancelled();
    if (status_ == FutureStatus::pending)
        throw InvalidStateError("Result is not set.");
    log_traceback_ = false;
    if (exception_)
        std::rethrow_exception(exception_);
}

void FutureBase::set_exception(std::exception_ptr e)
{
    if (status_ != FutureStatus::pending)
        throw InvalidStateError("invalid state: future is already done");
    exception_ = std::move(e);
    log_traceback_ = true;
    finish();
}

void FutureBase::finish()
{
    status_ = FutureStatus::finished;
    schedule_callbacks();
}

std::uint64_t FutureBase::add_done_callback(Callback cb)
{
    const std::uint64_t id = ++g_callback_ids;
    std::unique_ptr<CallbackBox> box(new CallbackBox{{}, std::move(cb), id});
    if (done()) {
        loop_->check_open();  // as call_soon
        loop_->schedule(detail::Ref<detail::Runnable>(new DoneCallback(this, box.release())));
        return id;
    }
    add_entry(reinterpret_cast<std::uintptr_t>(box.get()) | kBoxTag);
    box.release();
    return id;
}

void FutureBase::add_entry(std::uintptr_t x)
{
    if (!first_callback_ && !more_callbacks_)
        first_callback_ = x;
    else {
        if (!more_callbacks_)
            more_callbacks_ = std::make_unique<std::vector<std::uintptr_t>>();
        more_callbacks_->push_back(x);
    }
}

void FutureBase::add_done_hook(FutureBase* listener)
{
    if (done()) {
        loop_->check_open();  // as call_soon
        loop_->schedule(detail::Ref<detail::Runnable>(new DoneHookCall(this, detail::Ref<FutureBase>(listener))));
        return;
    }
    add_entry(reinterpret_cast<std::uintptr_t>(listener) | kHookTag);
    listener->add_ref();
}

bool FutureBase::take_entry(std::uintptr_t x) noexcept
{
    if (first_callback_ == x) {
        first_callback_ = 0;
        return true;
    }
    if (more_callbacks_) {
        auto& v = *more_callbacks_;
        if (auto it = std::find(v.begin(), v.end(), x); it != v.end()) {
            v.erase(it);
            return true;
        }
    }
    return false;
}

void FutureBase::remove_done_hook(FutureBase* listener) noexcept
{
    if (take_entry(reinterpret_cast<std::uintptr_t>(listener) | kHookTag))
        listener->release();
}

std::size_t FutureBase::remove_done_callback(std::uint64_t id)
{
    auto matches = [id](std::uintptr_t x) { return is_box(x) && as_box(x)->id == id; };
    if (first_callback_ && matches(first_callback_)) {
        release_entry(std::exchange(first_callback_, 0));
        return 1;
    }
    if (more_callbacks_) {
        auto& v = *more_callbacks_;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (matches(*it)) {
                release_entry(*it);
                v.erase(it);
                return 1;
            }
        }
    }
    return 0;
}

void FutureBase::add_task_waiter(TaskBase* t)
{
    add_entry(reinterpret_cast<std::uintptr_t>(t));
    t->add_ref();
}

void FutureBase::remove_task_waiter(TaskBase* t)
{
    if (take_entry(reinterpret_cast<std::uintptr_t>(t)))
        t->release();
}

void FutureBase::schedule_callbacks()
{
    const std::uintptr_t first = std::exchange(first_callback_, 0);
    auto more = std::move(more_callbacks_);
    auto fire = [this](std::uintptr_t x) {
        if (is_box(x)) {
            std::unique_ptr<CallbackBox> box(as_box(x));
            loop_->check_open();  // as call_soon
            loop_->schedule(detail::Ref<detail::Runnable>(new DoneCallback(this, box.release())));
        } else if (is_hook(x)) {
            // The entry's reference to the listener moves to the scheduled call.
            auto listener = detail::Ref<FutureBase>::adopt(as_hook(x));
            loop_->check_open();  // as call_soon
            loop_->schedule(detail::Ref<detail::Runnable>(new DoneHookCall(this, std::move(listener))));
        } else {
            TaskBase* t = as_task(x);
            if (loop_->tracer()) [[unlikely]]
                loop_->trace(EventKind::task_ready, 0, t->id(), loop_->current_actor(),
                             resource() ? resource()->id() : id(), {});
            loop_->schedule(detail::Ref<detail::Runnable>::adopt(t));  // the entry's reference moves to the queue
        }
    };
    if (first)
        fire(first);
    if (more)
        for (auto x : *more)
            fire(x);
}

}  // namespace aio
