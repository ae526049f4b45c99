#pragma once
// What the programs of bench/ share: a CPU clock and seeded random matrices.
// Header-only and limited to the core's oldest public API, so a bench program
// still builds against an older core for A/B runs.
#include "latentset/util/Random.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <ctime>

namespace latentset::bench {

// CPU seconds of this process (CLOCK_PROCESS_CPUTIME_ID) or of this thread
// (CLOCK_THREAD_CPUTIME_ID): a shared machine's other processes count less.
inline double cpuSeconds(clockid_t clock)
{
    timespec t{};
    clock_gettime(clock, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

// rows x cols of uniform values in [lo, hi) drawn from `seed`.
inline Matrix filled(Index rows, Index cols, std::uint64_t seed, float lo = -1.0f, float hi = 1.0f)
{
    Random g(seed);
    Matrix m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = g.uniformF(lo, hi);
    return m;
}

} // namespace latentset::bench
