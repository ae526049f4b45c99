#pragma once
#include <QWidget>

#include "latentset/experiments/StopToken.h"
#include "latentset/experiments/WorldConceptResult.h"
#include "latentset/experiments/WorldConceptSettings.h"

#include <memory>

class JobRunner;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class Session;
struct SessionWorld;

// The level-2 concept of the session's context world, trained in the app
// (docs/worlds.md "In the app"): core's WorldConceptExperiment — the one
// `latentset-cli world concept` runs, with the same settings (units, hidden,
// epochs; training inputs and starts too) — on a worker (JobRunner), with
// progress (mapping, then start and epoch) and Stop. A finished run gives the
// session its calibrated concept (Session::setWorldConcept); a stopped or
// failed run changes nothing (the concept before it stays), nor does a run
// whose world was replaced meanwhile (other contexts). "Open…" asks for a file
// that `world concept --save` wrote and emits openRequested (the window opens
// it like File > Open: world and concept together).
//
// The members are copied on the worker from the session's immutable
// snapshot, so the world may go on training while the concept learns; the
// likelihood's sigma^2 is the model file's, else measured on 50 training
// items as `world train` does. GUI thread only.
template <class Panel>
class LevelTwoObserver;

class WorldConceptPanel : public QWidget {
    Q_OBJECT
public:
    explicit WorldConceptPanel(Session* session, QWidget* parent = nullptr);
    // Stops a run under way; the runner waits for the worker to return.
    ~WorldConceptPanel() override;

    // The form's values over WorldConceptSettings{} (the CLI's defaults).
    latentset::WorldConceptSettings settings() const;
    void setSettings(const latentset::WorldConceptSettings& settings);
    bool running() const { return running_; }
    // The last finished run (worldConcept null before one finished or when stopped).
    const latentset::WorldConceptResult& result() const { return result_; }
    QPushButton* trainButton() const { return train_; }
    QPushButton* openButton() const { return open_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }
    QSpinBox* unitsBox() const { return units_; }
    QSpinBox* samplesBox() const { return samples_; }
    QSpinBox* epochsBox() const { return epochs_; }

public slots:
    // Starts a run on the session's world (refused without one), or stops the one under way.
    void toggleTraining();

signals:
    void progressed(int restart, int epoch, double loss);
    // A run ended (finished, stopped or failed); result() says which.
    void finished();
    void openRequested(const QString& path);

private:
    friend class LevelTwoObserver<WorldConceptPanel>;
    void onStage(const QString& stage);
    void onEpoch(int restart, int epoch, double loss);
    void onDone(const latentset::WorldConceptResult& result, const std::shared_ptr<const SessionWorld>& world);
    void updateButtons();
    // The status line for a concept this panel did not train (opened with a file).
    void describeSessionConcept();

    Session* session_;
    JobRunner* runner_ = nullptr;
    std::shared_ptr<latentset::StopSource> stop_;
    latentset::WorldConceptSettings base_; // fields without a control
    latentset::WorldConceptResult result_;
    std::shared_ptr<const latentset::WorldConcept> trained_; // the last concept this panel gave the session
    bool running_ = false;

    QSpinBox* units_ = nullptr;
    QSpinBox* hidden_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QSpinBox* restarts_ = nullptr;
    QPushButton* train_ = nullptr;
    QPushButton* open_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
};
