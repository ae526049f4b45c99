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
// The rounds, the cycle, the losses and the determinism rule are the
// generic world task's (world/WorldTask.h); this class adds what is the
// cube's own: its CubeDataset, CubeSnapshots (a WorldSnapshot plus the
// contexts) and the saved training state.
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
#include "latentset/world/SharedLatentSettings.h"
#include "latentset/world/WorldTask.h"

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

// What the Trainer publishes for the cube world: members (values only), the
// contexts they belong to, and the rounds done when the copy was taken.
struct CubeSnapshot : WorldSnapshot {
    std::shared_ptr<const CubeContexts> contexts;
};

class SharedLatentTask : public WorldTask {
public:
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

    std::shared_ptr<const TaskSnapshot> snapshot() const override;
    const CubeDataset& data() const { return *data_; }
    // Adds the whole training state (SharedLatentState's chunks: members with
    // optimiser state, settings, rate, rounds, contexts, glyph fingerprint,
    // and `history` if not empty) to `file`. Only between steps (e.g. inside
    // Trainer::withTaskAtRest); reads the members without copying them.
    void writeState(ChunkFile& file, const MetricHistory& history) const;

private:
    std::shared_ptr<const CubeDataset> data_;
};

} // namespace latentset
