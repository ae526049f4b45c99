#include "async/JobRunner.h"

#include <QMetaObject>
#include <QThread>
#include <QWidget>

#include <exception>

JobRunner::JobRunner(QWidget* busyWidget, QObject* parent) : QObject(parent), busyWidget_(busyWidget)
{
    thread_ = new QThread(this);
    thread_->setObjectName("LatentSet view worker");
    worker_ = new QObject;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_->start(QThread::LowPriority);
}

JobRunner::~JobRunner()
{
    pending_ = nullptr;
    alive_->store(0);
    thread_->quit();
    thread_->wait();
}

void JobRunner::submit(Job job)
{
    pending_ = std::move(job);
    setBusy(true);
    if (!running_)
        startNext();
}

void JobRunner::startNext()
{
    if (!pending_) {
        running_ = false;
        setBusy(false);
        return;
    }
    running_ = true;
    Job job = std::move(pending_);
    pending_ = nullptr;
    const int generation = generation_;
    auto alive = alive_;
    // Runs on the worker thread; the result comes back queued to this object.
    QMetaObject::invokeMethod(worker_, [this, job = std::move(job), generation, alive] {
        Continuation done;
        QString error;
        try {
            done = job();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        if (!alive->load())
            return;
        QMetaObject::invokeMethod(this, [this, done = std::move(done), error, generation] {
            if (generation == generation_) {
                if (!error.isEmpty())
                    emit failed(error);
                else if (done)
                    done();
            }
            startNext();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void JobRunner::setBusy(bool busy)
{
    // Several runners may serve one view: the view is busy while any is.
    if (busy == busyShown_ || !busyWidget_)
        return;
    busyShown_ = busy;
    const int count = busyWidget_->property("busyRunners").toInt() + (busy ? 1 : -1);
    busyWidget_->setProperty("busyRunners", count);
    busyWidget_->setProperty("busy", count > 0);
}
