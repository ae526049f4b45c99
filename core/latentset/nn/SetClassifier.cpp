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
    measure_ = LossKind::SquaredError;
}

Matrix SetClassifier::errors(const Matrix& X, ThreadPool* pool) const
{
    if (X.rows() != set_->config().inputSize)
        throw Error("set classifier: an image of " + std::to_string(X.rows()) + " pixels, the set expects "
                    + std::to_string(set_->config().inputSize));
    return set_->reconstructionErrors(X, pool, measure_);
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
        out.middleCols(first, n) = set_->reconstructionErrors(X, pool, measure_);
    }
    return out;
}

void SetClassifier::calibrate(const Matrix& errors, const std::vector<int>& labels)
{
    const Index M = errors.rows();
    const Index N = errors.cols();
    if (Index(labels.size()) != N)
        throw Error("set classifier: calibration needs one label per column");
    if (M != set_->size())
        throw Error("set classifier: calibration errors have " + std::to_string(M) + " rows for "
                    + std::to_string(set_->size()) + " members");
    std::vector<int> count(std::size_t(M), 0);
    for (int y : labels)
        if (y >= 0 && y < M)
            ++count[std::size_t(y)];
    for (Index i = 0; i < M; ++i)
        if (count[std::size_t(i)] < 2)
            throw Error("set classifier: calibration data has fewer than 2 images of class "
                        + set_->memberName(int(i)));
    const double s = std::max(1e-12, double(errors.mean()));
    const Eigen::MatrixXd E = errors.cast<double>() / s;
    // Parameters: alpha_i (a_i = exp(alpha_i)), b_i. Full-batch gradient
    // descent with Adam on the mean cross-entropy plus a small pull towards
    // the raw rule (equal a, zero b) so that a tiny calibration set cannot
    // produce wild values. Start from a common sharp scale.
    Eigen::VectorXd alpha = Eigen::VectorXd::Constant(M, std::log(10.0)), b = Eigen::VectorXd::Zero(M);
    Eigen::VectorXd mA = Eigen::VectorXd::Zero(M), vA = mA, mB = mA, vB = mA;
    const double lr = 0.05, l2 = 1e-4;
    Eigen::MatrixXd logits(M, N);
    for (int it = 1; it <= 600; ++it) {
        const Eigen::VectorXd a = alpha.array().exp();
        logits = (-(E.array().colwise() * a.array())).matrix();
        logits.colwise() += b;
        Eigen::VectorXd gA = Eigen::VectorXd::Zero(M), gB = Eigen::VectorXd::Zero(M);
        for (Index j = 0; j < N; ++j) {
            auto l = logits.col(j).array();
            const double mx = l.maxCoeff();
            Eigen::ArrayXd p = (l - mx).exp();
            p /= p.sum();
            p(labels[std::size_t(j)]) -= 1.0; // dCE/dlogit
            gB += p.matrix();
            gA += (p * (-(E.col(j).array() * a.array()))).matrix();
        }
        gA = gA / double(N) + l2 * (alpha.array() - alpha.mean()).matrix();
        gB = gB / double(N) + l2 * b;
        const double c1 = 1 - std::pow(0.9, it), c2 = 1 - std::pow(0.999, it);
        mA = 0.9 * mA + 0.1 * gA;
        vA = 0.999 * vA + 0.001 * gA.cwiseProduct(gA);
        mB = 0.9 * mB + 0.1 * gB;
        vB = 0.999 * vB + 0.001 * gB.cwiseProduct(gB);
        alpha -= (lr * (mA / c1).array() / ((vA / c2).array().sqrt() + 1e-8)).matrix();
        b -= (lr * (mB / c1).array() / ((vB / c2).array().sqrt() + 1e-8)).matrix();
    }
    scale_ = (alpha.array().exp() / s).cast<float>().matrix();
    offset_ = b.cast<float>();
}

void SetClassifier::setCalibration(Vector scale, Vector offset)
{
    if (scale.size() != set_->size() || offset.size() != set_->size())
        throw Error("set classifier: calibration has " + std::to_string(scale.size()) + " entries for "
                    + std::to_string(set_->size()) + " members");
    scale_ = std::move(scale);
    offset_ = std::move(offset);
}

void SetClassifier::calibrate(const Dataset& images, ThreadPool* pool)
{
    calibrate(errors(images, pool), images.labels());
}

std::vector<int> SetClassifier::decide(const Matrix& errors, bool normalised) const
{
    std::vector<int> out(std::size_t(errors.cols()));
    const bool norm = normalised && calibrated();
    for (Index j = 0; j < errors.cols(); ++j) {
        Index best = 0;
        if (norm)
            (offset_ - errors.col(j).cwiseProduct(scale_)).maxCoeff(&best);
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
