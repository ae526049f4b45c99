#pragma once
// What the concept experiments read from a trained cube world: the set of
// context members (nn/AutoencoderSet) and the contexts' warps and masks
// (cube/CubeContexts). A view: it holds references, owns nothing, and is
// cheap to copy; both objects must outlive it and must not be trained while
// it is used (hand it a snapshot).
//
// Members see their context in one of two ways, told apart by input size:
//   * full frame:    inputSize == frameSize (S*S pixels); only the mask's
//                    pixels are compared with the reconstruction here;
//   * masked pixels: inputSize >= maskSize(c) for every c; the member's input
//                    is the face's mask pixels in FaceWarp::mask() order,
//                    zero-padded to inputSize (one config for all members).
// Shapes: frames frameSize x B, glyphs glyphPixels x B, codes latent x B,
// "masked" maskSize(c) x B — one column per sample.
//
// Thread rules: const; safe from any number of threads.
#include "latentset/util/Types.h"

namespace latentset {

class AutoencoderSet;
class CubeContexts;

class CubeWorldView {
public:
    // Throws Error if the member count differs from the context count or the
    // members' input size fits neither way of seeing a context.
    CubeWorldView(const AutoencoderSet& members, const CubeContexts& contexts);

    const AutoencoderSet& members() const { return *members_; }
    const CubeContexts& contexts() const { return *contexts_; }
    int size() const;
    bool fullFrameInput() const { return fullFrame_; }
    Index latentSize() const;

    // Member c's input for whole frames.
    Matrix inputFromFrames(int c, const Matrix& frames) const;
    // Member c's input for glyphs painted on context c's face (no frame is
    // built: the warp maps texture straight to mask pixels).
    Matrix inputFromGlyphs(int c, const Matrix& glyphs) const;
    // Codes of whole frames / of glyphs seen in context c, by member c.
    Matrix encodeFrames(int c, const Matrix& frames) const;
    Matrix encodeGlyphs(int c, const Matrix& glyphs) const;
    // Member c's decoder, restricted to its mask: maskSize(c) x B.
    Matrix decodeMasked(int c, const Matrix& codes) const;
    // The face's mask pixels of member c's reconstruction of whole frames.
    Matrix reconstructMasked(int c, const Matrix& frames) const;

private:
    Matrix toMasked(int c, const Matrix& memberOutput) const;

    const AutoencoderSet* members_;
    const CubeContexts* contexts_;
    bool fullFrame_ = false;
};

} // namespace latentset
