#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/experiments/CubeWorldSettings.h"
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
    s.maskingNoise = 0.25f;
    s.shiftPixels = 2;
    s.decision = ClassSetExperimentSettings::Decision::Calibrated;
    s.error = ClassSetExperimentSettings::ErrorMeasure::TrainingLoss;
    s.seed = 123456789012345ULL;
    s.savePath = "out.lset";
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
