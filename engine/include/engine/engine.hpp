// Everything the engine offers, in one include.
#pragma once

#include <engine/clock.hpp>
#include <engine/condition.hpp>
#include <engine/errors.hpp>
#include <engine/event_loop.hpp>
#include <engine/event.hpp>
#include <engine/future.hpp>
#include <engine/gather.hpp>
#include <engine/lock.hpp>
#include <engine/queue.hpp>
#include <engine/recorder.hpp>
#include <engine/resource.hpp>
#include <engine/run_coroutine_threadsafe.hpp>
#include <engine/semaphore.hpp>
#include <engine/sleep.hpp>
#include <engine/task.hpp>
#include <engine/task_group.hpp>
#include <engine/thread_pool.hpp>
#include <engine/timeout.hpp>
#include <engine/to_thread.hpp>
#include <engine/trace.hpp>
#include <engine/wait.hpp>
#include <engine/wait_for.hpp>
