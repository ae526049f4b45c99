#include "image/CurveChart.h"

#include <QPainter>
#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

CurveChart::CurveChart(QString title, QString xLabel, QString yLabel)
    : title_(std::move(title)), xLabel_(std::move(xLabel)), yLabel_(std::move(yLabel))
{
}

void CurveChart::setYRange(double lo, double hi)
{
    if (hi > lo) {
        yLo_ = lo;
        yHi_ = hi;
    }
}

QImage CurveChart::render(int width, int height) const
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    // The legend goes in rows under the x axis label, outside the plot, so
    // no curve can ever run under it (inside the plot it covered curves).
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
    const QFontMetricsF metrics(font);
    const double left = 56, right = 16, entryGap = 18, lineLength = 24;
    std::vector<QPointF> entries; // top-left of each entry, relative to the legend's origin
    double ex = 0, ey = 0;
    for (const Series& s : series_) {
        const double w = lineLength + 6 + metrics.horizontalAdvance(s.name);
        if (ex > 0 && ex + w > width - left - right) {
            ex = 0;
            ey += 16;
        }
        entries.emplace_back(ex, ey);
        ex += w + entryGap;
    }
    const double legendHeight = series_.empty() ? 0 : ey + 16 + 4;
    const QRectF plot(left, 30, width - left - right, height - 30 - 44 - legendHeight);
    double xLo = 0, xHi = 1;
    bool first = true;
    for (const Series& s : series_)
        for (double x : s.x) {
            xLo = first ? x : std::min(xLo, x);
            xHi = first ? x : std::max(xHi, x);
            first = false;
        }
    if (!(xHi > xLo))
        xHi = xLo + 1;
    const auto px = [&](double x) { return plot.left() + (x - xLo) / (xHi - xLo) * plot.width(); };
    const auto py = [&](double y) { return plot.bottom() - (y - yLo_) / (yHi_ - yLo_) * plot.height(); };

    // Grid and ticks: 5 steps on each axis.
    for (int k = 0; k <= 5; ++k) {
        const double y = yLo_ + (yHi_ - yLo_) * k / 5, x = xLo + (xHi - xLo) * k / 5;
        p.setPen(QColor(225, 225, 225));
        p.drawLine(QPointF(plot.left(), py(y)), QPointF(plot.right(), py(y)));
        p.drawLine(QPointF(px(x), plot.top()), QPointF(px(x), plot.bottom()));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, py(y) - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(y, 'g', 3));
        p.drawText(QRectF(px(x) - 30, plot.bottom() + 4, 60, 16), Qt::AlignCenter, QString::number(x, 'g', 3));
    }
    p.setPen(Qt::black);
    p.drawRect(plot);
    p.drawText(QRectF(plot.left(), plot.bottom() + 22, plot.width(), 18), Qt::AlignCenter, xLabel_);
    p.save();
    p.translate(14, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -8, plot.height(), 16), Qt::AlignCenter, yLabel_);
    p.restore();
    QFont bold = font;
    bold.setBold(true);
    bold.setPixelSize(13);
    p.setFont(bold);
    p.drawText(QRectF(0, 6, width, 20), Qt::AlignCenter, title_);
    p.setFont(font);

    int row = 0;
    for (const Series& s : series_) {
        QPen pen(s.color, 2);
        if (s.dashed)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        QPainterPath path;
        bool started = false;
        for (std::size_t k = 0; k < s.x.size() && k < s.y.size(); ++k) {
            if (!std::isfinite(s.y[k]))
                continue;
            const QPointF point(px(s.x[k]), py(s.y[k]));
            if (started)
                path.lineTo(point);
            else
                path.moveTo(point);
            started = true;
            p.drawEllipse(point, 2.5, 2.5);
        }
        p.drawPath(path);
        const QPointF at = QPointF(plot.left(), plot.bottom() + 44) + entries[std::size_t(row++)];
        p.drawLine(QPointF(at.x(), at.y() + 8), QPointF(at.x() + lineLength, at.y() + 8));
        p.setPen(Qt::black);
        p.drawText(QRectF(at.x() + lineLength + 6, at.y(), width, 16), Qt::AlignLeft | Qt::AlignVCenter, s.name);
    }
    return image;
}
