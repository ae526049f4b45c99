#include "training/ConceptTrainingPanel.h"

#include "training/LevelTwoObserver.h"

#include "async/JobRunner.h"
#include "session/Session.h"
#include "widgets/PlotView.h"

#include "latentset/cube/CubeModel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
QSpinBox* spin(const QString& name, int lo, int hi, const QString& tip)
{
    auto* s = new QSpinBox;
    s->setAccessibleName(name);
    s->setRange(lo, hi);
    s->setToolTip(tip);
    return s;
}
} // namespace

ConceptTrainingPanel::ConceptTrainingPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* column = new QVBoxLayout;
    auto* box = new QGroupBox(tr("Level-2 concept (one latent unit)"));
    auto* form = new QFormLayout(box);
    digit_ = spin(tr("Digit on every face"), 0, 9, tr("The MNIST digit painted on every face of the training cubes."));
    cubes_ = spin(tr("Training cubes"), 0, 1000000, tr("0 = one cube per training image of the digit (5,421 fives)."));
    heldOut_ = spin(tr("Held-out cubes"), 10, 100000, tr("Cubes of test-split digits at new angles, for Spearman's rho."));
    hidden_ = spin(tr("Hidden units"), 1, 65536, tr("Hidden layer size of the level-2 autoencoder."));
    epochs_ = spin(tr("Epochs"), 1, 100000, tr("Level-2 training epochs per start."));
    restarts_ = spin(tr("Starts"), 1, 100, tr("Fresh initialisations; the one with the lowest final loss is kept."));
    seed_ = spin(tr("Seed"), 0, 1 << 30, tr("Seeds the cubes' angles, the weights and the shuffling."));
    form->addRow(tr("Digit"), digit_);
    form->addRow(tr("Training cubes"), cubes_);
    form->addRow(tr("Held-out cubes"), heldOut_);
    form->addRow(tr("Hidden units"), hidden_);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Starts"), restarts_);
    form->addRow(tr("Seed"), seed_);
    column->addWidget(box);
    train_ = new QPushButton(tr("Train"));
    train_->setAccessibleName(tr("Train the level-2 concept, or stop"));
    column->addWidget(train_);
    progress_ = new QProgressBar;
    progress_->setAccessibleName(tr("Concept training progress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    column->addWidget(progress_);
    status_ = new QLabel;
    status_->setAccessibleName(tr("Concept training status"));
    status_->setWordWrap(true);
    column->addWidget(status_);
    column->addStretch();
    auto* settingsWidget = new QWidget;
    settingsWidget->setLayout(column);
    settingsWidget->setMaximumWidth(360);
    outer->addWidget(settingsWidget);
    lossPlot_ = new PlotView;
    lossPlot_->setTitle(tr("Level-2 loss per epoch (one curve per start)"));
    lossPlot_->setAxisLabels(tr("epoch"), tr("loss"));
    lossPlot_->setLogY(true);
    lossPlot_->setLegendVisible(true);
    outer->addWidget(lossPlot_, 1);
    setSettings(latentset::ConceptExperimentSettings{});
    connect(train_, &QPushButton::clicked, this, &ConceptTrainingPanel::toggleTraining);
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) {
        running_ = false;
        status_->setText(tr("Cannot train the concept: %1").arg(m));
        updateButtons();
    });
    connect(session_, &Session::cubeWorldChanged, this, &ConceptTrainingPanel::updateButtons);
    updateButtons();
}

ConceptTrainingPanel::~ConceptTrainingPanel()
{
    if (stop_)
        stop_->request_stop(); // the runner's destructor then waits for the worker
}

latentset::ConceptExperimentSettings ConceptTrainingPanel::settings() const
{
    latentset::ConceptExperimentSettings s = base_;
    s.digit = digit_->value();
    s.cubes = cubes_->value();
    s.heldOut = heldOut_->value();
    s.level2.hiddenSizes = {latentset::Index(hidden_->value())};
    s.level2.epochs = epochs_->value();
    s.level2.restarts = restarts_->value();
    s.level2.seed = std::uint64_t(seed_->value());
    return s;
}

void ConceptTrainingPanel::setSettings(const latentset::ConceptExperimentSettings& s)
{
    base_ = s;
    digit_->setValue(s.digit);
    cubes_->setValue(s.cubes);
    heldOut_->setValue(s.heldOut);
    hidden_->setValue(s.level2.hiddenSizes.empty() ? 64 : int(s.level2.hiddenSizes.front()));
    epochs_->setValue(s.level2.epochs);
    restarts_->setValue(s.level2.restarts);
    seed_->setValue(int(s.level2.seed));
}

void ConceptTrainingPanel::toggleTraining()
{
    if (running_) {
        if (stop_)
            stop_->request_stop();
        status_->setText(tr("stopping…"));
        return;
    }
    if (!session_->hasCubeWorld()) {
        status_->setText(tr("Train or open a cube world first (Training: Cube world, or File > Open)."));
        return;
    }
    // The level-1 world as the experiment takes it; the members are copied
    // on the worker (the session's snapshot is immutable).
    const Session::SetPtr members = session_->cubeMembers();
    const Session::ContextsPtr contexts = session_->cubeContexts();
    const latentset::ConceptExperimentSettings s = settings();
    stop_ = std::make_shared<latentset::StopSource>();
    running_ = true;
    lastRestart_ = -1;
    lossPlot_->removeAllSeries();
    progress_->setValue(0);
    status_->setText(tr("starting…"));
    runner_->submit([this, self = QPointer<ConceptTrainingPanel>(this), members, contexts, s,
                     stop = stop_]() -> JobRunner::Continuation {
        auto world = std::make_shared<latentset::CubeModel>();
        world->contexts = contexts;
        world->members = members->inferenceCopy();
        latentset::ConceptExperiment experiment(s, world);
        LevelTwoObserver<ConceptTrainingPanel> observer(self);
        const latentset::ConceptResult result = experiment.run(&observer, stop->get_token());
        return [this, result] { onDone(result); };
    });
    updateButtons();
}

void ConceptTrainingPanel::onStage(const QString& stage)
{
    if (stage == "rendering")
        status_->setText(tr("rendering cubes and their context maps…"));
    else if (stage == "rendered")
        status_->setText(tr("training the level-2 autoencoder…"));
}

void ConceptTrainingPanel::onEpoch(int restart, int epoch, double loss)
{
    const latentset::ConceptExperimentSettings s = settings();
    if (restart != lastRestart_) {
        static const QColor colors[] = {QColor(0, 114, 178), QColor(230, 159, 0), QColor(0, 158, 115),
                                        QColor(204, 121, 167), QColor(86, 180, 233)};
        lossPlot_->addSeries(tr("start %1").arg(restart + 1), colors[restart % 5]);
        lastRestart_ = restart;
    }
    lossPlot_->append(lossPlot_->seriesCount() - 1, epoch + 1, loss);
    const double done = (double(restart) + double(epoch + 1) / double(std::max(1, s.level2.epochs)))
        / double(std::max(1, s.level2.restarts));
    progress_->setValue(int(1000 * done));
    status_->setText(tr("start %1/%2 · epoch %3/%4 · loss %5")
                         .arg(restart + 1)
                         .arg(s.level2.restarts)
                         .arg(epoch + 1)
                         .arg(s.level2.epochs)
                         .arg(loss, 0, 'f', 4));
    emit progressed(restart, epoch, loss);
}

void ConceptTrainingPanel::onDone(const latentset::ConceptResult& result)
{
    running_ = false;
    stop_.reset();
    result_ = result;
    progress_->setValue(1000);
    if (result.model)
        session_->setConceptModel(result.model);
    status_->setText(tr("%1 %2 cubes (maps %3 s, training %4 s), final loss %5 · Spearman rho(unit, angle) on "
                        "%6 held-out cubes %7 (training %8; near ±1: the unit tracks the angle)")
                         .arg(result.stopped ? tr("Stopped early on") : tr("Trained on"))
                         .arg(result.cubes)
                         .arg(result.mapSeconds, 0, 'f', 1)
                         .arg(result.trainSeconds, 0, 'f', 1)
                         .arg(double(result.finalLoss), 0, 'f', 4)
                         .arg(result.heldOut)
                         .arg(result.spearman, 0, 'f', 3)
                         .arg(result.spearmanTrain, 0, 'f', 3));
    updateButtons();
    emit trained();
}

void ConceptTrainingPanel::updateButtons()
{
    train_->setText(running_ ? tr("Stop") : tr("Train"));
    train_->setEnabled(running_ || session_->hasCubeWorld());
    for (QSpinBox* s : {digit_, cubes_, heldOut_, hidden_, epochs_, restarts_, seed_})
        s->setEnabled(!running_);
}
