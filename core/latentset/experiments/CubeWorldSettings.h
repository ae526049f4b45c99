#pragma once
// Settings of the cube-world experiment (CubeWorldExperiment): one member
// per cube context cross-trained into a shared latent space on MNIST
// digits, then context transfer measured on held-out test digits. A value
// type; the defaults are the recipe of the README's figure
// (`latentset-cli cube train --minutes 5`: 100 contexts, 128 hidden units,
// latent 16, batch 32, one cross round per self round, Adam 2e-3, seed 1).
// This is the one place those numbers are written: the CLI's option
// defaults and the GUI's controls start from CubeWorldSettings{}.
//
// Seed rule: SharedLatentSettings::seed seeds the members' weights and every
// round's batches and pairings (cube/SharedLatentTask.h); nothing else is
// random. JSON as ClassSetExperimentSettings (missing keys keep defaults).
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/util/JsonValue.h"

#include <cstdint>
#include <string>

namespace latentset {

struct CubeWorldSettings {
    int contexts = 100; // 34 side + 66 top; any count >= 2 (CubeContextsConfig::forCount)
    SharedLatentSettings training = recipe();
    // Training stops after `steps` rounds (0 = no limit) or `minutes` of
    // wall clock, whichever comes first.
    std::int64_t steps = 0;
    double minutes = 5.0;
    unsigned threads = 0;
    int evalDigits = 20; // held-out MNIST test digits for the transfer metric

    // The member recipe (SharedLatentSettings with the README's 128 hidden units).
    static SharedLatentSettings recipe();
    // Trainer pacing of this run: with a round limit the run is one epoch of
    // exactly the cycles it needs (cyclesPerEpoch), else epochs of 50 cycles
    // until the time budget or a stop.
    SharedLatentSettings taskSettings() const;
    std::size_t trainerEpochs() const;

    void validate() const; // throws latentset::Error naming the field
    JsonValue toJson() const;
    static CubeWorldSettings fromJson(const JsonValue& json);
    bool operator==(const CubeWorldSettings& other) const { return toJson() == other.toJson(); }
};

// SharedLatentSettings as JSON (hidden, latent, batch, cross_per_self,
// learning_rate, seed, cycles_per_epoch); shared by the cube-world types.
JsonValue sharedLatentToJson(const SharedLatentSettings& s);
SharedLatentSettings sharedLatentFromJson(const JsonValue& json, const SharedLatentSettings& fallback);

} // namespace latentset
