// Fuzz: a few hundred randomly truncated and bit-flipped IDX and CSV files.
// Each must give either a clean latentset::Error or a dataset that is
// internally consistent - never a crash, a hang, another exception type or
// (under the debug-asan preset) a memory error.
#include "DataTestFiles.h"

#include "latentset/data/CsvReader.h"
#include "latentset/data/IdxReader.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

using namespace latentset;
using namespace datatest;

namespace {

// One of three mutations: cut at a random length, flip 1-8 random bits, or
// both. Mutations favour the header (first 32 bytes) half of the time, where
// a flip changes sizes rather than pixels.
std::vector<std::uint8_t> mutate(std::vector<std::uint8_t> bytes, Random& random)
{
    const std::uint64_t kind = random.below(3);
    if (kind != 1 && !bytes.empty())
        bytes.resize(std::size_t(random.below(bytes.size() + 1)));
    if (kind != 0 && !bytes.empty()) {
        const std::uint64_t flips = 1 + random.below(8);
        for (std::uint64_t f = 0; f < flips; ++f) {
            const std::size_t span = random.below(2) == 0 ? std::min<std::size_t>(32, bytes.size()) : bytes.size();
            const std::size_t at = std::size_t(random.below(span));
            bytes[at] ^= std::uint8_t(1u << random.below(8));
        }
    }
    return bytes;
}

// A dataset that loaded must hold together.
void checkConsistent(const Dataset& d)
{
    REQUIRE(d.size() > 0);
    REQUIRE(d.width() > 0);
    REQUIRE(d.height() > 0);
    REQUIRE(d.pixels().size() == std::size_t(d.size()) * std::size_t(d.pixelCount()));
    Index total = 0;
    for (Index c : d.countsPerClass())
        total += c;
    REQUIRE(total == d.size());
    const std::vector<Index> last = {d.size() - 1};
    const Matrix b = d.batch(last);
    REQUIRE(b.rows() == d.pixelCount());
}

struct Tally {
    int errors = 0;
    int datasets = 0;
};

} // namespace

TEST_CASE("Fuzz: mutated IDX files (raw and gzip) fail cleanly or load consistently", "[data][fuzz]")
{
    TempDir dir("fuzz-idx");
    const Synthetic s = synthetic(12, 6, 5, 4);
    const std::vector<std::uint8_t> images = idxBytes({12, 5, 6}, s.pixels);
    const std::vector<std::uint8_t> labels = idxBytes({12}, s.labels);
    Random random(4242);
    Tally tally;
    for (int round = 0; round < 300; ++round) {
        const bool gzip = round % 3 == 2;
        const bool mutateImages = round % 2 == 0;
        const std::string suffix = gzip ? ".gz" : "";
        const std::string imagesPath = dir.file("f-images-idx3-ubyte" + suffix);
        const std::string labelsPath = dir.file("f-labels-idx1-ubyte" + suffix);
        auto write = gzip ? writeGzip : writeBytes;
        write(imagesPath, mutateImages ? mutate(images, random) : images);
        write(labelsPath, mutateImages ? labels : mutate(labels, random));
        // For gzip, also mutate the compressed bytes themselves now and then.
        if (gzip && round % 6 == 2)
            writeBytes(imagesPath, mutate(readBytes(imagesPath), random));
        try {
            const Dataset d = IdxReader::readSplit(imagesPath);
            checkConsistent(d);
            ++tally.datasets;
        } catch (const Error& e) {
            // The message names one of the two files.
            const std::string m = e.what();
            CHECK((m.find(imagesPath) != std::string::npos || m.find(labelsPath) != std::string::npos));
            ++tally.errors;
        }
    }
    // Both outcomes occur: the test exercises the error paths and the happy path.
    CHECK(tally.errors > 100);
    CHECK(tally.datasets > 10);
}

TEST_CASE("Fuzz: mutated CSV files fail cleanly or load consistently", "[data][fuzz]")
{
    std::string csv = "label,p0,p1,p2,p3,p4,p5,p6,p7,p8\n";
    for (int i = 0; i < 15; ++i) {
        csv += std::to_string(i % 5);
        for (int k = 0; k < 9; ++k)
        {
            // Two appends, not "," + to_string(): GCC 12 warns falsely (-Wrestrict) on the latter.
            csv += ',';
            csv += std::to_string((i * 31 + k * 17) % 256);
        }
        csv += "\n";
    }
    const std::vector<std::uint8_t> original(csv.begin(), csv.end());
    Random random(777);
    Tally tally;
    for (int round = 0; round < 300; ++round) {
        const std::vector<std::uint8_t> bytes = mutate(original, random);
        const std::string text(bytes.begin(), bytes.end());
        try {
            checkConsistent(CsvReader::parse(text, "fuzz.csv"));
            ++tally.datasets;
        } catch (const Error& e) {
            CHECK_THAT(e.what(), Catch::Contains("fuzz.csv"));
            ++tally.errors;
        }
    }
    CHECK(tally.errors > 50);
    CHECK(tally.datasets > 10);
}
