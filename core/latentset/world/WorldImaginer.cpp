#include "latentset/world/WorldImaginer.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/world/WorldSampler.h"

#include <algorithm>

namespace latentset {


WorldImaginer::WorldImaginer(const ContextWorld& world, const WorldConcept& level2, const AutoencoderSet* members)
    : world_(world), concept_(level2), estimator_(ParameterEstimator::forWorld(world)), members_(members)
{
    if (level2.contexts() != world.contextCount())
        throw Error("world imaginer: the concept has " + std::to_string(level2.contexts()) + " contexts, the world "
                    + std::to_string(world.contextCount()));
    if (level2.axes().size() != world.axes().size())
        throw Error("world imaginer: the concept's axes do not match the world's");
    if (!level2.calibrated())
        throw Error("world imaginer: the concept is not calibrated");
    if (members)
        transfer_.emplace(*members, world); // checks that they fit the world
}

WorldImaginer::Imagined WorldImaginer::imagine(const Vector& code, Index item) const
{
    if (item < 0 || item >= world_.itemCount())
        throw Error("world imaginer: item " + std::to_string(item) + " of " + std::to_string(world_.itemCount()));
    Imagined out;
    out.map = concept_.decode(code).col(0);
    out.parameters = concept_.parametersAt(code);
    const WorldSampler sampler(world_, estimator_, true);
    out.nearestContext = sampler.nearestContext(out.parameters);
    const ShownItem shown[1] = {ShownItem{item, out.parameters}};
    out.frame = sampler.frames(shown).col(0);
    Index peak = 0;
    out.map.maxCoeff(&peak);
    out.peakContext = int(peak);
    return out;
}

WorldImaginer::Imagined WorldImaginer::imagine(const Vector& code, Index item, const Vector& levelOneCode) const
{
    if (!transfer_)
        throw Error("world imaginer: no members to decode a level-1 code with");
    if (levelOneCode.size() != members_->config().latentSize)
        throw Error("world imaginer: a level-1 code of " + std::to_string(levelOneCode.size()) + " values for members "
                    "with " + std::to_string(members_->config().latentSize) + " latent units");
    Imagined out = imagine(code, item);
    out.decoded = transfer_->decodeIn(out.peakContext, levelOneCode);
    return out;
}

Vector WorldImaginer::levelOneCode(Index item, int source) const
{
    if (!transfer_)
        throw Error("world imaginer: no members to encode with");
    if (item < 0 || item >= world_.itemCount() || source < 0 || source >= world_.contextCount())
        throw Error("world imaginer: item " + std::to_string(item) + " in context " + std::to_string(source) + " of "
                    + std::to_string(world_.itemCount()) + " items, " + std::to_string(world_.contextCount())
                    + " contexts");
    const Index items[1] = {item};
    return transfer_->encodeItems(source, items).col(0);
}

Vector WorldImaginer::medianCode() const
{
    const Matrix& codes = concept_.calibrationCodes();
    Vector median(codes.rows());
    for (Index u = 0; u < codes.rows(); ++u) {
        std::vector<float> row(static_cast<std::size_t>(codes.cols()));
        for (Index j = 0; j < codes.cols(); ++j)
            row[std::size_t(j)] = codes(u, j);
        std::nth_element(row.begin(), row.begin() + std::ptrdiff_t(row.size() / 2), row.end());
        median[u] = row[row.size() / 2];
    }
    return median;
}

Vector WorldImaginer::codeAlong(int axis, double value, int k) const
{
    const Matrix& values = concept_.calibrationParameters();
    if (axis < 0 || axis >= values.rows() || k < 1)
        throw Error("world imaginer: axis " + std::to_string(axis) + " of " + std::to_string(values.rows()) + ", k = "
                    + std::to_string(k));
    std::vector<std::pair<double, Index>> distance;
    distance.reserve(std::size_t(values.cols()));
    for (Index j = 0; j < values.cols(); ++j)
        distance.push_back({estimator_.error(axis, values(axis, j), value), j});
    const std::size_t n = std::min<std::size_t>(std::size_t(k), distance.size());
    std::partial_sort(distance.begin(), distance.begin() + std::ptrdiff_t(n), distance.end());
    Vector code = Vector::Zero(concept_.units());
    for (std::size_t i = 0; i < n; ++i)
        code += concept_.calibrationCodes().col(distance[i].second);
    return code / float(n);
}

Matrix WorldImaginer::sweep(int unit, int steps) const
{
    if (unit < 0 || unit >= concept_.units() || steps < 2)
        throw Error("world imaginer: unit " + std::to_string(unit) + " of " + std::to_string(concept_.units())
                    + ", " + std::to_string(steps) + " steps (>= 2)");
    const Vector base = medianCode();
    const float lo = concept_.unitMin()[unit], hi = concept_.unitMax()[unit];
    Matrix codes = base.replicate(1, steps);
    for (int s = 0; s < steps; ++s)
        codes(unit, s) = lo + (hi - lo) * float(s) / float(steps - 1);
    return codes;
}

} // namespace latentset
