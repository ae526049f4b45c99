#pragma once
// One-shot recognition (the paper's §10, fig. 10-11): two new glyphs A and B
// are shown ONCE, in one source context s; member s gives their codes z_A,
// z_B; the hyperplane halfway between them (MidpointHyperplane) is then used
// in EVERY context c: glyph A and glyph B as they look in c are encoded by
// member c and must fall on their own side. No member is trained on A or B.
//
// Shapes: glyphs are glyphPixels-vectors (28 x 28 row-major, [0, 1], as
// BuiltinGlyphs/GlyphNormalizer give them).
// Thread rules: run() is const and may use `pool` (blocks until done).
#include "latentset/concept/CubeWorldView.h"
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

class ThreadPool;

struct OneShotResult {
    int source = 10;
    int contexts = 0;           // how many contexts were tested (all of them)
    int score = 0;              // contexts where A and B are both on their side
    int correctA = 0, correctB = 0;
    Vector distanceA, distanceB; // signed distance per context (< 0: A's side)
    // |enc_s(A) - enc_c(A)| per context (0 at c = s): the same glyph moved to
    // another context, which the shared latent space should keep small.
    Vector sameGlyphDistance;
    // |enc_s(A) - enc_s(B)|: two glyphs in the same context.
    double otherGlyphDistance = 0;

    // Mean of sameGlyphDistance over c != s.
    double meanSameGlyphDistance() const;
    // The smallest |signed distance| over all tests, in units of the half
    // separation (1 = as far as the shown codes themselves): the margin.
    double worstMargin() const;
};

class OneShotTest {
public:
    explicit OneShotTest(CubeWorldView world) : world_(world) {}

    // Throws Error for a bad source index or glyph size, or if A and B get
    // the same code in the source context.
    OneShotResult run(const Vector& glyphA, const Vector& glyphB, int source, ThreadPool* pool = nullptr) const;

private:
    CubeWorldView world_;
};

} // namespace latentset
