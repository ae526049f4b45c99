#pragma once
#include <QVector>

// Display smoothing of a plotted curve (PlotView): a centred moving average
// over a window measured in x units, not in points. Every series of a plot
// gets the same window, so a sparse curve (validation, every quarter epoch)
// and a dense one (training, every mini-batch) are averaged over the same
// stretch of x and stay comparable; a per-point filter gave the sparse curve a
// lag of many epochs and drew it far above the dense one (docs/ui.md).
//
// Centred, so nothing is shifted along x: the window around x_i is
// [x_i - h_i, x_i + h_i] with h_i = min(h, x_i - x_first, x_last - x_i), i.e.
// it shrinks symmetrically near both ends. The first and last values are
// kept as they are, a constant stays constant, a straight line stays
// straight, and a step is spread over at most ±h around where it is.
// Non-finite values are left as they are and skipped by their neighbours'
// averages. x must be non-decreasing. O(n).
class CurveSmoother {
public:
    // Half-width of the window for `smoothing` in [0, 1): the window of an
    // exponential average of that factor, (1 + s) / (1 - s) points, of the
    // given point spacing (the finest of the plot's curves). 0 for s <= 0.
    static double halfWidth(double smoothing, double spacing);
    static QVector<double> smooth(const QVector<double>& x, const QVector<double>& y, double halfWidth);
};
