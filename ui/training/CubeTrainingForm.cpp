#include "training/CubeTrainingForm.h"

#include "widgets/SpinBoxes.h"
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
QSpinBox* spin(const QString& name, int lo, int hi) { return SpinBoxes::make(name, lo, hi); }
} // namespace

CubeTrainingForm::CubeTrainingForm(QWidget* parent) : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* box = new QGroupBox(tr("Cube world (MNIST digits on a rotating cube)"));
    auto* form = new QFormLayout(box);
    contexts_ = spin(tr("Contexts"), 2, 400);
    contexts_->setToolTip(tr("Faces in orientations: side-face yaws and top-face rotations (100 = the paper's 34 + 66)."));
    hidden_ = spin(tr("Hidden units per member"), 1, 4096);
    latent_ = spin(tr("Shared latent size"), 1, 256);
    cross_ = spin(tr("Cross rounds per self round"), 0, 16);
    cross_->setToolTip(tr("Cross rounds encode with one context's member and decode with another's, against "
                          "the same glyph in that context: they make the latent space shared."));
    batch_ = spin(tr("Glyphs per member step"), 1, 4096);
    seed_ = spin(tr("Seed"), 0, 1000000000);
    seed_->setToolTip(tr("Seeds the members' weights and every round's batches and pairings."));
    lr_ = new QDoubleSpinBox;
    lr_->setAccessibleName(tr("Learning rate (applies while running)"));
    lr_->setDecimals(5);
    lr_->setRange(1e-5, 1.0);
    lr_->setSingleStep(1e-4);
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
    setValues(Values{});
    for (QSpinBox* s : {contexts_, hidden_, latent_, cross_, batch_, seed_})
        connect(s, &QSpinBox::valueChanged, this, [this] {
            if (!loading_)
                emit shapeChanged();
        });
    connect(lr_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!loading_)
            emit learningRateChanged(v);
    });
}

CubeTrainingForm::Values CubeTrainingForm::values() const
{
    Values v = base_;
    v.contexts = contexts_->value();
    v.training.hidden = hidden_->value();
    v.training.latent = latent_->value();
    v.training.crossPerSelf = cross_->value();
    v.training.batchSize = batch_->value();
    v.training.learningRate = float(lr_->value());
    v.training.seed = std::uint64_t(seed_->value());
    return v;
}

void CubeTrainingForm::setValues(const Values& v)
{
    base_ = v;
    loading_ = true;
    contexts_->setValue(v.contexts);
    hidden_->setValue(int(v.training.hidden));
    latent_->setValue(int(v.training.latent));
    cross_->setValue(v.training.crossPerSelf);
    batch_->setValue(v.training.batchSize);
    lr_->setValue(v.training.learningRate);
    seed_->setValue(int(v.training.seed));
    loading_ = false;
}

void CubeTrainingForm::setContexts(int contexts)
{
    loading_ = true;
    contexts_->setValue(contexts);
    loading_ = false;
}
