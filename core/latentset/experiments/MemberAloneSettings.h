#pragma once
// Settings of training one member of a class set alone (MemberAloneTraining,
// docs/less-is-more.md "In the app"): which member, how many epochs (passes
// over its own class's training images), and the mini-batch recipe. Adam at
// a constant rate; the member keeps its own Adam moments and step count.
// Masking noise and shifts as the set's training used them (ClassSetTask).
//
// JSON as the other settings types: toJson() writes every field; fromJson()
// takes a partial object (missing keys keep the defaults), a wrong kind or
// an out-of-range value throws latentset::Error naming the key.
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <cstdint>

namespace latentset {

struct MemberAloneSettings {
    int member = 0;             // the class whose member trains
    std::int64_t epochs = 1;    // passes over the member's class images
    Index batchSize = 64;       // images per step
    float learningRate = 1e-3f; // Adam, constant
    float maskingNoise = 0.0f;  // as ClassSetSettings
    int shiftPixels = 0;        // as ClassSetSettings
    std::uint64_t seed = 1;     // batch order and noise
    unsigned threads = 0;       // the blocking run(): 0 = all cores

    void validate() const; // throws latentset::Error naming the field
    JsonValue toJson() const;
    static MemberAloneSettings fromJson(const JsonValue& json);
    bool operator==(const MemberAloneSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
