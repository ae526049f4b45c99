// Cube-world and level-2 concept files written before the experiments moved
// into core (tests/data/legacy/README.md: `latentset-cli cube train --save`
// and `concept train --save` at commit 9701faf) open with today's readers and
// give the figures that CLI printed for them (cube-transfer-V.json,
// concept-imagine-V.json), with built-in glyphs only: no MNIST needed.
#include "LegacyFiles.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/CoreGlyphs.h"
#include "latentset/experiments/GlyphTransfer.h"
#include "latentset/experiments/ImagineExperiment.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

#include <memory>

using namespace latentset;
using namespace latentset::testing;

TEST_CASE("Legacy files: cube train --save's world loads and transfers as the old CLI did", "[experiments][legacy]")
{
    const CubeModel world = CubeModel::load(legacyPath("cube.lset"));
    REQUIRE(world.contexts != nullptr);
    CHECK(world.contexts->size() == 12);
    CHECK(world.members.size() == 12);
    CHECK(world.members.config().hiddenSizes == std::vector<Index>{4});
    CHECK(world.members.config().latentSize == 2);
    CHECK(world.rounds == 400);
    const JsonValue trained = legacyReport("cube");
    CHECK(world.selfError == Approx(legacyNumber(trained, "self_error")).epsilon(1e-6));
    CHECK(world.transferError == Approx(legacyNumber(trained, "transfer_error")).epsilon(1e-6));

    const GlyphTransfer t = GlyphTransfer::run(world, 10, CoreGlyphs::resolve("V"));
    const JsonValue printed = legacyReport("cube-transfer-V");
    CHECK(t.errors.size() == 12);
    CHECK(t.sourceError == Approx(legacyNumber(printed, "source_error")).epsilon(1e-5));
    CHECK(t.meanOtherError == Approx(legacyNumber(printed, "mean_error")).epsilon(1e-5));
    CHECK(t.worstError == Approx(legacyNumber(printed, "worst_error")).epsilon(1e-5));
}

TEST_CASE("Legacy files: concept train --save's level 2 loads and imagines as the old CLI did", "[experiments][legacy]")
{
    const ChunkFile file = ChunkFile::load(legacyPath("concept.lset"));
    REQUIRE(CubeModel::isCubeModel(file));
    REQUIRE(ConceptModel::present(file));
    const auto world = std::make_shared<const CubeModel>(CubeModel::from(file));
    const auto level2 = std::make_shared<const ConceptModel>(ConceptModel::read(file));

    ImagineSettings settings;
    settings.glyph = "V";
    settings.steps = 4;
    const ImagineResult result = ImagineExperiment(settings, world, level2).run();
    const JsonValue printed = legacyReport("concept-imagine-V");
    const JsonValue::Array& errors = printed.find("masked_errors")->asArray();
    REQUIRE(result.steps.size() == 4);
    REQUIRE(errors.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("step " << i);
        CHECK(result.steps[i].error == Approx(errors[i].asNumber()).epsilon(1e-5));
    }
    CHECK(result.meanError == Approx(legacyNumber(printed, "mean_masked_error")).epsilon(1e-5));
}
