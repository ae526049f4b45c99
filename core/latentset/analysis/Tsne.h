#pragma once
#include "latentset/analysis/TsneSettings.h"
#include "latentset/util/Types.h"

#include <functional>
#include <stop_token>
#include <string>

namespace latentset {

class ThreadPool;

// How far a t-SNE run is (reported on the thread that called run()).
struct TsneProgress {
    std::string stage;  // "neighbours", "affinities", "optimise"
    int iteration = 0;  // in "optimise"
    int iterations = 0;
    double kl = 0.0;    // KL(P || Q) at this iteration (optimise)
};

struct TsneResult {
    Matrix coordinates;          // 2 x n, one column per input code
    double kl = 0.0;             // KL(P || Q) at the end
    int iterations = 0;          // done (fewer when stopped)
    int neighbours = 0;          // k of the k-nearest-neighbour affinities
    double perplexity = 0.0;     // used (lowered when n is small, see run())
    bool stopped = false;
};

// Barnes-Hut t-SNE (van der Maaten 2014) of codes (d x n, one column per
// sample) to 2-D, in core because no Debian package offers it to C++
// (docs/latent-map.md): exact k-nearest neighbours (k = 3 x perplexity, by
// blocked distance products), per-point Gaussian bandwidths by bisection on
// the perplexity, symmetrised sparse P; gradient descent with momentum,
// gains and early exaggeration; the repulsive term from a QuadTree.
//
// Deterministic: the same codes, settings and seed give the same result bit
// for bit, whatever the pool's thread count (each point's terms are summed in
// a fixed order; the pool only splits work by point).
class Tsne {
public:
    using Progress = std::function<void(const TsneProgress&)>;

    // Throws Error for fewer than 4 codes, non-finite codes or bad settings.
    // With n - 1 < 3 x perplexity the perplexity is lowered to (n - 1) / 3.
    // A stop request ends the optimisation between iterations (the result
    // holds the layout so far, stopped = true).
    static TsneResult run(const Matrix& codes, const TsneSettings& settings, ThreadPool& pool,
                          const Progress& progress = {}, std::stop_token stop = {});
};

} // namespace latentset
