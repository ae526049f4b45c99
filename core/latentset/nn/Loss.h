#pragma once
// Reconstruction / classification losses, with an optional per-pixel weight.
//
// Shapes: outputs Y and targets T are n x B (one column per sample). The
// optional weight W ("mask") is either n x 1 (one weight per pixel, shared by
// every sample: 0 = pixel not explained by the model) or n x B (per sample).
//
// The loss of a batch is the MEAN over samples of the per-sample loss, where
// the per-sample loss is the weighted SUM over pixels:
//   squared error:        0.5 * sum_k w_k (y_k - t_k)^2
//   binary cross-entropy: -sum_k w_k (t_k log y_k + (1 - t_k) log(1 - y_k)),
//                         y clamped to [1e-7, 1 - 1e-7] inside the logs.
//
// Gradients are returned with respect to the output layer's PRE-activation
// a (Y = f(a)), because that is what the backward pass consumes, and because
// BCE after a sigmoid then simplifies to w (y - t) / B: exact and stable even
// where the sigmoid saturates.
#include "latentset/nn/Activation.h"
#include "latentset/util/Types.h"

#include <string>

namespace latentset {

enum class LossKind { SquaredError, BinaryCrossEntropy };

std::string lossName(LossKind kind); // "mse", "bce"
LossKind parseLoss(const std::string& name);

class Loss {
public:
    // Mean per-sample loss of the batch. If dPre is not null it receives
    // dLoss/da (n x B) for an output layer with activation `outputActivation`.
    // Throws Error if shapes disagree.
    static float evaluate(LossKind kind, const Matrix& Y, const Matrix& T, const Matrix* weight,
                          Activation outputActivation, Matrix* dPre);

    // Per-sample losses (1 x B), the same sums as above without the mean; used
    // by classifiers that compare reconstruction errors between members.
    static RowVector perSample(LossKind kind, const Matrix& Y, const Matrix& T, const Matrix* weight = nullptr);
};

} // namespace latentset
