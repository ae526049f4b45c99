#pragma once
#include <QCoreApplication>
#include <QPointer>

#include <chrono>
#include <functional>

// Progress from a worker thread to a view, at most every `interval`: a call
// queued to the application object (which outlives every view) that runs
// `report` on the GUI thread only if the view still exists. For the
// ExperimentObservers of view jobs (docs/ui.md "Threads"). Worker thread:
// post(); the report runs on the GUI thread.
class QueuedReport {
public:
    using Report = std::function<void(int done, int total)>;
    QueuedReport(QPointer<QObject> target, Report report, std::chrono::milliseconds interval = std::chrono::milliseconds(100))
        : target_(std::move(target)), report_(std::move(report)), interval_(interval)
    {
    }
    // Posts unless the last post was less than `interval` ago (`force`: always).
    void post(int done, int total, bool force = false)
    {
        const auto now = std::chrono::steady_clock::now();
        if (!force && now - last_ < interval_)
            return;
        last_ = now;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [target = target_, report = report_, done, total] {
                if (target)
                    report(done, total);
            },
            Qt::QueuedConnection);
    }

private:
    QPointer<QObject> target_;
    Report report_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_{};
};
