// Gzip-compressed IDX files (data/IdxReader, the Fashion-MNIST form). An
// input that starts with the gzip magic is written as it is (damaged
// streams, truncation, concatenated members, high ratios); any other input
// is IDX content that the harness compresses first, so mutations of the
// header and payload also reach the reader's gzip path, where the file's
// size says little about the claimed payload.
#include "IdxFuzz.h"

#include <zlib.h>

#include <cstdlib>

namespace {

std::string gzipped(const std::string& plain)
{
    z_stream z{};
    // 15 + 16: a gzip wrapper, not zlib's; level 1 keeps the harness fast.
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        std::abort();
    std::string out(deflateBound(&z, uLong(plain.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    z.avail_in = uInt(plain.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        std::abort();
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string file = latentset::fuzz::bytesOf(data, size);
    const bool isGzip = file.size() >= 2 && std::uint8_t(file[0]) == 0x1f && std::uint8_t(file[1]) == 0x8b;
    latentset::fuzz::fuzzIdxFile(isGzip ? file : gzipped(file), ".gz");
    return 0;
}
