#include "image/CurveChart.h"

#include <QPainter>
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
    const QRectF plot(56, 30, width - 56 - 16, height - 30 - 44);
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
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
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
    p.drawText(QRectF(plot.left(), height - 22, plot.width(), 18), Qt::AlignCenter, xLabel_);
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
        // The legend sits at the right, centred vertically: falling accuracy
        // curves are low there and AUROC curves high.
        const double ly = plot.center().y() - 7.5 * double(series_.size()) + 15 * row++;
        p.drawLine(QPointF(plot.right() - 170, ly), QPointF(plot.right() - 146, ly));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.right() - 140, ly - 8, 136, 16), Qt::AlignLeft | Qt::AlignVCenter, s.name);
    }
    return image;
}
