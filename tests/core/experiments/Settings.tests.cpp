#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/experiments/ConceptSettings.h"
#include "latentset/experiments/CubeWorldSettings.h"
#include "latentset/experiments/ImagineSettings.h"
#include "latentset/experiments/LikelihoodExperimentSettings.h"
#include "latentset/experiments/MapsSettings.h"
#include "latentset/experiments/OneShotSettings.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

template <class Settings>
Settings roundTrip(const Settings& s)
{
    return Settings::fromJson(JsonReader::parse(JsonWriter::write(s.toJson()), "settings.json"));
}

} // namespace

TEST_CASE("Class-set settings default to the paper's recipe", "[experiments][settings]")
{
    const ClassSetExperimentSettings s;
    const AutoencoderConfig paper = AutoencoderConfig::paperMnist();
    CHECK(s.model.hiddenSizes == paper.hiddenSizes);
    CHECK(s.model.latentSize == paper.latentSize);
    CHECK(s.model.tied == paper.tied);
    CHECK(s.model.loss == paper.loss);
    CHECK(s.epochs == 20);
    CHECK(s.batchSize == 64);
    CHECK(s.optimizer.schedule == OptimizerSettings::Schedule::Cosine);
    CHECK(s.optimizer.learningRate == Approx(1e-3));
    CHECK(s.effectiveMlpEpochs() == 20);
    // One seed rule: weights from the seed, batch order from seed ^ 0x5eed.
    CHECK(s.memberSeed() == 1);
    CHECK(s.taskSettings().seed == (1 ^ 0x5eedULL));
    CHECK(s.taskSettings().batchSize == 64);
}

TEST_CASE("Class-set settings survive a JSON round trip", "[experiments][settings]")
{
    ClassSetExperimentSettings s;
    CHECK(roundTrip(s) == s);
    s.dataset = "fashion-mnist";
    s.limit = 1000;
    s.validation = 50;
    s.model = AutoencoderConfig::make(784, {64, 32}, 8, false);
    s.model.loss = LossKind::SquaredError;
    s.epochs = 3;
    s.mlpEpochs = 0;
    s.batchSize = 17;
    s.optimizer.learningRate = 3.7e-4f;
    s.optimizer.schedule = OptimizerSettings::Schedule::Step;
    s.optimizer.weightDecay = 1e-5f;
    s.maskingNoise = 0.99f; // the top of its range: its float bits must read back
    s.shiftPixels = 2;
    s.decision = ClassSetExperimentSettings::Decision::Calibrated;
    s.error = ClassSetExperimentSettings::ErrorMeasure::TrainingLoss;
    s.seed = 123456789012345ULL;
    s.savePath = "out.lset";
    s.gemmBenchmark = false;
    const ClassSetExperimentSettings back = roundTrip(s);
    CHECK(back == s);
    CHECK(back.optimizer.learningRate == s.optimizer.learningRate); // float bits kept
    CHECK(back.model.hiddenSizes == std::vector<Index>{64, 32});
    CHECK(back.seed == s.seed);
}

TEST_CASE("Class-set settings JSON: partial objects keep defaults, bad values are named", "[experiments][settings]")
{
    const auto s = ClassSetExperimentSettings::fromJson(JsonReader::parse(R"({"epochs": 2})", "s"));
    CHECK(s.epochs == 2);
    CHECK(s.batchSize == 64);
    CHECK_THROWS_WITH(ClassSetExperimentSettings::fromJson(JsonReader::parse(R"({"batch": 0})", "s")),
                      Catch::Contains("key 'batch'"));
    CHECK_THROWS_WITH(ClassSetExperimentSettings::fromJson(JsonReader::parse(R"({"decision": "best"})", "s")),
                      Catch::Contains("key 'decision'"));
    CHECK_THROWS_WITH(ClassSetExperimentSettings::fromJson(JsonReader::parse(R"({"model": {"hidden": []}})", "s")),
                      Catch::Contains("key 'hidden'"));
    CHECK_THROWS_AS(ClassSetExperimentSettings::fromJson(JsonReader::parse("[]", "s")), Error);
}

TEST_CASE("Cube-world settings default to the README's recipe and round-trip", "[experiments][settings]")
{
    CubeWorldSettings s;
    CHECK(s.contexts == 100);
    CHECK(s.training.hidden == 128);
    CHECK(s.training.latent == 16);
    CHECK(s.training.batchSize == 32);
    CHECK(s.training.crossPerSelf == 1);
    CHECK(s.training.learningRate == Approx(2e-3));
    CHECK(s.minutes == 5.0);
    CHECK(roundTrip(s) == s);
    s.contexts = 12;
    s.steps = 7;
    s.training.hidden = 8;
    s.training.learningRate = 1.5e-3f;
    s.training.seed = 9;
    s.evalDigits = 3;
    CHECK(roundTrip(s) == s);
    // A round limit makes one epoch of exactly the cycles it needs.
    CHECK(s.taskSettings().cyclesPerEpoch == 4);
    CHECK(s.trainerEpochs() == 1);
    CHECK_THROWS_WITH(CubeWorldSettings::fromJson(JsonReader::parse(R"({"contexts": 1})", "c")),
                      Catch::Contains("key 'contexts'"));
}

TEST_CASE("Likelihood, one-shot, maps and concept settings round-trip through JSON", "[experiments][settings]")
{
    LikelihoodExperimentSettings l;
    l.model = "m.lset";
    CHECK(roundTrip(l) == l);
    l.path = LikelihoodEstimator::Path::Sparse;
    l.likelihood.sigmaMode = LikelihoodSettings::SigmaMode::PerPixel;
    l.likelihood.pooledSigma = false;
    l.likelihood.mixture.components = 16;
    l.likelihood.sharedLatentDensity = true;
    l.calibrationRidge = 0.25;
    l.quickTrainEpochs = 3;
    const LikelihoodExperimentSettings lb = roundTrip(l);
    CHECK(lb == l);
    CHECK(lb.path == LikelihoodEstimator::Path::Sparse);
    CHECK(lb.likelihood.mixture.components == 16);
    CHECK_THROWS_WITH(LikelihoodExperimentSettings::fromJson(JsonReader::parse("{}", "l")), Catch::Contains("--model"));

    OneShotSettings o;
    CHECK(o.glyphA == "V");
    CHECK(o.glyphB == "plus");
    CHECK(o.source == 10);
    o.glyphA = "3";
    o.pairs = 20;
    CHECK(roundTrip(o) == o);

    MapsSettings m;
    CHECK(m.thetas == std::vector<double>{30.0});
    m.thetas = {0, 7.5, 15};
    m.sweep = true;
    m.digits = {1, 2, 3};
    m.testSplit = false;
    m.map.poseSmoothingDeg = 0;
    const MapsSettings mb = roundTrip(m);
    CHECK(mb == m);
    CHECK(mb.thetas[1] == 7.5);
    CHECK_THROWS_WITH(MapsSettings::fromJson(JsonReader::parse(R"({"digits": [5]})", "m")), Catch::Contains("two digits"));

    ConceptExperimentSettings c;
    CHECK(c.digit == 5);
    CHECK(c.level2.epochs == ConceptSettings{}.epochs);
    c.level2.hiddenSizes = {128, 32};
    c.level2.learningRate = 1e-3f;
    c.heldOut = 50;
    const ConceptExperimentSettings cb = roundTrip(c);
    CHECK(cb == c);
    CHECK(cb.level2.learningRate == c.level2.learningRate);
}

TEST_CASE("Imagine settings default to the CLI's and round-trip through JSON", "[experiments][settings]")
{
    ImagineSettings s;
    CHECK(s.glyph == "3");
    CHECK(s.source == 10);
    CHECK(s.steps == 10);
    s.glyph = "V";
    s.steps = 2;
    CHECK(roundTrip(s) == s);
    CHECK_THROWS_WITH(ImagineSettings::fromJson(JsonReader::parse(R"({"steps": 1})", "i")), Catch::Contains("key 'steps'"));
}
