#pragma once
// One-shot recognition on any world (the paper's §10; docs/worlds.md
// "One-shot"): two new things A and B are shown ONCE, in context s; member s
// gives their codes; the hyperplane halfway between them
// (concept/MidpointHyperplane) must put A and B on their own sides when each
// is shown in every other context c and encoded by member c. No member is
// retrained. A and B are glyphs (worlds that show new glyphs) or held-out
// items (any world).
// Thread rules: const; `pool` spreads the contexts over worker threads.
#include "latentset/util/Types.h"
#include "latentset/world/ContextWorld.h"

#include <functional>

namespace latentset {

class AutoencoderSet;
class ThreadPool;

struct WorldOneShotScore {
    int source = 0;
    int contexts = 0;
    int score = 0;          // contexts where A and B are both on their side (the source included)
    double percent = 0;     // 100 * score / contexts
    double meanSameDistance = 0; // |enc_s(A) - enc_c(A)| averaged over c != s
    double otherDistance = 0;    // |enc_s(A) - enc_s(B)|
};

class WorldOneShot {
public:
    // Per context c: A and B as seen there, maskSize(c) x 2 (column 0 = A).
    using Views = std::function<Matrix(int c)>;

    // Throws Error if the members do not fit the world.
    WorldOneShot(const AutoencoderSet& members, const ContextWorld& world);

    // Throws Error for a source out of range or A and B with one code in it.
    WorldOneShotScore run(const Views& views, int source, ThreadPool* pool = nullptr) const;

    // Two glyphs (glyphSize^2 each) shown through the world's warps (throws
    // unless the world shows glyphs).
    static Views glyphs(const ContextWorld& world, const Vector& a, const Vector& b);
    // Two of the world's items.
    static Views items(const ContextWorld& world, Index a, Index b);

private:
    const AutoencoderSet& members_;
    const ContextWorld& world_;
};

} // namespace latentset
