#include "latentset/world/WorldIdentification.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <numeric>

namespace latentset {

WorldIdentification::WorldIdentification(const AutoencoderSet& members, const ContextWorld& world, Index gallerySize,
                                         ThreadPool* pool)
    : world_(world), gallery_(std::min(gallerySize, world.itemCount()))
{
    if (members.size() != world.contextCount() || world.contextCount() < 2)
        throw Error("identification: " + std::to_string(members.size()) + " members for "
                    + std::to_string(world.contextCount()) + " contexts (needs one per context, at least 2)");
    if (gallery_ < 2)
        throw Error("identification: needs at least 2 items");
    std::vector<Index> items(static_cast<std::size_t>(gallery_));
    std::iota(items.begin(), items.end(), Index(0));
    codes_.resize(std::size_t(world.contextCount()));
    auto encode = [&](std::size_t c) {
        codes_[c] = members.member(int(c)).encode(world.memberInput(int(c), items));
    };
    if (pool)
        pool->parallelFor(codes_.size(), [&](std::size_t c, unsigned) { encode(c); });
    else
        for (std::size_t c = 0; c < codes_.size(); ++c)
            encode(c);
}

Index WorldIdentification::nearest(Index item, int a, int b) const
{
    const Matrix& gallery = codes_.at(std::size_t(b));
    const Vector query = codes_.at(std::size_t(a)).col(item);
    Index best = 0;
    (gallery.colwise() - query).colwise().squaredNorm().minCoeff(&best);
    return best;
}

double WorldIdentification::accuracy(int queries, std::uint64_t seed) const
{
    Random random(seed);
    const int contexts = int(codes_.size());
    int hits = 0;
    for (int q = 0; q < queries; ++q) {
        const Index item = Index(random.below(std::uint64_t(gallery_)));
        const int a = int(random.below(std::uint64_t(contexts)));
        int b = int(random.below(std::uint64_t(contexts - 1)));
        b += b >= a ? 1 : 0;
        hits += nearest(item, a, b) == item;
    }
    return queries > 0 ? double(hits) / queries : 0.0;
}

} // namespace latentset
