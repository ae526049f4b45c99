#include "latentset/world/WorldTransfer.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>

namespace latentset {

WorldTransfer::WorldTransfer(const AutoencoderSet& members, const ContextWorld& world)
    : members_(members)
    , world_(world)
{
    if (members_.size() != world_.contextCount())
        throw Error("context transfer: " + std::to_string(members_.size()) + " members for "
                    + std::to_string(world_.contextCount()) + " contexts");
    if (members_.config().inputSize != world_.memberInputSize())
        throw Error("context transfer: members take " + std::to_string(members_.config().inputSize)
                    + " inputs, the contexts need " + std::to_string(world_.memberInputSize()));
}

Matrix WorldTransfer::encodeItems(int source, std::span<const Index> items) const
{
    return members_.member(source).encode(world_.memberInput(source, items));
}

Matrix WorldTransfer::encodeFrames(int source, const Matrix& frames) const
{
    return members_.member(source).encode(world_.memberInputFromFrames(source, frames));
}

Matrix WorldTransfer::decodeAll(const Vector& code) const
{
    const int n = members_.size();
    Matrix frames = Matrix::Zero(world_.frameSize(), n);
    for (int j = 0; j < n; ++j)
        frames.col(j) = world_.framesFromMasked(j, world_.unpad(j, members_.member(j).decode(code)));
    return frames;
}

Vector WorldTransfer::decodeIn(int target, const Vector& code) const
{
    if (target < 0 || target >= members_.size())
        throw Error("context transfer: member " + std::to_string(target) + " of " + std::to_string(members_.size()));
    return world_.framesFromMasked(target, world_.unpad(target, members_.member(target).decode(code))).col(0);
}

namespace {

// Self, transfer and worst-pair figures of a filled pairs matrix.
void summarise(TransferErrors& e)
{
    const Index n = e.pairs.rows();
    double self = 0, transfer = 0;
    for (Index i = 0; i < n; ++i) {
        for (Index j = 0; j < n; ++j) {
            if (i == j) {
                self += e.pairs(i, j);
                continue;
            }
            transfer += e.pairs(i, j);
            const double ratio = e.pairs(i, j) / std::max(1e-12, double(e.pairs(j, j)));
            if (ratio > e.worstPairRatio) {
                e.worstPairRatio = ratio;
                e.worstSource = int(i);
                e.worstTarget = int(j);
            }
        }
    }
    e.selfError = self / double(n);
    e.transferError = n > 1 ? transfer / (double(n) * double(n - 1)) : 0.0;
    e.transferRatio = e.transferError / std::max(1e-12, e.selfError);
}

} // namespace

TransferErrors WorldTransfer::errors(std::span<const Index> items, ThreadPool* pool) const
{
    if (items.empty())
        throw Error("context transfer: no glyphs to measure on");
    const int n = members_.size();
    const Index b = Index(items.size());
    const Index latent = members_.config().latentSize;
    // Codes of every context's view, side by side: latent x (n * b).
    Matrix codes(latent, n * b);
    auto encodeOne = [&](std::size_t i, unsigned) { codes.middleCols(Index(i) * b, b) = encodeItems(int(i), items); };
    TransferErrors e;
    e.pairs.resize(n, n);
    // Decoder j on all codes at once; column block i holds decode_j(encode_i(x_i)).
    auto decodeOne = [&](std::size_t jj, unsigned) {
        const int j = int(jj);
        const Matrix target = world_.masked(j, items);
        const Matrix out = world_.unpad(j, members_.member(j).decode(codes));
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
    summarise(e);
    return e;
}

} // namespace latentset
