// A likelihood model written before the experiments moved into core
// (tests/data/legacy/README.md: `latentset-cli likelihood --save` at commit
// 9701faf) reads with today's LikelihoodModel and scores the old CLI's 20
// test images as that CLI did (likelihood-20-scores.csv).
#include "LegacyFiles.h"

#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

using namespace latentset;
using namespace latentset::testing;

TEST_CASE("Legacy files: likelihood --save's chunks read and score as the old CLI did", "[likelihood][legacy]")
{
    const ChunkFile file = ChunkFile::load(legacyPath("likelihood.lset"));
    const auto set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file));
    const std::optional<LikelihoodModel> read = LikelihoodModel::readFrom(file);
    REQUIRE(read.has_value());
    REQUIRE_NOTHROW(read->checkFits(*set, "likelihood.lset"));
    CHECK(read->memberCount() == 10);
    CHECK(read->inputSize() == 784);
    for (int m = 0; m < 10; ++m) {
        CHECK(std::isfinite(read->sigma(m)));
        CHECK(read->sigma(m) > 0.0);
    }
    CHECK(read->latentDensity(0).dimension() == 2);
    const auto model = std::make_shared<const LikelihoodModel>(*read);

    const Dataset digits = legacyTestDigits();
    const LikelihoodEstimator estimator(set, model, LikelihoodEstimator::Path::Dense);
    const LikelihoodTerms terms = estimator.evaluate(digits.all());
    const Eigen::MatrixXd logLikelihood = terms.logLikelihood();
    const std::vector<int> eq4 = LikelihoodEstimator::decide(logLikelihood);

    const auto rows = legacyScores();
    REQUIRE(rows.size() == 21);
    const auto& header = rows[0];
    const int pred = legacyColumn(header, "pred_eq4"), minError = legacyColumn(header, "min_squared_error");
    REQUIRE(pred >= 0);
    REQUIRE(minError >= 0);
    for (int i = 0; i < 20; ++i) {
        INFO("image " << i);
        const auto& row = rows[std::size_t(i) + 1];
        CHECK(eq4[std::size_t(i)] == std::stoi(row[std::size_t(pred)]));
        CHECK(terms.squaredError.col(i).minCoeff() == Approx(std::stod(row[std::size_t(minError)])).epsilon(1e-5));
        for (int m = 0; m < 10; ++m) {
            INFO("member " << m);
            const double old = std::stod(row[std::size_t(legacyColumn(header, "loglik_" + std::to_string(m)))]);
            CHECK(logLikelihood(m, i) == Approx(old).epsilon(1e-5).margin(1e-3));
        }
    }
}
