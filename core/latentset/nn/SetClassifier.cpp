#include "latentset/nn/SetClassifier.h"

#include "latentset/data/Dataset.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>
#include <numeric>

namespace latentset {

SetClassifier::SetClassifier(std::shared_ptr<const AutoencoderSet> set) : set_(std::move(set))
{
    if (!set_ || set_->size() == 0)
        throw Error("set classifier: empty autoencoder set");
}

Matrix SetClassifier::errors(const Dataset& data, ThreadPool* pool, Index batchSize) const
{
    if (data.pixelCount() != set_->config().inputSize)
        throw Error("set classifier: " + data.name() + " has " + std::to_string(data.pixelCount())
                    + " pixels per image, the set expects " + std::to_string(set_->config().inputSize));
    Matrix out(set_->size(), data.size());
    for (Index first = 0; first < data.size(); first += batchSize) {
        const Index n = std::min(batchSize, data.size() - first);
        const Matrix X = data.range(first, n);
        out.middleCols(first, n) = set_->reconstructionErrors(X, pool);
    }
    return out;
}

void SetClassifier::calibrate(const Matrix& errors, const std::vector<int>& labels)
{
    const Index M = errors.rows();
    if (Index(labels.size()) != errors.cols())
        throw Error("set classifier: calibration needs one label per column");
    Vector sum = Vector::Zero(M), sq = Vector::Zero(M), n = Vector::Zero(M);
    for (Index j = 0; j < errors.cols(); ++j) {
        const int c = labels[std::size_t(j)];
        if (c < 0 || c >= M)
            continue;
        sum(c) += errors(c, j);
        sq(c) += errors(c, j) * errors(c, j);
        n(c) += 1.0f;
    }
    mean_.resize(M);
    std_.resize(M);
    for (Index i = 0; i < M; ++i) {
        if (n(i) < 2)
            throw Error("set classifier: calibration data has fewer than 2 images of class "
                        + set_->memberName(int(i)));
        mean_(i) = sum(i) / n(i);
        std_(i) = std::sqrt(std::max(1e-12f, sq(i) / n(i) - mean_(i) * mean_(i)));
    }
}

void SetClassifier::calibrate(const Dataset& validation, ThreadPool* pool)
{
    calibrate(errors(validation, pool), validation.labels());
}

std::vector<int> SetClassifier::decide(const Matrix& errors, bool normalised) const
{
    std::vector<int> out(std::size_t(errors.cols()));
    const bool norm = normalised && calibrated();
    for (Index j = 0; j < errors.cols(); ++j) {
        Index best = 0;
        if (norm)
            ((errors.col(j) - mean_).cwiseQuotient(std_)).minCoeff(&best);
        else
            errors.col(j).minCoeff(&best);
        out[std::size_t(j)] = int(best);
    }
    return out;
}

std::vector<int> SetClassifier::classify(const Dataset& data, ThreadPool* pool, bool normalised) const
{
    return decide(errors(data, pool), normalised);
}

} // namespace latentset
