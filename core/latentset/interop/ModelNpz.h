#pragma once
// A LatentSet model as NumPy arrays and back: the layout of docs/interop.md
// (the one place it is described; keep the two in step).
//
// Orientation. LatentSet holds data one column per sample and applies a layer
// as Y = f(W X + b) with W n_out x n_in (util/Types.h). The NPZ holds C-order
// (row-major) arrays with one ROW per sample, as NumPy and PyTorch do: for a
// batch x of shape (B, n_in), a layer is y = f(x @ W.T + b) with the very same
// W of shape (n_out, n_in) — torch.nn.Linear's weight layout. Weights of all
// members are stacked: W{l} is (members, n_out, n_in), b{l} (members, n_out).
// Tied sets store the encoder layers' W only; decoder layer l uses
// W{L-1-l} transposed (L = 2(H+1) layers).
//
// Export carries what the model file holds: the set, the classifier's
// per-member calibration (classifier_scale / classifier_offset), and the
// likelihood model (sigma, the p(z) mixtures, eq. 5's constants) when the
// file has one (interop/LikelihoodNpz). Import reads all three back.
#include "latentset/interop/NpzArchive.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Types.h"

#include <optional>
#include <string>
#include <utility>

namespace latentset {

class ChunkFile;

class ModelNpz {
public:
    static constexpr std::int64_t kFormatVersion = 1;
    static constexpr const char* kFormat = "latentset-set";

    // Every array of a model file (a class set; any file holding "AECF" +
    // "AESE"). Throws Error if the file holds no set or its chunks are corrupt.
    static NpzArchive fromModel(const ChunkFile& model, const std::string& target);

    // The set an NPZ describes. Throws Error "<file>: array 'W1': ..." for a
    // missing array, a wrong dtype or shape, an unknown activation, sizes
    // beyond the limits a model file has (ModelFile::readConfig), or
    // non-finite values.
    static AutoencoderSet readSet(const NpzArchive& npz);
    // classifier_scale / classifier_offset when present (both or neither),
    // each `members` long.
    static std::optional<std::pair<Vector, Vector>> readClassifierCalibration(const NpzArchive& npz, int members);
    // True when the NPZ holds likelihood arrays.
    static bool hasLikelihood(const NpzArchive& npz);

    // A model file (AECF + AESE without optimiser state, + CLBN when the NPZ
    // has a calibration, + the likelihood chunks when it has those arrays)
    // that every command and the app open as a class set.
    static ChunkFile toModel(const NpzArchive& npz, const std::string& name);
};

} // namespace latentset
