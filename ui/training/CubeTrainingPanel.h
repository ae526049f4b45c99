#pragma once
#include <QWidget>

#include "training/AtRestWaiters.h"
#include "training/CubeTrainingForm.h"
#include "training/TrainingController.h"

#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/nn/Trainer.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

class JobRunner;
class PlotView;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class Session;
class TrainerAdapter;
class TrainingStrip;
namespace latentset {
class CubeModel;
struct SharedLatentState;
} // namespace latentset

// The Training view's "Cube world" mode: cross-trains one member per cube
// context into a shared latent space with core's SharedLatentTask, run by
// core's Trainer through a TrainerAdapter — the same task and calls as
// `latentset-cli cube train` (no model math here). Glyphs: the MNIST
// training digits, painted on the cube by core's CubeDataset (built in a
// JobRunner). Play / pause / step / reset; live self and cross loss curves
// (BCE per mask pixel, x = rounds); every new CubeSnapshot goes to
// Session::setCubeWorld, so heatmap, gallery, pad and imaginer follow the
// training live.
//
// The learning rate applies while running (SharedLatentTask::setLearningRate,
// read at the start of each round). Contexts, hidden size, cross-per-self,
// batch and seed shape the task: changing one while a task exists shows
// "Reset to apply", never silently.
//
// Projects keep the whole training (trainingState(): core's
// SharedLatentTask::writeState — members with Adam moments and step counts,
// settings, rate in effect, rounds, contexts, glyph fingerprint — plus the
// loss curves as a MetricHistory). restoreState() shows a saved training at
// once (settings, curves, round count) and builds its task on the next
// Play/Step, which then continues bit for bit as if never interrupted
// (on the same glyphs: MNIST's training digits, or the injected dataset if
// it is the one the state was trained on; other glyphs resume weights and
// moments but draw other batches, and a banner says so).
//
// Settings in a CubeTrainingForm, play / step / reset in a TrainingStrip;
// a TrainingController like the class-set page.
class CubeTrainingPanel : public QWidget, public TrainingController {
    Q_OBJECT
public:
    explicit CubeTrainingPanel(Session* session, QWidget* parent = nullptr);
    ~CubeTrainingPanel() override;

    // Uses this dataset instead of building one from MNIST (tests); resets
    // (a restored state waiting for Play is dropped: inject first, then restore).
    void setDataset(std::shared_ptr<const latentset::CubeDataset> data);
    // Settings from the controls (learningRate: the control's current value).
    latentset::SharedLatentSettings settings() const;
    void setSettings(const latentset::SharedLatentSettings& settings, int contexts);

    // --- TrainingController -----------------------------------------------------
    TrainerAdapter* adapter() const override { return adapter_; }
    void togglePlay() override;
    void pause() override;
    void step() override;
    void reset() override;
    bool playing() const override;
    // trainingAtRest(), trainingState(), trainingStateJob(), setSaving(): below.
    void whenAtRest(std::function<void()> then) override;
    void publishCurrent() override { publishCurrentMembers(); }
    // cubeState: restoreState(cubeState); else cubeWorld: continueWorld().
    void adopt(TrainingHandOff& opened) override;
    bool adopts(const TrainingHandOff& opened) const override { return opened.cubeState || opened.cubeWorld; }

    // The task being trained (null before the first play/step).
    std::shared_ptr<latentset::SharedLatentTask> task() const { return task_; }
    CubeTrainingForm* form() const { return form_; }
    TrainingStrip* strip() const { return strip_; }
    QDoubleSpinBox* learningRateBox() const;
    QSpinBox* hiddenBox() const;
    QPushButton* playButton() const;
    PlotView* lossPlot() const { return lossPlot_; }
    bool needsReset() const { return needsReset_; }

    // --- project files (ui/ProjectFile, chunk "UICT") -----------------------
    // True when no round is under way and no task is being built, so
    // trainingState() can be read. GUI thread, never waits.
    bool trainingAtRest() const override;
    // The whole training state as a nested ChunkFile (see above). Empty when
    // there is nothing to resume (no task: e.g. a cube world that was only
    // opened) or a round is under way (pause, then ask again once
    // trainingAtRest()). A restored state not yet resumed is given back as
    // it was. GUI thread; holds the trainer parked while it serialises.
    std::string trainingState() const override;
    // The same bytes as a job for a worker thread (see TrainingPanel::
    // trainingStateJob): call at rest; valid while setSaving(true) keeps
    // the trainer parked. Null when there is nothing to save.
    std::function<std::string()> trainingStateJob() const override;
    // Refuses Play/Step while a save reads the state (TrainingPanel::setSaving).
    void setSaving(bool saving) override;
    // Shows a saved training (File > Open): stops and drops the current
    // task, fills the controls, the curves and the round count; the next
    // Play/Step builds the task from `state` and continues from there.
    void restoreState(std::shared_ptr<latentset::SharedLatentState> state);
    // An opened cube world without a training state (a project saved with
    // weights only, `latentset-cli cube train --save`): stops and drops the
    // current task (its snapshots would overwrite the world) and shows the
    // world's shape and rounds; the next Play/Step builds a task from its
    // members with fresh optimiser state, so training continues the world
    // the views show.
    void continueWorld(std::shared_ptr<const latentset::CubeModel> world);
    // If the session shows this panel's training (or no cube world), gives
    // it the task's current members (snapshots lag up to two seconds), so a
    // project's cube world and its training state agree. Only at rest.
    void publishCurrentMembers();
    // Rounds done by the task, or by the restored state waiting for Play.
    std::int64_t roundsDone() const;
    // The loss curves' data: rows (round, self, cross) as reported.
    const latentset::MetricHistory& lossHistory() const { return history_; }
    QLabel* statusLabel() const;

private:
    // Builds the task (and the dataset if needed), then runs `then`.
    void ensureTask(std::function<void()> then);
    // ensureTask for a restored state (pendingState_).
    void resumeTask(std::function<void()> then);
    void taskBuilt(const struct CubeTaskBuilder& built);
    // Stops and drops the task, clears the curves (reset() without the UI text).
    void dropTask();
    void replotHistory();
    void onProgress(const latentset::TrainerProgress& p);
    void publishSnapshot();
    void updateButtons();
    void markChanged();
    void onFinished(const QString& message);
    void showBanner(const QString& text);

    Session* session_;
    TrainerAdapter* adapter_ = nullptr;
    JobRunner* builder_ = nullptr;
    std::shared_ptr<const latentset::CubeDataset> data_;
    int dataContexts_ = 0; // contexts of data_ (0: none)
    bool injectedData_ = false;
    std::shared_ptr<latentset::SharedLatentTask> task_;
    std::shared_ptr<const latentset::CubeSnapshot> lastSnapshot_;
    // A restored training waiting for Play/Step (restoreState); the build
    // moves its members into the task, so it is only read while no build runs.
    std::shared_ptr<latentset::SharedLatentState> pendingState_;
    // An opened world waiting for Play/Step (continueWorld).
    std::shared_ptr<const latentset::CubeModel> pendingWorld_;
    latentset::MetricHistory history_; // the curves: (round, self, cross) per progress report

    AtRestWaiters atRest_;
    CubeTrainingForm* form_ = nullptr;
    TrainingStrip* strip_ = nullptr;
    QLabel* banner_ = nullptr;
    PlotView* lossPlot_ = nullptr;
    bool needsReset_ = false;
    bool saving_ = false; // setSaving: a worker reads the task state
};
