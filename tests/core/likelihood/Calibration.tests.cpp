#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"

#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

// M members, N samples: the true member's reconstruction term is higher on
// average, but member 0's is shifted up by `bias` nats and its scale is
// twice the others' (a miscalibrated member that wins too often), which
// eq. 5's two constants per member can undo.
struct BiasedProblem {
    LikelihoodTerms terms;
    std::vector<int> labels;
};

BiasedProblem biasedProblem(int m, Eigen::Index n, double bias, std::uint64_t seed)
{
    Random random(seed);
    BiasedProblem p;
    p.terms.reconstruction.resize(m, n);
    p.terms.squaredError.resize(m, n);
    p.terms.logPz = Eigen::MatrixXd::Zero(m, n);
    p.terms.volume = Eigen::MatrixXd::Zero(m, n);
    p.terms.singular = Eigen::MatrixXi::Zero(m, n);
    p.terms.noiseNormaliser = Eigen::VectorXd::Zero(m);
    for (Eigen::Index b = 0; b < n; ++b) {
        const int y = int(random.below(std::uint64_t(m)));
        p.labels.push_back(y);
        for (int c = 0; c < m; ++c) {
            double r = -10.0 + 2.0 * random.normal() + (c == y ? 4.0 : 0.0);
            if (c == 0)
                r = 2.0 * r + bias;
            p.terms.reconstruction(c, b) = r;
            p.terms.squaredError(c, b) = -r;
        }
    }
    return p;
}

double accuracy(const Eigen::MatrixXd& logL, const std::vector<int>& labels)
{
    const auto d = LikelihoodEstimator::decide(logL);
    int right = 0;
    for (std::size_t i = 0; i < d.size(); ++i)
        right += d[i] == labels[i] ? 1 : 0;
    return double(right) / double(d.size());
}

} // namespace

TEST_CASE("Calibration cross-fit: each fold is scored by constants fitted on the other folds",
          "[likelihood][calibration]")
{
    const BiasedProblem p = biasedProblem(3, 600, 15.0, 5);
    const Eigen::MatrixXd raw = p.terms.logLikelihood();
    const Eigen::MatrixXd cross = Calibration::crossFitted(p.terms, p.labels, 3, Calibration::Options{});
    REQUIRE(cross.rows() == 3);
    REQUIRE(cross.cols() == 600);
    // The miscalibration costs the raw rule a lot; held-out eq. 5 recovers it.
    const double rawAccuracy = accuracy(raw, p.labels);
    const double crossAccuracy = accuracy(cross, p.labels);
    INFO("raw " << rawAccuracy << ", cross-fitted " << crossAccuracy);
    CHECK(rawAccuracy < 0.7);
    CHECK(crossAccuracy > rawAccuracy + 0.15);

    // Fold 1 (columns 1, 4, 7, ...) equals a fit on folds 0 and 2 applied to it.
    LikelihoodTerms train, held;
    std::vector<int> trainLabels;
    std::vector<Eigen::Index> trainColumns, heldColumns;
    for (Eigen::Index b = 0; b < 600; ++b)
        (b % 3 == 1 ? heldColumns : trainColumns).push_back(b);
    for (auto* part : {&train, &held}) {
        const auto& columns = part == &train ? trainColumns : heldColumns;
        part->reconstruction = p.terms.reconstruction(Eigen::all, columns);
        part->squaredError = p.terms.squaredError(Eigen::all, columns);
        part->logPz = p.terms.logPz(Eigen::all, columns);
        part->volume = p.terms.volume(Eigen::all, columns);
        part->singular = p.terms.singular(Eigen::all, columns);
        part->noiseNormaliser = p.terms.noiseNormaliser;
    }
    for (Eigen::Index b : trainColumns)
        trainLabels.push_back(p.labels[std::size_t(b)]);
    const Eigen::MatrixXd expected = Calibration::fit(train, trainLabels).apply(held);
    const Eigen::MatrixXd got = cross(Eigen::all, heldColumns);
    CHECK((got - expected).cwiseAbs().maxCoeff() < 1e-9 * (1.0 + expected.cwiseAbs().maxCoeff()));

    CHECK_THROWS_AS(Calibration::crossFitted(p.terms, p.labels, 1, Calibration::Options{}), Error);
    CHECK_THROWS_AS(Calibration::crossFitted(p.terms, {0, 1}, 3, Calibration::Options{}), Error);
}
