#include "latentset/world/WorldLikelihood.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>

namespace latentset {

namespace {

void forEachContext(int n, ThreadPool* pool, const std::function<void(int)>& fn)
{
    if (pool)
        pool->parallelFor(std::size_t(n), [&](std::size_t c, unsigned) { fn(int(c)); });
    else
        for (int c = 0; c < n; ++c)
            fn(c);
}

} // namespace

WorldLikelihood::WorldLikelihood(const AutoencoderSet& members, const ContextWorld& world, double noiseVariance)
    : members_(members), world_(world), noiseVariance_(noiseVariance)
{
    if (members_.size() != world_.contextCount() || members_.config().inputSize != world_.memberInputSize())
        throw Error("likelihood vector: the members (" + std::to_string(members_.size()) + " taking "
                    + std::to_string(members_.config().inputSize) + " inputs) do not fit the world's "
                    + std::to_string(world_.contextCount()) + " contexts");
    if (!(noiseVariance_ > 0) || !std::isfinite(noiseVariance_))
        throw Error("likelihood vector: the noise variance must be > 0");
}

Matrix WorldLikelihood::logLikelihoods(const Matrix& frames, ThreadPool* pool) const
{
    if (frames.rows() != world_.frameSize())
        throw Error("likelihood vector: frames of " + std::to_string(frames.rows()) + " pixels, the world's have "
                    + std::to_string(world_.frameSize()));
    const int n = world_.contextCount();
    Matrix out(n, frames.cols());
    forEachContext(n, pool, [&](int c) {
        const Autoencoder& m = members_.member(c);
        const Matrix input = world_.memberInputFromFrames(c, frames);
        const Matrix rebuilt = world_.framesFromMasked(c, world_.unpad(c, m.decode(m.encode(input))));
        out.row(c) = -(frames - rebuilt).colwise().squaredNorm() / float(2.0 * noiseVariance_);
    });
    return out;
}

double WorldLikelihood::noiseVariance(const AutoencoderSet& members, const ContextWorld& world,
                                      std::span<const Index> items, ThreadPool* pool)
{
    if (items.empty())
        throw Error("likelihood vector: no items to measure the noise on");
    const int n = world.contextCount();
    std::vector<double> sse(std::size_t(n), 0.0), pixels(std::size_t(n), 0.0);
    forEachContext(n, pool, [&](int c) {
        const Autoencoder& m = members.member(c);
        const Matrix x = world.masked(c, items);
        const Matrix r = world.unpad(c, m.decode(m.encode(ContextWorld::padRows(x, world.memberInputSize()))));
        sse[std::size_t(c)] = (r - x).squaredNorm();
        pixels[std::size_t(c)] = double(x.size());
    });
    double s = 0, p = 0;
    for (int c = 0; c < n; ++c) {
        s += sse[std::size_t(c)];
        p += pixels[std::size_t(c)];
    }
    return std::max(1e-6, s / std::max(1.0, p));
}

} // namespace latentset
