#pragma once
// A decision-based attack after Brendel et al.'s boundary attack (ICLR
// 2018): it uses only the model's decisions, never a gradient or a score, so
// a model whose gradients are uninformative (masked, saturated, piecewise
// flat) cannot look robust against it.
//
// Start: per image, uniform noise images are drawn until one is
// misclassified (at most `initTrials`), then a bisection along the line to
// the clean image finds the closest misclassified blend. Each step then
// proposes, per image, a random step orthogonal to the direction to the
// clean image (length `sphericalStep` x the current distance, put back on
// the sphere around the clean image) followed by a step toward it
// (`sourceStep` x the distance), pixels in [0, 1]. A proposal is taken if it
// is still misclassified and closer. Both step sizes adapt per image
// (larger after a success, smaller after a failure), as in the paper's
// success-rate rule but with one proposal per step.
//
// One batched decision call per step for all images. Deterministic for a
// seed. The result is an L2 (and L-infinity) distance per image; images for
// which no start was found stay unfooled.
#include "latentset/robust/AttackOutcome.h"

#include <cstdint>
#include <vector>

namespace latentset {

class DecisionModel;

class BoundaryAttack {
public:
    struct Settings {
        int steps = 500;
        int initTrials = 50;
        int bisections = 12;
        double sphericalStep = 0.05;
        double sourceStep = 0.05;
        std::uint64_t seed = 1;
    };

    explicit BoundaryAttack(Settings settings);
    AttackOutcome run(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels) const;

private:
    // Per image a misclassified start (found[b]), as close as the bisection gets.
    Matrix start(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels,
                 std::vector<bool>& found, long long& queries) const;

    Settings settings_;
};

} // namespace latentset
