#pragma once
// Settings of the context-map experiment (MapsExperiment, the paper's fig.
// 12): a cube with a digit on every face, seen by every member, gives a map
// of context likelihoods; maps of two digits at the same angle should
// correlate, maps at theta and theta + offset should not. Defaults are what
// `latentset-cli maps` has always used (theta 30, digits 5 and 9, 20
// examples, test split, robust-sigma, the library's pose smoothing, centred,
// offset 45). JSON as ClassSetExperimentSettings.
#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/util/JsonValue.h"

#include <string>
#include <vector>

namespace latentset {

struct MapsSettings {
    std::string model;                  // trained cube-world model file (front ends load it)
    std::vector<double> thetas{30.0};   // cube angles (MapSweep::grid(step) for a sweep)
    bool sweep = false;                 // thetas is a grid (the figure then shows 0, 30, 60)
    std::vector<int> digits{5, 9};      // at least two, each 0..9
    int samples = 20;                   // examples per digit (example k of one paired with k of the other)
    bool testSplit = true;              // MNIST split of the digit images
    ContextMapOptions map;
    double offset = 45.0;               // angle between the turned cube and the first, degrees

    void validate() const; // throws latentset::Error
    JsonValue toJson() const;
    static MapsSettings fromJson(const JsonValue& json);
    bool operator==(const MapsSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
