#pragma once
#include <string>

namespace latentset {

// Writes a whole file so that a crash or a full disk never leaves a
// half-written file under the real name: the bytes go to a temporary file in
// the same directory, which is fsync'ed, made 0644 and renamed over `path`,
// and the directory is fsync'ed. Throws latentset::Error naming the path and
// saying that the previous file (if any) is unchanged. Blocks; any thread.
// ChunkFile::save and NpzArchive::save write through it.
class AtomicFile {
public:
    static void write(const std::string& path, const std::string& bytes);
};

} // namespace latentset
