#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace latentset;

namespace {

std::string tempPath(const char* name)
{
    return (std::filesystem::temp_directory_path() / (std::string("latentset-util-") + name)).string();
}

void spit(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

} // namespace

TEST_CASE("BinaryWriter and BinaryReader round-trip every primitive", "[util][binary]")
{
    BinaryWriter w;
    w.writeU8(200);
    w.writeU32(0xDEADBEEF);
    w.writeU64(0x0123456789ABCDEFull);
    w.writeI32(-5);
    w.writeI64(-1234567890123ll);
    w.writeBool(true);
    w.writeF32(-1.5f);
    w.writeF64(std::numeric_limits<double>::denorm_min());
    w.writeString("hello, latent");
    Matrix m(3, 2);
    m << 1, 2, 3, 4, 5, 6;
    w.writeMatrix(m);
    w.writeDoubles({0.25, -8.0});
    // Little-endian on the wire regardless of host.
    CHECK(static_cast<unsigned char>(w.bytes()[1]) == 0xEF);

    BinaryReader r(w.bytes(), "test");
    CHECK(r.readU8() == 200);
    CHECK(r.readU32() == 0xDEADBEEF);
    CHECK(r.readU64() == 0x0123456789ABCDEFull);
    CHECK(r.readI32() == -5);
    CHECK(r.readI64() == -1234567890123ll);
    CHECK(r.readBool());
    CHECK(r.readF32() == -1.5f);
    CHECK(r.readF64() == std::numeric_limits<double>::denorm_min());
    CHECK(r.readString() == "hello, latent");
    const Matrix back = r.readMatrix(3, 2, "m");
    CHECK(back == m);
    CHECK(r.readDoubles() == std::vector<double>{0.25, -8.0});
    CHECK(r.atEnd());
    CHECK_NOTHROW(r.expectEnd());
    CHECK_THROWS_AS(r.readU8(), Error);
}

TEST_CASE("BinaryReader refuses corrupted sizes before allocating", "[util][binary]")
{
    BinaryWriter w;
    w.writeU64(1ull << 40); // rows
    w.writeU64(1ull << 40); // cols: product overflows 64 bits
    BinaryReader r(w.bytes(), "corrupt.bin");
    CHECK_THROWS_WITH(r.readMatrix(), Catch::Contains("corrupt.bin") && Catch::Contains("matrix shape"));

    BinaryWriter s;
    s.writeU64(1000000000);
    BinaryReader rs(s.bytes(), "str.bin");
    CHECK_THROWS_WITH(rs.readString(), Catch::Contains("str.bin") && Catch::Contains("string length"));

    BinaryWriter t;
    t.writeU32(7);
    BinaryReader rt(t.bytes(), "short.bin");
    CHECK_THROWS_WITH(rt.readU64(), Catch::Contains("short.bin") && Catch::Contains("truncated"));
}

TEST_CASE("ChunkFile saves atomically and reads back every chunk", "[util][chunkfile]")
{
    const std::string path = tempPath("roundtrip.lset");
    ChunkFile f;
    f.add("TEST", 2, "payload one");
    f.add("MORE", 1, std::string("\0\1\2", 3));
    f.add("TEST", 2, "second");
    f.save(path);
    // No temp file left behind.
    int leftovers = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().rfind("latentset-util-roundtrip.lset.tmp", 0) == 0)
            ++leftovers;
    CHECK(leftovers == 0);

    const ChunkFile g = ChunkFile::load(path);
    REQUIRE(g.chunks().size() == 3);
    CHECK(g.require("TEST", 2).payload == "payload one");
    CHECK(g.findAll("TEST").size() == 2);
    CHECK(g.find("MORE")->payload == std::string("\0\1\2", 3));
    CHECK(g.find("NONE") == nullptr);
    CHECK_THROWS_WITH(g.require("TEST", 1), Catch::Contains("newer"));
    CHECK_THROWS_WITH(g.require("NONE", 1), Catch::Contains("missing chunk 'NONE'"));
    std::remove(path.c_str());
}

TEST_CASE("ChunkFile refuses truncated, bit-flipped and newer files", "[util][chunkfile]")
{
    const std::string path = tempPath("damaged.lset");
    ChunkFile f;
    f.add("DATA", 1, std::string(1000, 'x'));
    f.add("TAIL", 1, "end");
    const std::string good = f.toBytes();
    CHECK_NOTHROW(ChunkFile::fromBytes(good, "good"));

    // Every truncation point is refused with a message naming the file.
    for (std::size_t cut : {std::size_t(0), std::size_t(3), std::size_t(15), std::size_t(20), std::size_t(500),
                            good.size() - 5, good.size() - 1}) {
        spit(path, good.substr(0, cut));
        CHECK_THROWS_WITH(ChunkFile::load(path), Catch::Contains(path));
    }
    // Truncation exactly at a chunk boundary is caught by the chunk count.
    const std::size_t firstChunkEnd = 16 + 16 + 1000 + 4;
    CHECK_THROWS_WITH(ChunkFile::fromBytes(good.substr(0, firstChunkEnd), "cut"), Catch::Contains("missing"));

    // Any single bit flip is refused.
    for (std::size_t pos : {std::size_t(1), std::size_t(9), std::size_t(17), std::size_t(40), std::size_t(700),
                            good.size() - 2}) {
        std::string bad = good;
        bad[pos] = char(bad[pos] ^ 0x10);
        CHECK_THROWS_AS(ChunkFile::fromBytes(bad, "flipped"), Error);
    }
    // Trailing garbage.
    CHECK_THROWS_WITH(ChunkFile::fromBytes(good + "zz", "long"), Catch::Contains("unexpected bytes"));

    // A newer format version (with a valid header CRC) is refused clearly.
    {
        std::string bytes = good;
        bytes[4] = char(ChunkFile::kFormatVersion + 1);
        const std::uint32_t crc = ChunkFile::crc32(bytes.data(), 12);
        for (int i = 0; i < 4; ++i)
            bytes[12 + i] = char((crc >> (8 * i)) & 0xFF);
        CHECK_THROWS_WITH(ChunkFile::fromBytes(bytes, "newer.lset"),
                          Catch::Contains("newer.lset") && Catch::Contains("newer than this LatentSet"));
    }
    std::remove(path.c_str());
}

TEST_CASE("ChunkFile names the file when it cannot be opened", "[util][chunkfile]")
{
    CHECK_THROWS_WITH(ChunkFile::load("/nonexistent/dir/model.lset"), Catch::Contains("/nonexistent/dir/model.lset"));
    ChunkFile f;
    CHECK_THROWS_WITH(f.save("/nonexistent/dir/model.lset"), Catch::Contains("/nonexistent/dir/model.lset"));
}
