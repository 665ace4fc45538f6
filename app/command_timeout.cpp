#include <app/command_timeout.hpp>

#include <script/runtime/script_run.hpp>

#include <chrono>

RunTimeout::RunTimeout(script::ScriptRun& run, double seconds)
{
    if (seconds <= 0)
        return;
    thread_ = std::thread([this, &run, limit = std::chrono::duration<double>(seconds)] {
        std::unique_lock lock(mutex_);
        if (cv_.wait_for(lock, limit, [this] { return done_; }))
            return;
        fired_ = true;
        lock.unlock();
        run.request_stop();
    });
}

RunTimeout::~RunTimeout()
{
    finish();
}

void RunTimeout::finish()
{
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

bool RunTimeout::fired() const
{
    std::lock_guard lock(mutex_);
    return fired_;
}
