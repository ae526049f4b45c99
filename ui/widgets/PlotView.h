#pragma once
#include <QColor>
#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <functional>

#include "widgets/FigureInfo.h"

class QCustomPlot;
class QCPAbstractPlottable;
class QTimer;

// The one wrapper of QCustomPlot in LatentSet: every curve, bar chart and
// histogram of the app goes through it, so export (PNG, CSV), log scale,
// smoothing and replot coalescing are written once.
//
// Data is kept raw; smoothing (a centred moving average over the same x
// window for every line, CurveSmoother: nothing shifts) only changes what is drawn, and CSV export writes the raw values, so a smoothed curve
// never leaks into a saved figure's numbers.
//
// GUI thread only. Updates are coalesced: append()/setSeries() restart a
// ~40 ms single-shot timer and the plot is replotted once when it fires, so
// a stream of progress signals costs one repaint per frame at most. A plot
// that is not visible (another tab) is not drawn until it is shown again.
// A line of more than kShownPoints points is drawn from a min/max-per-bucket
// reduction of it (the raw points stay for CSV export): drawing cost grew
// with the session, a 30-minute training's loss curve cost the GUI thread
// 65 ms per replot and ~90 % of a core (bench/soak.sh, docs/soak.md).
class PlotView : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Line, Bars };

    explicit PlotView(QWidget* parent = nullptr);
    ~PlotView() override;

    // Adds a series; returns its index (0, 1, ...). Bars share the x positions
    // given to setSeries() and are drawn side by side when there are several.
    int addSeries(const QString& name, const QColor& color, Kind kind = Kind::Line,
                  Qt::PenStyle style = Qt::SolidLine);
    // Draws a dot at every point of a line series: for values measured now
    // and then (a validation score every few seconds), so a straight stretch
    // between two dots reads as "not measured in between", not as a trend.
    void setSeriesMarkers(int series, bool markers);
    void removeAllSeries();
    int seriesCount() const;
    QString seriesName(int series) const;

    void setSeries(int series, const QVector<double>& x, const QVector<double>& y);
    void append(int series, double x, double y);
    const QVector<double>& seriesX(int series) const;
    const QVector<double>& seriesY(int series) const;

    void setTitle(const QString& title);
    void setAxisLabels(const QString& x, const QString& y);
    // Text labels at integer x positions (class names under bars).
    void setCategoryLabels(const QStringList& labels);
    void setLogY(bool log);
    bool logY() const { return logY_; }
    // 0 = raw; 0.9 = heavy (a window of (1 + s) / (1 - s) points of the
    // densest line, the same x span for every line). Line series only.
    // Emits smoothingChanged when the value changes (also from the context
    // menu), so a control beside the plot can follow.
    void setSmoothing(double alpha);
    double smoothing() const { return smoothing_; }
    // The values drawn for a series (smoothed lines; before the reduction
    // of long lines), for tests.
    QVector<double> shownY(int series) const;
    // Log scale and smoothing for a project ({"logY", "smoothing"}) and back;
    // displayChanged() tells the controls beside the plot (ui/project).
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);
    // Fixed y range (e.g. accuracy 0..1); call with lo >= hi to return to auto.
    void setYRange(double lo, double hi);
    void setLegendVisible(bool visible);
    // Width of a bar slot in x units (default 1: categories at 0, 1, 2...).
    void setBarSlotWidth(double width);

    // Raw data as CSV: one block per series, "series,x,y" rows. Returns false
    // and sets *error when the file cannot be written.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportPng(const QString& path, QString* error = nullptr);
    // The plot as drawn, as vector graphics (PlotFigure::saveSvg).
    bool exportSvg(const QString& path, QString* error = nullptr);
    // What an exported PNG says about itself (FigureInfo text chunks): the
    // owning view supplies model and settings; without it, the title only.
    void setFigureInfo(std::function<FigureInfo()> provider) { figureInfo_ = std::move(provider); }
    FigureInfo figureInfo() const;

    // Replots now (tests and screenshots call this instead of waiting).
    void replotNow();
    // Lines longer than this are drawn reduced to this many points.
    static constexpr int kShownPoints = 600;
    QCustomPlot* plot() const { return plot_; }

signals:
    // The log scale or the smoothing changed (menu, restoreViewState, setters).
    void displayChanged();

protected:
    void showEvent(QShowEvent* event) override;

signals:
    void smoothingChanged(double smoothing);

private:
    struct Series;
    double finestSpacing() const;
    void scheduleReplot();
    void replotIfVisible();
    void rebuild(int series);
    void showContextMenu(const QPoint& pos);

    QCustomPlot* plot_ = nullptr;
    QTimer* replotTimer_ = nullptr;
    std::function<FigureInfo()> figureInfo_;
    QString title_;
    QVector<Series*> series_;
    bool logY_ = false;
    double smoothing_ = 0.0;
    double yLo_ = 0.0, yHi_ = 0.0;
    double barSlot_ = 1.0;
    bool legendWanted_ = false;
    bool replotWhenShown_ = false; // data changed while hidden
};
