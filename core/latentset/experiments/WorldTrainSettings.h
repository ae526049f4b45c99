#pragma once
// Settings of the context-world training experiment (WorldTrainExperiment,
// docs/worlds.md): one member per context of `world` cross-trained into a
// shared latent space, then transfer measured on held-out items. A value
// type; the defaults are the recipe (the cube's: 128 hidden units, latent 16,
// batch 32, one cross round per self round, Adam 2e-3, seed 1; 5 minutes on
// the rotation world's 36 contexts). `latentset-cli world train` and the GUI
// start from WorldTrainSettings{}. JSON as the other settings (missing keys
// keep the defaults; validate() on read).
#include "latentset/util/JsonValue.h"
#include "latentset/world/SharedLatentSettings.h"
#include "latentset/world/WorldSpec.h"

#include <cstdint>

namespace latentset {

struct WorldTrainSettings {
    WorldSpec world;
    SharedLatentSettings training = recipe();
    // Training stops after `steps` rounds (0 = no limit) or `minutes` of wall
    // clock, whichever comes first.
    std::int64_t steps = 0;
    double minutes = 5.0;
    unsigned threads = 0;
    int evalItems = 20; // held-out items for the transfer metric and the noise variance

    static SharedLatentSettings recipe();
    SharedLatentSettings taskSettings() const { return training.pacedFor(steps); }
    std::size_t trainerEpochs() const { return SharedLatentSettings::trainerEpochsFor(steps); }

    void validate() const; // throws latentset::Error naming the field
    JsonValue toJson() const;
    static WorldTrainSettings fromJson(const JsonValue& json);
    bool operator==(const WorldTrainSettings& other) const { return toJson() == other.toJson(); }
};

} // namespace latentset
