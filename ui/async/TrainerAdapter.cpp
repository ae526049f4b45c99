#include "async/TrainerAdapter.h"

#include <QMetaObject>
#include <QtGlobal>

#include <algorithm>
#include <QPointer>

// Runs on the training thread: copies the report and queues it to the
// adapter. QPointer guards against the adapter being gone.
class TrainerAdapter::Observer : public latentset::TrainerObserver {
public:
    explicit Observer(TrainerAdapter* adapter) : adapter_(adapter) {}
    void progress(const latentset::TrainerProgress& p) override
    {
        QPointer<TrainerAdapter> a = adapter_;
        QMetaObject::invokeMethod(adapter_, [a, p] { if (a) emit a->progress(p); }, Qt::QueuedConnection);
    }
    void epochFinished(const latentset::EpochSummary& s) override
    {
        QPointer<TrainerAdapter> a = adapter_;
        QMetaObject::invokeMethod(adapter_, [a, s] { if (a) emit a->epochFinished(s); }, Qt::QueuedConnection);
    }
    void finished(latentset::TrainerState state, const std::string& message) override
    {
        QPointer<TrainerAdapter> a = adapter_;
        const QString text = QString::fromStdString(message);
        QMetaObject::invokeMethod(adapter_, [a, state, text] {
            if (!a)
                return;
            emit a->finished(state, text);
            emit a->stateChanged(state);
        }, Qt::QueuedConnection);
    }

    void parked() override
    {
        QPointer<TrainerAdapter> a = adapter_;
        QMetaObject::invokeMethod(adapter_, [a] {
            if (!a)
                return;
            emit a->parked();
            emit a->stateChanged(a->state());
        }, Qt::QueuedConnection);
    }

private:
    TrainerAdapter* adapter_;
};

TrainerAdapter::TrainerAdapter(QObject* parent) : QObject(parent), observer_(std::make_unique<Observer>(this))
{
    qRegisterMetaType<latentset::TrainerProgress>();
    qRegisterMetaType<latentset::EpochSummary>();
    qRegisterMetaType<latentset::TrainerState>();
}

TrainerAdapter::~TrainerAdapter()
{
    // The Trainer must go before the observer it calls.
    trainer_.reset();
}

int TrainerAdapter::trainingNiceness()
{
    // LATENTSET_TRAINING_NICE=0 turns it off (to measure the difference).
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("LATENTSET_TRAINING_NICE", &ok);
    return ok ? std::clamp(fromEnv, 0, 19) : 3;
}

void TrainerAdapter::setTask(std::shared_ptr<latentset::TrainingTask> task, latentset::TrainerSettings settings)
{
    trainer_.reset();
    settings.startPaused = true;
    if (settings.niceness == 0)
        settings.niceness = trainingNiceness();
    trainer_ = std::make_unique<latentset::Trainer>(std::move(task), settings, observer_.get());
    started_ = false;
    playing_ = false;
    emit stateChanged(state());
}

void TrainerAdapter::reset()
{
    trainer_.reset();
    started_ = false;
    playing_ = false;
    emit stateChanged(latentset::TrainerState::Idle);
}

void TrainerAdapter::play()
{
    if (!trainer_)
        return;
    if (!started_) {
        trainer_->start();
        started_ = true;
    }
    trainer_->resume();
    playing_ = true;
    emit stateChanged(latentset::TrainerState::Running);
}

void TrainerAdapter::pause()
{
    if (!trainer_)
        return;
    trainer_->pause();
    playing_ = false;
    emit stateChanged(state());
}

void TrainerAdapter::step()
{
    if (!trainer_)
        return;
    if (!started_) {
        trainer_->start(); // starts paused (setTask sets startPaused)
        started_ = true;
    }
    trainer_->pause();
    trainer_->stepOnce();
    playing_ = false;
    emit stateChanged(state());
}

bool TrainerAdapter::playing() const
{
    // Between resume() and the training thread waking up the trainer still
    // reads Paused: the request decides, until the run ends.
    const latentset::TrainerState s = state();
    return playing_ && (s == latentset::TrainerState::Running || s == latentset::TrainerState::Paused);
}

latentset::TrainerState TrainerAdapter::state() const
{
    return trainer_ ? trainer_->state() : latentset::TrainerState::Idle;
}

std::shared_ptr<const latentset::TaskSnapshot> TrainerAdapter::snapshot() const
{
    return trainer_ ? trainer_->snapshot() : nullptr;
}

std::vector<latentset::EpochSummary> TrainerAdapter::history() const
{
    return trainer_ ? trainer_->history() : std::vector<latentset::EpochSummary>{};
}
