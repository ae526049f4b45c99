#include "latentset/world/RotationFamily.h"

#include "latentset/util/Error.h"

#include <cmath>
#include <cstdio>

namespace latentset {

LinearWarp RotationFamily::warp(double angleDeg, int glyphSize, int subsamples)
{
    const double a = angleDeg * M_PI / 180.0;
    const double cs = std::cos(a), sn = std::sin(a);
    const double centre = glyphSize / 2.0;
    // Screen coordinates have y down: turning (dx, dy) counter-clockwise by a
    // is (dx cos a + dy sin a, -dx sin a + dy cos a); the inverse turns by -a.
    auto toGlyph = [=](double x, double y) {
        const double dx = x - centre, dy = y - centre;
        return Eigen::Vector2d(centre + dx * cs - dy * sn, centre + dx * sn + dy * cs);
    };
    return LinearWarp(glyphSize, glyphSize, glyphSize, toGlyph, subsamples, true);
}

std::shared_ptr<const WarpFamily> RotationFamily::make(int contexts, double turnDeg, int glyphSize, int subsamples)
{
    if (contexts < 2 || contexts > 3600)
        throw Error("rotation world: contexts must be in 2..3600, got " + std::to_string(contexts));
    if (!(turnDeg > 0.0 && turnDeg <= 360.0))
        throw Error("rotation world: the turn must be in (0, 360] degrees");
    const bool circular = std::abs(turnDeg - 360.0) < 1e-9;
    std::vector<ContextAxis> axes{{"angle", circular, circular ? 360.0 : 0.0}};
    std::vector<std::vector<double>> parameters;
    std::vector<std::string> names;
    for (int c = 0; c < contexts; ++c) {
        const double angle = turnDeg * c / contexts;
        parameters.push_back({angle});
        char text[32];
        std::snprintf(text, sizeof text, "angle %g", angle);
        names.emplace_back(text);
    }
    auto at = [glyphSize, subsamples](const std::vector<double>& p) { return warp(p[0], glyphSize, subsamples); };
    return std::make_shared<const WarpFamily>("rotation", axes, parameters, names, at, std::vector<int>{contexts});
}

} // namespace latentset
