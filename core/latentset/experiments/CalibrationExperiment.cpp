#include "latentset/experiments/CalibrationExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ImageBlend.h"
#include "latentset/experiments/SetPosterior.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace latentset {

namespace {

std::vector<int> argmax(const Eigen::MatrixXd& scores)
{
    std::vector<int> out(std::size_t(scores.cols()));
    for (Index n = 0; n < scores.cols(); ++n) {
        Index best = 0;
        scores.col(n).maxCoeff(&best);
        out[std::size_t(n)] = int(best);
    }
    return out;
}

// A near-0.5 weight (0.4, 0.5, 0.6), with a margin for the tenths' rounding.
bool nearHalf(double w) { return std::abs(w - 0.5) < 0.1 + 1e-9; }

} // namespace

CalibrationExperiment::CalibrationExperiment(CalibrationSettings settings) : settings_(std::move(settings)) {}

CalibrationExperiment::~CalibrationExperiment() = default;

void CalibrationExperiment::reach(const char* stage)
{
    if (observer_)
        observer_->stageReached(stage);
}

CalibrationResult CalibrationExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    observer_ = observer;
    result_ = CalibrationResult();
    Stopwatch clock;
    ThreadPool pool(settings_.threads);
    loadData();
    loadModels(pool);
    if (!stop.stop_requested())
        scoreTest(pool);
    if (!stop.stop_requested()) {
        result_.random = blend(randomPairs(settings_.blendPairs, -1, -1, settings_.seed), pool);
        reach("blends");
    }
    if (!stop.stop_requested()) {
        // The class pairs both models confuse most on the test split (errors
        // either way, the two models' counts summed).
        const int C = result_.classes;
        Eigen::MatrixXi confusions = Eigen::MatrixXi::Zero(C, C);
        for (std::size_t n = 0; n < setDecisions_.size(); ++n)
            for (int decided : {setDecisions_[n], mlpDecisions_[n]}) {
                const int truth = test_.label(Index(n));
                if (decided != truth)
                    ++confusions(std::min(truth, decided), std::max(truth, decided));
            }
        std::vector<std::pair<int, int>> classPairs;
        for (int a = 0; a < C; ++a)
            for (int b = a + 1; b < C; ++b)
                classPairs.push_back({a, b});
        std::stable_sort(classPairs.begin(), classPairs.end(), [&](auto x, auto y) {
            return confusions(x.first, x.second) > confusions(y.first, y.second);
        });
        classPairs.resize(std::min(classPairs.size(), std::size_t(settings_.confusedPairs)));
        std::vector<std::pair<Index, Index>> pairs;
        for (std::size_t k = 0; k < classPairs.size(); ++k) {
            const auto more = randomPairs(settings_.blendsPerConfusedPair, classPairs[k].first, classPairs[k].second,
                                          settings_.seed + 1 + k);
            pairs.insert(pairs.end(), more.begin(), more.end());
        }
        result_.confusedClassPairs = classPairs;
        result_.confused = blend(pairs, pool);
        reach("confused");
    }
    result_.stopped = stop.stop_requested();
    result_.seconds = clock.seconds();
    observer_ = nullptr;
    return result_;
}

void CalibrationExperiment::loadData()
{
    data_ = DatasetCatalog::load(settings_.dataset);
    if (data_.train.empty() || data_.test.empty())
        throw Error(settings_.dataset + ": needs both a training and a test split");
    // The split `latentset-cli mnist --validation N` held out (the same default seed).
    data_.carveValidation(settings_.validation);
    const Index count = settings_.limit > 0 ? std::min(settings_.limit, data_.test.size()) : data_.test.size();
    std::vector<Index> first(static_cast<std::size_t>(count));
    std::iota(first.begin(), first.end(), Index(0));
    test_ = data_.test.subset(first);
    result_.dataset = data_.name;
    result_.testImages = test_.size();
    result_.validationImages = data_.validation.size();
    result_.classes = data_.train.classCount();
    result_.weights = ImageBlend::tenthWeights();
    reach("data");
}

void CalibrationExperiment::loadModels(ThreadPool& pool)
{
    const ChunkFile file = ChunkFile::load(settings_.model);
    set_ = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
    if (set_->size() != result_.classes || set_->config().inputSize != test_.pixelCount())
        throw Error(settings_.model + ": the set has " + std::to_string(set_->size()) + " members of "
                    + std::to_string(set_->config().inputSize) + " pixels, the dataset "
                    + std::to_string(result_.classes) + " classes of " + std::to_string(test_.pixelCount()));
    if (!file.find("MLPN"))
        throw Error(settings_.model + ": holds no MLP (train the set with latentset-cli mnist --save, MLP included)");
    mlp_ = ModelFile::readMlp(file);
    if (auto fromFile = LikelihoodModel::readFrom(file); fromFile && !fromFile->calibration().isEmpty()) {
        fromFile->checkFits(*set_, settings_.model);
        likelihood_ = std::make_shared<LikelihoodModel>(std::move(*fromFile));
        result_.likelihoodFromFile = true;
    } else {
        // As the likelihood experiment fits it: sigma and p(z) on each
        // member's training images, eq. 5's constants on the held-out split.
        std::vector<Matrix> perClass;
        for (int c = 0; c < set_->size(); ++c)
            perClass.push_back(data_.train.batch(data_.train.indicesOfClass(c)));
        likelihood_ = std::make_shared<LikelihoodModel>(SetPosterior::fitModel(
            *set_, perClass, data_.validation.all(), data_.validation.labels(), settings_.likelihood, &pool));
    }
    estimator_ = std::make_unique<LikelihoodEstimator>(set_, likelihood_);
    result_.setTemperature = likelihood_->calibration().temperature();
    reach("model");
}

Eigen::MatrixXd CalibrationExperiment::setLogPosterior(const Matrix& X, ThreadPool& pool) const
{
    return SetPosterior::logPosterior(estimator_->evaluate(X, &pool), likelihood_->calibration());
}

Eigen::MatrixXd CalibrationExperiment::mlpLogPosterior(const Matrix& X) const
{
    Eigen::MatrixXd out(mlp_.classCount(), X.cols());
    for (Index first = 0; first < X.cols(); first += 1000) {
        const Index count = std::min<Index>(1000, X.cols() - first);
        // log of float probabilities: a probability below 1e-38 counts as 1e-38.
        out.middleCols(first, count) =
            mlp_.probabilities(X.middleCols(first, count)).cast<double>().array().max(1e-38).log().matrix();
    }
    return out;
}

void CalibrationExperiment::scoreTest(ThreadPool& pool)
{
    const Matrix X = test_.all();
    const Eigen::MatrixXd set = setLogPosterior(X, pool);
    const Eigen::MatrixXd mlp = mlpLogPosterior(X);
    result_.set = CalibrationMetrics::score(set, test_.labels(), settings_.bins);
    result_.mlp = CalibrationMetrics::score(mlp, test_.labels(), settings_.bins);
    // log p is a logit vector up to a constant per column: softmax(log p / T) is temperature scaling.
    result_.mlpTemperature = CalibrationMetrics::fitTemperature(mlpLogPosterior(data_.validation.all()),
                                                                data_.validation.labels());
    result_.mlpTempered = CalibrationMetrics::score(CalibrationMetrics::logSoftmax(mlp, result_.mlpTemperature),
                                                    test_.labels(), settings_.bins);
    setDecisions_ = argmax(set);
    mlpDecisions_ = argmax(mlp);
    reach("test");
}

std::vector<std::pair<Index, Index>> CalibrationExperiment::randomPairs(Index count, int classA, int classB,
                                                                        std::uint64_t seed) const
{
    Random rng(seed);
    std::vector<Index> a = classA < 0 ? std::vector<Index>() : test_.indicesOfClass(classA);
    std::vector<Index> b = classB < 0 ? std::vector<Index>() : test_.indicesOfClass(classB);
    std::vector<std::pair<Index, Index>> pairs;
    if ((classA >= 0 && a.empty()) || (classB >= 0 && b.empty()) || test_.size() < 2)
        return pairs;
    for (Index k = 0, tries = 0; k < count && tries < 100 * (count + 1); ++tries) {
        const Index i = classA < 0 ? Index(rng.below(std::uint64_t(test_.size()))) : a[rng.below(a.size())];
        const Index j = classB < 0 ? Index(rng.below(std::uint64_t(test_.size()))) : b[rng.below(b.size())];
        if (test_.label(i) == test_.label(j))
            continue;
        pairs.push_back({i, j});
        ++k;
    }
    return pairs;
}

BlendFamily CalibrationExperiment::blend(const std::vector<std::pair<Index, Index>>& pairs, ThreadPool& pool) const
{
    const std::vector<double>& w = result_.weights;
    const Index W = Index(w.size());
    BlendFamily f;
    f.pairs = Index(pairs.size());
    for (auto* curve : {&f.setA, &f.setB, &f.mlpA, &f.mlpB})
        curve->assign(w.size(), 0.0);
    if (pairs.empty())
        return f;
    Matrix X(test_.pixelCount(), Index(pairs.size()) * W);
    for (std::size_t p = 0; p < pairs.size(); ++p)
        X.middleCols(Index(p) * W, W) = ImageBlend::series(test_.imageVector(pairs[p].first),
                                                           test_.imageVector(pairs[p].second), w);
    const Eigen::MatrixXd set = setLogPosterior(X, pool);
    const Eigen::MatrixXd mlp = mlpLogPosterior(X);
    Index near = 0, setTop = 0, mlpTop = 0;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const int a = test_.label(pairs[p].first), b = test_.label(pairs[p].second);
        for (Index k = 0; k < W; ++k) {
            const Index col = Index(p) * W + k;
            f.setA[std::size_t(k)] += std::exp(set(a, col));
            f.setB[std::size_t(k)] += std::exp(set(b, col));
            f.mlpA[std::size_t(k)] += std::exp(mlp(a, col));
            f.mlpB[std::size_t(k)] += std::exp(mlp(b, col));
            if (!nearHalf(w[std::size_t(k)]))
                continue;
            ++near;
            setTop += ImageBlend::topTwoAre(set.col(col), a, b);
            mlpTop += ImageBlend::topTwoAre(mlp.col(col), a, b);
        }
    }
    for (auto* curve : {&f.setA, &f.setB, &f.mlpA, &f.mlpB})
        for (double& v : *curve)
            v /= double(pairs.size());
    f.topTwoSet = double(setTop) / double(near);
    f.topTwoMlp = double(mlpTop) / double(near);
    return f;
}

} // namespace latentset
