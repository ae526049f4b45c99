#pragma once
#include "latentset/util/CheckedSize.h"
#include "latentset/util/Types.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace latentset {

// Reads what BinaryWriter wrote, from a byte range it does not own (the range
// must outlive the reader). Every read is bounds-checked: running past the end
// throws latentset::Error naming the source ("model.lset: chunk 'AEST':
// truncated, needed 8 bytes at offset 120 of 124"). Sizes read from the data
// (string lengths, matrix shapes) are checked against the bytes that remain
// BEFORE anything is allocated, so a corrupted length cannot make the reader
// allocate gigabytes.
class BinaryReader {
public:
    BinaryReader(std::string_view data, std::string sourceName);

    std::uint8_t readU8();
    std::uint32_t readU32();
    std::uint64_t readU64();
    std::int32_t readI32() { return std::int32_t(readU32()); }
    std::int64_t readI64() { return std::int64_t(readU64()); }
    bool readBool();
    float readF32();
    double readF64();
    std::string readString();
    void readBytes(void* out, std::size_t size);
    Matrix readMatrix();
    // Reads a matrix and checks its shape (throws naming `what` if it differs).
    Matrix readMatrix(Index rows, Index cols, const std::string& what);
    std::vector<double> readDoubles();
    // Reads a u64 count of items that each take at least `bytesEach` bytes
    // further on, and refuses it (naming `what`) unless count <= max and
    // count * bytesEach fits in what is left: the count can then size an
    // allocation safely.
    std::uint64_t readCount(std::uint64_t bytesEach, std::uint64_t max, const std::string& what);

    // Refuses a claim before anything is built from it: throws "<source>:
    // <what>: N bytes needed, only M left" when the bytes the claim implies
    // (computed with CheckedSize, so an overflow saturates and fails) are more
    // than remain. Call it with the smallest payload the claim can have.
    void requireBytes(CheckedSize bytes, const std::string& what) const;
    // The largest matrix dimension a file may claim (also bounds a dimension
    // of a matrix whose other dimension is 0, which holds no bytes at all).
    static constexpr std::uint64_t kMaxDimension = (std::uint64_t(1) << 31) - 1;

    std::size_t offset() const { return offset_; }
    std::size_t remaining() const { return data_.size() - offset_; }
    bool atEnd() const { return offset_ == data_.size(); }
    // Throws if bytes are left over (a payload longer than its reader expects).
    void expectEnd() const;
    const std::string& sourceName() const { return name_; }
    // Throws latentset::Error "<source>: <message>".
    [[noreturn]] void fail(const std::string& message) const;

private:
    const char* take(std::size_t size);

    std::string_view data_;
    std::string name_;
    std::size_t offset_ = 0;
};

} // namespace latentset
