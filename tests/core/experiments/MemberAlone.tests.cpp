// Training one member of an existing set alone (MemberAloneTraining): every
// other member keeps its bits (MemberHash, and the values themselves), the
// chosen member changes and keeps its own Adam state going; a stopped run
// leaves the set as it was; the per-class accuracy before and after; the
// settings' JSON. The posterior of the interpretations view (SetPosterior):
// descending ranking summing to 1, blends, wrong sizes refused.
#include "SyntheticClasses.h"

#include "latentset/experiments/MemberAloneTraining.h"
#include "latentset/experiments/MemberHash.h"
#include "latentset/experiments/SetPosterior.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace latentset::testing;

namespace {

// A set of `classes` members trained a few steps together, Adam state and all.
AutoencoderSet trainedSet(const Dataset& train, int classes, int steps)
{
    AutoencoderSet set(AutoencoderConfig::make(64, {12}, 3, true), classes, 5);
    std::vector<Dataset> data;
    for (int c = 0; c < classes; ++c)
        data.push_back(train.ofClass(c));
    ClassSetSettings cs;
    cs.batchSize = 8;
    cs.optimizer.learningRate = 3e-3f;
    ClassSetTask task(std::move(set), std::move(data), cs);
    ThreadPool pool(1);
    for (int s = 0; s < steps; ++s)
        task.step(pool, double(s) / steps, 1.0);
    return std::move(task.set());
}

MemberAloneSettings tinySettings(int member)
{
    MemberAloneSettings s;
    s.member = member;
    s.epochs = 2;
    s.batchSize = 8;
    s.learningRate = 3e-3f;
    s.threads = 1;
    return s;
}

} // namespace

TEST_CASE("MemberAloneTraining: the other members are bit-identical, the chosen one changes", "[experiments][member]")
{
    const DatasetSplits data = syntheticSplits(4, 24);
    AutoencoderSet set = trainedSet(data.train, 4, 20);
    const auto before = MemberAloneTraining::hashes(set);
    const std::uint64_t stepsBefore = set.member(2).stepCount();
    const Matrix otherWeights = set.member(1).weightStorage(0);

    MemberAloneTraining alone(set, data.train.ofClass(2), tinySettings(2));
    CHECK(alone.result().hashBefore == before);
    ThreadPool pool(1);
    alone.scoreBefore(set, data.test, &pool);
    REQUIRE(alone.run());
    CHECK(alone.trained());
    // Until install() the set is untouched.
    CHECK(MemberAloneTraining::hashes(set) == before);
    alone.scoreAfter(data.test, &pool);
    alone.install(set);
    alone.hashAfter(set);
    const MemberAloneResult& r = alone.result();
    CHECK(r.othersUnchanged());
    CHECK(r.memberChanged());
    for (int k : {0, 1, 3})
        CHECK(r.hashAfter[std::size_t(k)] == before[std::size_t(k)]);
    CHECK(r.hashAfter[2] != before[2]);
    CHECK(set.member(1).weightStorage(0) == otherWeights);
    // Its own Adam state went on: two epochs of ceil(24 / 8) = 3 steps more.
    CHECK(r.steps == 6);
    CHECK(set.member(2).stepCount() == stepsBefore + 6);
    REQUIRE(r.accuracyBefore.size() == 4);
    REQUIRE(r.accuracyAfter.size() == 4);
    CHECK(r.scoredImages == data.test.size());
    CHECK(r.overallBefore >= 0);
    CHECK(r.overallAfter >= 0);
    // Installed once only.
    CHECK_THROWS_AS(alone.install(set), Error);
}

TEST_CASE("MemberAloneTraining: a stopped run leaves the set unchanged", "[experiments][member]")
{
    const DatasetSplits data = syntheticSplits(3, 16);
    AutoencoderSet set = trainedSet(data.train, 3, 10);
    const auto before = MemberAloneTraining::hashes(set);
    {
        MemberAloneTraining alone(set, data.train.ofClass(0), tinySettings(0));
        StopSource stop;
        stop.request_stop();
        CHECK_FALSE(alone.run(nullptr, stop.get_token()));
        CHECK(alone.result().stopped);
        CHECK_FALSE(alone.trained());
        CHECK_THROWS_AS(alone.install(set), Error);
    }
    CHECK(MemberAloneTraining::hashes(set) == before);
}

TEST_CASE("MemberAloneTraining: the same settings give the same bits", "[experiments][member]")
{
    const DatasetSplits data = syntheticSplits(3, 16);
    AutoencoderSet a = trainedSet(data.train, 3, 10);
    AutoencoderSet b = trainedSet(data.train, 3, 10);
    for (AutoencoderSet* set : {&a, &b}) {
        MemberAloneTraining alone(*set, data.train.ofClass(1), tinySettings(1));
        REQUIRE(alone.run());
        alone.install(*set);
    }
    CHECK(MemberHash::of(a.member(1)) == MemberHash::of(b.member(1)));
}

TEST_CASE("MemberAloneTraining: refuses a member out of range and images of another size", "[experiments][member]")
{
    const DatasetSplits data = syntheticSplits(3, 8);
    const AutoencoderSet set = trainedSet(data.train, 3, 2);
    CHECK_THROWS_AS(MemberAloneTraining(set, data.train.ofClass(0), tinySettings(3)), Error);
    CHECK_THROWS_AS(MemberAloneTraining(set, Dataset(), tinySettings(0)), Error);
    const Dataset other(4, 4, std::vector<std::uint8_t>(16, 0), {0});
    CHECK_THROWS_AS(MemberAloneTraining(set, other, tinySettings(0)), Error);
}

TEST_CASE("MemberAloneSettings: JSON round trip, partial objects, bad values", "[experiments][member]")
{
    MemberAloneSettings s;
    s.member = 7;
    s.epochs = 3;
    s.batchSize = 32;
    s.learningRate = 2.5e-4f;
    s.maskingNoise = 0.25f;
    s.shiftPixels = 2;
    s.seed = 99;
    s.threads = 2;
    CHECK(MemberAloneSettings::fromJson(s.toJson()) == s);
    CHECK(MemberAloneSettings::fromJson(JsonReader::parse("{\"epochs\": 4}", "t")).epochs == 4);
    CHECK(MemberAloneSettings::fromJson(JsonReader::parse("{\"epochs\": 4}", "t")).member == 0);
    CHECK_THROWS_AS(MemberAloneSettings::fromJson(JsonReader::parse("{\"epochs\": 0}", "t")), Error);
    CHECK_THROWS_AS(MemberAloneSettings::fromJson(JsonReader::parse("{\"member\": \"x\"}", "t")), Error);
}

TEST_CASE("SetPosterior: ranked readings of one input, descending, summing to 1", "[experiments][posterior]")
{
    DatasetSplits data = syntheticSplits(3, 30);
    auto set = std::make_shared<const AutoencoderSet>(trainedSet(data.train, 3, 60).inferenceCopy());
    SetPosterior::FitOptions options;
    options.likelihood.mixture.components = 1;
    ThreadPool pool(1);
    const auto posterior = SetPosterior::fitOn(set, data, options, &pool);
    CHECK_FALSE(posterior->calibratedOnHeldOut()); // no validation split: training images
    CHECK(posterior->calibrationImages() == 90);
    const Interpretation r = posterior->interpret(data.test.imageVector(0), &pool);
    REQUIRE(r.ranking.size() == 3);
    CHECK(r.posterior.sum() == Approx(1.0).epsilon(1e-9));
    for (std::size_t k = 1; k < r.ranking.size(); ++k)
        CHECK(r.posterior(r.ranking[k - 1]) >= r.posterior(r.ranking[k]));
    CHECK(r.top(2).size() == 2);
    CHECK(r.top(9).size() == 3);
    CHECK(r.reconstructions.rows() == 64);
    CHECK(r.reconstructions.cols() == 3);
    CHECK(r.squaredError.size() == 3);
    // The same posterior as the batch path (what the calibration experiment uses).
    const Eigen::MatrixXd batch = posterior->logPosterior(Matrix(data.test.imageVector(0)), &pool);
    CHECK(std::exp(batch(r.ranking[0], 0)) == Approx(r.posterior(r.ranking[0])).epsilon(1e-12));
    // A blend at weight 0 is the first image, at 1 the second.
    const Vector a = data.test.imageVector(0), b = data.test.imageVector(1);
    const Eigen::MatrixXd along = posterior->posteriorAlongBlend(a, b, {0.0, 0.5, 1.0}, &pool);
    REQUIRE(along.cols() == 3);
    CHECK(along(r.ranking[0], 0) == Approx(r.posterior(r.ranking[0])).epsilon(1e-9));
    CHECK(along.col(1).sum() == Approx(1.0).epsilon(1e-9));
    CHECK_THROWS_AS(posterior->interpret(Vector::Zero(10), &pool), Error);
}

TEST_CASE("SetPosterior: a validation split calibrates, a set that does not fit is refused", "[experiments][posterior]")
{
    DatasetSplits data = syntheticSplits(3, 30);
    data.validation = syntheticClasses(3, 6, 13);
    auto set = std::make_shared<const AutoencoderSet>(trainedSet(data.train, 3, 30).inferenceCopy());
    SetPosterior::FitOptions options;
    options.likelihood.mixture.components = 1;
    options.heldOut = 12;
    ThreadPool pool(1);
    const auto posterior = SetPosterior::fitOn(set, data, options, &pool);
    CHECK(posterior->calibratedOnHeldOut());
    CHECK(posterior->calibrationImages() == 12);
    CHECK(posterior->temperature() > 0);
    const DatasetSplits four = syntheticSplits(4, 8);
    CHECK_THROWS_AS(SetPosterior::fitOn(set, four, options, &pool), Error);
}

TEST_CASE("MemberAloneTraining: shifted copies of its images (more data of its class) train other bits", "[experiments][member]")
{
    const DatasetSplits data = syntheticSplits(3, 16);
    AutoencoderSet plain = trainedSet(data.train, 3, 10);
    AutoencoderSet shifted = trainedSet(data.train, 3, 10);
    MemberAloneSettings s = tinySettings(2);
    MemberAloneTraining a(plain, data.train.ofClass(2), s);
    s.shiftPixels = 1;
    MemberAloneTraining b(shifted, data.train.ofClass(2), s);
    REQUIRE(a.run());
    REQUIRE(b.run());
    a.install(plain);
    b.install(shifted);
    CHECK(MemberHash::of(plain.member(2)) != MemberHash::of(shifted.member(2)));
    CHECK(MemberHash::of(plain.member(0)) == MemberHash::of(shifted.member(0)));
}
