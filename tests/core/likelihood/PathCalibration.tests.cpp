#include "SparseTestModels.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/likelihood/PathCalibration.h"

#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace latentset;
using latentset::testing::randomise;
using latentset::testing::sparseInputs;

namespace {

struct Fixture {
    std::shared_ptr<const AutoencoderSet> set;
    std::shared_ptr<const LikelihoodModel> model;
};

Fixture fixture(bool tied)
{
    AutoencoderConfig config = AutoencoderConfig::make(49, {64}, 4, tied);
    AutoencoderSet live(config, 3, tied ? 41 : 42);
    for (int c = 0; c < live.size(); ++c)
        randomise(live.member(c), std::uint64_t(50 + c));
    Fixture f;
    f.set = std::make_shared<const AutoencoderSet>(live.inferenceCopy());
    LikelihoodSettings settings;
    settings.mixture.components = 2;
    f.model = std::make_shared<const LikelihoodModel>(LikelihoodModel::fit(
        *f.set, {sparseInputs(49, 60, 1), sparseInputs(49, 60, 2), sparseInputs(49, 60, 3)}, settings));
    return f;
}

bool identical(const LikelihoodTerms& a, const LikelihoodTerms& b)
{
    return a.squaredError == b.squaredError && a.reconstruction == b.reconstruction && a.logPz == b.logPz &&
           a.volume == b.volume && a.singular == b.singular;
}

// A scratch cache folder, removed at the end of the test.
struct TemporaryFolder {
    std::filesystem::path path;
    TemporaryFolder()
    {
        path = std::filesystem::temp_directory_path() /
               ("latentset-pathcal-" + std::to_string(std::random_device{}()) + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
    }
    ~TemporaryFolder()
    {
        std::error_code error;
        std::filesystem::remove_all(path, error);
    }
};

} // namespace

TEST_CASE("Path calibration: the faster measured path wins, per regime", "[likelihood][calibration]")
{
    PathCalibration::Timings t;
    t.denseAlone = 7.9;
    t.sparseAlone = 4.1;
    t.denseBatch = 3.1;
    t.sparseBatch = 3.9;
    PathCalibration c = PathCalibration::fromTimings(t);
    CHECK(c.sparseAlone);
    CHECK_FALSE(c.sparseBatch);

    t.denseAlone = 3.0; // the other way round
    t.sparseBatch = 2.0;
    c = PathCalibration::fromTimings(t);
    CHECK_FALSE(c.sparseAlone);
    CHECK(c.sparseBatch);

    // A tie keeps the general path; a missing timing never wins.
    t = {};
    t.denseAlone = t.sparseAlone = 5.0;
    t.sparseBatch = 1.0; // dense batch not measured: sparse is the only measured one
    c = PathCalibration::fromTimings(t);
    CHECK_FALSE(c.sparseAlone);
    CHECK(c.sparseBatch);
    t = {};
    t.denseBatch = 1.0;
    CHECK_FALSE(PathCalibration::fromTimings(t).sparseBatch);
}

TEST_CASE("Automatic path: runs exactly the path the injected timings favour", "[likelihood][calibration]")
{
    for (const bool tied : {true, false}) {
        INFO("tied " << tied);
        const Fixture f = fixture(tied);
        const LikelihoodEstimator dense(f.set, f.model, LikelihoodEstimator::Path::Dense);
        const LikelihoodEstimator sparse(f.set, f.model, LikelihoodEstimator::Path::Sparse);
        const Matrix batch = sparseInputs(49, 12, 9); // > kAloneMaxInputs per task: the batch regime
        const Matrix alone = batch.col(3);
        ThreadPool pool(2);
        for (const bool sparseAlone : {true, false}) {
            for (const bool sparseBatch : {true, false}) {
                PathCalibration::Timings t;
                t.denseAlone = sparseAlone ? 2.0 : 1.0;
                t.sparseAlone = sparseAlone ? 1.0 : 2.0;
                t.denseBatch = sparseBatch ? 2.0 : 1.0;
                t.sparseBatch = sparseBatch ? 1.0 : 2.0;
                LikelihoodEstimator automatic(f.set, f.model);
                automatic.setCalibration(PathCalibration::fromTimings(t));
                CHECK(automatic.sparseChosen(0, false) == sparseAlone);
                CHECK(automatic.sparseChosen(2, true) == sparseBatch);
                // Bit for bit the chosen path's results, in each regime and on any pool.
                CHECK(identical(automatic.evaluate(alone), (sparseAlone ? sparse : dense).evaluate(alone)));
                CHECK(identical(automatic.evaluate(batch, &pool), (sparseBatch ? sparse : dense).evaluate(batch, &pool)));
                CHECK(identical(automatic.evaluate(batch), (sparseBatch ? sparse : dense).evaluate(batch)));
            }
        }
    }
}

TEST_CASE("Automatic path: a measured calibration is cached by key and reused", "[likelihood][calibration]")
{
    const Fixture f = fixture(true);
    const TemporaryFolder folder;
    const std::filesystem::path file = folder.path / "sub" / "likelihood-paths.txt";
    const Matrix X = sparseInputs(49, 6, 11);

    LikelihoodEstimator first(f.set, f.model);
    const PathCalibration measured = first.calibrate(X, file);
    CHECK_FALSE(measured.fromCache);
    CHECK(measured.timings.denseAlone > 0);
    CHECK(measured.timings.sparseAlone > 0);
    CHECK(measured.timings.denseBatch > 0);
    CHECK(measured.timings.sparseBatch > 0);
    CHECK(measured.key.find(PathCalibration::buildIsa()) != std::string::npos);
    CHECK(measured.key.find(f.set->config().describe()) != std::string::npos);
    REQUIRE(std::filesystem::exists(file));

    LikelihoodEstimator second(f.set, f.model);
    const PathCalibration cached = second.calibrate(X, file);
    CHECK(cached.fromCache);
    CHECK(cached.sparseAlone == measured.sparseAlone);
    CHECK(cached.sparseBatch == measured.sparseBatch);
    CHECK(cached.timings.denseBatch == Approx(measured.timings.denseBatch).epsilon(1e-4));

    // Whichever path the timings picked, the terms are the dense path's to float rounding.
    const LikelihoodEstimator dense(f.set, f.model, LikelihoodEstimator::Path::Dense);
    const LikelihoodTerms a = second.evaluate(X), b = dense.evaluate(X);
    CHECK(((a.logLikelihood() - b.logLikelihood()).array().abs() / (1.0 + b.logLikelihood().array().abs())).maxCoeff()
          < 1e-4);

    // Another key (other data density, another entry) leaves this one alone;
    // a damaged line is skipped.
    PathCalibration other = measured;
    other.key = measured.key + "x";
    other.timings.denseAlone = 123.0;
    other.store(file);
    {
        std::ofstream damage(file, std::ios::app);
        damage << measured.key << "\tnot numbers\n";
    }
    const auto reread = PathCalibration::load(file, measured.key);
    REQUIRE(reread);
    CHECK(reread->timings.denseAlone == Approx(measured.timings.denseAlone).epsilon(1e-4));
    CHECK(PathCalibration::load(file, other.key)->timings.denseAlone == Approx(123.0));
    CHECK_FALSE(PathCalibration::load(file, "no such key"));
    CHECK_FALSE(PathCalibration::load(folder.path / "missing.txt", measured.key));

    // Fixed paths never time anything.
    LikelihoodEstimator fixedDense(f.set, f.model, LikelihoodEstimator::Path::Dense);
    const PathCalibration none = fixedDense.calibrate(X, file);
    CHECK_FALSE(none.sparseAlone);
    CHECK(none.timings.denseAlone == 0);
}

TEST_CASE("Automatic path: an uncalibrated estimator calibrates on its first inputs", "[likelihood][calibration]")
{
    const Fixture f = fixture(false);
    const LikelihoodEstimator automatic(f.set, f.model);
    CHECK_FALSE(automatic.calibration());
    const Matrix X = sparseInputs(49, 5, 13);
    const LikelihoodTerms t = automatic.evaluate(X);
    REQUIRE(automatic.calibration());
    CHECK(automatic.calibration()->timings.sparseBatch > 0);
    CHECK(t.logLikelihood().allFinite());
    // The same estimator keeps its choice: a second call repeats the first bit for bit.
    CHECK(identical(automatic.evaluate(X), t));
}
