#pragma once
#include <QWidget>

#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/Trainer.h"

#include <functional>
#include <memory>

class JobRunner;
class PlotView;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class Session;
class TrainerAdapter;

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
class CubeTrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit CubeTrainingPanel(Session* session, QWidget* parent = nullptr);
    ~CubeTrainingPanel() override;

    // Uses this dataset instead of building one from MNIST (tests); resets.
    void setDataset(std::shared_ptr<const latentset::CubeDataset> data);
    // Settings from the controls (learningRate: the control's current value).
    latentset::SharedLatentSettings settings() const;
    void setSettings(const latentset::SharedLatentSettings& settings, int contexts);

    TrainerAdapter* adapter() const { return adapter_; }
    // The task being trained (null before the first play/step).
    std::shared_ptr<latentset::SharedLatentTask> task() const { return task_; }
    QDoubleSpinBox* learningRateBox() const { return lr_; }
    QSpinBox* hiddenBox() const { return hidden_; }
    QPushButton* playButton() const { return play_; }
    PlotView* lossPlot() const { return lossPlot_; }
    bool needsReset() const { return needsReset_; }

public slots:
    void togglePlay();
    void step();
    void reset();

private:
    // Builds the task (and the dataset if needed), then runs `then`.
    void ensureTask(std::function<void()> then);
    void onProgress(const latentset::TrainerProgress& p);
    void publishSnapshot();
    void updateButtons();
    void markChanged();

    Session* session_;
    TrainerAdapter* adapter_ = nullptr;
    JobRunner* builder_ = nullptr;
    std::shared_ptr<const latentset::CubeDataset> data_;
    int dataContexts_ = 0; // contexts of data_ (0: none)
    bool injectedData_ = false;
    std::shared_ptr<latentset::SharedLatentTask> task_;
    std::shared_ptr<const latentset::TaskSnapshot> lastSnapshot_;

    QSpinBox* contexts_ = nullptr;
    QSpinBox* hidden_ = nullptr;
    QSpinBox* latent_ = nullptr;
    QSpinBox* cross_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* play_ = nullptr;
    QPushButton* step_ = nullptr;
    QPushButton* reset_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* banner_ = nullptr;
    PlotView* lossPlot_ = nullptr;
    bool needsReset_ = false;
    // The state last requested/reported (TrainerAdapter::stateChanged): a
    // pause is honoured after the running cycle, the buttons answer at once.
    latentset::TrainerState shownState_ = latentset::TrainerState::Idle;
    bool loadingControls_ = false;
};
