#include "widgets/ClassScoreBars.h"

#include "widgets/ColorMapView.h"

#include <qcustomplot.h>

#include <cmath>

namespace {
const char* const kValueLabel = "classScoreValue";

// Three significant digits at most, no exponent for the usual losses.
QString scoreText(double v)
{
    const double a = std::abs(v);
    return QString::number(v, 'f', a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}
} // namespace

ClassScoreBars::ClassScoreBars(const QString& title, QWidget* parent) : PlotView(parent), baseTitle_(title)
{
    setTitle(title);
    setAxisLabels(tr("class"), tr("score"));
    setToolTip(tr("One bar per member of the class set: minus its reconstruction loss of the glyph. "
                  "The highest bar (orange) is the class the set decides for."));
}

void ClassScoreBars::setScores(const latentset::Vector& scores, const QStringList& classNames)
{
    // Made on first use, as both views always did: until the first scores
    // arrive the plot holds no series at all.
    if (seriesCount() == 0)
        addSeries(tr("score"), ColorMapView::paletteColor(0.35), PlotView::Kind::Bars);
    QVector<double> x(scores.size()), y(scores.size());
    labels_.clear();
    winner_ = -1;
    for (int i = 0; i < scores.size(); ++i) {
        x[i] = i;
        y[i] = scores[i];
        const QString name = classNames.value(i);
        labels_ << (name.isEmpty() ? QString::number(i) : name);
        if (std::isfinite(y[i]) && (winner_ < 0 || y[i] > y[winner_]))
            winner_ = i;
    }
    // Before, a set without class names got no ticks and an x range of
    // (-0.6, -0.4): every bar outside the plot (blank bars for sets
    // trained in the app).
    setCategoryLabels(labels_);
    setSeries(0, x, y);

    removeValueItems();
    QCustomPlot* p = plot();
    for (int i = 0; i < scores.size(); ++i) {
        if (!std::isfinite(y[i]))
            continue;
        auto* text = new QCPItemText(p);
        text->setProperty(kValueLabel, true);
        // Inside the bar, along it from its zero end, white on the bar's
        // colour: readable for ten bars of nearly equal height, where
        // numbers under the bars' ends overlapped one another.
        text->position->setCoords(i, 0.0);
        text->setRotation(-90);
        text->setPositionAlignment((y[i] < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        text->setPadding(QMargins(4, 0, 4, 0));
        text->setColor(Qt::white);
        text->setText(scoreText(y[i]));
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        f.setBold(i == winner_);
        text->setFont(f);
        text->setClipToAxisRect(true);
    }
    if (!highlight_) {
        highlight_ = new QCPItemRect(p);
        highlight_->setPen(QPen(QColor(200, 90, 0)));
        highlight_->setBrush(QColor(245, 130, 20));
    }
    highlight_->setVisible(winner_ >= 0);
    if (winner_ >= 0) {
        // Over the winning bar exactly (a single series: width 0.8 of a slot).
        highlight_->topLeft->setCoords(winner_ - 0.4, std::max(0.0, y[winner_]));
        highlight_->bottomRight->setCoords(winner_ + 0.4, std::min(0.0, y[winner_]));
        double second = -INFINITY;
        for (int i = 0; i < y.size(); ++i)
            if (i != winner_ && std::isfinite(y[i]))
                second = std::max(second, y[i]);
        QString title = tr("%1\nbest: %2 (%3)").arg(baseTitle_, labels_[winner_], scoreText(y[winner_]));
        if (std::isfinite(second))
            title += tr(", ahead by %1").arg(scoreText(y[winner_] - second));
        setTitle(title);
    } else {
        setTitle(baseTitle_);
    }
}

void ClassScoreBars::clearScores()
{
    if (seriesCount() > 0)
        setSeries(0, {}, {});
    removeValueItems();
    if (highlight_)
        highlight_->setVisible(false);
    labels_.clear();
    winner_ = -1;
    setTitle(baseTitle_);
}

QStringList ClassScoreBars::valueTexts() const
{
    QStringList texts;
    for (int i = 0; i < plot()->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot()->item(i)); t && t->property(kValueLabel).toBool())
            texts << t->text();
    return texts;
}

void ClassScoreBars::removeValueItems()
{
    QCustomPlot* p = plot();
    for (int i = p->itemCount() - 1; i >= 0; --i)
        if (p->item(i)->property(kValueLabel).toBool())
            p->removeItem(i);
}
