#pragma once
// Settings of the out-of-distribution experiment (OodExperiment): a class
// set with its likelihood chunks scores its own test split (normal) and an
// outside set (anomalies). A value type; JSON round trip as the others.
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <string>

namespace latentset {

struct OodSettings {
    std::string model;               // class set + likelihood chunks (latentset-cli likelihood --save)
    std::string dataset = "mnist";   // the set's own classes: its test split is the normal set
    // The anomalies: a dataset id or path (its test split, e.g. "fashion-mnist",
    // "mnist"), "noise" (uniform [0, 1] pixels), or "letters" (images the
    // front end renders from fonts and passes in: OodExperiment's second constructor).
    std::string out = "fashion-mnist";
    Index limit = 0;                 // first N images of each side (0 = all)
    unsigned threads = 0;
    std::uint64_t seed = 1;          // the noise images

    void validate() const;
    JsonValue toJson() const;
    static OodSettings fromJson(const JsonValue& json);
    bool operator==(const OodSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
