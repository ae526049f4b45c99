#include "latentset/concept/ContextLikelihoodMap.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <vector>

namespace latentset {

ContextLikelihoodMap::ContextLikelihoodMap(CubeWorldView world, double sigma) : world_(world), sigma_(sigma)
{
    if (!(sigma > 0))
        throw Error("context-likelihood map: sigma must be positive");
}

Matrix ContextLikelihoodMap::logLikelihoods(const Matrix& frames, ThreadPool* pool) const
{
    const int n = world_.size();
    Matrix maps(n, frames.cols());
    const float scale = float(1.0 / (2.0 * sigma_ * sigma_));
    auto one = [&](std::size_t index, unsigned) {
        const int c = int(index);
        const FaceWarp& warp = world_.contexts().warp(c);
        if (warp.maskSize() == 0) {
            maps.row(c).setConstant(-1e6f); // an invisible context explains nothing
            return;
        }
        const Matrix residual = warp.gather(frames) - world_.reconstructMasked(c, frames);
        maps.row(c) = -scale * residual.colwise().squaredNorm() / float(warp.maskSize());
    };
    if (pool)
        pool->parallelFor(std::size_t(n), one);
    else
        for (int c = 0; c < n; ++c)
            one(std::size_t(c), 0);
    return maps;
}

Matrix ContextLikelihoodMap::contrastNormalized(const Matrix& maps)
{
    Matrix out(maps.rows(), maps.cols());
    for (Index j = 0; j < maps.cols(); ++j) {
        const float lo = maps.col(j).minCoeff(), hi = maps.col(j).maxCoeff();
        if (hi > lo)
            out.col(j) = (maps.col(j).array() - lo) / (hi - lo);
        else
            out.col(j).setConstant(0.5f);
    }
    return out;
}

Matrix ContextLikelihoodMap::normalizedMaps(const Matrix& frames, ThreadPool* pool) const
{
    const Matrix maps = logLikelihoods(frames, pool);
    // Each face kind on its own scale: every cube shows exactly one top face,
    // so the top contexts differ only by how well the glyph's turn fits,
    // a contrast far smaller than a side face being there or not; on one
    // common scale it would vanish, and with it the angle it encodes.
    std::vector<Index> side, top;
    for (int c = 0; c < world_.size(); ++c)
        (world_.contexts().pose(c).kind == FacePose::Kind::Side ? side : top).push_back(c);
    Matrix out(maps.rows(), maps.cols());
    for (const std::vector<Index>* group : {&side, &top}) {
        if (group->empty())
            continue;
        const Matrix part = contrastNormalized(maps(*group, Eigen::all));
        out(*group, Eigen::all) = part;
    }
    return out;
}

} // namespace latentset
