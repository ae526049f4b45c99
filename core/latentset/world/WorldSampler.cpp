#include "latentset/world/WorldSampler.h"

#include "latentset/util/Random.h"

#include <algorithm>

namespace latentset {

WorldSampler::WorldSampler(const ContextWorld& world, const ParameterEstimator& estimator, bool offGrid)
    : world_(world), estimator_(estimator), offGrid_(offGrid && world.rendersBetween())
{
}

std::vector<ShownItem> WorldSampler::draw(int count, std::uint64_t seed) const
{
    Random random(seed);
    std::vector<ShownItem> shown;
    shown.reserve(std::size_t(std::max(0, count)));
    const Index n = world_.itemCount();
    for (int k = 0; k < count; ++k) {
        ShownItem s;
        s.item = Index(random.below(std::uint64_t(n)));
        if (offGrid_) {
            for (int a = 0; a < int(estimator_.axes().size()); ++a) {
                const auto& l = estimator_.levels(a);
                const ContextAxis& axis = estimator_.axes()[std::size_t(a)];
                const double u = random.uniform();
                s.truth.push_back(axis.circular ? u * axis.period : l.front() + u * (l.back() - l.front()));
            }
        } else {
            s.truth = world_.parameters(int(random.below(std::uint64_t(world_.contextCount()))));
        }
        shown.push_back(std::move(s));
    }
    return shown;
}

int WorldSampler::nearestContext(const std::vector<double>& truth) const
{
    int best = 0;
    double bestDistance = 1e300;
    for (int c = 0; c < world_.contextCount(); ++c) {
        const std::vector<double> p = world_.parameters(c);
        double d = 0;
        for (int a = 0; a < int(p.size()); ++a) {
            const double w = std::max(1e-12, estimator_.binWidth(a));
            const double err = estimator_.error(a, p[std::size_t(a)], truth[std::size_t(a)]) / w;
            d += err * err;
        }
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

Matrix WorldSampler::frames(std::span<const ShownItem> shown) const
{
    Matrix out(world_.frameSize(), Index(shown.size()));
    for (std::size_t k = 0; k < shown.size(); ++k) {
        const Index item[1] = {shown[k].item};
        if (offGrid_) {
            out.col(Index(k)) = world_.framesAt(shown[k].truth, item).col(0);
        } else {
            const int c = nearestContext(shown[k].truth);
            out.col(Index(k)) = world_.framesFromMasked(c, world_.masked(c, item)).col(0);
        }
    }
    return out;
}

} // namespace latentset
