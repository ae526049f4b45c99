#include "latentset/experiments/SetPosterior.h"

#include "latentset/experiments/CalibrationMetrics.h"
#include "latentset/experiments/ImageBlend.h"
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/likelihood/LikelihoodTerms.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <numeric>

namespace latentset {

namespace {

std::vector<Index> firstOf(std::vector<Index> indices, Index count)
{
    if (count > 0 && Index(indices.size()) > count)
        indices.resize(std::size_t(count));
    return indices;
}

} // namespace

LikelihoodModel SetPosterior::fitModel(const AutoencoderSet& set, const std::vector<Matrix>& perClass,
                                       const Matrix& heldOut, const std::vector<int>& heldOutLabels,
                                       const LikelihoodSettings& settings, ThreadPool* pool)
{
    // As the likelihood experiment fits it: sigma and p(z) on each member's
    // training images, eq. 5's constants on the held-out images.
    LikelihoodModel model = LikelihoodModel::fit(set, perClass, settings, pool);
    // The caller's set, borrowed for the call (an empty owner: no copy).
    const std::shared_ptr<const AutoencoderSet> borrowed(std::shared_ptr<const void>(), &set);
    const LikelihoodEstimator fitting(borrowed, std::make_shared<const LikelihoodModel>(model));
    model.setCalibration(Calibration::fit(fitting.evaluate(heldOut, pool), heldOutLabels));
    return model;
}

std::shared_ptr<const SetPosterior> SetPosterior::fitOn(std::shared_ptr<const AutoencoderSet> set,
                                                        const DatasetSplits& data, const FitOptions& options,
                                                        ThreadPool* pool)
{
    if (!set || set->size() != data.train.classCount() || set->config().inputSize != data.train.pixelCount())
        throw Error("posterior: the set has " + std::to_string(set ? set->size() : 0) + " members of "
                    + std::to_string(set ? set->config().inputSize : 0) + " pixels, the dataset "
                    + std::to_string(data.train.classCount()) + " classes of "
                    + std::to_string(data.train.pixelCount()));
    std::vector<Matrix> perClass;
    std::vector<Index> calibrationPicks;
    for (int c = 0; c < set->size(); ++c) {
        const auto idx = data.train.indicesOfClass(c);
        if (idx.empty())
            throw Error("posterior: class " + data.train.className(c) + " has no training images");
        perClass.push_back(data.train.batch(firstOf(idx, options.trainPerClass)));
        const auto picks = firstOf(idx, options.calibrationPerClass);
        calibrationPicks.insert(calibrationPicks.end(), picks.begin(), picks.end());
    }
    const bool heldOut = !data.validation.empty();
    Dataset calibration;
    if (heldOut) {
        std::vector<Index> first(std::size_t(options.heldOut > 0 ? std::min(options.heldOut, data.validation.size())
                                                                 : data.validation.size()));
        std::iota(first.begin(), first.end(), Index(0));
        calibration = data.validation.subset(first);
    } else {
        std::sort(calibrationPicks.begin(), calibrationPicks.end());
        calibration = data.train.subset(calibrationPicks);
    }
    auto model = std::make_shared<const LikelihoodModel>(
        fitModel(*set, perClass, calibration.all(), calibration.labels(), options.likelihood, pool));
    auto posterior = std::make_shared<SetPosterior>(std::move(set), std::move(model));
    posterior->calibrationImages_ = calibration.size();
    posterior->heldOut_ = heldOut;
    return posterior;
}

Eigen::MatrixXd SetPosterior::logPosterior(const LikelihoodTerms& terms, const Calibration& calibration)
{
    return CalibrationMetrics::logSoftmax(calibration.apply(terms), calibration.temperature());
}

SetPosterior::SetPosterior(std::shared_ptr<const AutoencoderSet> set, std::shared_ptr<const LikelihoodModel> model)
    : set_(std::move(set)), model_(std::move(model))
{
    if (!set_ || !model_)
        throw Error("posterior: needs a set and a likelihood model");
    model_->checkFits(*set_, "posterior");
    if (model_->calibration().isEmpty())
        throw Error("posterior: the likelihood model has no calibration (eq. 5's constants)");
    estimator_ = std::make_unique<LikelihoodEstimator>(set_, model_);
}

SetPosterior::~SetPosterior() = default;

int SetPosterior::classCount() const { return set_->size(); }
Index SetPosterior::inputSize() const { return set_->config().inputSize; }
double SetPosterior::temperature() const { return model_->calibration().temperature(); }

Eigen::MatrixXd SetPosterior::logPosterior(const Matrix& X, ThreadPool* pool) const
{
    if (X.rows() != inputSize())
        throw Error("posterior: inputs of " + std::to_string(X.rows()) + " pixels for members of "
                    + std::to_string(inputSize()));
    return logPosterior(estimator_->evaluate(X, pool), model_->calibration());
}

Interpretation SetPosterior::interpret(const Vector& x, ThreadPool* pool) const
{
    if (x.size() != inputSize())
        throw Error("posterior: an input of " + std::to_string(x.size()) + " pixels for members of "
                    + std::to_string(inputSize()));
    const Matrix X = x;
    const LikelihoodTerms terms = estimator_->evaluate(X, pool);
    Interpretation out;
    out.score = model_->calibration().apply(terms).col(0);
    out.posterior = logPosterior(terms, model_->calibration()).col(0).array().exp().matrix();
    out.logLikelihood = terms.logLikelihood().col(0);
    out.squaredError = terms.squaredError.col(0);
    out.reconstructions.resize(x.size(), classCount());
    for (int c = 0; c < classCount(); ++c)
        out.reconstructions.col(c) = set_->member(c).reconstruct(X).col(0);
    out.ranking.resize(std::size_t(classCount()));
    std::iota(out.ranking.begin(), out.ranking.end(), 0);
    std::stable_sort(out.ranking.begin(), out.ranking.end(),
                     [&](int a, int b) { return out.posterior(a) > out.posterior(b); });
    return out;
}

Eigen::MatrixXd SetPosterior::posteriorAlongBlend(const Vector& a, const Vector& b, const std::vector<double>& weights,
                                                  ThreadPool* pool) const
{
    return logPosterior(ImageBlend::series(a, b, weights), pool).array().exp().matrix();
}

} // namespace latentset
