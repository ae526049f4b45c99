#include "SmallCubeWorld.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace latentset;

TEST_CASE("Map value names round-trip and unknown names are refused", "[concept][maps]")
{
    for (MapValue v : {MapValue::RobustSigma, MapValue::MeanSquare})
        CHECK(ContextMapOptions::parse(ContextMapOptions::name(v)) == v);
    CHECK(ContextMapOptions::name(MapValue::RobustSigma) == "robust-sigma");
    CHECK_THROWS_AS(ContextMapOptions::parse("sum"), Error);
}

TEST_CASE("Pose smoothing: Gaussian weights by angle within one face kind, ends renormalised", "[concept][maps]")
{
    // Three side poses 10 deg apart, then two top poses 10 deg apart.
    const std::vector<FacePose> poses{FacePose::side(-10), FacePose::side(0), FacePose::side(10), FacePose::top(0),
                                      FacePose::top(10)};
    Matrix maps = Matrix::Zero(5, 2);
    maps(1, 0) = 1.f;                       // a spike in the middle side context
    maps.col(1) << 2.f, 2.f, 2.f, 7.f, 7.f; // constant per kind
    const double sd = 10.0;
    const Matrix s = ContextLikelihoodMap::smoothAlongPoses(maps, poses, sd);
    const double w1 = std::exp(-0.5); // a neighbour one sd away
    // Middle context: (1 * 1) / (1 + 2 w1); its neighbours: w1 / (1 + w1) (one neighbour at 1 sd... and
    // the other end at 2 sd: weight exp(-2)).
    const double w2 = std::exp(-2.0);
    CHECK(s(1, 0) == Approx(1.0 / (1.0 + 2.0 * w1)));
    CHECK(s(0, 0) == Approx(w1 / (1.0 + w1 + w2)));
    CHECK(s(2, 0) == Approx(s(0, 0)));
    // The spike does not leak into the other face kind, and a constant stays constant.
    CHECK(s(3, 0) == Approx(0.0).margin(1e-7));
    CHECK(s(4, 0) == Approx(0.0).margin(1e-7));
    CHECK(s.col(1).head(3).isApproxToConstant(2.f, 1e-6f));
    CHECK(s.col(1).tail(2).isApproxToConstant(7.f, 1e-6f));
    // Beyond 3 sd nothing is mixed: a tiny sd leaves the map as it was.
    CHECK(ContextLikelihoodMap::smoothAlongPoses(maps, poses, 1.0).isApprox(maps));

    CHECK_THROWS_AS(ContextLikelihoodMap::smoothAlongPoses(maps, poses, 0.0), Error);
    CHECK_THROWS_AS(ContextLikelihoodMap::smoothAlongPoses(maps, {FacePose::side(0)}, 1.0), Error);
}

TEST_CASE("Robust-sigma map value is minus the log of the residual's median-based sigma", "[concept][maps][world]")
{
    const testing::SmallCubeWorld& world = testing::trainedSmallWorld();
    const CubeRenderer renderer(world.contexts.geometry());
    const Matrix glyphs = testing::scribbles(2, 5);
    Matrix frames(world.contexts.frameSize(), 2);
    frames.col(0) = renderer.renderCube(20.0, Vector(glyphs.col(0)));
    frames.col(1) = renderer.renderCube(65.0, Vector(glyphs.col(1)));

    ContextMapOptions robust;
    robust.poseSmoothingDeg = 0;
    robust.centreKinds = false;
    const Matrix L = ContextLikelihoodMap(world.view(), robust).logLikelihoods(frames);
    ContextMapOptions squareOptions{MapValue::MeanSquare, 0.1, 0, false};
    const Matrix S = ContextLikelihoodMap(world.view(), squareOptions).logLikelihoods(frames);
    REQUIRE(L.rows() == 16);
    for (int c : {0, 3, 7, 15}) {
        const Matrix r = world.contexts.warp(c).gather(frames) - world.view().reconstructMasked(c, frames);
        for (Index j = 0; j < 2; ++j) {
            std::vector<float> a;
            for (Index k = 0; k < r.rows(); ++k)
                a.push_back(std::abs(r(k, j)));
            std::sort(a.begin(), a.end());
            const double median = a[a.size() / 2];
            CHECK(L(c, j) == Approx(-std::log(1.4826 * median + 1e-4)).epsilon(1e-4));
            CHECK(S(c, j) == Approx(-r.col(j).squaredNorm() / (2 * 0.01) / double(r.rows())).epsilon(1e-4));
        }
    }
    // The default map is the robust value smoothed along the poses, then centred per face kind.
    const ContextLikelihoodMap byDefault(world.view());
    CHECK(byDefault.options().value == MapValue::RobustSigma);
    CHECK(byDefault.options().centreKinds);
    std::vector<FacePose> poses;
    for (int c = 0; c < world.contexts.size(); ++c)
        poses.push_back(world.contexts.pose(c));
    const Matrix expected = ContextLikelihoodMap::centredPerKind(
        ContextLikelihoodMap::smoothAlongPoses(L, poses, byDefault.options().poseSmoothingDeg), poses);
    const Matrix got = byDefault.logLikelihoods(frames);
    CHECK((got - expected).cwiseAbs().maxCoeff() < 1e-5f);
    // Centred: each kind's values sum to zero in every column (6 side, 10 top contexts here).
    CHECK(got.topRows(6).colwise().sum().cwiseAbs().maxCoeff() < 1e-4f);
    CHECK(got.bottomRows(10).colwise().sum().cwiseAbs().maxCoeff() < 1e-4f);
    CHECK((got.topRows(6).array() - L.topRows(6).array()).abs().maxCoeff() > 1e-3f); // it did something

    ContextMapOptions bad;
    bad.poseSmoothingDeg = -1;
    CHECK_THROWS_AS(ContextLikelihoodMap(world.view(), bad), Error);
    bad = ContextMapOptions{MapValue::MeanSquare, 0.0, 0};
    CHECK_THROWS_AS(ContextLikelihoodMap(world.view(), bad), Error);
}

TEST_CASE("Robust-sigma ignores a few wild pixels that dominate the mean-square value", "[concept][maps][world]")
{
    // The same frame with a bright scratch across a few pixels of a face:
    // the squared-error value moves much more (relative to its spread over
    // contexts) than the median-based one, which is the point of using it.
    const testing::SmallCubeWorld& world = testing::trainedSmallWorld();
    const CubeRenderer renderer(world.contexts.geometry());
    Matrix frames(world.contexts.frameSize(), 2);
    frames.col(0) = renderer.renderCube(30.0, Vector(testing::scribbles(1, 21).col(0)));
    frames.col(1) = frames.col(0);
    const int size = world.contexts.imageSize();
    for (int x = size / 3; x < size / 3 + 6; ++x)
        frames(Index(size / 2) * size + x, 1) = 1.f; // 6 pixels of a 32 x 32 frame
    ContextMapOptions robustOptions;
    robustOptions.poseSmoothingDeg = 0;
    robustOptions.centreKinds = false;
    const Matrix R = ContextLikelihoodMap(world.view(), robustOptions).logLikelihoods(frames);
    const Matrix S =
        ContextLikelihoodMap(world.view(), ContextMapOptions{MapValue::MeanSquare, 0.1, 0, false}).logLikelihoods(frames);
    auto relativeChange = [](const Matrix& m) {
        const Vector d = m.col(1) - m.col(0);
        const float spread = m.col(0).maxCoeff() - m.col(0).minCoeff();
        return d.cwiseAbs().maxCoeff() / spread;
    };
    INFO("relative change: robust " << relativeChange(R) << ", mean-square " << relativeChange(S));
    CHECK(relativeChange(S) > 0.05f);
    CHECK(relativeChange(R) < 0.5f * relativeChange(S));
}
