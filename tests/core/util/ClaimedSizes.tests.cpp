#include "HostileInput.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/CheckedSize.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/MemoryBudget.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace latentset;

namespace {

// Sets LATENTSET_MEMORY_LIMIT for one scope.
struct MemoryLimit {
    explicit MemoryLimit(const char* value) { ::setenv("LATENTSET_MEMORY_LIMIT", value, 1); }
    ~MemoryLimit() { ::unsetenv("LATENTSET_MEMORY_LIMIT"); }
};

} // namespace

TEST_CASE("CheckedSize saturates instead of wrapping", "[util][sizes]")
{
    constexpr std::uint64_t big = std::uint64_t(1) << 40;
    CHECK((CheckedSize(big) * big).saturated());
    CHECK((CheckedSize(big) * big * 0).value() == 0);
    CHECK((CheckedSize(std::numeric_limits<std::uint64_t>::max()) + 1).saturated());
    CHECK(CheckedSize(std::int64_t(-1)).saturated()); // a negative claim fails every check
    CHECK((CheckedSize(3) * 4 + 5).value() == 17);
    CHECK(CheckedSize(big) * big > CheckedSize(std::numeric_limits<std::uint64_t>::max() - 1));
}

TEST_CASE("A matrix shape with a zero dimension cannot smuggle in a huge other one", "[util][sizes]")
{
    for (auto [rows, cols] : {std::pair<std::uint64_t, std::uint64_t>{0, std::uint64_t(1) << 63},
                              {std::uint64_t(1) << 63, 0},
                              {0, std::numeric_limits<std::uint64_t>::max()},
                              {std::uint64_t(1) << 33, std::uint64_t(1) << 33}}) {
        BinaryWriter w;
        w.writeU64(rows);
        w.writeU64(cols);
        const std::string bytes = w.take();
        BinaryReader r(bytes, "shape test");
        testing::requireRefusedCheaply([&] { (void)r.readMatrix(); }, "corrupted matrix shape");
    }
    // Still fine: an empty vector (0 x 1) and an empty matrix.
    BinaryWriter w;
    w.writeMatrix(Matrix(0, 1));
    w.writeMatrix(Matrix(0, 0));
    const std::string bytes = w.take();
    BinaryReader r(bytes, "shape test");
    CHECK(r.readMatrix().cols() == 1);
    CHECK(r.readMatrix().size() == 0);
    CHECK(r.atEnd());
}

TEST_CASE("readCount and requireBytes refuse claims the bytes left cannot hold", "[util][sizes]")
{
    BinaryWriter w;
    w.writeU64(1000);
    w.writeU64(3);
    w.writeU64(0);
    const std::string bytes = w.take();
    BinaryReader r(bytes, "counts");
    // 1000 items of 8 bytes in the 16 bytes left.
    testing::requireRefusedCheaply([&] { (void)r.readCount(8, 100000, "names"); }, "1000 names: 8000 bytes needed");
    BinaryReader r2(bytes, "counts");
    testing::requireRefusedCheaply([&] { (void)r2.readCount(8, 10, "names"); }, "implausible names 1000");
    BinaryReader r3(bytes, "counts");
    CHECK_NOTHROW(r3.requireBytes(24, "all of it"));
    testing::requireRefusedCheaply(
        [&] { r3.requireBytes(CheckedSize(std::uint64_t(1) << 40) * (std::uint64_t(1) << 40), "a claim"); },
        "more bytes needed than any file holds");
}

TEST_CASE("The memory budget reads LATENTSET_MEMORY_LIMIT and names what is needed", "[util][memory]")
{
    CHECK(MemoryBudget::parseLimit("1500M") == 1500ull << 20);
    CHECK(MemoryBudget::parseLimit("8G") == 8ull << 30);
    CHECK(MemoryBudget::parseLimit("4096") == 4096);
    CHECK_THROWS_AS(MemoryBudget::parseLimit("lots"), Error);
    CHECK_THROWS_AS(MemoryBudget::parseLimit("12T"), Error);
    CHECK(MemoryBudget::availableBytes() > 0);
    CHECK(MemoryBudget::describeBytes(5ull << 29) == "2.5 GB");
    CHECK(MemoryBudget::describeBytes(380ull << 20) == "380 MB");
    CHECK(MemoryBudget::describeBytes(0) == "0 bytes");

    // The limit caps the whole process: what it holds already counts.
    const auto resident = std::uint64_t(ProcessStats::currentRssMb() * double(1 << 20));
    const std::string cap = std::to_string((resident + (4ull << 20)) >> 10) + "K";
    MemoryLimit limit(cap.c_str());
    CHECK(MemoryBudget::availableBytes() <= 5ull << 20);
    CHECK_NOTHROW(MemoryBudget::require(1000, "a small thing"));
    try {
        MemoryBudget::require(3ull << 30, "the model");
        FAIL("not refused");
    } catch (const Error& e) {
        const std::string m = e.what();
        CHECK(m.find("the model needs 3.0 GB of memory") != std::string::npos);
        CHECK(m.find("LATENTSET_MEMORY_LIMIT") != std::string::npos);
    }
}

TEST_CASE("Opening a file that would not fit in memory is refused before reading it", "[util][memory]")
{
    ChunkFile file("budget");
    file.add("TEST", 1, std::string(300000, 'x'));
    const std::string path = (std::filesystem::temp_directory_path() / "latentset-budget.lset").string();
    file.save(path);
    CHECK(ChunkFile::load(path).chunks().size() == 1);
    {
        const auto resident = std::uint64_t(ProcessStats::currentRssMb() * double(1 << 20));
        const std::string cap = std::to_string((resident + (256ull << 10)) >> 10) + "K";
        MemoryLimit limit(cap.c_str());
        testing::requireRefusedCheaply([&] { (void)ChunkFile::load(path); }, "needs");
    }
    std::filesystem::remove(path);
}
