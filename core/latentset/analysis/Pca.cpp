#include "latentset/analysis/Pca.h"

#include "latentset/util/Error.h"

#include <Eigen/Eigenvalues>

#include <string>

namespace latentset {

Pca Pca::fit(const Matrix& codes, Index components)
{
    const Index d = codes.rows(), n = codes.cols();
    if (n < 2 || d < 1)
        throw Error("PCA needs at least 2 codes of at least 1 value (got " + std::to_string(n) + " of " +
                    std::to_string(d) + ")");
    if (components < 1 || components > d)
        throw Error("PCA: " + std::to_string(components) + " components asked of codes with " + std::to_string(d) +
                    " values");
    if (!codes.allFinite())
        throw Error("PCA: the codes hold NaN or infinite values");
    Pca pca;
    // Sums in double: 10,000 codes of magnitude ~10 lose digits in float.
    const Eigen::MatrixXd x = codes.cast<double>();
    const Eigen::VectorXd mean = x.rowwise().mean();
    const Eigen::MatrixXd centred = x.colwise() - mean;
    const Eigen::MatrixXd covariance = centred * centred.transpose() / double(n - 1);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
    if (solver.info() != Eigen::Success)
        throw Error("PCA: the eigen decomposition of the covariance did not converge");
    // Eigen sorts ascending: take the last `components`, largest first.
    pca.mean_ = mean.cast<float>();
    pca.basis_.resize(d, components);
    pca.variance_.resize(components);
    const double total = std::max(0.0, solver.eigenvalues().sum());
    pca.ratio_.resize(components);
    for (Index c = 0; c < components; ++c) {
        const Index from = d - 1 - c;
        Eigen::VectorXd v = solver.eigenvectors().col(from);
        Index largest = 0;
        v.cwiseAbs().maxCoeff(&largest);
        if (v(largest) < 0)
            v = -v;
        pca.basis_.col(c) = v.cast<float>();
        const double lambda = std::max(0.0, solver.eigenvalues()(from));
        pca.variance_(c) = float(lambda);
        pca.ratio_(c) = total > 0 ? float(lambda / total) : 0.0f;
    }
    return pca;
}

Matrix Pca::project(const Matrix& codes) const
{
    if (codes.rows() != dimension())
        throw Error("PCA: codes of " + std::to_string(codes.rows()) + " values, the basis was fitted on " +
                    std::to_string(dimension()));
    return basis_.transpose() * (codes.colwise() - mean_);
}

} // namespace latentset
