#pragma once
// The level-2 network's settings (concept/ConceptSettings) in an
// experiment's settings JSON, one way for every experiment that trains one
// (ConceptExperimentSettings, WorldConceptSettings): keys "hidden",
// "epochs", "batch", "learning_rate", "restarts" and the seed under the key
// the experiment names (its own "seed" may mean something else). The unit
// count is not written: each experiment decides it.
#include "latentset/concept/ConceptModel.h"
#include "latentset/util/JsonValue.h"

namespace latentset {

class LevelTwoSettingsJson {
public:
    static void write(JsonValue& json, const ConceptSettings& s, const char* seedKey);
    // Missing keys take `defaults`' values; throws Error for a bad value.
    static ConceptSettings read(const JsonValue& json, const ConceptSettings& defaults,
                                           const char* seedKey);
};

} // namespace latentset
