#pragma once
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QWidget>

#include "latentset/data/DatasetSplits.h"
#include "latentset/nn/AutoencoderConfig.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/Trainer.h"

#include <functional>
#include <memory>
#include <string>

class CubeTrainingPanel;
class JobRunner;
class PlotView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class Session;
class TrainerAdapter;

// View "training", mode "Class set": a class set (one member per class, the paper's
// classification workbench) trained by core's Trainer + ClassSetTask through
// a TrainerAdapter. Dataset and validation split, architecture, optimiser;
// play / pause / step / reset (Space, ".", Ctrl+R); progress with ETA,
// samples/s and GFLOP/s; live curves (training loss per member, validation
// loss per member, validation accuracy; log scale and smoothing); input vs
// reconstruction thumbnails; a non-finite loss stops training (core's NaN
// guard) and the panel offers to roll back to the last good snapshot.
//
// The learning rate applies while running (ClassSetTask::setLearningRate,
// read before each mini-batch); the batch size too, from the next epoch
// boundary (ClassSetTask::setBatchSize: an epoch stays one pass of one batch
// size, so the schedule and the curves' epoch axis stay right); a note under
// the optimiser says when a new batch size is waiting. The other settings
// (architecture, optimiser kind, noise, seed, epochs, split) are fixed for
// the life of a task: changing one while a task exists names it and asks for
// a Reset, never silently.
//
// Project files keep the full training state (trainingState(): weights with
// Adam moments and step counts, batch order, noise RNG, epoch/batch
// position), so Open + Play continues exactly where Save stopped.
// Every new snapshot is published to the Session, so the other views follow
// training live. Validation runs in a JobRunner on the snapshot.
// Mode "Cube world" shows a CubeTrainingPanel (the cube's SharedLatentTask);
// Space / "." / Ctrl+R act on the mode shown.
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(Session* session, QWidget* parent = nullptr);
    ~TrainingPanel() override;

    TrainerAdapter* adapter() const { return adapter_; }
    QPushButton* playButton() const { return play_; }
    QPushButton* stepButton() const { return step_; }
    QPushButton* resetButton() const { return reset_; }
    PlotView* lossPlot() const { return lossPlot_; }
    QDoubleSpinBox* learningRateBox() const { return lr_; }
    QSpinBox* batchSizeBox() const { return batch_; }
    QLabel* banner() const { return banner_; }
    // The speed line under the progress bar (samples/s, GFLOP/s, elapsed).
    QLabel* speedLabel() const { return speed_; }
    QPushButton* rollbackButton() const { return rollback_; }
    // The class-set task being trained (null before one is built).
    std::shared_ptr<latentset::ClassSetTask> classTask() const;
    PlotView* accuracyPlot() const { return accuracyPlot_; }
    bool needsReset() const { return needsReset_; }
    // The "Cube world" mode's page (SharedLatentTask training).
    CubeTrainingPanel* cubePanel() const { return cube_; }
    void setCubeMode(bool cube);
    bool cubeMode() const;

    // Uses these splits instead of loading a known dataset (tests, image
    // folders). Validation must be non-empty for the validation curves.
    void setData(std::shared_ptr<const latentset::DatasetSplits> data);
    // Fills the controls (a recipe or a loaded project) and resets.
    void setSettings(const latentset::AutoencoderConfig& config, const latentset::ClassSetSettings& settings,
                     int epochs);
    latentset::AutoencoderConfig config() const;
    latentset::ClassSetSettings classSetSettings() const;
    int epochs() const;
    // The paper's MNIST recipe: MNIST, Table 1's architecture, Adam.
    void applyMnistRecipe();
    // The current trainer's snapshot set (null before the first).
    std::shared_ptr<const latentset::AutoencoderSet> currentSet() const;
    const std::shared_ptr<const latentset::DatasetSplits>& data() const { return data_; }
    // Replace the model by a saved one (File > Open), paused.
    void adoptSet(const latentset::AutoencoderSet& set);
    // Settings, dataset reference and curves for a project file, and back.
    // applyProject loads the dataset and continues from `set` (may be null).
    QJsonObject projectSettings() const;
    // `trainingState` (from trainingState(), may be empty): the task resumes
    // from it — optimiser moments, batch order, position — when the dataset
    // matches; else training continues from `set`'s weights.
    void applyProject(const QJsonObject& project, std::shared_ptr<const latentset::AutoencoderSet> set,
                      std::string trainingState = {});
    // True when no mini-batch is under way (no task, paused, ended).
    bool trainingAtRest() const;
    // The class-set task's full state for a project file: a nested ChunkFile
    // (nn/ModelFile "AECF" + "AESE" with optimiser state, ClassSetTask
    // "CSTK"). Empty when there is no task or a mini-batch is under way
    // (pause, then ask again once trainingAtRest()). GUI thread.
    std::string trainingState() const;
    // The same bytes as trainingState(), as a job for a worker thread
    // (MainWindow's save): serialising a paper-size set takes ~1 s, too long
    // for the GUI thread. Call at rest (null function otherwise, or without a
    // class-set task). The job holds the task, so a Reset meanwhile cannot
    // free it, and reads it without the trainer's lock (holding that lock
    // for a second would stall every GUI-thread trainingAtRest()); that is
    // safe only while the trainer stays parked: keep setSaving(true) until
    // the job has returned.
    std::function<std::string()> trainingStateJob() const;
    // While a save reads the task states on a worker, Play and Step (of both
    // panels: this one and the cube panel) are refused — buttons disabled,
    // shortcuts ignored — so no trainer can mutate a task being read.
    // Refused rather than queued: the save restarts what was running by
    // itself when it is done, and a silently remembered click that fires
    // seconds later would surprise more than a briefly disabled button.
    void setSaving(bool saving);
    bool saving() const { return saving_; }
    // If the session shows this panel's model, replaces it by the task's
    // current weights (snapshots lag up to a second or an epoch), so a
    // project's views and its training state agree. Only at rest.
    void publishCurrentSet();

public slots:
    void togglePlay();
    void step();
    void reset();
    void loadDataset(const QString& idOrPath);

signals:
    void setPublished();

private:
    void buildTask(std::shared_ptr<const latentset::AutoencoderSet> start,
                   std::shared_ptr<const std::string> resumeState = nullptr);
    void markChangedSetting(const QString& what);
    void updateBatchNote();
    void pollWhenAtRest();
    void onProgress(const latentset::TrainerProgress& p);
    void onEpoch(const latentset::EpochSummary& s);
    void onFinished(latentset::TrainerState state, const QString& message);
    void updateButtons();
    void pollSnapshot();
    void validate(std::shared_ptr<const latentset::AutoencoderSet> set, double x);
    void setupPlots(int members);
    void rollback();
    std::size_t lastProgressBatches() const;
    void restoreCurves();

    Session* session_;
    TrainerAdapter* adapter_ = nullptr;
    JobRunner* loader_ = nullptr;
    JobRunner* validator_ = nullptr;
    JobRunner* builder_ = nullptr;
    std::shared_ptr<const latentset::DatasetSplits> data_;
    std::shared_ptr<const latentset::TaskSnapshot> lastSnapshot_;
    std::shared_ptr<const latentset::AutoencoderSet> lastGoodSet_;
    std::shared_ptr<const latentset::AutoencoderSet> pendingStart_;
    std::shared_ptr<const std::string> pendingState_;
    double resumedFraction_ = 0; // of the run, where the task started (for the ETA)
    // Samples trained since the trainer started (integrated from progress
    // reports) and the elapsed time of the last report: the speed line's
    // run average, comparable with latentset-cli's samples/s.
    double runSamples_ = 0;
    double lastReportElapsed_ = 0;
    QString datasetId_;
    QJsonArray pendingCurves_;
    QSet<QString> changedSettings_; // named in the "press Reset" banner

    QComboBox* mode_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    CubeTrainingPanel* cube_ = nullptr;
    QComboBox* dataset_ = nullptr;
    QSpinBox* validation_ = nullptr;
    QLineEdit* hidden_ = nullptr;
    QSpinBox* latent_ = nullptr;
    QCheckBox* tied_ = nullptr;
    QComboBox* activation_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QLabel* batchNote_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QDoubleSpinBox* noise_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* play_ = nullptr;
    QPushButton* step_ = nullptr;
    QPushButton* reset_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* speed_ = nullptr;
    QLabel* banner_ = nullptr;
    QPushButton* rollback_ = nullptr;
    QCheckBox* logScale_ = nullptr;
    QSlider* smoothing_ = nullptr;
    PlotView* lossPlot_ = nullptr;
    PlotView* accuracyPlot_ = nullptr;
    QGridLayout* thumbs_ = nullptr;
    QElapsedTimer validationClock_;
    QTimer* restPoll_ = nullptr;
    bool needsReset_ = false;
    bool playWhenBuilt_ = false; // Play pressed before the task existed
    bool saving_ = false;        // setSaving: a worker reads the task state
    bool loadingControls_ = false;
    int members_ = 0;
};
