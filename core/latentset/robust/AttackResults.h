#pragma once
// Turns an attack's final images into an AttackOutcome: decisions, the
// fooled flags (a negative margin) and both distances. Where an image is
// not fooled, the clean image is reported instead (so a failed attack never
// reports a perturbation).
#include "latentset/robust/AttackOutcome.h"

#include <vector>

namespace latentset {

class DecisionModel;

class AttackResults {
public:
    static AttackOutcome finish(const DecisionModel& model, const Matrix& X0, const std::vector<int>& labels,
                                Matrix adversarial, long long queries);
};

} // namespace latentset
