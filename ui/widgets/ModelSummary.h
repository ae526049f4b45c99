#pragma once
#include <QString>

class Session;

// One line per model a session holds, for exported figures' metadata
// (FigureInfo::model) and captions: the class set (members, layer sizes,
// tied or not, class names), the cube world (contexts, frame size, member
// shape) and the level-2 concept. Uses each core config's describe().
class ModelSummary {
public:
    static QString classSet(const Session& session);
    static QString cubeWorld(const Session& session);
    static QString levelTwoConcept(const Session& session);
    // The session's context world (ui/session/SessionWorld): kind, contexts, frames, rounds, members.
    static QString contextWorld(const Session& session);
    // The non-empty ones above, joined by "; ".
    static QString all(const Session& session);
};
