#pragma once
// The context-likelihood vector of whole frames in a trained world
// (docs/worlds.md "Likelihood vector"): for every context c, the
// reconstruction term of the paper's eq. 4,
//
//     log p(x | c) = -|x - F_c(x)|^2 / (2 sigma^2)       (constants dropped)
//
// where F_c(x) is member c's reconstruction of its mask pixels put into a
// frame that is 0 (the background) outside the mask: every context explains
// EVERY pixel of the frame, so contexts with different masks compare on the
// same pixels. sigma^2 is the members' noise variance: the mean squared
// residual per mask pixel of self-reconstruction on training items
// (noiseVariance()), which makes the posterior as sharp as the members' real
// errors say. The Jacobian and log p(z) terms of eq. 4 are left out: they
// depend on the code (the item), and the vector is meant to tell the context.
//
// Shapes: frames frameSize x B -> log-likelihoods contexts x B.
// Thread rules: holds references to an immutable member set (a snapshot) and
// the world; const; `pool` spreads the members over worker threads.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"

#include <span>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

class WorldLikelihood {
public:
    // Throws Error if the members do not fit the world or sigma^2 <= 0.
    WorldLikelihood(const AutoencoderSet& members, const ContextWorld& world, double noiseVariance);

    double noiseVariance() const { return noiseVariance_; }
    Matrix logLikelihoods(const Matrix& frames, ThreadPool* pool = nullptr) const;

    // Mean squared self-reconstruction residual per mask pixel over `items`
    // of `world` in every context (at least 1e-6).
    static double noiseVariance(const AutoencoderSet& members, const ContextWorld& world,
                                std::span<const Index> items, ThreadPool* pool = nullptr);

private:
    const AutoencoderSet& members_;
    const ContextWorld& world_;
    double noiseVariance_;
};

} // namespace latentset
