#pragma once
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

#include <vector>

namespace latentset {
class ContextWorld;
}

// Where each context of a world sits in its context map (docs/worlds.md
// "Maps", docs/ui.md "World views"), in a layout space measured in cells
// (a plain cell is 1 x 1; ContextMapView scales the space to the widget):
//   * Grid: row-major, `columns` per row (the cube's 10 x 10, a strip);
//   * Ring: one circular axis (rotation; a folder whose contexts.csv has one
//     "name@period" column): each context on a circle at its angle, 0 at
//     the top, increasing counter-clockwise (as the rotation world turns its
//     glyphs on the screen);
//   * SmallMultiples: a Cartesian grid of axes (ContextWorld::grid()):
//     the last two axes are the rows and columns of one panel, the axes
//     before them index the panels (scale x position: one y x x panel per
//     scale), each panel captioned with its values;
//     (more than kMaxRing contexts: a strip wrapped into rows, in angle
//     order, each row captioned with its first angle);
//   * List: no structure to follow (fonts, a folder): a grid of cells, each
//     labelled with its context's name below it.
// A value type, computed once per world (no model math: parameters and
// names only). Thread rules: plain value, any thread.
struct ContextMapLayout {
    enum class Kind { Grid, Ring, SmallMultiples, List };
    struct Caption {
        QRectF rect;
        QString text;
        bool small = false; // names under cells (smaller font)
    };

    Kind kind = Kind::Grid;
    QSizeF extent;           // the layout space: (0, 0) to extent
    QVector<QRectF> cells;   // cells[c] = context c's rectangle
    QVector<Caption> captions;
    QString description;     // one line: how the map is laid out

    int size() const { return int(cells.size()); }
    // The context whose cell contains `p` (layout space), else -1.
    int indexAt(const QPointF& p) const;

    // The layout a world's map uses (see above).
    static ContextMapLayout forWorld(const latentset::ContextWorld& world);
    // `n` cells row-major, `columns` per row.
    static ContextMapLayout grid(int n, int columns);
    // Cells at `angles` (one per context) on a circle; `period` is a full turn.
    static ContextMapLayout ring(const std::vector<double>& angles, double period, const QString& axisName);
    // `sizes` per axis (row-major context index), `labels[a][k]` the k-th value's text on axis a.
    static ContextMapLayout smallMultiples(const std::vector<int>& sizes, const std::vector<QString>& axisNames,
                                           const std::vector<std::vector<QString>>& labels);
    // `names.size()` labelled cells.
    static ContextMapLayout list(const QVector<QString>& names);
    // Cells in increasing order of `values` (one per context), row by row,
    // each row captioned with its first value: a circular axis with more
    // contexts than a ring shows legibly (kMaxRing).
    static ContextMapLayout strip(const std::vector<double>& values, const QString& axisName);
    static constexpr int kMaxRing = 144;
};
