#include "async/JobRunner.h"

#include <QMetaObject>
#include <QThread>
#include <QThreadPool>
#include <QWidget>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>

// One job on a pool thread. `owner` is cleared by the runner's destructor,
// which then waits for `done`, so the job never posts to a dead runner.
struct JobRunner::Running {
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    JobRunner* owner = nullptr;
};

JobRunner::JobRunner(QWidget* busyWidget, QObject* parent, Policy policy)
    : QObject(parent), busyWidget_(busyWidget), policy_(policy)
{
}

JobRunner::~JobRunner()
{
    pending_.clear();
    if (const auto running = current_) {
        std::unique_lock lock(running->mutex);
        running->owner = nullptr;
        running->finished.wait(lock, [&] { return running->done; });
    }
    // No busy update here: the busy widget is usually the parent being destroyed.
}

QThreadPool& JobRunner::workerPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // lives as long as the process: jobs may run at exit
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        p->setExpiryTimeout(30000);
        p->setObjectName("LatentSet workers");
        return p;
    }();
    return *pool;
}

void JobRunner::submit(Job job)
{
    if (policy_ == Policy::LatestWins)
        pending_.clear();
    pending_.push_back(std::move(job));
    setBusy(true);
    if (!running_)
        startNext();
}

void JobRunner::startNext()
{
    if (pending_.empty()) {
        running_ = false;
        current_.reset();
        setBusy(false);
        return;
    }
    running_ = true;
    Job job = std::move(pending_.front());
    pending_.pop_front();
    const int generation = generation_;
    auto running = std::make_shared<Running>();
    running->owner = this;
    current_ = running;
    workerPool().start([job = std::move(job), generation, running] {
        Continuation done;
        QString error;
        try {
            done = job();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        std::lock_guard lock(running->mutex);
        if (JobRunner* owner = running->owner) {
            // Queued to the runner: it cannot be destroyed before this is
            // posted (its destructor waits on `mutex`), and a posted event
            // dies with its receiver.
            QMetaObject::invokeMethod(owner, [owner, done = std::move(done), error, generation] {
                if (generation == owner->generation_) {
                    if (!error.isEmpty())
                        emit owner->failed(error);
                    else if (done)
                        done();
                }
                owner->startNext();
            }, Qt::QueuedConnection);
        }
        // The job's captures (snapshots, tasks) go here, on the worker.
        done = nullptr;
        running->done = true;
        running->finished.notify_all();
    });
}

void JobRunner::setBusy(bool busy)
{
    if (busy == busyShown_)
        return;
    busyShown_ = busy;
    emit busyChanged(busy);
    // Several runners may serve one view: the view is busy while any is.
    if (!busyWidget_)
        return;
    const int count = busyWidget_->property("busyRunners").toInt() + (busy ? 1 : -1);
    busyWidget_->setProperty("busyRunners", count);
    busyWidget_->setProperty("busy", count > 0);
}
