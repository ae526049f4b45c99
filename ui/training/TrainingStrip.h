#pragma once
#include <QWidget>

#include "latentset/nn/Trainer.h"

class QLabel;
class QProgressBar;
class QPushButton;

// The play / step / reset strip of both training modes (class set, cube
// world), written once: the three buttons, a progress bar, a status line
// and a speed line.
//
// * The Play/Pause button's label follows the trainer (setState): "Pause"
//   only while the trainer runs and was asked to go on (TrainerAdapter::
//   playing), "Play" when it is parked — after Step, after Pause — or idle.
// * Keys: Space toggles Play/Pause and "." steps anywhere in the window
//   while this strip is shown (on a slider, the view tabs, empty space, a
//   focused button), except where the key is typed into text. Space never
//   activates a focused Step or Reset button: the strip takes the key before
//   the button sees it (an application event filter, because a QShortcut
//   loses Space to a focused button and does not fire outside its widget).
// * Geometry: the status and speed lines word-wrap (never clipped) and keep
//   their space while empty, and the strip sits above anything that can
//   appear later, so text changing never moves the buttons.
class TrainingStrip : public QWidget {
    Q_OBJECT
public:
    explicit TrainingStrip(const QString& stepWhat, QWidget* parent = nullptr);
    ~TrainingStrip() override;

    QPushButton* playButton() const { return play_; }
    QPushButton* stepButton() const { return step_; }
    QPushButton* resetButton() const { return reset_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }
    QLabel* speedLabel() const { return speed_; }

    // `playing`: TrainerAdapter::playing(). `canRun`: Play and Step enabled.
    void setState(bool playing, bool canRun, bool canReset);
    // Progress 0..1 (negative: no bar, e.g. a cube world that runs until paused).
    void setProgress(double fraction);
    void setStatus(const QString& text);
    void setSpeed(const QString& text);
    // Progress bar and status line ("epoch 3/20 · batch 12/94 · ETA 4.2 min")
    // of a run of p.epochs epochs that began at `startFraction` of it (a
    // resumed run: its ETA is from the part trained since).
    void showEpochProgress(const latentset::TrainerProgress& p, double startFraction);
    // The speed line from a progress report: the report's samples/s, the
    // run's average (samples trained / seconds trained since the trainer
    // started; core's reports leave parked time out, so a pause does not
    // dilute it), GFLOP/s and `extra` (e.g. the learning rate).
    void showRate(const latentset::TrainerProgress& p, const QString& extra = {});

signals:
    void playToggled();
    void stepRequested();
    void resetRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPushButton* play_ = nullptr;
    QPushButton* step_ = nullptr;
    QPushButton* reset_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* speed_ = nullptr;
    double runSamples_ = 0;
    double lastReportElapsed_ = 0;
};
