#include "widgets/PlotView.h"

#include "widgets/CurveSmoother.h"
#include "widgets/PlotFigure.h"

#include <QMenu>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

struct PlotView::Series {
    QString name;
    Kind kind = Kind::Line;
    QVector<double> x, y;
    QCPAbstractPlottable* plottable = nullptr;
};

PlotView::PlotView(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setAccessibleName(tr("Plot"));
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    plot_->legend->setVisible(false);
    plot_->legend->setFont(font());
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Software rendering only: no OpenGL (works offscreen and under Xvfb).
    plot_->setNotAntialiasedElements(QCP::aeNone);
    // Lines as separate segments, not one stroked polyline per series: the
    // polyline's joins (QStroker::joinPoints) were most of a replot of the
    // training curves (20 series of up to 600 points), 40-60 ms of GUI thread
    // when the Training tab was shown again while training ran.
    plot_->setPlottingHint(QCP::phFastPolylines, true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    replotTimer_ = new QTimer(this);
    replotTimer_->setSingleShot(true);
    replotTimer_->setInterval(40);
    connect(replotTimer_, &QTimer::timeout, this, &PlotView::replotIfVisible);
    connect(plot_, &QWidget::customContextMenuRequested, this, &PlotView::showContextMenu);
    setMinimumSize(200, 140);
    setToolTip(tr("Drag to pan, wheel to zoom. Right-click: logarithmic y axis, smoothing (display only), "
                  "export as PNG (with caption and model) or CSV (raw values)."));
}

PlotView::~PlotView() { qDeleteAll(series_); }

void PlotView::setSeriesMarkers(int series, bool markers)
{
    auto* graph = qobject_cast<QCPGraph*>(series_.at(series)->plottable);
    if (!graph)
        return;
    graph->setScatterStyle(markers ? QCPScatterStyle(QCPScatterStyle::ssDisc, 4.5) : QCPScatterStyle());
    scheduleReplot();
}

int PlotView::addSeries(const QString& name, const QColor& color, Kind kind, Qt::PenStyle style)
{
    auto* s = new Series;
    s->name = name;
    s->kind = kind;
    if (kind == Kind::Line) {
        QCPGraph* graph = plot_->addGraph();
        graph->setName(name);
        graph->setPen(QPen(color, 1.6, style));
        s->plottable = graph;
    } else {
        auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
        bars->setName(name);
        bars->setPen(QPen(color.darker(130)));
        bars->setBrush(color);
        s->plottable = bars;
    }
    series_.push_back(s);
    // Several bar series share slots side by side.
    int nBars = 0;
    for (Series* other : series_)
        nBars += other->kind == Kind::Bars;
    if (nBars > 0) {
        const double width = 0.8 * barSlot_ / nBars;
        for (Series* other : series_)
            if (other->kind == Kind::Bars)
                static_cast<QCPBars*>(other->plottable)->setWidth(width);
        for (int i = 0; i < series_.size(); ++i)
            if (series_[i]->kind == Kind::Bars)
                rebuild(i);
    }
    return series_.size() - 1;
}

void PlotView::removeAllSeries()
{
    plot_->clearPlottables();
    qDeleteAll(series_);
    series_.clear();
    scheduleReplot();
}

int PlotView::seriesCount() const { return series_.size(); }
QString PlotView::seriesName(int series) const { return series_.at(series)->name; }
const QVector<double>& PlotView::seriesX(int series) const { return series_.at(series)->x; }
const QVector<double>& PlotView::seriesY(int series) const { return series_.at(series)->y; }

void PlotView::setSeries(int series, const QVector<double>& x, const QVector<double>& y)
{
    Series* s = series_.at(series);
    s->x = x;
    s->y = y;
    s->y.resize(x.size());
    rebuild(series);
    scheduleReplot();
}

void PlotView::append(int series, double x, double y)
{
    Series* s = series_.at(series);
    s->x.push_back(x);
    s->y.push_back(y);
    if (s->kind == Kind::Line && smoothing_ <= 0.0 && s->x.size() <= kShownPoints) {
        static_cast<QCPGraph*>(s->plottable)->addData(x, y);
    } else {
        rebuild(series);
    }
    scheduleReplot();
}

void PlotView::rebuild(int series)
{
    Series* s = series_.at(series);
    if (s->kind == Kind::Line) {
        // Centred, over the same x window for every curve (CurveSmoother).
        QVector<double> shown =
            CurveSmoother::smooth(s->x, s->y, CurveSmoother::halfWidth(smoothing_, finestSpacing()));
        QVector<double> x = s->x;
        if (x.size() > kShownPoints) {
            // Min and max of each of kShownPoints/2 buckets, in x order:
            // peaks and dips stay, the line has a bounded number of joins.
            const int n = int(x.size()), buckets = kShownPoints / 2;
            QVector<double> rx, ry;
            rx.reserve(kShownPoints);
            ry.reserve(kShownPoints);
            for (int b = 0; b < buckets; ++b) {
                const int lo = int(qint64(n) * b / buckets), hi = int(qint64(n) * (b + 1) / buckets);
                int iMin = -1, iMax = -1;
                for (int i = lo; i < hi; ++i) {
                    if (!std::isfinite(shown[i]))
                        continue;
                    if (iMin < 0 || shown[i] < shown[iMin])
                        iMin = i;
                    if (iMax < 0 || shown[i] > shown[iMax])
                        iMax = i;
                }
                if (iMin < 0)
                    continue;
                for (int i : {std::min(iMin, iMax), std::max(iMin, iMax)}) {
                    rx.push_back(x[i]);
                    ry.push_back(shown[i]);
                    if (iMin == iMax)
                        break;
                }
            }
            x = std::move(rx);
            shown = std::move(ry);
        }
        static_cast<QCPGraph*>(s->plottable)->setData(x, shown, true);
    } else {
        // Offset this bar series inside its slot.
        int nBars = 0, k = 0;
        for (int i = 0; i < series_.size(); ++i) {
            if (series_[i]->kind != Kind::Bars)
                continue;
            if (i == series)
                k = nBars;
            ++nBars;
        }
        const double width = 0.8 * barSlot_ / nBars;
        QVector<double> x = s->x;
        for (double& v : x)
            v += (k - (nBars - 1) / 2.0) * width;
        static_cast<QCPBars*>(s->plottable)->setData(x, s->y, true);
    }
}

void PlotView::setTitle(const QString& title)
{
    PlotFigure::setTitle(plot_, title, font());
    setAccessibleName(title);
    title_ = title;
    scheduleReplot();
}

void PlotView::setAxisLabels(const QString& x, const QString& y)
{
    plot_->xAxis->setLabel(x);
    plot_->yAxis->setLabel(y);
    scheduleReplot();
}

void PlotView::setCategoryLabels(const QStringList& labels)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(i, labels[i]);
    plot_->xAxis->setTicker(ticker);
    // Long names would overlap: slant them.
    int longest = 0;
    for (const QString& l : labels)
        longest = std::max(longest, int(l.size()));
    plot_->xAxis->setTickLabelRotation(longest > 3 ? 45 : 0);
    plot_->xAxis->setRange(-0.6, labels.size() - 0.4);
    scheduleReplot();
}

void PlotView::setLogY(bool log)
{
    logY_ = log;
    plot_->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    scheduleReplot();
    emit displayChanged();
}

void PlotView::setSmoothing(double alpha)
{
    const double previous = smoothing_;
    smoothing_ = std::clamp(alpha, 0.0, 0.99);
    for (int i = 0; i < series_.size(); ++i)
        rebuild(i);
    scheduleReplot();
    if (smoothing_ != previous)
        emit smoothingChanged(smoothing_);
    emit displayChanged();
}

double PlotView::finestSpacing() const
{
    // The mean point spacing of the densest line: the window is that many
    // points of it, and the same stretch of x for the sparser lines.
    double finest = 0.0;
    for (const Series* s : series_) {
        if (s->kind != Kind::Line || s->x.size() < 2)
            continue;
        const double spacing = (s->x.back() - s->x.front()) / double(s->x.size() - 1);
        if (spacing > 0.0 && (finest == 0.0 || spacing < finest))
            finest = spacing;
    }
    return finest;
}

QVector<double> PlotView::shownY(int series) const
{
    const Series* s = series_.at(series);
    if (s->kind != Kind::Line)
        return s->y;
    return CurveSmoother::smooth(s->x, s->y, CurveSmoother::halfWidth(smoothing_, finestSpacing()));
}

void PlotView::setYRange(double lo, double hi)
{
    yLo_ = lo;
    yHi_ = hi;
    scheduleReplot();
}

void PlotView::setBarSlotWidth(double width)
{
    barSlot_ = width > 0 ? width : 1.0;
    const int n = series_.size();
    int nBars = 0;
    for (Series* s : series_)
        nBars += s->kind == Kind::Bars;
    for (int i = 0; i < n; ++i)
        if (series_[i]->kind == Kind::Bars) {
            static_cast<QCPBars*>(series_[i]->plottable)->setWidth(0.8 * barSlot_ / nBars);
            rebuild(i);
        }
    scheduleReplot();
}

void PlotView::setLegendVisible(bool visible)
{
    legendWanted_ = visible;
    plot_->legend->setVisible(visible && !series_.isEmpty());
    scheduleReplot();
}

void PlotView::scheduleReplot() { replotTimer_->start(); }

void PlotView::replotIfVisible()
{
    // A hidden tab's plot drew every progress report for nobody.
    if (!isVisible()) {
        replotWhenShown_ = true;
        return;
    }
    replotNow();
}

void PlotView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (replotWhenShown_)
        replotNow();
}

void PlotView::replotNow()
{
    replotTimer_->stop();
    replotWhenShown_ = false;
    plot_->legend->setVisible(legendWanted_ && !series_.isEmpty());
    bool anyData = false;
    bool categorical = !plot_->xAxis->ticker().dynamicCast<QCPAxisTickerText>().isNull();
    for (Series* s : series_)
        anyData = anyData || !s->x.isEmpty();
    if (!anyData && yHi_ > yLo_)
        plot_->yAxis->setRange(yLo_, yHi_);
    if (anyData) {
        if (!categorical)
            plot_->xAxis->rescale(true);
        if (yHi_ > yLo_) {
            plot_->yAxis->setRange(yLo_, yHi_);
        } else {
            plot_->yAxis->rescale(true);
            // Leave a margin so the top point is not on the frame; bars start at 0.
            QCPRange r = plot_->yAxis->range();
            if (!logY_) {
                const double pad = std::max(1e-9, 0.06 * r.size());
                bool bars = false;
                for (Series* s : series_)
                    bars = bars || s->kind == Kind::Bars;
                plot_->yAxis->setRange(bars && r.lower >= 0 ? 0.0 : r.lower - pad, r.upper + pad);
            } else if (r.lower > 0 && r.upper > r.lower) {
                // The same margin on a log axis is a factor.
                const double factor = std::pow(r.upper / r.lower, 0.06);
                plot_->yAxis->setRange(r.lower / factor, r.upper * factor);
            }
        }
    }
    plot_->replot();
}

bool PlotView::exportCsv(const QString& path, QString* error) const
{
    return PlotFigure::writeCsv(path, "series,x,y", [this](QTextStream& out) {
        for (const Series* s : series_) {
            QString name = s->name;
            name.replace('"', "\"\"");
            for (int i = 0; i < s->x.size(); ++i)
                out << '"' << name << "\"," << QString::number(s->x[i], 'g', 9) << ','
                    << QString::number(s->y[i], 'g', 9) << '\n';
        }
    }, error, figureInfo());
}

bool PlotView::exportPng(const QString& path, QString* error)
{
    replotNow();
    return PlotFigure::savePng(plot_, path, devicePixelRatioF(), error, figureInfo());
}

bool PlotView::exportSvg(const QString& path, QString* error)
{
    replotNow();
    return PlotFigure::saveSvg(plot_, path, error, figureInfo());
}

void PlotView::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    QAction* log = menu.addAction(tr("Logarithmic y axis"));
    log->setCheckable(true);
    log->setChecked(logY_);
    connect(log, &QAction::toggled, this, &PlotView::setLogY);
    QMenu* smooth = menu.addMenu(tr("Smoothing"));
    for (double a : {0.0, 0.6, 0.9, 0.97}) {
        QAction* act = smooth->addAction(a == 0.0 ? tr("None") : QString::number(a));
        act->setCheckable(true);
        act->setChecked(std::abs(a - smoothing_) < 1e-9);
        connect(act, &QAction::triggered, this, [this, a] { setSmoothing(a); });
    }
    menu.addSeparator();
    PlotFigure::addExportActions(menu, this,
                                 {tr("Export plot as PNG"), [this](const QString& path) { return exportPng(path); },
                                  tr("Export plot as SVG"), [this](const QString& path) { return exportSvg(path); },
                                  tr("Export plot data as CSV"),
                                  [this](const QString& path) { return exportCsv(path); }});
    menu.exec(plot_->mapToGlobal(pos));
}

FigureInfo PlotView::figureInfo() const
{
    FigureInfo info = figureInfo_ ? figureInfo_() : FigureInfo{};
    if (info.title.isEmpty())
        info.title = QString(title_).replace('\n', " — ");
    return info;
}

QJsonObject PlotView::viewState() const { return {{"logY", logY_}, {"smoothing", smoothing_}}; }

void PlotView::restoreViewState(const QJsonObject& state)
{
    if (state.contains("logY"))
        setLogY(state.value("logY").toBool());
    if (state.contains("smoothing"))
        setSmoothing(std::clamp(state.value("smoothing").toDouble(), 0.0, 0.99));
}
