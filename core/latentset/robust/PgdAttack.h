#pragma once
// Projected gradient descent on the margin (Madry et al. 2018) under
// L-infinity or L2: `steps` steps of eps * stepFactor / steps, each followed
// by the projection onto ball(x, eps) ∩ [0, 1]^n. The first run starts at
// the clean image; each further restart starts at a uniform random point of
// the ball (L-infinity: uniform per pixel; L2: uniform in the ball) and runs
// only on the images still standing. An image leaves the run as soon as its
// margin is negative, and its image at that step is kept: so the cost falls
// as the attack succeeds, and accuracy under attack = the share never fooled.
//
// Deterministic for a seed. eps = 0 returns the clean images unchanged.
#include "latentset/robust/AttackOutcome.h"
#include "latentset/robust/PerturbationBall.h"

#include <cstdint>
#include <vector>

namespace latentset {

class DecisionModel;

class PgdAttack {
public:
    struct Settings {
        AttackNorm norm = AttackNorm::Linf;
        double eps = 0.3;
        int steps = 40;
        double stepFactor = 2.5;
        int restarts = 1; // runs in all: the first from the clean image
        std::uint64_t seed = 1;
    };

    explicit PgdAttack(Settings settings);
    const Settings& settings() const { return settings_; }

    // X0: clean images (n x B) in [0, 1]; labels: B true classes.
    AttackOutcome run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const;

    // A uniform random point of ball(0, eps) under `norm` per column (n x B).
    static Matrix randomOffsets(Index n, Index count, double eps, AttackNorm norm, std::uint64_t seed);

private:
    Settings settings_;
};

} // namespace latentset
