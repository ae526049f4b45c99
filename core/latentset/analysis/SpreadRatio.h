#pragma once
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

// The shared-latent check at a glance (docs/latent-map.md): after
// cross-training, the same item should have the same code in every context.
// For codes (d x n, one column per sample) each labelled with its item:
//   within  = mean over items (with >= 2 codes) of the mean distance of the
//             item's codes to their centroid;
//   between = mean distance between two items' centroids, over all pairs;
//   ratio   = within / between (0: every item has one code everywhere;
//             ~1 and above: items are no closer to themselves than to others).
// Distances are Euclidean in the latent space itself, not in a projection.
struct SpreadRatio {
    double within = 0.0;
    double between = 0.0;
    double ratio = 0.0;
    int items = 0;

    // item[i] >= 0 labels column i. Throws Error with fewer than two items,
    // no item seen twice, a label count that differs from the codes, or
    // non-finite codes.
    static SpreadRatio measure(const Matrix& codes, const std::vector<int>& item);
};

} // namespace latentset
