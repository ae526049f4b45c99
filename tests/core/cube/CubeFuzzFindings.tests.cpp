// Inputs the cube fuzz harness (tests/fuzz/cube.fuzz.cpp) found, reduced to
// the fault: each must be refused with a latentset::Error, not reach
// undefined behaviour. docs/fuzzing.md lists the findings.
#include "CubeModelFiles.h"
#include "HostileInput.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeGeometry.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace latentset;

namespace {

// The smallest world that builds (two contexts, 8x8 frames), as the fuzz seeds hold it.
CubeContextsConfig tinyWorld()
{
    CubeContextsConfig c;
    c.sideCount = 1;
    c.topCount = 1;
    c.cube.imageSize = 8;
    c.cube.glyphSize = 4;
    c.cube.subsamples = 1;
    return c;
}

// A cube model file with this (unchecked) context config and members that
// fit the tiny world, so only the config decides.
ChunkFile cubeFile(const CubeContextsConfig& config)
{
    return testing::cubeModelFile(config, 2, CubeContexts(tinyWorld()).largestMask());
}

} // namespace

TEST_CASE("A centre shift of 8e306 is refused before the projection turns it into pixel indices", "[cube][fuzz]")
{
    // Found by the cube harness: UBSan "-nan is outside the range of
    // representable values of type 'int'" in FaceWarp::visit.
    CubeContextsConfig c = tinyWorld();
    c.cube.centreShift = 8.089619106880421e+306;
    testing::requireRefusedCheaply([&] { (void)CubeModel::from(cubeFile(c)); }, "centre shift");
}

TEST_CASE("Non-finite and off-frame camera settings are refused", "[cube][fuzz]")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (double shift : {nan, inf, -inf, 1.5, -1.01}) {
        CubeSettings s;
        s.centreShift = shift;
        INFO("centre shift " << shift);
        CHECK_THROWS_WITH(s.validate(), Catch::Contains("centre shift"));
    }
    for (double distance : {nan, inf}) {
        CubeSettings s;
        s.distance = distance;
        INFO("distance " << distance);
        CHECK_THROWS_AS(s.validate(), Error);
    }
    CubeSettings fine;
    fine.centreShift = -1.0;
    CHECK_NOTHROW(fine.validate());
    fine.centreShift = 1.0;
    CHECK_NOTHROW(fine.validate());
}

TEST_CASE("A face projected entirely off the frame covers no pixel instead of overflowing", "[cube][fuzz]")
{
    // The largest shift validate() allows moves the principal point to the
    // frame's edge: the warp's bounding box is clamped in floating point, so
    // whatever lies outside simply has no pixels.
    CubeContextsConfig c = tinyWorld();
    c.cube.centreShift = 1.0;
    try {
        const CubeContexts contexts(c);
        CHECK(contexts.size() == 2);
    } catch (const Error& e) {
        // "covers no pixel" is the expected answer when a face leaves the frame.
        CHECK(std::string(e.what()).find("covers no pixel") != std::string::npos);
    }
}
