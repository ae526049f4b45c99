#pragma once
// Identifying an item across contexts from the shared code alone
// (docs/worlds.md "Identification"): item i seen in context a is encoded by
// member a; among a gallery of items seen in context b (each encoded by
// member b) the nearest code should be item i's. In a world whose contexts
// are parameter values (rotation, fonts as contexts) this identifies the
// ITEM (the digit, the character) without a label; in the swapped world
// (contexts = characters, items = fonts) it identifies the font. The other
// half of the paper's §6 swap: the Bayesian decision (world/
// ParameterEstimator) identifies the context, this identifies the item.
// Chance is 1 / gallery size.
// Thread rules: holds references to an immutable member set and world; const.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"

#include <cstdint>
#include <vector>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

class WorldIdentification {
public:
    // The gallery: the world's first min(gallerySize, itemCount) items,
    // encoded in every context. Throws Error if the members do not fit.
    WorldIdentification(const AutoencoderSet& members, const ContextWorld& world, Index gallerySize,
                        ThreadPool* pool = nullptr);

    Index gallerySize() const { return gallery_; }
    // The gallery item whose code in context b is nearest item i's code in context a.
    Index nearest(Index item, int a, int b) const;
    // Fraction of `queries` random (item, a != b) triples, from Random(seed), identified.
    double accuracy(int queries, std::uint64_t seed) const;

private:
    const ContextWorld& world_;
    Index gallery_;
    std::vector<Matrix> codes_; // per context: latent x gallery
};

} // namespace latentset
