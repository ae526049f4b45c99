#pragma once
// The member recipe and schedule of shared-latent training on any context
// world (world/WorldTask.h; the cube's cube/SharedLatentTask is one user).
#include "latentset/util/Types.h"

#include <cstddef>
#include <cstdint>

namespace latentset {

class BinaryReader;
class BinaryWriter;

struct SharedLatentSettings {
    Index hidden = 256;     // hidden relu units per member (encoder; decoder tied)
    Index latent = 16;      // the shared code size (the paper's 16)
    int batchSize = 32;     // glyphs per member step
    int crossPerSelf = 1;   // cross rounds after each self round (0 = self-training only)
    float learningRate = 2e-3f; // Adam
    std::uint64_t seed = 1;
    int cyclesPerEpoch = 50; // Trainer epochs (a cycle = 1 self + crossPerSelf cross rounds)

    void validate() const; // throws Error
    // Trainer pacing of a run of `steps` rounds (0 = no limit): with a limit
    // the run is one epoch of exactly the cycles it needs (cyclesPerEpoch),
    // else epochs of 50 cycles until a time budget or a stop.
    SharedLatentSettings pacedFor(std::int64_t steps) const;
    static std::size_t trainerEpochsFor(std::int64_t steps) { return steps > 0 ? 1 : std::size_t(1) << 40; }
    // The model-recipe fields (hidden .. seed, in that order) as cube model
    // files and saved training states both store them; cyclesPerEpoch is
    // Trainer pacing and is written only by the training state.
    void writeRecipe(BinaryWriter& w) const;
    void readRecipe(BinaryReader& r);
};

} // namespace latentset
