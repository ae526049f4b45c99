#include "widgets/ClassScoreBars.h"

#include "widgets/ColorMapView.h"

ClassScoreBars::ClassScoreBars(const QString& title, QWidget* parent) : PlotView(parent)
{
    setTitle(title);
    setAxisLabels(tr("class"), tr("score"));
}

void ClassScoreBars::setScores(const latentset::Vector& scores, const QStringList& classNames)
{
    // Made on first use, as both views always did: until the first scores
    // arrive the plot holds no series at all.
    if (seriesCount() == 0)
        addSeries(tr("score"), ColorMapView::paletteColor(0.35), PlotView::Kind::Bars);
    QVector<double> x(scores.size()), y(scores.size());
    for (int i = 0; i < scores.size(); ++i) {
        x[i] = i;
        y[i] = scores[i];
    }
    setCategoryLabels(classNames);
    setSeries(0, x, y);
}
