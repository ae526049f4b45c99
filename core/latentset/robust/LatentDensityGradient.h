#pragma once
// The gradient of eq. 4's log p(z) for a Gaussian mixture (likelihood/
// GaussianMixture): d/dz log sum_c w_c N(z; mu_c, S_c)
//     = - sum_c r_c(z) S_c^-1 (z - mu_c),  r_c = the components' posteriors.
//
// Shapes: codes Z are d x B, one column per code; the gradient likewise.
// Immutable after construction (the inverse covariances are formed once);
// gradient() is const and thread-safe.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <vector>

namespace latentset {

class GaussianMixture;

class LatentDensityGradient {
public:
    LatentDensityGradient() = default;
    // Keeps a pointer to `density`, which must outlive this object.
    explicit LatentDensityGradient(const GaussianMixture& density);

    // d log p / dZ (d x B). Requires Z.rows() == the density's dimension.
    Matrix gradient(const Matrix& Z) const;

private:
    const GaussianMixture* density_ = nullptr;
    std::vector<Eigen::MatrixXd> precisions_;
};

} // namespace latentset
