#include "latentset/world/WorldOneShot.h"

#include "latentset/concept/MidpointHyperplane.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

namespace latentset {

WorldOneShot::WorldOneShot(const AutoencoderSet& members, const ContextWorld& world) : members_(members), world_(world)
{
    if (members_.size() != world_.contextCount() || members_.config().inputSize != world_.memberInputSize())
        throw Error("one-shot: the members do not fit the world's " + std::to_string(world_.contextCount())
                    + " contexts");
}

WorldOneShot::Views WorldOneShot::glyphs(const ContextWorld& world, const Vector& a, const Vector& b)
{
    const Index g = Index(world.glyphSize()) * world.glyphSize();
    if (g == 0)
        throw Error("one-shot: the " + world.kind() + " world cannot show new glyphs");
    if (a.size() != g || b.size() != g)
        throw Error("one-shot: glyphs of " + std::to_string(a.size()) + " pixels, the world's have " + std::to_string(g));
    Matrix both(g, 2);
    both.col(0) = a;
    both.col(1) = b;
    return [&world, both](int c) { return world.maskedGlyphs(c, both); };
}

WorldOneShot::Views WorldOneShot::items(const ContextWorld& world, Index a, Index b)
{
    if (a < 0 || b < 0 || a >= world.itemCount() || b >= world.itemCount())
        throw Error("one-shot: items out of range");
    return [&world, a, b](int c) { return world.masked(c, std::vector<Index>{a, b}); };
}

WorldOneShotScore WorldOneShot::run(const Views& views, int source, ThreadPool* pool) const
{
    const int n = world_.contextCount();
    if (source < 0 || source >= n)
        throw Error("one-shot: source context " + std::to_string(source) + " is not one of the world's "
                    + std::to_string(n));
    auto codesIn = [&](int c) {
        return members_.member(c).encode(ContextWorld::padRows(views(c), world_.memberInputSize()));
    };
    const Matrix shown = codesIn(source);
    const MidpointHyperplane plane(shown.col(0), shown.col(1));
    std::vector<Matrix> codes(static_cast<std::size_t>(n));
    auto one = [&](std::size_t c, unsigned) { codes[c] = codesIn(int(c)); };
    if (pool)
        pool->parallelFor(std::size_t(n), one);
    else
        for (int c = 0; c < n; ++c)
            one(std::size_t(c), 0);
    WorldOneShotScore s;
    s.source = source;
    s.contexts = n;
    double same = 0;
    for (int c = 0; c < n; ++c) {
        const Matrix& z = codes[std::size_t(c)];
        s.score += plane.isA(z.col(0)) && !plane.isA(z.col(1));
        if (c != source)
            same += (z.col(0) - shown.col(0)).norm();
    }
    s.percent = 100.0 * s.score / n;
    s.meanSameDistance = n > 1 ? same / (n - 1) : 0.0;
    s.otherDistance = (shown.col(0) - shown.col(1)).norm();
    return s;
}

} // namespace latentset
