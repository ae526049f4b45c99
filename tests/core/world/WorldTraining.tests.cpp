// Shared-latent training on worlds of each family: cross-training makes the
// transfer better than self-training alone (the untrained-transfer baseline).
#include "latentset/cube/CubeDataset.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/GlyphWorld.h"
#include "latentset/world/PairedWorld.h"
#include "latentset/world/RotationFamily.h"
#include "latentset/world/WorldModel.h"
#include "latentset/world/WorldTask.h"
#include "latentset/world/WorldTransfer.h"

#include "WorldFixtures.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace latentset;

namespace {

SharedLatentSettings small(int crossPerSelf)
{
    SharedLatentSettings s;
    s.hidden = 32;
    s.latent = 8;
    s.batchSize = 16;
    s.crossPerSelf = crossPerSelf;
    s.learningRate = 3e-3f;
    s.seed = 5;
    return s;
}

double trainedRatio(const std::shared_ptr<const ContextWorld>& world, int crossPerSelf, int rounds)
{
    WorldTask task(world, small(crossPerSelf));
    ThreadPool pool(2);
    for (int r = 0; r < rounds; ++r)
        task.round(pool);
    const auto all = worldtest::allItems(world->itemCount());
    return WorldTransfer(task.members(), *world).errors(all, &pool).transferRatio;
}

// The rotation world's 6 contexts as a paired folder would hold them.
std::shared_ptr<const PairedImages> pairedRotation()
{
    const GlyphWorld glyphs(RotationFamily::make(6), worldtest::builtinGlyphs());
    auto images = std::make_shared<PairedImages>();
    images->name = "synthetic";
    images->width = images->height = 28;
    images->axes = {{"angle", true, 360.0}};
    for (int c = 0; c < 6; ++c) {
        images->contexts.push_back("c" + std::to_string(c));
        images->parameters.push_back(glyphs.parameters(c));
    }
    for (Index i = 0; i < glyphs.itemCount(); ++i)
        images->items.push_back("item" + std::to_string(i));
    const auto all = worldtest::allItems(glyphs.itemCount());
    for (int c = 0; c < 6; ++c) {
        const Matrix m = glyphs.masked(c, all);
        for (Index i = 0; i < m.cols(); ++i)
            for (Index k = 0; k < m.rows(); ++k)
                images->pixels.push_back(std::uint8_t(std::clamp(m(k, i), 0.0f, 1.0f) * 255.0f + 0.5f));
    }
    return images;
}

} // namespace

TEST_CASE("A small rotation world cross-trains to a better transfer than self-training alone", "[world][slow]")
{
    auto world = std::make_shared<const GlyphWorld>(RotationFamily::make(6), worldtest::builtinGlyphs());
    const double cross = trainedRatio(world, 1, 300);
    const double selfOnly = trainedRatio(world, 0, 300);
    INFO("cross " << cross << ", self only " << selfOnly);
    CHECK(cross < 0.6 * selfOnly);
}

TEST_CASE("A small scale x position world cross-trains better than self-training alone", "[world][slow]")
{
    WorldSpec spec = WorldSpec::named("scale-position");
    spec.scalePosition.scales = 2;
    spec.scalePosition.positions = 2;
    spec.scalePosition.frame = 36;
    spec.scalePosition.subsamples = 2;
    const auto world = WorldBuilder(spec).over(worldtest::builtinGlyphs());
    REQUIRE(world->contextCount() == 8);
    const double cross = trainedRatio(world, 1, 300);
    const double selfOnly = trainedRatio(world, 0, 300);
    INFO("cross " << cross << ", self only " << selfOnly);
    CHECK(cross < 0.6 * selfOnly);
}

TEST_CASE("A paired-folder world cross-trains better than self-training alone", "[world][slow]")
{
    auto world = std::make_shared<const PairedWorld>(pairedRotation());
    CHECK(world->kind() == "folder");
    CHECK(world->itemName(2) == "item2");
    const double cross = trainedRatio(world, 1, 300);
    const double selfOnly = trainedRatio(world, 0, 300);
    INFO("cross " << cross << ", self only " << selfOnly);
    CHECK(cross < 0.6 * selfOnly);
    const auto [train, test] = PairedWorld::split(pairedRotation(), 5);
    CHECK(train->itemCount() + test->itemCount() == world->itemCount());
    CHECK(test->itemName(0) == "item1");
}

TEST_CASE("The cube is a context world: its member input by item is its input by glyphs", "[world]")
{
    CubeContextsConfig config = CubeContextsConfig::forCount(4);
    config.cube.imageSize = 32;
    config.cube.subsamples = 2;
    const CubeDataset cube(std::make_shared<const CubeContexts>(config), worldtest::builtinGlyphs());
    const ContextWorld& world = cube;
    const std::vector<Index> items{1, 4, 2};
    CHECK(world.kind() == "cube");
    CHECK(world.contextCount() == 4);
    CHECK(world.memberInputSize() == cube.contexts().largestMask());
    for (int c = 0; c < 4; ++c) {
        const Matrix a = world.memberInput(c, items);
        const Matrix b = cube.memberInput(c, cube.glyphs(items));
        CHECK((a - b).cwiseAbs().maxCoeff() == 0.0f);
    }
    CHECK(world.parameters(0).at(0) == 0.0);
    CHECK(world.parameters(3).at(0) == 1.0);
}

TEST_CASE("A world model file round-trips its spec and members", "[world]")
{
    auto world = std::make_shared<const GlyphWorld>(RotationFamily::make(4), worldtest::builtinGlyphs());
    WorldTask task(world, small(1));
    ThreadPool pool(1);
    for (int r = 0; r < 4; ++r)
        task.round(pool);
    WorldModel model;
    model.spec = WorldSpec::named("rotation");
    model.spec.contexts = 4;
    model.members = task.members().inferenceCopy();
    model.training = small(1);
    model.rounds = 4;
    model.noiseVariance = 0.01;
    const auto path = (std::filesystem::temp_directory_path() / "latentset-world-model.lset").string();
    model.save(path);
    const WorldModel back = WorldModel::load(path);
    std::filesystem::remove(path);
    CHECK(back.spec == model.spec);
    CHECK(back.rounds == 4);
    CHECK(back.noiseVariance == Approx(0.01));
    back.checkFits(*world);
    const Matrix x = world->memberInput(1, std::vector<Index>{0, 1});
    CHECK((back.members.member(1).encode(x) - task.members().member(1).encode(x)).cwiseAbs().maxCoeff() == 0.0f);
    const auto other = std::make_shared<const GlyphWorld>(RotationFamily::make(5), worldtest::builtinGlyphs());
    CHECK_THROWS_WITH(back.checkFits(*other), Catch::Contains("4 members for the world's 5 contexts"));
    ChunkFile notWorld("x");
    CHECK_THROWS_WITH(WorldModel::from(notWorld), Catch::Contains("not a world model"));
}

TEST_CASE("World settings: JSON round trip, named worlds, refused values", "[world]")
{
    WorldSpec s = WorldSpec::named("scale-position");
    s.scalePosition.scales = 2;
    CHECK(WorldSpec::fromJson(s.toJson()) == s);
    CHECK(WorldSpec::named("cube").contexts == 100);
    CHECK(WorldSpec::named("/some/folder").isFolder());
    WorldSpec fonts = WorldSpec::named("fonts");
    CHECK(fonts.isFonts());
    fonts.fonts = {"DejaVu Sans", "DejaVu Serif"};
    CHECK(WorldSpec::fromJson(fonts.toJson()) == fonts);
    fonts.fonts = {"DejaVu Sans"};
    CHECK_THROWS_WITH(fonts.validate(), Catch::Contains("at least 2 font families"));
    CHECK(WorldSpec::named("/some/folder").folder == "/some/folder");
    WorldSpec bad = WorldSpec::named("rotation");
    bad.contexts = 1;
    CHECK_THROWS_WITH(bad.validate(), Catch::Contains("rotation contexts"));
    CHECK_THROWS_AS(WorldBuilder{WorldSpec::named("/folder")}, Error);
    // Digits + letters: the letters' families travel with the spec.
    WorldSpec letters = WorldSpec::named("rotation");
    letters.glyphs = "mnist+letters";
    CHECK_THROWS_WITH(letters.validate(), Catch::Contains("needs the letters' font families"));
    letters.fonts = {"Nimbus Sans"};
    CHECK_NOTHROW(letters.validate());
    CHECK(WorldSpec::fromJson(letters.toJson()) == letters);
    letters.glyphs = "letters";
    CHECK_THROWS_WITH(letters.validate(), Catch::Contains("glyphs must be"));
}
