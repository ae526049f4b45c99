#pragma once
// The shape of an autoencoder: sizes, activations, tied or untied decoder,
// and the reconstruction loss it is trained with.
//
// Layers are numbered in forward order. With H hidden sizes h_1..h_H:
//   encoder layers 0..H     : input -> h_1 -> ... -> h_H -> latent
//   decoder layers H+1..2H+1: latent -> h_H -> ... -> h_1 -> input
// so there are 2(H+1) dense layers, and decoder layer (2H+1-k) mirrors
// encoder layer k. With `tied`, a decoder layer's weight matrix is the
// TRANSPOSE of its mirrored encoder layer's (one shared tensor, gradients of
// both uses add up); biases are never shared.
#include "latentset/nn/Activation.h"
#include "latentset/nn/Loss.h"
#include "latentset/util/CheckedSize.h"
#include "latentset/util/Types.h"

#include <string>
#include <vector>

namespace latentset {

struct AutoencoderConfig {
    Index inputSize = 784;
    std::vector<Index> hiddenSizes{2048};
    Index latentSize = 16;
    // H+1 entries: the hidden layers', then the latent layer's activation.
    std::vector<Activation> encoderActivations{Activation::Relu, Activation::Linear};
    // H+1 entries: the decoder's hidden layers' (in decoder order), then the output's.
    std::vector<Activation> decoderActivations{Activation::Relu, Activation::Sigmoid};
    bool tied = true;
    LossKind loss = LossKind::BinaryCrossEntropy;

    // The paper's Table 1: 784 -> 2048 relu -> 16 linear -> 2048 relu (tied)
    // -> 784 sigmoid (tied).
    static AutoencoderConfig paperMnist();
    // A config with the given sizes and the paper's activations (relu hidden,
    // linear latent, sigmoid output).
    static AutoencoderConfig make(Index input, std::vector<Index> hidden, Index latent, bool tied);

    int encoderLayerCount() const { return int(hiddenSizes.size()) + 1; }
    int layerCount() const { return 2 * encoderLayerCount(); }
    // Sizes in forward order: input, hidden..., latent, hidden reversed..., input.
    std::vector<Index> layerSizes() const;
    Activation activation(int layer) const;
    // Throws Error naming the fault (zero sizes, wrong activation counts).
    void validate() const;
    // Floats in one member's parameters (weights, a tied tensor once, biases)
    // and how many tensors hold them: what a reader checks a file's bytes
    // against before it builds members of this shape. Saturates, never wraps.
    CheckedSize parameterCount() const;
    int tensorCount() const { return (tied ? encoderLayerCount() : layerCount()) + layerCount(); }
    // "784-2048relu-16linear-2048relu-784sigmoid, tied, bce"
    std::string describe() const;

    bool operator==(const AutoencoderConfig&) const = default;
};

} // namespace latentset
