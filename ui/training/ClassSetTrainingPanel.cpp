#include "training/ClassSetTrainingPanel.h"

#include "async/JobRunner.h"
#include "async/TrainerAdapter.h"
#include "session/Session.h"
#include "training/ClassSetForm.h"
#include "training/ClassSetSettingsJson.h"
#include "training/ClassSetTaskBuilder.h"
#include "training/ClassSetCurves.h"
#include "training/ClassSetValidation.h"
#include "training/MemberAloneBox.h"
#include "training/TrainingStrip.h"
#include "widgets/PlotView.h"

#include "latentset/util/Error.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

using latentset::TrainerState;

namespace {
constexpr int kValidationSample = 500;        // images scored per snapshot (cheap beside training)
constexpr qint64 kValidationInterval = 15000; // ms between validations while training runs

QStringList classNames(const latentset::DatasetSplits& data)
{
    QStringList names;
    for (const auto& n : data.train.classNames())
        names << QString::fromStdString(n);
    return names;
}
} // namespace

ClassSetTrainingPanel::ClassSetTrainingPanel(Session* session, QWidget* parent)
    : QWidget(parent), session_(session), atRest_([this] { return trainingAtRest(); })
{
    adapter_ = new TrainerAdapter(this);
    loader_ = new JobRunner(this, this);
    validator_ = new JobRunner(this, this);
    builder_ = new JobRunner(this, this);

    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* column = new QVBoxLayout;
    form_ = new ClassSetForm;
    column->addWidget(form_);
    strip_ = new TrainingStrip(tr("one mini-batch"));
    column->addWidget(strip_);
    banner_ = new QLabel;
    banner_->setWordWrap(true);
    banner_->setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border-radius: 4px; }");
    banner_->hide();
    column->addWidget(banner_);
    rollback_ = new QPushButton(tr("Roll back to the last good snapshot"));
    rollback_->setAccessibleName(tr("Roll back to the last good snapshot"));
    rollback_->hide();
    column->addWidget(rollback_);
    column->addStretch();
    auto* settings = new QWidget;
    settings->setLayout(column);
    settings->setMaximumWidth(360);
    outer->addWidget(settings);
    curves_ = new ClassSetCurves;
    memberBox_ = new MemberAloneBox;
    // Curves above, the member box below at its natural height; in a small
    // window the box scrolls rather than raising the window's minimum size.
    auto* memberScroll = new QScrollArea;
    memberScroll->setWidget(memberBox_);
    memberScroll->setWidgetResizable(true);
    memberScroll->setFrameShape(QFrame::NoFrame);
    memberScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    memberScroll->setMinimumHeight(120);
    auto* right = new QVBoxLayout;
    right->addWidget(curves_, 1);
    right->addWidget(memberScroll);
    outer->addLayout(right, 1);
    wire();
    wireMemberAlone();
    updateButtons();
}

ClassSetTrainingPanel::~ClassSetTrainingPanel() = default;

void ClassSetTrainingPanel::wire()
{
    connect(strip_, &TrainingStrip::playToggled, this, &ClassSetTrainingPanel::togglePlay);
    connect(strip_, &TrainingStrip::stepRequested, this, &ClassSetTrainingPanel::step);
    connect(strip_, &TrainingStrip::resetRequested, this, &ClassSetTrainingPanel::reset);
    connect(form_, &ClassSetForm::loadRequested, this, &ClassSetTrainingPanel::loadDataset);
    connect(form_, &ClassSetForm::fixedSettingChanged, this, &ClassSetTrainingPanel::markChangedSetting);
    // Live settings: the task reads the rate before each mini-batch and the
    // batch size at the next epoch boundary.
    connect(form_, &ClassSetForm::learningRateChanged, this, [this](double v) {
        if (task_ && v > 0)
            task_->setLearningRate(float(v));
    });
    connect(form_, &ClassSetForm::batchSizeChanged, this, [this](int v) {
        if (task_)
            task_->setBatchSize(v);
        updateBatchNote();
    });
    connect(adapter_, &TrainerAdapter::progress, this, &ClassSetTrainingPanel::onProgress);
    connect(adapter_, &TrainerAdapter::epochFinished, this, [this] {
        pollSnapshot();
        updateBatchNote();
    });
    connect(adapter_, &TrainerAdapter::finished, this, &ClassSetTrainingPanel::onFinished);
    connect(adapter_, &TrainerAdapter::parked, this, &ClassSetTrainingPanel::onParked);
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { updateButtons(); });
    // A Reset or an open dropping the trainer (or a new one, idle) ends a
    // wait too: queued, so a waiter never runs inside reset() itself.
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { atRest_.check(); }, Qt::QueuedConnection);
    connect(rollback_, &QPushButton::clicked, this, &ClassSetTrainingPanel::rollback);
    connect(loader_, &JobRunner::failed, this,
            [this](const QString& m) { showBanner(tr("Cannot load the dataset: %1").arg(m)); });
    connect(builder_, &JobRunner::failed, this,
            [this](const QString& m) { showBanner(tr("Cannot set up training: %1").arg(m)); });
}

void ClassSetTrainingPanel::wireMemberAlone()
{
    connect(memberBox_, &MemberAloneBox::startRequested, this, &ClassSetTrainingPanel::trainMemberAlone);
    connect(memberBox_, &MemberAloneBox::busyChanged, this, [this] { updateButtons(); });
    // The task's set may take the trained member when nothing reads or trains it.
    memberBox_->setCanWrite([this] { return !saving_ && trainingAtRest(); });
    connect(memberBox_, &MemberAloneBox::trained, this, [this](std::shared_ptr<const latentset::AutoencoderSet> set) {
        if (!data_)
            return;
        publish(std::move(set));
        // The validation curves get a point for the new set where the task stands (it is parked).
        if (task_) {
            const double batches = double(std::max<std::size_t>(1, task_->batchesPerEpoch()));
            validate(lastGoodSet_, double(task_->epochsDone()) + double(task_->batchInEpoch()) / batches);
        }
        emit memberTrained();
    });
}

void ClassSetTrainingPanel::trainMemberAlone()
{
    if (!task_ || !data_ || memberBox_->busy() || saving_) {
        if (!task_)
            showBanner(tr("Train one member alone: there is no class set to train yet (load a dataset or open a model)."));
        return;
    }
    pause();
    whenAtRest([this, task = task_] {
        if (task_ == task && data_)
            memberBox_->begin(task_, data_);
    });
}

void ClassSetTrainingPanel::showBanner(const QString& text)
{
    banner_->setText(text);
    banner_->show();
}

ClassSetFormValues ClassSetTrainingPanel::values() const
{
    return form_->values();
}

void ClassSetTrainingPanel::setValues(const ClassSetFormValues& values)
{
    form_->setValues(values);
    reset();
}

// ---- control -------------------------------------------------------------------

void ClassSetTrainingPanel::togglePlay()
{
    if (saving_ || memberBox_->busy())
        return; // see setSaving(); a member trains alone
    if (!adapter_->hasTask()) {
        // Still loading the dataset or building the task (e.g. latentset
        // --train at start): play once it is there.
        playWhenBuilt_ = !playWhenBuilt_;
        return;
    }
    if (adapter_->playing())
        adapter_->pause(); // the newest weights come with the parked signal
    else if (adapter_->state() == TrainerState::Idle || adapter_->state() == TrainerState::Paused
             || adapter_->state() == TrainerState::Running) // running out a Step or a Pause: play on
        adapter_->play();
    updateButtons();
}

void ClassSetTrainingPanel::pause()
{
    playWhenBuilt_ = false;
    adapter_->pause();
    updateButtons();
}

void ClassSetTrainingPanel::step()
{
    if (saving_ || memberBox_->busy() || !adapter_->hasTask())
        return;
    const TrainerState s = adapter_->state();
    if (s == TrainerState::Idle || s == TrainerState::Paused || s == TrainerState::Running)
        adapter_->step();
    updateButtons();
}

bool ClassSetTrainingPanel::playing() const
{
    return adapter_->playing();
}

void ClassSetTrainingPanel::onParked()
{
    // A single step may come in under the progress interval: the trainer
    // published its snapshot as it parked.
    pollSnapshot();
    updateBatchNote();
    updateButtons();
    atRest_.check();
}

void ClassSetTrainingPanel::updateButtons()
{
    const TrainerState s = adapter_->state();
    const bool ended = s == TrainerState::Finished || s == TrainerState::Cancelled || s == TrainerState::Failed;
    strip_->setState(adapter_->playing(), adapter_->hasTask() && !ended && !saving_ && !memberBox_->busy(),
                     bool(data_) && !memberBox_->busy());
}

void ClassSetTrainingPanel::onProgress(const latentset::TrainerProgress& p)
{
    const double done = double(p.epoch) + (p.batchesPerEpoch ? double(p.batch) / double(p.batchesPerEpoch) : 0.0);
    strip_->showEpochProgress(p, resumedFraction_);
    strip_->showRate(p);
    curves_->appendTraining(done, p.losses);
    pollSnapshot();
    updateButtons();
    updateBatchNote();
}

void ClassSetTrainingPanel::onFinished(TrainerState state, const QString& message)
{
    updateButtons();
    pollSnapshot();
    atRest_.check();
    if (state == TrainerState::Failed) {
        // Core's message already begins "training stopped: ".
        QString why = message.isEmpty() ? tr("a non-finite loss") : message;
        if (why.startsWith("training stopped: "))
            why.remove(0, int(qstrlen("training stopped: ")));
        showBanner(tr("Training stopped: %1").arg(why));
        rollback_->setVisible(bool(lastGoodSet_));
    } else if (state == TrainerState::Finished) {
        strip_->setProgress(1.0);
        strip_->setStatus(tr("finished: %1 epochs").arg(form_->values().epochs));
    }
}

void ClassSetTrainingPanel::rollback()
{
    if (!lastGoodSet_)
        return;
    const auto good = lastGoodSet_;
    banner_->setText(tr("Rolled back to the last good snapshot. Lower the learning rate before playing again."));
    rollback_->hide();
    adoptSet(*good);
}

void ClassSetTrainingPanel::markChangedSetting(const QString& what)
{
    if (!adapter_->hasTask())
        return;
    needsReset_ = true;
    changedSettings_.insert(what);
    QStringList names = changedSettings_.values();
    names.sort();
    showBanner(tr("Changed: %1. These settings are fixed for a task's whole run: press Reset (Ctrl+R) "
                  "to restart with them. (Learning rate and batch size apply while training.)")
                   .arg(names.join(", ")));
}

void ClassSetTrainingPanel::updateBatchNote()
{
    if (!task_ || task_->requestedBatchSize() == task_->batchSize()) {
        form_->setBatchNote({});
        return;
    }
    form_->setBatchNote(tr("<small>batch size %1 from the next epoch (now %2)</small>")
                            .arg(task_->requestedBatchSize())
                            .arg(task_->batchSize()));
}

// ---- snapshots and validation -------------------------------------------------------

void ClassSetTrainingPanel::pollSnapshot()
{
    const auto snap = adapter_->snapshot();
    if (!snap || snap == lastSnapshot_ || !task_)
        return;
    lastSnapshot_ = snap;
    // The adapter runs task_, a ClassSetTask, whose snapshots are
    // AutoencoderSetSnapshots (nn/ClassSetTask.h): no need to ask.
    const auto setSnap = std::static_pointer_cast<const latentset::AutoencoderSetSnapshot>(snap);
    // Alias the snapshot's set: it lives as long as anyone holds it.
    publish(std::shared_ptr<const latentset::AutoencoderSet>(setSnap, &setSnap->set));
    // Validation costs members x images forward passes on a core the
    // training wants: while training at most every kValidationInterval (and
    // at every epoch end, where the snapshot has batch == 0, and on pause).
    if (snap->batch != 0 && validationClock_.isValid()
        && validationClock_.elapsed() < (adapter_->playing() ? kValidationInterval : 5000))
        return;
    validationClock_.start();
    const double batches = double(std::max<std::size_t>(1, task_->batchesPerEpoch()));
    validate(lastGoodSet_, double(snap->epoch) + double(snap->batch) / batches);
}

void ClassSetTrainingPanel::publish(std::shared_ptr<const latentset::AutoencoderSet> set)
{
    lastGoodSet_ = std::move(set);
    session_->setClassSet(lastGoodSet_, classNames(*data_));
    emit setPublished();
}

void ClassSetTrainingPanel::validate(std::shared_ptr<const latentset::AutoencoderSet> set, double x)
{
    // Without a validation split (all training images train, as the CLI's
    // recipe) the curves score the test split: its title says so.
    if (!data_ || (data_->validation.empty() && data_->test.empty()))
        return;
    const auto data = data_;
    validator_->submit([this, set, data, x]() -> JobRunner::Continuation {
        const latentset::Dataset& scored = data->validation.empty() ? data->test : data->validation;
        const ClassSetValidation v = ClassSetValidation::run(set, scored, kValidationSample);
        return [this, v, x] {
            curves_->showValidation(v, x);
            strip_->speedLabel()->setToolTip(tr("validation accuracy %1 %").arg(100 * v.accuracy, 0, 'f', 2));
        };
    });
}


PlotView* ClassSetTrainingPanel::lossPlot() const { return curves_->lossPlot(); }
PlotView* ClassSetTrainingPanel::accuracyPlot() const { return curves_->accuracyPlot(); }

// ---- data and tasks ------------------------------------------------------------------

void ClassSetTrainingPanel::loadDataset(const QString& idOrPath)
{
    const latentset::Index validation = form_->values().validation;
    strip_->setStatus(tr("loading %1…").arg(idOrPath));
    datasetId_ = idOrPath;
    const int samplesAsked = session_->samplesGeneration();
    loader_->submit([this, idOrPath, validation, samplesAsked]() -> JobRunner::Continuation {
        auto data = ClassSetTaskBuilder::loadSplits(idOrPath.toStdString(), validation);
        // Samples shown since this load was asked for (a dataset opened in the
        // dataset view meanwhile) stay: the newer request wins.
        return [this, data, samplesAsked] { applyData(data, session_->samplesGeneration() == samplesAsked); };
    });
}

void ClassSetTrainingPanel::setData(std::shared_ptr<const latentset::DatasetSplits> data, bool showSamples)
{
    // Given data wins over a dataset still loading (e.g. the default one a
    // bare model file asked for): that load's result is dropped.
    loader_->discardRunning();
    applyData(std::move(data), showSamples);
}

void ClassSetTrainingPanel::applyData(std::shared_ptr<const latentset::DatasetSplits> data, bool showSamples)
{
    data_ = std::move(data);
    if (showSamples)
        session_->setSamples(
            std::make_shared<const latentset::Dataset>(data_->test.empty() ? data_->validation : data_->test));
    strip_->setStatus(tr("%1: %2 training, %3 validation, %4 test images")
                          .arg(QString::fromStdString(data_->name))
                          .arg(data_->train.size())
                          .arg(data_->validation.size())
                          .arg(data_->test.size()));
    reset();
}

void ClassSetTrainingPanel::reset()
{
    memberBox_->abandon();
    adapter_->reset();
    task_.reset();
    needsReset_ = false;
    changedSettings_.clear();
    banner_->hide();
    rollback_->hide();
    lastSnapshot_.reset();
    lastGoodSet_.reset();
    auto start = std::move(pendingStart_);
    pendingStart_.reset();
    auto state = std::move(pendingState_);
    pendingState_.reset();
    buildTask(start, state);
}

void ClassSetTrainingPanel::adoptSet(const latentset::AutoencoderSet& set)
{
    memberBox_->abandon();
    adapter_->reset();
    task_.reset();
    auto start = std::make_shared<const latentset::AutoencoderSet>(set.inferenceCopy());
    form_->setModelShape(set.config());
    buildTask(start);
}

void ClassSetTrainingPanel::buildTask(std::shared_ptr<const latentset::AutoencoderSet> start,
                                      std::shared_ptr<std::string> resumeState)
{
    if (!data_)
        return;
    ClassSetFormValues v;
    latentset::AutoencoderConfig cfg;
    try {
        v = form_->values();
        cfg = start ? start->config() : v.model;
        if (!start)
            cfg.inputSize = data_->train.pixelCount();
        cfg.validate();
    } catch (const latentset::Error& e) {
        showBanner(QString::fromUtf8(e.what()));
        return;
    }
    // The seed rule of every front end (experiments/ClassSetExperimentSettings.h).
    const latentset::ClassSetSettings settings = v.taskSettings();
    latentset::TrainerSettings ts;
    ts.epochs = std::size_t(v.epochs);
    // What the app spends beside the training itself comes off the same two
    // cores (measured on the paper's set at batch 64: ~5 % of the process's
    // CPU repainting plots for 10 progress reports a second, ~5 % scoring the
    // validation sample every 5 s, ~2 % copying a 65 MB snapshot every second):
    // 4 reports a second still draw smooth curves, and views get new weights
    // every 2 s (at once on pause and at epoch ends).
    ts.snapshotInterval = 2.0;
    ts.progressInterval = 0.25;
    const auto data = data_;
    const std::uint64_t memberSeed = v.memberSeed();
    builder_->submit([this, data, cfg, memberSeed, settings, ts, start, resumeState]() -> JobRunner::Continuation {
        const ClassSetTaskBuilder built =
            ClassSetTaskBuilder::build(*data, cfg, memberSeed, settings, ts, start, resumeState);
        return [this, built] { taskBuilt(built); };
    });
}

void ClassSetTrainingPanel::taskBuilt(const ClassSetTaskBuilder& built)
{
    task_ = built.task;
    curves_->setup(built.classes, classNames(*data_), data_->validation.empty());
    memberBox_->setClassNames(classNames(*data_), built.classes);
    memberBox_->setShiftPixels(task_->settings().shiftPixels);
    ClassSetSettingsJson::readCurves(pendingCurves_, *curves_->lossPlot(), *curves_->accuracyPlot());
    pendingCurves_ = QJsonObject();
    adapter_->setTask(task_, built.trainer);
    const latentset::TrainerSettings& ts = built.trainer;
    const double perEpoch = double(std::max<std::size_t>(1, task_->batchesPerEpoch()));
    resumedFraction_ = ts.epochs ? (double(ts.startEpoch) + double(ts.startBatch) / perEpoch) / double(ts.epochs) : 0.0;
    if (!built.note.isEmpty())
        showBanner(built.note);
    updateBatchNote();
    strip_->setProgress(0);
    strip_->setStatus(tr("ready: %1, %2 members: press Play").arg(QString::fromStdString(data_->name)).arg(built.classes));
    strip_->setSpeed({});
    pollSnapshot();
    if (playWhenBuilt_) {
        playWhenBuilt_ = false;
        adapter_->play();
    }
    updateButtons();
}
