#include "widgets/ColorMapView.h"

#include "image/Palette.h"
#include "widgets/PlotFigure.h"

#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QTextStream>
#include <QStackedLayout>
#include <QTimer>
#include <QToolTip>
#include <qcustomplot.h>

#include <cmath>

namespace {

// The palette of every map (image/Palette.h: viridis, the CLI's PNG maps too).
QCPColorGradient viridis()
{
    QCPColorGradient g;
    g.clearColorStops();
    for (const Palette::Stop& stop : Palette::viridis().stops())
        g.setColorStopAt(stop.position, QColor::fromRgb(stop.rgb));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(210, 210, 210));
    return g;
}

} // namespace

QColor ColorMapView::paletteColor(double t)
{
    static const QCPColorGradient g = viridis();
    return QColor::fromRgb(const_cast<QCPColorGradient&>(g).color(std::clamp(t, 0.0, 1.0), QCPRange(0, 1)));
}

ColorMapView::ColorMapView(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setAccessibleName(tr("Colour map"));
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, &ColorMapView::showContextMenu);
    plot_->axisRect()->setupFullAxesBox(true);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    // Row 0 on top: the y axis runs downwards.
    plot_->yAxis->setRangeReversed(true);
    plot_->yAxis2->setRangeReversed(true);
    // Cell indices are integers: ticks on whole numbers only (every 2nd or
    // 5th when the axis is short).
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        axis->setTicker(ticker);
    }

    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    map_->setColorScale(scale_);
    map_->setGradient(viridis());
    // Keep the colour scale aligned with the map's rect.
    auto* group = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);

    marker_ = new QCPItemRect(plot_);
    marker_->setPen(QPen(QColor(255, 64, 64), 2.5));
    marker_->setBrush(Qt::NoBrush);
    marker_->setVisible(false);
    marker_->setClipToAxisRect(true);

    // The empty state: a message where the map will be, not an empty plot
    // whose default axes and colour range would read as data.
    placeholder_ = new QLabel(tr("No data yet."));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setMargin(24);
    placeholder_->setFrameShape(QFrame::StyledPanel);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    placeholder_->setAccessibleName(tr("Colour map (empty)"));

    stack_ = new QStackedLayout(this);
    stack_->setContentsMargins(0, 0, 0, 0);
    stack_->addWidget(placeholder_);
    stack_->addWidget(plot_);
    stack_->setCurrentWidget(placeholder_);
    setFocusPolicy(Qt::StrongFocus);
    setFocusProxy(nullptr);
    replotTimer_ = new QTimer(this);
    replotTimer_->setSingleShot(true);
    replotTimer_->setInterval(16);
    connect(replotTimer_, &QTimer::timeout, this, &ColorMapView::replotNow);
    setMinimumSize(180, 160);
}

void ColorMapView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    replotTimer_->start();
}

void ColorMapView::setPlaceholderText(const QString& text)
{
    placeholder_->setText(text);
}

QString ColorMapView::placeholderText() const
{
    return placeholder_->text();
}

void ColorMapView::clear()
{
    cols_ = rows_ = 0;
    values_.clear();
    selected_ = hovered_ = -1;
    map_->data()->clear();
    marker_->setVisible(false);
    stack_->setCurrentWidget(placeholder_);
    emit colourRangeChanged(rangeLower(), rangeUpper(), locked_);
}

void ColorMapView::setGrid(int cols, int rows, const QVector<double>& values)
{
    Q_ASSERT(values.size() == cols * rows);
    if (cols * rows == 0) {
        clear();
        return;
    }
    stack_->setCurrentWidget(plot_);
    const bool resized = cols != cols_ || rows != rows_;
    cols_ = cols;
    rows_ = rows;
    values_ = values;
    if (resized) {
        map_->data()->setSize(cols, rows);
        map_->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
        plot_->xAxis->setRange(-0.5, cols - 0.5);
        plot_->yAxis->setRange(-0.5, rows - 0.5);
        if (selected_ >= cols * rows)
            selected_ = -1;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double v = values[r * cols + c];
            map_->data()->setCell(c, r, v);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    if (locked_)
        map_->setDataRange(QCPRange(lockLo_, lockHi_));
    else if (hi_ > lo_)
        map_->setDataRange(QCPRange(lo_, hi_));
    else if (hi > lo)
        map_->setDataRange(QCPRange(lo, hi));
    else if (std::isfinite(lo))
        map_->setDataRange(QCPRange(lo - 0.5, lo + 0.5));
    updateSelectionMarker();
    updateValueLabels();
    replotTimer_->start();
    emit colourRangeChanged(rangeLower(), rangeUpper(), locked_);
}

void ColorMapView::setTitle(const QString& title)
{
    PlotFigure::setTitle(plot_, title, font());
    setAccessibleName(title);
    title_ = title;
    replotTimer_->start();
}

void ColorMapView::setScaleLabel(const QString& label)
{
    scale_->axis()->setLabel(label);
    replotTimer_->start();
}

void ColorMapView::setDataRange(double lo, double hi)
{
    lo_ = lo;
    hi_ = hi;
    if (cols_ > 0)
        setGrid(cols_, rows_, values_);
}

void ColorMapView::setScaleLocked(bool locked)
{
    if (locked == locked_)
        return;
    if (locked)
        lockRange(rangeLower(), rangeUpper());
    else {
        locked_ = false;
        if (cols_ > 0)
            setGrid(cols_, rows_, values_);
        else
            emit colourRangeChanged(rangeLower(), rangeUpper(), false);
    }
}

void ColorMapView::lockRange(double lo, double hi)
{
    if (!(hi > lo))
        return;
    locked_ = true;
    lockLo_ = lo;
    lockHi_ = hi;
    map_->setDataRange(QCPRange(lo, hi));
    if (cols_ > 0)
        setGrid(cols_, rows_, values_);
    else
        emit colourRangeChanged(lo, hi, true);
}

double ColorMapView::rangeLower() const { return map_->dataRange().lower; }
double ColorMapView::rangeUpper() const { return map_->dataRange().upper; }

int ColorMapView::cellsOutsideRange() const
{
    const double lo = rangeLower(), hi = rangeUpper();
    int n = 0;
    for (double v : values_)
        n += std::isfinite(v) && (v < lo || v > hi);
    return n;
}

bool ColorMapView::scaleShown() const
{
    return scale_->visible() && scale_->axis()->visible() && scale_->axis()->tickLabels()
           && scale_->layout() == plot_->plotLayout() && !isEmpty();
}

void ColorMapView::setLabelFunction(std::function<QString(int)> label) { label_ = std::move(label); }

void ColorMapView::setShowValues(bool show, int precision)
{
    showValues_ = show;
    precision_ = precision;
    updateValueLabels();
    replotTimer_->start();
}

void ColorMapView::setAxisLabels(const QString& x, const QString& y)
{
    plot_->xAxis->setLabel(x);
    plot_->yAxis->setLabel(y);
    replotTimer_->start();
}

void ColorMapView::setSelectedIndex(int index)
{
    if (index >= cols_ * rows_)
        index = -1;
    if (index == selected_)
        return;
    selected_ = index;
    updateSelectionMarker();
    replotTimer_->start();
    emit selectionChanged(index);
}

int ColorMapView::indexAt(const QPoint& pos) const
{
    if (cols_ <= 0 || !plot_->axisRect()->rect().contains(pos))
        return -1;
    const int c = int(std::lround(plot_->xAxis->pixelToCoord(pos.x())));
    const int r = int(std::lround(plot_->yAxis->pixelToCoord(pos.y())));
    if (c < 0 || c >= cols_ || r < 0 || r >= rows_)
        return -1;
    return r * cols_ + c;
}

void ColorMapView::updateSelectionMarker()
{
    if (selected_ < 0 || cols_ <= 0) {
        marker_->setVisible(false);
        return;
    }
    const int c = selected_ % cols_, r = selected_ / cols_;
    marker_->topLeft->setCoords(c - 0.5, r - 0.5);
    marker_->bottomRight->setCoords(c + 0.5, r + 0.5);
    marker_->setVisible(true);
}

void ColorMapView::updateValueLabels()
{
    // Labels are items on the plot; rebuilt only when shown.
    for (int i = plot_->itemCount() - 1; i >= 0; --i)
        if (plot_->item(i)->property("cellLabel").toBool())
            plot_->removeItem(i);
    if (!showValues_ || cols_ * rows_ > 400)
        return;
    const QCPRange range = map_->dataRange();
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c) {
            const double v = values_[r * cols_ + c];
            auto* text = new QCPItemText(plot_);
            text->setProperty("cellLabel", true);
            text->position->setCoords(c, r);
            text->setText(std::isfinite(v) ? QString::number(v, 'f', precision_) : QString("–"));
            const double t = range.size() > 0 ? (v - range.lower) / range.size() : 0.0;
            // Dark text on the bright end of viridis, light text on the dark end.
            text->setColor(t > 0.6 ? Qt::black : Qt::white);
            text->setClipToAxisRect(true);
        }
}

void ColorMapView::replotNow()
{
    replotTimer_->stop();
    // The axes span exactly the cells (no empty bands beside the map); cells
    // take the rect's aspect, as in any heatmap plot.
    if (cols_ > 0) {
        plot_->xAxis->setRange(-0.5, cols_ - 0.5);
        plot_->yAxis->setRange(-0.5, rows_ - 0.5);
    }
    plot_->replot();
}

bool ColorMapView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == plot_) {
        if (event->type() == QEvent::MouseMove) {
            auto* me = static_cast<QMouseEvent*>(event);
            const int index = indexAt(me->position().toPoint());
            if (index != hovered_) {
                hovered_ = index;
                if (index >= 0) {
                    emit cellHovered(index);
                    const QString text = label_ ? label_(index)
                                                : tr("cell %1: %2").arg(index).arg(values_[index], 0, 'g', 5);
                    QToolTip::showText(me->globalPosition().toPoint(), text, plot_);
                } else {
                    QToolTip::hideText();
                }
            }
            return true; // no drag/zoom on a map
        }
        if (event->type() == QEvent::MouseButtonPress) {
            auto* me = static_cast<QMouseEvent*>(event);
            if (me->button() == Qt::LeftButton) {
                const int index = indexAt(me->position().toPoint());
                setFocus(Qt::MouseFocusReason);
                if (index >= 0) {
                    setSelectedIndex(index);
                    emit cellActivated(index);
                }
                return true;
            }
        }
        if (event->type() == QEvent::ToolTip) {
            // Over a cell its text; elsewhere what the map does.
            auto* he = static_cast<QHelpEvent*>(event);
            const int index = indexAt(he->pos());
            QToolTip::showText(he->globalPos(),
                               index >= 0 ? (label_ ? label_(index) : tr("cell %1: %2").arg(index).arg(values_[index], 0, 'g', 5))
                                          : tr("Hover a cell for its value, click or Enter to select it, arrows to move. "
                                               "Right-click: lock the colour scale, export as PNG or CSV."),
                               plot_);
            return true;
        }
        if (event->type() == QEvent::Leave)
            hovered_ = -1;
    }
    return QWidget::eventFilter(watched, event);
}

void ColorMapView::keyPressEvent(QKeyEvent* event)
{
    if (cols_ <= 0)
        return QWidget::keyPressEvent(event);
    int c = selected_ < 0 ? 0 : selected_ % cols_;
    int r = selected_ < 0 ? 0 : selected_ / cols_;
    switch (event->key()) {
    case Qt::Key_Left: c = std::max(0, c - 1); break;
    case Qt::Key_Right: c = std::min(cols_ - 1, c + (selected_ < 0 ? 0 : 1)); break;
    case Qt::Key_Up: r = std::max(0, r - 1); break;
    case Qt::Key_Down: r = std::min(rows_ - 1, r + (selected_ < 0 ? 0 : 1)); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (selected_ >= 0)
            emit cellActivated(selected_);
        return;
    default: return QWidget::keyPressEvent(event);
    }
    setSelectedIndex(r * cols_ + c);
    emit cellActivated(selected_);
}

bool ColorMapView::exportPng(const QString& path, QString* error)
{
    if (isEmpty()) {
        if (error)
            *error = tr("The map is empty: nothing to export yet.");
        return false;
    }
    replotNow();
    return PlotFigure::savePng(plot_, path, devicePixelRatioF(), error, figureInfo());
}

bool ColorMapView::exportSvg(const QString& path, QString* error)
{
    if (isEmpty()) {
        if (error)
            *error = tr("The map is empty: nothing to export yet.");
        return false;
    }
    replotNow();
    return PlotFigure::saveSvg(plot_, path, error, figureInfo());
}

bool ColorMapView::exportCsv(const QString& path, QString* error) const
{
    if (isEmpty()) {
        if (error)
            *error = tr("The map is empty: nothing to export yet.");
        return false;
    }
    return PlotFigure::writeCsv(path, "index,row,column,value", [this](QTextStream& out) {
        for (int i = 0; i < values_.size(); ++i)
            out << i << ',' << i / cols_ << ',' << i % cols_ << ',' << QString::number(values_[i], 'g', 9) << '\n';
    }, error, figureInfo());
}

void ColorMapView::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    QAction* lock = menu.addAction(tr("Lock colour scale"));
    lock->setCheckable(true);
    lock->setChecked(locked_);
    lock->setToolTip(tr("Keep the colour range shown now for the next maps, so two maps can be compared."));
    connect(lock, &QAction::toggled, this, &ColorMapView::setScaleLocked);
    menu.addSeparator();
    PlotFigure::addExportActions(menu, this,
                                 {tr("Export map as PNG"), [this](const QString& path) { return exportPng(path); },
                                  tr("Export map as SVG"), [this](const QString& path) { return exportSvg(path); },
                                  tr("Export map values as CSV"),
                                  [this](const QString& path) { return exportCsv(path); }});
    menu.exec(plot_->mapToGlobal(pos));
}

FigureInfo ColorMapView::figureInfo() const
{
    FigureInfo info = figureInfo_ ? figureInfo_() : FigureInfo{};
    if (info.title.isEmpty())
        info.title = QString(title_).replace('\n', " — ");
    return info;
}
