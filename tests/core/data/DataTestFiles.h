#pragma once
// Helpers for the data tests: small IDX/CSV files written on the fly into a
// private temporary folder that is removed afterwards.
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace datatest {

namespace fs = std::filesystem;

// A fresh folder under the system's temp directory, removed on destruction.
class TempDir {
public:
    explicit TempDir(const std::string& tag)
        : path_(fs::temp_directory_path() / ("latentset-test-" + tag + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

inline void appendU32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    out.push_back(std::uint8_t(v >> 24));
    out.push_back(std::uint8_t(v >> 16));
    out.push_back(std::uint8_t(v >> 8));
    out.push_back(std::uint8_t(v));
}

// An unsigned-byte IDX file's bytes: header for `dims`, then `data`.
inline std::vector<std::uint8_t> idxBytes(const std::vector<std::uint32_t>& dims, const std::vector<std::uint8_t>& data)
{
    std::vector<std::uint8_t> out = {0, 0, 0x08, std::uint8_t(dims.size())};
    for (std::uint32_t d : dims)
        appendU32(out, d);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

inline void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

inline void writeGzip(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    gzFile f = gzopen(path.c_str(), "wb");
    if (!bytes.empty())
        gzwrite(f, bytes.data(), unsigned(bytes.size()));
    gzclose(f);
}

inline std::vector<std::uint8_t> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline void writeText(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// `count` images of w x h whose pixel k of image i is (i * 7 + k * 3) % 256,
// labels i % classes: every byte is predictable, so a test can check any.
struct Synthetic {
    std::vector<std::uint8_t> pixels;
    std::vector<std::uint8_t> labels;
};

inline Synthetic synthetic(std::uint32_t count, std::uint32_t w, std::uint32_t h, int classes)
{
    Synthetic s;
    for (std::uint32_t i = 0; i < count; ++i) {
        for (std::uint32_t k = 0; k < w * h; ++k)
            s.pixels.push_back(std::uint8_t((i * 7 + k * 3) % 256));
        s.labels.push_back(std::uint8_t(i % std::uint32_t(classes)));
    }
    return s;
}

// Writes <prefix>-images-idx3-ubyte and <prefix>-labels-idx1-ubyte (+ ".gz"
// when gzip) into `folder`; returns the images path.
inline std::string writeIdxPair(const fs::path& folder, const std::string& prefix, std::uint32_t count,
                                std::uint32_t w, std::uint32_t h, int classes, bool gzip = false)
{
    const Synthetic s = synthetic(count, w, h, classes);
    const std::string suffix = gzip ? ".gz" : "";
    const std::string images = (folder / (prefix + "-images-idx3-ubyte" + suffix)).string();
    const std::string labels = (folder / (prefix + "-labels-idx1-ubyte" + suffix)).string();
    auto write = gzip ? writeGzip : writeBytes;
    write(images, idxBytes({count, h, w}, s.pixels));
    write(labels, idxBytes({count}, s.labels));
    return images;
}

} // namespace datatest
