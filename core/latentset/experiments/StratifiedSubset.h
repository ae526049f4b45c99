#pragma once
// The training images of a learning-curve point (docs/less-is-more.md):
// `perClass` images of every class, drawn at random with `seed` — the same
// images for every model of that point. For one seed the subsets are
// nested: the first n images of each class's seeded shuffle, so the
// 5-image subset holds the 1-image one. A class with fewer images gives all
// it has; perClass = 0 means every image.
#include "latentset/data/Dataset.h"

#include <cstdint>
#include <vector>

namespace latentset {

class StratifiedSubset {
public:
    // Indices into `data`, sorted.
    static std::vector<Index> indices(const Dataset& data, Index perClass, std::uint64_t seed);
    static Dataset of(const Dataset& data, Index perClass, std::uint64_t seed);
};

} // namespace latentset
