// How much one run may record before Loopscope stops it, shared by the window (RunSession)
// and the command line (`export`, `run --trace`): a program that never ends
// (`while True: await asyncio.sleep(1)`) would otherwise record until memory runs out.
// Constants only; any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace RunLimits {

// Events kept in memory for one run (32 bytes each, 160 MB in all).
inline constexpr std::size_t kMaxEvents = 5'000'000;
// Loop time a run on the virtual clock may reach (a live, wall-clock run has no such limit:
// its time passes as the user watches).
inline constexpr std::int64_t kMaxVirtualNs = 600LL * 1'000'000'000;

}  // namespace RunLimits
