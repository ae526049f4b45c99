#include "image/UnitsPicture.h"

#include "image/ImageConvert.h"

#include <QPainter>

#include <algorithm>

namespace {

constexpr int kGap = 1;
const QColor kGapColour(40, 80, 150); // blue: a tile's edge shows against grey weights
const QColor kMarkColour(255, 150, 0);

QSize tileSize(const latentset::UnitsResult& r, int zoom)
{
    return QSize(r.pictureWidth * zoom, r.pictureHeight * zoom);
}

// The cell under `at` in a grid of `cols` x `rows` cells of `tile` with gaps, or (-1, -1).
QPoint cellAt(QPoint at, QSize tile, int cols, int rows)
{
    if (at.x() < kGap || at.y() < kGap || tile.isEmpty())
        return {-1, -1};
    const int cx = (at.x() - kGap) / (tile.width() + kGap), cy = (at.y() - kGap) / (tile.height() + kGap);
    const int ox = (at.x() - kGap) % (tile.width() + kGap), oy = (at.y() - kGap) % (tile.height() + kGap);
    if (cx >= cols || cy >= rows || ox >= tile.width() || oy >= tile.height())
        return {-1, -1};
    return {cx, cy};
}

QImage blankGrid(QSize tile, int cols, int rows)
{
    QImage grid(cols * (tile.width() + kGap) + kGap, rows * (tile.height() + kGap) + kGap, QImage::Format_RGB32);
    grid.fill(kGapColour);
    return grid;
}

QPoint cellOrigin(QSize tile, int col, int row)
{
    return QPoint(kGap + col * (tile.width() + kGap), kGap + row * (tile.height() + kGap));
}

} // namespace

QImage UnitsPicture::filterGrid(const latentset::UnitsResult& r, int count, const Layout& layout)
{
    const QSize tile = tileSize(r, layout.zoom);
    count = std::clamp(count, 0, int(r.unitOrder.size()));
    const int cols = std::max(1, std::min(layout.columns, count));
    const int rows = std::max(1, (count + cols - 1) / cols);
    QImage grid = blankGrid(tile, cols, rows);
    QPainter p(&grid);
    for (int k = 0; k < count; ++k) {
        const latentset::Vector pixels = r.tiles.col(r.unitOrder[std::size_t(k)]);
        p.drawImage(cellOrigin(tile, k % cols, k / cols),
                    ImageConvert::toImage(pixels, r.pictureWidth, r.pictureHeight, layout.zoom));
    }
    return grid;
}

int UnitsPicture::rankAt(const latentset::UnitsResult& r, int count, const Layout& layout, QPoint at)
{
    count = std::clamp(count, 0, int(r.unitOrder.size()));
    const int cols = std::max(1, std::min(layout.columns, count));
    const QPoint c = cellAt(at, tileSize(r, layout.zoom), cols, (count + cols - 1) / cols);
    const int rank = c.x() < 0 ? -1 : c.y() * cols + c.x();
    return rank < count ? rank : -1;
}

QImage UnitsPicture::directionStrip(const latentset::UnitsResult& r, const Layout& layout)
{
    const QSize tile = tileSize(r, layout.zoom);
    const int steps = int(r.offsets.size()), rows = int(r.directionOrder.size());
    QImage strip = blankGrid(tile, std::max(1, steps), std::max(1, rows));
    QPainter p(&strip);
    for (int row = 0; row < rows; ++row) {
        const latentset::Index i = r.directionOrder[std::size_t(row)];
        for (int s = 0; s < steps; ++s) {
            const QPoint at = cellOrigin(tile, s, row);
            p.drawImage(at, ImageConvert::toImage(latentset::Vector(r.sweepShown.col(i * steps + s)), r.pictureWidth,
                                                  r.pictureHeight, layout.zoom));
            if (s == steps / 2) {
                p.setPen(QPen(kMarkColour, 1));
                p.drawRect(QRect(at, tile - QSize(1, 1)));
            }
        }
    }
    return strip;
}

QPoint UnitsPicture::directionAt(const latentset::UnitsResult& r, const Layout& layout, QPoint at)
{
    return cellAt(at, tileSize(r, layout.zoom), int(r.offsets.size()), int(r.directionOrder.size()));
}

QImage UnitsPicture::figure(const latentset::UnitsResult& r, int count, const Layout& layout)
{
    const QImage grid = filterGrid(r, count, layout), strip = directionStrip(r, layout);
    constexpr int kSpace = 12;
    QImage out(grid.width() + kSpace + strip.width(), std::max(grid.height(), strip.height()), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    p.drawImage(0, 0, grid);
    p.drawImage(grid.width() + kSpace, 0, strip);
    return out;
}
