#include "latentset/experiments/StratifiedSubset.h"

#include "latentset/util/Random.h"

#include <algorithm>

namespace latentset {

std::vector<Index> StratifiedSubset::indices(const Dataset& data, Index perClass, std::uint64_t seed)
{
    std::vector<Index> out;
    Random seeder(seed);
    for (int c = 0; c < data.classCount(); ++c) {
        Random rng(seeder.split()); // one stream per class: a class's draw does not depend on the others' sizes
        auto idx = data.indicesOfClass(c);
        for (std::size_t k = idx.size(); k > 1; --k)
            std::swap(idx[k - 1], idx[std::size_t(rng.below(k))]);
        if (perClass > 0 && Index(idx.size()) > perClass)
            idx.resize(std::size_t(perClass));
        out.insert(out.end(), idx.begin(), idx.end());
    }
    std::sort(out.begin(), out.end());
    return out;
}

Dataset StratifiedSubset::of(const Dataset& data, Index perClass, std::uint64_t seed)
{
    const auto picks = indices(data, perClass, seed);
    return data.subset(picks);
}

} // namespace latentset
