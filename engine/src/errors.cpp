#include <engine/errors.hpp>

#include <atomic>
#include <typeinfo>

namespace aio {

namespace {
std::atomic<ExceptionDescriber> g_describer{nullptr};

std::string with_message(const char* type, const std::string& message)
{
    return message.empty() ? std::string(type) : std::string(type) + ": " + message;
}
}  // namespace

bool is_cancelled_error(const std::exception_ptr& e) noexcept
{
    if (!e)
        return false;
#if defined(__GLIBCXX__)
    if (const std::type_info* t = e.__cxa_exception_type(); t && *t == typeid(CancelledError))
        return true;
#endif
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

void set_exception_describer(ExceptionDescriber describer) { g_describer.store(describer); }

std::string describe_exception(const std::exception_ptr& e)
{
    if (!e)
        return {};
    if (ExceptionDescriber d = g_describer.load()) {
        bool handled = false;
        std::string s = d(e, handled);
        if (handled)
            return s;
    }
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError& x) {
        return with_message("CancelledError", x.message());
    } catch (const TimeoutError& x) {
        return with_message("TimeoutError", x.what());
    } catch (const InvalidStateError& x) {
        return with_message("InvalidStateError", x.what());
    } catch (const QueueEmpty&) {
        return "QueueEmpty";
    } catch (const QueueFull&) {
        return "QueueFull";
    } catch (const DeadlockError& x) {
        return with_message("DeadlockError", x.what());
    } catch (const ValueError& x) {
        return with_message("ValueError", x.what());
    } catch (const RuntimeError& x) {
        return with_message("RuntimeError", x.what());
    } catch (const std::exception& x) {
        return with_message("Exception", x.what());
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace aio
