#pragma once
#include <QJsonObject>
#include <QString>

#include <memory>
#include <string>

class Session;
namespace latentset {
struct SharedLatentState;
}

// A LatentSet project (.latentset): one util/ChunkFile holding what the
// session shows, so File > Save / Open restores it:
//   "UIPR" v1  JSON: dataset reference (id or path, name, image counts),
//              training settings, class names, drawn glyphs (name + 784
//              bytes, base64), the view that was shown
//   "UICS" v1  the class set: a nested ChunkFile with nn/ModelFile's
//              "AECF"/"AESE" (nested because a cube model may use the same
//              tags for its members); a bare class-set model file with
//              top-level "AESE" (latentset-cli mnist --save) opens too
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
// A model file written by latentset-cli (cube train --save, concept train
// --save) opens the same way: missing chunks are simply absent parts. Files
// from before "UICT" open too (a cube training then starts afresh).
class ProjectFile {
public:
    struct Contents {
        QJsonObject project; // the "UIPR" JSON (empty for a bare model file)
        bool classSet = false, cubeWorld = false, conceptModel = false;
        std::string trainingState; // the "UITS" payload (empty if absent)
        // The "UICT" cube training state, parsed (null if absent).
        std::shared_ptr<latentset::SharedLatentState> cubeTrainingState;
    };
    // Writes the session (and `project`, the panel's settings,
    // `trainingState`, TrainingPanel::trainingState(), and
    // `cubeTrainingState`, CubeTrainingPanel::trainingState(), if not empty)
    // atomically. Throws latentset::Error naming the path on failure.
    static void save(const QString& path, const Session& session, const QJsonObject& project,
                     const std::string& trainingState = {}, std::string cubeTrainingState = {});
    // Reads `path` into the session (replacing what it holds). Throws
    // latentset::Error naming the file for a damaged or foreign file; then
    // the session is left as it was (every chunk is parsed first).
    static Contents load(const QString& path, Session& session);
};
