// The world experiments on a small rotation world of built-in glyphs: the
// settings' JSON round trip and validate(), training into a model file that
// estimation and one-shot reopen, and the cube's settings pacing unchanged.
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/experiments/CubeWorldSettings.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/experiments/WorldConceptExperiment.h"
#include "latentset/experiments/WorldEstimateExperiment.h"
#include "latentset/experiments/WorldOneShotExperiment.h"
#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/world/ParameterEstimator.h"
#include "latentset/world/WorldImaginer.h"
#include "latentset/world/WorldTransfer.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace latentset;

namespace {

Dataset glyphs()
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : BuiltinGlyphs::names()) {
        const Vector g = BuiltinGlyphs::render(name);
        for (Index k = 0; k < g.size(); ++k)
            pixels.push_back(std::uint8_t(255.0f * g(k) + 0.5f));
        labels.push_back(int(labels.size()));
    }
    return Dataset(28, 28, pixels, labels, {}, "built-in glyphs");
}

WorldTrainSettings smallSettings()
{
    WorldTrainSettings s;
    s.world = WorldSpec::named("rotation");
    s.world.contexts = 8;
    s.training.hidden = 32;
    s.training.latent = 8;
    s.training.batchSize = 16;
    s.training.learningRate = 3e-3f;
    s.steps = 400;
    s.minutes = 10;
    s.threads = 2;
    s.evalItems = 8;
    return s;
}

} // namespace

TEST_CASE("World experiment settings: JSON round trip and refused values", "[experiments][world]")
{
    const WorldTrainSettings t = smallSettings();
    CHECK(WorldTrainSettings::fromJson(t.toJson()) == t);
    CHECK(WorldTrainSettings{}.training.hidden == CubeWorldSettings::recipe().hidden);
    WorldTrainSettings bad = t;
    bad.evalItems = 0;
    CHECK_THROWS_AS(bad.validate(), Error);
    WorldEstimateSettings e;
    e.items = 17;
    CHECK(WorldEstimateSettings::fromJson(e.toJson()) == e);
    e.items = 0;
    CHECK_THROWS_AS(e.validate(), Error);
    WorldOneShotSettings o;
    o.glyphA = "circle";
    o.pairs = 3;
    CHECK(WorldOneShotSettings::fromJson(o.toJson()) == o);
    o.glyphB.clear();
    CHECK_THROWS_AS(o.validate(), Error);
    // The cube's pacing, now shared: steps -> one epoch of the cycles they need.
    CubeWorldSettings cube;
    cube.steps = 61;
    CHECK(cube.taskSettings().cyclesPerEpoch == 31);
    CHECK(cube.trainerEpochs() == 1);
}

TEST_CASE("A small rotation world trains, saves, and estimates angles better than chance", "[experiments][world][slow]")
{
    const WorldTrainSettings settings = smallSettings();
    const WorldBuilder builder(settings.world);
    const auto world = builder.over(glyphs());
    WorldTrainExperiment experiment(settings, {world, world});
    const WorldTrainResult r = experiment.run();
    CHECK(r.rounds == 400);
    CHECK(r.transfer.transferRatio < 3.0);
    CHECK(r.noiseVariance > 0);
    auto model = std::make_shared<const WorldModel>(experiment.model());
    CHECK(model->spec == settings.world);

    WorldEstimateSettings es;
    es.items = 100;
    const WorldEstimateResult e = WorldEstimateExperiment(es, model, world).run();
    REQUIRE(e.axes.size() == 1);
    CHECK(e.offGrid);
    CHECK(e.axes[0].binWidth == Approx(45.0));
    // Chance (a uniform guess on a circle) is 90 degrees off on average.
    INFO("mean abs error " << e.axes[0].maeInterpolated);
    CHECK(e.axes[0].maeInterpolated < 45.0);
    // The glyph identified across contexts from the shared code, far above chance.
    CHECK(e.identificationGallery == int(world->itemCount()));
    INFO("identification " << e.itemIdentification << " of a gallery of " << e.identificationGallery);
    CHECK(e.itemIdentification > 3.0 / e.identificationGallery);

    // The level-2 concept: two units for the circle, never told the angle,
    // locate held-out angles better than guessing; the concept file round-trips.
    WorldConceptSettings cs;
    cs.samples = 600;
    cs.heldOut = 80;
    cs.level2.epochs = 150;
    cs.level2.restarts = 2;
    const WorldConceptResult c = WorldConceptExperiment(cs, model, {world, world}).run();
    CHECK(c.units == 2);
    REQUIRE(c.axes.size() == 1);
    CHECK(c.heldOutCodes.cols() == 80);
    CHECK(c.heldOutRead.rows() == 1);
    INFO("units " << c.axes[0].maeUnits << ", likelihood " << c.axes[0].maeLikelihood << ", chance "
                  << c.axes[0].maeChance);
    // At least a quarter of what the whole 8-context vector locates beyond guessing
    // (measured: units 70.8, vector 46.5, guessing 93.8 degrees).
    CHECK(c.axes[0].maeUnits < c.axes[0].maeChance - 0.25 * (c.axes[0].maeChance - c.axes[0].maeLikelihood));
    ChunkFile file("concept.lset");
    model->addTo(file);
    c.worldConcept->write(file);
    const ChunkFile reopened = ChunkFile::fromBytes(file.toBytes(), "concept.lset");
    CHECK(WorldModel::from(reopened).members.size() == 8);
    const WorldConcept back = WorldConcept::read(reopened);
    CHECK(back.codes(Matrix::Constant(8, 1, 0.5f)) == c.worldConcept->codes(Matrix::Constant(8, 1, 0.5f)));
    // Imagination: a sweep of each unit reads as angles and shows the item.
    const WorldImaginer imaginer(*world, back);
    const Matrix sweep = imaginer.sweep(0, 5);
    CHECK(sweep(0, 0) == Approx(back.unitMin()[0]));
    CHECK(sweep(0, 4) == Approx(back.unitMax()[0]));
    const WorldImaginer::Imagined im = imaginer.imagine(sweep.col(2), 0);
    CHECK(im.map.size() == 8);
    CHECK(im.frame.size() == world->frameSize());
    CHECK(im.frame.maxCoeff() > 0.3f);
    // With the members, the back projection: item 0's code from context 3,
    // decoded by the member of the context where the imagined map peaks.
    const WorldImaginer withMembers(*world, back, &model->members);
    const Vector code1 = withMembers.levelOneCode(0, 3);
    const WorldTransfer transfer(model->members, *world);
    const Index first[1] = {0};
    CHECK(code1.isApprox(transfer.encodeItems(3, first).col(0)));
    const WorldImaginer::Imagined back1 = withMembers.imagine(sweep.col(2), 0, code1);
    Index peak = -1;
    back1.map.maxCoeff(&peak);
    CHECK(back1.peakContext == int(peak));
    CHECK(back1.map.isApprox(im.map));
    CHECK(back1.decoded.isApprox(transfer.decodeAll(code1).col(back1.peakContext)));
    CHECK(back1.decoded.size() == world->frameSize());
    CHECK_THROWS_AS(imaginer.imagine(sweep.col(2), 0, code1), Error); // no members given
    CHECK_THROWS_AS(withMembers.levelOneCode(0, 8), Error);
    CHECK_THROWS_AS(withMembers.imagine(sweep.col(2), 0, Vector::Zero(3)), Error);
    // Following the loop: the mean code of the 5 entries whose angle is nearest 100 degrees.
    std::vector<std::pair<double, Index>> near;
    const ParameterEstimator estimator = ParameterEstimator::forWorld(*world);
    for (Index j = 0; j < back.calibrationParameters().cols(); ++j)
        near.push_back({estimator.error(0, back.calibrationParameters()(0, j), 100.0), j});
    std::sort(near.begin(), near.end());
    Vector mean = Vector::Zero(2);
    for (int i = 0; i < 5; ++i)
        mean += back.calibrationCodes().col(near[std::size_t(i)].second) / 5.0f;
    CHECK(imaginer.codeAlong(0, 100.0, 5).isApprox(mean));
    CHECK(imaginer.codeAlong(0, 100.0 + 360.0, 5).isApprox(mean)); // around the circle
    CHECK_THROWS_AS(imaginer.codeAlong(1, 100.0), Error);
    CHECK_THROWS_AS(WorldConceptExperiment(cs, model, {}), Error);

    WorldOneShotSettings os;
    os.pairs = 3;
    const WorldOneShotResult o = WorldOneShotExperiment(os, model, world).run();
    CHECK(o.pairs.size() == 3);
    CHECK(o.shown.score.contexts == 8);
    CHECK(o.minScore <= o.meanScore);
}
