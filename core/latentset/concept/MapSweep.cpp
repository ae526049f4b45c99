#include "latentset/concept/MapSweep.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/Correlation.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace latentset {

namespace {

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(v.begin(), v.end());
    const double position = std::clamp(q, 0.0, 1.0) * double(v.size() - 1);
    return v[std::size_t(std::lround(position))];
}

// Angles as map keys: the sweep's angles are user input (degrees with a
// fraction at most), so a 1e-6 degree grid identifies them exactly enough.
long long key(double thetaDeg) { return std::llround(thetaDeg * 1e6); }

double wrap90(double thetaDeg)
{
    const double t = std::fmod(thetaDeg, 90.0);
    return t < 0 ? t + 90.0 : t;
}

} // namespace

double MapSweepResult::meanSame() const
{
    double s = 0;
    for (const MapSweepPair& p : pairs)
        s += p.same;
    return pairs.empty() ? std::numeric_limits<double>::quiet_NaN() : s / double(pairs.size());
}

double MapSweepResult::meanTurned() const
{
    double s = 0;
    for (const MapSweepPair& p : pairs)
        s += p.turned;
    return pairs.empty() ? std::numeric_limits<double>::quiet_NaN() : s / double(pairs.size());
}

double MapSweepResult::meanSameAt(double theta) const
{
    double s = 0;
    int n = 0;
    for (const MapSweepPair& p : pairs)
        if (key(p.theta) == key(theta)) {
            s += p.same;
            ++n;
        }
    return n ? s / n : std::numeric_limits<double>::quiet_NaN();
}

double MapSweepResult::meanTurnedAt(double theta) const
{
    double s = 0;
    int n = 0;
    for (const MapSweepPair& p : pairs)
        if (key(p.theta) == key(theta)) {
            s += p.turned;
            ++n;
        }
    return n ? s / n : std::numeric_limits<double>::quiet_NaN();
}

double MapSweepResult::sameQuantile(double q) const
{
    std::vector<double> v;
    for (const MapSweepPair& p : pairs)
        v.push_back(p.same);
    return quantile(std::move(v), q);
}

double MapSweepResult::turnedQuantile(double q) const
{
    std::vector<double> v;
    for (const MapSweepPair& p : pairs)
        v.push_back(p.turned);
    return quantile(std::move(v), q);
}

std::vector<double> MapSweepResult::thetas() const
{
    std::vector<double> out;
    for (const MapSweepPair& p : pairs)
        if (std::none_of(out.begin(), out.end(), [&](double t) { return key(t) == key(p.theta); }))
            out.push_back(p.theta);
    return out;
}

std::vector<double> MapSweep::grid(double stepDeg)
{
    if (!(stepDeg > 0) || stepDeg > 90)
        throw Error("map sweep: the angle step must be in (0, 90] degrees");
    std::vector<double> out;
    for (int k = 0; k * stepDeg < 90.0 - 1e-9; ++k)
        out.push_back(k * stepDeg);
    return out;
}

MapSweepResult MapSweep::run(const ContextLikelihoodMap& map, const CubeRenderer& renderer,
                             const std::vector<Matrix>& groups, const std::vector<double>& thetasDeg,
                             double offsetDeg, ThreadPool* pool)
{
    if (groups.size() < 2)
        throw Error("map sweep: needs at least two glyph groups");
    if (thetasDeg.empty())
        throw Error("map sweep: needs at least one angle");
    const Index glyphPixels = map.world().contexts().glyphPixels();
    for (const Matrix& g : groups)
        if (g.cols() < 1 || g.rows() != glyphPixels)
            throw Error("map sweep: every group needs at least one glyph of " + std::to_string(glyphPixels)
                        + " pixels");

    // Every angle a map is needed at: the sweep's and the turned ones.
    std::vector<double> angles;
    std::map<long long, Index> angleIndex;
    auto addAngle = [&](double t) {
        if (angleIndex.emplace(key(t), Index(angles.size())).second)
            angles.push_back(t);
    };
    for (double t : thetasDeg) {
        addAngle(t);
        addAngle(wrap90(t + offsetDeg));
    }
    // Frames: column ((angle * groups) + group) * maxK + example (unused slots stay blank).
    Index maxK = 0;
    for (const Matrix& g : groups)
        maxK = std::max(maxK, g.cols());
    const Index G = Index(groups.size()), A = Index(angles.size());
    auto column = [&](Index angle, Index group, Index example) { return (angle * G + group) * maxK + example; };
    Matrix frames = Matrix::Zero(map.world().contexts().frameSize(), A * G * maxK);
    for (Index a = 0; a < A; ++a)
        for (Index g = 0; g < G; ++g)
            for (Index k = 0; k < groups[std::size_t(g)].cols(); ++k)
                frames.col(column(a, g, k)) = renderer.renderCube(angles[std::size_t(a)], Vector(groups[std::size_t(g)].col(k)));
    const Matrix maps = map.logLikelihoods(frames, pool);

    MapSweepResult result;
    result.offsetDeg = offsetDeg;
    for (double t : thetasDeg) {
        const Index here = angleIndex.at(key(t)), turned = angleIndex.at(key(wrap90(t + offsetDeg)));
        for (Index a = 0; a < G; ++a)
            for (Index b = a + 1; b < G; ++b) {
                const Index K = std::min(groups[std::size_t(a)].cols(), groups[std::size_t(b)].cols());
                for (Index k = 0; k < K; ++k) {
                    MapSweepPair p;
                    p.theta = t;
                    p.groupA = int(a);
                    p.groupB = int(b);
                    p.example = int(k);
                    const Vector mine = maps.col(column(here, a, k));
                    p.same = Correlation::pearson(mine, maps.col(column(here, b, k)));
                    p.turned = Correlation::pearson(mine, maps.col(column(turned, b, k)));
                    result.pairs.push_back(p);
                }
            }
    }
    return result;
}

} // namespace latentset
