#pragma once
// Settings of the level-2 concept in a trained world (WorldConceptExperiment;
// docs/worlds.md "Concept"): `samples` training items and `heldOut` test
// items, each shown at values drawn over each axis (world/WorldSampler; on
// the grid for worlds that cannot render between their contexts), give
// likelihood maps; the level-2 autoencoder (concept/ConceptSettings) learns
// them with `units` sigmoid units (0: one per degree of freedom,
// world/WorldConcept::unitsFor). JSON as the other settings.
//
// Seed rule: training items and values from Random(seed), held-out ones
// from Random(seed + 1000); the level-2 weights and shuffling from
// level2.seed.
#include "latentset/concept/ConceptModel.h"
#include "latentset/util/JsonValue.h"

#include <cstdint>
#include <string>

namespace latentset {

struct WorldConceptSettings {
    std::string model;       // a world model file (front ends load it)
    int samples = 4000;      // training inputs
    int heldOut = 500;       // held-out inputs (test items)
    std::uint64_t seed = 1;
    int units = 0;           // 0: WorldConcept::unitsFor(the world's axes)
    bool onGrid = false;     // show inputs at the contexts' own values even where the world renders between
    int neighbours = 8;      // k of the calibration's nearest-neighbour read-out
    ConceptSettings level2; // its units are set from `units` at run time

    void validate() const;   // throws latentset::Error
    JsonValue toJson() const;
    static WorldConceptSettings fromJson(const JsonValue& json);
    bool operator==(const WorldConceptSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
