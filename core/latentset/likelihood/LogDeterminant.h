#pragma once
#include <Eigen/Core>

namespace latentset {

// log det of a symmetric positive semi-definite matrix (the d x d Gram
// matrix W^T W of eq. 4's volume term), through a pivoted LDL^T
// factorisation in double precision.
//
// A decoder whose Jacobian loses rank at z* (dead relus, saturated sigmoids)
// makes W^T W singular: its log det is -inf and the volume term +inf. Instead
// of propagating that, pivots below `relativeFloor` x the largest pivot are
// clamped to that floor and the result is flagged singular, so a caller can
// report it and still rank the input (it gets a large but finite volume term).
class LogDeterminant {
public:
    struct Result {
        double value = 0.0;    // sum of log pivots (clamped)
        bool singular = false; // some pivot was <= relativeFloor * largest (or the matrix was zero)
        int clampedPivots = 0;
    };

    // Requires a square matrix; only its lower triangle is read.
    static Result ofSymmetric(const Eigen::Ref<const Eigen::MatrixXd>& gram, double relativeFloor = 1e-10);
};

} // namespace latentset
