#pragma once
#include <QWidget>

class ColorMapView;
class QCheckBox;
class QDoubleSpinBox;

// The lock of a ColorMapView's colour scale as controls beside it: a
// "Lock scale" check box and the range's two ends. Unlocked, the ends show
// the range of the current map (read-only); locked, the range stays for
// every later map (a map at another angle is drawn on the same colours)
// and the ends can be typed in. GUI thread only.
class ColorScaleControl : public QWidget {
    Q_OBJECT
public:
    explicit ColorScaleControl(ColorMapView* map, QWidget* parent = nullptr);

    QCheckBox* lockBox() const { return lock_; }
    QDoubleSpinBox* lowerBox() const { return lower_; }
    QDoubleSpinBox* upperBox() const { return upper_; }

private:
    void showRange(double lo, double hi, bool locked);
    void applyTypedRange();

    ColorMapView* map_;
    QCheckBox* lock_ = nullptr;
    QDoubleSpinBox* lower_ = nullptr;
    QDoubleSpinBox* upper_ = nullptr;
    bool updating_ = false;
};
