#pragma once
#include <QObject>
#include <QTimer>

class JobRunner;

// Every `intervalMs` (30 s by default) asks a worker to give the heap's free
// pages back to the system (latentset::ProcessStats::releaseFreeHeap). Without
// it a long session's resident memory grows by what glibc keeps in the arenas
// of the app's many threads after saves, opens and snapshots (docs/soak.md).
// The call runs off the GUI thread; a trim still running skips the next tick.
class HeapTrimmer : public QObject {
    Q_OBJECT
public:
    explicit HeapTrimmer(QObject* parent = nullptr, int intervalMs = 30000);
    ~HeapTrimmer() override;

    // Trims completed so far (for tests and the health log).
    int trims() const { return trims_; }

private:
    void tick();

    QTimer timer_;
    JobRunner* runner_;
    int trims_ = 0;
};
