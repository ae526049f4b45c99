#include "training/ClassSetForm.h"

#include "widgets/SpinBoxes.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/nn/Activation.h"
#include "latentset/util/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
QSpinBox* spin(const QString& name, int lo, int hi) { return SpinBoxes::make(name, lo, hi); }
} // namespace

ClassSetForm::ClassSetForm(QWidget* parent) : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(dataBox());
    column->addWidget(architectureBox());
    column->addWidget(optimiserBox());
    setValues(ClassSetFormValues{});
    wire();
}

QWidget* ClassSetForm::dataBox()
{
    auto* box = new QGroupBox(tr("Data"));
    auto* form = new QFormLayout(box);
    dataset_ = new QComboBox;
    dataset_->setAccessibleName(tr("Dataset"));
    for (const auto& e : latentset::DatasetCatalog::known())
        dataset_->addItem(QString::fromStdString(e.title) + (e.present ? QString() : tr(" (missing)")),
                          QString::fromStdString(e.id));
    validation_ = spin(tr("Validation images"), 0, 20000);
    validation_->setSingleStep(1000);
    validation_->setToolTip(tr("Training images held out for the validation curves. 0 trains on the whole "
                               "training split, as latentset-cli mnist does, and the curves score test images."));
    auto* load = new QPushButton(tr("Load"));
    load->setAccessibleName(tr("Load the dataset"));
    connect(load, &QPushButton::clicked, this, [this] { emit loadRequested(datasetId()); });
    auto* row = new QHBoxLayout;
    row->addWidget(dataset_, 1);
    row->addWidget(load);
    form->addRow(tr("Dataset"), row);
    form->addRow(tr("Validation split"), validation_);
    return box;
}

QWidget* ClassSetForm::architectureBox()
{
    auto* box = new QGroupBox(tr("Architecture (one member per class)"));
    auto* form = new QFormLayout(box);
    hidden_ = new QLineEdit;
    hidden_->setAccessibleName(tr("Hidden layer sizes"));
    hidden_->setToolTip(tr("Comma-separated hidden sizes of the encoder (the decoder mirrors them)."));
    latent_ = spin(tr("Latent size"), 1, 512);
    tied_ = new QCheckBox(tr("tied decoder weights"));
    tied_->setAccessibleName(tr("Tied decoder weights"));
    tied_->setToolTip(tr("Each decoder layer uses the transpose of its mirrored encoder layer (the paper's Table 1)."));
    activation_ = new QComboBox;
    activation_->setAccessibleName(tr("Hidden activation"));
    activation_->addItems({"relu", "tanh", "sigmoid"});
    form->addRow(tr("Hidden sizes"), hidden_);
    form->addRow(tr("Latent size"), latent_);
    form->addRow(tr("Hidden activation"), activation_);
    form->addRow(QString(), tied_);
    form->addRow(new QLabel(tr("<small>linear latent, sigmoid output, binary cross-entropy</small>")));
    return box;
}

QWidget* ClassSetForm::optimiserBox()
{
    auto* box = new QGroupBox(tr("Optimiser"));
    auto* form = new QFormLayout(box);
    optimizer_ = new QComboBox;
    optimizer_->setAccessibleName(tr("Optimiser"));
    optimizer_->addItem("Adam", "adam");
    optimizer_->addItem(tr("SGD + momentum"), "sgd");
    lr_ = new QDoubleSpinBox;
    lr_->setAccessibleName(tr("Learning rate (applies while running)"));
    lr_->setToolTip(tr("Applies from the next mini-batch, also while training runs."));
    lr_->setDecimals(5);
    lr_->setRange(1e-5, 1.0);
    lr_->setSingleStep(1e-4);
    batch_ = spin(tr("Batch size (applies from the next epoch while running)"), 1, 4096);
    batch_->setToolTip(tr("Changeable while training: the new size applies at the next epoch boundary."));
    batchNote_ = new QLabel;
    batchNote_->setAccessibleName(tr("Pending batch size"));
    // The note sits in a slot of two small lines that is always there (a
    // form layout gives a hidden row no space), and its text cannot widen
    // the column: showing or hiding it moves nothing.
    auto* noteSlot = new QWidget;
    auto* noteLayout = new QVBoxLayout(noteSlot);
    noteLayout->setContentsMargins(0, 0, 0, 0);
    noteLayout->addWidget(batchNote_);
    batchNote_->setWordWrap(true);
    batchNote_->setText(tr("<small>batch size 4096 from the next epoch<br>(now 4096)</small>"));
    noteSlot->setFixedHeight(batchNote_->sizeHint().height()); // two lines: the longest note wraps once
    noteSlot->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    batchNote_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    batchNote_->clear();
    batchNote_->hide();
    epochs_ = spin(tr("Epochs"), 1, 1000);
    noise_ = new QDoubleSpinBox;
    noise_->setAccessibleName(tr("Masking noise"));
    noise_->setToolTip(tr("Fraction of input pixels set to 0 in each training image (0 = plain autoencoders)."));
    noise_->setRange(0, 0.9);
    noise_->setSingleStep(0.05);
    seed_ = spin(tr("Seed"), 0, 1000000);
    seed_->setToolTip(tr("Seeds the members' weights, the batch order and the noise: the same seed and settings "
                         "train the same bits."));
    form->addRow(tr("Method"), optimizer_);
    form->addRow(tr("Learning rate"), lr_);
    form->addRow(tr("Batch size"), batch_);
    form->addRow(QString(), noteSlot);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Masking noise"), noise_);
    form->addRow(tr("Seed"), seed_);
    return box;
}

void ClassSetForm::fixed(QObject* sender, const QString& name)
{
    // Each fixed field reports its name on any change.
    auto report = [this, name] {
        if (!loading_)
            emit fixedSettingChanged(name);
    };
    if (auto* s = qobject_cast<QSpinBox*>(sender))
        connect(s, &QSpinBox::valueChanged, this, report);
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(sender))
        connect(d, &QDoubleSpinBox::valueChanged, this, report);
    else if (auto* c = qobject_cast<QComboBox*>(sender))
        connect(c, &QComboBox::currentIndexChanged, this, report);
    else if (auto* b = qobject_cast<QCheckBox*>(sender))
        connect(b, &QCheckBox::toggled, this, report);
    else if (auto* e = qobject_cast<QLineEdit*>(sender))
        connect(e, &QLineEdit::textChanged, this, report);
}

void ClassSetForm::wire()
{
    fixed(hidden_, tr("hidden sizes"));
    fixed(latent_, tr("latent size"));
    fixed(epochs_, tr("epochs"));
    fixed(seed_, tr("seed"));
    fixed(validation_, tr("validation split"));
    fixed(noise_, tr("masking noise"));
    fixed(activation_, tr("hidden activation"));
    fixed(optimizer_, tr("optimiser"));
    fixed(tied_, tr("tied weights"));
    connect(lr_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!loading_)
            emit learningRateChanged(v);
    });
    connect(batch_, &QSpinBox::valueChanged, this, [this](int v) {
        if (!loading_)
            emit batchSizeChanged(v);
    });
}

ClassSetFormValues ClassSetForm::values() const
{
    ClassSetFormValues v = base_; // fields without a control (e.g. the schedule) as last set
    if (!datasetId().isEmpty())
        v.dataset = datasetId().toStdString();
    v.validation = validation_->value();
    std::vector<latentset::Index> hidden;
    for (const QString& part : hidden_->text().split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int h = part.trimmed().toInt(&ok);
        if (!ok || h <= 0)
            throw latentset::Error("hidden sizes: '" + part.toStdString() + "' is not a positive number");
        hidden.push_back(h);
    }
    v.model = latentset::AutoencoderConfig::make(784, hidden, latent_->value(), tied_->isChecked());
    const latentset::Activation a = latentset::parseActivation(activation_->currentText().toStdString());
    for (std::size_t i = 0; i + 1 < v.model.encoderActivations.size(); ++i)
        v.model.encoderActivations[i] = a;
    for (std::size_t i = 0; i + 1 < v.model.decoderActivations.size(); ++i)
        v.model.decoderActivations[i] = a;
    v.epochs = epochs_->value();
    v.batchSize = batch_->value();
    v.optimizer.kind = latentset::OptimizerSettings::parseKind(optimizer_->currentData().toString().toStdString());
    v.optimizer.learningRate = float(lr_->value());
    v.maskingNoise = float(noise_->value());
    v.seed = std::uint64_t(seed_->value());
    return v;
}

void ClassSetForm::setModelShape(const latentset::AutoencoderConfig& c)
{
    const bool was = loading_;
    loading_ = true;
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
    loading_ = was;
}

void ClassSetForm::setValues(const ClassSetFormValues& v)
{
    base_ = v;
    loading_ = true;
    // An empty dataset is the set-up's MNIST (DatasetCatalog), as in the CLI.
    const int d = dataset_->findData(v.dataset.empty() ? QStringLiteral("mnist") : QString::fromStdString(v.dataset));
    if (d >= 0)
        dataset_->setCurrentIndex(d);
    validation_->setValue(int(v.validation));
    setModelShape(v.model);
    optimizer_->setCurrentIndex(std::max(
        0, optimizer_->findData(QString::fromStdString(latentset::OptimizerSettings::kindName(v.optimizer.kind)))));
    lr_->setValue(v.optimizer.learningRate);
    batch_->setValue(int(v.batchSize));
    epochs_->setValue(int(v.epochs));
    noise_->setValue(v.maskingNoise);
    seed_->setValue(int(v.seed));
    loading_ = false;
}

void ClassSetForm::setBatchNote(const QString& text)
{
    batchNote_->setText(text);
    batchNote_->setVisible(!text.isEmpty());
}

QString ClassSetForm::datasetId() const
{
    return dataset_->currentData().toString();
}
