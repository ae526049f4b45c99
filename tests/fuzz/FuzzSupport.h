#pragma once
// What the libFuzzer harnesses share (tests/fuzz/*.fuzz.cpp, docs/fuzzing.md).
//
// The contract every harness checks: a reader given any bytes either returns
// an object or throws latentset::Error. Only that exception is caught here;
// anything else (another exception, a crash, a sanitizer report, an
// allocation beyond -malloc_limit_mb, a leak, an input slower than -timeout)
// reaches libFuzzer and is a finding.
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace latentset::fuzz {

inline std::string bytesOf(const std::uint8_t* data, std::size_t size)
{
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs `read`; false if it rejected the input with latentset::Error.
template <class Read>
bool accepts(Read&& read)
{
    try {
        read();
        return true;
    } catch (const Error&) {
        return false;
    }
}

// A mutated payload almost never keeps its CRC32, so on its own the fuzzer
// would test little beyond the checksum test. repairChunkCrcs() rewrites the
// header's and every chunk's CRC wherever the layout of util/ChunkFile.h can
// be followed (and recurses into payloads that are chunk files themselves,
// as project files nest them); every other byte stays as it was. Harnesses
// feed both the input and its repaired copy, so the checksum tests and the
// chunk readers behind them are both reached.
namespace detail {

inline std::uint64_t littleEndian(const std::string& b, std::size_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | std::uint8_t(b[at + std::size_t(i)]);
    return v;
}

inline void putU32(std::string& b, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b[at + std::size_t(i)] = char((v >> (8 * i)) & 0xFF);
}

inline void repairRange(std::string& b, std::size_t begin, std::size_t end, int depth)
{
    // Header: "LSET" u32 version u32 count, then the CRC of those 12 bytes.
    if (end - begin < 16 || depth > 8)
        return;
    putU32(b, begin + 12, ChunkFile::crc32(b.data() + begin, 12));
    std::size_t at = begin + 16;
    // Chunk: tag u32 version u64 length, payload, CRC of tag..payload.
    while (end - at >= 16) {
        const std::uint64_t length = littleEndian(b, at + 8, 8);
        const std::size_t left = end - at - 16;
        if (length > left || left - length < 4)
            return; // a truncated chunk: left for the reader to reject
        const std::size_t payload = at + 16;
        if (length >= 16 && b.compare(payload, 4, "LSET") == 0)
            repairRange(b, payload, payload + std::size_t(length), depth + 1);
        putU32(b, payload + std::size_t(length), ChunkFile::crc32(b.data() + at, 16 + std::size_t(length)));
        at = payload + std::size_t(length) + 4;
    }
}

} // namespace detail

inline std::string repairChunkCrcs(std::string bytes)
{
    detail::repairRange(bytes, 0, bytes.size(), 0);
    return bytes;
}

// Calls parse(file) for the input as given and, if its CRCs were wrong, once
// more for the repaired copy: each call gets a ChunkFile that fromBytes()
// accepted. The container parser itself is exercised by both.
template <class Parse>
void withChunkFile(const std::uint8_t* data, std::size_t size, Parse&& parse)
{
    const std::string raw = bytesOf(data, size);
    const std::string repaired = repairChunkCrcs(raw);
    for (const std::string* bytes : {&raw, &repaired}) {
        if (bytes == &repaired && repaired == raw)
            break;
        try {
            const ChunkFile file = ChunkFile::fromBytes(*bytes, "fuzz.lset");
            parse(file);
        } catch (const Error&) {
        }
    }
}

// A folder of this process's own for readers that take a path (IDX, CSV,
// projects); removed at exit. /dev/shm when present keeps the per-input
// writes off the disk.
class ScratchFolder {
public:
    ScratchFolder()
    {
        std::error_code ec;
        std::filesystem::path base = "/dev/shm";
        if (!std::filesystem::is_directory(base, ec))
            base = std::filesystem::temp_directory_path();
        path_ = base / ("latentset-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    // Writes `bytes` to `name` in the folder (replacing it) and returns its path.
    std::string write(const std::string& name, std::string_view bytes) const
    {
        const std::filesystem::path file = path_ / name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out)
            std::abort(); // the harness cannot test anything without its file
        return file.string();
    }
    void remove(const std::string& name) const
    {
        std::error_code ec;
        std::filesystem::remove(path_ / name, ec);
    }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

// One scratch folder per harness process.
inline const ScratchFolder& scratch()
{
    static const ScratchFolder folder;
    return folder;
}

} // namespace latentset::fuzz
