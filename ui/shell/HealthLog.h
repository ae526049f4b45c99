#pragma once
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>

#include <functional>

#include "async/EventLoopStallProbe.h"

class TrainerAdapter;
namespace latentset {
struct TrainerProgress;
}

// The app's record of its own health over a long session (`latentset
// --health-log FILE`, bench/soak.sh): every interval it appends one CSV line
//
//   elapsed_s,rss_mb,peak_rss_mb,stall_ms,stall_cpu_ms,samples,training,busy,load1
//
// elapsed since start; resident and peak resident memory (util/ProcessStats);
// the longest event-loop stall in the interval, wall and GUI-thread CPU
// (EventLoopStallProbe, 5 ms tick); class-set training samples done so far
// (summed from the trainer's progress reports); the trainer's state; whether
// the window is busy (a save or open on a worker); the 1-minute load average.
// Opt-in: without the option no HealthLog exists and nothing is measured.
//
// One short append per interval on the GUI thread (flushed, so a crash
// keeps every line written before it). GUI thread only.
class HealthLog : public QObject {
    Q_OBJECT
public:
    explicit HealthLog(QObject* parent = nullptr);

    // Opens `path` for appending (writes the header if the file is new) and
    // starts recording every `intervalMs`. False + *error if it cannot open.
    bool start(const QString& path, int intervalMs, QString* error = nullptr);
    // Counts the samples trained and reports the state of this trainer.
    void watchTrainer(TrainerAdapter* adapter);
    // Read at each line for the `busy` column.
    void setBusyProbe(std::function<bool()> busy) { busy_ = std::move(busy); }
    // Appends a line now (also done at each interval and when the app quits).
    void writeLine();

    static QString header();

private:
    void onProgress(const latentset::TrainerProgress& p);

    QFile file_;
    QTimer timer_;
    QElapsedTimer clock_;
    EventLoopStallProbe probe_{5};
    TrainerAdapter* adapter_ = nullptr;
    std::function<bool()> busy_;
    double samples_ = 0;
    double lastElapsed_ = 0; // the trainer's elapsedSeconds at the last report
};
