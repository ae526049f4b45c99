#include "widgets/ContextMapLayout.h"

#include "latentset/cube/CubeDataset.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/world/ContextWorld.h"

#include <QObject>
#include <QSizeF>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <set>

namespace {
constexpr double kGap = 0.12; // between cells of a grid, in cells

QString valueText(double v)
{
    return QString::number(v, 'g', 4);
}

// The distinct values of axis a over the contexts, in the order of the grid
// (the first context with each new value along that axis).
std::vector<QString> axisLabels(const latentset::ContextWorld& world, const std::vector<int>& sizes, int axis)
{
    // Stride of axis `axis` in the row-major context index.
    int stride = 1;
    for (std::size_t a = std::size_t(axis) + 1; a < sizes.size(); ++a)
        stride *= sizes[a];
    std::vector<QString> labels;
    for (int k = 0; k < sizes[std::size_t(axis)]; ++k)
        labels.push_back(valueText(world.parameters(k * stride)[std::size_t(axis)]));
    return labels;
}
} // namespace

int ContextMapLayout::indexAt(const QPointF& p) const
{
    for (int c = 0; c < cells.size(); ++c)
        if (cells[c].contains(p))
            return c;
    return -1;
}

ContextMapLayout ContextMapLayout::grid(int n, int columns)
{
    ContextMapLayout l;
    l.kind = Kind::Grid;
    columns = std::max(1, std::min(columns, n));
    const int rows = (n + columns - 1) / columns;
    for (int c = 0; c < n; ++c)
        l.cells << QRectF((c % columns) + kGap / 2, (c / columns) + kGap / 2, 1 - kGap, 1 - kGap);
    l.extent = QSizeF(columns, rows);
    l.description = QObject::tr("%1 contexts, %2 per row (context c at row c / %2, column c mod %2)")
                        .arg(n)
                        .arg(columns);
    return l;
}

ContextMapLayout ContextMapLayout::ring(const std::vector<double>& angles, double period, const QString& axisName)
{
    ContextMapLayout l;
    l.kind = Kind::Ring;
    const int n = int(angles.size());
    // Neighbours are a chord 2 pi r / n apart; axis-aligned cells of side
    // 0.94 clear each other on a diagonal (the worst case) from a chord of
    // sqrt(2) * 0.94 = 1.33 on: 1.5 leaves a gap everywhere.
    const double radius = std::max(1.6, 1.5 * n / (2 * std::numbers::pi));
    const double centre = radius + 0.75;
    for (double a : angles) {
        const double phi = 2 * std::numbers::pi * a / period;
        // 0 at the top, counter-clockwise on the screen (y grows downwards).
        const double x = centre - radius * std::sin(phi), y = centre - radius * std::cos(phi);
        l.cells << QRectF(x - 0.47, y - 0.47, 0.94, 0.94);
        // The quarter turns' values, inside the ring beside their cells.
        const double q = std::fmod(a, period / 4);
        if (std::min(q, period / 4 - q) < 1e-9 * period) {
            const double tx = centre - (radius - 1.05) * std::sin(phi), ty = centre - (radius - 1.05) * std::cos(phi);
            l.captions << Caption{QRectF(tx - 0.6, ty - 0.22, 1.2, 0.44), valueText(a), true};
        }
    }
    l.extent = QSizeF(2 * centre, 2 * centre);
    const double inner = radius - 0.9;
    l.captions << Caption{QRectF(centre - inner, centre - 0.9, 2 * inner, 0.6),
                          QObject::tr("%1: 0 at the top, counter-clockwise").arg(axisName), false};
    l.captions << Caption{QRectF(centre - inner, centre - 0.2, 2 * inner, 0.5),
                          QObject::tr("full turn = %1").arg(valueText(period)), true};
    l.description = QObject::tr("%1 contexts on a ring by %2 (0 at the top, counter-clockwise)").arg(n).arg(axisName);
    return l;
}

ContextMapLayout ContextMapLayout::smallMultiples(const std::vector<int>& sizes, const std::vector<QString>& axisNames,
                                                  const std::vector<std::vector<QString>>& labels)
{
    ContextMapLayout l;
    l.kind = Kind::SmallMultiples;
    const int k = int(sizes.size());
    const int cols = sizes[std::size_t(k - 1)];
    const int rows = k >= 2 ? sizes[std::size_t(k - 2)] : 1;
    int panels = 1;
    for (int a = 0; a + 2 < k; ++a)
        panels *= sizes[std::size_t(a)];
    const int perRow = panels <= 4 ? panels : int(std::ceil(std::sqrt(double(panels))));
    constexpr double title = 0.7, left = 0.9, between = 0.8, bottom = 0.7;
    const double panelW = left + cols + between, panelH = title + rows + bottom;
    for (int p = 0; p < panels; ++p) {
        const double ox = (p % perRow) * panelW + left, oy = (p / perRow) * panelH + title;
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                l.cells << QRectF(ox + c + kGap / 2, oy + r + kGap / 2, 1 - kGap, 1 - kGap);
        // The panel's values on the leading axes ("scale 0.6").
        QStringList caption;
        int rest = p;
        for (int a = k - 3; a >= 0; --a) {
            const int idx = rest % sizes[std::size_t(a)];
            rest /= sizes[std::size_t(a)];
            caption.prepend(QString("%1 %2").arg(axisNames[std::size_t(a)], labels[std::size_t(a)][std::size_t(idx)]));
        }
        if (!caption.isEmpty())
            l.captions << Caption{QRectF(ox, oy - title, cols, title), caption.join(", "), false};
        // Axis ticks: the column values below, the row values on the left.
        for (int c = 0; c < cols; ++c)
            l.captions << Caption{QRectF(ox + c, oy + rows, 1, 0.45), labels[std::size_t(k - 1)][std::size_t(c)], true};
        if (k >= 2) {
            l.captions << Caption{QRectF(ox - left, oy - 0.45, left - 0.1, 0.4), axisNames[std::size_t(k - 2)] + " ↓", true};
            for (int r = 0; r < rows; ++r)
                l.captions << Caption{QRectF(ox - left, oy + r + 0.25, left - 0.1, 0.5),
                                      labels[std::size_t(k - 2)][std::size_t(r)], true};
        }
        l.captions << Caption{QRectF(ox, oy + rows + 0.35, cols, 0.4), axisNames[std::size_t(k - 1)] + " →", true};
    }
    const int panelRows = (panels + perRow - 1) / perRow;
    l.extent = QSizeF(perRow * panelW - between, panelRows * panelH);
    QStringList axes;
    for (const QString& a : axisNames)
        axes << a;
    l.description = QObject::tr("%1 contexts on the axes %2: %3 panel(s) of %4 rows (%5) x %6 columns (%7)")
                        .arg(l.cells.size())
                        .arg(axes.join(" x "))
                        .arg(panels)
                        .arg(rows)
                        .arg(k >= 2 ? axisNames[std::size_t(k - 2)] : QString("-"))
                        .arg(cols)
                        .arg(axisNames[std::size_t(k - 1)]);
    return l;
}

ContextMapLayout ContextMapLayout::strip(const std::vector<double>& values, const QString& axisName)
{
    ContextMapLayout l;
    l.kind = Kind::Grid;
    const int n = int(values.size());
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return values[std::size_t(a)] < values[std::size_t(b)]; });
    const int columns = std::max(1, int(std::ceil(std::sqrt(1.6 * n))));
    const int rows = (n + columns - 1) / columns;
    constexpr double kLabel = 1.8; // the row captions' column
    l.cells.resize(n);
    for (int k = 0; k < n; ++k) {
        const int r = k / columns, c = k % columns;
        l.cells[order[std::size_t(k)]] = QRectF(kLabel + c + 0.03, r + 0.03, 0.94, 0.94);
        if (c == 0)
            l.captions << Caption{QRectF(0, r + 0.1, kLabel - 0.15, 0.8), valueText(values[std::size_t(order[std::size_t(k)])]), true};
    }
    l.extent = QSizeF(kLabel + columns, rows);
    l.description = QObject::tr("%1 contexts by %2, row by row (each row starts at the value on its left)").arg(n).arg(axisName);
    return l;
}

ContextMapLayout ContextMapLayout::list(const QVector<QString>& names)
{
    ContextMapLayout l;
    l.kind = Kind::List;
    const int n = int(names.size());
    const int columns = std::max(1, int(std::ceil(std::sqrt(double(n) * 1.6))));
    constexpr double w = 1.6, h = 1.0, label = 0.45, gapX = 0.25, gapY = 0.2;
    for (int c = 0; c < n; ++c) {
        const double x = (c % columns) * (w + gapX), y = (c / columns) * (h + label + gapY);
        l.cells << QRectF(x, y, w, h);
        l.captions << Caption{QRectF(x - gapX / 2, y + h, w + gapX, label), names[c], true};
    }
    const int rows = (n + columns - 1) / columns;
    l.extent = QSizeF(std::min(n, columns) * (w + gapX) - gapX, rows * (h + label + gapY) - gapY);
    l.description = QObject::tr("%1 contexts by name").arg(n);
    return l;
}

ContextMapLayout ContextMapLayout::forWorld(const latentset::ContextWorld& world)
{
    const int n = world.contextCount();
    const std::vector<latentset::ContextAxis>& axes = world.axes();
    if (const auto* cube = dynamic_cast<const latentset::CubeDataset*>(&world))
        return grid(n, cube->contexts().gridColumns());
    if (axes.size() == 1 && axes.front().circular && axes.front().period > 0) {
        std::vector<double> angles;
        for (int c = 0; c < n; ++c)
            angles.push_back(world.parameters(c).front());
        const QString name = QString::fromStdString(axes.front().name);
        return n > kMaxRing ? strip(angles, name) : ring(angles, axes.front().period, name);
    }
    const std::vector<int> sizes = world.grid();
    if (sizes.size() == 1)
        return grid(n, n <= 24 ? n : int(std::ceil(std::sqrt(double(n)))));
    if (sizes.size() >= 2 && sizes.size() == axes.size()) {
        std::vector<QString> names;
        std::vector<std::vector<QString>> labels;
        for (int a = 0; a < int(sizes.size()); ++a) {
            names.push_back(QString::fromStdString(axes[std::size_t(a)].name));
            labels.push_back(axisLabels(world, sizes, a));
        }
        return smallMultiples(sizes, names, labels);
    }
    QVector<QString> names;
    for (int c = 0; c < n; ++c)
        names << QString::fromStdString(world.contextName(c));
    return list(names);
}
