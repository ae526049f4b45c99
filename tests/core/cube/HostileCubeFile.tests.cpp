// Cube-world files whose context config claims more than the file holds:
// refused before a warp is built (the counts' int sum overflowed and passed
// its check; huge frames and subsample counts built gigabytes of warps from a
// few hundred bytes).
#include "CubeModelFiles.h"
#include "HostileInput.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

#include <climits>

using namespace latentset;


TEST_CASE("Context counts whose sum overflows int are refused", "[cube][hostile]")
{
    CubeContextsConfig c;
    c.sideCount = INT_MAX;
    c.topCount = 1; // INT_MAX + 1 wraps negative: it used to pass "count() <= 10000"
    testing::requireRefusedCheaply([&] { (void)CubeModel::from(testing::cubeModelFile(c, 2, 16)); }, "side and top counts");
    CHECK_THROWS_AS(c.validate(), Error);
}

TEST_CASE("A frame far larger than the members' input is refused before building warps", "[cube][hostile]")
{
    CubeContextsConfig c;
    c.sideCount = 1;
    c.topCount = 1;
    c.cube.imageSize = 1024;
    c.cube.subsamples = 16; // 2 contexts x 1M pixels x 256 samples, from a tiny file
    testing::requireRefusedCheaply([&] { (void)CubeModel::from(testing::cubeModelFile(c, 2, 16)); }, "too few for a 1024x1024 frame");
}

TEST_CASE("A member count that differs from the contexts is refused before building them", "[cube][hostile]")
{
    CubeContextsConfig c;
    c.sideCount = 5000;
    c.topCount = 5000;
    testing::requireRefusedCheaply([&] { (void)CubeModel::from(testing::cubeModelFile(c, 2, 16)); }, "2 members for 10000 contexts");
}

TEST_CASE("Building contexts past 4e9 samples is refused", "[cube][hostile]")
{
    CubeContextsConfig c;
    c.sideCount = 5000;
    c.topCount = 5000;
    c.cube.imageSize = 1024;
    c.cube.subsamples = 4;
    testing::requireRefusedCheaply([&] { c.validate(); }, "too many to build");
    CubeContextsConfig normal; // the default world stays well inside
    CHECK_NOTHROW(normal.validate());
}
