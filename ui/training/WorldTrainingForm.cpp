#include "training/WorldTrainingForm.h"

#include "widgets/SpinBoxes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
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

// The kinds in the order the box lists them, with what each is.
struct KindEntry {
    const char* id;
    const char* title;
};
constexpr KindEntry kKinds[] = {
    {"rotation", "Rotation (glyphs turned in the image plane)"},
    {"scale-position", "Scale × position (glyphs scaled and placed in a frame)"},
    {"fonts", "Fonts (contexts = installed font families)"},
    {"cube", "Cube (digits on a rotating cube)"},
    {"folder", "Your own paired folder"},
};
} // namespace

WorldTrainingForm::WorldTrainingForm(QWidget* parent) : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* box = new QGroupBox(tr("Context world"));
    form_ = new QFormLayout(box);
    kind_ = new QComboBox;
    kind_->setAccessibleName(tr("World"));
    for (const KindEntry& k : kKinds)
        kind_->addItem(tr(k.title), QString(k.id));
    glyphs_ = new QComboBox;
    glyphs_->setAccessibleName(tr("Glyphs"));
    glyphs_->addItem(tr("MNIST digits"), "mnist");
    glyphs_->addItem(tr("MNIST digits, slant removed"), "mnist-deskewed");
    contexts_ = spin(tr("Contexts"), 2, 3600);
    turn_ = new QDoubleSpinBox;
    turn_->setAccessibleName(tr("Turn (degrees)"));
    turn_->setRange(1, 360);
    turn_->setToolTip(tr("The contexts' angles spread over this turn (360° = a full circle: a circular axis)."));
    scales_ = spin(tr("Scales"), 1, 16);
    positions_ = spin(tr("Positions per axis"), 1, 16);
    frame_ = spin(tr("Frame size"), 28, 256);
    fonts_ = spin(tr("Font families"), 2, 200);
    fonts_->setToolTip(tr("The first installed families (by name) that draw every character."));
    characters_ = new QLineEdit;
    characters_->setAccessibleName(tr("Characters"));
    folderRow_ = makeFolderRow();
    swap_ = new QCheckBox(tr("Swap context and item"));
    swap_->setToolTip(tr("The items become the contexts and the contexts the items (the paper's face example)."));
    hidden_ = spin(tr("Hidden units per member"), 1, 4096);
    latent_ = spin(tr("Shared latent size"), 1, 256);
    cross_ = spin(tr("Cross rounds per self round"), 0, 16);
    batch_ = spin(tr("Items per member step"), 1, 4096);
    seed_ = spin(tr("Seed"), 0, 1000000000);
    lr_ = new QDoubleSpinBox;
    lr_->setAccessibleName(tr("Learning rate (applies while running)"));
    lr_->setDecimals(5);
    lr_->setRange(1e-5, 1.0);
    lr_->setSingleStep(1e-4);
    form_->addRow(tr("World"), kind_);
    form_->addRow(tr("Glyphs"), glyphs_);
    form_->addRow(tr("Contexts"), contexts_);
    form_->addRow(tr("Turn"), turn_);
    form_->addRow(tr("Scales"), scales_);
    form_->addRow(tr("Positions"), positions_);
    form_->addRow(tr("Frame"), frame_);
    form_->addRow(tr("Fonts"), fonts_);
    form_->addRow(tr("Characters"), characters_);
    form_->addRow(tr("Folder"), folderRow_);
    form_->addRow(QString(), swap_);
    form_->addRow(tr("Hidden size"), hidden_);
    form_->addRow(tr("Latent size"), latent_);
    form_->addRow(tr("Cross per self"), cross_);
    form_->addRow(tr("Batch"), batch_);
    form_->addRow(tr("Learning rate"), lr_);
    form_->addRow(tr("Seed"), seed_);
    column->addWidget(box);
    setValues(Values{});
    connectSignals();
}

QWidget* WorldTrainingForm::makeFolderRow()
{
    folder_ = new QLineEdit;
    folder_->setAccessibleName(tr("Paired folder"));
    folder_->setPlaceholderText(tr("folder/<context>/<item>.png"));
    folder_->setToolTip(tr("One subfolder per context, the same file name for the same item in each, and an "
                           "optional contexts.csv (docs/worlds.md)."));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setAccessibleName(tr("Choose the paired folder"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Paired folder"), folder_->text());
        if (!dir.isEmpty())
            folder_->setText(dir);
    });
    auto* row = new QWidget;
    auto* folderLayout = new QHBoxLayout(row);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    folderLayout->addWidget(folder_, 1);
    folderLayout->addWidget(browse);
    return row;
}

void WorldTrainingForm::connectSignals()
{
    for (QSpinBox* s : {contexts_, scales_, positions_, frame_, fonts_, hidden_, latent_, cross_, batch_, seed_})
        connect(s, &QSpinBox::valueChanged, this, &WorldTrainingForm::changed);
    connect(turn_, &QDoubleSpinBox::valueChanged, this, &WorldTrainingForm::changed);
    connect(characters_, &QLineEdit::textEdited, this, &WorldTrainingForm::changed);
    connect(folder_, &QLineEdit::textChanged, this, &WorldTrainingForm::changed);
    connect(swap_, &QCheckBox::toggled, this, &WorldTrainingForm::changed);
    connect(glyphs_, &QComboBox::currentIndexChanged, this, &WorldTrainingForm::changed);
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        if (loading_)
            return;
        setKind(kind());
        emit shapeChanged();
    });
    connect(lr_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!loading_)
            emit learningRateChanged(v);
    });
}

void WorldTrainingForm::changed()
{
    if (!loading_)
        emit shapeChanged();
}

QString WorldTrainingForm::kind() const { return kind_->currentData().toString(); }

void WorldTrainingForm::setKind(const QString& kind)
{
    Values v = values();
    const std::string folder = v.settings.world.folder;
    v.settings.world = latentset::WorldSpec::named(kind.toStdString());
    if (kind == "folder") {
        v.settings.world = latentset::WorldSpec();
        v.settings.world.kind = "folder";
        v.settings.world.folder = folder;
    }
    setValues(v);
}

void WorldTrainingForm::showRows()
{
    const QString k = kind();
    const bool glyphWorld = k == "rotation" || k == "scale-position" || k == "cube";
    form_->setRowVisible(glyphs_, glyphWorld);
    form_->setRowVisible(contexts_, k == "rotation" || k == "cube");
    form_->setRowVisible(turn_, k == "rotation");
    for (QWidget* w : {static_cast<QWidget*>(scales_), static_cast<QWidget*>(positions_), static_cast<QWidget*>(frame_)})
        form_->setRowVisible(w, k == "scale-position");
    form_->setRowVisible(fonts_, k == "fonts");
    form_->setRowVisible(characters_, k == "fonts");
    form_->setRowVisible(folderRow_, k == "folder");
    form_->setRowVisible(swap_, k == "fonts" || k == "folder");
}

WorldTrainingForm::Values WorldTrainingForm::values() const
{
    Values v = base_;
    latentset::WorldSpec& w = v.settings.world;
    w.kind = kind().toStdString();
    w.glyphs = glyphs_->currentData().toString().toStdString();
    w.contexts = contexts_->value();
    w.turnDeg = turn_->value();
    w.scalePosition.scales = scales_->value();
    w.scalePosition.positions = positions_->value();
    w.scalePosition.frame = frame_->value();
    w.characters = characters_->text().toStdString();
    w.folder = folder_->text().trimmed().toStdString();
    w.swap = swap_->isChecked() && (w.kind == "fonts" || w.kind == "folder");
    if (v.fontCount != fonts_->value() || w.kind != "fonts")
        w.fonts.clear(); // the families are chosen again for another count
    v.fontCount = fonts_->value();
    latentset::SharedLatentSettings& t = v.settings.training;
    t.hidden = hidden_->value();
    t.latent = latent_->value();
    t.crossPerSelf = cross_->value();
    t.batchSize = batch_->value();
    t.learningRate = float(lr_->value());
    t.seed = std::uint64_t(seed_->value());
    return v;
}

void WorldTrainingForm::setValues(const Values& v)
{
    base_ = v;
    loading_ = true;
    const latentset::WorldSpec& w = v.settings.world;
    kind_->setCurrentIndex(std::max(0, kind_->findData(QString::fromStdString(w.kind))));
    glyphs_->setCurrentIndex(std::max(0, glyphs_->findData(QString::fromStdString(w.glyphs))));
    contexts_->setValue(w.contexts);
    turn_->setValue(w.turnDeg);
    scales_->setValue(w.scalePosition.scales);
    positions_->setValue(w.scalePosition.positions);
    frame_->setValue(w.scalePosition.frame);
    fonts_->setValue(w.fonts.empty() ? v.fontCount : int(w.fonts.size()));
    characters_->setText(QString::fromStdString(w.characters));
    folder_->setText(QString::fromStdString(w.folder));
    swap_->setChecked(w.swap);
    const latentset::SharedLatentSettings& t = v.settings.training;
    hidden_->setValue(int(t.hidden));
    latent_->setValue(int(t.latent));
    cross_->setValue(t.crossPerSelf);
    batch_->setValue(t.batchSize);
    lr_->setValue(t.learningRate);
    seed_->setValue(int(t.seed));
    base_.fontCount = fonts_->value();
    showRows();
    loading_ = false;
}
