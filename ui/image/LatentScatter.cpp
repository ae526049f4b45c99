#include "image/LatentScatter.h"

#include "image/Palette.h"

#include <QPainter>
#include <QPolygonF>

#include <algorithm>
#include <map>

using latentset::Index;

namespace {

constexpr double kLegendWidth = 150, kTitleHeight = 24, kMargin = 12;
constexpr int kListedCategories = 12;

} // namespace

LatentScatter::LatentScatter(latentset::Matrix coordinates, std::vector<int> colour, QStringList names)
    : coordinates_(std::move(coordinates)), colour_(std::move(colour)), names_(std::move(names))
{
    if (coordinates_.cols() > 0) {
        minX_ = coordinates_.row(0).minCoeff();
        maxX_ = coordinates_.row(0).maxCoeff();
        minY_ = coordinates_.row(1).minCoeff();
        maxY_ = coordinates_.row(1).maxCoeff();
    }
    // A degenerate extent (one point, one line) still maps to the middle.
    if (!(maxX_ > minX_))
        maxX_ = minX_ + 1;
    if (!(maxY_ > minY_))
        maxY_ = minY_ + 1;
}

QColor LatentScatter::categoryColour(int category, int categories)
{
    static const QRgb tableau[10] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                     0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    if (category < 0)
        return QColor(128, 128, 128);
    if (categories <= 10)
        return QColor(tableau[category % 10]);
    return Palette::viridis().color(double(category) / double(std::max(1, categories - 1)));
}

QRectF LatentScatter::plotRect(QSizeF size) const
{
    return QRectF(kMargin, kMargin + kTitleHeight, std::max(10.0, size.width() - 2 * kMargin - kLegendWidth),
                  std::max(10.0, size.height() - 2 * kMargin - kTitleHeight));
}

QPointF LatentScatter::position(Index i, QSizeF size) const
{
    const QRectF r = plotRect(size);
    const double u = (coordinates_(0, i) - minX_) / (maxX_ - minX_);
    const double v = (coordinates_(1, i) - minY_) / (maxY_ - minY_);
    return {r.left() + u * r.width(), r.bottom() - v * r.height()};
}

Index LatentScatter::nearest(QPointF at, QSizeF size, double radius) const
{
    Index best = -1;
    double bestDistance = radius * radius;
    for (Index i = 0; i < pointCount(); ++i) {
        const QPointF d = position(i, size) - at;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= bestDistance) {
            bestDistance = d2;
            best = i;
        }
    }
    return best;
}

void LatentScatter::paint(QPainter& painter, QSizeF size) const
{
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QRectF plot = plotRect(size);
    painter.setPen(QPen(QColor(200, 200, 200), 1));
    painter.drawRect(plot.adjusted(-4, -4, 4, 4));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(kMargin, kMargin / 2, size.width() - 2 * kMargin, kTitleHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, title_);
    const int categories = int(names_.size());
    if (!lines_.empty()) {
        // One polyline per group, in index order, faint so the dots stay readable.
        std::map<int, QPolygonF> paths;
        for (Index i = 0; i < pointCount() && i < Index(lines_.size()); ++i)
            if (lines_[std::size_t(i)] >= 0)
                paths[lines_[std::size_t(i)]] << position(i, size);
        painter.setPen(QPen(QColor(90, 90, 90, 60), 0.8));
        for (const auto& [group, line] : paths)
            painter.drawPolyline(line);
    }
    // Dots of one colour in one drawPoints call (round caps): 10,000 points stay fast.
    std::map<int, QPolygonF> byColour;
    for (Index i = 0; i < pointCount(); ++i)
        byColour[i < Index(colour_.size()) ? colour_[std::size_t(i)] : -1] << position(i, size);
    const double dot = pointCount() > 3000 ? 3.0 : 5.0;
    for (const auto& [category, points] : byColour) {
        painter.setPen(QPen(categoryColour(category, categories), dot, Qt::SolidLine, Qt::RoundCap));
        painter.drawPoints(points);
    }
    if (!selected_.empty()) {
        painter.setPen(QPen(Qt::black, 1.2));
        painter.setBrush(Qt::NoBrush);
        for (Index i = 0; i < pointCount() && i < Index(selected_.size()); ++i)
            if (selected_[std::size_t(i)])
                painter.drawEllipse(position(i, size), dot, dot);
    }
    paintLegend(painter, QRectF(plot.right() + kMargin, plot.top(), kLegendWidth - kMargin, plot.height()));
    painter.restore();
}

void LatentScatter::paintLegend(QPainter& painter, QRectF area) const
{
    const int categories = int(names_.size());
    painter.setRenderHint(QPainter::Antialiasing, false);
    const double row = 16;
    if (categories <= kListedCategories) {
        for (int k = 0; k < categories; ++k) {
            const QRectF swatch(area.left(), area.top() + k * row + 3, 10, 10);
            painter.fillRect(swatch, categoryColour(k, categories));
            painter.setPen(Qt::black);
            painter.drawText(QRectF(area.left() + 16, area.top() + k * row, area.width() - 16, row),
                             Qt::AlignLeft | Qt::AlignVCenter, names_[k]);
        }
        return;
    }
    // Many categories: a strip from the first to the last, named at its ends.
    const double height = std::min(area.height() - 2 * row, 240.0);
    for (int y = 0; y < int(height); ++y)
        painter.fillRect(QRectF(area.left(), area.top() + row + y, 12, 1),
                         categoryColour(int(double(y) / height * (categories - 1) + 0.5), categories));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(area.left(), area.top(), area.width(), row), Qt::AlignLeft | Qt::AlignVCenter,
                     names_.front());
    painter.drawText(QRectF(area.left(), area.top() + row + height, area.width(), row),
                     Qt::AlignLeft | Qt::AlignVCenter, names_.back());
    painter.drawText(QRectF(area.left() + 18, area.top() + row + height / 2 - row / 2, area.width() - 18, row),
                     Qt::AlignLeft | Qt::AlignVCenter, QString("%1 in all").arg(categories));
}

QImage LatentScatter::image(QSize size) const
{
    QImage out(size, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter painter(&out);
    paint(painter, QSizeF(size));
    painter.end();
    return out;
}
