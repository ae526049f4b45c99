#include "latentset/nn/AutoencoderConfig.h"

#include "latentset/util/Error.h"

namespace latentset {

AutoencoderConfig AutoencoderConfig::paperMnist() { return make(784, {2048}, 16, true); }

AutoencoderConfig AutoencoderConfig::make(Index input, std::vector<Index> hidden, Index latent, bool tied)
{
    AutoencoderConfig c;
    c.inputSize = input;
    c.hiddenSizes = std::move(hidden);
    c.latentSize = latent;
    c.encoderActivations.assign(c.hiddenSizes.size(), Activation::Relu);
    c.encoderActivations.push_back(Activation::Linear);
    c.decoderActivations.assign(c.hiddenSizes.size(), Activation::Relu);
    c.decoderActivations.push_back(Activation::Sigmoid);
    c.tied = tied;
    return c;
}

std::vector<Index> AutoencoderConfig::layerSizes() const
{
    std::vector<Index> s{inputSize};
    s.insert(s.end(), hiddenSizes.begin(), hiddenSizes.end());
    s.push_back(latentSize);
    s.insert(s.end(), hiddenSizes.rbegin(), hiddenSizes.rend());
    s.push_back(inputSize);
    return s;
}

Activation AutoencoderConfig::activation(int layer) const
{
    const int e = encoderLayerCount();
    return layer < e ? encoderActivations[std::size_t(layer)] : decoderActivations[std::size_t(layer - e)];
}

void AutoencoderConfig::validate() const
{
    if (inputSize <= 0 || latentSize <= 0)
        throw Error("autoencoder config: input and latent sizes must be positive (" + describe() + ")");
    for (Index h : hiddenSizes)
        if (h <= 0)
            throw Error("autoencoder config: hidden sizes must be positive");
    if (encoderActivations.size() != hiddenSizes.size() + 1 || decoderActivations.size() != hiddenSizes.size() + 1)
        throw Error("autoencoder config: expected " + std::to_string(hiddenSizes.size() + 1)
                    + " encoder and decoder activations");
}

CheckedSize AutoencoderConfig::parameterCount() const
{
    const auto sizes = layerSizes();
    const int stored = tied ? encoderLayerCount() : layerCount();
    CheckedSize floats;
    for (int l = 0; l < layerCount(); ++l) {
        if (l < stored)
            floats += CheckedSize(sizes[std::size_t(l)]) * sizes[std::size_t(l) + 1];
        floats += CheckedSize(sizes[std::size_t(l) + 1]); // bias
    }
    return floats;
}

std::string AutoencoderConfig::describe() const
{
    std::string s = std::to_string(inputSize);
    const auto sizes = layerSizes();
    for (int l = 0; l < layerCount() && std::size_t(l) + 1 < sizes.size() + 0; ++l) {
        if (std::size_t(l) >= encoderActivations.size() + decoderActivations.size())
            break;
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "-" + std::string here.
        s += '-';
        s += std::to_string(sizes[std::size_t(l) + 1]);
        s += activationName(activation(l));
    }
    s += tied ? ", tied, " : ", untied, ";
    s += lossName(loss);
    return s;
}

} // namespace latentset
