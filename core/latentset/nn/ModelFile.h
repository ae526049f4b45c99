#pragma once
// Saving and loading nn objects through ChunkFile (see util/ChunkFile.h for
// the container). Chunks written here:
//   "AECF"  AutoencoderConfig
//   "AESE"  AutoencoderSet: seed, member names, per member the step count and
//           every Parameter's value, plus Adam moments if saved with state
//   "OPTS"  OptimizerSettings
//   "MLPN"  Mlp: sizes, step count, parameters with state
//   "RNGS"  named random-generator states (for bit-for-bit resume)
//   "HIST"  MetricHistory
//   "CLBN"  SetClassifier calibration (per-member scale and offset)
//   "CSTK"  ClassSetTask batch order, noise state, position and batch size
//           (ClassSetTask::writeState; v2, v1 still read)
// Other areas may put the same chunks into their own files via the
// write*/read* functions, next to their own tags.
//
// save -> load reproduces every output exactly (floats are stored bit for
// bit) and, with optimiser state, training resumes as if never interrupted.
// Chunks are version 1 unless said otherwise.
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/OptimizerSettings.h"
#include "latentset/util/ChunkFile.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace latentset {

class ModelFile {
public:
    static void writeConfig(ChunkFile& file, const AutoencoderConfig& config);
    static AutoencoderConfig readConfig(const ChunkFile& file);
    // Writes "AECF" and "AESE". withState = also gradients' optimiser moments.
    static void writeSet(ChunkFile& file, const AutoencoderSet& set, bool withState = true);
    static AutoencoderSet readSet(const ChunkFile& file);
    static void writeOptimizer(ChunkFile& file, const OptimizerSettings& settings);
    static OptimizerSettings readOptimizer(const ChunkFile& file);
    static void writeMlp(ChunkFile& file, const Mlp& mlp);
    static Mlp readMlp(const ChunkFile& file);
    static void writeRandomStates(ChunkFile& file, const std::vector<std::pair<std::string, std::string>>& states);
    static std::vector<std::pair<std::string, std::string>> readRandomStates(const ChunkFile& file);
    static void writeHistory(ChunkFile& file, const MetricHistory& history);
    static MetricHistory readHistory(const ChunkFile& file);
    // Per-member calibration of a SetClassifier (scale, offset).
    static void writeCalibration(ChunkFile& file, const Vector& scale, const Vector& offset);
    static std::optional<std::pair<Vector, Vector>> readCalibration(const ChunkFile& file);

    // Convenience: a file with just a set (+ optional history).
    static void saveSet(const std::string& path, const AutoencoderSet& set, const MetricHistory& history = {});
    static AutoencoderSet loadSet(const std::string& path);
};

} // namespace latentset
