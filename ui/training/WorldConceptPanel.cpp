#include "training/WorldConceptPanel.h"

#include "training/LevelTwoObserver.h"

#include "async/JobRunner.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "widgets/SpinBoxes.h"

#include "latentset/experiments/WorldConceptExperiment.h"
#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/world/WorldConcept.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/world/WorldModel.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

WorldConceptPanel::WorldConceptPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(new QLabel(tr("<b>Level-2 concept</b> of the world")));
    auto* form = new QFormLayout;
    units_ = SpinBoxes::make(tr("Level-2 units"), 0, 16);
    units_->setSpecialValueText(tr("auto"));
    units_->setToolTip(tr("Sigmoid units of the level-2 bottleneck; auto = one per degree of freedom (2 for a "
                          "circular axis), as latentset-cli world concept --units 0."));
    hidden_ = SpinBoxes::make(tr("Level-2 hidden units"), 1, 65536);
    hidden_->setToolTip(tr("Hidden layer size of the level-2 autoencoder (--hidden)."));
    epochs_ = SpinBoxes::make(tr("Level-2 epochs"), 1, 100000);
    epochs_->setToolTip(tr("Level-2 training epochs per start (--epochs)."));
    samples_ = SpinBoxes::make(tr("Training inputs"), 10, 1000000);
    samples_->setToolTip(tr("Training items shown at random parameter values (--samples)."));
    restarts_ = SpinBoxes::make(tr("Starts"), 1, 100);
    restarts_->setToolTip(tr("Fresh initialisations; the lowest final loss is kept (--restarts)."));
    form->addRow(tr("Units"), units_);
    form->addRow(tr("Hidden"), hidden_);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Inputs"), samples_);
    form->addRow(tr("Starts"), restarts_);
    column->addLayout(form);
    auto* buttons = new QHBoxLayout;
    train_ = new QPushButton(tr("Train"));
    train_->setAccessibleName(tr("Train the world's level-2 concept, or stop"));
    open_ = new QPushButton(tr("Open…"));
    open_->setAccessibleName(tr("Open a world with its concept"));
    open_->setToolTip(tr("A file written by latentset-cli world concept --save (the world and its concept)."));
    buttons->addWidget(train_);
    buttons->addWidget(open_);
    column->addLayout(buttons);
    progress_ = new QProgressBar;
    progress_->setAccessibleName(tr("World concept training progress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    column->addWidget(progress_);
    status_ = new QLabel;
    status_->setAccessibleName(tr("World concept status"));
    status_->setWordWrap(true);
    status_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    column->addWidget(status_);
    setSettings(latentset::WorldConceptSettings{});
    connect(train_, &QPushButton::clicked, this, &WorldConceptPanel::toggleTraining);
    connect(open_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a world with its concept"), QString(),
                                                          tr("LatentSet files (*.lset)"));
        if (!path.isEmpty())
            emit openRequested(path);
    });
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) {
        running_ = false;
        stop_.reset();
        progress_->setRange(0, 1000);
        progress_->setValue(0);
        status_->setText(tr("Cannot train the concept: %1").arg(m));
        updateButtons();
        emit finished();
    });
    connect(session_, &Session::worldChanged, this, &WorldConceptPanel::updateButtons);
    connect(session_, &Session::worldConceptChanged, this, &WorldConceptPanel::describeSessionConcept);
    updateButtons();
    describeSessionConcept();
}

void WorldConceptPanel::describeSessionConcept()
{
    const auto level2 = session_->worldConcept();
    if (running_ || level2 == trained_)
        return;
    if (!level2) {
        status_->clear();
        return;
    }
    // One that came with a file (a project, `world concept --save`).
    const auto world = session_->world();
    status_->setText(tr("The session's concept came with %1: %2 unit(s) over %3 contexts, calibrated on %4 inputs. "
                        "Train replaces it.")
                         .arg(world && !world->file.isEmpty() ? QFileInfo(world->file).fileName() : tr("the world"))
                         .arg(level2->units())
                         .arg(level2->contexts())
                         .arg(level2->calibrationCodes().cols()));
}

WorldConceptPanel::~WorldConceptPanel()
{
    if (stop_)
        stop_->request_stop(); // the runner's destructor then waits for the worker
}

latentset::WorldConceptSettings WorldConceptPanel::settings() const
{
    latentset::WorldConceptSettings s = base_;
    s.units = units_->value();
    s.level2.hiddenSizes = {latentset::Index(hidden_->value())};
    s.level2.epochs = epochs_->value();
    s.samples = samples_->value();
    s.level2.restarts = restarts_->value();
    return s;
}

void WorldConceptPanel::setSettings(const latentset::WorldConceptSettings& s)
{
    base_ = s;
    units_->setValue(s.units);
    hidden_->setValue(s.level2.hiddenSizes.empty() ? 64 : int(s.level2.hiddenSizes.front()));
    epochs_->setValue(s.level2.epochs);
    samples_->setValue(s.samples);
    restarts_->setValue(s.level2.restarts);
}

void WorldConceptPanel::toggleTraining()
{
    if (running_) {
        if (stop_)
            stop_->request_stop();
        status_->setText(tr("stopping…"));
        return;
    }
    const auto world = session_->world();
    if (!world || !world->members || !world->test) {
        status_->setText(tr("Train or open a context world first (Training → Context world, or File > Open)."));
        return;
    }
    const latentset::WorldConceptSettings s = settings();
    stop_ = std::make_shared<latentset::StopSource>();
    running_ = true;
    progress_->setRange(0, 0); // mapping: no count to show
    status_->setText(tr("starting…"));
    runner_->submit([this, self = QPointer<WorldConceptPanel>(this), world, s,
                     stop = stop_]() -> JobRunner::Continuation {
        // The level-1 world as the experiment takes it, from the session's immutable snapshot.
        auto model = std::make_shared<latentset::WorldModel>();
        model->spec = world->spec;
        model->members = world->members->inferenceCopy();
        model->training = world->training;
        model->rounds = world->rounds;
        model->noiseVariance = world->noiseVariance > 0
            ? world->noiseVariance
            : latentset::WorldLikelihood::noiseVariance(model->members, *world->train,
                                                         latentset::WorldTrainExperiment::spread(*world->train, 50));
        latentset::WorldConceptExperiment experiment(s, model, latentset::WorldSource{world->train, world->test});
        LevelTwoObserver<WorldConceptPanel> observer(self);
        const latentset::WorldConceptResult result = experiment.run(&observer, stop->get_token());
        return [this, result, world] { onDone(result, world); };
    });
    updateButtons();
}

void WorldConceptPanel::onStage(const QString& stage)
{
    if (stage == "mapping")
        status_->setText(tr("showing %1 training and %2 held-out inputs to every member…")
                             .arg(settings().samples)
                             .arg(settings().heldOut));
    else if (stage == "mapped") {
        progress_->setRange(0, 1000);
        progress_->setValue(0);
        status_->setText(tr("training the level-2 autoencoder…"));
    }
}

void WorldConceptPanel::onEpoch(int restart, int epoch, double loss)
{
    const latentset::WorldConceptSettings s = settings();
    const double done = (double(restart) + double(epoch + 1) / double(std::max(1, s.level2.epochs)))
        / double(std::max(1, s.level2.restarts));
    progress_->setRange(0, 1000);
    progress_->setValue(int(1000 * done));
    status_->setText(tr("start %1/%2 · epoch %3/%4 · loss %5")
                         .arg(restart + 1)
                         .arg(s.level2.restarts)
                         .arg(epoch + 1)
                         .arg(s.level2.epochs)
                         .arg(loss, 0, 'f', 4));
    emit progressed(restart, epoch, loss);
}

void WorldConceptPanel::onDone(const latentset::WorldConceptResult& result,
                               const std::shared_ptr<const SessionWorld>& world)
{
    running_ = false;
    stop_.reset();
    progress_->setRange(0, 1000);
    const auto now = session_->world();
    if (result.stopped || !result.worldConcept) {
        // A network stopped part way is not the concept asked for: nothing is set.
        result_ = latentset::WorldConceptResult();
        result_.stopped = true;
        progress_->setValue(0);
        status_->setText(tr("Stopped: the session's concept is unchanged."));
    } else if (!now || now->train != world->train) {
        result_ = result;
        progress_->setValue(0);
        status_->setText(tr("The world was replaced while its concept trained: not used."));
    } else {
        result_ = result;
        progress_->setValue(1000);
        trained_ = result.worldConcept;
        session_->setWorldConcept(result.worldConcept);
        QStringList axes;
        for (const latentset::ConceptAxisErrors& a : result.axes)
            axes << tr("%1: %2 (whole vector %3, guessing %4)")
                        .arg(QString::fromStdString(a.name))
                        .arg(a.maeUnits, 0, 'g', 3)
                        .arg(a.maeLikelihood, 0, 'g', 3)
                        .arg(a.maeChance, 0, 'g', 3);
        status_->setText(tr("%1 unit(s), %2 inputs (maps %3 s, training %4 s), loss %5. Mean abs error on %6 "
                            "held-out inputs from the units — %7")
                             .arg(result.units)
                             .arg(result.samples)
                             .arg(result.mapSeconds, 0, 'f', 1)
                             .arg(result.trainSeconds, 0, 'f', 1)
                             .arg(result.finalLoss, 0, 'f', 4)
                             .arg(result.heldOut)
                             .arg(axes.join("; ")));
    }
    updateButtons();
    emit finished();
}

void WorldConceptPanel::updateButtons()
{
    const auto world = session_->world();
    train_->setText(running_ ? tr("Stop") : tr("Train"));
    train_->setEnabled(running_ || (world && world->members));
    open_->setEnabled(!running_);
    progress_->setVisible(running_); // the status line says how a run ended
    for (QSpinBox* s : {units_, hidden_, epochs_, samples_, restarts_})
        s->setEnabled(!running_);
}
