#include "latentset/nn/Mlp.h"

#include "latentset/nn/Activation.h"
#include "latentset/nn/Optimizer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>

namespace latentset {

Mlp::Mlp(Index inputSize, Index hiddenSize, Index classCount, std::uint64_t seed)
{
    if (inputSize <= 0 || hiddenSize <= 0 || classCount < 2)
        throw Error("mlp: sizes must be positive and at least 2 classes");
    Random rng(seed);
    w1_.resize(hiddenSize, inputSize);
    b1_.resize(hiddenSize, 1);
    w2_.resize(classCount, hiddenSize);
    b2_.resize(classCount, 1);
    const double s1 = std::sqrt(2.0 / double(inputSize));
    const double s2 = std::sqrt(2.0 / double(hiddenSize + classCount));
    for (Index k = 0; k < w1_.value.size(); ++k)
        w1_.value.data()[k] = float(rng.normal() * s1);
    for (Index k = 0; k < w2_.value.size(); ++k)
        w2_.value.data()[k] = float(rng.normal() * s2);
}

namespace {

// Column-wise softmax in place, shifted by the column max for stability.
void softmaxColumns(Matrix& P)
{
    for (Index j = 0; j < P.cols(); ++j) {
        auto c = P.col(j).array();
        c = (c - c.maxCoeff()).exp();
        c /= c.sum();
    }
}

} // namespace

Matrix Mlp::probabilities(const Matrix& X) const
{
    if (X.rows() != inputSize())
        throw Error("mlp: input has " + std::to_string(X.rows()) + " rows, expected " + std::to_string(inputSize()));
    Matrix H = w1_.value * X;
    addBiasAndActivate(H, Eigen::Map<const Vector>(b1_.value.data(), hiddenSize()), Activation::Relu);
    Matrix P = w2_.value * H;
    P.colwise() += b2_.value.col(0);
    softmaxColumns(P);
    return P;
}

std::vector<int> Mlp::predict(const Matrix& X) const
{
    const Matrix P = probabilities(X);
    std::vector<int> out(std::size_t(P.cols()));
    for (Index j = 0; j < P.cols(); ++j) {
        Index best = 0;
        P.col(j).maxCoeff(&best);
        out[std::size_t(j)] = int(best);
    }
    return out;
}

float Mlp::sliceGradients(const Matrix& Xall, const std::vector<int>& labels, Index begin, Index end, float scale,
                          Slice& s) const
{
    const auto X = Xall.middleCols(begin, end - begin);
    s.h.noalias() = w1_.value * X;
    addBiasAndActivate(s.h, Eigen::Map<const Vector>(b1_.value.data(), hiddenSize()), Activation::Relu);
    s.p.noalias() = w2_.value * s.h;
    s.p.colwise() += b2_.value.col(0);
    softmaxColumns(s.p);
    double loss = 0.0;
    s.delta2 = s.p;
    for (Index j = 0; j < s.p.cols(); ++j) {
        const int y = labels[std::size_t(begin + j)];
        if (y < 0 || y >= classCount())
            throw Error("mlp: label " + std::to_string(y) + " outside 0.." + std::to_string(classCount() - 1));
        loss -= std::log(std::max(1e-12f, s.p(y, j)));
        s.delta2(y, j) -= 1.0f;
    }
    s.delta2 *= scale; // dL/d(logits) of the batch mean
    s.gW2.noalias() = s.delta2 * s.h.transpose();
    s.gb2 = s.delta2.rowwise().sum();
    s.dh.noalias() = w2_.value.transpose() * s.delta2;
    multiplyByDerivative(s.dh, s.h, Activation::Relu);
    s.gW1.noalias() = s.dh * X.transpose();
    s.gb1 = s.dh.rowwise().sum();
    return float(loss);
}

float Mlp::trainStep(const Matrix& X, const std::vector<int>& labels, const OptimizerSettings& settings,
                     float learningRate, ThreadPool* pool)
{
    const Index B = X.cols();
    if (X.rows() != inputSize() || Index(labels.size()) != B || B == 0)
        throw Error("mlp: batch is " + std::to_string(X.rows()) + " x " + std::to_string(B) + " with "
                    + std::to_string(labels.size()) + " labels, expected " + std::to_string(inputSize()) + " rows");
    for (Parameter* p : parameters())
        p->ensureTrainingState();
    const unsigned T = pool ? std::min<unsigned>(pool->threadCount(), unsigned(B)) : 1u;
    slices_.resize(T);
    std::vector<float> losses(T, 0.0f);
    const float scale = 1.0f / float(B);
    auto work = [&](std::size_t t, unsigned) {
        const Index begin = B * Index(t) / Index(T), end = B * Index(t + 1) / Index(T);
        losses[t] = sliceGradients(X, labels, begin, end, scale, slices_[t]);
    };
    if (pool && T > 1)
        pool->parallelFor(T, work);
    else
        work(0, 0);
    float loss = losses[0];
    for (unsigned t = 1; t < T; ++t)
        loss += losses[t];
    ++steps_;
    if (settings.kind == OptimizerSettings::Kind::Adam && !(settings.clipNorm > 0.0f))
        reduceAndAdam(settings, learningRate, T, pool);
    else {
        // Reduce in thread order (deterministic for a given thread count).
        w1_.grad = slices_[0].gW1;
        w2_.grad = slices_[0].gW2;
        b1_.grad = slices_[0].gb1;
        b2_.grad = slices_[0].gb2;
        for (unsigned t = 1; t < T; ++t) {
            w1_.grad += slices_[t].gW1;
            w2_.grad += slices_[t].gW2;
            b1_.grad += slices_[t].gb1;
            b2_.grad += slices_[t].gb2;
        }
        Optimizer::update(parameters(), {true, true, false, false}, settings, steps_, learningRate);
    }
    return loss / float(B);
}

// The slices' gradients summed in thread order, weight decay, and Adam, in
// one pass over chunks of every tensor, the chunks shared out among the
// pool's threads. Every operation is per element and in the order of the
// general path (sum, then decay, then Optimizer::adamChunk), and chunks start
// at multiples of 16 floats of an aligned tensor, so each element takes the
// same vector or scalar instructions as there: the same bits. Before, the
// reduction and Adam ran on one thread in separate passes over 6.4 MB
// tensors (about 80 MB of memory traffic per step of the paper-size MLP,
// most of the step's time).
void Mlp::reduceAndAdam(const OptimizerSettings& settings, float learningRate, unsigned T, ThreadPool* pool)
{
    const Optimizer::AdamStep k = Optimizer::adamStep(settings, steps_, learningRate);
    constexpr Index kChunk = 4096; // floats: 16 KB per stream, a multiple of every vector width
    struct Tensor {
        Parameter* p;
        Matrix Slice::*g;
        bool decayed;
    };
    const Tensor tensors[] = {{&w1_, &Slice::gW1, true}, {&w2_, &Slice::gW2, true}, {&b1_, &Slice::gb1, false},
                              {&b2_, &Slice::gb2, false}};
    std::vector<std::pair<int, Index>> chunks; // (tensor, first element)
    for (int i = 0; i < 4; ++i)
        for (Index at = 0; at < tensors[i].p->value.size(); at += kChunk)
            chunks.emplace_back(i, at);
    auto work = [&](std::size_t c, unsigned) {
        const Tensor& x = tensors[chunks[c].first];
        Parameter& P = *x.p;
        const Index at = chunks[c].second, n = std::min(kChunk, P.value.size() - at);
        Eigen::Map<Vector> g(P.grad.data() + at, n);
        g = Eigen::Map<const Vector>((slices_[0].*x.g).data() + at, n);
        for (unsigned t = 1; t < T; ++t)
            g += Eigen::Map<const Vector>((slices_[t].*x.g).data() + at, n);
        if (settings.weightDecay != 0.0f && x.decayed)
            g.noalias() += settings.weightDecay * Eigen::Map<const Vector>(P.value.data() + at, n);
        Optimizer::adamChunk(P.value.data() + at, g.data(), P.m.data() + at, P.v.data() + at, n, k);
    };
    if (pool && pool->threadCount() > 1)
        pool->parallelFor(chunks.size(), work);
    else
        for (std::size_t c = 0; c < chunks.size(); ++c)
            work(c, 0);
}

Mlp Mlp::inferenceCopy() const
{
    Mlp m;
    m.w1_.value = w1_.value;
    m.b1_.value = b1_.value;
    m.w2_.value = w2_.value;
    m.b2_.value = b2_.value;
    m.steps_ = steps_;
    return m;
}

double Mlp::trainingFlopsPerSample() const
{
    // Forward both layers, dW both, dX of the second only.
    return 2.0 * (2.0 * double(w1_.value.size()) + 3.0 * double(w2_.value.size()));
}

} // namespace latentset
