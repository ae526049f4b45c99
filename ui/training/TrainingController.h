#pragma once
#include <QJsonObject>

#include <functional>
#include <memory>
#include <string>

class TrainerAdapter;
namespace latentset {
class AutoencoderSet;
class CubeModel;
struct SharedLatentState;
} // namespace latentset

// What File > Open hands to the trainings: each controller takes the parts
// that are its own and ignores the rest (a project may hold both, or only one).
struct TrainingHandOff {
    // Class set: the project's settings JSON (dataset, architecture,
    // optimiser, curves; ClassSetSettingsJson), the set to continue from and
    // its saved training state (ProjectFile's "UITS": moments, batch order,
    // position; may be empty: then training continues from the weights).
    QJsonObject classSetProject;
    std::shared_ptr<const latentset::AutoencoderSet> classSet;
    std::string classSetState;
    // Cube world: the saved training ("UICT"), null when the file has none;
    // the world the views now show (members, contexts, rounds), null when
    // the file has none. Without a training state the cube training goes on
    // from the world's members with fresh optimiser state.
    std::shared_ptr<latentset::SharedLatentState> cubeState;
    std::shared_ptr<const latentset::CubeModel> cubeWorld;
};

// One training of the Training view (class set, cube world), as the rest of
// the app drives it: play / pause / step / reset, whether a step is under
// way, its state for a project file, and adopting an opened one. Both
// training modes implement it, so the shell and the project controller never
// need to know which task a trainer runs.
//
// GUI thread only. Nothing here blocks on training: a pause takes effect
// after the mini-batch under way, and whenAtRest() says when.
class TrainingController {
public:
    virtual ~TrainingController() = default;

    // The Trainer's Qt face (state, snapshot, signals: progress, parked, ...).
    virtual TrainerAdapter* adapter() const = 0;
    virtual void togglePlay() = 0;
    virtual void pause() = 0;
    virtual void step() = 0;
    virtual void reset() = 0;
    // True while the trainer runs and was not asked to pause.
    virtual bool playing() const = 0;

    // No step under way and no task being built: trainingState() can be read.
    virtual bool trainingAtRest() const = 0;
    // Runs `then` once trainingAtRest() (at once if it is): on the trainer's
    // parked signal, never by polling. Call pause() first, or it waits for
    // the run to end.
    virtual void whenAtRest(std::function<void()> then) = 0;
    // The whole training state for a project file (a nested ChunkFile).
    // Empty when there is nothing to resume or a step is under way.
    virtual std::string trainingState() const = 0;
    // The same bytes as a job for a worker thread: call at rest; valid while
    // setSaving(true) keeps the trainer parked. Null when nothing to save.
    virtual std::function<std::string()> trainingStateJob() const = 0;
    // While a save reads the state on a worker, Play and Step are refused.
    virtual void setSaving(bool saving) = 0;
    // Gives the session the task's current weights (snapshots lag), so a
    // project's views and its training state agree. At rest only.
    virtual void publishCurrent() = 0;
    // File > Open: replaces this training by the opened one (stops and
    // drops the current task first). Ignores a hand-off without its parts.
    // Moves the parts it takes out of `opened` (the class-set state is
    // ~200 MB for the paper's set: never copied) and leaves the others.
    virtual void adopt(TrainingHandOff& opened) = 0;
    // True when the hand-off holds a training of this kind (adopt would replace it).
    virtual bool adopts(const TrainingHandOff& opened) const = 0;
};
