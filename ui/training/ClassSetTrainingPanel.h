#pragma once
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QWidget>

#include "training/AtRestWaiters.h"
#include "training/ClassSetFormValues.h"
#include "training/TrainingController.h"

#include "latentset/data/DatasetSplits.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/Trainer.h"

#include <memory>
#include <string>

class ClassSetCurves;
class ClassSetForm;
class ClassSetValidation;
class JobRunner;
class MemberAloneBox;
class PlotView;
class QLabel;
class QPushButton;
class Session;
class TrainerAdapter;
class TrainingStrip;

// The Training view's "Class set" mode: a class set (one member per class,
// the paper's classification workbench) trained by core's Trainer +
// ClassSetTask through a TrainerAdapter. Settings in a ClassSetForm (a view
// of ClassSetFormValues), play / pause / step / reset in a TrainingStrip
// (Space, ".", Ctrl+R); progress with ETA, samples/s of running time and
// GFLOP/s; live curves (training loss per member, validation loss per
// member, validation accuracy; log scale and smoothing); input vs
// reconstruction thumbnails; a non-finite loss stops training (core's NaN
// guard) and the panel offers to roll back to the last good snapshot.
//
// The learning rate applies while running (ClassSetTask::setLearningRate,
// read before each mini-batch); the batch size too, from the next epoch
// boundary (ClassSetTask::setBatchSize); a note under the batch size says
// when a new one is waiting. The other settings are fixed for the life of a
// task: changing one while a task exists names it and asks for a Reset.
//
// Every new snapshot is published to the Session, so the other views follow
// training live. Validation runs in a JobRunner on the snapshot.
class ClassSetTrainingPanel : public QWidget, public TrainingController {
    Q_OBJECT
public:
    explicit ClassSetTrainingPanel(Session* session, QWidget* parent = nullptr);
    ~ClassSetTrainingPanel() override;

    // --- TrainingController ---------------------------------------------------
    TrainerAdapter* adapter() const override { return adapter_; }
    void togglePlay() override;
    void pause() override;
    void step() override;
    void reset() override;
    bool playing() const override;
    bool trainingAtRest() const override;
    void whenAtRest(std::function<void()> then) override;
    // A nested ChunkFile: nn/ModelFile "AECF" + "AESE" with optimiser state,
    // ClassSetTask "CSTK". The job holds the task, so a Reset meanwhile
    // cannot free it, and reads it without the trainer's lock (holding that
    // lock for a second would stall every GUI-thread trainingAtRest()): safe
    // only while setSaving(true) keeps the trainer parked.
    std::string trainingState() const override;
    std::function<std::string()> trainingStateJob() const override;
    void setSaving(bool saving) override;
    void publishCurrent() override;
    // With classSetProject (settings, dataset, curves; from an app project):
    // its settings, then its dataset loads and the task continues from
    // classSetState (moments, batch order, position) or else from classSet's
    // weights. Only classSet (a model file): a task on the current data with
    // the set's architecture and weights, paused. Either way the next Play
    // trains the opened set, not the one trained before.
    void adopt(TrainingHandOff& opened) override;
    bool adopts(const TrainingHandOff& opened) const override;

    // --- the class set's own ------------------------------------------------------
    TrainingStrip* strip() const { return strip_; }
    ClassSetForm* form() const { return form_; }
    PlotView* lossPlot() const;
    PlotView* accuracyPlot() const;
    QLabel* banner() const { return banner_; }
    QPushButton* rollbackButton() const { return rollback_; }
    // The task being trained (null before one is built).
    std::shared_ptr<latentset::ClassSetTask> classTask() const { return task_; }
    bool needsReset() const { return needsReset_; }
    bool saving() const { return saving_; }

    // Uses these splits instead of loading a known dataset (tests, image
    // folders). Validation must be non-empty for the validation curves.
    // `showSamples`: its test (else validation) split becomes the session's samples.
    void setData(std::shared_ptr<const latentset::DatasetSplits> data, bool showSamples = true);
    const std::shared_ptr<const latentset::DatasetSplits>& data() const { return data_; }
    void loadDataset(const QString& idOrPath);
    // Fills the controls (a recipe or a loaded project) and resets.
    void setValues(const ClassSetFormValues& values);
    ClassSetFormValues values() const;
    // Settings, dataset reference and curves for a project file.
    QJsonObject projectSettings() const;
    std::shared_ptr<const latentset::AutoencoderSet> currentSet() const { return lastGoodSet_; }
    // "Train one member alone" (MemberAloneBox): pauses this trainer, keeps
    // it parked while the member trains, publishes the set with the trained
    // member (memberTrained), leaves the set as it was on cancel.
    MemberAloneBox* memberAlone() const { return memberBox_; }
    // Asks the box to train its chosen member (what its button does).
    void trainMemberAlone();

signals:
    void setPublished();
    // A member trained alone was installed into the task's set and published.
    void memberTrained();

private:
    void wire();
    void wireMemberAlone();
    // setData without dropping a load in flight (a load's own result).
    void applyData(std::shared_ptr<const latentset::DatasetSplits> data, bool showSamples);
    void adoptProject(const QJsonObject& project, std::shared_ptr<const latentset::AutoencoderSet> set,
                      std::string trainingState);
    void adoptSet(const latentset::AutoencoderSet& set);
    void buildTask(std::shared_ptr<const latentset::AutoencoderSet> start,
                   std::shared_ptr<std::string> resumeState = nullptr);
    void taskBuilt(const struct ClassSetTaskBuilder& built);
    void markChangedSetting(const QString& what);
    void updateBatchNote();
    void onProgress(const latentset::TrainerProgress& p);
    void onFinished(latentset::TrainerState state, const QString& message);
    void onParked();
    void updateButtons();
    void pollSnapshot();
    void publish(std::shared_ptr<const latentset::AutoencoderSet> set);
    void validate(std::shared_ptr<const latentset::AutoencoderSet> set, double x);
    void rollback();
    void showBanner(const QString& text);

    Session* session_;
    TrainerAdapter* adapter_ = nullptr;
    JobRunner* loader_ = nullptr;
    JobRunner* validator_ = nullptr;
    JobRunner* builder_ = nullptr;
    std::shared_ptr<const latentset::DatasetSplits> data_;
    std::shared_ptr<latentset::ClassSetTask> task_; // the adapter's task, kept typed
    std::shared_ptr<const latentset::TaskSnapshot> lastSnapshot_;
    std::shared_ptr<const latentset::AutoencoderSet> lastGoodSet_;
    std::shared_ptr<const latentset::AutoencoderSet> pendingStart_;
    // A saved state waiting for its dataset; the build moves it into the task.
    std::shared_ptr<std::string> pendingState_;
    double resumedFraction_ = 0; // of the run, where the task started (for the ETA)
    QString datasetId_;
    QJsonObject pendingCurves_;
    QSet<QString> changedSettings_; // named in the "press Reset" banner
    AtRestWaiters atRest_;

    ClassSetForm* form_ = nullptr;
    TrainingStrip* strip_ = nullptr;
    QLabel* banner_ = nullptr;
    QPushButton* rollback_ = nullptr;
    ClassSetCurves* curves_ = nullptr;
    MemberAloneBox* memberBox_ = nullptr;
    QElapsedTimer validationClock_;
    bool needsReset_ = false;
    bool playWhenBuilt_ = false; // Play pressed before the task existed
    bool saving_ = false;        // setSaving: a worker reads the task state
};
