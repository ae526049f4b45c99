#pragma once
// Cross-training of a context world's members into one shared latent space
// (the paper's §7-8; docs/worlds.md "Training"), on any ContextWorld.
//
// One member per context, all of one shape (memberConfig()): input = the
// context's mask pixels, zero-padded to the largest mask (ContextWorld.h),
// hidden relu layer, linear latent code, tied decoder, sigmoid output,
// binary cross-entropy weighted 1 on the mask and 0 on the padding.
//
// Training alternates two kinds of ROUND:
//   * self round: every member takes one step on its own context's view of a
//     fresh random batch of items (members in parallel);
//   * cross round: the members are paired by a fresh random perfect
//     matching; for each pair (i, j), on one shared random batch of items
//     (the pairing rule: the same item in two contexts), encode the items as
//     seen in context i with member i, decode with member j, loss against
//     the same items as seen in j (masked by j's mask), and the same from j
//     to i. Pairs run in parallel: a matching touches every member exactly
//     once, so no two threads share a member. An odd member out sits the
//     round out.
// `crossPerSelf` cross rounds follow each self round (0 = self only, the
// untrained-transfer baseline).
//
// In the engine's Trainer (nn/Trainer.h) one Trainer step = one CYCLE: a
// self round and its crossPerSelf cross rounds; losses "self" and "cross"
// (BCE per mask pixel); an epoch = cyclesPerEpoch cycles. Snapshots are
// WorldSnapshots (an AutoencoderSetSnapshot plus the world), so views
// written for set snapshots work on them too. round() runs a single round,
// without a Trainer.
//
// Determinism: every batch and matching is drawn from a Random seeded by
// (seed, round, pair/member), never from a thread's own stream, so the same
// seed gives the same bits whatever the thread count, and a resumed run
// needs no generator state.
//
// Thread rules: step() blocks the caller and uses `pool`; call it from one
// thread at a time (the trainer's worker). snapshot() may be called from
// any thread between steps; readers keep the returned immutable copy.
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/TrainingTask.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/SharedLatentSettings.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentset {

class ThreadPool;

// What the Trainer publishes for a world: members (values only), the world
// they belong to, and the rounds done when the copy was taken.
struct WorldSnapshot : AutoencoderSetSnapshot {
    std::shared_ptr<const ContextWorld> world;
    std::int64_t rounds = 0;
};

class WorldTask : public TrainingTask {
public:
    struct RoundResult {
        std::int64_t round = 0;
        bool cross = false;
        // Mean over the round's steps of the loss per mask pixel (BCE).
        double lossPerPixel = 0.0;
    };

    // Fresh members (seeded from settings.seed) on `world`'s items.
    WorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings);
    // Continues training existing members (memberConfig()-shaped for the world, one per context).
    WorldTask(std::shared_ptr<const ContextWorld> world, SharedLatentSettings settings, AutoencoderSet members,
              std::int64_t roundsDone);

    // The members' shape for a world.
    static AutoencoderConfig memberConfig(const ContextWorld& world, Index hidden, Index latent);

    // The schedule's draws, public so that a task running the same schedule
    // elsewhere (distributed/ShardedWorldTask.h: members on several ranks)
    // draws the same bits. childSeed(a, b): splitmix64 of (a, b), also the
    // seed AutoencoderSet gives member b of a set seeded a. Round r's seed is
    // childSeed(settings.seed, r); member c's self batch childSeed(roundSeed,
    // c); pair p's cross batch childSeed(roundSeed, p + 1).
    static std::uint64_t childSeed(std::uint64_t a, std::uint64_t b);
    // Whether round `round` is a cross round under `settings`.
    static bool isCrossRound(const SharedLatentSettings& settings, std::int64_t round);
    // A cross round's random perfect matching: pair p is (order[2p],
    // order[2p+1]), member order[2p] encodes first; with an odd count the
    // last entry sits the round out.
    static std::vector<int> crossMatching(int members, std::uint64_t roundSeed);
    // `batchSize` item indices of `world` drawn from `seed`.
    static std::vector<Index> drawBatch(const ContextWorld& world, int batchSize, std::uint64_t seed);

    // One round (self or cross, per the schedule). Blocks; uses `pool`.
    RoundResult round(ThreadPool& pool);

    // --- TrainingTask (called by the Trainer's thread) ---------------------
    std::vector<std::string> lossNames() const override { return {"self", "cross"}; }
    std::size_t batchesPerEpoch() const override { return std::size_t(settings_.cyclesPerEpoch); }
    // One cycle: rounds until the next self round. Losses: mean self, mean cross per mask pixel.
    StepResult step(ThreadPool& pool, double progress, double totalEpochs) override;
    std::shared_ptr<const TaskSnapshot> snapshot() const override;
    double flopsPerSample() const override { return members_.trainingFlopsPerSample(); }
    // Rounds done so far; safe from any thread.
    std::int64_t roundsDone() const { return rounds_; }
    // Sample-steps per round (members * batch for self, 2 * pairs * batch for cross).
    std::int64_t samplesPerRound() const;
    // Whether the next step() is a cross round.
    bool nextIsCross() const;

    // The settings the task was built with (learningRate: the initial rate).
    const SharedLatentSettings& settings() const { return settings_; }
    // The Adam step size, changeable while a Trainer runs: any thread may
    // set it; each round reads it once at its start, so a change takes
    // effect from the next round (no reset, Adam moments kept).
    void setLearningRate(float rate); // throws Error unless rate > 0
    float learningRate() const { return learningRate_.load(); }
    const ContextWorld& world() const { return *world_; }
    std::shared_ptr<const ContextWorld> sharedWorld() const { return world_; }
    // The members being trained: only the training thread may touch them.
    const AutoencoderSet& members() const { return members_; }
    // An immutable copy of the members (values only), for readers elsewhere.
    std::shared_ptr<const AutoencoderSet> membersSnapshot() const;

protected:
    // Fills a snapshot's members and rounds (for subclasses' own snapshot types).
    void fillSnapshot(WorldSnapshot& s) const;

private:
    double selfRound(ThreadPool& pool, std::uint64_t roundSeed);
    double crossRound(ThreadPool& pool, std::uint64_t roundSeed);
    std::vector<Index> drawBatch(std::uint64_t seed) const { return drawBatch(*world_, settings_.batchSize, seed); }

    std::shared_ptr<const ContextWorld> world_;
    SharedLatentSettings settings_;
    OptimizerSettings optimizer_;

protected:
    AutoencoderSet members_;
    std::atomic<std::int64_t> rounds_{0}; // read by other threads (roundsDone) while training
    std::atomic<float> learningRate_{0.0f}; // set from any thread (setLearningRate)

private:
    std::vector<Matrix> masks_; // per member: 1 on the mask rows, 0 on padding
};

} // namespace latentset
