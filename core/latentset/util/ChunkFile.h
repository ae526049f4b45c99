#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

// LatentSet's one binary container (model files, project files).
//
// Layout, all integers little-endian:
//   header:  "LSET"  u32 formatVersion  u32 chunkCount  u32 CRC32(of the 12 bytes before)
//   chunk*:  4-byte tag (fourcc, e.g. "AESE")  u32 chunkVersion  u64 payloadLength
//            payload bytes  u32 CRC32(tag..payload)
// The file ends right after the last chunk; trailing bytes are an error.
//
// Every area serialises its own objects into its own tags (nn: "AECF",
// "AESE", "OPTS", "MLPN", ...); a reader asks for a tag with the newest
// chunk version it understands, and a newer chunk is refused with a clear
// message instead of being misread. Unknown tags are kept and ignored, so
// older readers can open files that carry extra chunks.
//
// Writing is atomic: the bytes go to a temporary file in the same directory,
// which is fsync'ed and renamed over the target, so a crash never leaves a
// half-written file under the real name. Reading verifies every CRC.
class ChunkFile {
public:
    static constexpr std::uint32_t kFormatVersion = 1;

    struct Chunk {
        std::string tag; // exactly 4 characters
        std::uint32_t version = 0;
        std::string payload;
    };

    // Source name used in error messages (the path after load()).
    explicit ChunkFile(std::string name = "LatentSet file") : name_(std::move(name)) {}

    // Appends a chunk. Tags may repeat (e.g. one chunk per member).
    void add(const std::string& tag, std::uint32_t version, std::string payload);

    const std::vector<Chunk>& chunks() const { return chunks_; }
    // The first chunk with this tag, or nullptr.
    const Chunk* find(const std::string& tag) const;
    // Moves the first `tag` chunk's payload out (the chunk stays, empty): a
    // reader that keeps a large payload (a training state) takes it without
    // a second copy. Empty if there is no such chunk.
    std::string takePayload(const std::string& tag);
    // All chunks with this tag, in file order.
    std::vector<const Chunk*> findAll(const std::string& tag) const;
    // The first chunk with this tag; throws latentset::Error if it is missing
    // or its version is newer than maxVersion (what this build can read).
    const Chunk& require(const std::string& tag, std::uint32_t maxVersion) const;
    // Throws if the chunk's version is newer than maxVersion.
    void checkVersion(const Chunk& chunk, std::uint32_t maxVersion) const;
    // "<file>: chunk 'TAG'" for BinaryReader source names.
    std::string describe(const Chunk& chunk) const;
    const std::string& name() const { return name_; }

    std::string toBytes() const;
    // Parses and verifies bytes (CRCs, versions, lengths); `name` for messages.
    static ChunkFile fromBytes(const std::string& bytes, const std::string& name);

    // Atomic write (temp file + fsync + rename). Throws latentset::Error on I/O failure.
    void save(const std::string& path) const;
    // Reads and verifies a file. Throws latentset::Error naming the path.
    static ChunkFile load(const std::string& path);

    // The CRC32 (zlib polynomial) used for the header and chunks.
    static std::uint32_t crc32(const char* data, std::size_t size);

private:
    std::string name_;
    std::vector<Chunk> chunks_;
};

} // namespace latentset
