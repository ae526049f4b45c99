#include "image/LineChart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

LineChart::LineChart(QString title, QString xLabel, QString yLabel)
    : title_(std::move(title)), xLabel_(std::move(xLabel)), yLabel_(std::move(yLabel))
{
}

void LineChart::addReference(double y, QString label, QColor color)
{
    references_.push_back({y, std::move(label), color});
}

QColor LineChart::seriesColor(int k)
{
    static const QRgb colors[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f};
    return QColor(colors[std::size_t(k) % (sizeof colors / sizeof colors[0])]);
}

double LineChart::mapX(double x) const { return logX_ ? std::log10(std::max(x, 1e-12)) : x; }

QImage LineChart::render(int width, int height) const
{
    double xLo = std::numeric_limits<double>::max(), xHi = -xLo;
    for (const auto& s : series_)
        for (double x : s.x)
            xLo = std::min(xLo, mapX(x)), xHi = std::max(xHi, mapX(x));
    for (const auto& [x, label] : xTicks_)
        xLo = std::min(xLo, mapX(x)), xHi = std::max(xHi, mapX(x));
    if (!(xHi > xLo))
        xLo -= 0.5, xHi = xLo + 1;
    const double pad = 0.03 * (xHi - xLo);
    xLo -= pad, xHi += pad;

    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(80, 50, width - 80 - 230, height - 50 - 70);
    const auto px = [&](double x) { return plot.left() + (mapX(x) - xLo) / (xHi - xLo) * plot.width(); };
    const auto py = [&](double y) { return plot.bottom() - (y - yLo_) / (yHi_ - yLo_) * plot.height(); };

    QFont font = p.font();
    font.setPixelSize(14);
    p.setFont(font);
    p.setPen(QColor(0xdd, 0xdd, 0xdd));
    for (int k = 0; k <= 5; ++k) {
        const double y = yLo_ + (yHi_ - yLo_) * k / 5.0;
        p.drawLine(QPointF(plot.left(), py(y)), QPointF(plot.right(), py(y)));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, py(y) - 10, plot.left() - 8, 20), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(y, 'g', 3));
        p.setPen(QColor(0xdd, 0xdd, 0xdd));
    }
    std::vector<std::pair<double, QString>> ticks = xTicks_;
    if (ticks.empty())
        for (int k = 0; k <= 4; ++k) {
            const double v = xLo + pad + (xHi - xLo - 2 * pad) * k / 4.0;
            const double x = logX_ ? std::pow(10.0, v) : v;
            ticks.push_back({x, QString::number(x, 'g', 3)});
        }
    p.setPen(Qt::black);
    for (const auto& [x, label] : ticks) {
        p.drawLine(QPointF(px(x), plot.bottom()), QPointF(px(x), plot.bottom() + 5));
        p.drawText(QRectF(px(x) - 40, plot.bottom() + 6, 80, 20), Qt::AlignHCenter | Qt::AlignTop, label);
    }
    p.drawRect(plot);
    p.drawText(QRectF(plot.left(), plot.bottom() + 30, plot.width(), 24), Qt::AlignHCenter, xLabel_);
    p.save();
    p.translate(18, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -12, plot.height(), 24), Qt::AlignHCenter, yLabel_);
    p.restore();
    font.setPixelSize(17);
    font.setBold(true);
    p.setFont(font);
    p.drawText(QRectF(0, 10, width, 30), Qt::AlignHCenter, title_);
    font.setPixelSize(13);
    font.setBold(false);
    p.setFont(font);

    drawCurves(p, plot, xLo, xHi);
    drawLegend(p, plot);
    return image;
}

void LineChart::drawCurves(QPainter& p, const QRectF& plot, double xLo, double xHi) const
{
    const auto px = [&](double x) { return plot.left() + (mapX(x) - xLo) / (xHi - xLo) * plot.width(); };
    const auto py = [&](double y) { return plot.bottom() - (y - yLo_) / (yHi_ - yLo_) * plot.height(); };
    p.setClipRect(plot);
    for (const auto& r : references_) {
        p.setPen(QPen(r.color, 1.5, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), py(r.y)), QPointF(plot.right(), py(r.y)));
    }
    for (const auto& s : series_) {
        p.setPen(QPen(s.color, 2.2));
        QPainterPath path;
        for (std::size_t k = 0; k < s.x.size() && k < s.y.size(); ++k) {
            const QPointF at(px(s.x[k]), py(s.y[k]));
            if (k == 0)
                path.moveTo(at);
            else
                path.lineTo(at);
            if (k < s.sd.size() && s.sd[k] > 0)
                p.drawLine(QPointF(at.x(), py(s.y[k] - s.sd[k])), QPointF(at.x(), py(s.y[k] + s.sd[k])));
            p.setBrush(s.color);
            p.drawEllipse(at, 3.5, 3.5);
            p.setBrush(Qt::NoBrush);
        }
        if (!s.markersOnly)
            p.drawPath(path);
    }
    p.setClipping(false);
}

void LineChart::drawLegend(QPainter& p, const QRectF& plot) const
{
    // Series, then the references.
    double y = plot.top();
    const double lx = plot.right() + 14;
    for (const auto& s : series_) {
        p.setPen(QPen(s.color, 2.5));
        if (s.markersOnly) {
            p.setBrush(s.color);
            p.drawEllipse(QPointF(lx + 13, y + 9), 3.5, 3.5);
            p.setBrush(Qt::NoBrush);
        } else {
            p.drawLine(QPointF(lx, y + 9), QPointF(lx + 26, y + 9));
        }
        p.setPen(Qt::black);
        p.drawText(QRectF(lx + 32, y, 190, 18), Qt::AlignLeft | Qt::AlignVCenter, s.name);
        y += 22;
    }
    for (const auto& r : references_) {
        p.setPen(QPen(r.color, 1.5, Qt::DashLine));
        p.drawLine(QPointF(lx, y + 9), QPointF(lx + 26, y + 9));
        p.setPen(Qt::black);
        p.drawText(QRectF(lx + 32, y, 190, 18), Qt::AlignLeft | Qt::AlignVCenter, r.label);
        y += 22;
    }
}
