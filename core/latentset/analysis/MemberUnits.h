#pragma once
// What one member's units learned, as numbers a front end draws as pictures
// (docs/units-and-compare.md):
//
//   * the first-layer FILTERS: row u of encoder layer 0's weight W_0
//     (n_hidden x n_input), one column per unit here (n_input x units), so a
//     filter is drawn like an input image. For a tied member the decoder's
//     last layer is W_0 transposed: its columns are the same pictures
//     (decoderFilters() == filters()); untied, decoderFilters() are the
//     columns of the last decoder layer's own weight.
//   * the first-layer ACTIVATIONS of an input x: f_0(W_0 x + b_0) per unit;
//   * the decoder's response to each LATENT DIRECTION around a code z*:
//     f(z* + k e_i) for offsets k, one block of columns per direction i.
//
// Shapes as in util/Types.h: one column per sample; inputs n_input x 1.
// Thread rules: holds a reference to the member, const, safe from any
// number of threads; the member must outlive it and must not be trained
// while it is used (hand it a snapshot).
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

class Autoencoder;

class MemberUnits {
public:
    explicit MemberUnits(const Autoencoder& member);

    Index unitCount() const;   // first-layer units (encoder layer 0's outputs)
    Index inputSize() const;
    Index latentSize() const;
    bool tied() const;

    // Row u of W_0 as column u (n_input x units): exactly the stored weights.
    Matrix filters() const;
    // Column u of the last decoder layer's W (n_input x units): the picture
    // hidden unit u adds to the reconstruction. Equal to filters() when tied.
    Matrix decoderFilters() const;
    // |row u of W_0| (L2), one entry per unit.
    Vector filterNorms() const;
    // W_0 x + b_0 and its activation f_0(...), one entry per unit.
    Vector preActivations(const Vector& x) const;
    Vector activations(const Vector& x) const;

    // The member's code of x and its reconstruction f(g(x)).
    Vector code(const Vector& x) const;
    Vector reconstruction(const Vector& x) const;
    // Column i * offsets.size() + s = f(z + offsets[s] e_i): every latent
    // direction i (latentSize() blocks), every offset s. An offset of 0
    // decodes z itself. Requires z.size() == latentSize().
    Matrix directionSweep(const Vector& z, const std::vector<float>& offsets) const;
    // |f(z + k e_i) - f(z - k e_i)| (L2) per direction i: how much the
    // picture changes along that direction around z.
    Vector directionResponse(const Vector& z, float k) const;

    // Filters scaled for display into [0, 1], 0.5 = weight 0: each column
    // w -> 0.5 + w / (2 m), m = its own max |w| (perColumn) or the largest
    // over all columns (a shared scale, so tiles compare). An all-zero
    // column stays 0.5.
    static Matrix forDisplay(const Matrix& filters, bool perColumn);
    // Indices 0..n-1 by descending key; equal keys (and NaN, last) by
    // ascending index. Deterministic.
    static std::vector<Index> descendingOrder(const Vector& key);

private:
    const Autoencoder* member_;
};

} // namespace latentset
