#pragma once
// The context-likelihood vector of an image (the paper's §11, fig. 12): how
// well each of the 100 context members explains the 64 x 64 frame, as a
// 10 x 10 map. It is meant to describe the SHAPE in the picture (which
// faces, in which orientations), not the glyphs painted on them.
//
// Value of context c for frame x, with r = m_c ⊙ (x - f_c(g_c(x))) the
// residual on the face's mask (the paper's §9 simplification of eq. 4: the
// residual is multiplied by the mask), two choices (MapValue):
//
//   RobustSigma (default):  L_c(x) = - log(sigma_c(x)),
//       sigma_c(x) = 1.4826 * median_{k in m_c} |r_k|   (+ a floor, 1e-4)
//     the per-pixel Gaussian log-likelihood of the mask's pixels when sigma
//     is fitted to this context's residual (max. likelihood gives
//     -log sigma - 1/2 - log(2 pi)/2; the constants are the same for every
//     context and dropped), with sigma estimated robustly (median absolute
//     residual, scaled to a Gaussian's sigma). Why: a rendered face is
//     mostly flat fill with a few glyph strokes. Where a context's face is
//     NOT in the picture, most of its mask pixels (fill vs background vs
//     another face's fill) are wrong, whatever the glyph; where it is, most
//     are right. The strokes are the pixels whose error depends on the
//     glyph (how well this member draws this digit, where its ink falls in a
//     mismatched mask); the median ignores them as long as they cover less
//     than half the mask. Measured over a grid of angles and all digit pairs
//     (docs/concept.md), this is the value whose maps agree most between
//     glyphs at one angle while still differing between angles.
//   MeanSquare (the earlier default):
//       L_c(x) = - (1 / |m_c|) * sum_k r_k^2 / (2 sigma^2),  one fixed sigma
//     the Gaussian log-likelihood per masked pixel with a constant sigma.
//     Every stroke pixel counts with its squared error, so the map follows
//     the glyph's ink more than the robust value does.
// Both are PER PIXEL: the masks differ in size by an order of magnitude (an
// almost edge-on side face covers ~85 pixels, the top face ~600, a frontal
// face ~1,400); a summed log-likelihood grows with the pixel count, so the
// map would mostly show the mask sizes (the same pattern at every angle).
// The Jacobian and log p(z) terms of eq. 4 are left out on purpose: they
// depend on the code (the glyph), and the map is meant to be blind to it.
//
// Optional pose smoothing (poseSmoothingDeg = s > 0): each value becomes the
// Gaussian-weighted mean (standard deviation s degrees, cut at 3 s) of the
// values of the contexts of the SAME face kind, by their pose angle (side
// yaw, top rotation; weights renormalised at the ends; no wrap-around: top
// 89 deg and 0 deg differ by a turned glyph). Why: the contexts sample a
// continuous pose (side bins 4.6 deg apart, top bins 1.4 deg apart), and a
// 64 x 64 picture does not resolve a top glyph's turn to 1.4 deg; what one
// member's value says beyond the neighbours' is mostly the glyph's
// idiosyncrasy. Measured effect and the chosen default: docs/concept.md.
// Per-kind centring (centreKinds, default on, after the smoothing): the mean
// over the side contexts is subtracted from the side values and the mean
// over the top contexts from the top values, per image. Why: every cube
// shows a top face and one or two side faces, so how well the glyph is drawn
// on a face kind at all (a level shared by all contexts of the kind) is a
// property of the glyph, not of the pose; what tells the pose is which
// contexts of a kind fit BETTER than the others. Without it the offset
// between the kinds varies with the glyph and enters every correlation.
// (Centring only the top kind is worse than none: the constant side-vs-top
// step then dominates every map and maps of different angles correlate too.)
//
// For the level-2 autoencoder (sigmoid outputs) the map is contrast-
// normalised per image and per face kind: (L - min L) / (max L - min L) over
// the side contexts, and separately over the top contexts, in [0, 1], so the
// best-explaining contexts of each kind are near 1 whatever the glyph's ink
// level (why per kind: see normalizedMaps()).
//
// Shapes: frames frameSize x B -> maps contexts x B (one column per frame);
// map row c is context c, shown at (c / columns, c % columns). Side contexts
// come first in yaw order, then the top contexts in rotation order
// (cube/CubeContexts.h).
// Thread rules: const; `pool` spreads the members over worker threads
// (blocking the caller until done).
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeGeometry.h"
#include "latentset/util/Types.h"

#include <string>
#include <vector>

namespace latentset {

class ThreadPool;

enum class MapValue { RobustSigma, MeanSquare };

struct ContextMapOptions {
    MapValue value = MapValue::RobustSigma;
    double sigma = 0.1;    // MeanSquare only: scales the map, changes no comparison
    // 0 = off; else the Gaussian's standard deviation, degrees. Default: one side-bin width of
    // the 100-context world (4.6 deg), the scale the context grid itself resolves.
    double poseSmoothingDeg = 4.6;
    bool centreKinds = true; // subtract each face kind's mean per image

    // "robust-sigma" / "mean-square" (command line, JSON).
    static std::string name(MapValue value);
    // Throws Error listing the names for an unknown one.
    static MapValue parse(const std::string& name);
};

class ContextLikelihoodMap {
public:
    // Throws Error for sigma <= 0 or a negative smoothing.
    explicit ContextLikelihoodMap(CubeWorldView world, ContextMapOptions options = {});

    const CubeWorldView& world() const { return world_; }
    const ContextMapOptions& options() const { return options_; }
    double sigma() const { return options_.sigma; }

    // The map values L_c (see above), contexts x B. An invisible context
    // (empty mask) gets the map's lowest value.
    Matrix logLikelihoods(const Matrix& frames, ThreadPool* pool = nullptr) const;
    // Per-column min-max normalisation to [0, 1] (constant columns -> 0.5).
    static Matrix contrastNormalized(const Matrix& maps);
    // logLikelihoods, then contrastNormalized within each face kind.
    Matrix normalizedMaps(const Matrix& frames, ThreadPool* pool = nullptr) const;

    // The pose smoothing on its own: maps (contexts x B), one pose per
    // context (row), Gaussian standard deviation in degrees (> 0). Exposed
    // for tests.
    static Matrix smoothAlongPoses(const Matrix& maps, const std::vector<FacePose>& poses, double sdDeg);
    // Per column, each face kind's values minus that kind's mean (poses: one per row).
    static Matrix centredPerKind(const Matrix& maps, const std::vector<FacePose>& poses);

private:
    Matrix values(const Matrix& frames, ThreadPool* pool, bool centre) const;

    CubeWorldView world_;
    ContextMapOptions options_;
};

} // namespace latentset
