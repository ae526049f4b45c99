#pragma once
// The geometry every attack shares: an eps-ball around the clean images
// under the L-infinity or the L2 norm, intersected with the pixel box
// [0, 1]. Shapes: images n x B, one column per image; per-image values B.
//
// project() first projects onto the ball, then clips to the box. Clipping
// moves every pixel toward the box, and the clean pixel lies in the box, so
// no pixel's distance to it grows: the result is inside both (for L2 it is
// not the exact Euclidean projection onto the intersection, which no attack
// here needs). Static functions, no state.
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <string>

namespace latentset {

enum class AttackNorm { Linf, L2 };

// "linf", "l2"; parseAttackNorm throws Error naming the text otherwise.
std::string attackNormName(AttackNorm norm);
AttackNorm parseAttackNorm(const std::string& text);

class PerturbationBall {
public:
    // X := the point of ball(X0, eps) ∩ [0, 1]^n described above, per column.
    static void project(Matrix& X, const Matrix& X0, double eps, AttackNorm norm);
    // Pixels clipped to [0, 1].
    static void clipToBox(Matrix& X);
    // |X - X0| per column under `norm`.
    static Eigen::VectorXd distances(const Matrix& X, const Matrix& X0, AttackNorm norm);
    // One steepest-descent step of length `size` under `norm` against
    // `gradient`: X -= size * sign(g) (L-infinity) or size * g / |g| (L2,
    // columns with g = 0 stay).
    static void descend(Matrix& X, const Matrix& gradient, double size, AttackNorm norm);
};

} // namespace latentset
