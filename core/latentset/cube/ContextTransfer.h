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

#include <span>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

class ContextTransfer {
public:
    // The metric over all N x N pairs, on a set of held-out glyphs.
    struct Errors {
        // pairs(i, j): mean over glyphs of the mean squared error per mask
        // pixel of decode_j(encode_i(x_i)) against x_j (x_c = the glyph as seen
        // in context c). The diagonal is each member's self-reconstruction error.
        Matrix pairs;
        double selfError = 0;      // mean of the diagonal
        double transferError = 0;  // mean of the off-diagonal pairs (i != j)
        double transferRatio = 0;  // transferError / selfError
        double worstPairRatio = 0; // max over i != j of pairs(i, j) / pairs(j, j)
        int worstSource = -1, worstTarget = -1;
    };

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

    // The metric on `glyphs` (indices into data.glyphSet(), held-out digits).
    // Blocks; members run in parallel on `pool` if given.
    Errors errors(std::span<const Index> glyphs, ThreadPool* pool = nullptr) const;

private:
    const AutoencoderSet& members_;
    const CubeDataset& data_;
};

} // namespace latentset
