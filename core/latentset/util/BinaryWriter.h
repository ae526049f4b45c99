#pragma once
#include "latentset/util/Types.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

// Appends little-endian primitives to an in-memory byte buffer, whatever the
// host byte order. Used to build the payload of a ChunkFile chunk.
//
// Encodings (BinaryReader reads them back):
//   integers      fixed width, little-endian
//   float/double  IEEE-754 bits, little-endian
//   string        u64 byte length + bytes (no terminator)
//   Matrix        u64 rows, u64 cols, rows*cols floats in column-major order
class BinaryWriter {
public:
    void writeU8(std::uint8_t v) { buffer_.push_back(char(v)); }
    void writeU32(std::uint32_t v);
    void writeU64(std::uint64_t v);
    void writeI32(std::int32_t v) { writeU32(std::uint32_t(v)); }
    void writeI64(std::int64_t v) { writeU64(std::uint64_t(v)); }
    void writeBool(bool v) { writeU8(v ? 1 : 0); }
    void writeF32(float v);
    void writeF64(double v);
    void writeString(const std::string& s);
    void writeBytes(const void* data, std::size_t size);
    void writeMatrix(const Matrix& m);
    void writeFloats(const float* data, std::size_t count);
    void writeDoubles(const std::vector<double>& values); // u64 count + doubles

    const std::string& bytes() const { return buffer_; }
    std::string take() { return std::move(buffer_); }
    std::size_t size() const { return buffer_.size(); }

private:
    std::string buffer_;
};

} // namespace latentset
