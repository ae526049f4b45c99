#pragma once
// A context world (docs/worlds.md, paper §6): N >= 2 contexts, each with
// named parameter values (ContextAxis), a set of items (glyphs, characters,
// a folder's file names) and a way to show item i in context c, restricted to
// the context's mask. The pairing rule of cross-training is "the same item in
// two contexts": item i in context a pairs with item i in context b.
//
// Shapes (one column per sample):
//   masked   maskSize(c) x B     item i as seen in context c, the mask's pixels
//                                in the order of maskPixels(c)
//   member   memberInputSize() x B   masked, zero-padded to the members' common
//                                input size (largest mask); loss weight 0 on
//                                the padding (memberMask), as cube/CubeDataset.h
//   frames   frameSize() x B     whole frames, row-major (y * width + x),
//                                background 0
// Every world shows its items through these calls, so shared-latent training
// (world/WorldTask), transfer (world/WorldTransfer), the likelihood vector and
// parameter estimation (world/WorldEstimator) run on any world.
//
// Thread rules: implementations are immutable after construction; every const
// function is safe from any thread.
#include "latentset/world/ContextAxis.h"
#include "latentset/util/Types.h"

#include <span>
#include <string>
#include <vector>

namespace latentset {

class ContextWorld {
public:
    virtual ~ContextWorld() = default;

    // "rotation", "scale-position", "cube", "folder", ...
    virtual std::string kind() const = 0;
    virtual int contextCount() const = 0;
    // A short label ("angle 30", "scale 0.8 x 14 y 50").
    virtual std::string contextName(int c) const = 0;
    // The parameter axes and each context's value on each (axes().size() values).
    virtual const std::vector<ContextAxis>& axes() const = 0;
    virtual std::vector<double> parameters(int c) const = 0;

    virtual int frameWidth() const = 0;
    virtual int frameHeight() const = 0;
    Index frameSize() const { return Index(frameWidth()) * frameHeight(); }

    virtual Index itemCount() const = 0;
    // A name of item i for messages and reports ("3", "a.png").
    virtual std::string itemName(Index item) const { return std::to_string(item); }
    // The class of item i when the items are labelled (a digit's class), else -1.
    virtual int itemLabel(Index /*item*/) const { return -1; }
    // The name of a label ("3"); only for labels itemLabel() returns.
    virtual std::string labelName(int label) const { return std::to_string(label); }

    virtual Index maskSize(int c) const = 0;
    // Frame pixel indices of context c's mask, increasing.
    virtual const std::vector<int>& maskPixels(int c) const = 0;
    // The largest mask (the members' input size).
    Index memberInputSize() const;

    // Items at `items` as seen in context c: maskSize(c) x items.size().
    virtual Matrix masked(int c, std::span<const Index> items) const = 0;

    // masked(), zero-padded to memberInputSize() rows.
    Matrix memberInput(int c, std::span<const Index> items) const;
    // 1 on context c's mask rows, 0 on the padding (memberInputSize() x 1).
    Matrix memberMask(int c) const;
    // Padded member rows -> mask pixels.
    Matrix unpad(int c, const Matrix& member) const { return member.topRows(maskSize(c)); }
    // Mask pixels of context c -> whole frames (zero outside the mask).
    Matrix framesFromMasked(int c, const Matrix& masked) const;
    // The mask pixels of context c in whole frames (frameSize() x B -> maskSize(c) x B).
    Matrix maskedFromFrames(int c, const Matrix& frames) const;
    // maskedFromFrames, padded: member c's input for whole frames.
    Matrix memberInputFromFrames(int c, const Matrix& frames) const;

    // --- optional abilities (defaults: not available) ---------------------
    // Worlds whose items are glyphs can show ANY glyph (a new one, one drawn
    // by the user) in a context: glyphSize() > 0, and maskedGlyphs maps
    // glyphSize^2 x B glyphs to maskSize(c) x B. Others return 0 / throw.
    virtual int glyphSize() const { return 0; }
    virtual Matrix maskedGlyphs(int c, const Matrix& glyphs) const;
    // Worlds that can show items between their contexts' values (for
    // parameter estimation off the grid): whole frames of `items` at
    // `parameters` (one value per axis). Others return false / throw.
    virtual bool rendersBetween() const { return false; }
    virtual Matrix framesAt(const std::vector<double>& parameters, std::span<const Index> items) const;
    // The contexts' layout when they form a Cartesian grid of the axes
    // (sizes per axis, index row-major over the axes); empty if not.
    virtual std::vector<int> grid() const { return {}; }

    // Pads a block to `rows` rows (zeros below).
    static Matrix padRows(const Matrix& block, Index rows);
    // A mask that covers the whole frame (0 .. frameSize - 1).
    static std::vector<int> fullMask(Index frameSize);
};

} // namespace latentset
