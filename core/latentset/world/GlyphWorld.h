#pragma once
// A context world of glyphs shown through a WarpFamily's linear warps
// (rotation, scale x position; docs/worlds.md): items are the images of a
// glyph dataset (MNIST digits by default), item i in context c is
// warp(c) * glyph_i. Nothing is cached: warping a batch is one sparse
// product, a small part of the member step that consumes it.
//
// Several GlyphWorlds share one WarpFamily (training and test digits).
// Thread rules: immutable; const functions are safe from any thread.
#include "latentset/data/Dataset.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WarpFamily.h"

#include <memory>

namespace latentset {

class GlyphWorld : public ContextWorld {
public:
    // Throws Error (naming the dataset) unless its images are the family's glyph size.
    GlyphWorld(std::shared_ptr<const WarpFamily> family, Dataset glyphs);

    const WarpFamily& family() const { return *family_; }
    std::shared_ptr<const WarpFamily> sharedFamily() const { return family_; }
    const Dataset& glyphSet() const { return glyphs_; }

    std::string kind() const override { return family_->kind(); }
    int contextCount() const override { return family_->size(); }
    std::string contextName(int c) const override { return family_->name(c); }
    const std::vector<ContextAxis>& axes() const override { return family_->axes(); }
    std::vector<double> parameters(int c) const override { return family_->parameters(c); }
    int frameWidth() const override { return family_->frameWidth(); }
    int frameHeight() const override { return family_->frameHeight(); }
    Index itemCount() const override { return glyphs_.size(); }
    std::string itemName(Index item) const override;
    int itemLabel(Index item) const override { return glyphs_.label(item); }
    std::string labelName(int label) const override { return glyphs_.className(label); }
    Index maskSize(int c) const override { return family_->warp(c).maskSize(); }
    const std::vector<int>& maskPixels(int c) const override { return family_->warp(c).mask(); }
    Matrix masked(int c, std::span<const Index> items) const override;

    int glyphSize() const override { return family_->glyphSize(); }
    Matrix maskedGlyphs(int c, const Matrix& glyphs) const override { return family_->warp(c).apply(glyphs); }
    bool rendersBetween() const override { return true; }
    Matrix framesAt(const std::vector<double>& parameters, std::span<const Index> items) const override;
    std::vector<int> grid() const override { return family_->grid(); }

private:
    std::shared_ptr<const WarpFamily> family_;
    Dataset glyphs_;
};

} // namespace latentset
