#include "latentset/experiments/OodExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/likelihood/Auroc.h"
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

namespace {

// -max_c of a member x image matrix, per image.
std::vector<double> minusBest(const Eigen::MatrixXd& values)
{
    std::vector<double> out(std::size_t(values.cols()));
    for (Index b = 0; b < values.cols(); ++b)
        out[std::size_t(b)] = -values.col(b).maxCoeff();
    return out;
}

double accuracy(const std::vector<int>& decisions, const std::vector<int>& labels)
{
    std::size_t right = 0;
    for (std::size_t b = 0; b < decisions.size(); ++b)
        right += decisions[b] == labels[b];
    return decisions.empty() ? 0.0 : double(right) / double(decisions.size());
}

} // namespace

OodExperiment::OodExperiment(OodSettings settings) : settings_(std::move(settings)) { settings_.validate(); }

OodExperiment::OodExperiment(OodSettings settings, Matrix outImages)
    : settings_(std::move(settings)), given_(std::move(outImages))
{
    settings_.validate();
}

std::vector<std::pair<std::string, std::vector<double>>>
OodExperiment::scoreRules(const LikelihoodTerms& t, const Calibration* calibration)
{
    std::vector<std::pair<std::string, std::vector<double>>> rules;
    rules.emplace_back("eq4", minusBest(t.logLikelihood()));
    rules.emplace_back("reconstruction", minusBest(t.reconstruction));
    rules.emplace_back("log_pz", minusBest(t.logPz));
    rules.emplace_back("volume", minusBest(t.volume));
    rules.emplace_back("squared_error", minusBest(-t.squaredError));
    if (calibration && !calibration->isEmpty())
        rules.emplace_back("eq5", minusBest(calibration->apply(t)));
    return rules;
}

OodResult OodExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    const Stopwatch clock;
    ThreadPool pool(settings_.threads);
    const ChunkFile file = ChunkFile::load(settings_.model);
    auto set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
    std::optional<LikelihoodModel> likelihood = LikelihoodModel::readFrom(file);
    if (!likelihood)
        throw Error(settings_.model + ": no likelihood chunks (run latentset-cli likelihood --model FILE --save first)");
    likelihood->checkFits(*set, settings_.model);
    auto model = std::make_shared<const LikelihoodModel>(std::move(*likelihood));
    const LikelihoodEstimator estimator(set, model);

    const DatasetSplits normal = DatasetCatalog::load(settings_.dataset);
    if (normal.test.empty())
        throw Error(settings_.dataset + ": no test split");
    const Index normalCount = settings_.limit > 0 ? std::min(settings_.limit, normal.test.size()) : normal.test.size();
    const Matrix normalImages = normal.test.range(0, normalCount);
    const std::vector<int> labels(normal.test.labels().begin(), normal.test.labels().begin() + normalCount);
    Matrix outImages;
    if (given_) {
        outImages = *given_;
    } else if (settings_.out == "noise") {
        Random rng(settings_.seed);
        outImages.resize(normalImages.rows(), normalCount);
        for (Index k = 0; k < outImages.size(); ++k)
            outImages.data()[k] = float(rng.uniform());
    } else {
        const DatasetSplits outside = DatasetCatalog::load(settings_.out);
        const Dataset& split = outside.test.empty() ? outside.train : outside.test;
        outImages = split.range(0, settings_.limit > 0 ? settings_.limit : split.size());
    }
    if (settings_.limit > 0 && outImages.cols() > settings_.limit)
        outImages.conservativeResize(Eigen::NoChange, settings_.limit);
    if (outImages.rows() != normalImages.rows() || outImages.cols() == 0)
        throw Error("ood: the outside images (" + std::to_string(outImages.rows()) + " pixels) do not match the set's " +
                    std::to_string(normalImages.rows()));
    result_.dataset = normal.name;
    result_.out = settings_.out;
    result_.normalImages = normalCount;
    result_.outImages = outImages.cols();
    if (observer)
        observer->stageReached("data");

    const LikelihoodTerms inTerms = estimator.evaluate(normalImages, &pool);
    if (stop.stop_requested()) {
        result_.stopped = true;
        return result_;
    }
    const LikelihoodTerms outTerms = estimator.evaluate(outImages, &pool);
    result_.accuracyEq4 = accuracy(LikelihoodEstimator::decide(inTerms.logLikelihood()), labels);
    result_.accuracySse = accuracy(LikelihoodEstimator::decide(-inTerms.squaredError), labels);
    const auto inRules = scoreRules(inTerms, &model->calibration());
    const auto outRules = scoreRules(outTerms, &model->calibration());
    for (std::size_t k = 0; k < inRules.size(); ++k) {
        const double auroc = Auroc::compute(inRules[k].second, outRules[k].second);
        if (k == 0)
            result_.auroc = auroc;
        result_.terms.push_back({inRules[k].first, auroc});
    }
    result_.seconds = clock.seconds();
    if (observer)
        observer->stageReached("scored");
    return result_;
}

} // namespace latentset
