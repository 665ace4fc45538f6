// The engine's exceptions, one per asyncio exception it can raise. CancelledError
// is not an aio::Error, as asyncio.CancelledError is not an Exception.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace aio {

// Raised at a cancelled task's current await; a task may catch it to clean up.
class CancelledError : public std::exception {
public:
    explicit CancelledError(std::string message = {}) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }

private:
    std::string message_;
};

// Base of every other engine error.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class TimeoutError : public Error {
public:
    TimeoutError() : Error("") {}
    using Error::Error;
};
class InvalidStateError : public Error { public: using Error::Error; };
// Misuse of the loop: closed, already running, stopped before the future completed...
class RuntimeError : public Error { public: using Error::Error; };
class ValueError : public Error { public: using Error::Error; };
class QueueEmpty : public Error { public: QueueEmpty() : Error("") {} };
class QueueFull : public Error { public: QueueFull() : Error("") {} };
// run_until_complete could make no progress; what() is the wait-for report.
class DeadlockError : public Error { public: using Error::Error; };

// Whether `e` holds an aio::CancelledError. Cheap where the standard library
// lets us read the type (libstdc++), so cancelling costs no extra throw there.
bool is_cancelled_error(const std::exception_ptr& e) noexcept;

// "TypeName: message" for the trace and for messages. Knows the engine's own
// exceptions and std::exception; the script layer adds its own describer.
std::string describe_exception(const std::exception_ptr& e);
using ExceptionDescriber = std::string (*)(const std::exception_ptr&, bool& handled);
void set_exception_describer(ExceptionDescriber describer);

}  // namespace aio
