#pragma once
#include <cstdint>
#include <string>

namespace latentset {

// The parameters of a t-SNE run (docs/latent-map.md), chosen before it runs.
// Defaults are the usual ones of van der Maaten's Barnes-Hut t-SNE (2014):
// perplexity 30, 1000 iterations of which the first 250 with early
// exaggeration 12 and momentum 0.5 (then 0.8), theta 0.5.
struct TsneSettings {
    double perplexity = 30.0;
    int iterations = 1000;
    int exaggerationIterations = 250;
    double exaggeration = 12.0;
    // 0 = automatic: max(200, n / exaggeration) (Belkina et al. 2019).
    double learningRate = 0.0;
    // Barnes-Hut accuracy: 0 is the exact O(n^2) gradient.
    double theta = 0.5;
    std::uint64_t seed = 1;
    // Progress reports every this many iterations (with the KL divergence).
    int reportEvery = 50;

    // Empty if usable, else what is wrong (one sentence naming the field).
    std::string validate() const;
    // The learning rate for n points (resolves 0 = automatic).
    double learningRateFor(long long n) const;
};

} // namespace latentset
