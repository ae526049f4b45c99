// The level-2 concept of a world (world/WorldConcept, world/WorldImaginer):
// units per degree of freedom, map normalisation, the calibration's
// read-out on hand-made codes (a circle of codes reads back as its angles),
// the file round trip, and damaged chunks refused.
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/world/WorldConcept.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace latentset;

namespace {

const ContextAxis kAngle{"angle", true, 360.0};

// A two-unit concept over 12 contexts whose calibration puts angle a at the
// code (0.5 + 0.4 cos a, 0.5 + 0.4 sin a).
WorldConcept circleConcept()
{
    ConceptSettings s;
    s.hiddenSizes = {8};
    s.units = 2;
    WorldConcept c(ConceptModel(12, s), {kAngle});
    const int m = 72;
    Matrix codes(2, m), angles(1, m);
    for (int k = 0; k < m; ++k) {
        const double a = 5.0 * k;
        codes(0, k) = float(0.5 + 0.4 * std::cos(a * M_PI / 180));
        codes(1, k) = float(0.5 + 0.4 * std::sin(a * M_PI / 180));
        angles(0, k) = float(a);
    }
    c.setCalibration(codes, angles);
    return c;
}

} // namespace

TEST_CASE("A world concept has one unit per degree of freedom, two for a circle", "[world][concept]")
{
    CHECK(WorldConcept::unitsFor({kAngle}) == 2);
    CHECK(WorldConcept::unitsFor({{"scale", false, 0}, {"y", false, 0}, {"x", false, 0}}) == 3);
    CHECK(WorldConcept::unitsFor({{"index", false, 0}}) == 1);
    CHECK(WorldConcept::unitsFor({}) == 1);
}

TEST_CASE("Likelihood maps are normalised per input to [0, 1]", "[world][concept]")
{
    Matrix logL(3, 2);
    logL << -10, -5, -20, -5, -30, -5;
    const Matrix maps = WorldConcept::normalizedMaps(logL);
    CHECK(maps(0, 0) == Approx(1.0));
    CHECK(maps(1, 0) == Approx(0.5));
    CHECK(maps(2, 0) == Approx(0.0));
    // A column with no spread says nothing: 0.5 everywhere.
    CHECK(maps.col(1).isConstant(0.5f));
}

TEST_CASE("The calibration reads a code back as the values of its nearest entries", "[world][concept]")
{
    const WorldConcept c = circleConcept();
    for (double a : {0.0, 47.0, 181.0, 359.0}) {
        Vector code(2);
        code << float(0.5 + 0.4 * std::cos(a * M_PI / 180)), float(0.5 + 0.4 * std::sin(a * M_PI / 180));
        const double read = c.parametersAt(code, 2)[0];
        // The circular mean of the two nearest entries: within one step (5 degrees), across 0/360 too.
        const double err = std::min(std::abs(read - a), 360.0 - std::abs(read - a));
        INFO("angle " << a << " read " << read);
        CHECK(err <= 5.0);
    }
    CHECK(c.unitMin()[0] == Approx(0.1f));
    CHECK(c.unitMax()[1] == Approx(0.9f).margin(1e-3));
    CHECK_THROWS_AS(c.parametersAt(Vector::Zero(3)), Error);
    WorldConcept uncalibrated(ConceptModel(12, ConceptSettings{}), {kAngle});
    CHECK_THROWS_AS(uncalibrated.parametersAt(Vector::Zero(1)), Error);
    CHECK_THROWS_AS(uncalibrated.setCalibration(Matrix::Zero(1, 4), Matrix::Zero(2, 4)), Error);
    Matrix nan = Matrix::Zero(1, 4);
    nan(0, 2) = std::nanf("");
    CHECK_THROWS_AS(uncalibrated.setCalibration(Matrix::Zero(1, 4), nan), Error);
}

TEST_CASE("A world concept round-trips through its chunks, damaged ones are refused", "[world][concept][hostile]")
{
    const WorldConcept c = circleConcept();
    ChunkFile file("concept.lset");
    c.write(file);
    REQUIRE(WorldConcept::present(file));
    const WorldConcept read = WorldConcept::read(ChunkFile::fromBytes(file.toBytes(), "concept.lset"));
    CHECK(read.units() == 2);
    CHECK(read.contexts() == 12);
    REQUIRE(read.axes().size() == 1);
    CHECK(read.axes()[0].circular);
    CHECK(read.axes()[0].period == 360.0);
    CHECK(read.calibrationCodes() == c.calibrationCodes());
    CHECK(read.calibrationParameters() == c.calibrationParameters());
    Matrix maps = Matrix::Random(12, 3).cwiseAbs();
    CHECK(read.codes(maps) == c.codes(maps));

    // Only one of the two chunks: refused, naming what is missing.
    ChunkFile networkOnly("network.lset");
    networkOnly.add("CNCP", file.find("CNCP")->version, file.find("CNCP")->payload);
    CHECK_FALSE(WorldConcept::present(networkOnly));
    CHECK_THROWS_AS(WorldConcept::read(networkOnly), Error);
    // Every truncation of the table chunk, and a claimed axis count of 2^31.
    const std::string table = file.find(WorldConcept::kTag)->payload;
    for (std::size_t cut = 0; cut < table.size(); cut += 7) {
        ChunkFile damaged("damaged.lset");
        damaged.add("CNCP", file.find("CNCP")->version, file.find("CNCP")->payload);
        damaged.add(WorldConcept::kTag, WorldConcept::kVersion, table.substr(0, cut));
        CHECK_THROWS_AS(WorldConcept::read(damaged), Error);
    }
    std::string huge = table;
    const std::uint32_t axes = 1u << 31;
    std::memcpy(huge.data(), &axes, 4);
    ChunkFile lying("lying.lset");
    lying.add("CNCP", file.find("CNCP")->version, file.find("CNCP")->payload);
    lying.add(WorldConcept::kTag, WorldConcept::kVersion, huge);
    CHECK_THROWS_AS(WorldConcept::read(lying), Error);
}

TEST_CASE("A level-2 network of several units round-trips and decodes codes", "[concept][level2]")
{
    ConceptSettings s;
    s.hiddenSizes = {6};
    s.units = 3;
    s.epochs = 3;
    s.restarts = 1;
    ConceptModel model(10, s);
    CHECK(model.units() == 3);
    const Matrix maps = (Matrix::Random(10, 40).array() * 0.5f + 0.5f).matrix();
    model.train(maps);
    const Matrix codes = model.codes(maps.leftCols(4));
    CHECK(codes.rows() == 3);
    CHECK(model.decodeCodes(codes).rows() == 10);
    CHECK_THROWS_AS(model.decode(Vector::Zero(4)), Error); // decode(u) is for one unit
    ChunkFile file("net.lset");
    model.write(file);
    const ConceptModel read = ConceptModel::read(ChunkFile::fromBytes(file.toBytes(), "net.lset"));
    CHECK(read.units() == 3);
    CHECK(read.codes(maps.leftCols(4)) == codes);
    ConceptSettings bad = s;
    bad.units = 0;
    CHECK_THROWS_AS(ConceptModel(10, bad), Error);
}
