#pragma once
// A dense autoencoder: encoder z = g(x), decoder x* = f(z).
//
// Shapes (one column per sample, see util/Types.h):
//   X: inputSize x B    Z: latentSize x B    reconstruction: inputSize x B
// Layer l maps n_in(l) -> n_out(l) as  Y = f_l(W_l X + b_l); W_l is
// n_out x n_in. Layers are numbered as in AutoencoderConfig.h. For a tied
// decoder layer W_l is the transpose of its mirrored encoder layer's stored
// weight; effectiveWeight(l) returns W_l as used, whatever the storage.
//
// Thread rules: const member functions (encode, decode, reconstruct, layer
// access) may run concurrently from many threads on the same object. Training
// functions (forward*/backward*/trainStep/applyUpdate) mutate gradients,
// optimiser state and the scratch workspace: one thread at a time per
// Autoencoder, and never while another thread reads it. Readers on other
// threads should use an immutable snapshot (inferenceCopy()) instead.
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/Parameter.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <vector>

namespace latentset {

class Autoencoder {
public:
    // Activations of one half (encoder or decoder) kept for the backward pass:
    // a[0] is the half's input, a[k+1] the output of its k-th layer (so the
    // last entry is Z for the encoder, the reconstruction for the decoder).
    struct Cache {
        std::vector<Matrix> a;
        const Matrix& output() const { return a.back(); }
    };
    // Scratch reused across steps so training does not allocate per batch.
    struct Workspace {
        Cache encoder, decoder;
        Matrix delta, dZ, tmp;
        // trainStep's fused path: dLoss/d(pre-activation) of every layer, the
        // two operands of a tied tensor's gradient ([delta | input] pairs of
        // its two uses side by side) and one row panel of a gradient.
        std::vector<Matrix> deltas;
        Matrix left, right, panel;
    };

    Autoencoder() = default;
    // Weights: He init (N(0, 2/fan_in)) for layers followed by relu, Xavier
    // (N(0, 2/(fan_in+fan_out))) otherwise; biases zero. Every draw from `seed`.
    Autoencoder(const AutoencoderConfig& config, std::uint64_t seed);

    const AutoencoderConfig& config() const { return config_; }

    // ---- inference (const, thread-safe) -----------------------------------
    Matrix encode(const Matrix& X) const;
    Matrix decode(const Matrix& Z) const;
    Matrix reconstruct(const Matrix& X) const;

    // ---- layer access (for the decoder Jacobian, views, tests) -------------
    int layerCount() const { return config_.layerCount(); }
    int encoderLayerCount() const { return config_.encoderLayerCount(); }
    Index layerInputSize(int layer) const;
    Index layerOutputSize(int layer) const;
    // W_l as applied (n_out x n_in); a copy, transposed for tied decoder layers.
    Matrix effectiveWeight(int layer) const;
    // The stored tensor behind W_l and whether W_l is its transpose.
    const Matrix& weightStorage(int layer) const { return weights_[std::size_t(weightIndex(layer))].value; }
    bool weightTransposed(int layer) const;
    Eigen::Map<const Vector> bias(int layer) const;
    Activation activation(int layer) const { return config_.activation(layer); }

    // ---- training hooks (one thread at a time, see above) -----------------
    // Forward through the encoder / decoder keeping activations in `cache`.
    void forwardEncoder(const Matrix& X, Cache& cache) const;
    void forwardDecoder(const Matrix& Z, Cache& cache) const;
    // Backward through the decoder whose forward pass filled `cache`.
    // `delta` = dLoss/d(pre-activation of the output layer), as Loss::evaluate
    // gives it; it is overwritten (used as scratch). Weight and bias gradients
    // ADD to this model's Parameter::grad (for tied layers: into the mirrored
    // encoder weight). If dZ is not null it receives dLoss/dZ (latent x B).
    void backwardDecoder(const Cache& cache, Matrix& delta, Matrix* dZ);
    // Backward through the encoder from dLoss/dZ (post-activation of the latent
    // layer); dZ is overwritten. Gradients ADD to Parameter::grad. dLoss/dX is
    // not computed (no one needs it; it would cost a full GEMM).
    void backwardEncoder(const Cache& cache, Matrix& dZ);
    void zeroGradients();
    // One optimiser update from the accumulated gradients; increments stepCount().
    void applyUpdate(const OptimizerSettings& settings, float learningRate);
    // zeroGradients + forward + loss + backward + applyUpdate on one batch.
    // Target defaults to the input when null; mask per Loss.h. Returns the loss.
    // With Adam and no gradient clipping (the defaults) the gradients are
    // not accumulated into Parameter::grad: each weight's gradient is formed
    // in row panels that Adam consumes while they are in cache (see the
    // .cpp); Parameter::grad is then left as it was.
    float trainStep(const Matrix& input, const Matrix* target, const Matrix* mask,
                    const OptimizerSettings& settings, float learningRate);

    std::uint64_t stepCount() const { return steps_; }
    void setStepCount(std::uint64_t steps) { steps_ = steps; }
    // Weights first (in weight-index order), then biases (layer order).
    std::vector<Parameter*> parameters();
    std::vector<const Parameter*> parameters() const;
    std::size_t weightTensorCount() const { return weights_.size(); }
    std::size_t parameterCount() const; // trainable scalars
    Workspace& workspace() { return workspace_; }

    // A copy with values only (no gradients, optimiser state or scratch):
    // what snapshots and saved inference models hold. Can be trained again
    // (state is recreated as zeros), but Adam restarts.
    Autoencoder inferenceCopy() const;
    // FLOPs of one training step per sample (forward + backward, matrix
    // products only; dX of the first layer is not computed).
    double trainingFlopsPerSample() const;

private:
    int weightIndex(int layer) const;
    // The fused Adam step behind trainStep (no clipping).
    float trainStepFused(const Matrix& input, const Matrix* target, const Matrix* mask,
                         const OptimizerSettings& settings, float learningRate);

    AutoencoderConfig config_;
    std::vector<Parameter> weights_; // encoder weights, then (untied) decoder weights
    std::vector<Parameter> biases_;  // one per layer
    std::uint64_t steps_ = 0;
    Workspace workspace_;
};

} // namespace latentset
