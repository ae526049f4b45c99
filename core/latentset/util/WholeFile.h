#pragma once
#include <cstdint>
#include <string>

namespace latentset {

// A file read or written whole, the one place for both: ChunkFile and
// NpzArchive load and save through it. Blocking; any thread.
class WholeFile {
public:
    // Writes so that a crash or a full disk never leaves a half-written file
    // under the real name: the bytes go to a temporary file in the same
    // directory, which is fsync'ed, made 0644 and renamed over `path`, and the
    // directory is fsync'ed. Throws latentset::Error naming the path and
    // saying that the previous file (if any) is unchanged.
    static void write(const std::string& path, const std::string& bytes);
    // Every byte of `path`, after the memory budget has agreed to `copies`
    // times the file's size (the bytes plus what the reader builds of them).
    // Throws latentset::Error naming the path when it cannot be opened, its
    // size read, or all of it read.
    static std::string read(const std::string& path, std::uint64_t copies);
};

} // namespace latentset
