#pragma once
// Back-propagation to the INPUT of a run of an autoencoder's dense layers,
// without weight gradients: what the attacks of this area need (the
// gradient of a decision score with respect to the image), and nothing the
// training path in nn/Autoencoder computes. The weights are read where they
// are stored (a tied decoder layer's W is the encoder tensor, transposed in
// the product, never copied), and every product is one GEMM over the batch.
//
// Shapes as in nn/Autoencoder.h: one column per sample. `a` holds the
// activations of the run as Autoencoder::forwardEncoder / forwardDecoder
// leave them in a Cache: a[0] the run's input, a[k+1] the output of its k-th
// layer (layer index firstLayer + k).
//
// Thread rules: static, no state; safe from any thread on a const
// Autoencoder that is not being trained.
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

class Autoencoder;

class InputBackprop {
public:
    // delta = dL/d(a.back()) on entry (overwritten, used as scratch);
    // dInput = dL/d(a[0]) on return (resized). Layers firstLayer ..
    // firstLayer + a.size() - 2 of `autoencoder`.
    static void backward(const Autoencoder& autoencoder, int firstLayer, const std::vector<Matrix>& a,
                         Matrix& delta, Matrix& dInput);
    // The dense product of layer l with a batch: W_l * X.
    static Matrix applyWeight(const Autoencoder& autoencoder, int layer, const Matrix& X);
    // W_l^T * delta (the backward product of layer l).
    static Matrix applyWeightTransposed(const Autoencoder& autoencoder, int layer, const Matrix& delta);
};

} // namespace latentset
