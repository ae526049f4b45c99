#include "DataTestFiles.h"

#include "latentset/data/IdxReader.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace datatest;

TEST_CASE("IdxReader: raw and gzip files read back byte for byte", "[data][idx]")
{
    TempDir dir("idx-roundtrip");
    for (bool gzip : {false, true}) {
        const std::string images = writeIdxPair(dir.path(), gzip ? "gz" : "raw", 25, 5, 4, 3, gzip);
        const Dataset d = IdxReader::readSplit(images);
        REQUIRE(d.size() == 25);
        CHECK(d.width() == 5);
        CHECK(d.height() == 4);
        CHECK(d.classCount() == 3);
        const Synthetic s = synthetic(25, 5, 4, 3);
        CHECK(d.pixels() == s.pixels);
        for (Index i = 0; i < d.size(); ++i)
            CHECK(d.label(i) == int(s.labels[std::size_t(i)]));
        // Opening the labels file finds the images just as well.
        std::string labels = images;
        labels.replace(labels.find("images-idx3"), 11, "labels-idx1");
        CHECK(IdxReader::readSplit(labels).pixels() == d.pixels());
    }
}

TEST_CASE("IdxReader: partner files are found by name, raw preferred", "[data][idx]")
{
    TempDir dir("idx-partner");
    writeIdxPair(dir.path(), "train", 4, 2, 2, 2, true);
    CHECK(IdxReader::partnerPath(dir.file("train-images-idx3-ubyte.gz")) == dir.file("train-labels-idx1-ubyte.gz"));
    CHECK(IdxReader::partnerPath(dir.file("train-labels-idx1-ubyte.gz")) == dir.file("train-images-idx3-ubyte.gz"));
    // A raw images file pairs with the gzip labels when only those exist.
    CHECK(IdxReader::partnerPath(dir.file("train-images-idx3-ubyte")) == dir.file("train-labels-idx1-ubyte.gz"));
    CHECK(IdxReader::partnerPath(dir.file("weights.bin")).empty());
    CHECK_THROWS_WITH(IdxReader::readSplit(dir.file("weights.bin")), Catch::Contains("neither"));
    writeIdxPair(dir.path(), "t10k", 3, 2, 2, 2);
    fs::remove(dir.file("t10k-labels-idx1-ubyte"));
    CHECK_THROWS_WITH(IdxReader::readSplit(dir.file("t10k-images-idx3-ubyte")),
                      Catch::Contains("t10k-labels-idx1-ubyte") && Catch::Contains("missing"));
}

TEST_CASE("IdxReader: a folder as shipped gives train and test", "[data][idx]")
{
    TempDir dir("idx-folder");
    writeIdxPair(dir.path(), "train", 30, 6, 6, 10, true);
    writeIdxPair(dir.path(), "t10k", 12, 6, 6, 10, false);
    const DatasetSplits splits = IdxReader::readFolder(dir.path().string(), "Toy");
    CHECK(splits.name == "Toy");
    CHECK(splits.train.size() == 30);
    CHECK(splits.test.size() == 12);
    CHECK(splits.validation.empty());
    CHECK(splits.train.name() == "Toy train");

    TempDir empty("idx-empty-folder");
    CHECK_THROWS_WITH(IdxReader::readFolder(empty.path().string()), Catch::Contains("no IDX images file"));
    TempDir two("idx-two-train");
    writeIdxPair(two.path(), "a-train", 3, 2, 2, 2);
    writeIdxPair(two.path(), "b-train", 3, 2, 2, 2);
    CHECK_THROWS_WITH(IdxReader::readFolder(two.path().string()), Catch::Contains("several training"));
}

TEST_CASE("IdxReader: every bad file gives a specific message naming it", "[data][idx]")
{
    TempDir dir("idx-bad");
    const Synthetic s = synthetic(10, 4, 4, 2);
    const std::string labels = dir.file("ok-labels-idx1-ubyte");
    writeBytes(labels, idxBytes({10}, s.labels));
    auto imagesWith = [&](const std::vector<std::uint8_t>& bytes, bool gzip = false) {
        const std::string path = dir.file(gzip ? "bad-images-idx3-ubyte.gz" : "bad-images-idx3-ubyte");
        (gzip ? writeGzip : writeBytes)(path, bytes);
        return path;
    };
    auto message = [&](const std::string& path) -> std::string {
        try {
            IdxReader::readPair(path, labels);
        } catch (const Error& e) {
            return e.what();
        }
        return "(no error)";
    };
    const std::vector<std::uint8_t> good = idxBytes({10, 4, 4}, s.pixels);

    SECTION("wrong magic")
    {
        std::vector<std::uint8_t> bytes = good;
        bytes[0] = 0x50;
        const std::string path = imagesWith(bytes);
        const std::string m = message(path);
        CHECK_THAT(m, Catch::Contains(path) && Catch::Contains("not an IDX file"));
    }
    SECTION("unsupported element type")
    {
        std::vector<std::uint8_t> bytes = good;
        bytes[2] = 0x0D;
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("float32") && Catch::Contains("not supported"));
    }
    SECTION("truncated data, raw and gzip")
    {
        std::vector<std::uint8_t> bytes(good.begin(), good.end() - 7);
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("truncated") && Catch::Contains("153"));
        CHECK_THAT(message(imagesWith(bytes, true)), Catch::Contains("truncated") && Catch::Contains("153 of 160"));
    }
    SECTION("truncated header")
    {
        std::vector<std::uint8_t> bytes(good.begin(), good.begin() + 9);
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("inside the header"));
        CHECK_THAT(message(imagesWith({0, 0})), Catch::Contains("shorter than an IDX header"));
    }
    SECTION("trailing bytes")
    {
        std::vector<std::uint8_t> bytes = good;
        bytes.push_back(1);
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("unexpected bytes"));
        CHECK_THAT(message(imagesWith(bytes, true)), Catch::Contains("unexpected bytes"));
    }
    SECTION("image/label count mismatch")
    {
        const Synthetic more = synthetic(11, 4, 4, 2);
        const std::string path = imagesWith(idxBytes({11, 4, 4}, more.pixels));
        CHECK_THAT(message(path), Catch::Contains("11 images") && Catch::Contains("10 labels")
                                      && Catch::Contains(labels));
    }
    SECTION("zero images")
    {
        CHECK_THAT(message(imagesWith(idxBytes({0, 4, 4}, {}))), Catch::Contains("zero images"));
    }
    SECTION("images without area")
    {
        CHECK_THAT(message(imagesWith(idxBytes({10, 0, 4}, {}))), Catch::Contains("no area"));
    }
    SECTION("dimension overflow")
    {
        std::vector<std::uint8_t> bytes = {0, 0, 0x08, 4};
        for (int d = 0; d < 4; ++d)
            appendU32(bytes, 0xFFFFFFFFu);
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("dimension overflow"));
        // Fits in 64 bits but not as an image: 1 x 65536 x 65536.
        CHECK_THAT(message(imagesWith(idxBytes({1, 65536, 65536}, {}))), Catch::Contains("limit"));
        CHECK_THAT(message(imagesWith(idxBytes({1, 4097, 4096}, std::vector<std::uint8_t>(4097u * 4096u)))),
                   Catch::Contains("dimension overflow") && Catch::Contains("implausibly large"));
    }
    SECTION("a 4 GB claim in a 1 KB file allocates nothing")
    {
        // 1 x 65535 x 65535 = 4.29e9 bytes claimed, about 1 KB present.
        const std::vector<std::uint8_t> bytes = idxBytes({1, 65535, 65535}, std::vector<std::uint8_t>(1000, 7));
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("limit"));
        // Just under the limit: 1 x 32768 x 65535 = 2.1e9 -> refused on size, raw and gzip.
        const std::vector<std::uint8_t> under = idxBytes({1, 32767, 65535}, std::vector<std::uint8_t>(1000, 7));
        CHECK_THAT(message(imagesWith(under)), Catch::Contains("truncated") && Catch::Contains("holds 1000"));
        CHECK_THAT(message(imagesWith(under, true)), Catch::Contains("gzip file can hold"));
    }
    SECTION("wrong number of dimensions")
    {
        CHECK_THAT(message(imagesWith(idxBytes({160}, s.pixels))), Catch::Contains("3 dimensions"));
        std::vector<std::uint8_t> bytes = good;
        bytes[3] = 0;
        CHECK_THAT(message(imagesWith(bytes)), Catch::Contains("0 dimensions"));
    }
    SECTION("corrupt gzip stream")
    {
        const std::string path = imagesWith(good, true);
        std::vector<std::uint8_t> bytes = readBytes(path);
        bytes[bytes.size() - 6] ^= 0xFF;  // inside the CRC32/size trailer
        writeBytes(path, bytes);
        CHECK_THAT(message(path), Catch::Contains(path));
    }
    SECTION("missing file and folder")
    {
        CHECK_THAT(message(dir.file("nothing-here")), Catch::Contains("no such file"));
        CHECK_THAT(message(dir.path().string()), Catch::Contains("is a folder"));
    }
}
