// MachinePeak: the FMA rate it measures is the core's, not the cost of a loop
// that keeps its accumulators in memory (the CI build's -O2 once measured 0.42
// FMA per cycle and printed a peak of 0.0 GFLOP/s).
#include "latentset/nn/MachinePeak.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("MachinePeak measures at least one FMA per cycle's worth of a pipe and a non-zero peak", "[nn][peak]")
{
    const MachinePeak m = MachinePeak::measure();
    REQUIRE(m.cores >= 1);
    REQUIRE(m.lanes >= 4);
#if defined(__x86_64__) && (defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__)))
    // One pipe sustains one FMA per cycle; a loop through memory stays below
    // half of that. Thread CPU time on both sides keeps this true under load.
    CHECK(m.clockGHz > 0.5);
    CHECK(m.fmaPerCycle > 0.7);
    CHECK((m.fmaUnits == 1 || m.fmaUnits == 2));
    CHECK(m.peakGflops >= double(m.cores) * m.lanes * 2.0 * m.clockGHz * 0.99);
#endif
}
