#pragma once
// Context transfer of one glyph in a trained cube world (the paper's fig.
// 6): the glyph as seen in context `source` is encoded by that context's
// member and decoded by every member; each decoded face is compared with the
// glyph as truly seen in that context. `latentset-cli cube transfer` is a
// front end of it, the GUI's gallery view shows the same frames.
#include "latentset/cube/CubeModel.h"
#include "latentset/util/Types.h"

namespace latentset {

struct GlyphTransfer {
    Matrix frames;       // one decoded frame per context (frameSize x contexts)
    Vector errors;       // mean squared error per mask pixel, per context
    double sourceError = 0, meanOtherError = 0, worstError = 0;

    // Throws latentset::Error for a source outside the world's contexts or a
    // glyph that is not the world's glyph size.
    static GlyphTransfer run(const CubeModel& world, int source, const Vector& glyph);
};

} // namespace latentset
