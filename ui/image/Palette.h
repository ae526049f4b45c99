#pragma once
#include "latentset/util/Types.h"

#include <QColor>
#include <QImage>

#include <utility>
#include <vector>

// The one colour palette of LatentSet's maps (context-likelihood maps, heat
// maps, the CLI's PNG maps): viridis, perceptually uniform and readable with
// the common colour-vision deficiencies and in greyscale, sampled at nine
// stops and interpolated linearly in RGB between them. ui widgets build their
// plot gradient from stops(); the CLI paints with color() and gridImage(), so
// a map has the same colours in the app and in a PNG the CLI writes.
class Palette {
public:
    struct Stop {
        double position; // in [0, 1], increasing
        QRgb rgb;
    };

    static const Palette& viridis();

    const std::vector<Stop>& stops() const { return stops_; }
    // The colour at t (clamped to [0, 1]; NaN gives the first stop),
    // interpolated linearly between the two stops around it. Channels are
    // rounded to the nearest integer.
    QColor color(double t) const;

    // `values` as a grid of `columns` cells of `cell` x `cell` pixels, row by
    // row (cell i at column i % columns, row i / columns), coloured from the
    // smallest value (t = 0) to the largest (t = 1); all values equal give
    // t = 0.5. Cells past the end of `values` stay black. `columns` and
    // `cell` must be >= 1.
    QImage gridImage(const latentset::Vector& values, int columns, int cell) const;

private:
    explicit Palette(std::vector<Stop> stops) : stops_(std::move(stops)) {}
    std::vector<Stop> stops_;
};
