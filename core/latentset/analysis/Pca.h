#pragma once
#include "latentset/util/Types.h"

namespace latentset {

// Principal component analysis of codes, exact: the eigenvectors of the
// sample covariance (d x d, Eigen's self-adjoint solver), largest first.
// Shapes: one column per sample, as everywhere in LatentSet (codes d x n).
//
// Signs are fixed so that results are reproducible: each component's entry
// of largest magnitude is positive.
class Pca {
public:
    // Fits on `codes` (d x n, n >= 2) and keeps `components` directions
    // (1 <= components <= d). Throws Error on other shapes or non-finite codes.
    static Pca fit(const Matrix& codes, Index components);

    Index dimension() const { return mean_.size(); }
    Index componentCount() const { return basis_.cols(); }
    const Vector& mean() const { return mean_; }
    // d x k, orthonormal columns.
    const Matrix& basis() const { return basis_; }
    // Variance along each kept component, and its share of the total.
    const Vector& variance() const { return variance_; }
    const Vector& explainedRatio() const { return ratio_; }

    // k x m coordinates of `codes` (d x m) in the fitted basis: basis^T (x - mean).
    Matrix project(const Matrix& codes) const;

private:
    Vector mean_;
    Matrix basis_;
    Vector variance_;
    Vector ratio_;
};

} // namespace latentset
