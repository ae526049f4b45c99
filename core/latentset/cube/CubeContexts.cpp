#include "latentset/cube/CubeContexts.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"

#include <cmath>
#include <cstdio>

namespace latentset {

CubeContextsConfig CubeContextsConfig::forCount(int contexts)
{
    if (contexts < 2)
        throw Error("cube contexts: need at least 2 contexts, got " + std::to_string(contexts));
    CubeContextsConfig c;
    c.sideCount = std::max(1, int(std::lround(contexts * 0.34)));
    c.topCount = contexts - c.sideCount;
    return c;
}

void CubeContextsConfig::validate() const
{
    // Each count on its own first: their int sum could overflow.
    if (sideCount < 1 || topCount < 1 || sideCount > 10000 || topCount > 10000 || count() > 10000)
        throw Error("cube contexts: side and top counts must be >= 1 and total <= 10000, got "
                    + std::to_string(sideCount) + " + " + std::to_string(topCount));
    cube.validate();
    // Building the warps samples every pixel s^2 times per context; past ~4e9
    // samples (minutes of work and tens of GB of taps) no real world lies.
    const double samples = double(count()) * double(cube.imageSize) * cube.imageSize * cube.subsamples * cube.subsamples;
    if (samples > 4e9)
        throw Error("cube contexts: " + std::to_string(count()) + " contexts at " + std::to_string(cube.imageSize)
                    + " px with " + std::to_string(cube.subsamples) + "x" + std::to_string(cube.subsamples)
                    + " subsamples are too many to build (" + std::to_string(std::int64_t(samples / 1e9))
                    + "e9 samples, at most 4e9)");
}

void CubeContextsConfig::checkMembers(int memberCount, Index memberInputSize) const
{
    if (memberCount != count())
        throw Error("cube contexts: " + std::to_string(memberCount) + " members for " + std::to_string(count())
                    + " contexts");
    const Index frame = Index(cube.imageSize) * cube.imageSize;
    if (memberInputSize < 1 || frame > kFramePerInput * memberInputSize)
        throw Error("cube contexts: members take " + std::to_string(memberInputSize) + " inputs, too few for a "
                    + std::to_string(cube.imageSize) + "x" + std::to_string(cube.imageSize) + " frame");
}

void CubeContextsConfig::write(BinaryWriter& out) const
{
    out.writeI32(sideCount);
    out.writeI32(topCount);
    out.writeI32(cube.imageSize);
    out.writeI32(cube.glyphSize);
    out.writeF64(cube.elevationDeg);
    out.writeF64(cube.distance);
    out.writeF64(cube.fovDeg);
    out.writeF64(cube.centreShift);
    out.writeI32(cube.subsamples);
    out.writeBool(cube.shading);
    out.writeF64(cube.ambient);
    out.writeF64(cube.faceBase);
}

CubeContextsConfig CubeContextsConfig::read(BinaryReader& in)
{
    CubeContextsConfig c;
    c.sideCount = in.readI32();
    c.topCount = in.readI32();
    c.cube.imageSize = in.readI32();
    c.cube.glyphSize = in.readI32();
    c.cube.elevationDeg = in.readF64();
    c.cube.distance = in.readF64();
    c.cube.fovDeg = in.readF64();
    c.cube.centreShift = in.readF64();
    c.cube.subsamples = in.readI32();
    c.cube.shading = in.readBool();
    c.cube.ambient = in.readF64();
    c.cube.faceBase = in.readF64();
    try {
        c.validate();
    } catch (const Error& e) {
        in.fail(e.what());
    }
    return c;
}

CubeContexts::CubeContexts(CubeContextsConfig config)
    : config_(config)
    , geometry_((config.validate(), config.cube))
{
    warps_.reserve(std::size_t(config_.count()));
    const double limit = geometry_.sideYawLimitDeg();
    const double sideStep = 2.0 * limit / config_.sideCount;
    for (int c = 0; c < config_.sideCount; ++c)
        warps_.emplace_back(geometry_, FacePose::side(-limit + (c + 0.5) * sideStep));
    const double topStep = 90.0 / config_.topCount;
    for (int c = 0; c < config_.topCount; ++c)
        warps_.emplace_back(geometry_, FacePose::top((c + 0.5) * topStep));
    for (int c = 0; c < size(); ++c)
        if (warps_[std::size_t(c)].maskSize() == 0)
            throw Error("cube contexts: context " + std::to_string(c) + " (" + name(c)
                        + ") covers no pixel; use fewer side contexts or more subsamples");
}

const FaceWarp& CubeContexts::warp(int context) const
{
    if (context < 0 || context >= size())
        throw Error("cube contexts: no context " + std::to_string(context) + " (there are "
                    + std::to_string(size()) + ")");
    return warps_[std::size_t(context)];
}

std::string CubeContexts::name(int context) const
{
    const FacePose& p = pose(context);
    char text[48];
    std::snprintf(text, sizeof text, "%s %.1f", p.kind == FacePose::Kind::Side ? "side" : "top",
                  p.angleDeg);
    return text;
}

int CubeContexts::gridColumns() const
{
    return int(std::ceil(std::sqrt(double(size())) - 1e-9));
}

int CubeContexts::contextOf(const FacePose& pose) const
{
    if (pose.kind == FacePose::Kind::Side) {
        // Bring psi into [-180, 180); only (-90, 90) faces the camera.
        double psi = std::fmod(pose.angleDeg + 180.0, 360.0);
        if (psi < 0)
            psi += 360.0;
        psi -= 180.0;
        const double limit = geometry_.sideYawLimitDeg();
        if (psi <= -limit || psi >= limit)
            return -1;
        const int bin = int(std::floor((psi + limit) / (2.0 * limit / config_.sideCount)));
        return std::clamp(bin, 0, config_.sideCount - 1);
    }
    double rho = std::fmod(pose.angleDeg, 90.0);
    if (rho < 0)
        rho += 90.0;
    const int bin = int(std::floor(rho / (90.0 / config_.topCount)));
    return config_.sideCount + std::clamp(bin, 0, config_.topCount - 1);
}

std::array<int, 3> CubeContexts::contextsOfCube(double thetaDeg) const
{
    double theta = std::fmod(thetaDeg, 90.0);
    if (theta < 0)
        theta += 90.0;
    const auto faces = geometry_.cubeFaces(theta);
    return {contextOf(faces[0]), contextOf(faces[1]), contextOf(faces[2])};
}

Index CubeContexts::largestMask() const
{
    Index m = 0;
    for (const auto& w : warps_)
        m = std::max(m, w.maskSize());
    return m;
}

} // namespace latentset
