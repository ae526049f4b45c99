#pragma once
// A project's context world (ui/project/ProjectFile, chunk "UIWD" v1): the
// session's world model and, if trained, its level-2 concept, as ONE nested
// util/ChunkFile holding world/WorldModel's "WRLD" + "AECF"/"AESE" and
// world/WorldConcept's "CNCP" + "WCPT" — the chunks of the file
// `latentset-cli world concept --save` writes. Nested, because the project's
// own top level already uses "AECF"/"AESE" (a bare class set) and "CNCP"
// (the cube's concept) for other models.
//
// Weights only: the members are written without their optimiser state (a
// world's Adam moments triple its size; the scale x position world at 40 x
// 40 is 13 MB of weights); an opened world trains on with fresh optimiser
// state, as one opened from a world model file does. Older readers skip the
// unknown tag; this reader checks the nested container (sizes, CRCs,
// versions) and both models before it builds anything, and names the chunk
// in its message when it is damaged.
//
// Threads: write() and read() touch no session or widget (a worker runs
// them); the world's contexts are rebuilt from its spec in read() (MNIST,
// a folder), except a fonts world, whose glyphs Qt draws on the GUI thread
// only (build() there).
#include "latentset/experiments/WorldSource.h"

#include <QString>

#include <memory>

struct SessionWorld;
namespace latentset {
class ChunkFile;
class WorldConcept;
class WorldModel;
} // namespace latentset

struct ProjectWorld {
    static constexpr const char* kTag = "UIWD";
    static constexpr std::uint32_t kVersion = 1;

    std::shared_ptr<const latentset::WorldModel> model;
    std::shared_ptr<const latentset::WorldConcept> level2; // null if none was trained
    latentset::WorldSource source;                          // empty until built
    QString buildError; // why the contexts could not be built here (no MNIST, a moved folder)

    // Appends the chunk for `world` (its noise variance measured on 50
    // training items when the session has none yet) and `concept` (may be null).
    static void write(latentset::ChunkFile& project, const SessionWorld& world,
                      const latentset::WorldConcept* level2);
    static bool present(const latentset::ChunkFile& project);
    // Parses and checks the chunk (throws latentset::Error naming `path` and
    // the chunk when it is damaged); builds the source unless it needs the
    // GUI thread (a failure to build is kept in buildError: the rest of the
    // project still opens).
    static ProjectWorld read(const latentset::ChunkFile& project, const QString& path);
    // Builds the source if read() left it to the GUI thread; false with
    // buildError set if it cannot be built.
    bool build(const QString& path);
};
