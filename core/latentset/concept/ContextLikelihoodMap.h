#pragma once
// The context-likelihood vector of an image (the paper's §11, fig. 12): how
// well each of the 100 context members explains the 64 x 64 frame, as a
// 10 x 10 map. It describes the SHAPE in the picture (which faces, in which
// orientations), not the glyphs painted on them.
//
// Value of context c for frame x (the paper's §9 simplification of eq. 4:
// the residual is multiplied by the mask, sigma is one constant):
//
//     L_c(x) = - (1 / |m_c|) * sum_{k in m_c} (x_k - f_c(g_c(x))_k)^2 / (2 sigma^2)
//
// i.e. the Gaussian log-likelihood PER MASKED PIXEL (constants dropped).
// Why per pixel: the masks differ in size by an order of magnitude (an
// almost edge-on side face covers a few dozen pixels, the top face several
// hundred). A summed log-likelihood grows with the pixel count, so small
// masks would win every comparison whatever the picture shows; the mean over
// the mask (the log of the geometric-mean pixel likelihood) makes a member
// that explains its pixels well score the same whatever its face's area.
// The Jacobian and log p(z) terms of eq. 4 are left out on purpose: they
// depend on the code (the glyph), and the map is meant to be blind to it.
//
// For the level-2 autoencoder (sigmoid outputs) the map is contrast-
// normalised per image and per face kind: (L - min L) / (max L - min L) over
// the side contexts, and separately over the top contexts, in [0, 1], so the
// best-explaining contexts of each kind are near 1 whatever the glyph's ink
// level (why per kind: see normalizedMaps()).
//
// Shapes: frames frameSize x B -> maps contexts x B (one column per frame);
// map row c is context c, shown at (c / columns, c % columns).
// Thread rules: const; `pool` spreads the members over worker threads
// (blocking the caller until done).
#include "latentset/concept/CubeWorldView.h"
#include "latentset/util/Types.h"

namespace latentset {

class ThreadPool;

class ContextLikelihoodMap {
public:
    explicit ContextLikelihoodMap(CubeWorldView world, double sigma = 0.1);

    const CubeWorldView& world() const { return world_; }
    double sigma() const { return sigma_; }

    Matrix logLikelihoods(const Matrix& frames, ThreadPool* pool = nullptr) const;
    // Per-column min-max normalisation to [0, 1] (constant columns -> 0.5).
    static Matrix contrastNormalized(const Matrix& maps);
    // logLikelihoods, then contrastNormalized within each face kind.
    Matrix normalizedMaps(const Matrix& frames, ThreadPool* pool = nullptr) const;

private:
    CubeWorldView world_;
    double sigma_;
};

} // namespace latentset
