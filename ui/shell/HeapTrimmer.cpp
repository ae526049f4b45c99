#include "shell/HeapTrimmer.h"

#include "async/JobRunner.h"

#include "latentset/util/ProcessStats.h"

HeapTrimmer::HeapTrimmer(QObject* parent, int intervalMs)
    : QObject(parent), runner_(new JobRunner(nullptr, this, JobRunner::Policy::LatestWins))
{
    timer_.setTimerType(Qt::CoarseTimer);
    timer_.setInterval(intervalMs);
    connect(&timer_, &QTimer::timeout, this, &HeapTrimmer::tick);
    timer_.start();
}

HeapTrimmer::~HeapTrimmer() = default;

void HeapTrimmer::tick()
{
    if (runner_->busy())
        return;
    runner_->submit([this]() -> JobRunner::Continuation {
        latentset::ProcessStats::releaseFreeHeap();
        return [this] { ++trims_; };
    });
}
