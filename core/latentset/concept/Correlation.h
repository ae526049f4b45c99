#pragma once
#include "latentset/util/Types.h"

namespace latentset {

// Correlation coefficients used to measure the concept experiments:
// Pearson's r between two context-likelihood maps (the paper's fig. 12
// claim, "the maps are almost identical"), and Spearman's rho between the
// level-2 latent unit and the cube's angle (monotone, not linear, is what a
// one-unit code of a rotation has to be).
class Correlation {
public:
    // Both vectors of the same size >= 2. Returns 0 when either is constant.
    static double pearson(const Vector& a, const Vector& b);
    // Pearson's r of the ranks; ties get their average rank.
    static double spearman(const Vector& a, const Vector& b);
    // Ranks 0..n-1 (ties averaged), as used by spearman().
    static Vector ranks(const Vector& values);
};

} // namespace latentset
