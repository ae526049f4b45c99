#pragma once
// Applies one update to a model's parameters from their accumulated
// gradients, using the state stored in each Parameter (see Parameter.h).
// Stateless itself: everything that must survive a save/load lives in the
// parameters and in the step counter the model owns.
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/Parameter.h"

#include <cstdint>
#include <vector>

namespace latentset {

class Optimizer {
public:
    // Updates every parameter in place. `step` is the 1-based update count of
    // this model (Adam's bias correction); `learningRate` the rate for this
    // step (settings.learningRateAt(...)). `decayed[i]` says whether weight
    // decay applies to params[i] (weights yes, biases no). Gradients are left
    // as they were (clipping scales them). Returns the gradient norm before
    // clipping.
    static float update(const std::vector<Parameter*>& params, const std::vector<bool>& decayed,
                        const OptimizerSettings& settings, std::uint64_t step, float learningRate);
};

} // namespace latentset
