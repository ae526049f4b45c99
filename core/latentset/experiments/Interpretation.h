#pragma once
// Every reading a class set gives of one input (docs/less-is-more.md "In the
// app"): the posterior over classes (eq. 5, SetPosterior), each member's
// calibrated score, eq. 4 log-likelihood and squared error, its
// reconstruction, and the classes ranked by posterior. A value; no Qt.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <algorithm>
#include <vector>

namespace latentset {

struct Interpretation {
    Eigen::VectorXd posterior;     // C, sums to 1
    Eigen::VectorXd score;         // eq. 5's calibrated log-likelihood per member (the softmax's logit x T)
    Eigen::VectorXd logLikelihood; // eq. 4 per member, uncalibrated
    Eigen::VectorXd squaredError;  // |x - f(g(x))|^2 per member
    Matrix reconstructions;        // n x C: column c = member c's f(g(x))
    std::vector<int> ranking;      // classes by posterior, highest first (ties: lower index first)

    // The first min(k, C) classes of the ranking.
    std::vector<int> top(int k) const
    {
        const auto n = std::min<std::size_t>(ranking.size(), std::size_t(std::max(0, k)));
        return std::vector<int>(ranking.begin(), ranking.begin() + std::ptrdiff_t(n));
    }
};

} // namespace latentset
