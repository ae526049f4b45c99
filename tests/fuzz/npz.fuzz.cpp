// NPZ archives (interop/NpzArchive::fromBytes, minizip over memory), the .npy
// arrays in them (interop/NpyArray::parse, fed the raw input as well, since a
// mutated zip entry rarely keeps its CRC) and the model import behind
// `latentset-cli import` (interop/ModelNpz, LikelihoodNpz). What a reader accepts is used as
// its callers use it: an imported set reconstructs an image, an array written
// again reads back the same.
#include "FuzzSupport.h"

#include "latentset/interop/LikelihoodNpz.h"
#include "latentset/interop/ModelNpz.h"

#include <cstdlib>

namespace {

using namespace latentset;

void roundTrip(const NpyArray& a)
{
    const NpyArray b = NpyArray::parse(a.serialize(), "written");
    if (b.shape() != a.shape() || b.dtype() != a.dtype() || b.serialize() != a.serialize())
        std::abort(); // what was read writes and reads back the same
}

void useArchive(const NpzArchive& npz)
{
    for (const auto& entry : npz.arrays()) { // (clang 14 cannot capture structured bindings)
        const NpyArray& array = entry.second;
        roundTrip(array);
        fuzz::accepts([&] { (void)array.doubles(entry.first); });
        fuzz::accepts([&] { (void)array.texts(entry.first); });
    }
    fuzz::accepts([&] {
        const AutoencoderSet set = ModelNpz::readSet(npz);
        const Matrix x = Matrix::Constant(set.config().inputSize, 1, 0.5f);
        (void)set.member(set.size() - 1).reconstruct(x);
        (void)ModelNpz::readClassifierCalibration(npz, set.size());
        if (const auto lk = LikelihoodNpz::read(npz, set))
            (void)lk->latentDensity(0).logDensity(Matrix::Constant(set.config().latentSize, 1, 0.5f));
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace latentset;
    const std::string bytes = fuzz::bytesOf(data, size);
    NpzArchive npz;
    if (fuzz::accepts([&] { npz = NpzArchive::fromBytes(bytes, "fuzz.npz"); })) {
        useArchive(npz);
        if (!fuzz::accepts([&] { (void)NpzArchive::fromBytes(npz.toBytes(), "written"); }))
            std::abort(); // an archive read writes an archive that reads
    }
    NpyArray array;
    if (fuzz::accepts([&] { array = NpyArray::parse(bytes, "fuzz.npy"); }))
        roundTrip(array);
    return 0;
}
