#include "latentset/world/WarpFamily.h"

#include "latentset/util/Error.h"

namespace latentset {

WarpFamily::WarpFamily(std::string kind, std::vector<ContextAxis> axes, std::vector<std::vector<double>> parameters,
                       std::vector<std::string> names, WarpAt warpAt, std::vector<int> grid)
    : kind_(std::move(kind))
    , axes_(std::move(axes))
    , parameters_(std::move(parameters))
    , names_(std::move(names))
    , warpAt_(std::move(warpAt))
    , grid_(std::move(grid))
{
    if (parameters_.size() < 2)
        throw Error(kind_ + " world: at least 2 contexts are needed, got " + std::to_string(parameters_.size()));
    if (names_.size() != parameters_.size())
        throw Error(kind_ + " world: one name per context is needed");
    for (const auto& p : parameters_)
        if (p.size() != axes_.size())
            throw Error(kind_ + " world: a context has " + std::to_string(p.size()) + " parameter values for "
                        + std::to_string(axes_.size()) + " axes");
    warps_.reserve(parameters_.size());
    for (const auto& p : parameters_)
        warps_.push_back(warpAt_(p));
}

LinearWarp WarpFamily::warpAt(const std::vector<double>& parameters) const
{
    if (parameters.size() != axes_.size())
        throw Error(kind_ + " world: " + std::to_string(parameters.size()) + " parameter values for "
                    + std::to_string(axes_.size()) + " axes");
    return warpAt_(parameters);
}

} // namespace latentset
