#include "latentset/data/CsvReader.h"

#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace latentset {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view cell)
{
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t'))
        cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t' || cell.back() == '\r'))
        cell.remove_suffix(1);
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
        cell = cell.substr(1, cell.size() - 2);
    return cell;
}

// A non-negative decimal integer of at most 9 digits, or -1. (Nine digits
// cannot overflow an int; no pixel or label needs more.)
int parseInt(std::string_view cell)
{
    if (cell.empty() || cell.size() > 9)
        return -1;
    int value = 0;
    for (char c : cell) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// A cell as the user would recognise it in a message: printable, short.
std::string quoted(std::string_view cell)
{
    std::string text = "'";
    for (std::size_t i = 0; i < cell.size() && i < 24; ++i) {
        const unsigned char c = static_cast<unsigned char>(cell[i]);
        if (c >= 32 && c < 127) {
            text += char(c);
        } else {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02X", unsigned(c));
            text += buffer;
        }
    }
    if (cell.size() > 24)
        text += "...";
    return text + "'";
}

std::string lower(std::string text)
{
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return text;
}

// The comma-separated, trimmed cells of `line` into `cells` (cleared first).
void splitCells(std::string_view line, std::vector<std::string_view>& cells)
{
    cells.clear();
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        if (comma == std::string_view::npos) {
            cells.push_back(trim(line.substr(start)));
            break;
        }
        cells.push_back(trim(line.substr(start, comma - start)));
        start = comma + 1;
    }
}

// The image width for `n` pixels per line: the given `width` if it divides
// n, or (width <= 0) the side of a square image.
int imageWidth(const std::string& path, std::size_t n, int width)
{
    if (width <= 0) {
        const auto side = std::size_t(std::llround(std::sqrt(double(n))));
        if (side * side != n)
            throw Error(path + ": " + std::to_string(n) + " pixels per line is not a square image; give the width");
        return int(side);
    }
    if (n % std::size_t(width) != 0)
        throw Error(path + ": " + std::to_string(n) + " pixels per line is not a multiple of width "
                    + std::to_string(width));
    return width;
}

} // namespace

Dataset CsvReader::read(const std::string& path, int width, const std::string& name)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(path + (fs::exists(path, ec) ? ": not a regular file" : ": no such file"));
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec)
        throw Error(path + ": cannot read its size (" + ec.message() + ")");
    if (size > kMaxFileBytes)
        throw Error(path + ": " + std::to_string(size) + " bytes is more than the CSV limit of "
                    + std::to_string(kMaxFileBytes));
    // The text, and at most one pixel byte per two characters ("0,").
    MemoryBudget::require(size + size / 2, path + ": " + std::to_string(size) + " bytes of CSV");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot open for reading");
    std::string text(std::size_t(size), '\0');
    in.read(text.data(), std::streamsize(size));
    if (std::uint64_t(in.gcount()) != size)
        throw Error(path + ": read " + std::to_string(in.gcount()) + " of " + std::to_string(size) + " bytes");
    return parse(text, path, width, name.empty() ? fs::path(path).filename().string() : name);
}

Dataset CsvReader::parse(std::string_view text, const std::string& path, int width, const std::string& name)
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    std::size_t columns = 0;  // cells per line, fixed by the first line
    std::size_t lineNumber = 0;
    bool firstLine = true;
    std::vector<std::string_view> cells;

    // Reserve by the number of lines (a cheap count) so MNIST's 60,000 rows
    // do not reallocate; the estimate is capped by the text's own size.
    const std::size_t lineEstimate = std::size_t(std::count(text.begin(), text.end(), '\n')) + 1;

    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t end = text.find('\n', position);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(position, end - position);
        position = end + 1;
        ++lineNumber;
        if (trim(line).empty())
            continue;

        splitCells(line, cells);
        auto where = [&](std::size_t column) {
            return path + ": line " + std::to_string(lineNumber) + ", column " + std::to_string(column + 1);
        };

        if (firstLine) {
            firstLine = false;
            columns = cells.size();
            if (columns < 2)
                throw Error(path + ": line " + std::to_string(lineNumber)
                            + " has one cell; expected label,p0,p1,... separated by commas");
            const std::size_t n = columns - 1;
            width = imageWidth(path, n, width);
            pixels.reserve(std::min(lineEstimate * n, text.size() / 2 + n));
            labels.reserve(lineEstimate);
            if (parseInt(cells[0]) < 0)
                continue;  // a header: its first cell is not a number
        } else if (cells.size() != columns) {
            throw Error(path + ": line " + std::to_string(lineNumber) + " has " + std::to_string(cells.size())
                        + " cells, expected " + std::to_string(columns) + " like the first line");
        }

        const int label = parseInt(cells[0]);
        if (label < 0)
            throw Error(where(0) + ": label " + quoted(cells[0]) + " is not a non-negative integer");
        if (label > Dataset::kMaxLabel)
            throw Error(where(0) + ": label " + std::to_string(label) + " is larger than "
                        + std::to_string(Dataset::kMaxLabel));
        labels.push_back(label);
        for (std::size_t c = 1; c < columns; ++c) {
            const int value = parseInt(cells[c]);
            if (value < 0)
                throw Error(where(c) + ": " + quoted(cells[c]) + " is not a number (pixels are integers 0..255)");
            if (value > 255)
                throw Error(where(c) + ": pixel value " + std::to_string(value) + " is outside 0..255");
            pixels.push_back(std::uint8_t(value));
        }
    }
    if (labels.empty())
        throw Error(path + ": zero images (" + (columns ? "only a header" : "empty file") + ")");
    const int height = int((columns - 1) / std::size_t(width));
    return Dataset(width, height, std::move(pixels), std::move(labels), {}, name.empty() ? path : name);
}

DatasetSplits CsvReader::readWithSibling(const std::string& path, const std::string& name)
{
    const fs::path p(path);
    const std::string file = p.filename().string();
    const std::string lowered = lower(file);
    DatasetSplits splits;
    splits.source = path;
    std::string stem = p.stem().string();
    for (const char* tag : {"_train", "-train", "_test", "-test", "train", "test"}) {
        const std::size_t at = lower(stem).rfind(tag);
        if (at != std::string::npos && at + std::string(tag).size() == stem.size()) {
            stem.resize(at);
            break;
        }
    }
    splits.name = !name.empty() ? name : (stem.empty() ? file : stem);

    // Which split is this file, and what would its sibling be called?
    const bool isTest = lowered.rfind("test") != std::string::npos && lowered.rfind("train") == std::string::npos;
    std::string sibling;
    const std::size_t at = lowered.rfind(isTest ? "test" : "train");
    if (at != std::string::npos) {
        sibling = file;
        sibling.replace(at, isTest ? 4 : 5, isTest ? "train" : "test");
        sibling = (p.parent_path() / sibling).string();
    }
    Dataset own = read(path, 0, splits.name + (isTest ? " test" : " train"));
    Dataset other;
    std::error_code ec;
    if (!sibling.empty() && fs::is_regular_file(sibling, ec)) {
        // Kaggle's "digit-recognizer" test.csv has no label column; such a
        // sibling is simply not used rather than failing the whole load.
        try {
            other = read(sibling, own.width(), splits.name + (isTest ? " train" : " test"));
            if (other.width() != own.width() || other.height() != own.height())
                other = Dataset();
        } catch (const Error&) {
            other = Dataset();
        }
    }
    if (isTest) {
        splits.test = std::move(own);
        splits.train = std::move(other);
    } else {
        splits.train = std::move(own);
        splits.test = std::move(other);
    }
    return splits;
}

} // namespace latentset
