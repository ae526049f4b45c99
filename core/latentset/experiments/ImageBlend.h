#pragma once
// Ambiguous inputs made on purpose (docs/less-is-more.md): the pixel-wise
// blend (1 - w) a + w b of two images, and whether a model's two highest
// scores are the blend's two sources.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <vector>

namespace latentset {

class ImageBlend {
public:
    // (1 - weight) * a + weight * b; a and b of one size, weight in [0, 1].
    static Vector mix(const Vector& a, const Vector& b, double weight);
    // The blends of a and b at every weight, one column each.
    static Matrix series(const Vector& a, const Vector& b, const std::vector<double>& weights);
    // 0, 0.1, ..., 1 (11 weights).
    static std::vector<double> tenthWeights();
    // True when classes a and b (a != b) hold the two highest of `scores`
    // (ties: the lower index first).
    static bool topTwoAre(const Eigen::VectorXd& scores, int a, int b);
};

} // namespace latentset
