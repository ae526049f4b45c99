#pragma once
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class BinaryReader;
class BinaryWriter;

// A Gaussian mixture density over latent codes: p(z) = sum_c w_c N(z; mu_c, S_c).
// It is the eq. 4 term log p(z*) of the likelihood estimate (docs/likelihood.md).
//
// Shapes: codes are d x N, ONE COLUMN PER CODE (the core's convention).
// Parameters are kept in double: EM on tens of thousands of codes sums many
// small numbers, and the covariances of a 16-D latent space are tiny (16x16),
// so the precision costs nothing measurable.
//
// Thread rules: fit() is a pure function; a fitted mixture is immutable and
// logDensity() is const and safe to call from any number of threads.
class GaussianMixture {
public:
    struct Options {
        int components = 10;
        bool diagonal = false;        // diagonal covariances instead of full ones
        int maxIterations = 200;
        double tolerance = 1e-6;      // stop when mean log-likelihood gains less than this
        // Added to every covariance diagonal, relative to the mean variance of
        // the data: keeps components from collapsing onto a few codes (a
        // singular covariance would give +inf densities).
        double regularization = 1e-3;
        std::uint64_t seed = 1;       // k-means++ initialisation
    };

    GaussianMixture() = default;

    // Fits by EM from a seeded k-means++ start. Requires codes.cols() >= 1 and
    // finite values; throws Error naming `what` otherwise. With fewer codes
    // than components, the number of components is reduced to codes.cols().
    static GaussianMixture fit(const Matrix& codes, const Options& options,
                               const std::string& what = "latent codes");

    // A mixture from explicit parameters (tests, hand-made densities). Weights
    // are normalised; covariances must be symmetric positive definite.
    static GaussianMixture fromParameters(std::vector<double> weights, std::vector<Eigen::VectorXd> means,
                                          std::vector<Eigen::MatrixXd> covariances);

    bool isEmpty() const { return weights_.empty(); }
    int dimension() const { return dimension_; }
    int componentCount() const { return int(weights_.size()); }
    bool isDiagonal() const { return diagonal_; }
    const std::vector<double>& weights() const { return weights_; }
    const std::vector<Eigen::VectorXd>& means() const { return means_; }
    const std::vector<Eigen::MatrixXd>& covariances() const { return covariances_; }
    // EM's final mean log-likelihood per training code, and its iteration count.
    double trainingLogLikelihood() const { return trainingLogLikelihood_; }
    int iterations() const { return iterations_; }

    // log p(z) for every column of codes (d x N) -> N values. Requires
    // codes.rows() == dimension(); throws Error otherwise.
    Eigen::VectorXd logDensity(const Matrix& codes) const;
    // Same, writing into out (resized); for callers that reuse buffers.
    void logDensity(const Eigen::Ref<const Eigen::MatrixXd>& codes, Eigen::VectorXd& out) const;
    // Per-component log(w_c N(z; mu_c, S_c)), N x k (used by EM and tests).
    Eigen::MatrixXd componentLogDensities(const Eigen::Ref<const Eigen::MatrixXd>& codes) const;

    // Binary form for a model file chunk (the chunk carries the version;
    // kFormatVersion is what write() produces and read() accepts at most).
    static constexpr std::uint32_t kFormatVersion = 1;
    void write(BinaryWriter& out) const;
    // Throws Error naming the reader's source if truncated or corrupted.
    static GaussianMixture read(BinaryReader& in);

private:
    void prepare(); // Cholesky factors and normalisers from the covariances

    int dimension_ = 0;
    bool diagonal_ = false;
    std::vector<double> weights_;
    std::vector<Eigen::VectorXd> means_;
    std::vector<Eigen::MatrixXd> covariances_;
    double trainingLogLikelihood_ = 0.0;
    int iterations_ = 0;
    // Derived: lower Cholesky factor of each covariance and
    // log w_c - d/2 log 2pi - 1/2 log det S_c.
    std::vector<Eigen::MatrixXd> choleskyLower_;
    std::vector<double> logNormaliser_;
};

} // namespace latentset
