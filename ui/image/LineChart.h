#pragma once
#include <QColor>
#include <QImage>
#include <QString>

class QPainter;
class QRectF;

#include <utility>
#include <vector>

// A line chart painted on a QImage: the CLI's curve figures (accuracy after
// each task, learning curves, reliability diagrams, posteriors along a
// blend), written with PngWriter. Series of (x, y) points with optional
// error bars (± sd), dashed horizontal reference lines with a label (the
// published figures), a legend, linear or logarithmic x.
//
// Draws text, so it needs fonts: the process must run a QGuiApplication
// (latentset-cli makes one, offscreen, for the commands that write charts).
class LineChart {
public:
    struct Series {
        QString name;
        std::vector<double> x, y;
        std::vector<double> sd; // empty, or one per point: error bar ± sd
        QColor color;
        bool markersOnly = false; // points without the connecting line
    };

    LineChart(QString title, QString xLabel, QString yLabel);

    void setYRange(double lo, double hi) { yLo_ = lo; yHi_ = hi; }
    // x ticks at these values with these labels (default: 5 even ticks).
    void setXTicks(std::vector<std::pair<double, QString>> ticks) { xTicks_ = std::move(ticks); }
    void setLogX(bool log) { logX_ = log; }
    void addSeries(Series series) { series_.push_back(std::move(series)); }
    void addReference(double y, QString label, QColor color);

    // The chart; the x range spans every series' points (and the ticks).
    QImage render(int width = 900, int height = 560) const;

    // A palette of distinct colours for series k.
    static QColor seriesColor(int k);

private:
    struct Reference {
        double y;
        QString label;
        QColor color;
    };
    double mapX(double x) const;
    void drawCurves(QPainter& p, const QRectF& plot, double xLo, double xHi) const;
    void drawLegend(QPainter& p, const QRectF& plot) const;

    QString title_, xLabel_, yLabel_;
    double yLo_ = 0, yHi_ = 1;
    bool logX_ = false;
    std::vector<std::pair<double, QString>> xTicks_;
    std::vector<Series> series_;
    std::vector<Reference> references_;
};
