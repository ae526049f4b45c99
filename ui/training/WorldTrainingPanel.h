#pragma once
#include <QWidget>

#include "training/AtRestWaiters.h"
#include "training/TrainingController.h"
#include "training/WorldTrainingForm.h"

#include "latentset/experiments/WorldSource.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/nn/Trainer.h"
#include "latentset/world/WorldTask.h"

#include <cstdint>
#include <functional>
#include <memory>

class JobRunner;
class PlotView;
class QLabel;
class QPushButton;
class Session;
class TrainerAdapter;
class TrainingStrip;
namespace latentset {
class WorldModel;
}

// The Training view's "Context world" mode (docs/ui.md "World training"):
// cross-trains one member per context of any world — rotation, scale x
// position, fonts, the cube, the user's paired folder — into a shared latent
// space with core's WorldTask, run by core's Trainer through a
// TrainerAdapter: the same task and calls as `latentset-cli world train`
// (no model math here). The world is built on a worker (WorldTaskBuilder;
// a fonts world's glyphs are drawn on the GUI thread first, Qt's rule).
// Play / pause / step / reset; live self and cross loss curves; every new
// snapshot goes to Session::setWorld, so the world views follow the training.
//
// Files: a trained world is a world model file ("WRLD", world/WorldModel:
// the spec, the members, the recipe, rounds, the noise variance), the file
// `latentset-cli world train --save` writes and `world estimate|oneshot
// --model` reads. "Save world…" writes one where the user says (atomically;
// never anywhere else: there is no autosave of world files); "Open world…"
// (and File > Open of a world model file) reads one on a worker, rebuilds
// its world from the spec, checks that the members fit, publishes it and
// makes it the task Play continues (its members, fresh optimiser state).
// A file that also holds the world's level-2 concept (`world concept
// --save`) gives the session that concept too (the world imaginer).
//
// The learning rate applies while running; the other settings shape the
// task: changing one while a task exists shows "Reset to apply".
// TrainingController: world trainings are kept in world model files, not in
// projects, so trainingState() is always empty. GUI thread only.
class WorldTrainingPanel : public QWidget, public TrainingController {
    Q_OBJECT
public:
    explicit WorldTrainingPanel(Session* session, QWidget* parent = nullptr);
    ~WorldTrainingPanel() override;

    // Trains on this source instead of building one from the form's world
    // (tests: a small synthetic world); `spec` is what a saved file says.
    void setSource(latentset::WorldSource source, latentset::WorldSpec spec);
    WorldTrainingForm* form() const { return form_; }
    TrainingStrip* strip() const { return strip_; }
    PlotView* lossPlot() const { return lossPlot_; }
    QPushButton* playButton() const;
    QPushButton* saveButton() const { return save_; }
    QLabel* banner() const { return banner_; }
    std::shared_ptr<latentset::WorldTask> task() const { return task_; }
    std::int64_t roundsDone() const;
    bool needsReset() const { return needsReset_; }

    // --- TrainingController ---------------------------------------------------
    TrainerAdapter* adapter() const override { return adapter_; }
    void togglePlay() override;
    void pause() override;
    void step() override;
    void reset() override;
    bool playing() const override;
    bool trainingAtRest() const override;
    void whenAtRest(std::function<void()> then) override { atRest_.add(std::move(then)); }
    std::string trainingState() const override { return {}; }
    std::function<std::string()> trainingStateJob() const override { return {}; }
    void setSaving(bool saving) override;
    void publishCurrent() override;
    void adopt(TrainingHandOff&) override {}
    bool adopts(const TrainingHandOff&) const override { return false; }

    // A Start page recipe: the kind's defaults (WorldSpec::named) and the
    // world recipe's training settings, reset, ready for Play.
    void applyRecipe(const QString& kind);
    // The user's paired folder: reads it on a worker (PairedFolderReader)
    // and says what it holds, or the reader's message naming the file at
    // fault; the form then trains on it.
    void useFolder(const QString& path);

    // --- world model files (WorldTrainingPanelFiles.cpp) ------------------------
    // True if `path` is a world model file (its first chunk is "WRLD"; reads 20 bytes).
    static bool isWorldModelFile(const QString& path);
    // Opens a world model on a worker (see above); `then(error)` on the GUI
    // thread when done (empty error: opened). Drops the current task.
    void openModel(const QString& path, std::function<void(const QString& error)> then = {});
    // Writes the current world (paused first; noise variance measured on a
    // worker) to `path`; `then(error)` when written.
    void saveModel(const QString& path, std::function<void(const QString& error)> then = {});
    // A world opened from a project (ui/project/ProjectFile, already in the
    // session): becomes the task Play continues (its members, fresh optimiser
    // state), the form shows its settings; the current task is dropped.
    // Call with the training parked. Publishes nothing.
    void adoptOpened(std::shared_ptr<const latentset::WorldModel> model, latentset::WorldSource source);

private:
    void buildLayout();
    void ensureTask(std::function<void()> then);
    void taskBuilt(const struct WorldTaskBuilder& built);
    void dropTask();
    void replotHistory();
    void onProgress(const latentset::TrainerProgress& p);
    void publishSnapshot();
    void showSnapshot(std::shared_ptr<const latentset::WorldSnapshot> snap);
    void updateButtons();
    void markChanged();
    void showBanner(const QString& text);
    void openedModel(std::shared_ptr<const latentset::WorldModel> model, latentset::WorldSource source,
                     const QString& path);

    Session* session_;
    TrainerAdapter* adapter_ = nullptr;
    JobRunner* builder_ = nullptr;
    JobRunner* files_ = nullptr;
    std::shared_ptr<latentset::WorldTask> task_;
    latentset::WorldSpec spec_;        // the task's world
    latentset::WorldSource source_;    // its training and held-out items
    latentset::WorldSource injected_;  // setSource
    latentset::WorldSpec injectedSpec_;
    std::shared_ptr<const latentset::WorldSnapshot> lastSnapshot_;
    // An opened world waiting for Play/Step (its source is built already).
    std::shared_ptr<const latentset::WorldModel> pendingModel_;
    latentset::WorldSource pendingSource_;
    latentset::MetricHistory history_;
    AtRestWaiters atRest_;
    WorldTrainingForm* form_ = nullptr;
    TrainingStrip* strip_ = nullptr;
    QLabel* banner_ = nullptr;
    PlotView* lossPlot_ = nullptr;
    QPushButton* open_ = nullptr;
    QPushButton* save_ = nullptr;
    bool needsReset_ = false;
    bool saving_ = false;
};
