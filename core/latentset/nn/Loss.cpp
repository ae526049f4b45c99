#include "latentset/nn/Loss.h"

#include "latentset/util/Error.h"

namespace latentset {

std::string lossName(LossKind kind) { return kind == LossKind::SquaredError ? "mse" : "bce"; }

LossKind parseLoss(const std::string& name)
{
    if (name == "mse")
        return LossKind::SquaredError;
    if (name == "bce")
        return LossKind::BinaryCrossEntropy;
    throw Error("unknown loss '" + name + "' (expected mse or bce)");
}

namespace {

constexpr float kClamp = 1e-7f;

void checkShapes(const Matrix& Y, const Matrix& T, const Matrix* W)
{
    if (Y.rows() != T.rows() || Y.cols() != T.cols())
        throw Error("loss: output is " + std::to_string(Y.rows()) + " x " + std::to_string(Y.cols()) + " but target is "
                    + std::to_string(T.rows()) + " x " + std::to_string(T.cols()));
    if (W && (W->rows() != Y.rows() || (W->cols() != 1 && W->cols() != Y.cols())))
        throw Error("loss: mask is " + std::to_string(W->rows()) + " x " + std::to_string(W->cols()) + ", expected "
                    + std::to_string(Y.rows()) + " x 1 or " + std::to_string(Y.rows()) + " x "
                    + std::to_string(Y.cols()));
}

// Per-pixel loss of column j, unweighted.
inline auto pixelLoss(LossKind kind, const Matrix& Y, const Matrix& T, Index j)
{
    const auto y = Y.col(j).array();
    const auto t = T.col(j).array();
    const auto yc = y.max(kClamp).min(1.0f - kClamp);
    return kind == LossKind::SquaredError
        ? (0.5f * (y - t).square()).eval()
        : (-(t * yc.log() + (1.0f - t) * (1.0f - yc).log())).eval();
}

} // namespace

RowVector Loss::perSample(LossKind kind, const Matrix& Y, const Matrix& T, const Matrix* W)
{
    checkShapes(Y, T, W);
    RowVector out(Y.cols());
    for (Index j = 0; j < Y.cols(); ++j) {
        const Eigen::ArrayXf l = pixelLoss(kind, Y, T, j);
        if (W)
            out(j) = (l * W->col(W->cols() == 1 ? 0 : j).array()).sum();
        else
            out(j) = l.sum();
    }
    return out;
}

float Loss::evaluate(LossKind kind, const Matrix& Y, const Matrix& T, const Matrix* W, Activation act,
                     Matrix* dPre)
{
    checkShapes(Y, T, W);
    const Index B = Y.cols();
    if (B == 0)
        return 0.0f;
    const float invB = 1.0f / float(B);
    double total = 0.0;
    for (Index j = 0; j < B; ++j) {
        const Eigen::ArrayXf l = pixelLoss(kind, Y, T, j);
        total += W ? double((l * W->col(W->cols() == 1 ? 0 : j).array()).sum()) : double(l.sum());
    }
    if (dPre) {
        dPre->resize(Y.rows(), B);
        auto D = dPre->array();
        const auto Ya = Y.array();
        const auto Ta = T.array();
        if (kind == LossKind::BinaryCrossEntropy && act == Activation::Sigmoid) {
            D = (Ya - Ta) * invB; // fused sigmoid + BCE
        } else if (kind == LossKind::BinaryCrossEntropy) {
            const auto Yc = Ya.max(kClamp).min(1.0f - kClamp);
            D = (Yc - Ta) / (Yc * (1.0f - Yc)) * invB;
            multiplyByDerivative(*dPre, Y, act);
        } else {
            D = (Ya - Ta) * invB;
            multiplyByDerivative(*dPre, Y, act);
        }
        if (W) {
            if (W->cols() == 1)
                dPre->array().colwise() *= W->col(0).array();
            else
                dPre->array() *= W->array();
        }
    }
    return float(total * invB);
}

} // namespace latentset
