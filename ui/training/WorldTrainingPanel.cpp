#include "training/WorldTrainingPanel.h"

#include "async/JobRunner.h"
#include "async/TrainerAdapter.h"
#include "image/WorldSources.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "training/TrainingStrip.h"
#include "training/WorldTaskBuilder.h"
#include "widgets/PlotView.h"

#include "latentset/util/Error.h"
#include "latentset/world/WorldModel.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
// The adapter only runs this panel's WorldTask, whose snapshots are
// WorldSnapshots (world/WorldTask.h): the type is known, not asked.
std::shared_ptr<const latentset::WorldSnapshot> worldSnapshot(std::shared_ptr<const latentset::TaskSnapshot> s)
{
    return std::static_pointer_cast<const latentset::WorldSnapshot>(std::move(s));
}
} // namespace

WorldTrainingPanel::WorldTrainingPanel(Session* session, QWidget* parent)
    : QWidget(parent), session_(session), atRest_([this] { return trainingAtRest(); })
{
    adapter_ = new TrainerAdapter(this);
    builder_ = new JobRunner(this, this);
    files_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    history_.columns = {"round", "self", "cross"};
    buildLayout();
    connect(strip_, &TrainingStrip::playToggled, this, &WorldTrainingPanel::togglePlay);
    connect(strip_, &TrainingStrip::stepRequested, this, &WorldTrainingPanel::step);
    connect(strip_, &TrainingStrip::resetRequested, this, &WorldTrainingPanel::reset);
    connect(adapter_, &TrainerAdapter::progress, this, &WorldTrainingPanel::onProgress);
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { updateButtons(); });
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { atRest_.check(); }, Qt::QueuedConnection);
    connect(adapter_, &TrainerAdapter::parked, this, [this] {
        publishSnapshot();
        atRest_.check();
    });
    connect(adapter_, &TrainerAdapter::finished, this, [this](latentset::TrainerState, const QString& message) {
        publishSnapshot();
        updateButtons();
        atRest_.check();
        if (!message.isEmpty())
            showBanner(message);
    });
    for (JobRunner* runner : {builder_, files_}) {
        connect(runner, &JobRunner::failed, this, [this](const QString& message) {
            showBanner(message);
            strip_->setStatus(tr("idle"));
            updateButtons();
        });
        connect(runner, &JobRunner::busyChanged, this, [this] {
            updateButtons();
            atRest_.check();
        });
    }
    connect(form_, &WorldTrainingForm::shapeChanged, this, &WorldTrainingPanel::markChanged);
    connect(form_, &WorldTrainingForm::learningRateChanged, this, [this](double v) {
        if (task_ && v > 0)
            task_->setLearningRate(float(v)); // read at the start of the next round
    });
    updateButtons();
}

WorldTrainingPanel::~WorldTrainingPanel()
{
    adapter_->reset(); // join the training thread before the task's world goes
}

void WorldTrainingPanel::buildLayout()
{
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* column = new QVBoxLayout;
    form_ = new WorldTrainingForm;
    column->addWidget(form_);
    auto* files = new QHBoxLayout;
    open_ = new QPushButton(tr("Open world…"));
    open_->setAccessibleName(tr("Open a world model file"));
    open_->setToolTip(tr("A world model file (latentset-cli world train --save, or Save world… here): the views "
                         "show it and Play trains it on."));
    save_ = new QPushButton(tr("Save world…"));
    save_->setAccessibleName(tr("Save the world as a world model file"));
    save_->setToolTip(tr("Writes the members, the world's settings and the noise variance: the file latentset-cli "
                         "world estimate|oneshot --model reads."));
    files->addWidget(open_);
    files->addWidget(save_);
    files->addStretch();
    column->addLayout(files);
    strip_ = new TrainingStrip(tr("one cycle (a self round and its cross rounds)"));
    strip_->setProgress(-1);
    column->addWidget(strip_);
    banner_ = new QLabel;
    banner_->setWordWrap(true);
    banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner_->setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border-radius: 4px; }");
    banner_->hide();
    column->addWidget(banner_);
    column->addStretch();
    auto* settingsWidget = new QWidget;
    settingsWidget->setLayout(column);
    settingsWidget->setMaximumWidth(380);
    outer->addWidget(settingsWidget);
    lossPlot_ = new PlotView;
    lossPlot_->setTitle(tr("Context world: self and cross loss (BCE per mask pixel)"));
    lossPlot_->setAxisLabels(tr("rounds"), tr("loss per mask pixel"));
    lossPlot_->setLogY(true);
    lossPlot_->setSmoothing(0.6);
    lossPlot_->setLegendVisible(true);
    lossPlot_->addSeries(tr("self"), QColor(31, 119, 180));
    lossPlot_->addSeries(tr("cross"), QColor(214, 39, 40));
    outer->addWidget(lossPlot_, 1);
    connect(open_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open world model"), QString(),
                                                          tr("LatentSet models (*.lset);;All files (*)"));
        if (!path.isEmpty())
            openModel(path);
    });
    connect(save_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save world model"),
                                                          QString::fromStdString(spec_.kind) + "-world.lset",
                                                          tr("LatentSet models (*.lset)"));
        if (!path.isEmpty())
            saveModel(path);
    });
}

QPushButton* WorldTrainingPanel::playButton() const { return strip_->playButton(); }

void WorldTrainingPanel::showBanner(const QString& text)
{
    banner_->setText(text);
    banner_->show();
}

void WorldTrainingPanel::setSource(latentset::WorldSource source, latentset::WorldSpec spec)
{
    injected_ = std::move(source);
    injectedSpec_ = std::move(spec);
    reset();
}

void WorldTrainingPanel::markChanged()
{
    if (!task_ && !pendingModel_)
        return;
    needsReset_ = true;
    showBanner(tr("Settings changed: Reset to apply (the running task keeps its old world and shape)."));
}

void WorldTrainingPanel::ensureTask(std::function<void()> then)
{
    if (task_) {
        then();
        return;
    }
    if (builder_->busy() || files_->busy())
        return;
    banner_->hide();
    const WorldTrainingForm::Values values = form_->values();
    latentset::WorldTrainSettings settings = values.settings;
    latentset::WorldSource source = injected_;
    std::shared_ptr<const latentset::WorldModel> model = pendingModel_;
    if (model)
        source = pendingSource_;
    else if (!injected_.empty())
        settings.world = injectedSpec_;
    try {
        // Fonts are drawn here (Qt's rule: the GUI thread); the rest on the worker.
        if (!model && source.empty() && WorldTaskBuilder::needsGuiThread(settings.world)) {
            strip_->setStatus(tr("drawing the fonts' glyphs…"));
            settings.world = WorldTaskBuilder::resolved(settings.world, values.fontCount);
            source = WorldSources::forSpec(settings.world);
        }
    } catch (const std::exception& e) {
        showBanner(QString::fromUtf8(e.what()));
        strip_->setStatus(tr("idle"));
        return;
    }
    strip_->setStatus(model ? tr("continuing the opened world…") : tr("building the world's contexts and members…"));
    builder_->submit([this, settings, source, model, then]() -> JobRunner::Continuation {
        const WorldTaskBuilder built = model ? WorldTaskBuilder::continueModel(*model, settings.training, source)
                                             : WorldTaskBuilder::fresh(settings, source);
        return [this, built, then, opened = bool(model)] {
            pendingModel_.reset();
            pendingSource_ = {};
            if (!opened) {
                history_.rows.clear();
                replotHistory();
            }
            taskBuilt(built);
            strip_->setStatus(tr("%1 contexts · %2 rounds")
                                  .arg(built.source.train->contextCount())
                                  .arg(qint64(task_->roundsDone())));
            then();
        };
    });
    updateButtons();
}

void WorldTrainingPanel::taskBuilt(const WorldTaskBuilder& built)
{
    spec_ = built.spec;
    source_ = built.source;
    task_ = built.task;
    adapter_->setTask(task_, built.trainer);
}

void WorldTrainingPanel::togglePlay()
{
    if (saving_)
        return;
    if (adapter_->playing()) {
        adapter_->pause(); // the newest members come with the parked signal
        return;
    }
    ensureTask([this] { adapter_->play(); });
}

void WorldTrainingPanel::pause() { adapter_->pause(); }

void WorldTrainingPanel::step()
{
    if (saving_)
        return;
    ensureTask([this] { adapter_->step(); });
}

bool WorldTrainingPanel::playing() const { return adapter_->playing(); }

void WorldTrainingPanel::reset()
{
    dropTask();
    pendingModel_.reset();
    pendingSource_ = {};
    needsReset_ = false;
    banner_->hide();
    strip_->setStatus(tr("idle"));
    strip_->setSpeed({});
    updateButtons();
}

void WorldTrainingPanel::dropTask()
{
    builder_->discardRunning();
    adapter_->reset();
    task_.reset();
    lastSnapshot_.reset();
    history_ = latentset::MetricHistory{{"round", "self", "cross"}, {}};
    replotHistory();
}

void WorldTrainingPanel::replotHistory()
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

bool WorldTrainingPanel::trainingAtRest() const
{
    if (builder_->busy() || files_->busy())
        return false;
    latentset::Trainer* t = adapter_->trainer();
    return !t || t->withTaskAtRest([](const latentset::TrainingTask&) {});
}

void WorldTrainingPanel::setSaving(bool saving)
{
    saving_ = saving;
    updateButtons();
}

std::int64_t WorldTrainingPanel::roundsDone() const
{
    if (task_)
        return task_->roundsDone();
    return pendingModel_ ? pendingModel_->rounds : 0;
}

void WorldTrainingPanel::onProgress(const latentset::TrainerProgress& p)
{
    if (!task_)
        return;
    const double rounds = double(task_->roundsDone());
    const double self = p.losses.size() > 0 ? double(p.losses[0]) : 0.0;
    const double cross = p.losses.size() > 1 ? double(p.losses[1]) : 0.0;
    if (self > 0)
        lossPlot_->append(0, rounds, self);
    if (cross > 0)
        lossPlot_->append(1, rounds, cross);
    history_.addRow({rounds, self, cross});
    strip_->setStatus(tr("%1 · %2 contexts · %3 rounds · self %4 · cross %5")
                          .arg(QString::fromStdString(spec_.kind))
                          .arg(task_->world().contextCount())
                          .arg(qint64(rounds))
                          .arg(self, 0, 'f', 4)
                          .arg(cross, 0, 'f', 4));
    strip_->showRate(p, tr("lr %1").arg(double(task_->learningRate()), 0, 'g', 3));
    publishSnapshot();
}

void WorldTrainingPanel::publishSnapshot()
{
    const auto snap = worldSnapshot(adapter_->snapshot());
    if (snap && snap != lastSnapshot_ && task_)
        showSnapshot(snap);
}

void WorldTrainingPanel::publishCurrent()
{
    latentset::Trainer* t = adapter_->trainer();
    if (!t || !task_)
        return;
    std::shared_ptr<const latentset::TaskSnapshot> snap;
    const auto task = task_;
    t->withTaskAtRest([&snap, &task](const latentset::TrainingTask&) { snap = task->snapshot(); });
    if (snap)
        showSnapshot(worldSnapshot(snap));
}

void WorldTrainingPanel::showSnapshot(std::shared_ptr<const latentset::WorldSnapshot> snap)
{
    lastSnapshot_ = snap;
    auto world = std::make_shared<SessionWorld>();
    world->spec = spec_;
    world->train = source_.train;
    world->test = source_.test;
    // Aliasing: the session's members keep the whole snapshot alive, no copy.
    world->members = std::shared_ptr<const latentset::AutoencoderSet>(snap, &snap->set);
    world->rounds = snap->rounds;
    if (task_) {
        world->training = task_->settings();
        world->training.learningRate = task_->learningRate();
    }
    session_->setWorld(std::move(world));
}

void WorldTrainingPanel::updateButtons()
{
    const bool busy = builder_->busy() || files_->busy();
    strip_->setState(adapter_->playing(), !busy && !saving_, true);
    strip_->stepButton()->setEnabled(!busy && !saving_ && !adapter_->playing());
    open_->setEnabled(!busy);
    save_->setEnabled(!busy && (task_ || pendingModel_));
}
