#pragma once
#include <QString>

#include "latentset/experiments/WorldSource.h"
#include "latentset/world/SharedLatentSettings.h"
#include "latentset/world/WorldSpec.h"

#include <cstdint>
#include <memory>

namespace latentset {
class AutoencoderSet;
class ContextWorld;
class WorldModel;
} // namespace latentset

// A trained context world as the session shows it (docs/ui.md "World
// views"): which world (WorldSpec), its contexts with the training items and
// with the held-out items (one set of contexts, two item sets: the views
// evaluate on `test`), the members (one per context) and what is known of
// them. Published whole and never changed (Session::setWorld), so workers
// keep a shared_ptr and read it while training goes on.
struct SessionWorld {
    latentset::WorldSpec spec;
    std::shared_ptr<const latentset::ContextWorld> train, test;
    std::shared_ptr<const latentset::AutoencoderSet> members;
    // The likelihood's sigma^2 (world/WorldLikelihood); 0 while training:
    // the views measure it on the training items themselves.
    double noiseVariance = 0;
    std::int64_t rounds = 0;
    // Where it came from: a model file's path, or empty (trained here).
    QString file;
    // How the members were trained (the recipe a world model file records).
    latentset::SharedLatentSettings training;

    // An opened world model shown over `source` (its contexts rebuilt from
    // the spec); the members alias `model`, no copy.
    static std::shared_ptr<SessionWorld> opened(const std::shared_ptr<const latentset::WorldModel>& model,
                                                const latentset::WorldSource& source, const QString& file);
};
