// Learning curves: the subsets are stratified (n of every class), seeded
// (same seed, same images; another seed, others) and nested; the experiment
// on a tiny synthetic dataset gives one point per size and seed, the same
// bits twice.
#include "SyntheticClasses.h"

#include "latentset/experiments/FewShotExperiment.h"
#include "latentset/experiments/StratifiedSubset.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace latentset;
using namespace latentset::testing;

TEST_CASE("StratifiedSubset: n images of every class, seeded and nested", "[experiments][fewshot]")
{
    const Dataset data = syntheticClasses(4, 25, 3);
    const auto five = StratifiedSubset::indices(data, 5, 9);
    REQUIRE(five.size() == 20);
    std::vector<int> counts(4, 0);
    for (Index i : five)
        ++counts[std::size_t(data.label(i))];
    CHECK(counts == std::vector<int>{5, 5, 5, 5});
    CHECK(std::is_sorted(five.begin(), five.end()));
    CHECK(StratifiedSubset::indices(data, 5, 9) == five);
    CHECK(StratifiedSubset::indices(data, 5, 10) != five);
    const auto one = StratifiedSubset::indices(data, 1, 9);
    CHECK(one.size() == 4);
    for (Index i : one)
        CHECK(std::find(five.begin(), five.end(), i) != five.end());
    CHECK(StratifiedSubset::indices(data, 0, 9).size() == 100);   // all
    CHECK(StratifiedSubset::indices(data, 1000, 9).size() == 100); // a class gives what it has
    CHECK(StratifiedSubset::of(data, 5, 9).countsPerClass() == std::vector<Index>{5, 5, 5, 5});
}

TEST_CASE("FewShotExperiment: a point per size and seed, the same bits twice", "[experiments][fewshot]")
{
    FewShotSettings s;
    s.sizes = {1, 5, 0};
    s.seeds = 2;
    s.steps = 25;
    s.memberBatch = 8;
    s.mlpBatch = 16;
    s.learningRate = 3e-3f;
    s.model = AutoencoderConfig::make(64, {12}, 3, true);
    s.mlpHidden = 16;
    s.threads = 2;
    const DatasetSplits data = syntheticSplits(4, 20);
    const FewShotResult a = FewShotExperiment(s, data).run();
    const FewShotResult b = FewShotExperiment(s, data).run();
    REQUIRE(a.points.size() == 6);
    CHECK(a.points[0].trainImages == 4);
    CHECK(a.points[2].trainImages == 20);
    CHECK(a.points[4].trainImages == 80);
    CHECK(a.points[1].seed == 2);
    for (std::size_t k = 0; k < a.points.size(); ++k) {
        CHECK(a.points[k].setAccuracy == b.points[k].setAccuracy);
        CHECK(a.points[k].mlpAccuracy == b.points[k].mlpAccuracy);
        CHECK(a.points[k].setAccuracy >= 0);
        CHECK(a.points[k].mlpAccuracy <= 1);
    }
    CHECK(a.set(2).mean > 0.6); // all images: the set learns the toy classes
    CHECK(a.set(0).sd >= 0);
    CHECK(FewShotSettings::fromJson(s.toJson()) == s);
    s.sizes.clear();
    CHECK_THROWS(s.validate());
}
