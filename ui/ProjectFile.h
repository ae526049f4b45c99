#pragma once
#include <QJsonObject>
#include <QString>

#include <string>

class Session;

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
//   "CUBE"/"CUBM" (cube/CubeModel) the cube world
//   "CNCP" (concept/ConceptModel) the level-2 concept
// A model file written by latentset-cli (cube train --save, concept train
// --save) opens the same way: missing chunks are simply absent parts.
// The cube world is saved as values only (CubeModel: Adam state would
// triple it); a resumed cube training restarts its moments.
class ProjectFile {
public:
    struct Contents {
        QJsonObject project; // the "UIPR" JSON (empty for a bare model file)
        bool classSet = false, cubeWorld = false, conceptModel = false;
        std::string trainingState; // the "UITS" payload (empty if absent)
    };
    // Writes the session (and `project`, the panel's settings, and
    // `trainingState`, TrainingPanel::trainingState(), if not empty)
    // atomically. Throws latentset::Error naming the path on failure.
    static void save(const QString& path, const Session& session, const QJsonObject& project,
                     const std::string& trainingState = {});
    // Reads `path` into the session (replacing what it holds). Throws
    // latentset::Error naming the file for a damaged or foreign file.
    static Contents load(const QString& path, Session& session);
};
