#include "latentset/data/EpochOrder.h"

#include <numeric>

namespace latentset {

void EpochOrder::draw(Random& rng, Index size, Index count, std::vector<Index>& picks)
{
    picks.clear();
    while (Index(picks.size()) < count) {
        if (cursor >= order.size()) {
            order.resize(std::size_t(size));
            std::iota(order.begin(), order.end(), Index(0));
            for (std::size_t k = order.size(); k > 1; --k)
                std::swap(order[k - 1], order[std::size_t(rng.below(k))]);
            cursor = 0;
        }
        picks.push_back(order[cursor++]);
    }
}

} // namespace latentset
