#include "latentset/analysis/Tsne.h"

#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace latentset;

namespace {
// Two Gaussian clusters in 10-D, 8 standard deviations apart.
Matrix twoClusters(Index perCluster, std::vector<int>& label)
{
    Random rng(11);
    Matrix codes(10, 2 * perCluster);
    label.clear();
    for (Index i = 0; i < codes.cols(); ++i) {
        const int c = i < perCluster ? 0 : 1;
        label.push_back(c);
        for (Index r = 0; r < 10; ++r)
            codes(r, i) = float(rng.normal()) + (c == 1 && r < 4 ? 4.0f : 0.0f);
    }
    return codes;
}
} // namespace

TEST_CASE("t-SNE keeps two well-separated clusters apart", "[analysis][tsne]")
{
    std::vector<int> label;
    const Matrix codes = twoClusters(100, label);
    TsneSettings settings;
    settings.perplexity = 20;
    settings.iterations = 500;
    ThreadPool pool(2);
    std::vector<TsneProgress> reports;
    const TsneResult r = Tsne::run(codes, settings, pool, [&](const TsneProgress& p) { reports.push_back(p); });
    REQUIRE(r.coordinates.rows() == 2);
    REQUIRE(r.coordinates.cols() == codes.cols());
    CHECK(r.coordinates.allFinite());
    CHECK(r.iterations == 500);
    CHECK(r.neighbours == 60);
    CHECK_FALSE(r.stopped);
    // Every point's nearest neighbour in the map is of its own cluster.
    int same = 0;
    for (Index i = 0; i < codes.cols(); ++i) {
        Index best = -1;
        float bestD = 0;
        for (Index j = 0; j < codes.cols(); ++j) {
            if (j == i)
                continue;
            const float d = (r.coordinates.col(i) - r.coordinates.col(j)).squaredNorm();
            if (best < 0 || d < bestD) {
                best = j;
                bestD = d;
            }
        }
        same += label[std::size_t(i)] == label[std::size_t(best)];
    }
    CHECK(same == codes.cols());
    // The two cluster centres are far apart against the clusters' own spread.
    const Eigen::Vector2f a = r.coordinates.leftCols(100).rowwise().mean();
    const Eigen::Vector2f b = r.coordinates.rightCols(100).rowwise().mean();
    const float spread = ((r.coordinates.leftCols(100).colwise() - a).colwise().norm().mean() +
                          (r.coordinates.rightCols(100).colwise() - b).colwise().norm().mean()) / 2;
    CHECK((a - b).norm() > 3.0f * spread);
    // Reports: the stages, then every 50 iterations with a KL that fell.
    REQUIRE(reports.size() == 2 + 10);
    CHECK(reports[0].stage == "neighbours");
    CHECK(reports[1].stage == "affinities");
    CHECK(reports.back().iteration == 500);
    CHECK(reports.back().kl < reports[6].kl); // after the exaggeration phase, it still falls
    CHECK(r.kl > 0.0);
}

TEST_CASE("t-SNE is reproducible bit for bit, whatever the thread count", "[analysis][tsne]")
{
    std::vector<int> label;
    const Matrix codes = twoClusters(40, label);
    TsneSettings settings;
    settings.perplexity = 10;
    settings.iterations = 120;
    settings.exaggerationIterations = 50;
    ThreadPool one(1), two(2);
    const TsneResult a = Tsne::run(codes, settings, one);
    const TsneResult b = Tsne::run(codes, settings, two);
    CHECK(a.coordinates == b.coordinates);
    CHECK(a.kl == b.kl);
    settings.seed = 2;
    const TsneResult c = Tsne::run(codes, settings, two);
    CHECK_FALSE(a.coordinates == c.coordinates);
}

TEST_CASE("t-SNE stops when asked, lowers the perplexity for few points, refuses bad input", "[analysis][tsne]")
{
    std::vector<int> label;
    const Matrix codes = twoClusters(10, label); // 20 points: perplexity 30 is too high
    ThreadPool pool(1);
    std::stop_source source;
    TsneSettings settings;
    settings.reportEvery = 10;
    int seen = 0;
    const TsneResult r = Tsne::run(codes, settings, pool, [&](const TsneProgress& p) {
        if (p.stage == "optimise" && ++seen == 3)
            source.request_stop();
    }, source.get_token());
    CHECK(r.stopped);
    CHECK(r.iterations == 30);
    CHECK(r.perplexity == Approx(19.0 / 3.0));
    CHECK(r.neighbours == 19);
    CHECK(r.coordinates.cols() == 20);

    CHECK_THROWS_AS(Tsne::run(Matrix::Zero(3, 3), TsneSettings{}, pool), Error);
    Matrix nan = codes;
    nan(0, 0) = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_AS(Tsne::run(nan, TsneSettings{}, pool), Error);
    TsneSettings bad;
    bad.theta = 2;
    CHECK_THROWS_AS(Tsne::run(codes, bad, pool), Error);
    CHECK_FALSE(bad.validate().empty());
    CHECK(TsneSettings{}.validate().empty());
}
