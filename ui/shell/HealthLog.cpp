#include "shell/HealthLog.h"

#include "async/TrainerAdapter.h"

#include "latentset/util/ProcessStats.h"

#include <QCoreApplication>

#include <cmath>

HealthLog::HealthLog(QObject* parent) : QObject(parent)
{
    connect(&timer_, &QTimer::timeout, this, &HealthLog::writeLine);
}

QString HealthLog::header() { return "elapsed_s,rss_mb,peak_rss_mb,stall_ms,stall_cpu_ms,samples,training,busy,load1"; }

bool HealthLog::start(const QString& path, int intervalMs, QString* error)
{
    file_.setFileName(path);
    if (!file_.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        if (error)
            *error = tr("%1: cannot open for appending: %2").arg(path, file_.errorString());
        return false;
    }
    if (file_.size() == 0)
        file_.write((header() + '\n').toUtf8());
    clock_.start();
    probe_.start();
    timer_.start(std::max(100, intervalMs));
    // The last line says how the session ended: a log whose last line is
    // not near the end of the run means the app died.
    connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this, &HealthLog::writeLine);
    writeLine();
    return true;
}

void HealthLog::watchTrainer(TrainerAdapter* adapter)
{
    adapter_ = adapter;
    connect(adapter, &TrainerAdapter::progress, this, &HealthLog::onProgress);
}

void HealthLog::onProgress(const latentset::TrainerProgress& p)
{
    // A report covers the samples since the previous one at its rate; a new
    // trainer (Reset, Open) starts its clock at 0 again.
    const double since = p.elapsedSeconds >= lastElapsed_ ? p.elapsedSeconds - lastElapsed_ : p.elapsedSeconds;
    samples_ += p.samplesPerSecond * since;
    lastElapsed_ = p.elapsedSeconds;
}

void HealthLog::writeLine()
{
    if (!file_.isOpen())
        return;
    const EventLoopStallProbe::Interval stall = probe_.takeInterval();
    const char* state = adapter_ ? latentset::trainerStateName(adapter_->state()) : "none";
    const QString line = QString("%1,%2,%3,%4,%5,%6,%7,%8,%9\n")
                             .arg(double(clock_.elapsed()) / 1000.0, 0, 'f', 1)
                             .arg(latentset::ProcessStats::currentRssMb(), 0, 'f', 1)
                             .arg(latentset::ProcessStats::peakRssMb(), 0, 'f', 1)
                             .arg(stall.worstMs, 0, 'f', 1)
                             .arg(stall.worstCpuMs, 0, 'f', 1)
                             .arg(qint64(std::llround(samples_)))
                             .arg(QString::fromLatin1(state))
                             .arg(busy_ && busy_() ? 1 : 0)
                             .arg(EventLoopStallProbe::load(), 0, 'f', 2);
    file_.write(line.toUtf8());
    file_.flush();
}
