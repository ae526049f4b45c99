#pragma once
// Reads IDX files, the format MNIST, Fashion-MNIST and EMNIST ship in:
//
//   bytes 0-1  zero;  byte 2  element type (0x08 = unsigned byte);
//   byte 3     number of dimensions d;  then d big-endian uint32 sizes;
//   then the elements, row-major, last dimension fastest.
//
// Images are d = 3 (count, rows, columns), labels d = 1 (count). Files may be
// raw or gzip-compressed (".gz"); the gzip magic decides, not the name.
//
// Every way a file can be wrong ends in a latentset::Error whose message
// names the file and the fault (wrong magic, truncation, trailing bytes,
// zero images, dimension overflow, images/labels count mismatch...). The
// header's claimed size is checked against the file's size BEFORE anything
// is allocated, so a 1 KB file claiming 4 GB costs nothing.
//
// All functions are re-entrant and may run on any thread (the GUI loads on a
// worker thread); they block while reading.
#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetSplits.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class IdxReader {
public:
    // The most payload one file may hold (images of every split of EMNIST
    // "byclass" are ~550 MB); larger claims are refused as implausible.
    static constexpr std::uint64_t kMaxPayloadBytes = std::uint64_t(2) << 30;

    // One IDX array of unsigned bytes: dims as in the header, elements in file order.
    struct Array {
        std::vector<std::uint32_t> dims;
        std::vector<std::uint8_t> bytes;
    };

    // Reads any unsigned-byte IDX file (raw or gzip). Throws Error.
    static Array readArray(const std::string& path);

    // Images (idx3) and labels (idx1) of one split. Throws Error if either
    // file is bad or their counts differ. `name` becomes Dataset::name().
    static Dataset readPair(const std::string& imagesPath, const std::string& labelsPath,
                            const std::string& name = {});

    // One split from either of its two files: the other one is found by name
    // ("train-images-idx3-ubyte[.gz]" <-> "train-labels-idx1-ubyte[.gz]").
    // Throws Error naming the missing partner if it is not there.
    static Dataset readSplit(const std::string& imagesOrLabelsPath, const std::string& name = {});

    // The partner file's path for an images or labels file, preferring one
    // that exists (raw before .gz). Empty if the name has no "images"/"labels".
    static std::string partnerPath(const std::string& path);

    // True if `path` is a file that starts like an IDX file (raw or gzip).
    static bool looksLikeIdx(const std::string& path);

    // A folder as shipped: finds the training files ("train-images...") and
    // the test files ("t10k-images..." or "test-images..."), raw or .gz.
    // Either split may be missing, not both. Throws Error.
    static DatasetSplits readFolder(const std::string& folder, const std::string& name = {});
};

} // namespace latentset
