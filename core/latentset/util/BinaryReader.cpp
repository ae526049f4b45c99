#include "latentset/util/BinaryReader.h"

#include "latentset/util/Error.h"

#include <bit>
#include <cstring>

namespace latentset {

BinaryReader::BinaryReader(std::string_view data, std::string sourceName)
    : data_(data), name_(std::move(sourceName))
{
}

void BinaryReader::fail(const std::string& message) const
{
    throw Error(name_ + ": " + message);
}

const char* BinaryReader::take(std::size_t size)
{
    if (size > remaining())
        fail("truncated, needed " + std::to_string(size) + " bytes at offset " + std::to_string(offset_) + " of "
             + std::to_string(data_.size()));
    const char* p = data_.data() + offset_;
    offset_ += size;
    return p;
}

std::uint8_t BinaryReader::readU8() { return std::uint8_t(*take(1)); }

std::uint32_t BinaryReader::readU32()
{
    const auto* p = reinterpret_cast<const unsigned char*>(take(4));
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(p[i]) << (8 * i);
    return v;
}

std::uint64_t BinaryReader::readU64()
{
    const auto* p = reinterpret_cast<const unsigned char*>(take(8));
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= std::uint64_t(p[i]) << (8 * i);
    return v;
}

bool BinaryReader::readBool()
{
    const std::uint8_t v = readU8();
    if (v > 1)
        fail("corrupted boolean value " + std::to_string(v) + " at offset " + std::to_string(offset_ - 1));
    return v == 1;
}

float BinaryReader::readF32() { return std::bit_cast<float>(readU32()); }
double BinaryReader::readF64() { return std::bit_cast<double>(readU64()); }

std::string BinaryReader::readString()
{
    const std::uint64_t size = readU64();
    if (size > remaining())
        fail("corrupted string length " + std::to_string(size) + " at offset " + std::to_string(offset_ - 8));
    const char* p = take(std::size_t(size));
    return std::string(p, std::size_t(size));
}

void BinaryReader::readBytes(void* out, std::size_t size) { std::memcpy(out, take(size), size); }

Matrix BinaryReader::readMatrix()
{
    const std::uint64_t rows = readU64();
    const std::uint64_t cols = readU64();
    // Check before allocating: each dimension must be a sane Index (a 0 x 2^63
    // shape holds no bytes, yet its other dimension would turn negative), and
    // rows*cols*4 must fit in what is left (saturating, so it cannot wrap).
    if (rows > kMaxDimension || cols > kMaxDimension
        || CheckedSize(rows) * cols * sizeof(float) > CheckedSize(remaining()))
        fail("corrupted matrix shape " + std::to_string(rows) + " x " + std::to_string(cols) + " at offset "
             + std::to_string(offset_ - 16) + " (" + std::to_string(remaining()) + " bytes left)");
    Matrix m(static_cast<Index>(rows), static_cast<Index>(cols));
    const std::size_t count = std::size_t(rows * cols);
    const char* p = take(count * sizeof(float));
    if constexpr (std::endian::native == std::endian::little) {
        if (count)
            std::memcpy(m.data(), p, count * sizeof(float));
    } else {
        for (std::size_t i = 0; i < count; ++i) {
            std::uint32_t v = 0;
            for (int k = 0; k < 4; ++k)
                v |= std::uint32_t(static_cast<unsigned char>(p[4 * i + k])) << (8 * k);
            m.data()[i] = std::bit_cast<float>(v);
        }
    }
    return m;
}

Matrix BinaryReader::readMatrix(Index rows, Index cols, const std::string& what)
{
    Matrix m = readMatrix();
    if (m.rows() != rows || m.cols() != cols)
        fail(what + " has shape " + std::to_string(m.rows()) + " x " + std::to_string(m.cols()) + ", expected "
             + std::to_string(rows) + " x " + std::to_string(cols));
    return m;
}

std::vector<double> BinaryReader::readDoubles()
{
    const std::uint64_t count = readU64();
    if (count > remaining() / 8)
        fail("corrupted array length " + std::to_string(count) + " at offset " + std::to_string(offset_ - 8));
    std::vector<double> v(static_cast<std::size_t>(count));
    for (auto& x : v)
        x = readF64();
    return v;
}

std::uint64_t BinaryReader::readCount(std::uint64_t bytesEach, std::uint64_t max, const std::string& what)
{
    const std::uint64_t count = readU64();
    if (count > max)
        fail("implausible " + what + " " + std::to_string(count) + " at offset " + std::to_string(offset_ - 8)
             + " (at most " + std::to_string(max) + ")");
    requireBytes(CheckedSize(count) * bytesEach, std::to_string(count) + " " + what);
    return count;
}

void BinaryReader::requireBytes(CheckedSize bytes, const std::string& what) const
{
    if (bytes > CheckedSize(remaining()))
        fail(what + ": " + (bytes.saturated() ? "more bytes needed than any file holds" : std::to_string(bytes.value()) + " bytes needed")
             + ", only " + std::to_string(remaining()) + " left (truncated or corrupted)");
}

void BinaryReader::expectEnd() const
{
    if (!atEnd())
        fail(std::to_string(remaining()) + " unexpected bytes at offset " + std::to_string(offset_));
}

} // namespace latentset
