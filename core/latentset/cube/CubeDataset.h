#pragma once
// The cube world's data, generated on the fly from a glyph dataset (MNIST's
// training digits by default): the image of glyph g in context c, and whole
// cubes at theta. Nothing is cached: warping a batch is one sparse product
// (about 16 multiply-adds per mask pixel per glyph, some 1-2% of the
// operations of the member step that consumes it), so 100 contexts x 60,000
// digits (16 GB as floats) never sit in memory.
//
// Shapes (one column per sample):
//   glyphs     glyphPixels x B  (28*28, row-major, [0,1])
//   masked     maskSize(c) x B  (context c's mask pixels, FaceWarp::mask() order)
//   member     inputSize x B    (masked, zero-padded to the members' common input size)
//   frames     frameSize x B    (64*64, row-major, background 0)
//
// Why members see padded mask pixels (measured, docs/cube-geometry.md): a
// member on the full 64x64 frame costs 4096 inputs; on its mask's pixels
// 85..1436 (696 on average). The engine's AutoencoderSet holds members of one
// shape, so all members take largestMask() inputs and a loss weight of 1 on
// the mask's pixels, 0 on the padding. Padding rows never receive gradient
// (input 0, loss weight 0), so a padded member computes exactly what a
// mask-sized member would.
//
// The cube is one context world (world/ContextWorld.h): items are the glyphs,
// each context's mask is its face's, the parameters are the face kind
// (0 side, 1 top) and its angle in degrees.
//
// Thread rules: const functions are safe from any thread.
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/data/Dataset.h"
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"

#include <memory>
#include <span>

namespace latentset {

class CubeDataset : public ContextWorld {
public:
    // `glyphs` must hold glyphSize x glyphSize images (throws Error naming it otherwise).
    CubeDataset(std::shared_ptr<const CubeContexts> contexts, Dataset glyphs);

    const CubeContexts& contexts() const { return *contexts_; }
    std::shared_ptr<const CubeContexts> sharedContexts() const { return contexts_; }
    const Dataset& glyphSet() const { return glyphs_; }
    Index glyphCount() const { return glyphs_.size(); }

    // --- ContextWorld ------------------------------------------------------
    std::string kind() const override { return "cube"; }
    int contextCount() const override { return contexts_->size(); }
    std::string contextName(int c) const override { return contexts_->name(c); }
    const std::vector<ContextAxis>& axes() const override;
    std::vector<double> parameters(int c) const override;
    int frameWidth() const override { return contexts_->imageSize(); }
    int frameHeight() const override { return contexts_->imageSize(); }
    Index itemCount() const override { return glyphs_.size(); }
    int itemLabel(Index item) const override { return glyphs_.label(item); }
    std::string labelName(int label) const override { return glyphs_.className(label); }
    Index maskSize(int c) const override { return contexts_->warp(c).maskSize(); }
    const std::vector<int>& maskPixels(int c) const override { return contexts_->warp(c).mask(); }
    Matrix masked(int c, std::span<const Index> items) const override { return masked(c, glyphs(items)); }
    int glyphSize() const override { return contexts_->geometry().glyphSize(); }
    Matrix maskedGlyphs(int c, const Matrix& glyphs) const override { return masked(c, glyphs); }
    using ContextWorld::memberInput;

    // The members' common input size (largest mask).
    Index memberInputSize() const { return contexts_->largestMask(); }

    Matrix glyphs(std::span<const Index> indices) const { return glyphs_.batch(indices); }
    // Glyphs as they look in context c, mask pixels only.
    Matrix masked(int context, const Matrix& glyphs) const { return contexts_->warp(context).apply(glyphs); }
    // Same, zero-padded to memberInputSize() rows.
    Matrix memberInput(int context, const Matrix& glyphs) const;
    // (memberMask, unpad, framesFromMasked: ContextWorld's.)

    // Glyph g of the dataset on every face of a cube at theta.
    Vector cube(double thetaDeg, Index glyph) const;
    // Glyph g in context c as a whole frame.
    Vector contextFrame(int context, Index glyph) const;

private:
    std::shared_ptr<const CubeContexts> contexts_;
    Dataset glyphs_;
    CubeRenderer renderer_;
};

} // namespace latentset
