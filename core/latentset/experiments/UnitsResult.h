#pragma once
// What UnitsExperiment computes for one member (docs/units-and-compare.md).
// Pictures are in the PICTURE space of UnitsPictures (a class member's
// 28 x 28 input; a cube member's 64 x 64 frame), one column per picture,
// row-major pixels; numbers per unit or per direction in index order, and
// the order to show them in beside.
#include "latentset/util/Types.h"

#include <string>
#include <vector>

namespace latentset {

struct UnitsResult {
    int member = 0;
    std::string memberName;
    Index unitCount = 0, inputSize = 0, latentSize = 0;
    bool tied = false;
    bool decoderFilters = false; // the tiles are decoder columns (else encoder rows)
    int pictureWidth = 0, pictureHeight = 0;

    Matrix filters;       // raw weights, picture space x units (0 off the picture's mask)
    Matrix tiles;         // the same scaled into [0, 1] for display, 0.5 = weight 0
    Vector norms;         // |filter u| (L2, in the member's own space)
    Vector activations;   // f_0(W_0 x + b_0) on the input
    std::vector<Index> unitOrder; // units in display order (settings.order)

    Vector input;          // the input as a picture
    Vector code;           // z* = g(x), latentSize
    Vector reconstruction; // f(z*), picture space
    std::vector<float> offsets;   // per direction, ascending, 0 in the middle
    Matrix sweep;                 // column i * offsets.size() + s = f(z* + offsets[s] e_i), picture space
    // What a picture of the sweep draws, in [0, 1]: the sweep itself, or with
    // settings.sweepChange 0.5 + (sweep - reconstruction) / (2 m), m = the
    // largest |change| in the whole strip.
    Matrix sweepShown;
    bool sweepChange = false;
    Vector directionResponse;     // |f(z* + k e_i) - f(z* - k e_i)|, k = the largest offset
    std::vector<Index> directionOrder; // directions in display order
};

} // namespace latentset
