#pragma once
// The back projection of the level-2 concept (the paper's fig. 14-16): slide
// the unit u over its range, decode the context map, take its local maxima
// (one per visible face) and decode one glyph's level-1 code with those
// contexts' decoders: an imagined rotating cube (concept/CubeImaginer). Each
// frame is compared with the cube rendered at the matching angle, and with
// the code decoded by the contexts that cube truly falls into (the best the
// level-1 members can do). `latentset-cli concept imagine` is a front end of
// it; the GUI's imaginer view runs the same CubeImaginer per slider move.
// run() blocks (one thread).
#include "latentset/concept/ConceptModel.h"
#include "latentset/concept/CubeImaginer.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/GlyphSource.h"
#include "latentset/experiments/ImagineResult.h"
#include "latentset/experiments/ImagineSettings.h"

#include <memory>
#include <vector>

namespace latentset {


class ImagineExperiment {
public:
    // `world` and `level2` must stay alive as long as the experiment.
    // Throws latentset::Error if settings.source is not a context of the world.
    ImagineExperiment(ImagineSettings settings, std::shared_ptr<const CubeModel> world,
                      std::shared_ptr<const ConceptModel> level2, GlyphSource glyphs = {});

    ImagineResult run() const;

private:
    ImagineSettings settings_;
    std::shared_ptr<const CubeModel> world_;
    std::shared_ptr<const ConceptModel> concept_;
    GlyphSource glyphs_;
};

} // namespace latentset
