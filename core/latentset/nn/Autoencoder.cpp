#include "latentset/nn/Autoencoder.h"

#include "latentset/nn/Loss.h"
#include "latentset/nn/Optimizer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <algorithm>
#include <cmath>

namespace latentset {

Autoencoder::Autoencoder(const AutoencoderConfig& config, std::uint64_t seed) : config_(config)
{
    config_.validate();
    const auto sizes = config_.layerSizes();
    const int L = layerCount();
    const int E = encoderLayerCount();
    const int storedWeights = config_.tied ? E : L;
    Random rng(seed);
    weights_.resize(std::size_t(storedWeights));
    for (int w = 0; w < storedWeights; ++w) {
        const Index in = sizes[std::size_t(w)];
        const Index out = sizes[std::size_t(w) + 1];
        // He for relu layers (keeps activations' variance), Xavier otherwise.
        // A tied tensor serves two layers; its encoder use decides.
        const bool relu = config_.activation(w) == Activation::Relu;
        const double stddev = relu ? std::sqrt(2.0 / double(in)) : std::sqrt(2.0 / double(in + out));
        Parameter& p = weights_[std::size_t(w)];
        p.resize(out, in);
        for (Index j = 0; j < in; ++j)
            for (Index i = 0; i < out; ++i)
                p.value(i, j) = float(rng.normal() * stddev);
    }
    biases_.resize(std::size_t(L));
    for (int l = 0; l < L; ++l)
        biases_[std::size_t(l)].resize(sizes[std::size_t(l) + 1], 1);
}

int Autoencoder::weightIndex(int layer) const
{
    if (!config_.tied || layer < encoderLayerCount())
        return layer;
    return layerCount() - 1 - layer; // mirrored encoder layer
}

bool Autoencoder::weightTransposed(int layer) const { return config_.tied && layer >= encoderLayerCount(); }

Index Autoencoder::layerInputSize(int layer) const { return config_.layerSizes()[std::size_t(layer)]; }
Index Autoencoder::layerOutputSize(int layer) const { return config_.layerSizes()[std::size_t(layer) + 1]; }

Matrix Autoencoder::effectiveWeight(int layer) const
{
    const Matrix& w = weightStorage(layer);
    return weightTransposed(layer) ? Matrix(w.transpose()) : w;
}

Eigen::Map<const Vector> Autoencoder::bias(int layer) const
{
    const Matrix& b = biases_[std::size_t(layer)].value;
    return Eigen::Map<const Vector>(b.data(), b.rows());
}

namespace {

// Y = f(W X + b) with W stored transposed or not; Y's storage is reused.
void denseForward(const Matrix& W, bool transposed, const Matrix& b, Activation act, const Matrix& X, Matrix& Y)
{
    if (transposed)
        Y.noalias() = W.transpose() * X;
    else
        Y.noalias() = W * X;
    addBiasAndActivate(Y, Eigen::Map<const Vector>(b.data(), b.rows()), act);
}

} // namespace

void Autoencoder::forwardEncoder(const Matrix& X, Cache& cache) const
{
    if (X.rows() != config_.inputSize)
        throw Error("autoencoder: input has " + std::to_string(X.rows()) + " rows, expected "
                    + std::to_string(config_.inputSize));
    const int E = encoderLayerCount();
    cache.a.resize(std::size_t(E) + 1);
    cache.a[0] = X;
    for (int l = 0; l < E; ++l)
        denseForward(weights_[std::size_t(weightIndex(l))].value, weightTransposed(l), biases_[std::size_t(l)].value,
                     activation(l), cache.a[std::size_t(l)], cache.a[std::size_t(l) + 1]);
}

void Autoencoder::forwardDecoder(const Matrix& Z, Cache& cache) const
{
    if (Z.rows() != config_.latentSize)
        throw Error("autoencoder: latent code has " + std::to_string(Z.rows()) + " rows, expected "
                    + std::to_string(config_.latentSize));
    const int E = encoderLayerCount();
    cache.a.resize(std::size_t(E) + 1);
    cache.a[0] = Z;
    for (int k = 0; k < E; ++k) {
        const int l = E + k;
        denseForward(weights_[std::size_t(weightIndex(l))].value, weightTransposed(l), biases_[std::size_t(l)].value,
                     activation(l), cache.a[std::size_t(k)], cache.a[std::size_t(k) + 1]);
    }
}

Matrix Autoencoder::encode(const Matrix& X) const
{
    Cache c;
    forwardEncoder(X, c);
    return std::move(c.a.back());
}

Matrix Autoencoder::decode(const Matrix& Z) const
{
    Cache c;
    forwardDecoder(Z, c);
    return std::move(c.a.back());
}

Matrix Autoencoder::reconstruct(const Matrix& X) const { return decode(encode(X)); }

namespace {

// Gradient of one dense layer from delta = dL/d(pre-activation), and
// optionally dL/d(input) (post-activation of the previous layer) into dX.
void denseBackward(Parameter& W, bool transposed, Parameter& b, const Matrix& X, const Matrix& delta, Matrix* dX)
{
    W.ensureTrainingState();
    b.ensureTrainingState();
    if (transposed)
        W.grad.noalias() += X * delta.transpose(); // (delta X^T)^T
    else
        W.grad.noalias() += delta * X.transpose();
    b.grad.col(0) += delta.rowwise().sum();
    if (dX) {
        if (transposed)
            dX->noalias() = W.value * delta;
        else
            dX->noalias() = W.value.transpose() * delta;
    }
}

} // namespace

void Autoencoder::backwardDecoder(const Cache& cache, Matrix& delta, Matrix* dZ)
{
    const int E = encoderLayerCount();
    Matrix& tmp = workspace_.tmp;
    for (int k = E - 1; k >= 0; --k) {
        const int l = E + k;
        const bool wantDx = k > 0 || dZ != nullptr;
        Matrix* out = k > 0 ? &tmp : dZ;
        denseBackward(weights_[std::size_t(weightIndex(l))], weightTransposed(l), biases_[std::size_t(l)],
                      cache.a[std::size_t(k)], delta, wantDx ? out : nullptr);
        if (k > 0) {
            multiplyByDerivative(tmp, cache.a[std::size_t(k)], activation(l - 1));
            delta.swap(tmp);
        }
    }
}

void Autoencoder::backwardEncoder(const Cache& cache, Matrix& dZ)
{
    const int E = encoderLayerCount();
    Matrix& delta = dZ;
    Matrix& tmp = workspace_.tmp;
    multiplyByDerivative(delta, cache.a[std::size_t(E)], activation(E - 1));
    for (int l = E - 1; l >= 0; --l) {
        denseBackward(weights_[std::size_t(weightIndex(l))], weightTransposed(l), biases_[std::size_t(l)],
                      cache.a[std::size_t(l)], delta, l > 0 ? &tmp : nullptr);
        if (l > 0) {
            multiplyByDerivative(tmp, cache.a[std::size_t(l)], activation(l - 1));
            delta.swap(tmp);
        }
    }
}

void Autoencoder::zeroGradients()
{
    for (auto& p : weights_) {
        p.ensureTrainingState();
        p.grad.setZero();
    }
    for (auto& p : biases_) {
        p.ensureTrainingState();
        p.grad.setZero();
    }
}

std::vector<Parameter*> Autoencoder::parameters()
{
    std::vector<Parameter*> out;
    for (auto& p : weights_)
        out.push_back(&p);
    for (auto& p : biases_)
        out.push_back(&p);
    return out;
}

std::vector<const Parameter*> Autoencoder::parameters() const
{
    std::vector<const Parameter*> out;
    for (auto& p : weights_)
        out.push_back(&p);
    for (auto& p : biases_)
        out.push_back(&p);
    return out;
}

std::size_t Autoencoder::parameterCount() const
{
    std::size_t n = 0;
    for (const Parameter* p : parameters())
        n += std::size_t(p->value.size());
    return n;
}

void Autoencoder::applyUpdate(const OptimizerSettings& settings, float learningRate)
{
    auto params = parameters();
    std::vector<bool> decayed(params.size(), false);
    for (std::size_t i = 0; i < weights_.size(); ++i)
        decayed[i] = true;
    for (Parameter* p : params)
        p->ensureTrainingState();
    ++steps_;
    Optimizer::update(params, decayed, settings, steps_, learningRate);
}

float Autoencoder::trainStep(const Matrix& input, const Matrix* target, const Matrix* mask,
                             const OptimizerSettings& settings, float learningRate)
{
    // Clipping needs the norm of every gradient before the first update, so
    // it keeps the general path (gradients accumulated, then the optimiser).
    if (settings.kind == OptimizerSettings::Kind::Adam && !(settings.clipNorm > 0.0f))
        return trainStepFused(input, target, mask, settings, learningRate);
    Workspace& ws = workspace_;
    zeroGradients();
    forwardEncoder(input, ws.encoder);
    forwardDecoder(ws.encoder.output(), ws.decoder);
    const int L = layerCount();
    const float loss = Loss::evaluate(config_.loss, ws.decoder.output(), target ? *target : input, mask,
                                      activation(L - 1), &ws.delta);
    backwardDecoder(ws.decoder, ws.delta, &ws.dZ);
    backwardEncoder(ws.encoder, ws.dZ);
    applyUpdate(settings, learningRate);
    return loss;
}

// The training step without a gradient buffer. Where the time went before
// (paper member, batch 64): the tied 2048 x 784 weight took two gradient
// products with an inner dimension of only 64 (decoder use, then encoder use),
// each reading and writing the whole 6.4 MB gradient, after a pass that
// zeroed it, and then Adam read it once more beside the weight and both
// moments. Here:
//   * the backward pass first computes every layer's delta (the same
//     products as backwardDecoder/backwardEncoder, same values);
//   * a tied tensor's two uses become ONE product with twice the inner
//     dimension, G = [delta_enc | h_dec] [x_enc | delta_dec]^T (what the
//     GEMM kernels are good at), written, never accumulated or zeroed;
//   * G is formed in panels of whole columns that fit in L2, and Adam
//     updates those columns while the panel is hot: the gradient never goes
//     to memory. Weights are updated only after every product that reads
//     them (the deltas), so the maths is that of the general path; only the
//     order of the float sums in a tied gradient differs.
float Autoencoder::trainStepFused(const Matrix& input, const Matrix* target, const Matrix* mask,
                                  const OptimizerSettings& settings, float learningRate)
{
    Workspace& ws = workspace_;
    const int L = layerCount();
    const int E = encoderLayerCount();
    forwardEncoder(input, ws.encoder);
    forwardDecoder(ws.encoder.output(), ws.decoder);
    ws.deltas.resize(std::size_t(L));
    const float loss = Loss::evaluate(config_.loss, ws.decoder.output(), target ? *target : input, mask,
                                      activation(L - 1), &ws.deltas[std::size_t(L) - 1]);
    const auto layerInput = [&](int l) -> const Matrix& {
        return l < E ? ws.encoder.a[std::size_t(l)] : ws.decoder.a[std::size_t(l - E)];
    };
    // Deltas of every layer, from the output back (dX of layer 0 is not needed).
    for (int l = L - 1; l >= 1; --l) {
        const Matrix& W = weights_[std::size_t(weightIndex(l))].value;
        Matrix& next = ws.deltas[std::size_t(l) - 1];
        if (weightTransposed(l))
            next.noalias() = W * ws.deltas[std::size_t(l)];
        else
            next.noalias() = W.transpose() * ws.deltas[std::size_t(l)];
        multiplyByDerivative(next, layerInput(l), activation(l - 1));
    }

    ++steps_;
    const Optimizer::AdamStep adam = Optimizer::adamStep(settings, steps_, learningRate);
    // Columns per gradient panel: the panel (rows x columns floats) stays in
    // L2 while Adam reads it. A panel of whole columns makes w, m, v and the
    // panel each one contiguous run in memory (column-major), which the
    // hardware prefetcher streams at full speed: the paper's member's Adam
    // pass took 4.3 ms per step over 160-row panels (runs of 160 floats 8 KB
    // apart) and 1.7 ms over 64-column panels (bench/step_bound.cpp).
    constexpr Index kPanelBytes = 512 * 1024;
    for (std::size_t w = 0; w < weights_.size(); ++w) {
        Parameter& P = weights_[w];
        P.ensureTrainingState();
        const Index rows = P.value.rows(), cols = P.value.cols();
        // The layers that use this tensor: its own (stored as applied), and
        // for a tied tensor the mirrored decoder layer (applied transposed).
        const int own = int(w);
        const int mirror = config_.tied && own < E ? L - 1 - own : -1;
        // G = A B^T. A use as applied: delta (rows x B) times input^T; a
        // transposed use: input (rows x B) times delta^T.
        const Matrix* A = &ws.deltas[std::size_t(own)];
        const Matrix* B = &layerInput(own);
        if (mirror >= 0) {
            const Matrix& dIn = layerInput(mirror);
            const Matrix& dDelta = ws.deltas[std::size_t(mirror)];
            const Index b1 = A->cols(), b2 = dIn.cols();
            ws.left.resize(rows, b1 + b2);
            ws.left.leftCols(b1) = *A;
            ws.left.rightCols(b2) = dIn;
            ws.right.resize(cols, b1 + b2);
            ws.right.leftCols(b1) = *B;
            ws.right.rightCols(b2) = dDelta;
            A = &ws.left;
            B = &ws.right;
        }
        const Index panelCols =
            std::max<Index>(1, std::min<Index>(cols, kPanelBytes / Index(sizeof(float)) / std::max<Index>(1, rows)));
        for (Index c0 = 0; c0 < cols; c0 += panelCols) {
            const Index c = std::min(panelCols, cols - c0);
            ws.panel.resize(rows, c);
            ws.panel.noalias() = *A * B->middleRows(c0, c).transpose();
            if (settings.weightDecay != 0.0f)
                ws.panel.noalias() += settings.weightDecay * P.value.middleCols(c0, c);
            const Index at = c0 * rows;
            Optimizer::adamChunk(P.value.data() + at, ws.panel.data(), P.m.data() + at, P.v.data() + at, rows * c,
                                 adam);
        }
    }
    for (int l = 0; l < L; ++l) {
        Parameter& b = biases_[std::size_t(l)];
        b.ensureTrainingState();
        b.grad.col(0) = ws.deltas[std::size_t(l)].rowwise().sum();
        Optimizer::adamChunk(b.value.data(), b.grad.data(), b.m.data(), b.v.data(), b.value.size(), adam);
    }
    return loss;
}

Autoencoder Autoencoder::inferenceCopy() const
{
    Autoencoder copy;
    copy.config_ = config_;
    copy.steps_ = steps_;
    copy.weights_.resize(weights_.size());
    for (std::size_t i = 0; i < weights_.size(); ++i)
        copy.weights_[i].value = weights_[i].value;
    copy.biases_.resize(biases_.size());
    for (std::size_t i = 0; i < biases_.size(); ++i)
        copy.biases_[i].value = biases_[i].value;
    return copy;
}

double Autoencoder::trainingFlopsPerSample() const
{
    double flops = 0.0;
    for (int l = 0; l < layerCount(); ++l) {
        const double macs = double(layerInputSize(l)) * double(layerOutputSize(l));
        flops += 2.0 * macs * (l == 0 ? 2.0 : 3.0); // forward, dW, and dX except layer 0
    }
    return flops;
}

} // namespace latentset
