#include "latentset/experiments/UnitsExperiment.h"
#include "latentset/experiments/UnitsTable.h"

#include "latentset/analysis/MemberUnits.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace latentset;

TEST_CASE("Units settings: JSON round trip, defaults, bad values", "[experiments][units]")
{
    UnitsSettings s;
    s.member = 3;
    s.order = UnitsSettings::Order::Activation;
    s.step = 1.5f;
    s.steps = 7;
    s.perTileScale = false;
    s.decoderFilters = true;
    s.sweepChange = true;
    CHECK(UnitsSettings::fromJson(s.toJson()) == s);
    CHECK(UnitsSettings::fromJson(JsonReader::parse("{}", "t")) == UnitsSettings{});
    CHECK_THROWS_AS(UnitsSettings::fromJson(JsonReader::parse(R"({"sort":"size"})", "t")), Error);
    CHECK_THROWS_AS(UnitsSettings::fromJson(JsonReader::parse(R"({"steps":4})", "t")), Error);
    const std::vector<float> offsets = s.offsets();
    REQUIRE(offsets.size() == 7);
    CHECK(offsets.front() == Approx(-1.5));
    CHECK(offsets[3] == 0.0f);
    CHECK(offsets.back() == Approx(1.5));
}

TEST_CASE("Units experiment: filters, sweep and orders of one member", "[experiments][units]")
{
    const AutoencoderSet set(AutoencoderConfig::make(16, {6}, 3, true), 2, 5);
    Vector x(16);
    for (Index k = 0; k < 16; ++k)
        x(k) = float(k % 5) / 4.0f;
    UnitsSettings s;
    s.member = 1;
    s.order = UnitsSettings::Order::Norm;
    const UnitsResult r = UnitsExperiment::run(set, x, s, UnitsPictures::square(16));
    CHECK(r.pictureWidth == 4);
    CHECK(r.unitCount == 6);
    CHECK(r.tied);
    const MemberUnits units(set.member(1));
    CHECK(r.filters == units.filters());
    CHECK(r.tiles.minCoeff() >= 0.0f);
    CHECK(r.tiles.maxCoeff() <= 1.0f);
    // Sorted by norm: non-increasing norms along the order.
    REQUIRE(r.unitOrder.size() == 6);
    for (std::size_t k = 1; k < r.unitOrder.size(); ++k)
        CHECK(r.norms(r.unitOrder[k - 1]) >= r.norms(r.unitOrder[k]));
    // Decode of z* + 0 equals the reconstruction, for every direction.
    const std::size_t mid = r.offsets.size() / 2;
    for (Index i = 0; i < r.latentSize; ++i)
        CHECK(r.sweep.col(i * Index(r.offsets.size()) + Index(mid)).isApprox(r.reconstruction, 1e-6f));
    CHECK(r.reconstruction.isApprox(set.member(1).reconstruct(x).col(0)));
    CHECK(r.sweepShown == r.sweep);
    // Drawn as the change from f(z*): grey (0.5) at offset 0, within [0, 1], the sign kept.
    s.sweepChange = true;
    const UnitsResult c = UnitsExperiment::run(set, x, s, UnitsPictures::square(16));
    for (Index i = 0; i < c.latentSize; ++i)
        CHECK(c.sweepShown.col(i * Index(c.offsets.size()) + Index(mid)).isApproxToConstant(0.5f, 1e-5f));
    CHECK(c.sweepShown.minCoeff() >= 0.0f);
    CHECK(c.sweepShown.maxCoeff() <= 1.0f);
    const Index last = Index(c.offsets.size()) - 1;
    CHECK((c.sweepShown(0, last) > 0.5f) == (c.sweep(0, last) > c.reconstruction(0)));
    s.sweepChange = false;

    s.order = UnitsSettings::Order::Activation;
    const UnitsResult a = UnitsExperiment::run(set, x, s, UnitsPictures::square(16));
    for (std::size_t k = 1; k < a.unitOrder.size(); ++k)
        CHECK(a.activations(a.unitOrder[k - 1]) >= a.activations(a.unitOrder[k]));
    for (std::size_t k = 1; k < a.directionOrder.size(); ++k)
        CHECK(std::abs(a.code(a.directionOrder[k - 1])) >= std::abs(a.code(a.directionOrder[k])));
    s.order = UnitsSettings::Order::Index;
    CHECK(UnitsExperiment::run(set, x, s, UnitsPictures::square(16)).unitOrder == std::vector<Index>{0, 1, 2, 3, 4, 5});

    s.member = 2;
    CHECK_THROWS_AS(UnitsExperiment::run(set, x, s, UnitsPictures::square(16)), Error);
    CHECK_THROWS_AS(UnitsPictures::square(15), Error);
}

TEST_CASE("Units experiment: redirect equals a new run for a new step", "[experiments][units]")
{
    const AutoencoderSet set(AutoencoderConfig::make(16, {6}, 3, true), 2, 5);
    const Vector x = Vector::LinSpaced(16, 0.0f, 1.0f);
    UnitsSettings s;
    const UnitsResult first = UnitsExperiment::run(set, x, s, UnitsPictures::square(16));
    s.step = 1.5f;
    s.steps = 7;
    s.sweepChange = true;
    const UnitsResult again = UnitsExperiment::run(set, x, s, UnitsPictures::square(16));
    const UnitsResult moved = UnitsExperiment::redirect(set, first, s, UnitsPictures::square(16));
    CHECK(moved.offsets == again.offsets);
    CHECK(moved.sweep == again.sweep);
    CHECK(moved.sweepShown == again.sweepShown);
    CHECK(moved.directionResponse == again.directionResponse);
    CHECK(moved.directionOrder == again.directionOrder);
    CHECK(moved.filters == again.filters);
    CHECK(moved.unitOrder == again.unitOrder);
    s.member = 1;
    CHECK_THROWS_AS(UnitsExperiment::redirect(set, first, s, UnitsPictures::square(16)), Error);
}

TEST_CASE("Units table: one row per unit and per direction offset", "[experiments][units]")
{
    const AutoencoderSet set(AutoencoderConfig::make(9, {4}, 2, true), 1, 8);
    const Vector x = Vector::LinSpaced(9, 0.0f, 1.0f);
    UnitsSettings s;
    s.steps = 3;
    const UnitsResult r = UnitsExperiment::run(set, x, s, UnitsPictures::square(9));
    CHECK(UnitsTable::header(r) == "kind,index,rank,offset,norm,activation,p0,p1,p2,p3,p4,p5,p6,p7,p8");
    std::ostringstream out;
    UnitsTable::writeRows(r, out);
    std::istringstream in(out.str());
    std::string line;
    int filters = 0, directions = 0;
    while (std::getline(in, line)) {
        CHECK(std::count(line.begin(), line.end(), ',') == 5 + 9);
        filters += line.rfind("filter,", 0) == 0;
        directions += line.rfind("direction,", 0) == 0;
    }
    CHECK(filters == 4);
    CHECK(directions == 2 * 3);
    // The first filter row is the unit ranked first, with its raw weights.
    const std::string first = out.str().substr(0, out.str().find('\n'));
    CHECK(first.rfind("filter," + std::to_string(r.unitOrder[0]) + ",0,,", 0) == 0);
}
