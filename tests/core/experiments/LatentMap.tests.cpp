// The latent map experiment: settings round trip, which code each point gets
// (a world: member c encodes item i in context c; a class set: the member
// that explains an image best, or one chosen member), the projection (PCA
// as analysis/Pca gives it, a fixed basis kept, t-SNE stopped) and the
// spread ratio measured on the codes.
#include "ExperimentFixtures.h"

#include "latentset/experiments/LatentMapExperiment.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace latentset::testing;

namespace {

std::shared_ptr<const AutoencoderSet> membersFor(const ContextWorld& world, std::uint64_t seed)
{
    const auto config = AutoencoderConfig::make(world.memberInputSize(), {16}, 4, true);
    return std::make_shared<const AutoencoderSet>(config, world.contextCount(), seed);
}

// 40 8x8 images of two classes, the second brighter on its left half.
std::shared_ptr<const Dataset> twoClasses()
{
    Random rng(3);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < 40; ++i) {
        labels.push_back(i % 2);
        for (int p = 0; p < 64; ++p)
            pixels.push_back(std::uint8_t(rng.uniform() * 60 + ((i % 2) && (p % 8) < 4 ? 180 : 0)));
    }
    return std::make_shared<const Dataset>(8, 8, pixels, labels, std::vector<std::string>{"dark", "bright"}, "two");
}

struct StopAtFirstReport : ExperimentObserver {
    StopSource* source = nullptr;
    int reports = 0;
    std::vector<std::string> stages;
    void stageReached(const std::string& stage) override { stages.push_back(stage); }
    void progress(const std::string& phase, const TrainerProgress& p) override
    {
        CHECK(phase == "tsne");
        CHECK(p.lossNames == std::vector<std::string>{"kl"});
        ++reports;
        source->request_stop();
    }
};

} // namespace

TEST_CASE("latent map settings: JSON round trip and validation", "[experiments][latent]")
{
    LatentMapSettings s;
    s.model = "m.lset";
    s.method = "tsne";
    s.points = 10000;
    s.member = 3;
    s.tsne.perplexity = 12;
    s.tsne.iterations = 300;
    s.tsne.seed = 77;
    const LatentMapSettings back =
        LatentMapSettings::fromJson(JsonReader::parse(JsonWriter::write(s.toJson(), false), "s.json"));
    CHECK(back == s);
    CHECK(back.tsne.perplexity == 12);
    CHECK(LatentMapSettings::fromJson(JsonValue::object()) == LatentMapSettings{});
    LatentMapSettings bad;
    bad.method = "umap";
    CHECK_THROWS_AS(bad.validate(), Error);
    bad = {};
    bad.points = 3;
    CHECK_THROWS_AS(bad.validate(), Error);
    bad = {};
    bad.tsne.perplexity = 1;
    CHECK_THROWS_AS(bad.validate(), Error);
    CHECK_THROWS_AS(LatentMapSettings::fromJson(JsonReader::parse(R"({"method":"umap"})", "s.json")), Error);
}

TEST_CASE("latent map of a world: member c's code of item i, PCA of them, spread by item", "[experiments][latent]")
{
    const auto world = smallCubeData(30, 4);
    const auto members = membersFor(*world, 9);
    LatentMapSettings s;
    s.points = 12 * 5 + 7; // 5 items in each of the 12 contexts
    LatentMapExperiment experiment(s, members, world);
    const LatentMapResult r = experiment.run();
    REQUIRE(r.kind == "world");
    REQUIRE(r.codes.cols() == 60);
    CHECK(r.items == 5);
    CHECK(r.contexts == 12);
    CHECK(r.coordinates.rows() == 2);
    CHECK(r.coordinates.cols() == 60);
    CHECK(r.contextNames.size() == 12);
    for (int c : {0, 7, 11})
        for (Index i : {Index(0), Index(4)}) {
            const Index point = Index(c) * 5 + i;
            CHECK(r.item[std::size_t(point)] == i);
            CHECK(r.context[std::size_t(point)] == c);
            const Index one[1] = {i};
            const Matrix z = members->member(c).encode(world->memberInput(c, one));
            CHECK((r.codes.col(point) - z.col(0)).norm() < 1e-5f);
        }
    const Pca pca = Pca::fit(r.codes, 2);
    CHECK((r.coordinates - pca.project(r.codes)).cwiseAbs().maxCoeff() < 1e-5f);
    REQUIRE(r.measured);
    CHECK(r.spreadBy == "item");
    const SpreadRatio expected = SpreadRatio::measure(r.codes, r.item);
    CHECK(r.spread.ratio == Approx(expected.ratio));
    CHECK(r.spread.items == 5);
    CHECK_FALSE(r.stopped);
    CHECK(r.seconds >= 0);

    // A fixed basis is used as it is, not refitted.
    auto basis = std::make_shared<const Pca>(Pca::fit(r.codes.leftCols(20), 2));
    LatentMapExperiment fixed(s, membersFor(*world, 10), world);
    fixed.setBasis(basis);
    const LatentMapResult f = fixed.run();
    CHECK(f.basis == basis);
    CHECK((f.coordinates - basis->project(f.codes)).cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("latent map of a class set: the best member's code or a chosen member's", "[experiments][latent]")
{
    const auto images = twoClasses();
    const auto set = std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(64, {12}, 3, true), 2, 5);
    LatentMapSettings s;
    s.points = 30;
    const LatentMapResult best = LatentMapExperiment(s, set, images).run();
    REQUIRE(best.codes.cols() == 30);
    CHECK(best.kind == "class-set");
    const Matrix x = images->range(0, 30);
    const SetClassifier classifier(set);
    const std::vector<int> decided = classifier.decide(classifier.errors(x), false);
    for (Index j = 0; j < 30; ++j) {
        CHECK(best.context[std::size_t(j)] == decided[std::size_t(j)]);
        CHECK(best.label[std::size_t(j)] == int(j % 2));
        const Matrix z = set->member(decided[std::size_t(j)]).encode(x.col(j));
        CHECK((best.codes.col(j) - z.col(0)).norm() < 1e-5f);
    }
    CHECK(best.spreadBy == "class");
    CHECK(best.measured);
    CHECK(best.labelNames == std::vector<std::string>{"dark", "bright"});

    s.member = 1;
    const LatentMapResult one = LatentMapExperiment(s, set, images).run();
    CHECK((one.codes - set->member(1).encode(x)).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK(std::all_of(one.context.begin(), one.context.end(), [](int c) { return c == 1; }));
    s.member = 2;
    CHECK_THROWS_AS(LatentMapExperiment(s, set, images).run(), Error);
    const auto wrongSize = std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(49, {12}, 3, true), 2, 5);
    CHECK_THROWS_AS(LatentMapExperiment(LatentMapSettings{}, wrongSize, images), Error);
}

TEST_CASE("latent map by t-SNE reports its stages and progress and stops when asked", "[experiments][latent]")
{
    const auto world = smallCubeData(30, 4);
    LatentMapSettings s;
    s.method = "tsne";
    s.points = 12 * 10;
    s.tsne.perplexity = 5;
    s.tsne.reportEvery = 10;
    StopSource source;
    StopAtFirstReport observer;
    observer.source = &source;
    LatentMapExperiment experiment(s, membersFor(*world, 9), world);
    const LatentMapResult r = experiment.run(&observer, source.get_token());
    CHECK(r.stopped);
    CHECK(observer.reports == 1);
    CHECK(r.iterations < s.tsne.iterations);
    CHECK(r.coordinates.cols() == 120);
    CHECK(observer.stages == std::vector<std::string>{"codes", "neighbours", "affinities", "projected"});
    CHECK(r.method == "tsne");
}
