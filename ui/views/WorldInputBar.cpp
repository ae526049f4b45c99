#include "views/WorldInputBar.h"

#include "session/SessionWorld.h"
#include "widgets/GlyphPicker.h"
#include "widgets/SpinBoxes.h"

#include "latentset/world/ContextWorld.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

WorldInputBar::WorldInputBar(Session* session, const QString& prefix, QWidget* parent) : QWidget(parent)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    kind_ = new QComboBox;
    kind_->setAccessibleName(tr("%1: held-out item or glyph").arg(prefix));
    kind_->addItem(tr("held-out item"), "item");
    kind_->addItem(tr("glyph"), "glyph");
    item_ = SpinBoxes::make(tr("%1: held-out item").arg(prefix), 0, 0);
    item_->setToolTip(tr("An item the members were not trained on (every 5th of a folder or fonts world; MNIST's "
                         "test digits in a glyph world)."));
    itemName_ = new QLabel;
    itemName_->setMinimumWidth(60);
    picker_ = new GlyphPicker(session);
    row->addWidget(new QLabel(prefix));
    row->addWidget(kind_);
    row->addWidget(item_);
    row->addWidget(itemName_);
    row->addWidget(picker_);
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        showKind();
        emit changed();
    });
    connect(item_, &QSpinBox::valueChanged, this, [this] {
        showKind();
        emit changed();
    });
    connect(picker_, &GlyphPicker::glyphChanged, this, &WorldInputBar::changed);
    showKind();
}

void WorldInputBar::setWorld(const SessionWorld* world)
{
    world_ = world;
    const bool glyphs = world && world->test && world->test->glyphSize() == 28;
    item_->blockSignals(true);
    item_->setMaximum(world && world->test ? int(std::min<latentset::Index>(world->test->itemCount() - 1, 1 << 30)) : 0);
    item_->blockSignals(false);
    if (!glyphs && kind_->currentIndex() == 1)
        kind_->setCurrentIndex(0);
    kind_->setItemData(1, glyphs ? QVariant() : QVariant(0), Qt::UserRole - 1); // disabled without glyphs
    showKind();
}

void WorldInputBar::showKind()
{
    const bool glyph = kind_->currentIndex() == 1;
    item_->setVisible(!glyph);
    itemName_->setVisible(!glyph);
    picker_->setVisible(glyph);
    if (world_ && world_->test && !glyph) {
        const latentset::ContextWorld& w = *world_->test;
        const latentset::Index i = item_->value();
        QString name = QString::fromStdString(w.itemName(i));
        if (w.itemLabel(i) >= 0)
            name = tr("a “%1”").arg(QString::fromStdString(w.labelName(w.itemLabel(i))));
        itemName_->setText(name);
    }
}

WorldInput WorldInputBar::input() const
{
    WorldInput in;
    in.isGlyph = kind_->currentIndex() == 1;
    in.item = item_->value();
    if (in.isGlyph) {
        in.glyph = picker_->glyph();
        in.name = picker_->glyphName();
    } else {
        in.name = tr("item %1 (%2)").arg(item_->value()).arg(itemName_->text());
    }
    return in;
}

QJsonObject WorldInputBar::viewState() const
{
    return {{"kind", kind_->currentData().toString()}, {"item", item_->value()}, {"glyph", picker_->viewState()}};
}

void WorldInputBar::restoreViewState(const QJsonObject& state)
{
    picker_->restoreViewState(state.value("glyph").toObject());
    item_->setValue(state.value("item").toInt());
    kind_->setCurrentIndex(state.value("kind").toString() == "glyph" ? 1 : 0);
}
