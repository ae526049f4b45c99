#include "latentset/experiments/GlyphTransfer.h"

#include "latentset/cube/ContextTransfer.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/util/Error.h"

#include <algorithm>

namespace latentset {

GlyphTransfer GlyphTransfer::run(const CubeModel& world, int source, const Vector& glyph)
{
    const CubeContexts& contexts = *world.contexts;
    if (source < 0 || source >= contexts.size())
        throw Error("cube transfer: context " + std::to_string(source) + " is not one of the world's "
                    + std::to_string(contexts.size()));
    const int side = contexts.geometry().glyphSize();
    // A one-glyph dataset: the transfer needs the warps, not the digits.
    const CubeDataset data(world.contexts, Dataset(side, side, std::vector<std::uint8_t>(std::size_t(glyph.size()), 0), {0}));
    const ContextTransfer transfer(world.members, data);
    GlyphTransfer t;
    t.frames = transfer.transferGlyph(source, glyph);
    // How far each decoded face is from the glyph as truly seen in that context.
    t.errors.resize(contexts.size());
    for (int j = 0; j < contexts.size(); ++j) {
        const FaceWarp& w = contexts.warp(j);
        t.errors(j) = (w.gather(t.frames.col(j)) - w.apply(glyph)).squaredNorm() / float(w.maskSize());
    }
    t.sourceError = t.errors(source);
    t.meanOtherError = (t.errors.sum() - t.errors(source)) / std::max(1, int(t.errors.size()) - 1);
    t.worstError = t.errors.maxCoeff();
    return t;
}

} // namespace latentset
