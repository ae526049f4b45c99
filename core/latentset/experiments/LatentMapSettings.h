#pragma once
// Settings of the latent map (LatentMapExperiment, docs/latent-map.md): which
// inputs' codes, how many, and the projection to 2-D with its parameters,
// chosen before it runs. A value type; defaults are what `latentset-cli
// latent` and the GUI's latent-map view start from. JSON as the other
// settings (missing keys keep the defaults, wrong kinds or ranges throw
// naming the key).
#include "latentset/analysis/TsneSettings.h"
#include "latentset/util/JsonValue.h"

#include <string>

namespace latentset {

struct LatentMapSettings {
    std::string model;       // a model file (front ends load it): a class set, a cube world or a world
    std::string method = "pca"; // "pca" (exact) or "tsne" (Barnes-Hut, analysis/Tsne)
    // At most this many points. A class set: the first `points` test images,
    // one code each. A world: every context, and the first points / contexts
    // held-out items (at least 2) in each, so points = items x contexts.
    int points = 2000;
    // A class set's members do not share a latent space, so which member's
    // code an input gets is a choice: -1 = the member that explains it best
    // (the smallest squared reconstruction error, the set's decision), else
    // this member encodes every input (codes then all in one space).
    int member = -1;
    TsneSettings tsne;

    static constexpr int kMaxPoints = 1000000;
    void validate() const; // throws latentset::Error naming the field
    JsonValue toJson() const;
    static LatentMapSettings fromJson(const JsonValue& json);
    bool operator==(const LatentMapSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
