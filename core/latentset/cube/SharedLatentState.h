#pragma once
// Everything a SharedLatentTask needs to continue a cube-world training
// exactly where it stopped, for project files (ui/ProjectFile "UICT"):
// the members WITH their Adam moments and step counts, the settings, the
// learning rate in effect, the rounds done, the contexts they belong to and
// a fingerprint of the glyph set they were trained on. Nothing else is
// needed for a bit-for-bit resume: every batch and pairing of round r is
// drawn from a Random seeded by (seed, r) (SharedLatentTask.h), so the task
// keeps no random-generator state between rounds.
//
// File: chunks of a util/ChunkFile (usually a nested one, because a cube
// model's values-only members use the same nn tags next to it):
//   "SLTS" v1  contexts config, glyph set (name, count, CRC32 of the pixel
//              bytes), settings, learning rate in effect, rounds done
//   "AECF" + "AESE"  the members, nn/ModelFile with optimiser state
//   "HIST" (optional) nn/ModelFile MetricHistory: a front end's loss curves
// Newer "SLTS" versions are refused; read() checks that the members fit
// the settings and contexts count and carry their optimiser state, and
// throws latentset::Error naming the file and the fault otherwise.
//
// Why a fingerprint, not the glyphs: the glyphs are a dataset (MNIST's
// 60,000 training digits) that the reader loads again; the CRC tells it
// whether it got the same images in the same order. A different glyph set
// still resumes weights and moments, but the batches then differ from the
// uninterrupted run's (glyphMismatch() says why, the caller tells the user).
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <memory>
#include <string>

namespace latentset {

class ChunkFile;
class Dataset;

struct SharedLatentState {
    static constexpr const char* kTag = "SLTS";
    static constexpr std::uint32_t kVersion = 1;

    CubeContextsConfig contexts;
    std::string glyphName;        // for messages only ("MNIST train")
    Index glyphCount = 0;
    std::uint32_t glyphChecksum = 0; // glyphChecksumOf() of the glyph set
    SharedLatentSettings settings;   // as the task was built (learningRate: the initial rate)
    float learningRate = 0.0f;       // the rate in effect when saved (it may change while training)
    std::int64_t rounds = 0;
    AutoencoderSet members;          // with optimiser state (empty in a header-only copy)
    MetricHistory history;           // a front end's curves; may be empty

    // Adds "SLTS", the members' "AECF"/"AESE" (with optimiser state) and
    // "HIST" (if the history is not empty) to `file`.
    void write(ChunkFile& file) const { writeWith(file, members); }
    // The same with `set` as the members: SharedLatentTask::writeState saves
    // its own members this way, without copying them.
    void writeWith(ChunkFile& file, const AutoencoderSet& set) const;
    // True if `file` holds an "SLTS" chunk.
    static bool present(const ChunkFile& file);
    // Throws latentset::Error naming the file: missing or newer chunk,
    // truncated or implausible values, members that do not fit the settings
    // or the contexts count, members saved without optimiser state.
    static SharedLatentState read(const ChunkFile& file);

    // Throws latentset::Error unless the members fit these built contexts
    // (same config, one member per context, input size = largest mask).
    void checkFits(const CubeContexts& built) const;
    // Empty if `glyphs` is the glyph set the state was trained on; else a
    // sentence saying how it differs.
    std::string glyphMismatch(const Dataset& glyphs) const;
    // CRC32 of the pixel bytes (images in order) of a glyph set.
    static std::uint32_t glyphChecksumOf(const Dataset& glyphs);

    // In a project file (ui/project/ProjectFile composes the areas' chunks)
    // the state is nested: "UICT" v1 holds a ChunkFile written by write().
    static constexpr const char* kProjectTag = "UICT";
    static constexpr std::uint32_t kProjectVersion = 1;
    // Adds "UICT" holding `stateBytes` (a ChunkFile's bytes with write()'s
    // chunks) unless empty; moved, because it may be hundreds of MB.
    static void writeProjectChunk(ChunkFile& project, std::string stateBytes);
    // The "UICT" state of a project, parsed and checked against its contexts
    // (`known` when its config is the state's, else built from the state's
    // config), so a damaged state fails the open; null if absent. Throws
    // latentset::Error naming the chunk.
    static std::shared_ptr<SharedLatentState> readProjectChunk(const ChunkFile& project, const CubeContexts* known);
};

} // namespace latentset
