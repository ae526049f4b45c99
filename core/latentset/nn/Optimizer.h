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
    // One Adam step's constants (bias correction folded into lr and eps; the
    // clipping scale folded into the moment updates). adamChunk() applies
    // them to a contiguous run of parameters; update() and the fused
    // training step (Autoencoder::trainStep) share it, so both give the same
    // bits for the same gradient.
    struct AdamStep {
        float beta1 = 0, beta2 = 0;
        float gradScaleM = 0, gradScaleV = 0; // (1 - beta1) * scale, (1 - beta2) * scale^2
        float learningRate = 0, epsilon = 0;  // bias-corrected
    };
    static AdamStep adamStep(const OptimizerSettings& settings, std::uint64_t step, float learningRate,
                             float clipScale = 1.0f);
    // w, m, v updated in place from g, len floats each.
    static void adamChunk(float* w, const float* g, float* m, float* v, Index len, const AdamStep& k);

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
