#include "training/TrainingPanel.h"

#include "widgets/ColorMapView.h"
#include "training/CubeTrainingPanel.h"
#include "image/ImageConvert.h"
#include "async/JobRunner.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "async/TrainerAdapter.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/nn/Loss.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QElapsedTimer>
#include <qcustomplot.h>
#include <QVBoxLayout>

#include <cmath>

using latentset::TrainerState;

namespace {

// Okabe-Ito's colour-blind-safe set, extended by two for ten members.
const QColor kMemberColors[] = {QColor(0, 114, 178),  QColor(230, 159, 0),   QColor(0, 158, 115),
                                QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                QColor(240, 228, 66),  QColor(0, 0, 0),      QColor(120, 120, 120),
                                QColor(140, 80, 40)};

QColor memberColor(int i) { return kMemberColors[i % 10]; }

constexpr int kValidationSample = 500; // validation images scored per snapshot (cheap enough to run beside training)
constexpr qint64 kValidationInterval = 15000; // ms between validations while training runs (see buildTask)
constexpr int kThumb = 56;
// The class set's batch size, as latentset-cli mnist: 64 reached 98.63 % on MNIST where
// 128 reached 98.45 % (docs/engine.md), so the recipe reproduces the CLI's figure.
constexpr int kDefaultBatch = 64;

} // namespace

TrainingPanel::TrainingPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    adapter_ = new TrainerAdapter(this);
    loader_ = new JobRunner(this, this);
    validator_ = new JobRunner(this, this);
    builder_ = new JobRunner(this, this);

    // Two modes: the class set (this panel's own controls) and the cube
    // world (CubeTrainingPanel), one page each.
    auto* page = new QVBoxLayout(this);
    auto* modeRow = new QHBoxLayout;
    mode_ = new QComboBox;
    mode_->setAccessibleName(tr("What to train"));
    mode_->addItem(tr("Class set (one member per class)"), "class-set");
    mode_->addItem(tr("Cube world (one member per cube context, shared latent)"), "cube-world");
    modeRow->addWidget(new QLabel(tr("Train:")));
    modeRow->addWidget(mode_);
    modeRow->addStretch();
    page->addLayout(modeRow);
    pages_ = new QStackedWidget;
    page->addWidget(pages_, 1);
    auto* classSetPage = new QWidget;
    pages_->addWidget(classSetPage);
    cube_ = new CubeTrainingPanel(session_, this);
    pages_->addWidget(cube_);
    connect(mode_, &QComboBox::currentIndexChanged, pages_, &QStackedWidget::setCurrentIndex);
    auto* outer = new QHBoxLayout(classSetPage);
    outer->setContentsMargins(0, 0, 0, 0);
    // ---- settings column ---------------------------------------------------
    auto* settingsColumn = new QVBoxLayout;
    auto* dataBox = new QGroupBox(tr("Data"));
    auto* dataForm = new QFormLayout(dataBox);
    dataset_ = new QComboBox;
    dataset_->setAccessibleName(tr("Dataset"));
    for (const auto& e : latentset::DatasetCatalog::known())
        dataset_->addItem(QString::fromStdString(e.title) + (e.present ? QString() : tr(" (missing)")),
                          QString::fromStdString(e.id));
    validation_ = new QSpinBox;
    validation_->setAccessibleName(tr("Validation images"));
    validation_->setRange(100, 20000);
    validation_->setSingleStep(1000);
    validation_->setValue(5000);
    auto* load = new QPushButton(tr("Load"));
    load->setAccessibleName(tr("Load the dataset"));
    auto* dataRow = new QHBoxLayout;
    dataRow->addWidget(dataset_, 1);
    dataRow->addWidget(load);
    dataForm->addRow(tr("Dataset"), dataRow);
    dataForm->addRow(tr("Validation split"), validation_);
    settingsColumn->addWidget(dataBox);

    auto* archBox = new QGroupBox(tr("Architecture (one member per class)"));
    auto* arch = new QFormLayout(archBox);
    hidden_ = new QLineEdit("2048");
    hidden_->setAccessibleName(tr("Hidden layer sizes"));
    hidden_->setToolTip(tr("Comma-separated hidden sizes of the encoder (the decoder mirrors them)."));
    latent_ = new QSpinBox;
    latent_->setAccessibleName(tr("Latent size"));
    latent_->setRange(1, 512);
    latent_->setValue(16);
    tied_ = new QCheckBox(tr("tied decoder weights"));
    tied_->setAccessibleName(tr("Tied decoder weights"));
    tied_->setChecked(true);
    activation_ = new QComboBox;
    activation_->setAccessibleName(tr("Hidden activation"));
    activation_->addItems({"relu", "tanh", "sigmoid"});
    arch->addRow(tr("Hidden sizes"), hidden_);
    arch->addRow(tr("Latent size"), latent_);
    arch->addRow(tr("Hidden activation"), activation_);
    arch->addRow(QString(), tied_);
    arch->addRow(new QLabel(tr("<small>linear latent, sigmoid output, binary cross-entropy</small>")));
    settingsColumn->addWidget(archBox);

    auto* optBox = new QGroupBox(tr("Optimiser"));
    auto* opt = new QFormLayout(optBox);
    optimizer_ = new QComboBox;
    optimizer_->setAccessibleName(tr("Optimiser"));
    optimizer_->addItem("Adam", "adam");
    optimizer_->addItem(tr("SGD + momentum"), "sgd");
    lr_ = new QDoubleSpinBox;
    lr_->setAccessibleName(tr("Learning rate (applies while running)"));
    lr_->setDecimals(5);
    lr_->setRange(1e-5, 1.0);
    lr_->setSingleStep(1e-4);
    lr_->setValue(1e-3);
    batch_ = new QSpinBox;
    batch_->setAccessibleName(tr("Batch size (applies from the next epoch while running)"));
    batch_->setToolTip(tr("Changeable while training: the new size applies at the next epoch boundary."));
    batch_->setRange(1, 4096);
    batch_->setValue(kDefaultBatch);
    batchNote_ = new QLabel;
    batchNote_->setAccessibleName(tr("Pending batch size"));
    batchNote_->setWordWrap(true);
    batchNote_->hide();
    epochs_ = new QSpinBox;
    epochs_->setAccessibleName(tr("Epochs"));
    epochs_->setRange(1, 1000);
    epochs_->setValue(20);
    noise_ = new QDoubleSpinBox;
    noise_->setAccessibleName(tr("Masking noise"));
    noise_->setRange(0, 0.9);
    noise_->setSingleStep(0.05);
    seed_ = new QSpinBox;
    seed_->setAccessibleName(tr("Seed"));
    seed_->setRange(0, 1000000);
    seed_->setValue(1);
    opt->addRow(tr("Method"), optimizer_);
    opt->addRow(tr("Learning rate"), lr_);
    opt->addRow(tr("Batch size"), batch_);
    opt->addRow(QString(), batchNote_);
    opt->addRow(tr("Epochs"), epochs_);
    opt->addRow(tr("Masking noise"), noise_);
    opt->addRow(tr("Seed"), seed_);
    settingsColumn->addWidget(optBox);

    auto* controls = new QHBoxLayout;
    play_ = new QPushButton(tr("Play"));
    play_->setAccessibleName(tr("Play or pause training (Space)"));
    step_ = new QPushButton(tr("Step"));
    step_->setAccessibleName(tr("Train one mini-batch (.)"));
    reset_ = new QPushButton(tr("Reset"));
    reset_->setAccessibleName(tr("Reset the members with the current settings"));
    controls->addWidget(play_);
    controls->addWidget(step_);
    controls->addWidget(reset_);
    settingsColumn->addLayout(controls);
    progress_ = new QProgressBar;
    progress_->setAccessibleName(tr("Training progress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0); // text is only drawn for a value in range
    progress_->setFormat(tr("idle"));
    progress_->setTextVisible(true);
    settingsColumn->addWidget(progress_);
    speed_ = new QLabel;
    speed_->setWordWrap(true);
    settingsColumn->addWidget(speed_);
    banner_ = new QLabel;
    banner_->setWordWrap(true);
    banner_->setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border-radius: 4px; }");
    banner_->hide();
    settingsColumn->addWidget(banner_);
    rollback_ = new QPushButton(tr("Roll back to the last good snapshot"));
    rollback_->setAccessibleName(tr("Roll back to the last good snapshot"));
    rollback_->hide();
    settingsColumn->addWidget(rollback_);
    settingsColumn->addStretch();
    auto* settingsWidget = new QWidget;
    settingsWidget->setLayout(settingsColumn);
    settingsWidget->setMaximumWidth(360);
    outer->addWidget(settingsWidget);

    // ---- plots and thumbnails -----------------------------------------------
    auto* right = new QVBoxLayout;
    auto* plotOptions = new QHBoxLayout;
    logScale_ = new QCheckBox(tr("log scale"));
    logScale_->setAccessibleName(tr("Logarithmic loss axis"));
    logScale_->setChecked(true);
    smoothing_ = new QSlider(Qt::Horizontal);
    smoothing_->setAccessibleName(tr("Curve smoothing"));
    smoothing_->setRange(0, 95);
    smoothing_->setValue(60);
    smoothing_->setMaximumWidth(160);
    plotOptions->addWidget(logScale_);
    plotOptions->addWidget(new QLabel(tr("smoothing")));
    plotOptions->addWidget(smoothing_);
    plotOptions->addStretch();
    right->addLayout(plotOptions);
    auto* split = new QSplitter(Qt::Vertical);
    lossPlot_ = new PlotView;
    lossPlot_->setTitle(tr("Loss per member (solid: training, dashed: validation)"));
    lossPlot_->setAxisLabels(tr("epoch"), tr("loss per sample"));
    lossPlot_->setLogY(true);
    lossPlot_->setSmoothing(0.6);
    lossPlot_->setLegendVisible(true);
    accuracyPlot_ = new PlotView;
    accuracyPlot_->setTitle(tr("Validation accuracy (smallest squared error decides)"));
    accuracyPlot_->setAxisLabels(tr("epoch"), tr("accuracy"));
    split->addWidget(lossPlot_);
    split->addWidget(accuracyPlot_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    right->addWidget(split, 1);
    auto* thumbsBox = new QGroupBox(tr("Validation inputs (top) and their own member's reconstructions (bottom)"));
    thumbs_ = new QGridLayout(thumbsBox);
    thumbs_->setSpacing(4);
    right->addWidget(thumbsBox);
    outer->addLayout(right, 1);

    // ---- wiring -------------------------------------------------------------
    connect(play_, &QPushButton::clicked, this, &TrainingPanel::togglePlay);
    connect(step_, &QPushButton::clicked, this, &TrainingPanel::step);
    connect(reset_, &QPushButton::clicked, this, &TrainingPanel::reset);
    connect(load, &QPushButton::clicked, this, [this] { loadDataset(dataset_->currentData().toString()); });
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this, this, &TrainingPanel::togglePlay);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    auto* dot = new QShortcut(QKeySequence(Qt::Key_Period), this, this, &TrainingPanel::step);
    dot->setContext(Qt::WidgetWithChildrenShortcut);
    auto* ctrlR = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this, this, [this] {
        if (cubeMode())
            cube_->reset();
        else
            reset();
    });
    ctrlR->setContext(Qt::WidgetWithChildrenShortcut);
    connect(logScale_, &QCheckBox::toggled, lossPlot_, &PlotView::setLogY);
    connect(smoothing_, &QSlider::valueChanged, this, [this](int v) { lossPlot_->setSmoothing(v / 100.0); });
    // And back: the plot's menu or a restored project set the plot itself.
    connect(lossPlot_, &PlotView::displayChanged, this, [this] {
        const QSignalBlocker blockLog(logScale_), blockSmoothing(smoothing_);
        logScale_->setChecked(lossPlot_->logY());
        smoothing_->setValue(int(std::lround(lossPlot_->smoothing() * 100.0)));
    });
    connect(adapter_, &TrainerAdapter::progress, this, &TrainingPanel::onProgress);
    connect(adapter_, &TrainerAdapter::epochFinished, this, &TrainingPanel::onEpoch);
    connect(adapter_, &TrainerAdapter::finished, this, &TrainingPanel::onFinished);
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { updateButtons(); });
    connect(rollback_, &QPushButton::clicked, this, &TrainingPanel::rollback);
    // Settings fixed for a task's life: a change asks for a reset, by name.
    connect(hidden_, &QLineEdit::textChanged, this, [this] { markChangedSetting(tr("hidden sizes")); });
    connect(latent_, &QSpinBox::valueChanged, this, [this] { markChangedSetting(tr("latent size")); });
    connect(epochs_, &QSpinBox::valueChanged, this, [this] { markChangedSetting(tr("epochs")); });
    connect(seed_, &QSpinBox::valueChanged, this, [this] { markChangedSetting(tr("seed")); });
    connect(validation_, &QSpinBox::valueChanged, this, [this] { markChangedSetting(tr("validation split")); });
    connect(noise_, &QDoubleSpinBox::valueChanged, this, [this] { markChangedSetting(tr("masking noise")); });
    // The batch size applies live, at the next epoch boundary.
    connect(batch_, &QSpinBox::valueChanged, this, [this](int v) {
        if (loadingControls_)
            return;
        if (const auto task = classTask())
            task->setBatchSize(v);
        updateBatchNote();
    });
    // The learning rate applies live: the task reads it before each mini-batch.
    connect(lr_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (loadingControls_ || !adapter_->trainer() || !(v > 0))
            return;
        if (auto task = std::dynamic_pointer_cast<latentset::ClassSetTask>(adapter_->trainer()->task()))
            task->setLearningRate(float(v));
    });
    connect(activation_, &QComboBox::currentIndexChanged, this, [this] { markChangedSetting(tr("hidden activation")); });
    connect(optimizer_, &QComboBox::currentIndexChanged, this, [this] { markChangedSetting(tr("optimiser")); });
    connect(tied_, &QCheckBox::toggled, this, [this] { markChangedSetting(tr("tied weights")); });
    connect(loader_, &JobRunner::failed, this, [this](const QString& m) {
        banner_->setText(tr("Cannot load the dataset: %1").arg(m));
        banner_->show();
    });
    connect(builder_, &JobRunner::failed, this, [this](const QString& m) {
        banner_->setText(tr("Cannot set up training: %1").arg(m));
        banner_->show();
    });
    updateButtons();
}

TrainingPanel::~TrainingPanel() = default;

latentset::AutoencoderConfig TrainingPanel::config() const
{
    std::vector<latentset::Index> hidden;
    for (const QString& part : hidden_->text().split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok || v <= 0)
            throw latentset::Error("hidden sizes: '" + part.toStdString() + "' is not a positive number");
        hidden.push_back(v);
    }
    const latentset::Index input = data_ ? data_->train.pixelCount() : 784;
    latentset::AutoencoderConfig c = latentset::AutoencoderConfig::make(input, hidden, latent_->value(), tied_->isChecked());
    const latentset::Activation a = latentset::parseActivation(activation_->currentText().toStdString());
    for (std::size_t i = 0; i + 1 < c.encoderActivations.size(); ++i)
        c.encoderActivations[i] = a;
    for (std::size_t i = 0; i + 1 < c.decoderActivations.size(); ++i)
        c.decoderActivations[i] = a;
    c.validate();
    return c;
}

latentset::ClassSetSettings TrainingPanel::classSetSettings() const
{
    latentset::ClassSetSettings s;
    s.batchSize = batch_->value();
    s.optimizer.kind = latentset::OptimizerSettings::parseKind(optimizer_->currentData().toString().toStdString());
    s.optimizer.learningRate = float(lr_->value());
    s.maskingNoise = float(noise_->value());
    s.seed = std::uint64_t(seed_->value());
    return s;
}

int TrainingPanel::epochs() const { return epochs_->value(); }

void TrainingPanel::setSettings(const latentset::AutoencoderConfig& c, const latentset::ClassSetSettings& s, int epochs)
{
    loadingControls_ = true;
    QStringList hidden;
    for (auto h : c.hiddenSizes)
        hidden << QString::number(h);
    hidden_->setText(hidden.join(","));
    latent_->setValue(int(c.latentSize));
    tied_->setChecked(c.tied);
    if (!c.encoderActivations.empty()) {
        const int i = activation_->findText(QString::fromStdString(latentset::activationName(c.encoderActivations[0])));
        if (i >= 0)
            activation_->setCurrentIndex(i);
    }
    optimizer_->setCurrentIndex(optimizer_->findData(QString::fromStdString(latentset::OptimizerSettings::kindName(s.optimizer.kind))));
    lr_->setValue(s.optimizer.learningRate);
    batch_->setValue(int(s.batchSize));
    noise_->setValue(s.maskingNoise);
    seed_->setValue(int(s.seed));
    epochs_->setValue(epochs);
    loadingControls_ = false;
    reset();
}

void TrainingPanel::applyMnistRecipe()
{
    loadingControls_ = true;
    dataset_->setCurrentIndex(std::max(0, dataset_->findData("mnist")));
    hidden_->setText("2048");
    latent_->setValue(16);
    tied_->setChecked(true);
    activation_->setCurrentText("relu");
    optimizer_->setCurrentIndex(0);
    lr_->setValue(1e-3);
    batch_->setValue(kDefaultBatch);
    epochs_->setValue(20);
    loadingControls_ = false;
    loadDataset("mnist");
}

void TrainingPanel::loadDataset(const QString& idOrPath)
{
    const int validation = validation_->value();
    progress_->setFormat(tr("loading %1…").arg(idOrPath));
    datasetId_ = idOrPath;
    loader_->submit([this, idOrPath, validation]() -> JobRunner::Continuation {
        auto splits = std::make_shared<latentset::DatasetSplits>(latentset::DatasetCatalog::load(idOrPath.toStdString()));
        if (splits->validation.empty() && splits->train.size() > validation)
            splits->carveValidation(validation);
        std::shared_ptr<const latentset::DatasetSplits> data = splits;
        return [this, data] { setData(data); };
    });
}

void TrainingPanel::setData(std::shared_ptr<const latentset::DatasetSplits> data)
{
    data_ = std::move(data);
    auto samples = std::make_shared<const latentset::Dataset>(data_->test.empty() ? data_->validation : data_->test);
    session_->setSamples(samples);
    progress_->setFormat(tr("%1: %2 training, %3 validation, %4 test images")
                             .arg(QString::fromStdString(data_->name))
                             .arg(data_->train.size())
                             .arg(data_->validation.size())
                             .arg(data_->test.size()));
    reset();
}

void TrainingPanel::publishCurrentSet()
{
    latentset::Trainer* t = adapter_->trainer();
    if (!t || !lastGoodSet_ || session_->classSet() != lastGoodSet_ || !data_)
        return;
    std::shared_ptr<const latentset::AutoencoderSet> current;
    t->withTaskAtRest([&current](const latentset::TrainingTask& task) {
        if (const auto* classSet = dynamic_cast<const latentset::ClassSetTask*>(&task))
            current = std::make_shared<const latentset::AutoencoderSet>(classSet->set().inferenceCopy());
    });
    if (!current)
        return;
    lastGoodSet_ = current;
    QStringList names;
    for (const auto& n : data_->train.classNames())
        names << QString::fromStdString(n);
    session_->setClassSet(current, names);
    emit setPublished();
}

void TrainingPanel::markChangedSetting(const QString& what)
{
    if (loadingControls_ || !adapter_->hasTask())
        return;
    needsReset_ = true;
    changedSettings_.insert(what);
    QStringList names = changedSettings_.values();
    names.sort();
    banner_->setText(tr("Changed: %1. These settings are fixed for a task's whole run: press Reset (Ctrl+R) "
                        "to restart with them. (Learning rate and batch size apply while training.)")
                         .arg(names.join(", ")));
    banner_->show();
}

void TrainingPanel::updateBatchNote()
{
    const auto task = classTask();
    if (!task || task->requestedBatchSize() == task->batchSize()) {
        batchNote_->hide();
        return;
    }
    batchNote_->setText(tr("<small>batch size %1 from the next epoch (now %2)</small>")
                            .arg(task->requestedBatchSize())
                            .arg(task->batchSize()));
    batchNote_->show();
}

std::shared_ptr<latentset::ClassSetTask> TrainingPanel::classTask() const
{
    return adapter_->trainer() ? std::dynamic_pointer_cast<latentset::ClassSetTask>(adapter_->trainer()->task())
                               : nullptr;
}

bool TrainingPanel::trainingAtRest() const
{
    latentset::Trainer* t = adapter_->trainer();
    return !t || t->withTaskAtRest([](const latentset::TrainingTask&) {});
}

std::string TrainingPanel::trainingState() const
{
    const auto job = trainingStateJob();
    latentset::Trainer* t = adapter_->trainer();
    std::string bytes;
    // Under the trainer's control lock: the training thread stays parked
    // meanwhile (tests and scripts; MainWindow's save runs the job on a
    // worker instead, with Play refused).
    if (job && t)
        t->withTaskAtRest([&job, &bytes](const latentset::TrainingTask&) { bytes = job(); });
    return bytes;
}

std::function<std::string()> TrainingPanel::trainingStateJob() const
{
    latentset::Trainer* t = adapter_->trainer();
    if (!t)
        return {};
    std::shared_ptr<const latentset::ClassSetTask> task;
    if (!t->withTaskAtRest([&task, t](const latentset::TrainingTask&) {
            task = std::dynamic_pointer_cast<const latentset::ClassSetTask>(t->task());
        })
        || !task)
        return {};
    // A task that never stepped is what Reset builds again from the saved
    // settings: writing it would only add its ~190 MB (paper-size set with
    // Adam moments) to, say, a project that trained just the cube world.
    if (task->stepsDone() == 0)
        return {};
    return [task] {
        latentset::ChunkFile inner("training state");
        latentset::ModelFile::writeSet(inner, task->set(), true);
        task->writeState(inner);
        return inner.toBytes();
    };
}

void TrainingPanel::setSaving(bool saving)
{
    saving_ = saving;
    cube_->setSaving(saving);
    updateButtons();
}

void TrainingPanel::reset()
{
    adapter_->reset();
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

void TrainingPanel::adoptSet(const latentset::AutoencoderSet& set)
{
    adapter_->reset();
    auto start = std::make_shared<const latentset::AutoencoderSet>(set.inferenceCopy());
    loadingControls_ = true;
    QStringList hidden;
    for (auto h : set.config().hiddenSizes)
        hidden << QString::number(h);
    hidden_->setText(hidden.join(","));
    latent_->setValue(int(set.config().latentSize));
    tied_->setChecked(set.config().tied);
    loadingControls_ = false;
    buildTask(start);
}

void TrainingPanel::buildTask(std::shared_ptr<const latentset::AutoencoderSet> start,
                              std::shared_ptr<const std::string> resumeState)
{
    if (!data_)
        return;
    latentset::AutoencoderConfig cfg;
    try {
        cfg = start ? start->config() : config();
    } catch (const latentset::Error& e) {
        banner_->setText(QString::fromUtf8(e.what()));
        banner_->show();
        return;
    }
    const latentset::ClassSetSettings settings = classSetSettings();
    latentset::TrainerSettings ts;
    ts.epochs = std::size_t(epochs_->value());
    // What the app spends beside the training itself comes off the same two
    // cores (measured on the paper's set at batch 64: ~5 % of the process's
    // CPU repainting plots for 10 progress reports a second, ~5 % scoring the
    // validation sample every 5 s, ~2 % copying a 65 MB snapshot every second):
    // 4 reports a second still draw smooth curves, and views get new weights
    // every 2 s (the trainer's default; at once on pause and at epoch ends).
    ts.snapshotInterval = 2.0;
    ts.progressInterval = 0.25;
    const auto data = data_;
    // Splitting the training set by class copies it: done on a worker.
    builder_->submit([this, data, cfg, settings, ts, start, resumeState]() mutable -> JobRunner::Continuation {
        const int classes = data->train.classCount();
        std::vector<latentset::Dataset> perClass;
        for (int c = 0; c < classes; ++c)
            perClass.push_back(data->train.ofClass(c));
        std::shared_ptr<latentset::ClassSetTask> task;
        QString note;
        if (resumeState && !resumeState->empty()) {
            // A project's saved state: weights with Adam moments and step
            // counts, then batch order and position. If the batch order does
            // not fit this dataset (another split), keep the weights and
            // moments and start a fresh order, and say so.
            const latentset::ChunkFile inner = latentset::ChunkFile::fromBytes(*resumeState, "project training state");
            latentset::AutoencoderSet full = latentset::ModelFile::readSet(inner);
            auto keep = std::make_shared<latentset::ClassSetTask>(full, perClass, settings);
            try {
                keep->readState(inner);
                task = std::move(keep);
                if (task->requestedBatchSize() != settings.batchSize)
                    task->setBatchSize(settings.batchSize); // asked for before saving, not yet applied
                ts.startEpoch = task->epochsDone();
                ts.startBatch = task->batchInEpoch();
            } catch (const latentset::Error& e) {
                task = std::make_shared<latentset::ClassSetTask>(std::move(full), std::move(perClass), settings);
                note = tr("Resumed the weights and optimiser state, but not the batch order (%1): the epoch count "
                          "restarts.")
                           .arg(QString::fromUtf8(e.what()));
            }
        } else {
            latentset::AutoencoderSet set = start ? start->inferenceCopy() : latentset::AutoencoderSet(cfg, classes, settings.seed);
            task = std::make_shared<latentset::ClassSetTask>(std::move(set), std::move(perClass), settings);
        }
        return [this, task, ts, classes, note] {
            members_ = classes;
            setupPlots(classes);
            restoreCurves();
            adapter_->setTask(task, ts);
            resumedFraction_ = ts.epochs ? (double(ts.startEpoch)
                                            + double(ts.startBatch) / double(std::max<std::size_t>(1, task->batchesPerEpoch())))
                    / double(ts.epochs)
                                         : 0.0;
            if (!note.isEmpty()) {
                banner_->setText(note);
                banner_->show();
            }
            updateBatchNote();
            progress_->setValue(0);
            progress_->setFormat(tr("ready: %1, %2 members: press Play")
                                     .arg(QString::fromStdString(data_ ? data_->name : std::string()))
                                     .arg(classes));
            speed_->clear();
            pollSnapshot();
            if (playWhenBuilt_) {
                playWhenBuilt_ = false;
                adapter_->play();
            }
            updateButtons();
        };
    });
}

void TrainingPanel::setupPlots(int members)
{
    lossPlot_->removeAllSeries();
    accuracyPlot_->removeAllSeries();
    const std::vector<std::string> names = data_ ? data_->train.classNames() : std::vector<std::string>{};
    for (int i = 0; i < members; ++i) {
        const QString name = i < int(names.size()) ? QString::fromStdString(names[std::size_t(i)]) : QString::number(i);
        lossPlot_->addSeries(name, memberColor(i));
    }
    for (int i = 0; i < members; ++i)
        lossPlot_->addSeries(QString(), memberColor(i), PlotView::Kind::Line, Qt::DashLine);
    // Only the training series in the legend (ten entries, not twenty).
    auto* plot = lossPlot_->plot();
    for (int i = members; i < 2 * members; ++i)
        if (plot->legend->itemCount() > members)
            plot->legend->removeItem(plot->legend->itemCount() - 1);
    accuracyPlot_->addSeries(tr("validation accuracy"), QColor(0, 114, 178));
    accuracyPlot_->setYRange(0, 1);
}

void TrainingPanel::setCubeMode(bool cube)
{
    mode_->setCurrentIndex(cube ? 1 : 0);
}

bool TrainingPanel::cubeMode() const
{
    return mode_->currentIndex() == 1;
}

void TrainingPanel::togglePlay()
{
    if (saving_)
        return; // see setSaving()
    if (cubeMode()) {
        cube_->togglePlay();
        return;
    }
    if (!adapter_->hasTask()) {
        // Still loading the dataset or building the task (e.g. latentset
        // --train at start): play once it is there.
        playWhenBuilt_ = !playWhenBuilt_;
        return;
    }
    const TrainerState s = adapter_->state();
    if (s == TrainerState::Running) {
        adapter_->pause();
        pollWhenAtRest(); // the newest weights, published as the trainer parks
    } else if (s == TrainerState::Idle || s == TrainerState::Paused) {
        if (restPoll_)
            restPoll_->stop(); // running again: progress reports poll from here
        adapter_->play();
    }
    updateButtons();
}

void TrainingPanel::step()
{
    if (saving_)
        return; // see setSaving()
    if (cubeMode()) {
        cube_->step();
        return;
    }
    if (!adapter_->hasTask())
        return;
    const TrainerState s = adapter_->state();
    if (s == TrainerState::Idle || s == TrainerState::Paused || s == TrainerState::Running)
        adapter_->step();
    // A single step may come in under the progress interval: the trainer
    // publishes its snapshot when it parks again; pick it up then.
    pollWhenAtRest();
    updateButtons();
}

void TrainingPanel::pollWhenAtRest()
{
    // Polls (cheap: a lock and a flag) until the batch under way is done,
    // then takes the snapshot the trainer published on parking.
    if (!restPoll_) {
        restPoll_ = new QTimer(this);
        restPoll_->setInterval(30);
        connect(restPoll_, &QTimer::timeout, this, [this] {
            if (!trainingAtRest())
                return;
            restPoll_->stop();
            pollSnapshot();
        });
    }
    restPoll_->start();
}

void TrainingPanel::updateButtons()
{
    const TrainerState s = adapter_->state();
    const bool task = adapter_->hasTask();
    const bool ended = s == TrainerState::Finished || s == TrainerState::Cancelled || s == TrainerState::Failed;
    play_->setEnabled(task && !ended && !saving_);
    step_->setEnabled(task && !ended && !saving_);
    reset_->setEnabled(bool(data_));
    play_->setText(s == TrainerState::Running ? tr("Pause") : tr("Play"));
}

void TrainingPanel::onProgress(const latentset::TrainerProgress& p)
{
    const double done = (double(p.epoch) + (p.batchesPerEpoch ? double(p.batch) / p.batchesPerEpoch : 0.0));
    const double fraction = p.epochs ? done / double(p.epochs) : 0.0;
    progress_->setValue(int(std::lround(1000 * fraction)));
    // A resumed run started at resumedFraction_: the rate is of this run's part.
    const double ran = fraction - resumedFraction_;
    const double eta = ran > 1e-6 ? p.elapsedSeconds * (1 - fraction) / ran : 0.0;
    progress_->setFormat(tr("epoch %1/%2 · batch %3/%4 · ETA %5")
                             .arg(p.epoch + 1)
                             .arg(p.epochs)
                             .arg(p.batch)
                             .arg(p.batchesPerEpoch)
                             .arg(eta >= 90 ? tr("%1 min").arg(eta / 60, 0, 'f', 1) : tr("%1 s").arg(eta, 0, 'f', 0)));
    // The last report's rate moves with every hiccup; the run's average
    // beside it is the figure to compare with the command line's.
    if (p.elapsedSeconds < lastReportElapsed_)
        runSamples_ = 0; // a new trainer run
    runSamples_ += p.samplesPerSecond * std::max(0.0, p.elapsedSeconds - lastReportElapsed_);
    lastReportElapsed_ = p.elapsedSeconds;
    const double average = p.elapsedSeconds > 0 ? runSamples_ / p.elapsedSeconds : 0.0;
    speed_->setText(tr("%1 samples/s (run average %2) · %3 GFLOP/s · %4 s elapsed")
                        .arg(p.samplesPerSecond, 0, 'f', 0)
                        .arg(average, 0, 'f', 0)
                        .arg(p.gflops, 0, 'f', 1)
                        .arg(p.elapsedSeconds, 0, 'f', 1));
    const int n = std::min<int>(int(p.losses.size()), members_);
    for (int i = 0; i < n; ++i)
        lossPlot_->append(i, done, p.losses[std::size_t(i)]);
    pollSnapshot();
    updateButtons();
    updateBatchNote();
}

void TrainingPanel::onEpoch(const latentset::EpochSummary&)
{
    pollSnapshot();
    updateBatchNote();
}

void TrainingPanel::onFinished(TrainerState state, const QString& message)
{
    updateButtons();
    pollSnapshot();
    if (state == TrainerState::Failed) {
        // Core's message already begins "training stopped: ".
        QString why = message.isEmpty() ? tr("a non-finite loss") : message;
        if (why.startsWith("training stopped: "))
            why.remove(0, int(qstrlen("training stopped: ")));
        banner_->setText(tr("Training stopped: %1").arg(why));
        banner_->show();
        rollback_->setVisible(bool(lastGoodSet_));
    } else if (state == TrainerState::Finished) {
        progress_->setValue(1000);
        progress_->setFormat(tr("finished: %1 epochs").arg(epochs_->value()));
    }
}

void TrainingPanel::rollback()
{
    if (!lastGoodSet_)
        return;
    const auto good = lastGoodSet_;
    banner_->setText(tr("Rolled back to the last good snapshot. Lower the learning rate before playing again."));
    rollback_->hide();
    adoptSet(*good);
}

void TrainingPanel::pollSnapshot()
{
    const auto snap = adapter_->snapshot();
    if (!snap || snap == lastSnapshot_)
        return;
    lastSnapshot_ = snap;
    const auto* setSnap = dynamic_cast<const latentset::AutoencoderSetSnapshot*>(snap.get());
    if (!setSnap)
        return;
    // Alias the snapshot's set: it lives as long as anyone holds it.
    std::shared_ptr<const latentset::AutoencoderSet> set(snap, &setSnap->set);
    lastGoodSet_ = set;
    QStringList names;
    for (const auto& n : data_->train.classNames())
        names << QString::fromStdString(n);
    session_->setClassSet(set, names);
    emit setPublished();
    // Validation costs members x images forward passes on a core the
    // training wants: while training at most every kValidationInterval (and
    // at every epoch end, where the snapshot has batch == 0, and on pause).
    const bool running = adapter_->state() == TrainerState::Running;
    if (snap->batch != 0 && validationClock_.isValid()
        && validationClock_.elapsed() < (running ? kValidationInterval : 5000))
        return;
    validationClock_.start();
    validate(set, double(snap->epoch) + double(snap->batch) / double(std::max<std::size_t>(1, lastProgressBatches())));
}

std::size_t TrainingPanel::lastProgressBatches() const
{
    return adapter_->trainer() ? adapter_->trainer()->task()->batchesPerEpoch() : 1;
}

void TrainingPanel::validate(std::shared_ptr<const latentset::AutoencoderSet> set, double x)
{
    if (!data_ || data_->validation.empty())
        return;
    const auto data = data_;
    validator_->submit([this, set, data, x]() -> JobRunner::Continuation {
        const latentset::Dataset& val = data->validation;
        const latentset::Index n = std::min<latentset::Index>(val.size(), kValidationSample);
        std::vector<latentset::Index> idx(static_cast<std::size_t>(n));
        for (latentset::Index i = 0; i < n; ++i)
            idx[std::size_t(i)] = i * val.size() / n; // spread over the (stratified) split
        const latentset::Dataset sample = val.subset(idx);
        // Accuracy by the set's decision rule (squared error, as everywhere);
        // the per-member validation curve in the training loss's units, so
        // it sits beside the training curve.
        // One reconstruction per member serves both: it is the whole cost
        // (members x images forward passes, on a core the training also
        // wants), so it is not computed twice.
        const latentset::SetClassifier classifier(set);
        const latentset::Matrix X = sample.range(0, n);
        latentset::Matrix decisionErrors(set->size(), n), errors(set->size(), n);
        for (int m = 0; m < set->size(); ++m) {
            const latentset::Matrix R = set->member(m).reconstruct(X);
            decisionErrors.row(m) = latentset::Loss::perSample(classifier.errorMeasure(), R, X);
            errors.row(m) = latentset::Loss::perSample(set->config().loss, R, X);
        }
        const std::vector<int> decided = classifier.decide(decisionErrors, false);
        int correct = 0;
        std::vector<double> ownSum(std::size_t(set->size()), 0.0), ownCount(std::size_t(set->size()), 0.0);
        for (latentset::Index j = 0; j < n; ++j) {
            const int label = sample.label(j);
            correct += decided[std::size_t(j)] == label;
            if (label < set->size()) {
                ownSum[std::size_t(label)] += errors(label, j);
                ownCount[std::size_t(label)] += 1;
            }
        }
        const double accuracy = n > 0 ? double(correct) / double(n) : 0.0;
        // Thumbnails: the first validation image of each class, and its
        // reconstruction by that class's member.
        QVector<QImage> inputs, recons;
        const int side = val.width();
        for (int c = 0; c < set->size() && c < 10; ++c) {
            const auto of = val.indicesOfClass(c);
            if (of.empty())
                continue;
            const latentset::Vector x0 = val.imageVector(of.front());
            inputs << ImageConvert::toImage(x0, side, val.height());
            recons << ImageConvert::toImage(set->member(c).reconstruct(x0).col(0), side, val.height());
        }
        return [this, accuracy, ownSum, ownCount, inputs, recons, x] {
            for (int i = 0; i < members_ && i < int(ownSum.size()); ++i)
                if (ownCount[std::size_t(i)] > 0)
                    lossPlot_->append(members_ + i, x, ownSum[std::size_t(i)] / ownCount[std::size_t(i)]);
            accuracyPlot_->append(0, x, accuracy);
            for (int i = 0; i < inputs.size(); ++i) {
                auto cell = [this](int row, int col) {
                    QLayoutItem* item = thumbs_->itemAtPosition(row, col);
                    auto* label = item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
                    if (!label) {
                        label = new QLabel;
                        label->setFixedSize(kThumb, kThumb);
                        thumbs_->addWidget(label, row, col);
                    }
                    return label;
                };
                QLabel* in = cell(0, i);
                in->setPixmap(ImageConvert::pixmap(inputs[i], kThumb));
                in->setAccessibleName(tr("Validation input of class %1").arg(i));
                QLabel* out = cell(1, i);
                out->setPixmap(ImageConvert::pixmap(recons[i], kThumb));
                out->setAccessibleName(tr("Reconstruction by member %1").arg(i));
            }
            speed_->setToolTip(tr("validation accuracy %1 %").arg(100 * accuracy, 0, 'f', 2));
        };
    });
}

QJsonObject TrainingPanel::projectSettings() const
{
    QJsonObject o;
    o["dataset"] = datasetId_;
    if (data_) {
        o["datasetName"] = QString::fromStdString(data_->name);
        o["datasetSource"] = QString::fromStdString(data_->source);
        o["trainImages"] = double(data_->train.size());
        o["validationImages"] = double(data_->validation.size());
    }
    o["hidden"] = hidden_->text();
    o["latent"] = latent_->value();
    o["tied"] = tied_->isChecked();
    o["activation"] = activation_->currentText();
    o["optimizer"] = optimizer_->currentData().toString();
    o["learningRate"] = lr_->value();
    o["batchSize"] = batch_->value();
    o["epochs"] = epochs_->value();
    o["maskingNoise"] = noise_->value();
    o["seed"] = seed_->value();
    o["validationSplit"] = validation_->value();
    // Metric history: every curve of both plots, raw.
    QJsonArray curves;
    for (PlotView* plot : {lossPlot_, accuracyPlot_})
        for (int i = 0; i < plot->seriesCount(); ++i) {
            QJsonArray x, y;
            for (double v : plot->seriesX(i))
                x.append(v);
            for (double v : plot->seriesY(i))
                y.append(v);
            curves.append(QJsonObject{{"plot", plot == lossPlot_ ? "loss" : "accuracy"}, {"series", i},
                                      {"name", plot->seriesName(i)}, {"x", x}, {"y", y}});
        }
    o["curves"] = curves;
    return o;
}

void TrainingPanel::applyProject(const QJsonObject& o, std::shared_ptr<const latentset::AutoencoderSet> set,
                                 std::string trainingState)
{
    loadingControls_ = true;
    if (o.contains("hidden"))
        hidden_->setText(o["hidden"].toString());
    latent_->setValue(o["latent"].toInt(latent_->value()));
    tied_->setChecked(o["tied"].toBool(tied_->isChecked()));
    if (o.contains("activation"))
        activation_->setCurrentText(o["activation"].toString());
    if (o.contains("optimizer"))
        optimizer_->setCurrentIndex(std::max(0, optimizer_->findData(o["optimizer"].toString())));
    lr_->setValue(o["learningRate"].toDouble(lr_->value()));
    batch_->setValue(o["batchSize"].toInt(batch_->value()));
    epochs_->setValue(o["epochs"].toInt(epochs_->value()));
    noise_->setValue(o["maskingNoise"].toDouble(noise_->value()));
    seed_->setValue(o["seed"].toInt(seed_->value()));
    validation_->setValue(o["validationSplit"].toInt(validation_->value()));
    loadingControls_ = false;
    pendingStart_ = std::move(set);
    if (!trainingState.empty())
        pendingState_ = std::make_shared<const std::string>(std::move(trainingState));
    const QString id = o["dataset"].toString();
    if (!id.isEmpty()) {
        const int i = dataset_->findData(id);
        if (i >= 0)
            dataset_->setCurrentIndex(i);
        loadDataset(id);
    }
    // Curves come back after the task is built (setupPlots clears them).
    pendingCurves_ = o["curves"].toArray();
}

void TrainingPanel::restoreCurves()
{
    for (const auto& v : pendingCurves_) {
        const QJsonObject c = v.toObject();
        PlotView* plot = c["plot"].toString() == "loss" ? lossPlot_ : accuracyPlot_;
        const int series = c["series"].toInt();
        QVector<double> x, y;
        for (const auto& e : c["x"].toArray())
            x << e.toDouble();
        for (const auto& e : c["y"].toArray())
            y << e.toDouble();
        if (series < plot->seriesCount())
            plot->setSeries(series, x, y);
    }
    pendingCurves_ = QJsonArray();
}
