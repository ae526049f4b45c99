#pragma once
#include <QWidget>

#include "latentset/experiments/ConceptExperiment.h"

#include <memory>

class JobRunner;
class PlotView;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class Session;

// The Training view's "Level-2 concept" mode (the paper's §11, fig. 13-16):
// core's ConceptExperiment — the one latentset-cli concept train runs — on
// the session's cube world: cubes at random angles with one MNIST digit on
// every face give context-likelihood maps, an autoencoder with one sigmoid
// unit learns them. It runs on a worker (JobRunner) with live progress
// (stage, restart and epoch, the loss curve) and Stop; the trained concept
// goes to Session::setConceptModel, so the imaginer shows it, and the
// status line gives Spearman's rho between the unit and the angle on
// held-out cubes. Defaults: ConceptExperimentSettings{} (the CLI's).
template <class Panel>
class LevelTwoObserver;

class ConceptTrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConceptTrainingPanel(Session* session, QWidget* parent = nullptr);
    // Stops a training under way and waits for the worker to return.
    ~ConceptTrainingPanel() override;

    latentset::ConceptExperimentSettings settings() const;
    void setSettings(const latentset::ConceptExperimentSettings& settings);
    bool running() const { return running_; }
    // The last run's result (model null before one finished).
    const latentset::ConceptResult& result() const { return result_; }
    QPushButton* trainButton() const { return train_; }
    PlotView* lossPlot() const { return lossPlot_; }
    QLabel* statusLabel() const { return status_; }

public slots:
    // Starts a training on the session's cube world (refused without one),
    // or stops the one under way.
    void toggleTraining();

signals:
    // After each level-2 epoch (0-based start and epoch, its mean loss).
    void progressed(int restart, int epoch, double loss);
    void trained();

private:
    friend class LevelTwoObserver<ConceptTrainingPanel>;
    void onStage(const QString& stage);
    void onEpoch(int restart, int epoch, double loss);
    void onDone(const latentset::ConceptResult& result);
    void updateButtons();

    Session* session_;
    JobRunner* runner_ = nullptr;
    std::shared_ptr<latentset::StopSource> stop_;
    latentset::ConceptExperimentSettings base_; // fields without a control
    latentset::ConceptResult result_;
    bool running_ = false;
    int lastRestart_ = -1;

    QSpinBox* digit_ = nullptr;
    QSpinBox* cubes_ = nullptr;
    QSpinBox* heldOut_ = nullptr;
    QSpinBox* hidden_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* restarts_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* train_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    PlotView* lossPlot_ = nullptr;
};
