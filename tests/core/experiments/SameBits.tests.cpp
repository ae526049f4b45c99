// Every experiment at a small recipe: run twice with the same settings and
// seed, it gives the same bits; and a front end that builds the training
// itself from the settings (as the GUI does: taskSettings(), memberSeed())
// gets the experiment's bits too.
#include "ExperimentFixtures.h"

#include "latentset/concept/OneShotTest.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ClassSetExperiment.h"
#include "latentset/experiments/ConceptExperiment.h"
#include "latentset/experiments/ImagineExperiment.h"
#include "latentset/experiments/MapsExperiment.h"
#include "latentset/experiments/CubeWorldExperiment.h"
#include "latentset/experiments/LikelihoodExperiment.h"
#include "latentset/experiments/OneShotExperiment.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/Trainer.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace latentset::testing;

namespace {

// `name`: its own folder per test case (ctest runs cases in parallel processes).
ClassSetExperimentSettings smallClassSet(const std::string& name)
{
    ClassSetExperimentSettings s;
    s.dataset = smallLabelledCsv(name);
    s.model = AutoencoderConfig::make(64, {8}, 2, true);
    s.epochs = 2;
    s.mlpEpochs = 1;
    s.batchSize = 8;
    s.mlpBatchSize = 16;
    s.maskingNoise = 0.1f;
    s.calibrationPerClass = 10;
    s.threads = 2;
    s.seed = 7;
    s.gemmBenchmark = false;
    return s;
}

CubeWorldSettings smallCube()
{
    CubeWorldSettings s;
    s.contexts = 12;
    s.training.hidden = 8;
    s.training.latent = 4;
    s.training.batchSize = 8;
    s.steps = 6;
    s.threads = 2;
    s.evalDigits = 4;
    return s;
}

class Stages : public ExperimentObserver {
public:
    void stageReached(const std::string& stage) override { seen += stage + ";"; }
    void epochFinished(const std::string& phase, const EpochSummary&) override { seen += phase + " epoch;"; }
    std::string seen;
};

} // namespace

TEST_CASE("ClassSetExperiment: same settings and seed give the same bits and a task built from the settings matches",
          "[experiments][samebits]")
{
    const ClassSetExperimentSettings s = smallClassSet("classset-bits");
    Stages stages;
    const ClassSetResult a = ClassSetExperiment(s).run(&stages);
    const ClassSetResult b = ClassSetExperiment(s).run();
    CHECK(stages.seen == "data;model;set epoch;set epoch;set trained;set evaluated;mlp;mlp epoch;mlp evaluated;");
    REQUIRE(a.set);
    CHECK(setDifference(*a.set, *b.set) == 0.0f);
    CHECK(a.setEpochLosses == b.setEpochLosses);
    CHECK(a.raw.accuracy() == b.raw.accuracy());
    CHECK(a.calibratedMatrix.accuracy() == b.calibratedMatrix.accuracy());
    CHECK(a.mlpAccuracy == b.mlpAccuracy);
    CHECK(a.mlpAccuracy >= 0);

    // The GUI's way: its own Trainer over a ClassSetTask built from the same settings.
    const DatasetSplits splits = DatasetCatalog::load(s.dataset);
    std::vector<Dataset> perClass;
    for (int c = 0; c < splits.train.classCount(); ++c)
        perClass.push_back(splits.train.ofClass(c));
    auto task = std::make_shared<ClassSetTask>(AutoencoderSet(s.model, splits.train.classCount(), s.memberSeed()),
                                               std::move(perClass), s.taskSettings());
    TrainerSettings ts;
    ts.epochs = std::size_t(s.epochs);
    ts.threads = s.threads;
    Trainer trainer(task, ts);
    REQUIRE(trainer.run() == TrainerState::Finished);
    CHECK(setDifference(*a.set, task->set()) == 0.0f);
}

TEST_CASE("ClassSetExperiment: a stop request ends the run with what was done", "[experiments][stop]")
{
    ClassSetExperimentSettings s = smallClassSet("classset-stop");
    s.epochs = 50;
    StopSource source;
    source.request_stop();
    const ClassSetResult r = ClassSetExperiment(s).run(nullptr, source.get_token());
    CHECK(r.stopped);
    CHECK(r.setEpochLosses.size() < 50);
    CHECK(r.mlpAccuracy == -1); // later phases skipped
}

TEST_CASE("CubeWorldExperiment: same settings and seed give the same bits and a task built from the settings matches",
          "[experiments][samebits]")
{
    const CubeWorldSettings s = smallCube();
    const auto train = smallCubeData(40, 3), test = smallCubeData(8, 4);
    CubeWorldExperiment first(s, train, test);
    const CubeWorldResult a = first.run();
    const CubeWorldResult b = CubeWorldExperiment(s, train, test).run();
    CHECK(a.rounds == 6);
    CHECK(setDifference(*a.members, *b.members) == 0.0f);
    CHECK(a.transfer.transferError == b.transfer.transferError);
    CHECK(a.transfer.selfError == b.transfer.selfError);

    auto task = std::make_shared<SharedLatentTask>(train, s.taskSettings());
    TrainerSettings ts;
    ts.epochs = s.trainerEpochs();
    ts.threads = s.threads;
    Trainer trainer(task, ts);
    REQUIRE(trainer.run() == TrainerState::Finished);
    CHECK(setDifference(*a.members, *task->membersSnapshot()) == 0.0f);
    // The model a front end saves holds the same members and recipe.
    const CubeModel model = first.model();
    CHECK(setDifference(model.members, *a.members) == 0.0f);
    CHECK(model.training.hidden == s.training.hidden);
}

TEST_CASE("LikelihoodExperiment: same settings and seed give the same bits", "[experiments][samebits]")
{
    LikelihoodExperimentSettings s;
    s.dataset = smallLabelledCsv("likelihood");
    s.fashion = "/nonexistent/fashion";
    s.validation = 15;
    s.quickTrainEpochs = 2;
    s.quickHidden = 8;
    s.likelihood.mixture.components = 1;
    s.path = LikelihoodEstimator::Path::Dense;
    s.speedSamples = 4;
    s.threads = 2;
    s.seed = 3;
    struct Notes : ExperimentObserver {
        void note(const std::string& m) override { notes += m; }
        std::string notes;
    } notes;
    const LikelihoodResult a = LikelihoodExperiment(s).run(&notes);
    const LikelihoodResult b = LikelihoodExperiment(s).run();
    CHECK_THAT(notes.notes, Catch::Contains("Fashion-MNIST skipped"));
    CHECK(a.accFull == b.accFull);
    CHECK(a.accCalibrated == b.accCalibrated);
    CHECK(a.sigmas == b.sigmas);
    REQUIRE(a.anomalies.size() == 2); // noise and rotated (no Fashion-MNIST here)
    CHECK(a.anomalies[0].auroc == b.anomalies[0].auroc);
    REQUIRE(a.sets.size() == b.sets.size());
    CHECK((a.sets[0].terms.logLikelihood() - b.sets[0].terms.logLikelihood()).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("OneShotExperiment: same settings give the same bits as each other and as OneShotTest called directly", "[experiments][samebits]")
{
    CubeWorldSettings cs = smallCube();
    cs.steps = 20;
    CubeWorldExperiment cube(cs, smallCubeData(40, 3), smallCubeData(8, 4));
    cube.run();
    const auto world = std::make_shared<const CubeModel>(cube.model());
    OneShotSettings s;
    s.source = 3;
    s.pairs = 2;
    const OneShotExperimentResult a = OneShotExperiment(s, world).run();
    const OneShotExperimentResult b = OneShotExperiment(s, world).run();
    CHECK(a.shown.score == b.shown.score);
    CHECK((a.shown.distanceA - b.shown.distanceA).cwiseAbs().maxCoeff() == 0.0f);
    REQUIRE(a.pairs.size() == 2);
    CHECK(a.pairs[1].a == b.pairs[1].a);
    CHECK(a.pairs[1].result.score == b.pairs[1].result.score);
    const OneShotResult direct = OneShotTest(CubeWorldView(world->members, *world->contexts))
                                     .run(CoreGlyphs::resolve("V"), CoreGlyphs::resolve("plus"), 3);
    CHECK((direct.distanceB - a.shown.distanceB).cwiseAbs().maxCoeff() == 0.0f);
    s.pairs = OneShotExperiment::maxPairs() + 1;
    CHECK_THROWS_WITH(OneShotExperiment(s, world).run(), Catch::Contains("pairs of built-in shapes exist"));
}

namespace {

// The maps and concept experiments read MNIST digits (experiments/MnistData);
// without the set-up's data folder they cannot run at all.
bool haveMnist()
{
    if (std::filesystem::exists(DatasetCatalog::mnistDirectory()))
        return true;
    WARN("MNIST not found at " << DatasetCatalog::mnistDirectory() << " (tools/setup.sh): not run");
    return false;
}

std::shared_ptr<const CubeModel> smallTrainedWorld()
{
    CubeWorldSettings cs = smallCube();
    cs.steps = 20;
    CubeWorldExperiment cube(cs, smallCubeData(40, 3), smallCubeData(8, 4));
    cube.run();
    return std::make_shared<const CubeModel>(cube.model());
}

} // namespace

TEST_CASE("MapsExperiment: same settings give the same bits", "[experiments][samebits][mnist]")
{
    if (!haveMnist())
        return;
    const auto world = smallTrainedWorld();
    MapsSettings s;
    s.samples = 2;
    const MapsResult a = MapsExperiment(s, world).run();
    const MapsResult b = MapsExperiment(s, world).run();
    REQUIRE(a.sweep.pairs.size() == 2);
    CHECK(a.sweep.meanSame() == b.sweep.meanSame());
    CHECK(a.sweep.meanTurned() == b.sweep.meanTurned());
    CHECK(a.split == "test");
}

TEST_CASE("ConceptExperiment: same settings and seed give the same bits", "[experiments][samebits][mnist]")
{
    if (!haveMnist())
        return;
    const auto world = smallTrainedWorld();
    ConceptExperimentSettings s;
    s.cubes = 40;
    s.heldOut = 12;
    s.level2.hiddenSizes = {8};
    s.level2.epochs = 3;
    s.level2.restarts = 1;
    Stages stages;
    const ConceptResult a = ConceptExperiment(s, world).run(&stages);
    const ConceptResult b = ConceptExperiment(s, world).run();
    CHECK(stages.seen == "rendering;rendered;concept epoch;concept epoch;concept epoch;trained;");
    CHECK(a.finalLoss == b.finalLoss);
    CHECK(a.spearman == b.spearman);
    CHECK(a.model->latent(Matrix::Constant(12, 1, 0.5f))[0] == b.model->latent(Matrix::Constant(12, 1, 0.5f))[0]);
}

TEST_CASE("ImagineExperiment: same settings give the same bits as each other and as CubeImaginer called directly",
          "[experiments][samebits]")
{
    const auto world = smallTrainedWorld();
    // A level-2 model of this world from random maps (the imagine path needs
    // one, not a good one): trained briefly and calibrated on random angles.
    ConceptSettings cs;
    cs.hiddenSizes = {8};
    cs.epochs = 2;
    cs.restarts = 1;
    auto level2 = std::make_shared<ConceptModel>(world->contexts->size(), cs);
    Random random(9);
    Matrix maps(world->contexts->size(), 30);
    Vector theta(30);
    for (Index j = 0; j < maps.cols(); ++j) {
        for (Index i = 0; i < maps.rows(); ++i)
            maps(i, j) = float(random.uniform());
        theta[j] = float(random.uniform() * 90.0);
    }
    level2->train(maps);
    level2->setCalibration(level2->latent(maps), theta);
    ImagineSettings s;
    s.glyph = "V";
    s.source = 2;
    s.steps = 3;
    const ImagineResult a = ImagineExperiment(s, world, level2).run();
    const ImagineResult b = ImagineExperiment(s, world, level2).run();
    REQUIRE(a.steps.size() == 3);
    CHECK(a.meanError == b.meanError);
    CHECK(a.steps[1].oracleError == b.steps[1].oracleError);
    const CubeWorldView view(world->members, *world->contexts);
    Matrix g(784, 1);
    g.col(0) = CoreGlyphs::resolve("V");
    const CubeImaginer::Frame direct = CubeImaginer(view, *level2).imagine(a.steps[1].u, view.encodeGlyphs(2, g).col(0));
    CHECK((direct.image - a.steps[1].frame.image).cwiseAbs().maxCoeff() == 0.0f);
    s.source = 1000;
    CHECK_THROWS_WITH(ImagineExperiment(s, world, level2).run(), Catch::Contains("--source must be below"));
}
