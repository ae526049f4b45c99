#pragma once
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>

class QThreadPool;
class QWidget;

// The one mechanism for background work in the app: every view evaluation,
// dataset read, task build and project save/open is a JobRunner job.
//
// A JobRunner is a queue of jobs run one at a time, in submission order, on
// the app's shared worker pool (workerPool(): a few threads for the whole
// app, not a thread per runner). Two policies:
// * LatestWins (views): while a job runs, a new request replaces any request
//   still waiting, so dragging a slider never queues up stale work and the
//   view shows the newest input's result as soon as possible;
// * EveryJob (saves): every job runs, none is dropped.
//
// A job runs on a worker and returns the continuation that applies its
// result; the continuation runs on the GUI thread (queued). Jobs must only
// read immutable data they captured (snapshots: std::shared_ptr<const T>).
// An exception from a job is caught and reported by failed(message).
//
// While work is pending the `busyWidget` (if any) carries the dynamic
// property "busy" = true: MainWindow::waitUntilIdle and tests wait on it.
// busyChanged(bool) says the same to whoever listens.
//
// GUI thread only (submit, discardRunning, the destructor).
class JobRunner : public QObject {
    Q_OBJECT
public:
    using Continuation = std::function<void()>;
    using Job = std::function<Continuation()>;
    enum class Policy { LatestWins, EveryJob };

    explicit JobRunner(QWidget* busyWidget, QObject* parent = nullptr, Policy policy = Policy::LatestWins);
    // Drops waiting jobs and waits for the running one to return (its
    // continuation is not run).
    ~JobRunner() override;

    void submit(Job job);
    bool busy() const { return running_ || !pending_.empty(); }
    // Results of jobs submitted before this call are dropped (e.g. the model
    // changed); the running job still finishes but its continuation is not run.
    void discardRunning() { ++generation_; }

    // The app's worker threads: at least 4 (a save, an open and two view
    // evaluations at once, as the separate threads allowed before), at most
    // the core count if that is more. Idle threads expire after 30 s.
    static QThreadPool& workerPool();

signals:
    void failed(const QString& message);
    void busyChanged(bool busy);

private:
    struct Running; // what the destructor waits for
    void startNext();
    void setBusy(bool busy);

    QPointer<QWidget> busyWidget_;
    Policy policy_;
    std::deque<Job> pending_;
    bool running_ = false;
    std::shared_ptr<Running> current_;
    int generation_ = 0;
    bool busyShown_ = false;
};
