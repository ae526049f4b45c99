#pragma once
#include <QImage>
#include <QPoint>

#include "latentset/experiments/UnitsResult.h"

// The pictures of core's UnitsResult (docs/units-and-compare.md), drawn the
// same by the desktop's units view and by `latentset-cli units --png`:
//   * the filter grid: the first `count` tiles in the result's unit order,
//     `columns` per row, each tile zoom x its picture size, 1 px grey gaps;
//   * the direction strip: one row per latent direction in the result's
//     direction order, one column per offset (-k .. 0 .. +k), the offset-0
//     column (= the reconstruction) framed orange; it draws the result's
//     sweepShown (the decoded pictures, or their change from f(z*));
//   * figure(): the two side by side (filters left), for a PNG.
// Qt Gui only; any thread (QImage, QPainter on an image).
class UnitsPicture {
public:
    struct Layout {
        int columns = 16;
        int zoom = 2;
    };
    static QImage filterGrid(const latentset::UnitsResult& result, int count, const Layout& layout);
    // The rank (position in the unit order) of the tile under pixel `at` of
    // filterGrid(result, count, layout); -1 on a gap or outside.
    static int rankAt(const latentset::UnitsResult& result, int count, const Layout& layout, QPoint at);
    static QImage directionStrip(const latentset::UnitsResult& result, const Layout& layout);
    // The direction (rank) and offset index under pixel `at` of the strip,
    // {-1, -1} on a gap or outside.
    static QPoint directionAt(const latentset::UnitsResult& result, const Layout& layout, QPoint at);
    static QImage figure(const latentset::UnitsResult& result, int count, const Layout& layout);
};
