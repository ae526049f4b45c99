#pragma once
// Small models for the robust area's tests: random weights (gradients do not
// need trained models), inputs away from 0 and 1, seeds explicit.
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/robust/DecisionModel.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>
#include <memory>

namespace latentset::robusttest {

inline Matrix randomImages(Index n, Index count, std::uint64_t seed, float low = 0.2f, float high = 0.8f)
{
    Random rng(seed);
    Matrix X(n, count);
    for (Index k = 0; k < X.size(); ++k)
        X.data()[k] = low + (high - low) * float(rng.uniform());
    return X;
}

inline std::shared_ptr<const AutoencoderSet> smallSet(bool tied, std::uint64_t seed = 3)
{
    return std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(12, {10}, 3, tied), 3, seed);
}

inline std::shared_ptr<const LikelihoodModel> smallLikelihood(const AutoencoderSet& set)
{
    LikelihoodSettings settings;
    settings.mixture.components = 2;
    std::vector<Matrix> data;
    for (int c = 0; c < set.size(); ++c)
        data.push_back(randomImages(set.config().inputSize, 40, 100 + std::uint64_t(c)));
    return std::make_shared<const LikelihoodModel>(LikelihoodModel::fit(set, data, settings));
}

// Three classes of 16-pixel images: a bright 4-pixel bar in one of three
// places, plus noise. A set trained on them decides correctly.
inline void barImages(int label, Index count, std::uint64_t seed, Matrix& X)
{
    X = randomImages(16, count, seed, 0.0f, 0.15f);
    for (Index b = 0; b < count; ++b)
        for (Index i = 0; i < 4; ++i)
            X(4 * label + i + 2, b) = 0.9f;
}

inline std::shared_ptr<const AutoencoderSet> trainedBarSet()
{
    auto set = std::make_shared<AutoencoderSet>(AutoencoderConfig::make(16, {12}, 2, true), 3, 9);
    OptimizerSettings optimizer;
    std::vector<Matrix> data(3);
    for (int c = 0; c < 3; ++c)
        barImages(c, 32, 50 + std::uint64_t(c), data[std::size_t(c)]);
    for (int step = 0; step < 400; ++step)
        for (int c = 0; c < 3; ++c)
            set->trainStep(c, data[std::size_t(c)], nullptr, nullptr, optimizer, 0.01f);
    return set;
}

// Central differences of score(label) - score(other) along every pixel of
// column b, `other` the best other class at X (held fixed).
inline Matrix finiteDifferenceMargins(const DecisionModel& model, const Matrix& X, const std::vector<int>& labels,
                                      double h)
{
    const Eigen::MatrixXd s0 = model.scores(X);
    std::vector<int> others(labels.size());
    for (Index b = 0; b < X.cols(); ++b)
        DecisionModel::margin(s0, b, labels[std::size_t(b)], &others[std::size_t(b)]);
    Matrix fd(X.rows(), X.cols());
    for (Index i = 0; i < X.rows(); ++i) {
        Matrix up = X, down = X;
        up.row(i).array() += float(h);
        down.row(i).array() -= float(h);
        const Eigen::MatrixXd su = model.scores(up), sd = model.scores(down);
        for (Index b = 0; b < X.cols(); ++b) {
            const int y = labels[std::size_t(b)], o = others[std::size_t(b)];
            fd(i, b) = float(((su(y, b) - su(o, b)) - (sd(y, b) - sd(o, b))) / (2 * h));
        }
    }
    return fd;
}

inline void requireGradientMatches(const DecisionModel& model, const Matrix& X, const std::vector<int>& labels,
                                   double h, double tolerance)
{
    Eigen::VectorXd margins;
    Matrix gradient;
    model.marginGradient(X, labels, margins, gradient);
    REQUIRE(gradient.rows() == X.rows());
    REQUIRE(gradient.cols() == X.cols());
    const Matrix fd = finiteDifferenceMargins(model, X, labels, h);
    for (Index b = 0; b < X.cols(); ++b) {
        INFO("column " << b << "\nanalytic " << gradient.col(b).transpose() << "\nnumeric  " << fd.col(b).transpose());
        CHECK(gradient.col(b).norm() > 1e-4f);
        CHECK((gradient.col(b) - fd.col(b)).norm() <= tolerance * gradient.col(b).norm());
    }
    const Eigen::VectorXd direct = model.margins(X, labels);
    for (Index b = 0; b < X.cols(); ++b)
        CHECK(margins(b) == Approx(direct(b)).epsilon(1e-6).margin(1e-9));
}

// The bar images of every class, `perClass` each, and their labels.
inline void barTestImages(Index perClass, Matrix& X, std::vector<int>& labels)
{
    X.resize(16, 0);
    labels.clear();
    for (int c = 0; c < 3; ++c) {
        Matrix images;
        barImages(c, perClass, 200 + std::uint64_t(c), images);
        X.conservativeResize(Eigen::NoChange, X.cols() + images.cols());
        X.rightCols(images.cols()) = images;
        labels.insert(labels.end(), std::size_t(images.cols()), c);
    }
}

// An MLP trained on the bar images.
inline std::shared_ptr<const Mlp> trainedBarMlp()
{
    auto mlp = std::make_shared<Mlp>(16, 12, 3, 4);
    Matrix X;
    std::vector<int> labels;
    barTestImages(16, X, labels);
    OptimizerSettings optimizer;
    for (int step = 0; step < 300; ++step)
        mlp->trainStep(X, labels, optimizer, 0.01f, nullptr);
    return mlp;
}

} // namespace latentset::robusttest
