#pragma once
// Measures how long the GUI event loop was kept from running: a 2 ms timer
// whose longest gap between ticks is the worst stall. Two measures of a gap:
// wall time (includes the OS giving the CPU to other processes: on a
// shared, overloaded machine that alone can exceed 50 ms) and the GUI
// thread's own CPU time (the work our code did in that gap: what
// "blocking" means). The approach of TrainingPanel.test.cpp's stall test.
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace testmodels {

class StallProbe {
public:
    StallProbe()
    {
        probe_.setInterval(2);
        QObject::connect(&probe_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed(), cpu = threadCpu();
            if (last_ > 0) {
                worst_ = std::max(worst_, now - last_);
                worstCpu_ = std::max(worstCpu_, cpu - lastCpu_);
            }
            last_ = now;
            lastCpu_ = cpu;
            ++ticks_;
        });
    }
    void start()
    {
        clock_.start();
        probe_.start();
    }
    void stop() { probe_.stop(); }
    double worstMs() const { return worst_ / 1e6; }
    double worstCpuMs() const { return worstCpu_ / 1e6; }
    int ticks() const { return ticks_; }
    // The 1-minute load average, and whether it leaves a core free (then the
    // wall-clock bar is meaningful). A margin of one whole core: the average
    // lags, so a build or test starting next to us is not in it yet.
    static double load()
    {
        double l[1] = {0};
        getloadavg(l, 1);
        return l[0];
    }
    static bool machineQuiet() { return load() < QThread::idealThreadCount() - 1; }

private:
    static qint64 threadCpu()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    QTimer probe_;
    QElapsedTimer clock_;
    qint64 last_ = 0, worst_ = 0, lastCpu_ = 0, worstCpu_ = 0;
    int ticks_ = 0;
};

} // namespace testmodels
