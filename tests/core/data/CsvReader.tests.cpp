#include "DataTestFiles.h"

#include "latentset/data/CsvReader.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace datatest;

namespace {

std::string parseError(const std::string& text, int width = 0)
{
    try {
        CsvReader::parse(text, "toy.csv", width);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("CsvReader: Kaggle layout with and without header", "[data][csv]")
{
    const std::string body = "3,0,255,10,20\n1,1,2,3,4\r\n\n7,9,8,7,6\n";
    for (const std::string& text : {body, "label,pixel0,pixel1,pixel2,pixel3\n" + body}) {
        const Dataset d = CsvReader::parse(text, "toy.csv");
        REQUIRE(d.size() == 3);
        CHECK(d.width() == 2);
        CHECK(d.height() == 2);
        CHECK(d.label(0) == 3);
        CHECK(d.label(2) == 7);
        CHECK(d.classCount() == 8);
        CHECK(d.image(0)[1] == 255);
        CHECK(d.image(1)[3] == 4);  // the "\r" of a CRLF line end is not part of the cell
        CHECK(d.batch(std::vector<Index>{0})(1, 0) == Approx(1.0f));
    }
    // An explicit width for non-square images: 6 pixels as 3 x 2.
    const Dataset wide = CsvReader::parse("0,1,2,3,4,5,6\n", "wide.csv", 3);
    CHECK(wide.width() == 3);
    CHECK(wide.height() == 2);
}

TEST_CASE("CsvReader: bad cells are reported with file, line and column", "[data][csv]")
{
    CHECK_THAT(parseError("1,0,0,0,0\n2,0,x7,0,0\n"),
               Catch::Contains("toy.csv: line 2, column 3") && Catch::Contains("'x7' is not a number"));
    CHECK_THAT(parseError("1,0,0,0,0\n2,0,0,0\n"), Catch::Contains("line 2 has 4 cells, expected 5"));
    CHECK_THAT(parseError("1,0,0,0,300\n"), Catch::Contains("column 5") && Catch::Contains("300"));
    CHECK_THAT(parseError("1,0,0,-1,0\n"), Catch::Contains("'-1'"));
    CHECK_THAT(parseError("one,0,0,0,0\n1,0,0,0,0\nb,0,0,0,0\n"), Catch::Contains("line 3, column 1"));
    CHECK_THAT(parseError("1,0,0,0\n"), Catch::Contains("not a square"));
    CHECK_THAT(parseError("1,0,0,0,0,0\n", 4), Catch::Contains("not a multiple of width 4"));
    CHECK_THAT(parseError("label,p0,p1,p2,p3\n"), Catch::Contains("zero images"));
    CHECK_THAT(parseError(""), Catch::Contains("zero images"));
    CHECK_THAT(parseError("12345\n"), Catch::Contains("one cell"));
    CHECK_THAT(parseError("99999999,0,0,0,0\n"), Catch::Contains("larger than"));
    CHECK_THAT(parseError(std::string("1,0,\x01\xff,0,0\n")), Catch::Contains("\\x01\\xFF"));
}

TEST_CASE("CsvReader: files on disk, with the train/test sibling", "[data][csv]")
{
    TempDir dir("csv-files");
    writeText(dir.file("toy_train.csv"), "label,a,b,c,d\n0,1,2,3,4\n1,5,6,7,8\n");
    writeText(dir.file("toy_test.csv"), "label,a,b,c,d\n1,9,9,9,9\n");
    const DatasetSplits fromTrain = CsvReader::readWithSibling(dir.file("toy_train.csv"));
    CHECK(fromTrain.name == "toy");
    CHECK(fromTrain.train.size() == 2);
    CHECK(fromTrain.test.size() == 1);
    const DatasetSplits fromTest = CsvReader::readWithSibling(dir.file("toy_test.csv"));
    CHECK(fromTest.train.size() == 2);
    CHECK(fromTest.test.size() == 1);

    CHECK_THROWS_WITH(CsvReader::read(dir.file("absent.csv")), Catch::Contains("absent.csv: no such file"));
    writeText(dir.file("broken.csv"), "0,1,2,3,4\n1,5,6,7\n");
    CHECK_THROWS_WITH(CsvReader::read(dir.file("broken.csv")), Catch::Contains("broken.csv: line 2"));
}

TEST_CASE("CsvReader: the shipped sample file", "[data][csv]")
{
    const Dataset d = CsvReader::read(std::string(LATENTSET_TEST_DATA_DIR) + "/patterns-8x8.csv");
    CHECK(d.width() == 8);
    CHECK(d.height() == 8);
    CHECK(d.size() == 20);
    CHECK(d.classCount() == 10);
    for (Index count : d.countsPerClass())
        CHECK(count == 2);
}
