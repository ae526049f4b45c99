#pragma once
#include "latentset/util/Types.h"

namespace latentset {

// The one-shot classifier of the paper's §10: two new glyphs A and B are
// shown once, in one context; their latent codes z_A and z_B define the
// hyperplane halfway between them (normal z_B - z_A, through the midpoint).
// A code on A's side is read as "A", on B's side as "B" — in any context,
// because the latent space is shared.
//
// Signed distance (Euclidean, in latent units):
//     d(z) = (z - (z_A + z_B) / 2) . (z_B - z_A) / |z_B - z_A|
// d < 0 on A's side, d > 0 on B's side, d(z_A) = -|z_B - z_A| / 2.
class MidpointHyperplane {
public:
    // zA, zB: d x 1 codes. Throws Error if their sizes differ, are zero, or
    // if the codes coincide (no hyperplane: the two glyphs look the same to
    // the member).
    MidpointHyperplane(const Vector& zA, const Vector& zB);

    // codes: d x B, one code per column -> B signed distances (1 x B as a Vector of size B).
    Vector signedDistances(const Matrix& codes) const;
    double signedDistance(const Vector& code) const;
    // True where the code lies on A's side (d < 0).
    bool isA(const Vector& code) const { return signedDistance(code) < 0; }

    // |z_B - z_A|: the distance between the two shown codes.
    double separation() const { return separation_; }
    const Vector& unitNormal() const { return normal_; }
    const Vector& midpoint() const { return midpoint_; }

private:
    Vector normal_;   // (z_B - z_A) / |z_B - z_A|
    Vector midpoint_; // (z_A + z_B) / 2
    double separation_ = 0;
};

} // namespace latentset
