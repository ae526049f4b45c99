#pragma once
// A tiny labelled dataset made in memory: 8x8 images of `classes` classes,
// class c bright on its own rows (c mod 8) plus seeded noise, so a small
// autoencoder per class tells them apart after a few steps.
#include "latentset/data/DatasetSplits.h"
#include "latentset/util/Random.h"

#include <cstdint>
#include <vector>

namespace latentset::testing {

inline Dataset syntheticClasses(int classes, int perClass, std::uint64_t seed)
{
    Random rng(seed);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < classes * perClass; ++i) {
        const int c = i % classes;
        labels.push_back(c);
        for (int p = 0; p < 64; ++p) {
            const bool lit = (p / 8) == c % 8 || (p % 8) == (c * 3) % 8;
            pixels.push_back(std::uint8_t(std::min(255.0, rng.uniform() * 60.0 + (lit ? 180.0 : 0.0))));
        }
    }
    return Dataset(8, 8, std::move(pixels), std::move(labels));
}

inline DatasetSplits syntheticSplits(int classes, int perClass)
{
    DatasetSplits s;
    s.train = syntheticClasses(classes, perClass, 11);
    s.test = syntheticClasses(classes, perClass / 2 + 1, 12);
    s.name = "synthetic";
    return s;
}

} // namespace latentset::testing
