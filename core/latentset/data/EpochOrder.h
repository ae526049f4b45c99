#pragma once
// Mini-batch indices drawn in passes over a dataset of `size` items: each
// pass is a fresh Fisher-Yates shuffle of 0..size-1 with the caller's Random
// (Random::below, so the order is the same on every platform), and a batch
// that reaches the end of a pass continues in the next one. The RNG is the
// caller's because some streams also draw noise from it between batches.
//
//     EpochOrder order;
//     order.draw(rng, data.size(), batchSize, picks); // picks = the batch
#include "latentset/util/Random.h"
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

struct EpochOrder {
    std::vector<Index> order; // the current pass
    std::size_t cursor = 0;   // the next position in it

    // Replaces `picks` with the next `count` indices. Requires size > 0.
    void draw(Random& rng, Index size, Index count, std::vector<Index>& picks);
};

} // namespace latentset
