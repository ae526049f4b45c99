#include "widgets/GlyphPicker.h"

#include "image/ImageConvert.h"
#include "session/Session.h"

#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/data/Dataset.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

GlyphPicker::GlyphPicker(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    kind_ = new QComboBox;
    kind_->setAccessibleName(tr("Glyph source"));
    kind_->addItem(tr("Dataset sample"), "sample");
    kind_->addItem(tr("Built-in glyph"), "builtin");
    kind_->addItem(tr("Drawn glyph"), "drawn");
    kind_->setToolTip(tr("Where the glyph comes from: a sample of the loaded dataset's test split, a built-in "
                         "glyph (V, +, shapes, letters) or one drawn on the pad and kept."));
    name_box_ = new QComboBox;
    name_box_->setAccessibleName(tr("Glyph"));
    name_box_->setMinimumContentsLength(8);
    name_box_->setToolTip(tr("Which built-in or drawn glyph."));
    index_ = new QSpinBox;
    index_->setAccessibleName(tr("Sample index"));
    index_->setRange(0, 0);
    index_->setToolTip(tr("Index of the sample in the dataset's test split (its class is named beside the view's result)."));
    preview_ = new QLabel;
    preview_->setFixedSize(32, 32);
    preview_->setAccessibleName(tr("Glyph preview"));
    preview_->setToolTip(tr("The picked glyph, 28×28."));
    layout->addWidget(kind_);
    layout->addWidget(name_box_);
    layout->addWidget(index_);
    layout->addWidget(preview_);
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] { rebuildNames(); });
    connect(name_box_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(index_, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(session_, &Session::samplesChanged, this, [this] { rebuildNames(); });
    connect(session_, &Session::drawnGlyphsChanged, this, [this] {
        if (kind_->currentData().toString() == "drawn")
            rebuildNames();
    });
    // Start on a dataset sample when there is one, else on the built-ins.
    kind_->setCurrentIndex(session_->samples() ? 0 : 1);
    rebuildNames();
}

void GlyphPicker::rebuildNames()
{
    const QString kind = kind_->currentData().toString();
    const QSignalBlocker block(name_box_);
    // Keep the user's choice when the lists are refilled (new dataset, new drawn glyph).
    const QString previous = name_box_->currentText();
    name_box_->clear();
    index_->setVisible(kind == "sample");
    name_box_->setVisible(kind != "sample");
    if (kind == "sample") {
        const auto samples = session_->samples();
        index_->setRange(0, samples && samples->size() > 0 ? int(samples->size() - 1) : 0);
    } else if (kind == "builtin") {
        for (const std::string& n : latentset::BuiltinGlyphs::names())
            name_box_->addItem(QString::fromStdString(n));
    } else {
        for (const auto& g : session_->drawnGlyphs())
            name_box_->addItem(g.name);
    }
    if (const int i = name_box_->findText(previous); i >= 0)
        name_box_->setCurrentIndex(i);
    refresh();
}

bool GlyphPicker::select(const QString& kind, const QString& nameOrIndex)
{
    const int k = kind_->findData(kind);
    if (k < 0)
        return false;
    kind_->setCurrentIndex(k);
    if (kind == "sample") {
        index_->setValue(nameOrIndex.toInt());
    } else {
        const int i = name_box_->findText(nameOrIndex);
        if (i < 0)
            return false;
        name_box_->setCurrentIndex(i);
    }
    refresh();
    return true;
}

void GlyphPicker::refresh()
{
    const QString kind = kind_->currentData().toString();
    glyph_ = latentset::Vector();
    name_.clear();
    if (kind == "sample") {
        const auto samples = session_->samples();
        if (samples && samples->size() > 0 && samples->pixelCount() == 784) {
            const int i = std::min<int>(index_->value(), int(samples->size() - 1));
            glyph_ = samples->imageVector(i);
            name_ = tr("sample %1 (%2)").arg(i).arg(QString::fromStdString(samples->className(samples->label(i))));
        }
    } else if (kind == "builtin") {
        if (name_box_->count() > 0) {
            name_ = name_box_->currentText();
            glyph_ = latentset::BuiltinGlyphs::render(name_.toStdString());
        }
    } else {
        const int i = name_box_->currentIndex();
        if (i >= 0 && i < session_->drawnGlyphs().size()) {
            glyph_ = session_->drawnGlyphs()[i].pixels;
            name_ = session_->drawnGlyphs()[i].name;
        }
    }
    preview_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(glyph_, 28, 28), 32));
    emit glyphChanged();
}

QJsonObject GlyphPicker::viewState() const
{
    const QString kind = kind_->currentData().toString();
    return {{"kind", kind}, {"name", kind == "sample" ? QString::number(index_->value()) : name_box_->currentText()}};
}

void GlyphPicker::restoreViewState(const QJsonObject& state)
{
    if (state.contains("kind"))
        select(state.value("kind").toString(), state.value("name").toString());
}
