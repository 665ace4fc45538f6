#include <engine/clock.hpp>

#include <cmath>
#include <limits>

namespace aio {

std::int64_t seconds_to_ns(double seconds)
{
    if (std::isnan(seconds))
        return 0;
    const double ns = seconds * 1e9;
    // Far-away deadlines saturate instead of overflowing.
    if (ns >= 9.2e18)
        return std::numeric_limits<std::int64_t>::max() / 2;
    if (ns <= -9.2e18)
        return std::numeric_limits<std::int64_t>::min() / 2;
    return std::llround(ns);
}

}  // namespace aio
