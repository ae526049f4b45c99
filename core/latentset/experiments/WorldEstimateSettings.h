#pragma once
// Settings of parameter estimation in a trained world (WorldEstimateExperiment,
// the paper's §6; docs/worlds.md "Estimation"): `items` held-out items, each
// shown at parameter values drawn uniformly over each axis's range (a
// circular axis: its whole period), so almost never at a context's own value.
// Worlds that cannot show an item between their contexts (a paired folder,
// the cube) show each item at a random context's own values instead.
// JSON as the other settings.
#include "latentset/util/JsonValue.h"

#include <cstdint>
#include <string>

namespace latentset {

struct WorldEstimateSettings {
    std::string model;       // a world model file (front ends load it)
    int items = 200;         // held-out items to estimate
    std::uint64_t seed = 1;  // draws the items' parameter values
    bool onGrid = false;     // show items at the contexts' own values even where the world renders between

    void validate() const;   // throws latentset::Error
    JsonValue toJson() const;
    static WorldEstimateSettings fromJson(const JsonValue& json);
    bool operator==(const WorldEstimateSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
