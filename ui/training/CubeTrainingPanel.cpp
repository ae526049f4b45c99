#include "training/CubeTrainingPanel.h"

#include "async/JobRunner.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "async/TrainerAdapter.h"
#include "training/CubeTaskBuilder.h"
#include "training/TrainingStrip.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
// The adapter only ever runs this panel's SharedLatentTask, whose snapshots
// are CubeSnapshots (cube/SharedLatentTask.h): the type is known, not asked.
std::shared_ptr<const latentset::CubeSnapshot> cubeSnapshot(std::shared_ptr<const latentset::TaskSnapshot> s)
{
    return std::static_pointer_cast<const latentset::CubeSnapshot>(std::move(s));
}

} // namespace

CubeTrainingPanel::CubeTrainingPanel(Session* session, QWidget* parent)
    : QWidget(parent), session_(session), atRest_([this] { return trainingAtRest(); })
{
    adapter_ = new TrainerAdapter(this);
    builder_ = new JobRunner(this, this);

    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* column = new QVBoxLayout;
    form_ = new CubeTrainingForm;
    column->addWidget(form_);
    strip_ = new TrainingStrip(tr("one cycle (a self round and its cross rounds)"));
    strip_->setProgress(-1); // runs until paused: no end to show
    column->addWidget(strip_);
    banner_ = new QLabel;
    banner_->setWordWrap(true);
    banner_->setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border-radius: 4px; }");
    banner_->hide();
    column->addWidget(banner_);
    column->addStretch();
    auto* settingsWidget = new QWidget;
    settingsWidget->setLayout(column);
    settingsWidget->setMaximumWidth(360);
    outer->addWidget(settingsWidget);

    lossPlot_ = new PlotView;
    lossPlot_->setTitle(tr("Cube world: self and cross loss (BCE per mask pixel)"));
    lossPlot_->setAxisLabels(tr("rounds"), tr("loss per mask pixel"));
    lossPlot_->setLogY(true);
    lossPlot_->setSmoothing(0.6);
    lossPlot_->setLegendVisible(true);
    lossPlot_->addSeries(tr("self"), QColor(31, 119, 180));
    lossPlot_->addSeries(tr("cross"), QColor(214, 39, 40));
    history_.columns = {"round", "self", "cross"};
    outer->addWidget(lossPlot_, 1);

    connect(strip_, &TrainingStrip::playToggled, this, &CubeTrainingPanel::togglePlay);
    connect(strip_, &TrainingStrip::stepRequested, this, &CubeTrainingPanel::step);
    connect(strip_, &TrainingStrip::resetRequested, this, &CubeTrainingPanel::reset);
    connect(adapter_, &TrainerAdapter::progress, this, &CubeTrainingPanel::onProgress);
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { updateButtons(); });
    // A Reset or an open dropping the trainer (or a new one, idle) ends a
    // wait too: queued, so a waiter never runs inside reset() itself.
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { atRest_.check(); }, Qt::QueuedConnection);
    connect(adapter_, &TrainerAdapter::parked, this, [this] {
        publishSnapshot(); // published by the trainer as it parked
        atRest_.check();
    });
    connect(adapter_, &TrainerAdapter::finished, this,
            [this](latentset::TrainerState, const QString& message) { onFinished(message); });
    connect(builder_, &JobRunner::failed, this, [this](const QString& message) {
        showBanner(message);
        updateButtons();
    });
    connect(builder_, &JobRunner::busyChanged, this, [this] {
        updateButtons();
        atRest_.check();
    });
    connect(form_, &CubeTrainingForm::shapeChanged, this, &CubeTrainingPanel::markChanged);
    // Live: the task reads the rate at the start of its next round.
    connect(form_, &CubeTrainingForm::learningRateChanged, this, [this](double v) {
        if (task_ && v > 0)
            task_->setLearningRate(float(v));
        // A restored training not resumed yet takes the new rate with it
        // (not while a build is moving it into its task).
        else if (pendingState_ && !builder_->busy() && v > 0)
            pendingState_->learningRate = float(v);
    });
    updateButtons();
}

CubeTrainingPanel::~CubeTrainingPanel()
{
    adapter_->reset(); // join the training thread before the task's data goes
}

QDoubleSpinBox* CubeTrainingPanel::learningRateBox() const { return form_->learningRateBox(); }
QSpinBox* CubeTrainingPanel::hiddenBox() const { return form_->hiddenBox(); }
QPushButton* CubeTrainingPanel::playButton() const { return strip_->playButton(); }
QLabel* CubeTrainingPanel::statusLabel() const { return strip_->statusLabel(); }

void CubeTrainingPanel::showBanner(const QString& text)
{
    banner_->setText(text);
    banner_->show();
}

void CubeTrainingPanel::onFinished(const QString& message)
{
    publishSnapshot();
    updateButtons();
    atRest_.check();
    if (!message.isEmpty())
        showBanner(message);
}

latentset::SharedLatentSettings CubeTrainingPanel::settings() const
{
    return form_->values().training;
}

void CubeTrainingPanel::setSettings(const latentset::SharedLatentSettings& s, int contexts)
{
    CubeTrainingForm::Values v = form_->values();
    v.contexts = contexts;
    v.training = s;
    form_->setValues(v);
    reset();
}

void CubeTrainingPanel::setDataset(std::shared_ptr<const latentset::CubeDataset> data)
{
    data_ = std::move(data);
    injectedData_ = static_cast<bool>(data_);
    dataContexts_ = data_ ? data_->contexts().size() : 0;
    if (data_)
        form_->setContexts(dataContexts_);
    reset();
}

void CubeTrainingPanel::markChanged()
{
    if (!task_ && !pendingState_ && !pendingWorld_)
        return;
    needsReset_ = true;
    showBanner(tr("Settings changed: Reset to apply (the running task keeps its old shape)."));
}

void CubeTrainingPanel::ensureTask(std::function<void()> then)
{
    if (task_) {
        then();
        return;
    }
    if (builder_->busy())
        return;
    if (pendingState_) {
        resumeTask(std::move(then));
        return;
    }
    const CubeTrainingForm::Values values = form_->values();
    const latentset::SharedLatentSettings s = values.training;
    const int contexts = values.contexts;
    std::shared_ptr<const latentset::CubeDataset> data = data_;
    if (const auto world = pendingWorld_) {
        strip_->setStatus(tr("continuing the opened cube world…"));
        builder_->submit([this, world, s, data, then]() -> JobRunner::Continuation {
            const CubeTaskBuilder built = CubeTaskBuilder::continueWorld(*world, s, data);
            return [this, built, then] {
                pendingWorld_.reset();
                taskBuilt(built);
                strip_->setStatus(tr("%1 rounds (the opened world)").arg(qint64(task_->roundsDone())));
                then();
            };
        });
        updateButtons();
        return;
    }
    if (injectedData_ && dataContexts_ != contexts)
        data.reset(); // the injected set has other contexts: build from MNIST
    strip_->setStatus(data ? tr("building members…") : tr("painting MNIST digits on the cube…"));
    builder_->submit([this, s, contexts, data, then]() -> JobRunner::Continuation {
        const CubeTaskBuilder built = CubeTaskBuilder::fresh(s, contexts, data);
        return [this, built, then] {
            taskBuilt(built);
            history_.rows.clear();
            replotHistory();
            then(); // the buttons follow when the runner is no longer busy (busyChanged)
        };
    });
    updateButtons();
}

void CubeTrainingPanel::taskBuilt(const CubeTaskBuilder& built)
{
    data_ = built.data;
    dataContexts_ = data_->contexts().size();
    task_ = built.task;
    adapter_->setTask(task_, built.trainer);
}

void CubeTrainingPanel::togglePlay()
{
    if (saving_)
        return; // see TrainingPanel::setSaving()
    if (adapter_->playing()) {
        adapter_->pause(); // the newest members come with the parked signal
        return;
    }
    ensureTask([this] { adapter_->play(); });
}

void CubeTrainingPanel::pause()
{
    adapter_->pause();
}

bool CubeTrainingPanel::playing() const
{
    return adapter_->playing();
}

void CubeTrainingPanel::whenAtRest(std::function<void()> then)
{
    atRest_.add(std::move(then));
}

void CubeTrainingPanel::adopt(TrainingHandOff& opened)
{
    if (opened.cubeState)
        restoreState(std::move(opened.cubeState));
    else if (opened.cubeWorld)
        continueWorld(std::move(opened.cubeWorld));
}

void CubeTrainingPanel::continueWorld(std::shared_ptr<const latentset::CubeModel> world)
{
    dropTask(); // its next snapshot would overwrite the opened world
    pendingState_.reset();
    CubeTrainingForm::Values v = form_->values();
    v.contexts = world->members.size();
    const latentset::AutoencoderConfig& shape = world->members.config();
    if (shape.hiddenSizes.size() == 1) {
        v.training.hidden = shape.hiddenSizes.front();
        v.training.latent = shape.latentSize;
    }
    form_->setValues(v);
    needsReset_ = false;
    banner_->hide();
    pendingWorld_ = std::move(world);
    strip_->setStatus(tr("cube world opened (%1 rounds) · press Play or Step to train it on (fresh optimiser state)")
                          .arg(qint64(pendingWorld_->rounds)));
    updateButtons();
}

void CubeTrainingPanel::step()
{
    if (saving_)
        return;
    ensureTask([this] { adapter_->step(); });
}

void CubeTrainingPanel::reset()
{
    dropTask();
    pendingState_.reset();
    pendingWorld_.reset(); // Reset trains a new world from the controls' settings
    needsReset_ = false;
    banner_->hide();
    strip_->setStatus(tr("idle"));
    strip_->setSpeed({});
    updateButtons();
}

void CubeTrainingPanel::dropTask()
{
    builder_->discardRunning();
    adapter_->reset();
    task_.reset();
    lastSnapshot_.reset();
    history_ = latentset::MetricHistory{{"round", "self", "cross"}, {}};
    replotHistory();
}

void CubeTrainingPanel::replotHistory()
{
    QVector<double> x[2], y[2];
    for (const auto& row : history_.rows)
        for (int i = 0; i < 2 && i + 1 < int(row.size()); ++i)
            if (row[std::size_t(i) + 1] > 0) { // a cycle without that kind of round reports 0
                x[i] << row[0];
                y[i] << row[std::size_t(i) + 1];
            }
    for (int i = 0; i < 2; ++i)
        lossPlot_->setSeries(i, x[i], y[i]);
}

bool CubeTrainingPanel::trainingAtRest() const
{
    if (builder_->busy())
        return false;
    latentset::Trainer* t = adapter_->trainer();
    return !t || t->withTaskAtRest([](const latentset::TrainingTask&) {});
}

std::string CubeTrainingPanel::trainingState() const
{
    const auto job = trainingStateJob();
    if (!job)
        return {};
    std::string bytes;
    latentset::Trainer* t = task_ ? adapter_->trainer() : nullptr;
    // Under the trainer's control lock: the training thread stays parked
    // while the members are read (MainWindow's save runs the job on a
    // worker instead, with Play refused).
    if (t)
        t->withTaskAtRest([&job, &bytes](const latentset::TrainingTask&) { bytes = job(); });
    else
        bytes = job();
    return bytes;
}

std::function<std::string()> CubeTrainingPanel::trainingStateJob() const
{
    if (builder_->busy())
        return {}; // a build may be moving a restored state's members into its task
    if (task_) {
        latentset::Trainer* t = adapter_->trainer();
        if (!t || !t->withTaskAtRest([](const latentset::TrainingTask&) {}))
            return {};
        // 100 contexts at hidden 256: ~450 MB with the moments. The job
        // holds the task (a Reset meanwhile cannot free it) and a copy of
        // the curves.
        return [task = std::shared_ptr<const latentset::SharedLatentTask>(task_), history = history_] {
            latentset::ChunkFile inner("cube training state");
            task->writeState(inner, history);
            return inner.toBytes();
        };
    }
    if (pendingState_) // only a Play/Step build changes it: refused while saving
        return [state = std::shared_ptr<const latentset::SharedLatentState>(pendingState_)] {
            latentset::ChunkFile inner("cube training state");
            state->write(inner);
            return inner.toBytes();
        };
    return {};
}

void CubeTrainingPanel::setSaving(bool saving)
{
    saving_ = saving;
    updateButtons();
}

void CubeTrainingPanel::restoreState(std::shared_ptr<latentset::SharedLatentState> state)
{
    if (!state)
        return;
    dropTask();
    latentset::SharedLatentSettings shown = state->settings;
    shown.learningRate = state->learningRate; // the rate in effect when saved
    CubeTrainingForm::Values v = form_->values();
    v.contexts = state->contexts.count();
    v.training = shown;
    form_->setValues(v);
    needsReset_ = false;
    banner_->hide();
    if (!state->history.empty())
        history_ = state->history;
    replotHistory();
    pendingState_ = std::move(state);
    strip_->setStatus(tr("%1 rounds (opened from a project) · press Play or Step to continue")
                         .arg(qint64(pendingState_->rounds)));
    updateButtons();
}

void CubeTrainingPanel::resumeTask(std::function<void()> then)
{
    const std::shared_ptr<latentset::SharedLatentState> state = pendingState_;
    std::shared_ptr<const latentset::CubeDataset> data = data_;
    Session::ContextsPtr known = session_->cubeContexts();
    strip_->setStatus(tr("resuming %1 rounds…").arg(qint64(state->rounds)));
    builder_->submit([this, state, data, known, then]() -> JobRunner::Continuation {
        const CubeTaskBuilder built = CubeTaskBuilder::resume(*state, data, known);
        return [this, built, then] {
            pendingState_.reset();
            taskBuilt(built);
            if (!built.mismatch.isEmpty())
                showBanner(tr("Resumed the weights and optimiser state, but on other glyphs (%1): the "
                              "continued run draws other batches than the saved one would have.")
                               .arg(built.mismatch));
            strip_->setStatus(tr("%1 rounds (resumed)").arg(qint64(task_->roundsDone())));
            then();
        };
    });
    updateButtons();
}

void CubeTrainingPanel::publishCurrentMembers()
{
    latentset::Trainer* t = adapter_->trainer();
    if (!t || !task_)
        return;
    // Not over a cube world opened since this panel last published.
    if (session_->hasCubeWorld() && (!lastSnapshot_ || session_->cubeMembers().get() != &lastSnapshot_->set))
        return;
    std::shared_ptr<const latentset::CubeSnapshot> cube;
    const auto task = task_;
    t->withTaskAtRest([&cube, &task](const latentset::TrainingTask&) { cube = cubeSnapshot(task->snapshot()); });
    if (!cube)
        return;
    lastSnapshot_ = cube;
    session_->setCubeWorld(Session::SetPtr(cube, &cube->set), cube->contexts);
}

std::int64_t CubeTrainingPanel::roundsDone() const
{
    if (task_)
        return task_->roundsDone();
    if (pendingWorld_)
        return pendingWorld_->rounds;
    return pendingState_ ? pendingState_->rounds : 0;
}

void CubeTrainingPanel::onProgress(const latentset::TrainerProgress& p)
{
    if (!task_)
        return;
    const double rounds = double(task_->roundsDone());
    for (std::size_t i = 0; i < p.losses.size() && i < 2; ++i)
        if (p.losses[i] > 0)
            lossPlot_->append(int(i), rounds, p.losses[i]);
    history_.addRow({rounds, p.losses.size() > 0 ? double(p.losses[0]) : 0.0,
                     p.losses.size() > 1 ? double(p.losses[1]) : 0.0});
    strip_->setStatus(tr("%1 rounds · self %2 · cross %3")
                          .arg(qint64(rounds))
                          .arg(p.losses.size() > 0 ? p.losses[0] : 0.0f, 0, 'f', 4)
                          .arg(p.losses.size() > 1 ? p.losses[1] : 0.0f, 0, 'f', 4));
    strip_->showRate(p, tr("lr %1").arg(double(task_->learningRate()), 0, 'g', 3));
    publishSnapshot();
}

void CubeTrainingPanel::publishSnapshot()
{
    const auto cube = cubeSnapshot(adapter_->snapshot());
    if (!cube || cube == lastSnapshot_)
        return;
    lastSnapshot_ = cube;
    // Aliasing: the Session's set pointer keeps the whole snapshot alive, no copy.
    session_->setCubeWorld(Session::SetPtr(cube, &cube->set), cube->contexts);
}

void CubeTrainingPanel::updateButtons()
{
    const bool building = builder_->busy();
    strip_->setState(adapter_->playing(), !building && !saving_, true);
    // While running, Step would pause after one cycle: offered only when parked.
    strip_->stepButton()->setEnabled(!building && !saving_ && !adapter_->playing());
}
