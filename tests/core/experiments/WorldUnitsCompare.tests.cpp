// Units and comparisons on context worlds (docs/units-and-compare.md): a
// world member's unit pictures come in the world's own frame, a world model
// file keeps its training history (and files without one still load), and
// the per-context errors of a comparison are WorldTransfer's pairs.
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/experiments/RunComparison.h"
#include "latentset/experiments/UnitsExperiment.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/world/WorldTransfer.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {

Dataset someGlyphs()
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : BuiltinGlyphs::names()) {
        const Vector g = BuiltinGlyphs::render(name);
        for (Index k = 0; k < g.size(); ++k)
            pixels.push_back(std::uint8_t(255.0f * g(k) + 0.5f));
        labels.push_back(int(labels.size()));
    }
    return Dataset(28, 28, pixels, labels, {}, "built-in glyphs");
}

WorldSpec smallScalePosition()
{
    WorldSpec spec = WorldSpec::named("scale-position");
    spec.scalePosition.scales = 2;
    spec.scalePosition.positions = 2;
    spec.scalePosition.frame = 48;
    return spec;
}

WorldModel smallModel(const ContextWorld& world, std::uint64_t seed)
{
    WorldModel m;
    m.spec = smallScalePosition();
    m.training.hidden = 12;
    m.training.latent = 3;
    AutoencoderConfig config = AutoencoderConfig::make(world.memberInputSize(), {12}, 3, true);
    config.loss = LossKind::BinaryCrossEntropy;
    m.members = AutoencoderSet(config, world.contextCount(), seed);
    m.rounds = 7;
    return m;
}

} // namespace

TEST_CASE("Units of a world member are pictures in the world's frame", "[experiments][units][world]")
{
    const auto world = WorldBuilder(smallScalePosition()).over(someGlyphs());
    REQUIRE(world->contextCount() == 8);
    const WorldModel model = smallModel(*world, 3);
    const int c = 5;
    const std::vector<Index> item{2};
    const Vector input = world->memberInput(c, item).col(0);
    UnitsSettings s;
    s.member = c;
    const UnitsPictures pictures = UnitsPictures::worldMember(*world, c);
    CHECK(pictures.width == 48);
    CHECK(pictures.height == 48);
    const UnitsResult r = UnitsExperiment::run(model.members, input, s, pictures);
    CHECK(r.pictureWidth == 48);
    CHECK(r.pictureHeight == 48);
    CHECK(r.filters.rows() == 48 * 48);
    CHECK(r.filters.cols() == 12);
    CHECK(r.sweep.rows() == 48 * 48);
    CHECK(r.input.size() == 48 * 48);
    // The input picture is the item as the world shows it in context c, whole frame.
    const Matrix frame = world->framesFromMasked(c, world->masked(c, item));
    CHECK(r.input.isApprox(frame.col(0)));
    // Off the context's mask the filters are 0; on it they are the member's weights.
    const std::vector<int>& mask = world->maskPixels(c);
    std::vector<bool> on(std::size_t(48 * 48), false);
    for (int p : mask)
        on[std::size_t(p)] = true;
    const Matrix weights = model.members.member(c).weightStorage(0); // units x inputs
    for (Index p = 0; p < 48 * 48; ++p)
        if (!on[std::size_t(p)])
            CHECK(r.filters.row(p).cwiseAbs().maxCoeff() == 0.0f);
    CHECK(r.filters(mask[3], 4) == weights(4, 3));
    CHECK_THROWS_AS(UnitsPictures::worldMember(*world, 8), Error);
}

TEST_CASE("Units of a masked world member show the visible frame, 0 off the mask", "[experiments][units][world]")
{
    // The cube as a context world: each context sees one face, its mask, and
    // the members' inputs are padded to the largest mask.
    WorldSpec spec = WorldSpec::named("cube");
    spec.contexts = 4;
    const auto world = WorldBuilder(spec).over(someGlyphs());
    const int c = 1;
    REQUIRE(world->maskSize(c) < world->frameSize());
    AutoencoderConfig config = AutoencoderConfig::make(world->memberInputSize(), {6}, 2, true);
    const AutoencoderSet members(config, world->contextCount(), 9);
    UnitsSettings s;
    s.member = c;
    const std::vector<Index> item{1};
    const UnitsResult r = UnitsExperiment::run(members, world->memberInput(c, item).col(0), s,
                                               UnitsPictures::worldMember(*world, c));
    CHECK(r.pictureWidth == world->frameWidth());
    CHECK(r.filters.rows() == world->frameSize());
    // The filters' weights on the mask pixels, in frame places; nothing of the padding.
    const Matrix weights = members.member(c).weightStorage(0);
    const std::vector<int>& mask = world->maskPixels(c);
    Matrix expected = Matrix::Zero(world->frameSize(), 6);
    for (std::size_t k = 0; k < mask.size(); ++k)
        expected.row(mask[k]) = weights.col(Index(k)).transpose();
    CHECK(r.filters == expected);
    CHECK(r.reconstruction.size() == world->frameSize());
}

TEST_CASE("A world model file keeps its training history, and files without one load", "[experiments][world][compare]")
{
    const auto world = WorldBuilder(smallScalePosition()).over(someGlyphs());
    WorldModel m = smallModel(*world, 4);
    ChunkFile plain("plain.lset");
    m.addTo(plain);
    CHECK(!plain.find("HIST")); // an empty history writes nothing: the file is as before
    const WorldModel older = WorldModel::from(ChunkFile::fromBytes(plain.toBytes(), "plain.lset"));
    CHECK(older.history.empty());

    m.history = MetricHistory{{"round", "self", "cross"}, {{10, 0.25, 0.5}, {20, 0.125, 0}}};
    ChunkFile with("with.lset");
    m.addTo(with);
    const WorldModel back = WorldModel::from(ChunkFile::fromBytes(with.toBytes(), "with.lset"));
    CHECK(back.history.columns == m.history.columns);
    CHECK(back.history.rows == m.history.rows);
    CHECK(back.members.size() == 8);

    // A history that claims more rows than its bytes hold is refused before anything is allocated.
    ChunkFile lying("lying.lset");
    WorldModel bare = m;
    bare.history = {};
    bare.addTo(lying);
    BinaryWriter w;
    w.writeU64(1);
    w.writeString("round");
    w.writeU64(std::uint64_t(1) << 60);
    lying.add("HIST", 1, w.take());
    CHECK_THROWS_AS(WorldModel::from(ChunkFile::fromBytes(lying.toBytes(), "lying.lset")), Error);

    // As series: column k against the rounds, the zeros (no cross round) left out.
    const std::vector<HistorySeries> series = RunComparison::historySeries(m.history, true);
    REQUIRE(series.size() == 2);
    CHECK(series[0].name == "self");
    CHECK(series[0].x == std::vector<double>{10, 20});
    CHECK(series[0].y == std::vector<double>{0.25, 0.125});
    CHECK(series[1].x == std::vector<double>{10});
    CHECK(RunComparison::historySeries(MetricHistory{}, true).empty());
}

TEST_CASE("Per-context errors of a world are the transfer pairs' diagonal and column means", "[experiments][compare][world]")
{
    const auto world = WorldBuilder(smallScalePosition()).over(someGlyphs());
    const WorldModel m = smallModel(*world, 5);
    const std::vector<Index> items{0, 3, 5};
    const WorldContextErrors e = RunComparison::worldContextErrors(m.members, *world, items);
    const TransferErrors pairs = WorldTransfer(m.members, *world).errors(items);
    REQUIRE(e.self.size() == 8);
    for (int c = 0; c < 8; ++c) {
        CHECK(e.self(c) == Approx(pairs.pairs(c, c)));
        double into = 0;
        for (int i = 0; i < 8; ++i)
            if (i != c)
                into += pairs.pairs(i, c);
        CHECK(e.transfer(c) == Approx(into / 7).epsilon(1e-5));
    }
    CHECK(e.selfMean == Approx(pairs.selfError));
    CHECK(e.transferMean == Approx(pairs.transferError));
    CHECK_THROWS_AS(RunComparison::worldContextErrors(m.members, *world, {}), Error);
}

TEST_CASE("World training records its loss history into the model file", "[experiments][world]")
{
    WorldTrainSettings s;
    s.world = smallScalePosition();
    s.training.hidden = 16;
    s.training.latent = 4;
    s.training.batchSize = 8;
    s.steps = 30;
    s.threads = 1;
    s.evalItems = 4;
    const auto world = WorldBuilder(s.world).over(someGlyphs());
    WorldTrainExperiment experiment(s, {world, world});
    const WorldTrainResult r = experiment.run();
    REQUIRE(!r.history.empty());
    CHECK(r.history.columns == std::vector<std::string>{"round", "self", "cross"});
    for (const auto& row : r.history.rows) {
        CHECK(row.size() == 3);
        CHECK(row[0] <= 30);
    }
    CHECK(experiment.model().history.rows == r.history.rows);
}
