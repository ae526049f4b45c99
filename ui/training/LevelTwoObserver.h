#pragma once
#include "latentset/experiments/ExperimentObserver.h"

#include <QMetaObject>
#include <QPointer>
#include <QString>

// The observer of a level-2 training (ConceptTrainingPanel for the cube,
// WorldConceptPanel for any world). It runs on the worker and turns the
// experiment's callbacks into queued calls on the GUI thread of the panel's
// onStage(stage) and onEpoch(restart, epoch, loss) (the restart is the
// epoch summary's first metric, the loss its first mean loss); nothing is
// called once the panel is gone. A panel declares it a friend.
template <class Panel>
class LevelTwoObserver : public latentset::ExperimentObserver {
public:
    explicit LevelTwoObserver(QPointer<Panel> panel) : panel_(std::move(panel)) {}
    void stageReached(const std::string& stage) override
    {
        QMetaObject::invokeMethod(panel_, [p = panel_, s = QString::fromStdString(stage)] {
            if (p)
                p->onStage(s);
        }, Qt::QueuedConnection);
    }
    void epochFinished(const std::string&, const latentset::EpochSummary& s) override
    {
        const int restart = s.metrics.empty() ? 0 : int(s.metrics.front().second);
        const double loss = s.meanLosses.empty() ? 0.0 : s.meanLosses.front();
        QMetaObject::invokeMethod(panel_, [p = panel_, restart, epoch = int(s.epoch), loss] {
            if (p)
                p->onEpoch(restart, epoch, loss);
        }, Qt::QueuedConnection);
    }

private:
    QPointer<Panel> panel_;
};
