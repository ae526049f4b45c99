#include "latentset/concept/ContextLikelihoodMap.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace latentset {

namespace {

// Median absolute residual -> a Gaussian's sigma (1 / Phi^-1(3/4)).
constexpr float kMadToSigma = 1.4826f;
// Keeps log finite for a residual that is zero on most of the mask (a member
// that reproduces blank pixels exactly); far below any real residual level
// (the cube world's medians are 0.005-0.2).
constexpr float kSigmaFloor = 1e-4f;

} // namespace

std::string ContextMapOptions::name(MapValue value)
{
    return value == MapValue::RobustSigma ? "robust-sigma" : "mean-square";
}

MapValue ContextMapOptions::parse(const std::string& name)
{
    for (MapValue v : {MapValue::RobustSigma, MapValue::MeanSquare})
        if (ContextMapOptions::name(v) == name)
            return v;
    throw Error("context-likelihood map: unknown value \"" + name + "\" (robust-sigma or mean-square)");
}

ContextLikelihoodMap::ContextLikelihoodMap(CubeWorldView world, ContextMapOptions options)
    : world_(world), options_(options)
{
    if (!(options_.sigma > 0))
        throw Error("context-likelihood map: sigma must be positive");
    if (!(options_.poseSmoothingDeg >= 0) || !std::isfinite(options_.poseSmoothingDeg))
        throw Error("context-likelihood map: pose smoothing must be 0 (off) or a positive number of degrees");
}

Matrix ContextLikelihoodMap::logLikelihoods(const Matrix& frames, ThreadPool* pool) const
{
    return values(frames, pool, options_.centreKinds);
}

Matrix ContextLikelihoodMap::values(const Matrix& frames, ThreadPool* pool, bool centre) const
{
    const int n = world_.size();
    Matrix maps(n, frames.cols());
    std::vector<char> empty(std::size_t(n), 0);
    const float scale = float(1.0 / (2.0 * options_.sigma * options_.sigma));
    auto one = [&](std::size_t index, unsigned) {
        const int c = int(index);
        const FaceWarp& warp = world_.contexts().warp(c);
        if (warp.maskSize() == 0) {
            empty[index] = 1; // filled in below, once every column's range is known
            return;
        }
        const Matrix residual = warp.gather(frames) - world_.reconstructMasked(c, frames);
        if (options_.value == MapValue::MeanSquare) {
            maps.row(c) = -scale * residual.colwise().squaredNorm() / float(warp.maskSize());
            return;
        }
        std::vector<float> a(std::size_t(residual.rows()));
        const std::size_t mid = a.size() / 2;
        for (Index j = 0; j < residual.cols(); ++j) {
            for (Index k = 0; k < residual.rows(); ++k)
                a[std::size_t(k)] = std::abs(residual(k, j));
            std::nth_element(a.begin(), a.begin() + std::ptrdiff_t(mid), a.end());
            maps(c, j) = -std::log(kMadToSigma * a[mid] + kSigmaFloor);
        }
    };
    if (pool)
        pool->parallelFor(std::size_t(n), one);
    else
        for (int c = 0; c < n; ++c)
            one(std::size_t(c), 0);

    // An invisible context explains nothing: the column's lowest value (a
    // fixed huge negative number would swamp every correlation and contrast).
    std::vector<Index> visible;
    for (int c = 0; c < n; ++c)
        if (!empty[std::size_t(c)])
            visible.push_back(c);
    if (visible.size() < std::size_t(n)) {
        for (Index j = 0; j < maps.cols(); ++j) {
            const float lo = visible.empty() ? 0.f : maps(visible, j).minCoeff();
            for (int c = 0; c < n; ++c)
                if (empty[std::size_t(c)])
                    maps(c, j) = lo;
        }
    }
    std::vector<FacePose> poses;
    for (int c = 0; c < n; ++c)
        poses.push_back(world_.contexts().pose(c));
    if (options_.poseSmoothingDeg > 0)
        maps = smoothAlongPoses(maps, poses, options_.poseSmoothingDeg);
    if (centre)
        maps = centredPerKind(maps, poses);
    return maps;
}

Matrix ContextLikelihoodMap::smoothAlongPoses(const Matrix& maps, const std::vector<FacePose>& poses, double sdDeg)
{
    if (Index(poses.size()) != maps.rows())
        throw Error("context-likelihood map: one pose per map row needed");
    if (!(sdDeg > 0))
        throw Error("context-likelihood map: the smoothing's standard deviation must be positive");
    Matrix out = Matrix::Zero(maps.rows(), maps.cols());
    for (std::size_t c = 0; c < poses.size(); ++c) {
        double total = 0;
        for (std::size_t o = 0; o < poses.size(); ++o) {
            const double d = (poses[o].angleDeg - poses[c].angleDeg) / sdDeg;
            if (poses[o].kind != poses[c].kind || std::abs(d) > 3.0)
                continue;
            const double w = std::exp(-0.5 * d * d);
            out.row(Index(c)) += float(w) * maps.row(Index(o));
            total += w;
        }
        out.row(Index(c)) /= float(total); // total >= 1: the context itself
    }
    return out;
}

Matrix ContextLikelihoodMap::centredPerKind(const Matrix& maps, const std::vector<FacePose>& poses)
{
    if (Index(poses.size()) != maps.rows())
        throw Error("context-likelihood map: one pose per map row needed");
    std::vector<Index> side, top;
    for (std::size_t c = 0; c < poses.size(); ++c)
        (poses[c].kind == FacePose::Kind::Side ? side : top).push_back(Index(c));
    Matrix out = maps;
    for (const std::vector<Index>* group : {&side, &top}) {
        if (group->empty())
            continue;
        const Eigen::RowVectorXf mean = maps(*group, Eigen::all).colwise().mean();
        out(*group, Eigen::all).rowwise() -= mean;
    }
    return out;
}

Matrix ContextLikelihoodMap::contrastNormalized(const Matrix& maps)
{
    Matrix out(maps.rows(), maps.cols());
    for (Index j = 0; j < maps.cols(); ++j) {
        const float lo = maps.col(j).minCoeff(), hi = maps.col(j).maxCoeff();
        if (hi > lo)
            out.col(j) = (maps.col(j).array() - lo) / (hi - lo);
        else
            out.col(j).setConstant(0.5f);
    }
    return out;
}

Matrix ContextLikelihoodMap::normalizedMaps(const Matrix& frames, ThreadPool* pool) const
{
    // Uncentred: the per-kind min-max below removes each kind's offset anyway
    // (centring first would change the values only by rounding).
    const Matrix maps = values(frames, pool, false);
    // Each face kind on its own scale: every cube shows exactly one top face,
    // so the top contexts differ only by how well the glyph's turn fits,
    // a contrast far smaller than a side face being there or not; on one
    // common scale it would vanish, and with it the angle it encodes.
    std::vector<Index> side, top;
    for (int c = 0; c < world_.size(); ++c)
        (world_.contexts().pose(c).kind == FacePose::Kind::Side ? side : top).push_back(c);
    Matrix out(maps.rows(), maps.cols());
    for (const std::vector<Index>* group : {&side, &top}) {
        if (group->empty())
            continue;
        const Matrix part = contrastNormalized(maps(*group, Eigen::all));
        out(*group, Eigen::all) = part;
    }
    return out;
}

} // namespace latentset
