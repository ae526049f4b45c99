#include "latentset/likelihood/GaussianMixture.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace latentset {

namespace {

// Row-wise log-sum-exp of an N x k matrix: the mixture's log density from its
// per-component terms, without overflow for codes far from every component.
Eigen::VectorXd rowLogSumExp(const Eigen::MatrixXd& terms)
{
    const Eigen::VectorXd maxima = terms.rowwise().maxCoeff();
    Eigen::VectorXd out(terms.rows());
    for (Index i = 0; i < terms.rows(); ++i) {
        const double m = maxima(i);
        if (!std::isfinite(m)) {
            out(i) = m;
            continue;
        }
        out(i) = m + std::log((terms.row(i).array() - m).exp().sum());
    }
    return out;
}

// Seeded k-means++ (D^2 sampling) followed by a few Lloyd iterations: a start
// for EM that does not depend on the order of the codes beyond the seed.
Eigen::MatrixXd kMeansPlusPlus(const Eigen::MatrixXd& x, int k, Random& random, std::vector<int>& assignment)
{
    const Index n = x.cols();
    Eigen::MatrixXd centres(x.rows(), k);
    centres.col(0) = x.col(Index(random.below(std::uint64_t(n))));
    Eigen::VectorXd nearest = (x.colwise() - centres.col(0)).colwise().squaredNorm().transpose();
    for (int c = 1; c < k; ++c) {
        const double total = nearest.sum();
        Index pick = 0;
        if (total > 0) {
            double target = random.uniform() * total;
            for (pick = 0; pick < n - 1; ++pick) {
                target -= nearest(pick);
                if (target < 0)
                    break;
            }
        } else {
            pick = Index(random.below(std::uint64_t(n)));
        }
        centres.col(c) = x.col(pick);
        nearest = nearest.cwiseMin((x.colwise() - centres.col(c)).colwise().squaredNorm().transpose());
    }
    assignment.assign(std::size_t(n), 0);
    for (int iteration = 0; iteration < 20; ++iteration) {
        bool changed = false;
        for (Index i = 0; i < n; ++i) {
            Index best = 0;
            (centres.colwise() - x.col(i)).colwise().squaredNorm().minCoeff(&best);
            if (assignment[std::size_t(i)] != int(best)) {
                assignment[std::size_t(i)] = int(best);
                changed = true;
            }
        }
        Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(x.rows(), k);
        Eigen::VectorXd counts = Eigen::VectorXd::Zero(k);
        for (Index i = 0; i < n; ++i) {
            sums.col(assignment[std::size_t(i)]) += x.col(i);
            counts(assignment[std::size_t(i)]) += 1;
        }
        for (int c = 0; c < k; ++c)
            if (counts(c) > 0)
                centres.col(c) = sums.col(c) / counts(c);
        if (!changed && iteration > 0)
            break;
    }
    return centres;
}

} // namespace

GaussianMixture GaussianMixture::fromParameters(std::vector<double> weights, std::vector<Eigen::VectorXd> means,
                                                std::vector<Eigen::MatrixXd> covariances)
{
    if (weights.empty() || weights.size() != means.size() || weights.size() != covariances.size())
        throw Error("Gaussian mixture: weights, means and covariances must have the same non-zero count");
    GaussianMixture g;
    g.dimension_ = int(means[0].size());
    double total = 0;
    for (double w : weights) {
        if (!(w >= 0))
            throw Error("Gaussian mixture: negative or NaN weight");
        total += w;
    }
    if (!(total > 0))
        throw Error("Gaussian mixture: weights sum to zero");
    for (double& w : weights)
        w /= total;
    for (std::size_t c = 0; c < means.size(); ++c)
        if (means[c].size() != g.dimension_ || covariances[c].rows() != g.dimension_ ||
            covariances[c].cols() != g.dimension_)
            throw Error("Gaussian mixture: component " + std::to_string(c) + " has the wrong dimension");
    g.weights_ = std::move(weights);
    g.means_ = std::move(means);
    g.covariances_ = std::move(covariances);
    g.prepare();
    return g;
}

void GaussianMixture::prepare()
{
    const std::size_t k = weights_.size();
    choleskyLower_.resize(k);
    logNormaliser_.resize(k);
    const double halfDLog2Pi = 0.5 * dimension_ * std::log(2.0 * std::numbers::pi);
    for (std::size_t c = 0; c < k; ++c) {
        Eigen::LLT<Eigen::MatrixXd> llt(covariances_[c]);
        if (llt.info() != Eigen::Success)
            throw Error("Gaussian mixture: covariance of component " + std::to_string(c) +
                        " is not positive definite");
        choleskyLower_[c] = llt.matrixL();
        const double halfLogDet = choleskyLower_[c].diagonal().array().log().sum();
        logNormaliser_[c] = (weights_[c] > 0 ? std::log(weights_[c]) : -std::numeric_limits<double>::infinity()) -
                            halfDLog2Pi - halfLogDet;
    }
}

Eigen::MatrixXd GaussianMixture::componentLogDensities(const Eigen::Ref<const Eigen::MatrixXd>& codes) const
{
    if (codes.rows() != dimension_)
        throw Error("Gaussian mixture: codes have " + std::to_string(codes.rows()) + " rows, the mixture " +
                    std::to_string(dimension_));
    const std::size_t k = weights_.size();
    Eigen::MatrixXd terms(codes.cols(), Index(k));
    Eigen::MatrixXd centred;
    for (std::size_t c = 0; c < k; ++c) {
        centred = codes.colwise() - means_[c];
        // Mahalanobis distance through the triangular factor: |L^-1 (z - mu)|^2.
        choleskyLower_[c].triangularView<Eigen::Lower>().solveInPlace(centred);
        terms.col(Index(c)) = (-0.5 * centred.colwise().squaredNorm().array() + logNormaliser_[c]).transpose();
    }
    return terms;
}

void GaussianMixture::logDensity(const Eigen::Ref<const Eigen::MatrixXd>& codes, Eigen::VectorXd& out) const
{
    if (isEmpty())
        throw Error("Gaussian mixture: not fitted");
    out = rowLogSumExp(componentLogDensities(codes));
}

Eigen::VectorXd GaussianMixture::logDensity(const Matrix& codes) const
{
    Eigen::VectorXd out;
    const Eigen::MatrixXd asDouble = codes.cast<double>();
    logDensity(asDouble, out);
    return out;
}

GaussianMixture GaussianMixture::fit(const Matrix& codesF, const Options& options, const std::string& what)
{
    if (codesF.cols() < 1 || codesF.rows() < 1)
        throw Error(what + ": no codes to fit a Gaussian mixture to");
    if (!codesF.allFinite())
        throw Error(what + ": codes contain NaN or infinite values");
    if (options.components < 1)
        throw Error(what + ": a Gaussian mixture needs at least one component");
    const Eigen::MatrixXd x = codesF.cast<double>();
    const Index d = x.rows();
    const Index n = x.cols();
    const int k = int(std::min<Index>(options.components, n));

    const Eigen::VectorXd globalMean = x.rowwise().mean();
    const Eigen::MatrixXd globalCentred = x.colwise() - globalMean;
    const double meanVariance = std::max(globalCentred.squaredNorm() / double(n * d), 1e-12);
    const double ridge = options.regularization * meanVariance;

    Random random(options.seed);
    std::vector<int> assignment;
    const Eigen::MatrixXd centres = kMeansPlusPlus(x, k, random, assignment);

    GaussianMixture g;
    g.dimension_ = int(d);
    g.diagonal_ = options.diagonal;
    g.weights_.assign(std::size_t(k), 0.0);
    g.means_.assign(std::size_t(k), Eigen::VectorXd::Zero(d));
    g.covariances_.assign(std::size_t(k), Eigen::MatrixXd::Zero(d, d));

    // M-step from responsibilities r (n x k): weights, means, covariances.
    const auto mStep = [&](const Eigen::MatrixXd& r) {
        const Eigen::VectorXd mass = r.colwise().sum().transpose();
        for (int c = 0; c < k; ++c) {
            Eigen::MatrixXd cov;
            if (mass(c) < 1e-10) {
                // An emptied component restarts at a random code with the
                // global spread rather than dying (its weight stays tiny).
                g.means_[std::size_t(c)] = x.col(Index(random.below(std::uint64_t(n))));
                cov = (globalCentred * globalCentred.transpose()) / double(n);
                g.weights_[std::size_t(c)] = 1e-10;
            } else {
                g.weights_[std::size_t(c)] = mass(c) / double(n);
                g.means_[std::size_t(c)] = (x * r.col(c)) / mass(c);
                const Eigen::MatrixXd centred = x.colwise() - g.means_[std::size_t(c)];
                cov = (centred * r.col(c).asDiagonal() * centred.transpose()) / mass(c);
            }
            if (options.diagonal)
                cov = Eigen::MatrixXd(cov.diagonal().asDiagonal());
            cov.diagonal().array() += ridge;
            g.covariances_[std::size_t(c)] = 0.5 * (cov + cov.transpose());
        }
        double total = 0;
        for (double w : g.weights_)
            total += w;
        for (double& w : g.weights_)
            w /= total;
        g.prepare();
    };

    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(n, k);
    for (Index i = 0; i < n; ++i)
        r(i, assignment[std::size_t(i)]) = 1.0;
    mStep(r);

    double previous = -std::numeric_limits<double>::infinity();
    int iteration = 0;
    for (; iteration < options.maxIterations; ++iteration) {
        const Eigen::MatrixXd terms = g.componentLogDensities(x);
        const Eigen::VectorXd logP = rowLogSumExp(terms);
        const double meanLogLikelihood = logP.mean();
        r = (terms.colwise() - logP).array().exp().matrix();
        g.trainingLogLikelihood_ = meanLogLikelihood;
        if (meanLogLikelihood - previous < options.tolerance * std::max(1.0, std::abs(meanLogLikelihood)))
            break;
        previous = meanLogLikelihood;
        mStep(r);
    }
    g.iterations_ = iteration;
    return g;
}

void GaussianMixture::write(BinaryWriter& out) const
{
    out.writeI32(dimension_);
    out.writeI32(componentCount());
    out.writeBool(diagonal_);
    out.writeF64(trainingLogLikelihood_);
    out.writeI32(iterations_);
    out.writeDoubles(weights_);
    for (int c = 0; c < componentCount(); ++c) {
        out.writeBytes(means_[std::size_t(c)].data(), sizeof(double) * std::size_t(dimension_));
        out.writeBytes(covariances_[std::size_t(c)].data(), sizeof(double) * std::size_t(dimension_ * dimension_));
    }
}

GaussianMixture GaussianMixture::read(BinaryReader& in)
{
    GaussianMixture g;
    g.dimension_ = in.readI32();
    const int k = in.readI32();
    // Latent codes have tens of dimensions; 1024 keeps prepare()'s Cholesky
    // (d^3 per component) well under a second for any component a file holds.
    if (g.dimension_ < 1 || g.dimension_ > 1024 || k < 1 || k > 100000)
        in.fail("corrupted Gaussian mixture header (dimension " + std::to_string(g.dimension_) + ", " +
                std::to_string(k) + " components)");
    g.diagonal_ = in.readBool();
    g.trainingLogLikelihood_ = in.readF64();
    g.iterations_ = in.readI32();
    g.weights_ = in.readDoubles();
    if (int(g.weights_.size()) != k)
        in.fail("Gaussian mixture has " + std::to_string(g.weights_.size()) + " weights for " +
                std::to_string(k) + " components");
    const std::size_t d = std::size_t(g.dimension_);
    if (in.remaining() < std::size_t(k) * (d + d * d) * sizeof(double))
        in.fail("truncated Gaussian mixture parameters");
    for (int c = 0; c < k; ++c) {
        Eigen::VectorXd mean(g.dimension_);
        Eigen::MatrixXd cov(g.dimension_, g.dimension_);
        in.readBytes(mean.data(), sizeof(double) * d);
        in.readBytes(cov.data(), sizeof(double) * d * d);
        g.means_.push_back(std::move(mean));
        g.covariances_.push_back(std::move(cov));
    }
    try {
        g.prepare();
    } catch (const Error& e) {
        in.fail(e.what());
    }
    return g;
}

} // namespace latentset
