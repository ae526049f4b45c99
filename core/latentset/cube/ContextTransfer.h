#pragma once
// Context transfer (the paper's fig. 6): encode an image with the member of
// its context i, decode the code with every member j -> the image as it
// would look in every context. And the transfer metric over all pairs.
//
// Shapes: glyph glyphPixels x 1; frames frameSize x N (one column per
// context j, the decoded mask pixels of j put into an otherwise black
// frame); codes latent x B.
//
// Thread rules: holds references to an immutable member set (a snapshot) and
// the contexts; const functions are safe from any thread.
#include "latentset/cube/CubeDataset.h"
#include "latentset/util/Types.h"
#include "latentset/world/WorldTransfer.h"

#include <span>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

class ContextTransfer {
public:
    using Errors = TransferErrors; // world/WorldTransfer.h

    // Throws Error if the member count or input size does not fit the data's contexts.
    ContextTransfer(const AutoencoderSet& members, const CubeDataset& data);

    // Code of a glyph as seen in context `source`, by member `source` (latent x B for B glyphs).
    Matrix encodeGlyphs(int source, const Matrix& glyphs) const;
    // Code of whole frames by member `source` (its mask pixels are read).
    Matrix encodeFrames(int source, const Matrix& frames) const;
    // Decodes one code with every member into frames (frameSize x N).
    Matrix decodeAll(const Vector& code) const;
    // encodeGlyphs(source, glyph) then decodeAll: the 10x10 gallery's frames.
    Matrix transferGlyph(int source, const Vector& glyph) const;

    // The metric on `glyphs` (indices into data.glyphSet(), held-out digits):
    // WorldTransfer's on the cube world. Blocks; members run in parallel on `pool` if given.
    Errors errors(std::span<const Index> glyphs, ThreadPool* pool = nullptr) const;

private:
    const AutoencoderSet& members_;
    const CubeDataset& data_;
    WorldTransfer world_; // the generic transfer on the cube world
};

} // namespace latentset
