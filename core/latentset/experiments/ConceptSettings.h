#pragma once
// Settings of the level-2 concept experiment (ConceptExperiment, the paper's
// §11): cubes at random angles with one digit on every face give context-
// likelihood maps; an autoencoder with ONE sigmoid latent unit learns them.
// Defaults are what `latentset-cli concept train` has always used (digit 5,
// one cube per training image of it, 500 held-out cubes,
// concept/ConceptSettings: hidden 64, 150 epochs, 3 restarts, seed 1; the
// map options' defaults). JSON as ClassSetExperimentSettings.
//
// Seed rule: training cubes' angles from Random(seed), held-out cubes' from
// Random(seed + 1000); the level-2 weights and shuffling from seed
// (concept/ConceptModel).
#include "latentset/concept/ConceptModel.h"
#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/util/JsonValue.h"

#include <string>

namespace latentset {

struct ConceptExperimentSettings {
    std::string model;    // trained cube-world model file (level 1; front ends load it)
    int digit = 5;
    int cubes = 0;        // training cubes; 0 = one per training image of the digit
    int heldOut = 500;    // held-out cubes from the test split
    ConceptSettings level2;
    ContextMapOptions map;

    void validate() const; // throws latentset::Error
    JsonValue toJson() const;
    static ConceptExperimentSettings fromJson(const JsonValue& json);
    bool operator==(const ConceptExperimentSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
