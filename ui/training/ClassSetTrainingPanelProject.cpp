// ClassSetTrainingPanel's side of project files (the TrainingController
// interface: settings and curves to save, a saved set or project to adopt,
// the training state written at rest); the live training and its display are
// in ClassSetTrainingPanel.cpp.
#include "training/ClassSetTrainingPanel.h"

#include "latentset/data/DatasetCatalog.h"

#include "async/JobRunner.h"
#include "async/TrainerAdapter.h"
#include "session/Session.h"
#include "training/ClassSetCurves.h"
#include "training/ClassSetForm.h"
#include "training/ClassSetSettingsJson.h"
#include "training/ClassSetTaskBuilder.h"
#include "training/TrainingController.h"
#include "widgets/PlotView.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"

QJsonObject ClassSetTrainingPanel::projectSettings() const
{
    ClassSetFormValues v;
    try {
        v = form_->values();
    } catch (const latentset::Error&) {
        if (task_) // hidden sizes being typed: the task's own shape is what it trains
            v.model = task_->set().config();
    }
    return ClassSetSettingsJson::project(datasetId_, data_.get(), v, *curves_->lossPlot(), *curves_->accuracyPlot());
}

bool ClassSetTrainingPanel::adopts(const TrainingHandOff& opened) const
{
    return opened.classSetProject.contains("dataset") || opened.classSet;
}

void ClassSetTrainingPanel::adopt(TrainingHandOff& opened)
{
    if (!opened.classSetProject.isEmpty())
        adoptProject(opened.classSetProject, opened.classSet, std::move(opened.classSetState));
    else if (opened.classSet)
        adoptSet(*opened.classSet);
}

void ClassSetTrainingPanel::adoptProject(const QJsonObject& o, std::shared_ptr<const latentset::AutoencoderSet> set,
                                         std::string trainingState)
{
    ClassSetFormValues fallback;
    try {
        fallback = form_->values();
    } catch (const latentset::Error&) {
    }
    form_->setValues(ClassSetSettingsJson::read(o, fallback));
    pendingStart_ = std::move(set);
    if (!trainingState.empty())
        pendingState_ = std::make_shared<std::string>(std::move(trainingState));
    // Curves come back after the task is built (its setup clears them).
    pendingCurves_ = o;
    const QString id = o["dataset"].toString();
    if (!id.isEmpty())
        loadDataset(id);
    else if (!data_ && !loader_->busy()) {
        // A bare model file opened before any dataset (latentset --project
        // F): the set-up's default dataset is loaded for it; the task is
        // built from the opened set when it arrives (applyData -> reset).
        // Data given meanwhile (setData) wins and drops this load.
        const auto fallback = latentset::DatasetCatalog::defaultDataset();
        if (!fallback.id.empty())
            loadDataset(QString::fromStdString(fallback.id));
    }
}

bool ClassSetTrainingPanel::trainingAtRest() const
{
    latentset::Trainer* t = adapter_->trainer();
    // A task build in flight does not count: it touches no task a save
    // could be reading (the new task replaces the old one when it lands).
    return !t || t->withTaskAtRest([](const latentset::TrainingTask&) {});
}

void ClassSetTrainingPanel::whenAtRest(std::function<void()> then)
{
    atRest_.add(std::move(then));
}

std::string ClassSetTrainingPanel::trainingState() const
{
    const auto job = trainingStateJob();
    latentset::Trainer* t = adapter_->trainer();
    std::string bytes;
    // Under the trainer's control lock: the training thread stays parked
    // meanwhile (tests and scripts; a save runs the job on a worker instead).
    if (job && t)
        t->withTaskAtRest([&job, &bytes](const latentset::TrainingTask&) { bytes = job(); });
    return bytes;
}

std::function<std::string()> ClassSetTrainingPanel::trainingStateJob() const
{
    latentset::Trainer* t = adapter_->trainer();
    if (!t || !task_ || !t->withTaskAtRest([](const latentset::TrainingTask&) {}))
        return {};
    // A task that never stepped is what Reset builds again from the saved
    // settings: writing it would only add its ~190 MB (paper-size set with
    // Adam moments) to, say, a project that trained just the cube world.
    if (task_->stepsDone() == 0)
        return {};
    return ClassSetTaskBuilder::stateJob(task_);
}

void ClassSetTrainingPanel::setSaving(bool saving)
{
    saving_ = saving;
    updateButtons();
}

void ClassSetTrainingPanel::publishCurrent()
{
    latentset::Trainer* t = adapter_->trainer();
    if (!t || !task_ || !lastGoodSet_ || session_->classSet() != lastGoodSet_ || !data_)
        return;
    std::shared_ptr<const latentset::AutoencoderSet> current;
    const auto task = task_;
    t->withTaskAtRest([&current, &task](const latentset::TrainingTask&) {
        current = std::make_shared<const latentset::AutoencoderSet>(task->set().inferenceCopy());
    });
    if (current)
        publish(current);
}
