#include "widgets/ColorScaleControl.h"

#include "widgets/ColorMapView.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

#include <cfloat>

ColorScaleControl::ColorScaleControl(ColorMapView* map, QWidget* parent) : QWidget(parent), map_(map)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    lock_ = new QCheckBox(tr("Lock colour scale"));
    lock_->setAccessibleName(tr("Lock the colour scale"));
    lock_->setToolTip(tr("Keep the colour range of the map shown now for the next maps (another angle, another "
                         "glyph), so their colours can be compared. Unlocked, each map spans its own range."));
    row->addWidget(lock_);
    const auto makeEnd = [this, row](const QString& label, const QString& tip) {
        row->addWidget(new QLabel(label));
        auto* box = new QDoubleSpinBox;
        box->setRange(-DBL_MAX, DBL_MAX);
        box->setDecimals(3);
        box->setKeyboardTracking(false);
        box->setAccessibleName(tip);
        box->setToolTip(tip + tr(" (editable while the scale is locked)"));
        box->setReadOnly(true);
        box->setMaximumWidth(110);
        row->addWidget(box);
        return box;
    };
    lower_ = makeEnd(tr("from"), tr("Lower end of the colour scale"));
    upper_ = makeEnd(tr("to"), tr("Upper end of the colour scale"));
    row->addStretch();
    connect(lock_, &QCheckBox::toggled, map_, &ColorMapView::setScaleLocked);
    connect(map_, &ColorMapView::colourRangeChanged, this, &ColorScaleControl::showRange);
    connect(lower_, &QDoubleSpinBox::valueChanged, this, &ColorScaleControl::applyTypedRange);
    connect(upper_, &QDoubleSpinBox::valueChanged, this, &ColorScaleControl::applyTypedRange);
    showRange(map_->rangeLower(), map_->rangeUpper(), map_->scaleLocked());
}

void ColorScaleControl::showRange(double lo, double hi, bool locked)
{
    updating_ = true;
    {
        const QSignalBlocker b(lock_);
        lock_->setChecked(locked);
    }
    lower_->setValue(lo);
    upper_->setValue(hi);
    lower_->setReadOnly(!locked);
    upper_->setReadOnly(!locked);
    // No map yet (or none any more): nothing to lock, no numbers to show.
    setEnabled(!map_->isEmpty() || locked);
    updating_ = false;
}

void ColorScaleControl::applyTypedRange()
{
    if (updating_ || !map_->scaleLocked())
        return;
    if (upper_->value() > lower_->value())
        map_->lockRange(lower_->value(), upper_->value());
}
