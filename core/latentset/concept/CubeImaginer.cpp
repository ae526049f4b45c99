#include "latentset/concept/CubeImaginer.h"

#include "latentset/concept/LocalMaxima.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <string>

namespace latentset {

CubeImaginer::CubeImaginer(CubeWorldView world, const ConceptModel& model) : world_(world), model_(&model)
{
    if (model.contexts() != world.size())
        throw Error("imagined cube: the concept model knows " + std::to_string(model.contexts())
                    + " contexts, the cube world has " + std::to_string(world.size()));
    const CubeContexts& contexts = world.contexts();
    for (int c = 0; c < contexts.size(); ++c)
        (contexts.pose(c).kind == FacePose::Kind::Side ? sideOrder_ : topOrder_).push_back(c);
    auto byAngle = [&](int a, int b) { return contexts.pose(a).angleDeg < contexts.pose(b).angleDeg; };
    std::stable_sort(sideOrder_.begin(), sideOrder_.end(), byAngle);
    std::stable_sort(topOrder_.begin(), topOrder_.end(), byAngle);
}

std::vector<int> CubeImaginer::pickContexts(const Vector& values) const
{
    if (values.size() != world_.size())
        throw Error("imagined cube: a context vector of " + std::to_string(values.size()) + " values for "
                    + std::to_string(world_.size()) + " contexts");
    std::vector<int> picked;
    // The top face: one peak, the highest (its outline is the same at every
    // rotation; what differs is the glyph's turn, so there is one best).
    if (!topOrder_.empty()) {
        int best = topOrder_[0];
        for (int c : topOrder_)
            if (values[c] > values[best])
                best = c;
        picked.push_back(best);
    }
    // Side faces: up to two peaks, each at least half-way up the side
    // contexts' range; a radius of a tenth of the sequence keeps one face's
    // broad bump from giving two peaks; the two ends of the yaw sequence
    // (faces seen edge-on, a sliver of pixels) are never peaks by themselves.
    LocalMaxima::Options o;
    o.radius = std::max(1, int(sideOrder_.size()) / 10);
    o.relative = 0.5f;
    o.maxCount = 2;
    o.endPeaks = false;
    for (int c : LocalMaxima::find(values, sideOrder_, o))
        picked.push_back(c);
    return picked;
}

CubeImaginer::Frame CubeImaginer::imagine(double u, const Vector& code) const
{
    if (code.size() != world_.latentSize())
        throw Error("imagined cube: a code of " + std::to_string(code.size()) + " values, members use "
                    + std::to_string(world_.latentSize()));
    Frame f;
    f.u = u;
    Vector uu(1);
    uu[0] = float(u);
    f.contextValues = model_->decode(uu).col(0);
    f.contexts = pickContexts(f.contextValues);
    const CubeContexts& contexts = world_.contexts();
    f.image = Vector::Zero(contexts.frameSize());
    f.mask = Vector::Zero(contexts.frameSize());
    for (int c : f.contexts) {
        const FaceWarp& warp = contexts.warp(c);
        const Matrix pixels = world_.decodeMasked(c, code);
        const std::vector<int>& mask = warp.mask();
        // Faces of one cube do not overlap, but two imagined faces might
        // (a poorly separated pair of peaks): keep the brighter pixel.
        for (std::size_t k = 0; k < mask.size(); ++k) {
            f.image[mask[k]] = std::max(f.image[mask[k]], pixels(Index(k), 0));
            f.mask[mask[k]] = 1.f;
        }
    }
    return f;
}

} // namespace latentset
