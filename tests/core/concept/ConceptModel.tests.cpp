#include "SmallCubeWorld.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/Correlation.h"
#include "latentset/concept/CubeImaginer.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

using namespace latentset;

TEST_CASE("Level 2: one sigmoid unit learns a code monotone in the cube's angle", "[concept][level2][world]")
{
    const testing::SmallCubeWorld& world = testing::trainedSmallWorld();
    const Matrix glyphs = testing::scribbles(40, 21);
    const ContextLikelihoodMap map(world.view());
    const CubeRenderer renderer(world.contexts.geometry());

    // Training cubes: one scribble on every face, random angles. The angles
    // stay below 60 degrees here: a cube at 89 degrees shows the same outline
    // as one at 0 and differs only by its top glyph's turn, which this small
    // world's 10 coarse top contexts barely resolve, so over the full
    // quarter-turn the maps close into a loop that one unit must cut
    // somewhere. The 100-context world resolves it (docs/concept.md).
    Random random(5);
    const int n = 300, held = 60;
    Matrix g(784, n + held);
    Vector theta(n + held);
    for (int j = 0; j < n + held; ++j) {
        g.col(j) = glyphs.col(j % 40); // "the same digit": a few glyphs seen again and again
        theta[j] = random.uniformF(0.f, 60.f);
    }
    const Matrix maps = ConceptModel::cubeMaps(map, renderer, g, theta);
    REQUIRE(maps.rows() == 16);
    CHECK(maps.minCoeff() >= 0.f);
    CHECK(maps.maxCoeff() <= 1.f);

    ConceptSettings s;
    s.hiddenSizes = {32};
    s.epochs = 150;
    s.seed = 3;
    ConceptModel model(16, s);
    model.train(maps.leftCols(n));
    const Vector u = model.latent(maps.rightCols(held));
    const double rho = Correlation::spearman(u, theta.tail(held));
    INFO("Spearman rho on held-out cubes " << rho);
    CHECK(std::abs(rho) >= 0.85);

    // Save -> load reproduces the unit.
    model.setCalibration(u, theta.tail(held));
    model.setMapOptions(map.options());
    ChunkFile file("concept test");
    model.write(file);
    const ConceptModel loaded = ConceptModel::read(ChunkFile::fromBytes(file.toBytes(), "concept test"));
    CHECK((loaded.latent(maps.rightCols(5)) - model.latent(maps.rightCols(5))).cwiseAbs().maxCoeff() < 1e-6f);
    CHECK(loaded.thetaAt(0.5) == Approx(model.thetaAt(0.5)));
    // The map definition travels with the model ...
    CHECK(loaded.mapOptions().value == map.options().value);
    CHECK(loaded.mapOptions().poseSmoothingDeg == Approx(map.options().poseSmoothingDeg));
    model.setMapOptions(ContextMapOptions{MapValue::MeanSquare, 0.25, 3.0});
    ChunkFile second("concept test 2");
    model.write(second);
    const ConceptModel meanSquare = ConceptModel::read(ChunkFile::fromBytes(second.toBytes(), "concept test 2"));
    CHECK(meanSquare.mapOptions().value == MapValue::MeanSquare);
    CHECK(meanSquare.mapOptions().sigma == Approx(0.25));
    CHECK(meanSquare.mapOptions().poseSmoothingDeg == Approx(3.0));
    // ... and a version-1 chunk (no unit count: 4 bytes fewer after the
    // restarts, at 4 + 4 + 8 * hidden + 4 + 4 + 4 + 8 + 4; no map options:
    // 4 + 8 + 8 bytes fewer at the end) reads as the one-unit map of its time.
    const ChunkFile::Chunk* chunk = file.find("CNCP");
    REQUIRE(chunk);
    std::string v1Payload = chunk->payload.substr(0, chunk->payload.size() - 20);
    v1Payload.erase(4 + 4 + 8 * s.hiddenSizes.size() + 4 + 4 + 4 + 8 + 4, 4);
    ChunkFile old("concept v1");
    old.add("CNCP", 1, v1Payload);
    const ConceptModel v1 = ConceptModel::read(ChunkFile::fromBytes(old.toBytes(), "concept v1"));
    CHECK(v1.mapOptions().value == MapValue::MeanSquare);
    CHECK(v1.mapOptions().poseSmoothingDeg == 0.0);
    CHECK((v1.latent(maps.rightCols(5)) - model.latent(maps.rightCols(5))).cwiseAbs().maxCoeff() < 1e-6f);

    // Imagination: every frame shows a top face and at least one side face.
    const CubeImaginer imaginer(world.view(), model);
    Matrix v(784, 1);
    v.col(0) = BuiltinGlyphs::render("V");
    const Vector code = world.view().encodeGlyphs(3, v).col(0);
    for (double uu : {model.uMin(), 0.5 * (model.uMin() + model.uMax()), model.uMax()}) {
        const CubeImaginer::Frame f = imaginer.imagine(uu, code);
        REQUIRE(f.contexts.size() >= 2);
        CHECK(world.contexts.pose(f.contexts[0]).kind == FacePose::Kind::Top);
        CHECK(f.image.maxCoeff() > 0.3f);
        CHECK(f.mask.sum() > 50);
    }
}
