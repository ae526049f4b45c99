#include "training/CubeTrainingPanel.h"

#include "async/JobRunner.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "async/TrainerAdapter.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace {
// The MNIST training digits, as `latentset-cli cube train` loads them.
latentset::Dataset mnistTraining()
{
    latentset::DatasetSplits splits = latentset::DatasetCatalog::load("mnist");
    if (splits.train.empty())
        throw latentset::Error("MNIST training split not found (run tools/setup.sh)");
    splits.train.setName("MNIST train");
    return std::move(splits.train);
}

bool sameContexts(const latentset::CubeContextsConfig& a, const latentset::CubeContextsConfig& b)
{
    return a.sideCount == b.sideCount && a.topCount == b.topCount && a.cube == b.cube;
}

QSpinBox* spin(const QString& name, int lo, int hi, int value)
{
    auto* s = new QSpinBox;
    s->setAccessibleName(name);
    s->setRange(lo, hi);
    s->setValue(value);
    return s;
}
} // namespace

CubeTrainingPanel::CubeTrainingPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    adapter_ = new TrainerAdapter(this);
    builder_ = new JobRunner(this, this);

    const latentset::SharedLatentSettings defaults;
    auto* outer = new QHBoxLayout(this);
    auto* column = new QVBoxLayout;
    auto* box = new QGroupBox(tr("Cube world (MNIST digits on a rotating cube)"));
    auto* form = new QFormLayout(box);
    contexts_ = spin(tr("Contexts"), 2, 400, 100);
    hidden_ = spin(tr("Hidden units per member"), 1, 4096, int(defaults.hidden));
    latent_ = spin(tr("Shared latent size"), 1, 256, int(defaults.latent));
    cross_ = spin(tr("Cross rounds per self round"), 0, 16, defaults.crossPerSelf);
    batch_ = spin(tr("Glyphs per member step"), 1, 4096, defaults.batchSize);
    seed_ = spin(tr("Seed"), 0, 1000000000, int(defaults.seed));
    lr_ = new QDoubleSpinBox;
    lr_->setAccessibleName(tr("Learning rate (applies while running)"));
    lr_->setDecimals(5);
    lr_->setRange(1e-5, 1.0);
    lr_->setSingleStep(1e-4);
    lr_->setValue(defaults.learningRate);
    form->addRow(tr("Contexts"), contexts_);
    form->addRow(tr("Hidden size"), hidden_);
    form->addRow(tr("Latent size"), latent_);
    form->addRow(tr("Cross per self"), cross_);
    form->addRow(tr("Batch"), batch_);
    form->addRow(tr("Learning rate"), lr_);
    form->addRow(tr("Seed"), seed_);
    auto* note = new QLabel(tr("The learning rate applies at once, while training; the other settings need a reset."));
    note->setWordWrap(true);
    form->addRow(note);
    column->addWidget(box);

    auto* controls = new QHBoxLayout;
    play_ = new QPushButton(tr("Play"));
    play_->setAccessibleName(tr("Play or pause cube-world training"));
    step_ = new QPushButton(tr("Step"));
    step_->setAccessibleName(tr("Train one cycle (a self round and its cross rounds)"));
    reset_ = new QPushButton(tr("Reset"));
    reset_->setAccessibleName(tr("New members with the current settings"));
    controls->addWidget(play_);
    controls->addWidget(step_);
    controls->addWidget(reset_);
    column->addLayout(controls);
    status_ = new QLabel(tr("idle"));
    status_->setWordWrap(true);
    column->addWidget(status_);
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

    connect(play_, &QPushButton::clicked, this, &CubeTrainingPanel::togglePlay);
    connect(step_, &QPushButton::clicked, this, &CubeTrainingPanel::step);
    connect(reset_, &QPushButton::clicked, this, &CubeTrainingPanel::reset);
    connect(adapter_, &TrainerAdapter::progress, this, &CubeTrainingPanel::onProgress);
    // The signal's state, not the Trainer's: a pause is honoured only after
    // the running cycle, but the buttons should answer at once.
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this](latentset::TrainerState s) {
        shownState_ = s;
        updateButtons();
    });
    connect(adapter_, &TrainerAdapter::finished, this, [this](latentset::TrainerState, const QString& message) {
        publishSnapshot();
        if (!message.isEmpty()) {
            banner_->setText(message);
            banner_->show();
        }
    });
    connect(builder_, &JobRunner::failed, this, [this](const QString& message) {
        banner_->setText(message);
        banner_->show();
        updateButtons();
    });
    for (QSpinBox* s : {contexts_, hidden_, latent_, cross_, batch_, seed_})
        connect(s, &QSpinBox::valueChanged, this, &CubeTrainingPanel::markChanged);
    // Live: the task reads the rate at the start of its next round.
    connect(lr_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (task_ && v > 0)
            task_->setLearningRate(float(v));
        // A restored training not resumed yet takes the new rate with it
        // (not while a build is moving it into its task).
        else if (pendingState_ && !loadingControls_ && !builder_->busy() && v > 0)
            pendingState_->learningRate = float(v);
    });
    updateButtons();
}

CubeTrainingPanel::~CubeTrainingPanel()
{
    adapter_->reset(); // join the training thread before the task's data goes
}

latentset::SharedLatentSettings CubeTrainingPanel::settings() const
{
    latentset::SharedLatentSettings s;
    s.hidden = hidden_->value();
    s.latent = latent_->value();
    s.crossPerSelf = cross_->value();
    s.batchSize = batch_->value();
    s.learningRate = float(lr_->value());
    s.seed = std::uint64_t(seed_->value());
    return s;
}

void CubeTrainingPanel::setSettings(const latentset::SharedLatentSettings& s, int contexts)
{
    loadingControls_ = true;
    contexts_->setValue(contexts);
    hidden_->setValue(int(s.hidden));
    latent_->setValue(int(s.latent));
    cross_->setValue(s.crossPerSelf);
    batch_->setValue(s.batchSize);
    lr_->setValue(s.learningRate);
    seed_->setValue(int(s.seed));
    loadingControls_ = false;
    reset();
}

void CubeTrainingPanel::setDataset(std::shared_ptr<const latentset::CubeDataset> data)
{
    data_ = std::move(data);
    injectedData_ = static_cast<bool>(data_);
    dataContexts_ = data_ ? data_->contexts().size() : 0;
    loadingControls_ = true;
    if (data_)
        contexts_->setValue(dataContexts_);
    loadingControls_ = false;
    reset();
}

void CubeTrainingPanel::markChanged()
{
    if (loadingControls_ || (!task_ && !pendingState_))
        return;
    needsReset_ = true;
    banner_->setText(tr("Settings changed: Reset to apply (the running task keeps its old shape)."));
    banner_->show();
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
    const latentset::SharedLatentSettings s = settings();
    const int contexts = contexts_->value();
    std::shared_ptr<const latentset::CubeDataset> data = data_;
    if (injectedData_ && dataContexts_ != contexts)
        data.reset(); // the injected set has other contexts: build from MNIST
    status_->setText(data ? tr("building members…") : tr("painting MNIST digits on the cube…"));
    builder_->submit([this, s, contexts, data, then]() -> JobRunner::Continuation {
        std::shared_ptr<const latentset::CubeDataset> d = data;
        if (!d) {
            // Same core calls as `latentset-cli cube train`.
            auto cx = std::make_shared<const latentset::CubeContexts>(latentset::CubeContextsConfig::forCount(contexts));
            d = std::make_shared<const latentset::CubeDataset>(cx, mnistTraining());
        }
        auto task = std::make_shared<latentset::SharedLatentTask>(d, s);
        return [this, d, task, then] {
            data_ = d;
            dataContexts_ = d->contexts().size();
            task_ = task;
            latentset::TrainerSettings ts;
            ts.epochs = std::size_t(1) << 40; // runs until paused/reset, like the CLI without --steps
            ts.progressInterval = 0.2;
            ts.snapshotInterval = 2.0;
            adapter_->setTask(task_, ts);
            history_.rows.clear();
            replotHistory();
            then();
            // The runner is busy until this continuation returns: enable the buttons after it.
            QTimer::singleShot(0, this, [this] { updateButtons(); });
        };
    });
    updateButtons();
}

void CubeTrainingPanel::togglePlay()
{
    if (saving_)
        return; // see TrainingPanel::setSaving()
    if (adapter_->state() == latentset::TrainerState::Running) {
        adapter_->pause();
        publishSnapshot();
        return;
    }
    ensureTask([this] { adapter_->play(); });
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
    needsReset_ = false;
    banner_->hide();
    status_->setText(tr("idle"));
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
    loadingControls_ = true;
    contexts_->setValue(state->contexts.count());
    hidden_->setValue(int(state->settings.hidden));
    latent_->setValue(int(state->settings.latent));
    cross_->setValue(state->settings.crossPerSelf);
    batch_->setValue(state->settings.batchSize);
    lr_->setValue(double(state->learningRate)); // the rate in effect when saved
    seed_->setValue(int(state->settings.seed));
    loadingControls_ = false;
    needsReset_ = false;
    banner_->hide();
    if (!state->history.empty())
        history_ = state->history;
    replotHistory();
    pendingState_ = std::move(state);
    status_->setText(tr("%1 rounds (opened from a project) · press Play or Step to continue")
                         .arg(qint64(pendingState_->rounds)));
    updateButtons();
}

void CubeTrainingPanel::resumeTask(std::function<void()> then)
{
    const std::shared_ptr<latentset::SharedLatentState> state = pendingState_;
    std::shared_ptr<const latentset::CubeDataset> data = data_;
    // The session's contexts are usually the project's (its cube world):
    // reusing them saves building 100 warps again.
    Session::ContextsPtr known = session_->cubeContexts();
    status_->setText(tr("resuming %1 rounds…").arg(qint64(state->rounds)));
    builder_->submit([this, state, data, known, then]() -> JobRunner::Continuation {
        std::shared_ptr<const latentset::CubeDataset> d;
        if (data && sameContexts(data->contexts().config(), state->contexts)
            && state->glyphMismatch(data->glyphSet()).empty()) {
            d = data; // the glyphs it was trained on (an injected set, or MNIST already painted)
        } else {
            auto cx = known && sameContexts(known->config(), state->contexts)
                ? known
                : std::make_shared<const latentset::CubeContexts>(state->contexts);
            d = std::make_shared<const latentset::CubeDataset>(cx, mnistTraining());
        }
        const QString mismatch = QString::fromStdString(state->glyphMismatch(d->glyphSet()));
        // Everything that could refuse the state is checked before its
        // members move into the task, so a failure leaves it intact.
        state->checkFits(d->contexts());
        latentset::TrainerSettings ts;
        ts.epochs = std::size_t(1) << 40;
        ts.progressInterval = 0.2;
        ts.snapshotInterval = 2.0;
        // The Trainer's epoch count goes on from the saved cycles (display
        // only: SharedLatentTask's draws depend on the round alone).
        const std::int64_t cycles = state->rounds / (state->settings.crossPerSelf + 1);
        ts.startEpoch = std::size_t(cycles / state->settings.cyclesPerEpoch);
        ts.startBatch = std::size_t(cycles % state->settings.cyclesPerEpoch);
        auto task = std::make_shared<latentset::SharedLatentTask>(d, std::move(*state));
        return [this, d, task, ts, mismatch, then] {
            pendingState_.reset();
            data_ = d;
            dataContexts_ = d->contexts().size();
            task_ = task;
            adapter_->setTask(task_, ts);
            if (!mismatch.isEmpty()) {
                banner_->setText(tr("Resumed the weights and optimiser state, but on other glyphs (%1): the "
                                    "continued run draws other batches than the saved one would have.")
                                     .arg(mismatch));
                banner_->show();
            }
            status_->setText(tr("%1 rounds (resumed)").arg(qint64(task_->roundsDone())));
            then();
            QTimer::singleShot(0, this, [this] { updateButtons(); });
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
    const auto last = std::dynamic_pointer_cast<const latentset::CubeSnapshot>(lastSnapshot_);
    if (session_->hasCubeWorld() && (!last || session_->cubeMembers().get() != &last->set))
        return;
    std::shared_ptr<const latentset::TaskSnapshot> current;
    t->withTaskAtRest([&current](const latentset::TrainingTask& task) { current = task.snapshot(); });
    const auto cube = std::dynamic_pointer_cast<const latentset::CubeSnapshot>(current);
    if (!cube)
        return;
    lastSnapshot_ = current;
    session_->setCubeWorld(Session::SetPtr(cube, &cube->set), cube->contexts);
}

std::int64_t CubeTrainingPanel::roundsDone() const
{
    if (task_)
        return task_->roundsDone();
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
    status_->setText(tr("%1 rounds · self %2 · cross %3 · %4 samples/s · %5 GFLOP/s · lr %6")
                         .arg(qint64(rounds))
                         .arg(p.losses.size() > 0 ? p.losses[0] : 0.0f, 0, 'f', 4)
                         .arg(p.losses.size() > 1 ? p.losses[1] : 0.0f, 0, 'f', 4)
                         .arg(p.samplesPerSecond, 0, 'f', 0)
                         .arg(p.gflops, 0, 'f', 1)
                         .arg(double(task_->learningRate()), 0, 'g', 3));
    publishSnapshot();
}

void CubeTrainingPanel::publishSnapshot()
{
    auto s = adapter_->snapshot();
    if (!s || s == lastSnapshot_)
        return;
    lastSnapshot_ = s;
    auto cube = std::dynamic_pointer_cast<const latentset::CubeSnapshot>(s);
    if (!cube)
        return;
    // Aliasing: the Session's set pointer keeps the whole snapshot alive, no copy.
    session_->setCubeWorld(Session::SetPtr(cube, &cube->set), cube->contexts);
}

void CubeTrainingPanel::updateButtons()
{
    const bool running = shownState_ == latentset::TrainerState::Running;
    const bool building = builder_->busy();
    play_->setText(running ? tr("Pause") : tr("Play"));
    play_->setEnabled(!building && !saving_);
    step_->setEnabled(!building && !running && !saving_);
}
