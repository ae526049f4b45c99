#pragma once
#include "latentset/util/Types.h"

#include <QColor>
#include <QImage>
#include <QRectF>
#include <QStringList>

#include <vector>

class QPainter;

// The latent map's picture, drawn once for the app's view and the CLI's PNG
// (docs/latent-map.md): 2-D coordinates (2 x n, one column per point) as
// dots coloured by category, optional lines joining the points of one group
// in order (one item's codes across its contexts), a legend at the right
// and a title row. Qt Gui only (text needs a QGuiApplication for its fonts:
// latentset-cli makes one for `latent`); any thread (no widgets).
//
// Colours: up to 10 categories the Tableau 10 palette (distinct, readable
// on white); more (100 contexts) viridis over the category index, and the
// legend is then a strip from the first name to the last.
class LatentScatter {
public:
    // `colour[i]` in [0, names.size()) is point i's category.
    LatentScatter(latentset::Matrix coordinates, std::vector<int> colour, QStringList names);

    // Points with the same group value (>= 0) are joined in index order.
    void setLines(std::vector<int> group) { lines_ = std::move(group); }
    // Points drawn larger and outlined (selected[i], n entries or empty).
    void setSelected(std::vector<bool> selected) { selected_ = std::move(selected); }
    void setTitle(const QString& title) { title_ = title; }

    latentset::Index pointCount() const { return coordinates_.cols(); }
    // The rectangle of a picture of `size` the points are drawn in.
    QRectF plotRect(QSizeF size) const;
    // Point i's position in a picture of `size` (y up on the page: larger y higher).
    QPointF position(latentset::Index i, QSizeF size) const;
    // The nearest point to `at` within `radius` pixels, else -1.
    latentset::Index nearest(QPointF at, QSizeF size, double radius) const;

    void paint(QPainter& painter, QSizeF size) const;
    QImage image(QSize size) const;

    static QColor categoryColour(int category, int categories);

private:
    void paintLegend(QPainter& painter, QRectF area) const;

    latentset::Matrix coordinates_;
    std::vector<int> colour_;
    QStringList names_;
    std::vector<int> lines_;
    std::vector<bool> selected_;
    QString title_;
    float minX_ = 0, maxX_ = 1, minY_ = 0, maxY_ = 1;
};
