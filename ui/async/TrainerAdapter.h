#pragma once
#include <QObject>
#include <QString>

#include "latentset/nn/Trainer.h"

#include <memory>

// The Qt face of core's Trainer (nn/Trainer.h): it is the Trainer's
// observer, and turns the callbacks (made on the training thread) into
// queued signals delivered on the GUI thread. Control calls go straight to
// the Trainer, whose flags are atomics: pause/resume/step/cancel never block
// the GUI thread. Only reset() (destroying a running Trainer) waits for the
// current mini-batch to end.
//
// The training threads run at a slightly lower OS priority
// (TrainerSettings::niceness, trainingNiceness()): when the cores are full,
// the GUI thread wakes ahead of them, so the event loop stalls less behind
// training (it cannot help against other processes at equal priority).
//
// GUI thread only.
class TrainerAdapter : public QObject {
    Q_OBJECT
public:
    explicit TrainerAdapter(QObject* parent = nullptr);
    ~TrainerAdapter() override;

    // Builds a Trainer for `task` (paused: nothing runs until play()/step()).
    void setTask(std::shared_ptr<latentset::TrainingTask> task, latentset::TrainerSettings settings);
    bool hasTask() const { return static_cast<bool>(trainer_); }
    // Drops the Trainer (cancels and joins it).
    void reset();

    void play();
    void pause();
    void step();
    latentset::TrainerState state() const;
    // True from play() until pause(), step(), reset() or the end of the run:
    // what a Play/Pause button shows. A pause asked for is false at once,
    // although the mini-batch under way still ends first (then parked()
    // follows); a parked trainer is never "playing" unless play() was asked.
    bool playing() const;
    std::shared_ptr<const latentset::TaskSnapshot> snapshot() const;
    std::vector<latentset::EpochSummary> history() const;
    latentset::Trainer* trainer() const { return trainer_.get(); }
    // The nice increment given to training threads: 3, or the value of the
    // environment variable LATENTSET_TRAINING_NICE (0..19; 0 = off). 3, not
    // more: measured on a 2-core machine at load 10, nice 3 halved the
    // longest event-loop gap (median 130 -> 66 ms) at ~10 % of the training
    // speed, nice 10 did no better on the gap but trained 3x slower against
    // other processes (docs/ui.md).
    static int trainingNiceness();

signals:
    void progress(const latentset::TrainerProgress& progress);
    void epochFinished(const latentset::EpochSummary& summary);
    void finished(latentset::TrainerState state, const QString& message);
    // After any control call, when the trainer parks and at the end of a
    // run; the new state.
    void stateChanged(latentset::TrainerState state);
    // The training thread parked (paused, or the asked-for steps done): the
    // task is at rest and the newest snapshot published. Queued from
    // TrainerObserver::parked, so no one needs to poll for a pause.
    void parked();

private:
    class Observer;
    std::unique_ptr<Observer> observer_;
    std::unique_ptr<latentset::Trainer> trainer_;
    bool started_ = false;
    bool playing_ = false;
};
