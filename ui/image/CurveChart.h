#pragma once
// A line chart painted with QPainter into a QImage: the accuracy-vs-eps
// curves latentset-cli attack writes (--png), any x, y in [0, 1] by default.
// Qt Gui only (no widgets, no QCustomPlot), any thread.
//
//     CurveChart chart("L2", "eps", "accuracy");
//     chart.add({"set, PGD", QColor(0, 90, 200), false, eps, accuracy});
//     QImage image = chart.render(480, 360);
#include <QColor>
#include <QImage>
#include <QString>

#include <vector>

class CurveChart {
public:
    struct Series {
        QString name;
        QColor color;
        bool dashed = false;
        std::vector<double> x, y; // same length; NaN y values are skipped
    };

    CurveChart(QString title, QString xLabel, QString yLabel);
    void add(Series series) { series_.push_back(std::move(series)); }
    // y axis range (default [0, 1]).
    void setYRange(double lo, double hi);
    // The chart with axes, ticks, the title, and a legend in rows under the
    // x axis label (outside the plot: no curve runs under it).
    QImage render(int width, int height) const;

private:
    QString title_, xLabel_, yLabel_;
    double yLo_ = 0, yHi_ = 1;
    std::vector<Series> series_;
};
