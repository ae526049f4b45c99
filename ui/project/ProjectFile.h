#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>
#include <string>

#include "session/Session.h"

#include "latentset/experiments/WorldSource.h"

struct ProjectWorld;
namespace latentset {
class CubeModel;
class WorldModel;
struct SharedLatentState;
}

// A LatentSet project (.lset): one util/ChunkFile holding what the
// session shows, so File > Save / Open restores it:
//   "UIPR" v1  JSON: dataset reference (id or path, name, image counts),
//              training settings, class names, drawn glyphs (name + 784
//              bytes, base64), the view that was shown
//   "UICS" v1  the class set: a nested ChunkFile with nn/ModelFile's
//              "AECF"/"AESE" (nested because a cube model may use the same
//              tags for its members), and beside them the set's MLP
//              baseline "MLPN" and likelihood model "LKMD"/"LKGM"/"LKCA"
//              when the session has them (ClassSetBaselines); a bare
//              class-set model file with top-level "AESE" (and "MLPN",
//              "LK*": latentset-cli mnist --save, likelihood --save) opens too
//   "UITS" v1  the training panel's task state: a nested ChunkFile with
//              "AECF"/"AESE" *with* Adam moments and step counts, and
//              ClassSetTask's "CSTK" (batch order, noise RNG, position,
//              batch size), so Open + Play resumes bit for bit. Beside
//              UICS (the session's set, values only) because the session
//              may hold a set the panel is not training (an opened model).
//   "UICT" v1  the cube training panel's state (CubeTrainingPanel::
//              trainingState()): a nested ChunkFile with cube/
//              SharedLatentState's "SLTS" (contexts, glyph fingerprint,
//              settings, rate in effect, rounds), the members' "AECF"/"AESE"
//              *with* Adam moments and step counts, and the loss curves
//              ("HIST"), so Open + Play resumes the cube training bit for
//              bit. Parsed and checked completely by load() (against the
//              cube world's contexts too) before anything is published.
//   "CUBE"/"CUBM" (cube/CubeModel) the cube world the views show (values
//              only; a world that was only opened, not trained, has no
//              "UICT" and opens as before)
//   "CNCP" (concept/ConceptModel) the level-2 concept
//   "UIWD" v1  the session's context world (ui/project/ProjectWorld: its
//              world model and its level-2 concept, weights only, in one
//              nested ChunkFile); absent in older projects and when the
//              session has no world (the session's world then stays as it is)
// A project saved with weights only has no "UITS" and no "UICT": it opens
// like a model file with settings (training goes on with fresh optimiser
// state). The views' state is the "views" object in "UIPR" (absent in older
// projects: the views keep theirs).
// A model file written by latentset-cli (cube train --save, concept train
// --save) opens the same way: missing chunks are simply absent parts. Files
// from before "UICT" open too (a cube training then starts afresh).
//
// Threads: save and open are each split into a cheap GUI-thread part and a
// heavy part that touches no Session and no widget, so MainWindow runs the
// heavy part on a worker: gather() (GUI thread: takes the session's
// immutable snapshots) + write() (any thread), read() (any thread: parses
// and checks everything) + apply() (GUI thread: pointer swaps only). save()
// and load() are the synchronous convenience made of the same two pieces.
class ProjectFile {
public:
    struct Contents {
        QJsonObject project; // the "UIPR" JSON (empty for a bare model file)
        bool classSet = false, cubeWorld = false, conceptModel = false;
        std::string trainingState; // the "UITS" payload (empty if absent)
        // The "UICT" cube training state, parsed (null if absent).
        std::shared_ptr<latentset::SharedLatentState> cubeTrainingState;
        // The cube world published (members, contexts, its rounds), null if none.
        std::shared_ptr<const latentset::CubeModel> cube;
        // The context world published (model and the contexts built for it), null model if none.
        std::shared_ptr<const latentset::WorldModel> worldModel;
        latentset::WorldSource worldSource;
        bool worldConcept = false;
        QString worldError; // the world could not be built (a fonts world's glyphs); the rest opened
    };
    // What write() needs: the project JSON (class names and drawn glyphs
    // already in it) and the session's snapshots, immutable and shared, so a
    // worker can serialise them while the session moves on.
    struct SaveInput {
        QJsonObject project;
        Session::SetPtr classSet;
        Session::MlpPtr mlp;                // the class set's baselines, null if none
        Session::LikelihoodPtr likelihood;
        Session::SetPtr cubeMembers; // null without a cube world
        Session::ContextsPtr cubeContexts;
        Session::ConceptPtr conceptModel;
        Session::WorldPtr world;               // null without a context world
        Session::WorldConceptPtr worldConcept; // its level-2 concept, may be null
    };
    // A file read and verified completely, not yet applied to any session.
    struct Parsed {
        QJsonObject project;
        QStringList classNames; // from the project, else the members' names
        Session::SetPtr classSet;
        Session::MlpPtr mlp;               // beside the class set (null if absent)
        Session::LikelihoodPtr likelihood;
        std::shared_ptr<const latentset::CubeModel> cube;
        Session::ConceptPtr conceptModel;
        QVector<Session::DrawnGlyph> glyphs;
        std::string trainingState;
        std::shared_ptr<latentset::SharedLatentState> cubeTrainingState;
        std::shared_ptr<ProjectWorld> world; // null without "UIWD"
        QString path;
    };

    // GUI thread, cheap (no weights are copied).
    static SaveInput gather(const Session& session, const QJsonObject& project);
    // Any thread: serialises `input` with the panels' `trainingState` and
    // `cubeTrainingState` (if not empty) and writes the file atomically
    // (util/ChunkFile::save: a temporary file renamed over `path`). Throws
    // latentset::Error naming the path on failure.
    static void write(const QString& path, const SaveInput& input, const std::string& trainingState = {},
                      std::string cubeTrainingState = {});
    // Any thread: reads, parses and checks every chunk. Throws
    // latentset::Error naming the file for a damaged or foreign file.
    // `progress` (optional, called on the reading thread) gets 0-100 and the
    // part being read: the file's bytes first (about 40 %), then each part by
    // its size.
    using Progress = std::function<void(int percent, const char* stage)>;
    static Parsed read(const QString& path, const Progress& progress = {});
    // GUI thread: publishes `parsed` into the session (replacing what it
    // holds); cheap pointer swaps.
    static Contents apply(Parsed parsed, Session& session);

    // Synchronous convenience: write(gather(...)).
    static void save(const QString& path, const Session& session, const QJsonObject& project,
                     const std::string& trainingState = {}, std::string cubeTrainingState = {});
    // Synchronous convenience: apply(read(path)). A damaged file throws
    // before the session is touched.
    static Contents load(const QString& path, Session& session);
};
