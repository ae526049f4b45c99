// The likelihood chunks of a class-set model file (likelihood/
// LikelihoodModel::readFrom: "LKMD", one "LKGM" GaussianMixture per member
// or one shared, "LKCA" Calibration + anomaly threshold). What is accepted is
// then used as latentset-cli likelihood uses it: checked against the set in
// the same file (checkFits), evaluated by a LikelihoodEstimator on one input
// (dense and sparse paths) and calibrated.
#include "FuzzSupport.h"

#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"

#include <memory>
#include <optional>

namespace {

using namespace latentset;

void readAll(const ChunkFile& file)
{
    std::optional<LikelihoodModel> read;
    if (!fuzz::accepts([&] { read = LikelihoodModel::readFrom(file); }) || !read)
        return;
    const auto model = std::make_shared<const LikelihoodModel>(std::move(*read));
    for (const GaussianMixture& density : model->latentDensities())
        if (!density.isEmpty())
            (void)density.logDensity(Matrix::Zero(density.dimension(), 1));

    std::shared_ptr<const AutoencoderSet> set;
    if (!fuzz::accepts([&] {
            set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
            model->checkFits(*set, file.name());
        }))
        return;
    const Matrix x = Matrix::Constant(set->config().inputSize, 1, 0.5f);
    for (const auto path : {LikelihoodEstimator::Path::Dense, LikelihoodEstimator::Path::Sparse})
        fuzz::accepts([&] {
            const LikelihoodEstimator estimator(set, model, path);
            const LikelihoodTerms terms = estimator.evaluate(x);
            (void)terms.logLikelihood();
            if (!model->calibration().isEmpty())
                (void)model->calibration().apply(terms);
        });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzz::withChunkFile(data, size, readAll);
    return 0;
}
