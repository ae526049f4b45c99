#pragma once
// One-shot recognition in a trained cube world (the paper's §10, fig.
// 10-11): glyphs A and B are shown once in the source context; the
// hyperplane halfway between their codes must separate them in every other
// context. No member is retrained. Optionally the same test on N random
// pairs of built-in non-digit shapes (the score distribution).
// `latentset-cli oneshot` is a front end of it; the GUI's glyph pad runs the
// same concept/OneShotTest.
//
// Stages, with what partial() holds: "shown" (main: the A/B result),
// "pair" (after each random pair: pairs.back()), "pairs" (the summary).
// run() blocks; stop is checked between pairs.
#include "latentset/concept/OneShotTest.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/ExperimentObserver.h"
#include "latentset/experiments/OneShotExperimentResult.h"
#include "latentset/experiments/GlyphSource.h"
#include "latentset/experiments/OneShotSettings.h"
#include "latentset/experiments/StopToken.h"

#include <memory>
#include <string>
#include <vector>

namespace latentset {


class OneShotExperiment {
public:
    // `world` must stay alive as long as the experiment; `glyphs` resolves
    // settings.glyphA/glyphB (default: CoreGlyphs).
    OneShotExperiment(OneShotSettings settings, std::shared_ptr<const CubeModel> world, GlyphSource glyphs = {});

    // Throws latentset::Error (bad source, unknown glyph, too many pairs).
    OneShotExperimentResult run(ExperimentObserver* observer = nullptr, StopToken stop = {});
    const OneShotExperimentResult& partial() const { return result_; }
    const OneShotSettings& settings() const { return settings_; }
    // How many distinct pairs of built-in shapes exist (the most `pairs` may ask for).
    static int maxPairs();

private:
    std::vector<std::pair<int, int>> choosePairs() const;

    OneShotSettings settings_;
    std::shared_ptr<const CubeModel> world_;
    GlyphSource glyphs_;
    OneShotExperimentResult result_;
};

} // namespace latentset
