#include "async/EventLoopStallProbe.h"

#include <QThread>

#include <algorithm>
#include <cstdlib>
#include <ctime>

EventLoopStallProbe::EventLoopStallProbe(int intervalMs, QObject* parent) : QObject(parent)
{
    // Precise: a coarse timer may fire up to 5 % late on purpose, which
    // would read as a stall of its own.
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(std::max(1, intervalMs));
    connect(&timer_, &QTimer::timeout, this, &EventLoopStallProbe::tick);
}

void EventLoopStallProbe::start()
{
    clock_.start();
    last_ = 0;
    timer_.start();
}

void EventLoopStallProbe::stop() { timer_.stop(); }

void EventLoopStallProbe::tick()
{
    const qint64 now = clock_.nsecsElapsed(), cpu = threadCpuNs();
    if (last_ > 0) {
        const qint64 gap = now - last_, gapCpu = cpu - lastCpu_;
        worst_ = std::max(worst_, gap);
        worstCpu_ = std::max(worstCpu_, gapCpu);
        intervalWorst_ = std::max(intervalWorst_, gap);
        intervalWorstCpu_ = std::max(intervalWorstCpu_, gapCpu);
    }
    last_ = now;
    lastCpu_ = cpu;
    ++ticks_;
    ++intervalTicks_;
}

EventLoopStallProbe::Interval EventLoopStallProbe::takeInterval()
{
    // The gap still open (from the last tick to now) belongs to this
    // interval too: the caller runs on the same loop, so it is short unless
    // the loop was stuck right before the report.
    if (last_ > 0)
        intervalWorst_ = std::max(intervalWorst_, clock_.nsecsElapsed() - last_);
    Interval out{double(intervalWorst_) / 1e6, double(intervalWorstCpu_) / 1e6, intervalTicks_};
    intervalWorst_ = intervalWorstCpu_ = 0;
    intervalTicks_ = 0;
    return out;
}

double EventLoopStallProbe::load()
{
    double l[1] = {0};
    getloadavg(l, 1);
    return l[0];
}

bool EventLoopStallProbe::machineQuiet() { return load() < QThread::idealThreadCount() - 1; }

qint64 EventLoopStallProbe::threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
