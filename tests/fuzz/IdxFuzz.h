#pragma once
// The IDX harnesses' common body (idx.fuzz.cpp: raw files, idx_gz.fuzz.cpp:
// gzip files). IdxReader reads paths, so the input is written to a scratch
// file first.
#include "FuzzSupport.h"

#include "latentset/data/Dataset.h"
#include "latentset/data/IdxReader.h"

#include <cstdint>
#include <string>

namespace latentset::fuzz {

// A valid IDX array of `count` entries of rows x columns zero bytes (labels:
// dims = {count}), the partner a fuzzed file is paired with.
inline std::string idxFile(std::uint32_t count, int dimensions)
{
    std::string bytes = {'\0', '\0', '\x08', char(dimensions)};
    auto putBE = [&](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes += char((v >> shift) & 0xFF);
    };
    putBE(count);
    std::uint64_t elements = count;
    for (int d = 1; d < dimensions; ++d) {
        putBE(2);
        elements *= 2;
    }
    bytes.append(std::size_t(elements), '\0');
    return bytes;
}

// Touches what a caller of the reader touches first: a dataset that the
// reader accepted must be usable without further checks.
inline void useDataset(const Dataset& data)
{
    (void)data.countsPerClass();
    if (data.size() > 0)
        (void)data.imageVector(data.size() - 1);
}

// `file` is the bytes to put on disk, `suffix` "" or ".gz" (the readers go by
// the gzip magic; the name only matters for the partner lookup).
inline void fuzzIdxFile(const std::string& file, const std::string& suffix)
{
    const ScratchFolder& dir = scratch();
    // Partners are built only for counts whose zero-filled partner stays
    // small: the input can claim 2^32 images of 0 x 0 pixels.
    constexpr std::uint32_t kMaxPartner = 1u << 16;

    // As an images file beside a labels file of the same count (readFolder ->
    // readSplit -> partnerPath -> readPair -> readArray twice).
    const std::string images = dir.write("train-images-idx3-ubyte" + suffix, file);
    (void)IdxReader::looksLikeIdx(images);
    IdxReader::Array array;
    if (!accepts([&] { array = IdxReader::readArray(images); }))
        return;
    if (array.dims.size() == 3 && array.dims[0] <= kMaxPartner) {
        dir.write("train-labels-idx1-ubyte", idxFile(array.dims[0], 1));
        accepts([&] {
            const DatasetSplits splits = IdxReader::readFolder(dir.path(), "fuzz");
            useDataset(splits.train);
        });
        dir.remove("train-labels-idx1-ubyte");
    } else if (array.dims.size() == 1 && array.dims[0] <= kMaxPartner) {
        // As a labels file beside an images file of 2 x 2 pixels.
        const std::string labels = dir.write("t10k-labels-idx1-ubyte" + suffix, file);
        const std::string partner = dir.write("t10k-images-idx3-ubyte", idxFile(array.dims[0], 3));
        accepts([&] { useDataset(IdxReader::readSplit(labels, "fuzz")); });
        dir.remove("t10k-labels-idx1-ubyte" + suffix);
        dir.remove("t10k-images-idx3-ubyte");
    } else {
        // Other shapes are refused by readPair; make sure they are.
        const std::string labels = dir.write("labels", idxFile(1, 1));
        accepts([&] { useDataset(IdxReader::readPair(images, labels)); });
    }
}

} // namespace latentset::fuzz
