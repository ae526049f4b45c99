// NPY arrays and NPZ archives (interop/NpyArray, interop/NpzArchive): round
// trips, NumPy's header layout, Fortran order, and archives that lie about
// their sizes (docs/files.md) refused with a message naming the array.
#include "HostileInput.h"

#include "latentset/interop/NpzArchive.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace latentset;

namespace {

std::string errorOf(const std::string& bytes)
{
    try {
        (void)NpzArchive::fromBytes(bytes, "t.npz");
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

void putU32(std::string& s, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        s[at + std::size_t(i)] = char((v >> (8 * i)) & 0xFF);
}

NpzArchive sample()
{
    NpzArchive npz("t.npz");
    npz.add("W0", NpyArray::float32({2, 3}, {1, 2, 3, 4, 5, 6}));
    npz.add("names", NpyArray::strings({"zero", "eins", "δύο"}));
    npz.add("n", NpyArray::scalarInt(42));
    return npz;
}

} // namespace

TEST_CASE("NPY arrays round-trip with NumPy's header layout", "[interop][npz]")
{
    const NpyArray a = NpyArray::float64({2, 2}, {1.5, -2, 3, 1e300});
    const std::string bytes = a.serialize();
    CHECK(bytes.compare(0, 6, "\x93NUMPY") == 0);
    // Magic, version, length and header: a multiple of 64 bytes, ending in '\n'.
    const std::size_t header = std::size_t(static_cast<unsigned char>(bytes[8])) | std::size_t(bytes[9]) << 8;
    CHECK((10 + header) % 64 == 0);
    CHECK(bytes[10 + header - 1] == '\n');
    CHECK(bytes.substr(10, header).find("'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }") != std::string::npos);
    const NpyArray b = NpyArray::parse(bytes, "a");
    CHECK(b.dtype() == "<f8");
    CHECK(b.shape() == std::vector<std::int64_t>{2, 2});
    CHECK(b.doubles("a") == std::vector<double>{1.5, -2, 3, 1e300});
    CHECK(NpyArray::parse(NpyArray::scalarInt(-7).serialize(), "s").doubles("s") == std::vector<double>{-7});
    CHECK(NpyArray::parse(NpyArray::scalarInt(-7).serialize(), "s").describeShape() == "()");
    CHECK(NpyArray::parse(NpyArray::strings({"relu", "σ"}).serialize(), "t").texts("t")
          == std::vector<std::string>{"relu", "σ"});
}

TEST_CASE("A Fortran-ordered array reads in C order, and other dtypes convert", "[interop][npz]")
{
    // np.asfortranarray([[1, 2, 3], [4, 5, 6]], dtype='<i2') stores 1 4 2 5 3 6.
    std::string header = "{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }";
    header.append(64 - (10 + header.size() + 1) % 64, ' ');
    header += '\n';
    std::string bytes = std::string("\x93NUMPY\x01\x00", 8) + char(header.size()) + char(0) + header;
    for (std::int16_t v : {1, 4, 2, 5, 3, 6})
        bytes.append(reinterpret_cast<const char*>(&v), 2);
    const NpyArray a = NpyArray::parse(bytes, "f");
    CHECK(a.floats("f") == std::vector<float>{1, 2, 3, 4, 5, 6});
    // Big-endian float32: 1.0f is 3f 80 00 00.
    std::string be = "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }";
    be.append(64 - (10 + be.size() + 1) % 64, ' ');
    be += '\n';
    const std::string beBytes = std::string("\x93NUMPY\x01\x00", 8) + char(be.size()) + char(0) + be
                                + std::string("\x3f\x80\x00\x00", 4);
    CHECK(NpyArray::parse(beBytes, "b").floats("b") == std::vector<float>{1.0f});
}

TEST_CASE("NPZ archives round-trip through minizip", "[interop][npz]")
{
    const std::string bytes = sample().toBytes();
    CHECK(bytes.compare(0, 4, "PK\x03\x04") == 0);
    const NpzArchive back = NpzArchive::fromBytes(bytes, "t.npz");
    REQUIRE(back.arrays().size() == 3);
    CHECK(back.arrays()[0].first == "W0");
    CHECK(back.require("W0").floats("W0") == std::vector<float>{1, 2, 3, 4, 5, 6});
    CHECK(back.require("names").texts("names") == std::vector<std::string>{"zero", "eins", "δύο"});
    CHECK(back.require("n").doubles("n") == std::vector<double>{42});
    CHECK(sample().toBytes() == bytes); // fixed dates: the same arrays, the same bytes
    try {
        (void)back.require("W9");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "t.npz: array 'W9' is missing");
    }
}

TEST_CASE("Truncated or damaged NPZ files are refused with a message", "[interop][npz][hostile]")
{
    const std::string bytes = sample().toBytes();
    CHECK(errorOf(bytes.substr(0, bytes.size() / 2)).find("not an NPZ file") != std::string::npos);
    CHECK(errorOf("").find("not an NPZ file") != std::string::npos);
    CHECK(errorOf(std::string(4096, 'x')).find("not an NPZ file") != std::string::npos);
    // One data byte of W0 flipped: the entry's CRC no longer matches.
    std::string flipped = bytes;
    const std::size_t data = flipped.find("\x93NUMPY") + 128 + 4;
    flipped[data] = char(flipped[data] ^ 0x40);
    CHECK(errorOf(flipped).find("t.npz: array 'W0': CRC mismatch") != std::string::npos);
}

TEST_CASE("An entry claiming more bytes than the archive holds is refused before allocating", "[interop][npz][hostile]")
{
    std::string bytes = sample().toBytes();
    // The central directory's record of the first entry: sizes at +20 (compressed), +24 (uncompressed).
    const std::size_t central = bytes.find("PK\x01\x02");
    REQUIRE(central != std::string::npos);
    std::string huge = bytes;
    putU32(huge, central + 20, 0xFFFFFFF0u);
    putU32(huge, central + 24, 0xFFFFFFF0u);
    testing::requireRefusedCheaply([&] { (void)NpzArchive::fromBytes(huge, "t.npz"); },
                                   "t.npz: array 'W0': the zip entry claims 4294967280 compressed bytes");
    std::string inflated = bytes;
    putU32(inflated, central + 24, 0x7FFFFFFFu);
    testing::requireRefusedCheaply([&] { (void)NpzArchive::fromBytes(inflated, "t.npz"); },
                                   "t.npz: array 'W0': the zip entry claims 2147483647 bytes from");
}

TEST_CASE("An .npy header whose shape the bytes do not hold names the array", "[interop][npz][hostile]")
{
    const NpyArray small = NpyArray::float32({4}, {1, 2, 3, 4});
    std::string npy = small.serialize();
    const std::size_t at = npy.find("(4,)");
    npy.replace(at, 4, "(100000, 100000)");
    npy.erase(npy.find('\n') - 12, 12); // keep the header's length as written
    try {
        (void)NpyArray::parse(npy, "t.npz: array 'W0'");
        FAIL("no error");
    } catch (const Error& e) {
        const std::string m = e.what();
        CHECK(m.find("t.npz: array 'W0': shape (100000, 100000) of <f4 needs 40000000000 data bytes, the array holds 16")
              != std::string::npos);
    }
    for (const char* descr : {"<c8", "O", "<f2", "[('a', '<f4')]", "<U0"}) {
        std::string h = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (1,), }\n";
        const std::string bad = std::string("\x93NUMPY\x01\x00", 8) + char(h.size()) + char(0) + h + "12345678";
        try {
            (void)NpyArray::parse(bad, "x");
            FAIL(descr);
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find("x: ") == 0);
        }
    }
}

TEST_CASE("An entry name with a NUL byte is refused (it could not be written back)", "[interop][npz][hostile]")
{
    // Found by the npz harness: "W\0.npy" read as an array named "W\0", which
    // written again became "W" and no longer read.
    std::string bytes = sample().toBytes();
    const std::string from = "W0.npy", to("W\0.npy", 6);
    std::size_t replaced = 0;
    for (std::size_t at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1), ++replaced)
        bytes.replace(at, from.size(), to);
    REQUIRE(replaced == 2); // the local header and the central directory
    CHECK(errorOf(bytes).find("name holds a control character") != std::string::npos);
}
