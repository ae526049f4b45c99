#pragma once
#include "latentset/likelihood/GaussianMixture.h"

namespace latentset {

// How LikelihoodModel::fit estimates the parts of eq. 4 that training does
// not give: the noise deviation sigma and the latent density p(z).
struct LikelihoodSettings {
    // Scalar: one sigma per member (the paper). PerPixel: sigma_i per pixel
    // and member from the training residuals; the paper's §9 masking is the
    // limit where a pixel's sigma is huge.
    enum class SigmaMode { Scalar, PerPixel };
    SigmaMode sigmaMode = SigmaMode::Scalar;
    // Per-pixel sigmas are clamped from below to this fraction of the member's
    // scalar sigma: border pixels that are always black have residual ~0 and
    // would otherwise get sigma ~0 and dominate every likelihood.
    double pixelSigmaFloor = 0.5;
    // One noise model for the whole set: sigma (or sigma_i) pooled over every
    // member's training residuals. Per-member sigmas make eq. 4 compare
    // members under different noise models; on MNIST that favours the member
    // with the smallest residuals (the "1") and costs accuracy, see
    // docs/likelihood.md. The per-member values are kept for reference.
    bool pooledSigma = true;
    // p(z): one mixture per member, or one fitted over all members' codes
    // (for a set trained with a shared latent space).
    bool sharedLatentDensity = false;
    GaussianMixture::Options mixture{.components = 8, .diagonal = false, .maxIterations = 100,
                                     .tolerance = 1e-6, .regularization = 1e-3, .seed = 1};
    // Relative pivot floor of the volume term's log det (see LogDeterminant).
    double singularFloor = 1e-10;
};

} // namespace latentset
