#include "latentset/cube/ContextTransfer.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

namespace latentset {

ContextTransfer::ContextTransfer(const AutoencoderSet& members, const CubeDataset& data)
    : members_(members)
    , data_(data)
{
    if (members_.size() != data_.contexts().size())
        throw Error("context transfer: " + std::to_string(members_.size()) + " members for "
                    + std::to_string(data_.contexts().size()) + " contexts");
    if (members_.config().inputSize != data_.memberInputSize())
        throw Error("context transfer: members take " + std::to_string(members_.config().inputSize)
                    + " inputs, the contexts need " + std::to_string(data_.memberInputSize()));
}

Matrix ContextTransfer::encodeGlyphs(int source, const Matrix& glyphs) const
{
    return members_.member(source).encode(data_.memberInput(source, glyphs));
}

Matrix ContextTransfer::encodeFrames(int source, const Matrix& frames) const
{
    const Matrix masked = data_.contexts().warp(source).gather(frames);
    return members_.member(source).encode(CubeDataset::padRows(masked, data_.memberInputSize()));
}

Matrix ContextTransfer::decodeAll(const Vector& code) const
{
    const int n = members_.size();
    Matrix frames = Matrix::Zero(data_.contexts().frameSize(), n);
    for (int j = 0; j < n; ++j) {
        const Matrix out = data_.unpad(j, members_.member(j).decode(code));
        Matrix column = Matrix::Zero(frames.rows(), 1);
        data_.contexts().warp(j).scatter(out, column);
        frames.col(j) = column;
    }
    return frames;
}

Matrix ContextTransfer::transferGlyph(int source, const Vector& glyph) const
{
    return decodeAll(encodeGlyphs(source, glyph).col(0));
}

ContextTransfer::Errors ContextTransfer::errors(std::span<const Index> glyphIndices, ThreadPool* pool) const
{
    if (glyphIndices.empty())
        throw Error("context transfer: no glyphs to measure on");
    const int n = members_.size();
    const Index b = Index(glyphIndices.size());
    const Matrix glyphs = data_.glyphs(glyphIndices);
    const Index latent = members_.config().latentSize;
    // Codes of every context's view, side by side: latent x (n * b).
    Matrix codes(latent, n * b);
    auto encodeOne = [&](std::size_t i, unsigned) {
        codes.middleCols(Index(i) * b, b) = encodeGlyphs(int(i), glyphs);
    };
    Errors e;
    e.pairs.resize(n, n);
    // Decoder j on all codes at once; column block i holds decode_j(encode_i(x_i)).
    auto decodeOne = [&](std::size_t jj, unsigned) {
        const int j = int(jj);
        const Matrix target = data_.masked(j, glyphs);
        const Matrix out = data_.unpad(j, members_.member(j).decode(codes));
        const double pixels = double(target.rows()) * double(b);
        for (int i = 0; i < n; ++i)
            e.pairs(i, j) = float((out.middleCols(Index(i) * b, b) - target).squaredNorm() / pixels);
    };
    if (pool) {
        pool->parallelFor(std::size_t(n), encodeOne);
        pool->parallelFor(std::size_t(n), decodeOne);
    } else {
        for (int i = 0; i < n; ++i)
            encodeOne(std::size_t(i), 0);
        for (int j = 0; j < n; ++j)
            decodeOne(std::size_t(j), 0);
    }
    double self = 0, transfer = 0;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            if (i == j) {
                self += e.pairs(i, j);
                continue;
            }
            transfer += e.pairs(i, j);
            const double ratio = e.pairs(i, j) / std::max(1e-12, double(e.pairs(j, j)));
            if (ratio > e.worstPairRatio) {
                e.worstPairRatio = ratio;
                e.worstSource = i;
                e.worstTarget = j;
            }
        }
    }
    e.selfError = self / n;
    e.transferError = n > 1 ? transfer / (double(n) * (n - 1)) : 0.0;
    e.transferRatio = e.transferError / std::max(1e-12, e.selfError);
    return e;
}

} // namespace latentset
