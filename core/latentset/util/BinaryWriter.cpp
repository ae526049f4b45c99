#include "latentset/util/BinaryWriter.h"

#include <bit>
#include <cstring>

namespace latentset {

void BinaryWriter::writeU32(std::uint32_t v)
{
    char b[4];
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (8 * i)) & 0xFF);
    buffer_.append(b, 4);
}

void BinaryWriter::writeU64(std::uint64_t v)
{
    char b[8];
    for (int i = 0; i < 8; ++i)
        b[i] = char((v >> (8 * i)) & 0xFF);
    buffer_.append(b, 8);
}

void BinaryWriter::writeF32(float v) { writeU32(std::bit_cast<std::uint32_t>(v)); }
void BinaryWriter::writeF64(double v) { writeU64(std::bit_cast<std::uint64_t>(v)); }

void BinaryWriter::writeString(const std::string& s)
{
    writeU64(s.size());
    buffer_.append(s);
}

void BinaryWriter::writeBytes(const void* data, std::size_t size)
{
    buffer_.append(static_cast<const char*>(data), size);
}

void BinaryWriter::writeFloats(const float* data, std::size_t count)
{
    if constexpr (std::endian::native == std::endian::little) {
        // Bulk copy: model weights are megabytes, per-element appends are slow.
        buffer_.append(reinterpret_cast<const char*>(data), count * sizeof(float));
    } else {
        for (std::size_t i = 0; i < count; ++i)
            writeF32(data[i]);
    }
}

void BinaryWriter::writeMatrix(const Matrix& m)
{
    writeU64(std::uint64_t(m.rows()));
    writeU64(std::uint64_t(m.cols()));
    writeFloats(m.data(), std::size_t(m.size()));
}

void BinaryWriter::writeDoubles(const std::vector<double>& values)
{
    writeU64(values.size());
    for (double v : values)
        writeF64(v);
}

} // namespace latentset
