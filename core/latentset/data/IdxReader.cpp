#include "latentset/data/IdxReader.h"

#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

namespace latentset {

namespace fs = std::filesystem;

namespace {

// gzip's own worst case is about 1032:1 (a run of one byte); anything that
// claims more than this many times its compressed size is a lie we refuse
// before allocating.
constexpr std::uint64_t kMaxGzipRatio = 1100;

const char* typeName(int type)
{
    switch (type) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "int16";
    case 0x0C: return "int32";
    case 0x0D: return "float32";
    case 0x0E: return "float64";
    default: return nullptr;
    }
}

std::string hex(unsigned value, int digits)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%0*X", digits, value);
    return buffer;
}

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// Reads exactly `count` bytes or reports how many it got. gzread takes an
// unsigned int, so large reads go in slices.
std::uint64_t readBytes(gzFile file, std::uint8_t* out, std::uint64_t count, const std::string& path)
{
    std::uint64_t done = 0;
    while (done < count) {
        const unsigned slice = unsigned(std::min<std::uint64_t>(count - done, 1u << 28));
        const int got = gzread(file, out + done, slice);
        if (got < 0) {
            int code = 0;
            const char* message = gzerror(file, &code);
            throw Error(path + ": corrupt gzip data (" + (message ? message : "zlib error") + ")");
        }
        if (got == 0)
            break;
        done += std::uint64_t(got);
    }
    return done;
}

bool isGzip(const std::string& path)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, f);
    std::fclose(f);
    return got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

std::string lower(std::string text)
{
    for (char& c : text)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return text;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "60000 x 28 x 28", for messages.
std::string dimensionsText(const std::vector<std::uint32_t>& dims)
{
    std::string text;
    for (std::size_t d = 0; d < dims.size(); ++d)
        text += (d ? " x " : "") + std::to_string(dims[d]);
    return text;
}

// The 4-byte magic number: two zero bytes, the element type (only unsigned
// byte), the number of dimensions (1-4). Returns that number.
int readMagic(gzFile file, const std::string& path)
{
    std::array<std::uint8_t, 4> magic{};
    const std::uint64_t gotMagic = readBytes(file, magic.data(), 4, path);
    if (gotMagic < 4)
        throw Error(path + ": truncated, " + std::to_string(gotMagic) + " bytes is shorter than an IDX header");
    if (magic[0] != 0 || magic[1] != 0)
        throw Error(path + ": not an IDX file (magic number "
                    + hex((unsigned(magic[0]) << 24) | (unsigned(magic[1]) << 16) | (unsigned(magic[2]) << 8)
                              | magic[3],
                          8)
                    + " does not start with two zero bytes)");
    const int type = magic[2];
    if (type != 0x08) {
        const char* name = typeName(type);
        throw Error(path + ": IDX element type " + hex(unsigned(type), 2)
                    + (name ? std::string(" (") + name + ") is not supported; LatentSet reads unsigned-byte IDX files"
                            : std::string(" is not a valid IDX type")));
    }
    const int dimensionCount = magic[3];
    if (dimensionCount < 1 || dimensionCount > 4)
        throw Error(path + ": IDX header has " + std::to_string(dimensionCount)
                    + " dimensions (images have 3, labels 1)");
    return dimensionCount;
}

// The dimension sizes after the magic number into `dims`; returns their
// product, checked against 64 bits and IdxReader::kMaxPayloadBytes.
std::uint64_t readDimensions(gzFile file, const std::string& path, int dimensionCount,
                             std::vector<std::uint32_t>& dims)
{
    std::array<std::uint8_t, 16> dimBytes{};
    const std::uint64_t dimLength = std::uint64_t(dimensionCount) * 4;
    const std::uint64_t gotDims = readBytes(file, dimBytes.data(), dimLength, path);
    if (gotDims < dimLength)
        throw Error(path + ": truncated inside the header (" + std::to_string(4 + gotDims) + " of "
                    + std::to_string(4 + dimLength) + " header bytes)");

    std::uint64_t elements = 1;
    bool overflow = false;
    for (int d = 0; d < dimensionCount; ++d) {
        const std::uint8_t* b = dimBytes.data() + 4 * d;
        const std::uint32_t size = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16)
                                   | (std::uint32_t(b[2]) << 8) | std::uint32_t(b[3]);
        dims.push_back(size);
        // Four uint32 factors can exceed 64 bits: check every step.
        if (!overflow && __builtin_mul_overflow(elements, std::uint64_t(size), &elements))
            overflow = true;
    }
    const std::string dimsText = dimensionsText(dims);
    if (overflow)
        throw Error(path + ": dimension overflow, " + dimsText + " elements do not fit in 64 bits");
    if (elements > IdxReader::kMaxPayloadBytes)
        throw Error(path + ": header claims " + dimsText + " = " + std::to_string(elements)
                    + " bytes, more than the " + std::to_string(IdxReader::kMaxPayloadBytes) + "-byte limit");
    return elements;
}

// The payload the header claims against the file: exactly the rest of a raw
// file, or within gzip's ratio of a compressed one.
void checkPayloadSize(const std::string& path, bool gzip, std::uint64_t fileSize, std::uint64_t headerSize,
                      std::uint64_t elements, const std::string& dimsText)
{
    if (!gzip) {
        // Raw file: its size must be exactly header + payload.
        const std::uint64_t available = fileSize >= headerSize ? fileSize - headerSize : 0;
        if (available < elements)
            throw Error(path + ": truncated, header claims " + dimsText + " = " + std::to_string(elements)
                        + " data bytes but the file holds " + std::to_string(available));
        if (available > elements)
            throw Error(path + ": " + std::to_string(available - elements) + " unexpected bytes after the "
                        + dimsText + " data (wrong header or two files joined?)");
    } else if (elements > fileSize * kMaxGzipRatio + 65536) {
        throw Error(path + ": header claims " + dimsText + " = " + std::to_string(elements)
                    + " bytes, more than a " + std::to_string(fileSize) + "-byte gzip file can hold");
    }
}

} // namespace


IdxReader::Array IdxReader::readArray(const std::string& path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error(path + ": no such file");
    if (fs::is_directory(path, ec))
        throw Error(path + ": is a folder, not an IDX file");
    const std::uint64_t fileSize = fs::file_size(path, ec);
    if (ec)
        throw Error(path + ": cannot read its size (" + ec.message() + ")");
    const bool gzip = isGzip(path);

    GzFile file(gzopen(path.c_str(), "rb"));
    if (!file)
        throw Error(path + ": cannot open for reading");
    gzbuffer(file.get(), 1u << 20);

    const int dimensionCount = readMagic(file.get(), path);
    Array array;
    const std::uint64_t elements = readDimensions(file.get(), path, dimensionCount, array.dims);
    const std::string dimsText = dimensionsText(array.dims);
    const std::uint64_t headerSize = 4 + std::uint64_t(dimensionCount) * 4;
    checkPayloadSize(path, gzip, fileSize, headerSize, elements, dimsText);

    // The claim is now proven against the file (exactly, or within gzip's
    // ratio); what is left is whether this machine can hold it.
    MemoryBudget::require(elements, path + ": " + dimsText + " data");
    array.bytes.resize(std::size_t(elements));
    const std::uint64_t got = readBytes(file.get(), array.bytes.data(), elements, path);
    if (got < elements)
        throw Error(path + ": truncated, " + std::to_string(got) + " of " + std::to_string(elements)
                    + " data bytes (" + dimsText + ")");
    if (gzip) {
        std::uint8_t extra = 0;
        if (readBytes(file.get(), &extra, 1, path) != 0)
            throw Error(path + ": unexpected bytes after the " + dimsText + " data");
    }
    return array;
}

Dataset IdxReader::readPair(const std::string& imagesPath, const std::string& labelsPath, const std::string& name)
{
    Array images = readArray(imagesPath);
    if (images.dims.size() != 3)
        throw Error(imagesPath + ": an images file has 3 dimensions (count, rows, columns), this one has "
                    + std::to_string(images.dims.size()));
    const Array labels = readArray(labelsPath);
    if (labels.dims.size() != 1)
        throw Error(labelsPath + ": a labels file has 1 dimension (count), this one has "
                    + std::to_string(labels.dims.size()));
    const std::uint32_t count = images.dims[0];
    const std::uint32_t rows = images.dims[1];
    const std::uint32_t columns = images.dims[2];
    if (count == 0)
        throw Error(imagesPath + ": zero images");
    if (rows == 0 || columns == 0)
        throw Error(imagesPath + ": images of " + std::to_string(columns) + "x" + std::to_string(rows)
                    + " pixels have no area");
    // Beyond 16 Mpixel per image something is wrong with the header; it also
    // keeps width * height well inside an int.
    if (std::uint64_t(rows) * columns > (1u << 24))
        throw Error(imagesPath + ": dimension overflow, images of " + std::to_string(columns) + "x"
                    + std::to_string(rows) + " pixels are implausibly large");
    if (labels.dims[0] != count)
        throw Error(imagesPath + " holds " + std::to_string(count) + " images but " + labelsPath + " holds "
                    + std::to_string(labels.dims[0]) + " labels");
    std::vector<int> labelValues(labels.bytes.begin(), labels.bytes.end());
    return Dataset(int(columns), int(rows), std::move(images.bytes), std::move(labelValues), {},
                   name.empty() ? fs::path(imagesPath).filename().string() : name);
}

std::string IdxReader::partnerPath(const std::string& path)
{
    const fs::path p(path);
    std::string file = p.filename().string();
    std::string lowered = lower(file);
    const bool isImages = lowered.rfind("images") != std::string::npos;
    const bool isLabels = lowered.rfind("labels") != std::string::npos;
    if (isImages == isLabels)
        return {};
    // Replace on the lowered copy's positions so "Train-Images" works too.
    const std::string from = isImages ? "images" : "labels";
    const std::string to = isImages ? "labels" : "images";
    const std::size_t at = lowered.rfind(from);
    file.replace(at, from.size(), to);
    lowered = lower(file);
    const std::string fromRank = isImages ? "idx3" : "idx1";
    const std::string toRank = isImages ? "idx1" : "idx3";
    const std::size_t rankAt = lowered.rfind(fromRank);
    if (rankAt != std::string::npos)
        file.replace(rankAt, fromRank.size(), toRank);

    const fs::path primary = p.parent_path() / file;
    std::string raw = primary.string();
    std::string gz = raw;
    if (endsWith(lower(raw), ".gz"))
        raw.resize(raw.size() - 3);
    else
        gz += ".gz";
    std::error_code ec;
    if (fs::exists(primary, ec))
        return primary.string();
    if (fs::exists(raw, ec))
        return raw;
    if (fs::exists(gz, ec))
        return gz;
    return primary.string();
}

Dataset IdxReader::readSplit(const std::string& path, const std::string& name)
{
    const std::string partner = partnerPath(path);
    if (partner.empty())
        throw Error(path + ": cannot tell whether this is an images or a labels file "
                           "(its name contains neither \"images\" nor \"labels\")");
    std::error_code ec;
    if (!fs::exists(partner, ec))
        throw Error(path + ": its partner file " + partner + " is missing");
    const bool isImages = lower(fs::path(path).filename().string()).rfind("images") != std::string::npos;
    return isImages ? readPair(path, partner, name) : readPair(partner, path, name);
}

bool IdxReader::looksLikeIdx(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return false;
    GzFile file(gzopen(path.c_str(), "rb"));
    if (!file)
        return false;
    std::uint8_t magic[4] = {1, 1, 1, 1};
    if (gzread(file.get(), magic, 4) != 4)
        return false;
    return magic[0] == 0 && magic[1] == 0 && typeName(magic[2]) != nullptr && magic[3] >= 1 && magic[3] <= 4;
}

DatasetSplits IdxReader::readFolder(const std::string& folder, const std::string& name)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(folder + ": not a folder");
    // Candidates by split, keyed by their name without ".gz" so a folder
    // holding both forms of one file counts it once (raw preferred: faster).
    std::vector<std::string> train, test;
    auto add = [](std::vector<std::string>& list, const std::string& path) {
        std::string base = lower(path);
        if (endsWith(base, ".gz"))
            base.resize(base.size() - 3);
        for (std::string& existing : list) {
            std::string other = lower(existing);
            const bool otherGz = endsWith(other, ".gz");
            if (otherGz)
                other.resize(other.size() - 3);
            if (other == base) {
                if (otherGz)
                    existing = path;  // raw replaces gz; never the other way round
                return;
            }
        }
        list.push_back(path);
    };
    std::vector<fs::path> entries;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec))
        entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
        const std::string file = lower(entry.filename().string());
        if (file.find("images") == std::string::npos || file.find("idx3") == std::string::npos)
            continue;
        if (!fs::is_regular_file(entry, ec))
            continue;
        if (file.find("train") != std::string::npos)
            add(train, entry.string());
        else if (file.find("t10k") != std::string::npos || file.find("test") != std::string::npos)
            add(test, entry.string());
    }
    if (train.empty() && test.empty())
        throw Error(folder + ": not a dataset folder: no IDX images file (train-images-idx3-ubyte, "
                             "t10k-images-idx3-ubyte, raw or .gz) and no subfolders of images, one per class");
    auto single = [&](const std::vector<std::string>& list, const char* what) -> std::string {
        if (list.size() <= 1)
            return list.empty() ? std::string() : list.front();
        std::string names;
        for (const std::string& path : list)
            names += (names.empty() ? "" : ", ") + fs::path(path).filename().string();
        throw Error(folder + ": several " + what + " image files (" + names + "); open one of them directly");
    };
    const std::string trainImages = single(train, "training");
    const std::string testImages = single(test, "test");

    DatasetSplits splits;
    splits.name = name.empty() ? fs::path(folder).lexically_normal().filename().string() : name;
    if (splits.name.empty())
        splits.name = fs::path(folder).lexically_normal().parent_path().filename().string();
    splits.source = folder;
    if (!trainImages.empty())
        splits.train = readSplit(trainImages, splits.name + " train");
    if (!testImages.empty())
        splits.test = readSplit(testImages, splits.name + " test");
    return splits;
}

} // namespace latentset
