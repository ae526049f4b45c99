#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Measures how long the GUI event loop was kept from running: a short
// periodic timer whose longest gap between ticks is the worst stall. Two
// measures of a gap: wall time (includes the OS giving the CPU to other
// processes: on a shared, overloaded machine that alone can exceed 50 ms)
// and the GUI thread's own CPU time (the work our code did in that gap:
// what "blocking" means).
//
// Used by the stall tests (tests/ui/StallProbe.h) and by the app's opt-in
// health log (HealthLog, `latentset --health-log`). Nothing runs until
// start(): an app that never creates one pays nothing. Create, start and
// read it on the thread whose event loop it measures (the GUI thread).
class EventLoopStallProbe : public QObject {
    Q_OBJECT
public:
    // intervalMs: the tick; a gap shorter than it is invisible. 2 ms for
    // tests that assert < 50 ms; the health log ticks less often.
    explicit EventLoopStallProbe(int intervalMs = 2, QObject* parent = nullptr);

    void start();
    void stop();

    // Since start(): the longest gap (wall, GUI-thread CPU) and tick count.
    double worstMs() const { return double(worst_) / 1e6; }
    double worstCpuMs() const { return double(worstCpu_) / 1e6; }
    int ticks() const { return ticks_; }
    // Since the previous takeInterval() (or start()): the longest gap, wall
    // and CPU, then begins a new interval. For periodic reports.
    struct Interval {
        double worstMs = 0;
        double worstCpuMs = 0;
        int ticks = 0;
    };
    Interval takeInterval();

    // The 1-minute load average, and whether it leaves a core free (then a
    // wall-clock bar is meaningful). A margin of one whole core: the average
    // lags, so a build or test starting next to us is not in it yet.
    static double load();
    static bool machineQuiet();

private:
    void tick();
    static qint64 threadCpuNs();

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0, lastCpu_ = 0;
    qint64 worst_ = 0, worstCpu_ = 0;
    qint64 intervalWorst_ = 0, intervalWorstCpu_ = 0;
    int ticks_ = 0, intervalTicks_ = 0;
};
