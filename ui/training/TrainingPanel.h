#pragma once
#include <QJsonObject>
#include <QWidget>

#include "training/ClassSetTrainingPanel.h"

#include <functional>
#include <memory>
#include <string>

class ConceptTrainingPanel;
class CubeTrainingPanel;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class Session;
class TrainerAdapter;
class TrainingController;
class WorldTrainingPanel;

// View "training": three modes, one page each — "Class set"
// (ClassSetTrainingPanel: one member per class, the paper's classification
// workbench), "Cube world" (CubeTrainingPanel: one member per cube context,
// shared latent space) and "Level-2 concept" (ConceptTrainingPanel: core's
// ConceptExperiment on the session's cube world). The first two are
// TrainingControllers; the shell and the project code drive them through
// that interface (classSet(), cube(), current()), never by the task they train.
//
// The rest of this class is the class-set page's API under its old names,
// for the shell and the tests (adapter() is the class set's trainer). The
// play/pause/step/reset slots act on the mode shown, as Space, "." and
// Ctrl+R do.
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(Session* session, QWidget* parent = nullptr);
    ~TrainingPanel() override;

    // World: WorldTrainingPanel, any context world (not in controllers():
    // its trainings live in world model files, not in projects).
    enum class Mode { ClassSet, Cube, Concept, World };
    ClassSetTrainingPanel* classSet() const { return classSet_; }
    CubeTrainingPanel* cubePanel() const { return cube_; }
    ConceptTrainingPanel* conceptPanel() const { return concept_; }
    WorldTrainingPanel* worldPanel() const { return world_; }
    TrainingController* cube() const;
    // The controller of the mode shown (null in the concept mode: it has no
    // trainer to step; togglePlay() there starts or stops its training).
    TrainingController* current() const;
    void setMode(Mode mode);
    Mode mode() const;
    // Both, class set first (e.g. to pause everything for a save).
    std::vector<TrainingController*> controllers() const;
    void setCubeMode(bool cube);
    bool cubeMode() const;

    // --- the class-set page ---------------------------------------------------
    TrainerAdapter* adapter() const { return classSet_->adapter(); }
    QPushButton* playButton() const;
    QPushButton* stepButton() const;
    QPushButton* resetButton() const;
    PlotView* lossPlot() const { return classSet_->lossPlot(); }
    PlotView* accuracyPlot() const { return classSet_->accuracyPlot(); }
    QDoubleSpinBox* learningRateBox() const;
    QSpinBox* batchSizeBox() const;
    QLabel* banner() const { return classSet_->banner(); }
    QLabel* speedLabel() const; // samples/s, GFLOP/s, time trained
    QPushButton* rollbackButton() const { return classSet_->rollbackButton(); }
    std::shared_ptr<latentset::ClassSetTask> classTask() const { return classSet_->classTask(); }
    bool needsReset() const { return classSet_->needsReset(); }
    void setData(std::shared_ptr<const latentset::DatasetSplits> data) { classSet_->setData(std::move(data)); }
    const std::shared_ptr<const latentset::DatasetSplits>& data() const { return classSet_->data(); }
    // Fills the class-set controls and resets.
    void setSettings(const latentset::AutoencoderConfig& config, const latentset::ClassSetSettings& settings,
                     int epochs);
    // The paper's MNIST recipe (ClassSetFormValues' defaults), loading MNIST.
    void applyMnistRecipe();
    std::shared_ptr<const latentset::AutoencoderSet> currentSet() const { return classSet_->currentSet(); }
    QJsonObject projectSettings() const { return classSet_->projectSettings(); }
    // File > Open of a project with a class-set part (TrainingController::adopt).
    void applyProject(const QJsonObject& project, std::shared_ptr<const latentset::AutoencoderSet> set,
                      std::string trainingState = {});
    // A model file's set (TrainingController::adopt with only classSet), paused.
    void adoptSet(const latentset::AutoencoderSet& set);
    bool trainingAtRest() const { return classSet_->trainingAtRest(); }
    std::string trainingState() const { return classSet_->trainingState(); }
    std::function<std::string()> trainingStateJob() const { return classSet_->trainingStateJob(); }
    // Play/Step of both modes refused while a save reads the task states.
    void setSaving(bool saving);
    bool saving() const { return classSet_->saving(); }
    void publishCurrentSet() { classSet_->publishCurrent(); }

public slots:
    void togglePlay();
    void step();
    void reset();
    void loadDataset(const QString& idOrPath) { classSet_->loadDataset(idOrPath); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    Session* session_;
    QComboBox* mode_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    ClassSetTrainingPanel* classSet_ = nullptr;
    CubeTrainingPanel* cube_ = nullptr;
    ConceptTrainingPanel* concept_ = nullptr;
    WorldTrainingPanel* world_ = nullptr;
};
