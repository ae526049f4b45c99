// Raw IDX files (data/IdxReader): header, dimension and size checks, pairing
// of images with labels, the folder and partner-name logic around them.
#include "IdxFuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string file = latentset::fuzz::bytesOf(data, size);
    // The gzip path has a harness of its own (idx_gz): a gzip magic here
    // would only test zlib's rejection of a mutated stream.
    if (file.size() >= 2 && std::uint8_t(file[0]) == 0x1f && std::uint8_t(file[1]) == 0x8b)
        file[0] = 0;
    latentset::fuzz::fuzzIdxFile(file, "");
    return 0;
}
