#pragma once
// Back projection of the level-2 concept (the paper's §11, fig. 14-16): for
// a value u of the single latent unit, decode the level-2 map, pick its
// local maxima — one per visible face: the best top-face context and up to
// two side-face contexts — and decode ONE level-1 latent code (any glyph's,
// e.g. a "3" or the never-trained "V") with those contexts' decoders. The
// faces' pixels, put together, are the imagined cube at that turn.
//
// Peaks are searched along each face kind's own sequence of contexts
// (LocalMaxima), side faces by yaw, top faces by rotation: a cube shows one
// top face and one or two side faces, 90 degrees of yaw apart.
//
// Cost per frame: one tiny level-2 decode plus at most three member decodes
// restricted to their masks; well under a millisecond for the paper's sizes.
//
// Shapes: code latent x 1; image frameSize (S*S, row-major, [0, 1]).
// Thread rules: const, safe from any thread.
#include "latentset/concept/ConceptModel.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

class CubeImaginer {
public:
    struct Frame {
        double u = 0;
        Vector contextValues;       // the decoded level-2 map (contexts)
        std::vector<int> contexts;  // chosen contexts, top face first
        Vector image;               // the imagined frame
        Vector mask;                // 1 on the chosen faces' pixels, else 0
    };

    // Both referenced objects must outlive the imaginer.
    CubeImaginer(CubeWorldView world, const ConceptModel& model);

    Frame imagine(double u, const Vector& code) const;
    // The peak-picking step alone, on any context vector.
    std::vector<int> pickContexts(const Vector& contextValues) const;

private:
    CubeWorldView world_;
    const ConceptModel* model_;
    std::vector<int> sideOrder_, topOrder_; // context indices sorted by pose angle
};

} // namespace latentset
