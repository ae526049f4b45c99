// Level-2 concept models (concept/ConceptModel::read: "CNCP": shape,
// settings, the network's parameters, the angle calibration table, the map
// options). An accepted model is used as the imaginer uses it: the unit of a
// map, a decoded map, and the calibrated angle across and beyond its range.
#include "FuzzSupport.h"

#include "latentset/concept/ConceptModel.h"

namespace {

using namespace latentset;

void readAll(const ChunkFile& file)
{
    fuzz::accepts([&] {
        const ConceptModel model = ConceptModel::read(file);
        const Vector u = model.latent(Matrix::Constant(model.contexts(), 1, 0.5f));
        (void)model.decode(u);
        // thetaAt throws latentset::Error for a model without calibration.
        for (double at : {model.uMin() - 1.0, model.uMin(), 0.5 * (model.uMin() + model.uMax()), model.uMax(),
                          model.uMax() + 1.0})
            (void)model.thetaAt(at);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::withChunkFile(data, size, readAll);
    return 0;
}
