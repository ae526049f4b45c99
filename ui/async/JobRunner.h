#pragma once
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

class QThread;
class QWidget;

// Runs a view's heavy work (evaluating 100 members, a one-shot test, a
// transfer grid) on one worker QThread, latest-wins: while a job runs, a new
// request replaces any request still waiting, so dragging a slider never
// queues up stale work and the view shows the newest input's result as soon
// as possible.
//
// A job runs on the worker and returns the continuation that applies its
// result; the continuation runs on the GUI thread (queued). Jobs must only
// read immutable data they captured (snapshots: std::shared_ptr<const T>).
// An exception from a job is caught and reported by failed(message).
//
// While work is pending the `busyWidget` (if any) carries the dynamic
// property "busy" = true: MainWindow::waitUntilIdle and tests wait on it.
class JobRunner : public QObject {
    Q_OBJECT
public:
    using Continuation = std::function<void()>;
    using Job = std::function<Continuation()>;

    explicit JobRunner(QWidget* busyWidget, QObject* parent = nullptr);
    // Cancels pending work, waits for the running job to return.
    ~JobRunner() override;

    // GUI thread only.
    void submit(Job job);
    bool busy() const { return running_ || static_cast<bool>(pending_); }
    // Results of jobs submitted before this call are dropped (e.g. the model
    // changed); the running job still finishes but its continuation is not run.
    void discardRunning() { ++generation_; }

signals:
    void failed(const QString& message);

private:
    void startNext();
    void setBusy(bool busy);

    QThread* thread_ = nullptr;
    QObject* worker_ = nullptr; // lives on thread_
    QPointer<QWidget> busyWidget_;
    Job pending_;
    bool running_ = false;
    std::shared_ptr<std::atomic<int>> alive_ = std::make_shared<std::atomic<int>>(1);
    int generation_ = 0;
    bool busyShown_ = false;
};
