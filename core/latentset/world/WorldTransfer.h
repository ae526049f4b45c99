#pragma once
// Context transfer on any context world (the paper's fig. 6): encode an item
// with the member of its context i, decode the code with every member j ->
// the item as it would look in every context; and the transfer metric over
// all pairs (docs/worlds.md "Transfer").
//
// Shapes: frames frameSize x N (one column per context j, the decoded mask
// pixels of j put into an otherwise black frame); codes latent x B.
//
// Thread rules: holds references to an immutable member set (a snapshot) and
// the world; const functions are safe from any thread.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"

#include <span>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

// The metric over all N x N pairs, on a set of held-out items.
struct TransferErrors {
    // pairs(i, j): mean over items of the mean squared error per mask pixel
    // of decode_j(encode_i(x_i)) against x_j (x_c = the item as seen in
    // context c). The diagonal is each member's self-reconstruction error.
    Matrix pairs;
    double selfError = 0;      // mean of the diagonal
    double transferError = 0;  // mean of the off-diagonal pairs (i != j)
    double transferRatio = 0;  // transferError / selfError
    double worstPairRatio = 0; // max over i != j of pairs(i, j) / pairs(j, j)
    int worstSource = -1, worstTarget = -1;
};

class WorldTransfer {
public:
    // Throws Error if the member count or input size does not fit the world.
    WorldTransfer(const AutoencoderSet& members, const ContextWorld& world);

    // Codes of items as seen in context `source`, by member `source` (latent x B).
    Matrix encodeItems(int source, std::span<const Index> items) const;
    // Code of whole frames by member `source` (its mask pixels are read).
    Matrix encodeFrames(int source, const Matrix& frames) const;
    // Decodes one code with every member into frames (frameSize x N).
    Matrix decodeAll(const Vector& code) const;
    // Decodes one code with member `target` only, as a frame (frameSize x 1):
    // decodeAll(code).col(target) without the other members' work.
    Vector decodeIn(int target, const Vector& code) const;

    // The metric on `items` (indices into the world's items, held out).
    // Blocks; members run in parallel on `pool` if given.
    TransferErrors errors(std::span<const Index> items, ThreadPool* pool = nullptr) const;

private:
    const AutoencoderSet& members_;
    const ContextWorld& world_;
};

} // namespace latentset
