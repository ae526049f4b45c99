#include "latentset/util/ChunkFile.h"

#include <utility>

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/Error.h"
#include "latentset/util/WholeFile.h"

#include <zlib.h>

namespace latentset {

namespace {

constexpr char kMagic[4] = {'L', 'S', 'E', 'T'};

std::uint32_t crc32Of(const char* data, std::size_t size)
{
    // zlib's crc32 takes a uInt length; feed it in pieces for >4 GiB safety.
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) {
        const std::size_t piece = std::min<std::size_t>(size, 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data), uInt(piece));
        data += piece;
        size -= piece;
    }
    return std::uint32_t(crc);
}

} // namespace

std::uint32_t ChunkFile::crc32(const char* data, std::size_t size) { return crc32Of(data, size); }

namespace {

std::string printableTag(const std::string& tag)
{
    std::string out;
    for (char c : tag)
        out += (c >= 32 && c < 127) ? c : '?';
    return out;
}

} // namespace

void ChunkFile::add(const std::string& tag, std::uint32_t version, std::string payload)
{
    if (tag.size() != 4)
        throw Error(name_ + ": chunk tag '" + tag + "' must be exactly 4 characters");
    chunks_.push_back(Chunk{tag, version, std::move(payload)});
}

const ChunkFile::Chunk* ChunkFile::find(const std::string& tag) const
{
    for (const auto& c : chunks_)
        if (c.tag == tag)
            return &c;
    return nullptr;
}

std::string ChunkFile::takePayload(const std::string& tag)
{
    for (auto& c : chunks_)
        if (c.tag == tag)
            return std::exchange(c.payload, std::string());
    return {};
}

std::vector<const ChunkFile::Chunk*> ChunkFile::findAll(const std::string& tag) const
{
    std::vector<const Chunk*> out;
    for (const auto& c : chunks_)
        if (c.tag == tag)
            out.push_back(&c);
    return out;
}

void ChunkFile::checkVersion(const Chunk& chunk, std::uint32_t maxVersion) const
{
    if (chunk.version > maxVersion)
        throw Error(describe(chunk) + " has version " + std::to_string(chunk.version)
                    + ", newer than this LatentSet can read (" + std::to_string(maxVersion)
                    + "); update LatentSet to open this file");
}

const ChunkFile::Chunk& ChunkFile::require(const std::string& tag, std::uint32_t maxVersion) const
{
    const Chunk* c = find(tag);
    if (!c)
        throw Error(name_ + ": missing chunk '" + tag + "' (not a file of this kind, or damaged)");
    checkVersion(*c, maxVersion);
    return *c;
}

std::string ChunkFile::describe(const Chunk& chunk) const
{
    return name_ + ": chunk '" + printableTag(chunk.tag) + "'";
}

std::string ChunkFile::toBytes() const
{
    BinaryWriter w;
    w.writeBytes(kMagic, 4);
    w.writeU32(kFormatVersion);
    w.writeU32(std::uint32_t(chunks_.size()));
    w.writeU32(crc32Of(w.bytes().data(), 12));
    for (const auto& c : chunks_) {
        const std::size_t start = w.size();
        w.writeBytes(c.tag.data(), 4);
        w.writeU32(c.version);
        w.writeU64(c.payload.size());
        w.writeBytes(c.payload.data(), c.payload.size());
        w.writeU32(crc32Of(w.bytes().data() + start, w.size() - start));
    }
    return w.take();
}

ChunkFile ChunkFile::fromBytes(const std::string& bytes, const std::string& name)
{
    ChunkFile file(name);
    BinaryReader r(bytes, name);
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 4) != 0)
        throw Error(name + ": not a LatentSet file (no 'LSET' header)");
    char magic[4];
    r.readBytes(magic, 4);
    const std::uint32_t version = r.readU32();
    const std::uint32_t count = r.readU32();
    const std::uint32_t headerCrc = r.readU32();
    if (headerCrc != crc32Of(bytes.data(), 12))
        throw Error(name + ": header checksum mismatch (file is corrupted)");
    if (version > kFormatVersion)
        throw Error(name + ": file format version " + std::to_string(version) + " is newer than this LatentSet reads ("
                    + std::to_string(kFormatVersion) + "); update LatentSet to open it");
    if (version == 0)
        throw Error(name + ": invalid file format version 0");
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t start = r.offset();
        if (r.remaining() < 16)
            throw Error(name + ": truncated: chunk " + std::to_string(i + 1) + " of " + std::to_string(count)
                        + " is missing");
        Chunk c;
        c.tag.resize(4);
        r.readBytes(c.tag.data(), 4);
        c.version = r.readU32();
        const std::uint64_t length = r.readU64();
        if (length > r.remaining() || r.remaining() - length < 4)
            throw Error(file.describe(c) + ": truncated (payload of " + std::to_string(length) + " bytes, only "
                        + std::to_string(r.remaining()) + " left in the file)");
        c.payload.resize(std::size_t(length));
        r.readBytes(c.payload.data(), std::size_t(length));
        const std::uint32_t expected = crc32Of(bytes.data() + start, r.offset() - start);
        const std::uint32_t stored = r.readU32();
        if (stored != expected)
            throw Error(file.describe(c) + ": checksum mismatch (file is corrupted)");
        file.chunks_.push_back(std::move(c));
    }
    if (!r.atEnd())
        throw Error(name + ": " + std::to_string(r.remaining()) + " unexpected bytes after the last chunk (corrupted)");
    return file;
}

void ChunkFile::save(const std::string& path) const { WholeFile::write(path, toBytes()); }

ChunkFile ChunkFile::load(const std::string& path)
{
    // The bytes, then the chunks' copies of them: twice the file, held at once.
    return fromBytes(WholeFile::read(path, 2), path);
}

} // namespace latentset
