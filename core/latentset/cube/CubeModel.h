#pragma once
// A trained cube world as one object and one file: the contexts (geometry
// and split, from which every warp and mask is rebuilt), the context members
// (one AutoencoderSet, member c = context c, input = context c's mask pixels
// zero-padded, see CubeDataset.h) and how they were trained.
//
// File: a util/ChunkFile with
//   "CUBE" v1       contexts config, training settings, rounds, seconds, metrics
//   "AECF" + "AESE" the members, written by nn/ModelFile (values only: the
//                   Adam state would triple a 72 MB file; a training started
//                   from a CubeModel begins with fresh moments. What resumes
//                   bit for bit is a SharedLatentState, which GUI projects
//                   keep beside the CubeModel)
// Files written before ModelFile existed hold the members in "CUBM" v1
// (config, seed, per member step count + parameter values); they still load.
// Other chunks are ignored, so concept models may travel in the same file.
//
// Open one with CubeModel::load(path); for the concept experiments build a
// CubeWorldView(model.members, *model.contexts).
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/AutoencoderSet.h"

#include <cstdint>
#include <memory>
#include <string>

namespace latentset {

class ChunkFile;

class CubeModel {
public:
    static constexpr const char* kTag = "CUBE";
    static constexpr const char* kMembersTag = "CUBM";
    static constexpr std::uint32_t kVersion = 1;

    std::shared_ptr<const CubeContexts> contexts;
    AutoencoderSet members;
    SharedLatentSettings training;
    std::int64_t rounds = 0;
    double trainSeconds = 0;
    // Transfer metric at save time (ContextTransfer::Errors), negative if not measured.
    double selfError = -1, transferError = -1;

    // Adds this model's chunks to `file`.
    void addTo(ChunkFile& file) const;
    // Atomic write of a file holding only this model.
    void save(const std::string& path) const;
    // True if `file` holds a cube model ("CUBE" and a member set).
    static bool isCubeModel(const ChunkFile& file);
    // Throws latentset::Error naming the file if it is not a cube model or is damaged.
    static CubeModel from(const ChunkFile& file);
    static CubeModel load(const std::string& path);
};

} // namespace latentset
