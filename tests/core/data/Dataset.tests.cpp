#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace latentset;

namespace {

// 3x2 images; pixel k of image i is 10 * i + k; labels cycle over `classes`
// except that class 0 gets every third image twice as often (unbalanced on purpose).
Dataset makeDataset(int count, int classes)
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < count; ++i) {
        for (int k = 0; k < 6; ++k)
            pixels.push_back(std::uint8_t((10 * i + k) % 256));
        labels.push_back(i % 3 == 0 ? 0 : i % classes);
    }
    return Dataset(3, 2, std::move(pixels), std::move(labels), {}, "toy");
}

} // namespace

TEST_CASE("Dataset: batch is one column per sample, floats from 0 to 1", "[data]")
{
    const Dataset d = makeDataset(30, 4);
    REQUIRE(d.size() == 30);
    REQUIRE(d.pixelCount() == 6);
    const std::vector<Index> pick = {5, 0, 29};
    const Matrix b = d.batch(pick);
    REQUIRE(b.rows() == 6);
    REQUIRE(b.cols() == 3);
    for (int j = 0; j < 3; ++j)
        for (int k = 0; k < 6; ++k)
            CHECK(b(k, j) == Approx(float((10 * pick[std::size_t(j)] + k) % 256) / 255.0f));
    CHECK(b.minCoeff() >= 0.0f);
    CHECK(b.maxCoeff() <= 1.0f);
    // batchInto reuses a matrix of another shape.
    Matrix reused(1, 1);
    d.batchInto(pick, reused);
    CHECK(reused.isApprox(b));
    CHECK(d.range(28, 10).cols() == 2);
    CHECK(d.imageVector(5).isApprox(b.col(0)));
}

TEST_CASE("Dataset: classes, counts and names", "[data]")
{
    Dataset d = makeDataset(30, 4);
    CHECK(d.classCount() == 4);
    const std::vector<Index> counts = d.countsPerClass();
    REQUIRE(counts.size() == 4);
    Index total = 0;
    for (Index c : counts)
        total += c;
    CHECK(total == 30);
    CHECK(counts[0] == Index(d.indicesOfClass(0).size()));
    CHECK(d.className(2) == "2");
    d.setClassNames({"zero", "one", "two", "three", "four"});
    CHECK(d.className(2) == "two");
    CHECK(d.classCount() == 5);  // a named class without images still counts
    const Dataset only = d.ofClass(1);
    CHECK(only.size() == counts[1]);
    for (int label : only.labels())
        CHECK(label == 1);
}

TEST_CASE("Dataset: constructor refuses inconsistent input, naming the dataset", "[data]")
{
    CHECK_THROWS_WITH(Dataset(3, 2, std::vector<std::uint8_t>(11), std::vector<int>(2), {}, "toy"),
                      Catch::Contains("toy") && Catch::Contains("expected 12"));
    CHECK_THROWS_WITH(Dataset(0, 2, {}, {}, {}, "toy"), Catch::Contains("not positive"));
    CHECK_THROWS_WITH(Dataset(1, 1, {0}, {-1}, {}, "toy"), Catch::Contains("label -1"));
    CHECK_THROWS_AS(Dataset(1, 1, {0}, {Dataset::kMaxLabel + 1}), Error);
    const Dataset d = makeDataset(4, 2);
    const std::vector<Index> bad = {4};
    CHECK_THROWS_WITH(d.batch(bad), Catch::Contains("out of range"));
}

TEST_CASE("Dataset: validation split is seeded, stratified and disjoint", "[data]")
{
    const Dataset d = makeDataset(300, 5);
    const auto [rest, validation] = d.splitValidation(60, 7);
    REQUIRE(validation.size() == 60);
    REQUIRE(rest.size() == 240);
    // Each class keeps its share within one image.
    const std::vector<Index> all = d.countsPerClass();
    const std::vector<Index> val = validation.countsPerClass();
    for (std::size_t c = 0; c < all.size(); ++c)
        CHECK(std::abs(double(val[c]) - 0.2 * double(all[c])) <= 1.0);
    // Disjoint and complete: image bytes identify an image (pixel 0 = 10 i mod 256,
    // pixel 1 adds 1) - compare by the first two pixels plus label.
    std::multiset<std::vector<int>> seen;
    for (const Dataset* part : {&rest, &validation})
        for (Index i = 0; i < part->size(); ++i)
            seen.insert({part->image(i)[0], part->image(i)[5], part->label(i)});
    std::multiset<std::vector<int>> original;
    for (Index i = 0; i < d.size(); ++i)
        original.insert({d.image(i)[0], d.image(i)[5], d.label(i)});
    CHECK(seen == original);

    // Same seed, same split; another seed, another split.
    const auto again = d.splitValidation(60, 7);
    CHECK(again.second.pixels() == validation.pixels());
    const auto other = d.splitValidation(60, 8);
    CHECK(other.second.pixels() != validation.pixels());

    CHECK_THROWS_AS(d.splitValidation(300, 1), Error);
}

TEST_CASE("DatasetSplits: carveValidation moves images from train, once", "[data]")
{
    DatasetSplits splits;
    splits.name = "toy";
    splits.train = makeDataset(100, 4);
    splits.test = makeDataset(20, 4);
    splits.carveValidationFraction(0.1);
    CHECK(splits.train.size() == 90);
    CHECK(splits.validation.size() == 10);
    CHECK(splits.test.size() == 20);
    CHECK(splits.totalImages() == 120);
    CHECK_THROWS_WITH(splits.carveValidation(5), Catch::Contains("already"));
    DatasetSplits fresh;
    fresh.train = makeDataset(100, 4);
    CHECK_THROWS_AS(fresh.carveValidationFraction(1.5), Error);
}
