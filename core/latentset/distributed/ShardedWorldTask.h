#pragma once
// World training with the members sharded over ranks (docs/scale.md): the
// rounds of world/WorldTask, the same bits, but each rank holds only its
// block of members (ShardLayout) and the ranks meet through a Communicator.
//
// * Self round: local, every rank steps its own members (in parallel on its
//   pool); nothing is sent.
// * Cross round: every rank draws the same matching as WorldTask
//   (crossMatching of the round seed). A pair whose two members live on one
//   rank runs there as WorldTask runs it. A pair (a, b) split over ranks A
//   and B (a = order[2p] encodes first) runs as five halves, batched per
//   peer so that each rank sends at most one message per peer per phase:
//     1. A: encode x_a with a -> z_ab                          send z_ab
//        (every rank then runs its local pairs while the codes travel)
//     2. B: decode z_ab with b, loss vs x_b, backward -> dZ_ab, update b,
//           encode x_b with the updated b -> z_ba          send dZ_ab, z_ba
//     3. A: backward a's encoder from dZ_ab, update a; decode z_ba with a,
//           loss vs x_a, backward -> dZ_ba, update a       send dZ_ba
//     4. B: backward b's encoder from dZ_ba, update b.
//   Each member does exactly the operations, in the order, that
//   AutoencoderSet::crossStep(a, b) then crossStep(b, a) do, so the members
//   come out bit for bit as WorldTask's whatever the rank count. Only codes
//   and their gradients travel: 4 x batch x latent floats per split pair
//   and cross round, never weights.
// * Round losses: each rank returns its partial sum (RoundResult); the
//   caller adds the ranks' sums. The total equals WorldTask's up to the
//   order of the additions (a few ulps: docs/scale.md), the members exactly.
//
// Thread rules: round() and gather() are collective (every rank calls them
// in the same order) and block; one thread per rank.
#include "latentset/distributed/Communicator.h"
#include "latentset/distributed/ShardLayout.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/SharedLatentSettings.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace latentset {

class ThreadPool;

class ShardedWorldTask {
public:
    struct RoundResult {
        std::int64_t round = 0;
        bool cross = false;
        // This rank's share of the round's summed loss per mask pixel; the
        // round's mean = (sum over ranks) / divisor.
        double lossPartialSum = 0.0;
        double divisor = 1.0; // members (self) or pairs (cross)
        long long bytesSent = 0; // this rank's message payloads in the round
    };

    // This rank's block of fresh members, initialised as
    // AutoencoderSet(memberConfig, contexts, settings.seed) initialises them.
    ShardedWorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings, Communicator& comm);
    // This rank's block of `all` (every context's member, with optimiser
    // state for an exact resume), continuing after `roundsDone` rounds.
    ShardedWorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings, Communicator& comm,
                     const AutoencoderSet& all, std::int64_t roundsDone);

    RoundResult round(ThreadPool& pool);
    // Collective: the ranks send their blocks (with optimiser state if
    // `withState`) to rank 0, which returns every member in context order,
    // named after the contexts; the other ranks return an empty set.
    AutoencoderSet gather(bool withState);

    std::int64_t roundsDone() const { return rounds_; }
    bool nextIsCross() const;
    const ShardLayout& layout() const { return layout_; }
    // This rank's members (member k = context layout().first(rank) + k).
    const AutoencoderSet& localMembers() const { return local_; }
    const SharedLatentSettings& settings() const { return settings_; }
    const ContextWorld& world() const { return *world_; }

    static constexpr int kTagCodes = 1, kTagGradientsAndCodes = 2, kTagGradients = 3, kTagGather = 4;

private:
    struct Half;
    double selfRound(ThreadPool& pool, std::uint64_t roundSeed);
    double crossRound(ThreadPool& pool, std::uint64_t roundSeed);
    // Cross round pieces (the phases of the header comment).
    std::vector<Index> pairBatch(std::uint64_t roundSeed, std::size_t pair) const;
    void planCross(const std::vector<int>& order, std::vector<std::size_t>& localPairs, std::vector<Half>& halves) const;
    static void eachHalf(ThreadPool& pool, std::vector<Half>& halves, bool side, const std::function<void(Half&)>& fn);
    void encodeHalf(Half& h);
    void decodeHalf(Half& h, float lr);
    void finishEncoder(Half& h, float lr);
    double localPairs(ThreadPool& pool, const std::vector<int>& order, const std::vector<std::size_t>& pairs,
                      std::uint64_t roundSeed, float lr);
    // One message per peer with the halves of one side: gradients and/or codes, in pair order.
    void sendPhase(const std::vector<Half>& halves, bool first, int tag, bool withGradients, bool withCodes);
    void receivePhase(std::vector<Half>& halves, bool first, int tag, bool withGradients, bool withCodes);
    Autoencoder& mine(int context) { return local_.member(context - layout_.first(comm_.rank())); }

    std::shared_ptr<const ContextWorld> world_;
    SharedLatentSettings settings_;
    Communicator& comm_;
    ShardLayout layout_;
    OptimizerSettings optimizer_;
    AutoencoderSet local_;
    std::vector<Matrix> masks_; // of the local members
    std::int64_t rounds_ = 0;
};

} // namespace latentset
