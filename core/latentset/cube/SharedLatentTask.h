#pragma once
// Cross-training of the cube world's context members into one shared latent
// space (the paper's §7-8; docs/cube-geometry.md "Cross-training").
//
// One member per context (CubeContexts), all of one shape
// (memberConfig()): input = the context's mask pixels, zero-padded to the
// largest mask (see CubeDataset.h for why), hidden relu layer, linear latent
// code, tied decoder, sigmoid output, binary cross-entropy weighted 1 on the
// mask and 0 on the padding.
//
// Training alternates two kinds of ROUND:
//   * self round: every member takes one step on its own context's images
//     of a fresh random batch of glyphs (members in parallel);
//   * cross round: the members are paired by a fresh random perfect
//     matching; for each pair (i, j), on one shared random batch of glyphs,
//     encode the glyphs as seen in context i with member i, decode with
//     member j, loss against the same glyphs as seen in j (masked by j's
//     mask) — and the same from j to i. Pairs run in parallel: a matching
//     touches every member exactly once, so no two threads share a member.
// `crossPerSelf` cross rounds follow each self round (a setting: 0 = self
// only, the untrained-transfer baseline).
//
// In the engine's Trainer (nn/Trainer.h: worker thread, pause/step/cancel,
// progress, snapshots, NaN guard) one Trainer step = one CYCLE: a self round
// and its crossPerSelf cross rounds; losses "self" and "cross" (BCE per mask
// pixel); an epoch = cyclesPerEpoch cycles. Snapshots are CubeSnapshots
// (an AutoencoderSetSnapshot plus the contexts), so views written for set
// snapshots work on them too. round() runs a single round, without a Trainer.
//
// Determinism: every batch and matching is drawn from a Random seeded by
// (seed, round, pair/member), never from a thread's own stream, so the same
// seed gives the same bits whatever the thread count.
//
// Resume: writeState() saves the members with their Adam moments and step
// counts, the settings, the rate in effect and the rounds done
// (SharedLatentState); a task built from that state continues bit for bit
// as the uninterrupted run would, on the same glyphs, whatever the thread
// count. Since every draw depends only on (seed, round), no generator state
// needs saving.
//
// Thread rules: step() blocks the caller and uses `pool`; call it from one
// thread at a time (the trainer's worker). snapshot() may be called from
// any thread between steps; readers keep the returned immutable copy.
#include "latentset/cube/CubeDataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/nn/TrainingTask.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentset {

class BinaryReader;
class BinaryWriter;
class ChunkFile;
class ThreadPool;
struct MetricHistory;
struct SharedLatentState;

struct SharedLatentSettings {
    Index hidden = 256;     // hidden relu units per member (encoder; decoder tied)
    Index latent = 16;      // the shared code size (the paper's 16)
    int batchSize = 32;     // glyphs per member step
    int crossPerSelf = 1;   // cross rounds after each self round (0 = self-training only)
    float learningRate = 2e-3f; // Adam
    std::uint64_t seed = 1;
    int cyclesPerEpoch = 50; // Trainer epochs (a cycle = 1 self + crossPerSelf cross rounds)

    void validate() const; // throws Error
    // The model-recipe fields (hidden .. seed, in that order) as cube model
    // files and saved training states both store them; cyclesPerEpoch is
    // Trainer pacing and is written only by the training state.
    void writeRecipe(BinaryWriter& w) const;
    void readRecipe(BinaryReader& r);
};

// What the Trainer publishes for the cube world: members (values only), the
// contexts they belong to, and the rounds done when the copy was taken.
struct CubeSnapshot : AutoencoderSetSnapshot {
    std::shared_ptr<const CubeContexts> contexts;
    std::int64_t rounds = 0;
};

class SharedLatentTask : public TrainingTask {
public:
    struct RoundResult {
        std::int64_t round = 0;
        bool cross = false;
        // Mean over the round's steps of the loss per mask pixel (BCE).
        double lossPerPixel = 0.0;
    };

    // Fresh members (seeded from settings.seed). `data` supplies the training glyphs.
    SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentSettings settings);
    // Continues training existing members (their config must be memberConfig()-shaped for data).
    SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentSettings settings, AutoencoderSet members,
                     std::int64_t roundsDone);
    // Continues a saved training (SharedLatentState::read): its members with
    // their optimiser state, settings, rate in effect and rounds. `data` must
    // have the state's contexts (throws Error otherwise); whether its glyphs
    // are the ones trained on is the caller's to check
    // (SharedLatentState::glyphMismatch): other glyphs give other batches.
    SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentState state);

    // The members' shape for a dataset's contexts.
    static AutoencoderConfig memberConfig(const CubeDataset& data, Index hidden, Index latent);

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
    const CubeDataset& data() const { return *data_; }
    // The members being trained: only the training thread may touch them.
    const AutoencoderSet& members() const { return members_; }
    // An immutable copy of the members (values only), for readers elsewhere.
    std::shared_ptr<const AutoencoderSet> membersSnapshot() const;
    // Adds the whole training state (SharedLatentState's chunks: members with
    // optimiser state, settings, rate, rounds, contexts, glyph fingerprint,
    // and `history` if not empty) to `file`. Only between steps (e.g. inside
    // Trainer::withTaskAtRest); reads the members without copying them.
    void writeState(ChunkFile& file, const MetricHistory& history) const;

private:
    double selfRound(ThreadPool& pool, std::uint64_t roundSeed);
    double crossRound(ThreadPool& pool, std::uint64_t roundSeed);
    std::vector<Index> drawBatch(std::uint64_t seed) const;

    std::shared_ptr<const CubeDataset> data_;
    SharedLatentSettings settings_;
    OptimizerSettings optimizer_;
    AutoencoderSet members_;
    std::vector<Matrix> masks_; // per member: 1 on the mask rows, 0 on padding
    std::atomic<std::int64_t> rounds_{0}; // read by other threads (roundsDone) while training
    std::atomic<float> learningRate_{0.0f}; // set from any thread (setLearningRate)
};

} // namespace latentset
