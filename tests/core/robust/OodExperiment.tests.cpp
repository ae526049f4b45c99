#include "RobustFixtures.h"

#include "latentset/experiments/OodExperiment.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <filesystem>

using namespace latentset;
using namespace latentset::robusttest;

TEST_CASE("ood settings round-trip through JSON", "[robust][ood]")
{
    OodSettings s;
    s.model = "m.lset";
    s.out = "letters";
    s.limit = 30;
    s.seed = 9;
    CHECK(OodSettings::fromJson(s.toJson()) == s);
    s.out = "";
    CHECK_THROWS_AS(s.validate(), Error);
}

TEST_CASE("the ood experiment scores eq. 4 and each term on given outside images", "[robust][ood]")
{
    // A set of the bar images' shape and its likelihood model.
    const auto set = trainedBarSet();
    std::vector<Matrix> data(3);
    for (int c = 0; c < 3; ++c)
        barImages(c, 30, 70 + std::uint64_t(c), data[std::size_t(c)]);
    LikelihoodSettings ls;
    ls.mixture.components = 2;
    const LikelihoodModel likelihood = LikelihoodModel::fit(*set, data, ls);
    // run() reads its normal side from a dataset (MNIST-shaped); the bar set
    // is 16 pixels, so the rules are checked on terms directly, and run()'s
    // refusal of a file without likelihood chunks below.
    Matrix normal;
    std::vector<int> labels;
    barTestImages(10, normal, labels);
    const Matrix noise = randomImages(16, 30, 5, 0.0f, 1.0f);
    const LikelihoodEstimator estimator(set, std::make_shared<const LikelihoodModel>(likelihood));
    const auto inRules = OodExperiment::scoreRules(estimator.evaluate(normal), nullptr);
    const auto outRules = OodExperiment::scoreRules(estimator.evaluate(noise), nullptr);
    REQUIRE(inRules.size() == 5); // no eq. 5 without a calibration
    CHECK(inRules[0].first == "eq4");
    CHECK(inRules[4].first == "squared_error");
    for (std::size_t k = 0; k < inRules.size(); ++k) {
        CHECK(inRules[k].second.size() == 30);
        CHECK(outRules[k].second.size() == 30);
    }
    // Bars are far from uniform noise: eq. 4 ranks every noise image above every bar.
    CHECK(*std::max_element(inRules[0].second.begin(), inRules[0].second.end()) <
          *std::min_element(outRules[0].second.begin(), outRules[0].second.end()));

    // A model without likelihood chunks is refused with the fix named.
    const auto dir = std::filesystem::temp_directory_path() / "latentset-robust-ood";
    std::filesystem::create_directories(dir);
    ChunkFile bare;
    ModelFile::writeSet(bare, *set, false);
    const std::string barePath = (dir / "bare.lset").string();
    bare.save(barePath);
    OodSettings s;
    s.model = barePath;
    s.out = "noise";
    CHECK_THROWS_WITH(OodExperiment(s, noise).run(), Catch::Contains("no likelihood chunks"));
    std::filesystem::remove_all(dir);
}
