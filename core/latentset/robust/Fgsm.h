#pragma once
// The fast gradient (sign) method, Goodfellow et al. 2015: one step of
// length eps from the clean image against the margin gradient, sign(g)
// under L-infinity (FGSM) or g / |g| under L2 (FGM), then into [0, 1].
// One gradient call per image; the weakest attack, kept as the reference
// every paper reports.
#include "latentset/robust/AttackOutcome.h"
#include "latentset/robust/PerturbationBall.h"

#include <vector>

namespace latentset {

class DecisionModel;

class Fgsm {
public:
    // X0: clean images (n x B) in [0, 1]; labels: B true classes.
    static AttackOutcome run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels, double eps,
                             AttackNorm norm);
};

} // namespace latentset
