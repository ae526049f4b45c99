#pragma once
// Everything a ClassSetTask needs to continue a class-set training exactly
// where it stopped, and the class set a project shows: the class-set area's
// part of a project file (ui/project/ProjectFile composes the areas' chunks;
// the cube area's counterpart is cube/SharedLatentState).
//
// Chunks (the tags and versions project files have always used):
//   "UITS" v1  the training state: a nested ChunkFile holding nn/ModelFile's
//              "AECF"/"AESE" *with* Adam moments and step counts, and
//              ClassSetTask's "CSTK" v2 (batch order, noise RNG, position,
//              batch size), so Open + Play resumes bit for bit
//   "UICS" v1  the class set shown (values only): a nested ChunkFile with
//              "AECF"/"AESE" (nested because a cube model may use the same
//              tags for its members). A bare class-set model file with
//              top-level "AESE" (latentset-cli mnist --save) reads too.
//
// The training state is kept as its serialised bytes (`bytes`): read()
// checks the nested container completely (CRCs, versions, the required
// chunks) so a damaged file fails the open, and restore() parses the weights
// later, on a front end's worker (hundreds of MB for the paper's set).
#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentset {

class ChunkFile;

struct ClassSetState {
    static constexpr const char* kTag = "UITS";
    static constexpr std::uint32_t kVersion = 1;
    static constexpr const char* kSetTag = "UICS";
    static constexpr std::uint32_t kSetVersion = 1;

    std::string bytes; // the nested ChunkFile; empty = no training state

    bool empty() const { return bytes.empty(); }

    // The state of `task` (members with optimiser state + "CSTK"). Only
    // between steps (Trainer::withTaskAtRest, or no Trainer running).
    static ClassSetState capture(const ClassSetTask& task);

    // Adds "UITS" to a project file unless empty.
    void write(ChunkFile& project) const;
    // The "UITS" chunk of a project, checked (container, "AESE" v1, "CSTK"
    // v2); empty if absent. Throws latentset::Error naming the file.
    static ClassSetState read(const ChunkFile& project);
    // As read(), but moves the payload out of `project` (no second copy of
    // its hundreds of MB; the chunk is left empty).
    static ClassSetState take(ChunkFile& project);

    // A task continuing the saved training on `perClass` (member i on
    // perClass[i]) with `settings` (a batch size asked for before saving is
    // applied at the next epoch). If the batch order does not fit this data
    // (another split), the weights and moments are kept, the order starts
    // afresh, and `note` says so. Any thread; heavy. Takes the bytes (empty
    // afterwards) and moves `perClass` and the parsed set into the task, so
    // no second copy of the state, the weights or the data exists meanwhile.
    struct Restored {
        std::shared_ptr<ClassSetTask> task;
        std::size_t startEpoch = 0, startBatch = 0; // TrainerSettings::startEpoch/startBatch
        std::string note;                            // empty unless the batch order was not restored
    };
    Restored restore(std::vector<Dataset> perClass, const ClassSetSettings& settings);

    // "UICS": the set a project shows, values only.
    static void writeSet(ChunkFile& project, const AutoencoderSet& set);
    // True if the project holds a class set: "UICS", or (unless the file is a
    // cube model, whose members use the same nn tags) a top-level "AESE".
    static bool hasSet(const ChunkFile& project, bool cubeModel);
    // The set of hasSet(); null if none. Throws latentset::Error naming the file.
    static std::shared_ptr<const AutoencoderSet> readSet(const ChunkFile& project, bool cubeModel);
};

} // namespace latentset
