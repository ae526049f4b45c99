#pragma once
// An .npz file: the zip archive of .npy arrays that numpy.savez and
// numpy.savez_compressed write and numpy.load reads (docs/interop.md). The
// zip container is read and written by Debian's minizip (zlib's contrib),
// over memory, not by code of ours.
//
// Reading is reading a hostile file (docs/files.md): the archive's bytes
// are held whole and every size the zip claims is checked before anything
// is allocated from it: each entry's compressed size against the archive,
// its uncompressed size against the compressed one (stored: equal; deflate:
// at most zlib's maximal ratio) and against the memory budget together with
// every earlier entry; an entry yields exactly the bytes it claims and its
// CRC must match. Each .npy then proves its shape x dtype against its bytes
// (NpyArray::parse). Messages name the file and the array:
//   "model.npz: array 'W0': shape (10, 2048, 784) of <f4 needs 64225280 data
//    bytes, the array holds 4096 (truncated or corrupted)".
//
// A value type; every function is reentrant.
#include "latentset/interop/NpyArray.h"

#include <string>
#include <utility>
#include <vector>

namespace latentset {

class NpzArchive {
public:
    explicit NpzArchive(std::string source = "NPZ file") : source_(std::move(source)) {}

    // Adds (or replaces) the array `name` ("W0"; stored as "W0.npy").
    void add(const std::string& name, NpyArray array);
    const std::vector<std::pair<std::string, NpyArray>>& arrays() const { return arrays_; }
    const NpyArray* find(const std::string& name) const;
    // The array, or Error "<source>: array 'name' is missing".
    const NpyArray& require(const std::string& name) const;
    // "<source>: array 'name'", the prefix of every message about an array.
    std::string describe(const std::string& name) const;

    // An array as a reader wants it, or Error naming it: one integral number
    // in [lo, hi]; one number (NaN allowed only with `nanAllowed`); the
    // values of an array of exactly `shape` (C order, every one finite;
    // `meaning` names the dimensions in the message: "members, outputs").
    std::int64_t integer(const std::string& name, std::int64_t lo, std::int64_t hi) const;
    double number(const std::string& name, bool nanAllowed = false) const;
    std::vector<float> floats(const std::string& name, const std::vector<std::int64_t>& shape,
                              const std::string& meaning) const;
    std::vector<double> doubles(const std::string& name, const std::vector<std::int64_t>& shape,
                                const std::string& meaning) const;
    const std::string& source() const { return source_; }

    // The zip archive (entries stored uncompressed, as numpy.savez does).
    std::string toBytes() const;
    // Atomic write (util/WholeFile). Throws Error on I/O failure.
    void save(const std::string& path) const;

    // Limits of what is read: entries and one array's bytes.
    static constexpr std::uint64_t kMaxEntries = 100000;
    static constexpr std::uint64_t kMaxArrayBytes = std::uint64_t(4) << 30;
    // Parses and verifies an archive's bytes; `source` names it in messages.
    static NpzArchive fromBytes(const std::string& bytes, const std::string& source);
    // Reads a file (its size against the memory budget first).
    static NpzArchive load(const std::string& path);

private:
    std::string source_;
    std::vector<std::pair<std::string, NpyArray>> arrays_;
};

} // namespace latentset
