#pragma once
#include <QSpinBox>
#include <QString>

// The integer box every settings form uses: its accessible name (what a
// screen reader and the Qt tests find it by) and its range, set once.
struct SpinBoxes {
    static QSpinBox* make(const QString& name, int lo, int hi)
    {
        auto* s = new QSpinBox;
        s->setAccessibleName(name);
        s->setRange(lo, hi);
        return s;
    }
};
