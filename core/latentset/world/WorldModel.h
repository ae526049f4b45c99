#pragma once
// A trained context world as one file (docs/worlds.md "Model files"): which
// world (WorldSpec, from which a front end rebuilds its contexts: warps for
// glyph worlds, the folder for a paired folder), the members (one
// AutoencoderSet, member c = context c) and how they were trained.
//
// File: a util/ChunkFile with
//   "WRLD" v1       the WorldSpec as JSON, training recipe, rounds, seconds,
//                   self and transfer error, noise variance
//   "AECF" + "AESE" the members, nn/ModelFile (values only, or with their
//                   optimiser state: withTrainingState)
//   "HIST" (optional) nn/ModelFile's MetricHistory: the training's loss per
//                   round (columns round, self, cross), written when not
//                   empty. Files from before it lack it (history empty) and
//                   readers from before it skip it; its reader checks every
//                   claimed count against the bytes present first.
// Newer "WRLD" versions are refused. from() reads the members first (their
// reader proves the bytes are there), then checks that they fit the
// settings; fits() checks them against a built world.
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/SharedLatentSettings.h"
#include "latentset/world/WorldSpec.h"

#include <cstdint>
#include <string>

namespace latentset {

class ChunkFile;

class WorldModel {
public:
    static constexpr const char* kTag = "WRLD";
    static constexpr std::uint32_t kVersion = 1;

    WorldSpec spec;
    AutoencoderSet members;
    SharedLatentSettings training;
    std::int64_t rounds = 0;
    double trainSeconds = 0;
    double selfError = -1, transferError = -1; // at save time, negative if not measured
    double noiseVariance = 0;                  // WorldLikelihood's sigma^2 (0: not measured)
    // Save the members with their Adam moments and step counts, so that a
    // sharded training resumes from the file bit for bit (docs/scale.md);
    // the file then is about 3x larger. from() sets it when every member
    // carries that state.
    bool withTrainingState = false;
    // The mean self and cross loss per pixel over the training (round, self,
    // cross; 0 = no round of that kind in the row): `world train` writes one
    // row per Trainer epoch, the app's world training the points its curves
    // show; may be empty.
    MetricHistory history;

    void addTo(ChunkFile& file) const;
    void save(const std::string& path) const;
    static bool isWorldModel(const ChunkFile& file);
    // Throws latentset::Error naming the file if it is not a world model or is damaged.
    static WorldModel from(const ChunkFile& file);
    static WorldModel load(const std::string& path);

    // Throws Error unless the members fit `world` (one per context, input = its largest mask).
    void checkFits(const ContextWorld& world) const;
};

} // namespace latentset
