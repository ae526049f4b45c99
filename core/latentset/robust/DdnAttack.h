#pragma once
// Decoupled direction and norm (Rony et al., CVPR 2019): a minimal-
// distortion L2 attack. Each image carries a perturbation delta and a
// radius r. Every step moves delta along the normalised descent direction of
// the margin (step alpha, cosine-annealed from `alpha` to `alpha` / 100),
// then rescales it to length r, where r shrinks by (1 - gamma) while the
// image is adversarial and grows by (1 + gamma) while it is not; pixels are
// kept in [0, 1]. The smallest adversarial perturbation seen is the result:
// outcome.l2 is then an upper bound on the image's minimal adversarial L2
// distance (the "median adversarial distance" of the robustness report).
//
// Deterministic (no random draws). Unlike PGD it runs every step on every
// image: the radius keeps shrinking after the first success.
#include "latentset/robust/AttackOutcome.h"

#include <vector>

namespace latentset {

class DecisionModel;

class DdnAttack {
public:
    struct Settings {
        int steps = 100;
        double initialRadius = 1.0;
        double gamma = 0.05;
        double alpha = 1.0;
    };

    explicit DdnAttack(Settings settings);
    AttackOutcome run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const;

private:
    Settings settings_;
};

} // namespace latentset
