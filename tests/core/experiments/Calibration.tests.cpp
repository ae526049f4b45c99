// Calibration figures and blends: the ECE of a perfectly calibrated toy
// predictor is ~0 and of an over-confident one its gap; NLL of a uniform
// guess is log C; temperature scaling finds the temperature that was put
// in; a blend at weight 0 is the first image; the experiment end to end on
// a tiny set.
#include "ExperimentFixtures.h"

#include "latentset/experiments/CalibrationExperiment.h"
#include "latentset/experiments/ClassSetExperiment.h"
#include "latentset/experiments/ImageBlend.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace latentset;
using namespace latentset::testing;

namespace {

// Two classes; at each confidence p in {0.55, 0.65, ..., 0.95}, 100 samples
// predicted "class 0 with probability p", of which exactly 100 p are class 0.
void calibratedToy(double scale, Eigen::MatrixXd& logits, std::vector<int>& labels)
{
    logits.resize(2, 500);
    labels.clear();
    for (int level = 0; level < 5; ++level) {
        const double p = 0.55 + 0.1 * level;
        for (int k = 0; k < 100; ++k) {
            const Index col = Index(level) * 100 + k;
            logits(0, col) = scale * std::log(p);
            logits(1, col) = scale * std::log(1 - p);
            labels.push_back(k < std::lround(100 * p) ? 0 : 1);
        }
    }
}

} // namespace

TEST_CASE("CalibrationMetrics: a perfectly calibrated predictor has ECE ~0, an over-confident one its gap",
          "[experiments][calibration]")
{
    Eigen::MatrixXd logits;
    std::vector<int> labels;
    calibratedToy(1.0, logits, labels);
    const CalibrationScore calibrated = CalibrationMetrics::score(CalibrationMetrics::logSoftmax(logits), labels, 15);
    CHECK(calibrated.ece == Approx(0.0).margin(1e-9));
    CHECK(calibrated.accuracy == Approx(0.75));
    REQUIRE(calibrated.bins.size() == 15);
    Index counted = 0;
    for (const auto& bin : calibrated.bins)
        counted += bin.count;
    CHECK(counted == 500);
    // Always 99 % sure, right half the time: ECE = 0.49.
    Eigen::MatrixXd sure(2, 100);
    std::vector<int> half;
    for (Index n = 0; n < 100; ++n) {
        sure(0, n) = std::log(0.99);
        sure(1, n) = std::log(0.01);
        half.push_back(int(n % 2));
    }
    const CalibrationScore overconfident = CalibrationMetrics::score(sure, half, 15);
    CHECK(overconfident.ece == Approx(0.49).margin(1e-9));
    CHECK(overconfident.nll == Approx(-(std::log(0.99) + std::log(0.01)) / 2));
    // A uniform guess over 4 classes: NLL = log 4.
    const CalibrationScore uniform =
        CalibrationMetrics::score(Eigen::MatrixXd::Constant(4, 8, std::log(0.25)), {0, 1, 2, 3, 0, 1, 2, 3}, 15);
    CHECK(uniform.nll == Approx(std::log(4.0)));
    CHECK_THROWS(CalibrationMetrics::score(sure, {0, 1}, 15));
}

TEST_CASE("CalibrationMetrics: temperature scaling recovers the temperature put in", "[experiments][calibration]")
{
    Eigen::MatrixXd logits;
    std::vector<int> labels;
    calibratedToy(3.0, logits, labels); // over-confident by T = 3
    CHECK(CalibrationMetrics::fitTemperature(logits, labels) == Approx(3.0).epsilon(1e-3));
    const double T = CalibrationMetrics::fitTemperature(logits, labels);
    CHECK(CalibrationMetrics::score(CalibrationMetrics::logSoftmax(logits, T), labels).ece < 1e-3);
}

TEST_CASE("ImageBlend: weight 0 is the first image and weight 1 the second and the top two", "[experiments][calibration]")
{
    Vector a(4), b(4);
    a << 0.1f, 0.7f, 0.3f, 1.0f;
    b << 0.9f, 0.2f, 0.0f, 0.5f;
    const Matrix s = ImageBlend::series(a, b, ImageBlend::tenthWeights());
    REQUIRE(s.cols() == 11);
    CHECK(Vector(s.col(0)) == a);
    CHECK(Vector(s.col(10)) == b);
    CHECK(s(0, 5) == Approx(0.5f));
    CHECK_THROWS(ImageBlend::mix(a, b, 1.5));
    Eigen::VectorXd scores(4);
    scores << 0.1, 0.5, 0.3, 0.05;
    CHECK(ImageBlend::topTwoAre(scores, 2, 1));
    CHECK(ImageBlend::topTwoAre(scores, 1, 2));
    CHECK_FALSE(ImageBlend::topTwoAre(scores, 0, 1));
}

TEST_CASE("CalibrationSettings: JSON round trip and bad values", "[experiments][calibration][settings]")
{
    CalibrationSettings s;
    s.model = "m.lset";
    s.blendPairs = 17;
    CHECK(CalibrationSettings::fromJson(s.toJson()) == s);
    CHECK_THROWS(CalibrationSettings().validate()); // no model
    s.bins = 0;
    CHECK_THROWS(s.validate());
}

TEST_CASE("CalibrationExperiment: a tiny set and its MLP end to end", "[experiments][calibration]")
{
    // A private cache of the likelihood's path choice (PathCalibration): another test
    // measuring the same shape meanwhile cannot change the second run's path.
    const auto cache = std::filesystem::temp_directory_path() / ("latentset-calibration-cache-" + std::to_string(::getpid()));
    std::filesystem::remove_all(cache);
    ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
    ClassSetExperimentSettings train;
    train.dataset = smallLabelledCsv("calibration-run");
    train.model = AutoencoderConfig::make(64, {8}, 2, true);
    train.epochs = 3;
    train.mlpEpochs = 40;
    train.batchSize = 8;
    train.mlpBatchSize = 16;
    train.validation = 30;
    train.threads = 2;
    train.gemmBenchmark = false;
    train.savePath = (std::filesystem::temp_directory_path() / "latentset-calibration-run.lset").string();
    ClassSetExperiment(train).run();
    CalibrationSettings s;
    s.model = train.savePath;
    s.dataset = train.dataset;
    s.validation = 30;
    s.likelihood.mixture.components = 1;
    s.blendPairs = 6;
    s.confusedPairs = 2;
    s.blendsPerConfusedPair = 3;
    s.threads = 2;
    const CalibrationResult r = CalibrationExperiment(s).run();
    const CalibrationResult again = CalibrationExperiment(s).run();
    CHECK(r.testImages == 45);
    CHECK(r.validationImages == 30);
    CHECK_FALSE(r.likelihoodFromFile);
    CHECK(r.set.ece >= 0);
    CHECK(r.set.ece <= 1);
    CHECK(r.mlp.nll > 0);
    CHECK(r.set.ece == again.set.ece);
    CHECK(r.random.pairs == 6);
    CHECK(r.confused.pairs == 6);
    CHECK(r.confusedClassPairs.size() == 2);
    REQUIRE(r.random.setA.size() == 11);
    CHECK(r.random.topTwoSet >= 0);
    CHECK(r.random.topTwoMlp <= 1);
    // Along a blend the first source's posterior falls and the second's rises, for the MLP at least.
    CHECK(r.random.mlpA.front() > r.random.mlpA.back());
    CHECK(r.random.mlpB.front() < r.random.mlpB.back());
    s.model = "/nonexistent.lset";
    CHECK_THROWS(CalibrationExperiment(s).run());
}
