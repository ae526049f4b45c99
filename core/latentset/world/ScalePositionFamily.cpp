#include "latentset/world/ScalePositionFamily.h"

#include "latentset/util/Error.h"

#include <cstdio>

namespace latentset {

void ScalePositionSettings::validate() const
{
    if (scales < 1 || scales > 64 || positions < 1 || positions > 64)
        throw Error("scale-position world: scales and positions must be in 1..64");
    if (scales * positions * positions < 2)
        throw Error("scale-position world: at least 2 contexts are needed");
    if (glyphSize < 1 || frame < glyphSize || frame > 1024)
        throw Error("scale-position world: the frame must be in glyph size .. 1024 pixels");
    if (!(minScale > 0.0) || !(maxScale >= minScale) || maxScale > 8.0)
        throw Error("scale-position world: scales must satisfy 0 < min <= max <= 8");
    if (scales > 1 && !(maxScale > minScale))
        throw Error("scale-position world: several scales need max > min");
    if (subsamples < 1 || subsamples > 8)
        throw Error("scale-position world: subsamples must be in 1..8");
}

LinearWarp ScalePositionFamily::warp(double scale, double x, double y, const ScalePositionSettings& s)
{
    const double centre = s.glyphSize / 2.0;
    auto toGlyph = [=](double px, double py) {
        return Eigen::Vector2d(centre + (px - x) / scale, centre + (py - y) / scale);
    };
    return LinearWarp(s.frame, s.frame, s.glyphSize, toGlyph, s.subsamples, true);
}

std::shared_ptr<const WarpFamily> ScalePositionFamily::make(const ScalePositionSettings& s)
{
    s.validate();
    auto spread = [](int count, double lo, double hi, int k) { return count > 1 ? lo + (hi - lo) * k / (count - 1) : (lo + hi) / 2; };
    const double lo = s.glyphSize / 2.0, hi = s.frame - s.glyphSize / 2.0;
    std::vector<ContextAxis> axes{{"scale", false, 0}, {"y", false, 0}, {"x", false, 0}};
    std::vector<std::vector<double>> parameters;
    std::vector<std::string> names;
    for (int k = 0; k < s.scales; ++k) {
        for (int row = 0; row < s.positions; ++row) {
            for (int col = 0; col < s.positions; ++col) {
                const double scale = spread(s.scales, s.minScale, s.maxScale, k);
                const double x = spread(s.positions, lo, hi, col), y = spread(s.positions, lo, hi, row);
                parameters.push_back({scale, y, x});
                char text[64];
                std::snprintf(text, sizeof text, "scale %g y %g x %g", scale, y, x);
                names.emplace_back(text);
            }
        }
    }
    auto at = [s](const std::vector<double>& p) { return warp(p[0], p[2], p[1], s); };
    return std::make_shared<const WarpFamily>("scale-position", axes, parameters, names, at,
                                              std::vector<int>{s.scales, s.positions, s.positions});
}

} // namespace latentset
