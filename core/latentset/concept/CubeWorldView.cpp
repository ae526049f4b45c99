#include "latentset/concept/CubeWorldView.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"

#include <string>

namespace latentset {

CubeWorldView::CubeWorldView(const AutoencoderSet& members, const CubeContexts& contexts)
    : members_(&members), contexts_(&contexts)
{
    if (members.size() != contexts.size())
        throw Error("cube world: " + std::to_string(members.size()) + " members for "
                    + std::to_string(contexts.size()) + " contexts");
    const Index input = members.config().inputSize;
    fullFrame_ = input == contexts.frameSize();
    if (!fullFrame_ && input < contexts.largestMask())
        throw Error("cube world: members take " + std::to_string(input) + " inputs, neither a "
                    + std::to_string(contexts.frameSize()) + "-pixel frame nor the largest mask ("
                    + std::to_string(contexts.largestMask()) + " pixels)");
}

int CubeWorldView::size() const { return contexts_->size(); }

Index CubeWorldView::latentSize() const { return members_->config().latentSize; }

Matrix CubeWorldView::inputFromFrames(int c, const Matrix& frames) const
{
    if (frames.rows() != contexts_->frameSize())
        throw Error("cube world: frames have " + std::to_string(frames.rows()) + " pixels, contexts expect "
                    + std::to_string(contexts_->frameSize()));
    if (fullFrame_)
        return frames;
    Matrix input = Matrix::Zero(members_->config().inputSize, frames.cols());
    const FaceWarp& warp = contexts_->warp(c);
    input.topRows(warp.maskSize()) = warp.gather(frames);
    return input;
}

Matrix CubeWorldView::inputFromGlyphs(int c, const Matrix& glyphs) const
{
    if (glyphs.rows() != contexts_->glyphPixels())
        throw Error("cube world: glyphs have " + std::to_string(glyphs.rows()) + " pixels, contexts expect "
                    + std::to_string(contexts_->glyphPixels()));
    const FaceWarp& warp = contexts_->warp(c);
    const Matrix masked = warp.apply(glyphs);
    if (fullFrame_) {
        Matrix frames = Matrix::Zero(contexts_->frameSize(), glyphs.cols());
        warp.scatter(masked, frames);
        return frames;
    }
    Matrix input = Matrix::Zero(members_->config().inputSize, glyphs.cols());
    input.topRows(masked.rows()) = masked;
    return input;
}

Matrix CubeWorldView::encodeFrames(int c, const Matrix& frames) const
{
    return members_->member(c).encode(inputFromFrames(c, frames));
}

Matrix CubeWorldView::encodeGlyphs(int c, const Matrix& glyphs) const
{
    return members_->member(c).encode(inputFromGlyphs(c, glyphs));
}

Matrix CubeWorldView::toMasked(int c, const Matrix& out) const
{
    const FaceWarp& warp = contexts_->warp(c);
    if (fullFrame_)
        return warp.gather(out);
    return out.topRows(warp.maskSize());
}

Matrix CubeWorldView::decodeMasked(int c, const Matrix& codes) const
{
    return toMasked(c, members_->member(c).decode(codes));
}

Matrix CubeWorldView::reconstructMasked(int c, const Matrix& frames) const
{
    return toMasked(c, members_->member(c).reconstruct(inputFromFrames(c, frames)));
}

} // namespace latentset
