#pragma once
#include "latentset/util/Types.h"

#include <QColor>
#include <QImage>

// A diverging colour map for signed values (the attack view's perturbation,
// docs/ui.md "Attack view"): blue for negative, white for zero, red for
// positive, after ColorBrewer's RdBu (readable with the common colour-vision
// deficiencies, and its two ends differ in lightness too). Symmetric: -scale
// and +scale get the two ends, values beyond them are clamped. Qt Gui only,
// any thread.
class DivergingMap {
public:
    // The colour of t in [-1, 1] (clamped; NaN gives white).
    static QColor color(double t);
    // `values` (width x height, row-major) / scale, each pixel a zoom x zoom
    // block. scale <= 0 draws everything white.
    static QImage image(const latentset::Vector& values, int width, int height, double scale, int zoom);
    // A horizontal bar from -1 (left) to +1 (right), for a legend.
    static QImage bar(int width, int height);
};
