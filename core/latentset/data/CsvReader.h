#pragma once
// Reads Kaggle-style CSV datasets: one image per line,
//
//   label,p0,p1,...,p(n-1)        e.g. 7,0,0,...,84,185,159,...,0
//
// label an integer >= 0, pixels integers 0..255 (row-major). A header line
// is optional: it is recognised by a first cell that is not a number
// ("label,pixel0,..." or "label,1x1,1x2,..."). The images are square unless
// a width is given: n must then be width * height.
//
// Blank lines are skipped; "\r\n" line ends are accepted. Anything else that
// is wrong (a non-numeric cell, a pixel outside 0..255, a line with a
// different number of cells, zero images) is an Error naming the file, the
// line and the column. Re-entrant; may run on any thread; blocks while reading.
#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetSplits.h"

#include <string>
#include <string_view>

namespace latentset {

class CsvReader {
public:
    // The file is read whole into memory first (Kaggle's MNIST training CSV
    // is 110 MB); larger files are refused.
    static constexpr std::uint64_t kMaxFileBytes = std::uint64_t(2) << 30;

    // Reads one split. width = 0: square images, side = sqrt(cells - 1).
    static Dataset read(const std::string& path, int width = 0, const std::string& name = {});
    // Parses CSV text held in memory; `path` only names it in messages.
    static Dataset parse(std::string_view text, const std::string& path, int width = 0,
                         const std::string& name = {});

    // A CSV split plus its sibling: "mnist_train.csv" also loads
    // "mnist_test.csv" (and the other way round) when it exists.
    static DatasetSplits readWithSibling(const std::string& path, const std::string& name = {});
};

} // namespace latentset
