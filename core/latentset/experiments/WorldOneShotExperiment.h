#pragma once
// One-shot recognition in a trained world (world/WorldOneShot; the paper's
// §10 on any world): glyphs A and B shown once in the source context, then
// `pairs` random pairs, each scored over every context. Glyph worlds take
// built-in non-digit shapes (data/BuiltinGlyphs::shapeNames) or the
// settings' pairWords (a font's letters) for the pairs;
// a paired folder takes pairs of its held-out items (never trained on).
// `latentset-cli world oneshot` is a front end of it.
// Stages: "shown", "pair" (after each pair: pairs.back()), "pairs".
// run() blocks; stop is checked between pairs.
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/GlyphSource.h"
#include "latentset/experiments/StopToken.h"
#include "latentset/experiments/WorldOneShotResult.h"
#include "latentset/experiments/WorldOneShotSettings.h"
#include "latentset/world/WorldModel.h"

#include <memory>

namespace latentset {

class WorldOneShotExperiment {
public:
    // `world`: the model's world (its held-out view for a folder); `glyphs`
    // resolves glyphA / glyphB (default: CoreGlyphs). Throws Error if the
    // model does not fit the world.
    WorldOneShotExperiment(WorldOneShotSettings settings, std::shared_ptr<const WorldModel> model,
                           std::shared_ptr<const ContextWorld> world, GlyphSource glyphs = {});

    WorldOneShotResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const WorldOneShotResult& partial() const { return result_; }

private:
    std::vector<std::pair<std::string, std::string>> choosePairs(const std::vector<std::string>& names) const;
    WorldOneShot::Views views(const std::string& a, const std::string& b) const;

    WorldOneShotSettings settings_;
    std::shared_ptr<const WorldModel> model_;
    std::shared_ptr<const ContextWorld> world_;
    GlyphSource glyphs_;
    WorldOneShotResult result_;
};

} // namespace latentset
