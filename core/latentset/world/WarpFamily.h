#pragma once
// The contexts of a glyph world whose views are linear warps (docs/worlds.md):
// N contexts, each with its parameter values on the family's axes, its name
// and its LinearWarp (glyph -> frame mask pixels), plus the rule that makes
// a warp at ANY parameter values (warpAt), so an item can be shown between
// the contexts' values (parameter estimation at off-grid values).
//
// The built-in families: world/RotationFamily.h (in-plane rotation) and
// world/ScalePositionFamily.h (scale x position in a larger frame).
// `grid` gives the contexts' layout when they form a Cartesian grid of the
// axes (sizes per axis, context index = row-major over the axes in order;
// empty otherwise), for maps laid out along the axes.
//
// Immutable after construction; safe to read from any thread.
#include "latentset/world/ContextAxis.h"
#include "latentset/world/LinearWarp.h"

#include <functional>
#include <string>
#include <vector>

namespace latentset {

class WarpFamily {
public:
    using WarpAt = std::function<LinearWarp(const std::vector<double>& parameters)>;

    // Builds every context's warp with `warpAt`. Throws Error for fewer than
    // 2 contexts or parameter rows that do not match the axes.
    WarpFamily(std::string kind, std::vector<ContextAxis> axes, std::vector<std::vector<double>> parameters,
               std::vector<std::string> names, WarpAt warpAt, std::vector<int> grid);

    const std::string& kind() const { return kind_; }
    int size() const { return int(warps_.size()); }
    const std::vector<ContextAxis>& axes() const { return axes_; }
    const std::vector<double>& parameters(int c) const { return parameters_.at(std::size_t(c)); }
    const std::string& name(int c) const { return names_.at(std::size_t(c)); }
    const LinearWarp& warp(int c) const { return warps_.at(std::size_t(c)); }
    // A warp at any parameter values (one per axis).
    LinearWarp warpAt(const std::vector<double>& parameters) const;
    const std::vector<int>& grid() const { return grid_; }
    int frameWidth() const { return warps_.front().frameWidth(); }
    int frameHeight() const { return warps_.front().frameHeight(); }
    int glyphSize() const { return warps_.front().glyphSize(); }

private:
    std::string kind_;
    std::vector<ContextAxis> axes_;
    std::vector<std::vector<double>> parameters_;
    std::vector<std::string> names_;
    WarpAt warpAt_;
    std::vector<int> grid_;
    std::vector<LinearWarp> warps_;
};

} // namespace latentset
