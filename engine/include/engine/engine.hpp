// Everything the engine offers, in one include.
#pragma once

#include <engine/clock.hpp>
#include <engine/errors.hpp>
#include <engine/event_loop.hpp>
#include <engine/future.hpp>
#include <engine/recorder.hpp>
#include <engine/resource.hpp>
#include <engine/sleep.hpp>
#include <engine/task.hpp>
#include <engine/trace.hpp>
