// Display smoothing of the plots (CurveSmoother, PlotView): it must not shift
// a curve. Before, an exponential average per point drew the validation loss
// (a point every quarter epoch) far above the training loss (a point every
// mini-batch) at the same epoch: 280 vs 150 at epoch 0.25, equal unsmoothed.
#include "widgets/CurveSmoother.h"
#include "widgets/PlotView.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

namespace {
QVector<double> range(int n, double step, double from = 0.0)
{
    QVector<double> x(n);
    for (int i = 0; i < n; ++i)
        x[i] = from + i * step;
    return x;
}
} // namespace

class CurveSmootherTest : public QObject {
    Q_OBJECT
private slots:
    void keepsTheFirstValueAndConstants()
    {
        const QVector<double> x = range(50, 0.1);
        QVector<double> y(50);
        for (int i = 0; i < 50; ++i)
            y[i] = 100.0 / (1 + i) + (i % 2 ? 3.0 : -3.0);
        for (double s : {0.6, 0.9, 0.97}) {
            const double h = CurveSmoother::halfWidth(s, 0.1);
            const QVector<double> out = CurveSmoother::smooth(x, y, h);
            QCOMPARE(out.first(), y.first());
            QCOMPARE(out.last(), y.last());
            const QVector<double> flat = CurveSmoother::smooth(x, QVector<double>(50, 7.25), h);
            for (double v : flat)
                QVERIFY(std::abs(v - 7.25) < 1e-12);
        }
        QCOMPARE(CurveSmoother::halfWidth(0.0, 0.1), 0.0);
        QCOMPARE(CurveSmoother::smooth(x, y, 0.0), y);
    }

    void aStepIsNotDelayedBeyondTheWindow()
    {
        const QVector<double> x = range(200, 1.0);
        QVector<double> y(200);
        for (int i = 0; i < 200; ++i)
            y[i] = i < 100 ? 0.0 : 1.0;
        const double h = CurveSmoother::halfWidth(0.9, 1.0); // 19 points: +-9.5
        QVERIFY(h > 9 && h < 10);
        const QVector<double> out = CurveSmoother::smooth(x, y, h);
        for (int i = 0; i < 200; ++i) {
            if (x[i] < 100 - h)
                QCOMPARE(out[i], 0.0);
            if (x[i] > 99 + h)
                QCOMPARE(out[i], 1.0);
        }
        // Centred: half-way at the step itself, not later.
        QVERIFY(out[99] < 0.5 && out[100] > 0.5);
        // A line stays where it is (no lag).
        QVector<double> line(200);
        for (int i = 0; i < 200; ++i)
            line[i] = 3.0 - 0.01 * i;
        const QVector<double> l = CurveSmoother::smooth(x, line, h);
        for (int i = 0; i < 200; ++i)
            QVERIFY(std::abs(l[i] - line[i]) < 1e-9);
    }

    void nonFinitePointsStayAndAreSkipped()
    {
        const QVector<double> x = range(5, 1.0);
        const QVector<double> y{1, 2, NAN, 4, 5};
        const QVector<double> out = CurveSmoother::smooth(x, y, 1.0);
        QVERIFY(std::isnan(out[2]));
        QCOMPARE(out[1], 1.5); // (1 + 2) / 2: the NaN neighbour is skipped
        QCOMPARE(out[3], 4.5);
    }

    // The reported case in a PlotView: a dense training curve and a sparse
    // validation curve of the same decreasing loss agree where both have
    // points, at every smoothing the menu offers.
    void sparseAndDenseCurvesAgreeAtTheSameX()
    {
        PlotView plot;
        const int train = plot.addSeries("training", Qt::blue);
        const int valid = plot.addSeries("validation", Qt::red, PlotView::Kind::Line, Qt::DashLine);
        const auto loss = [](double epoch) { return 150.0 + 400.0 * std::exp(-1.5 * epoch); };
        const QVector<double> xt = range(401, 1.0 / 100); // 100 batches an epoch, 4 epochs
        const QVector<double> xv = range(17, 0.25);       // every quarter epoch
        QVector<double> yt, yv;
        for (double e : xt)
            yt << loss(e);
        for (double e : xv)
            yv << loss(e);
        plot.setSeries(train, xt, yt);
        plot.setSeries(valid, xv, yv);
        QSignalSpy changed(&plot, &PlotView::smoothingChanged);
        for (double s : {0.6, 0.9, 0.97}) {
            plot.setSmoothing(s);
            const QVector<double> st = plot.shownY(train), sv = plot.shownY(valid);
            QCOMPARE(sv.first(), yv.first());
            QCOMPARE(st.first(), yt.first());
            for (int j = 1; j < xv.size() - 1; ++j) {
                const double atTrain = st[j * 25];
                QVERIFY2(std::abs(sv[j] - atTrain) < 0.02 * atTrain,
                         qPrintable(QString("smoothing %1, epoch %2: validation %3 vs training %4")
                                        .arg(s).arg(xv[j]).arg(sv[j]).arg(atTrain)));
                // And neither is drawn far from the raw loss at that epoch.
                QVERIFY(std::abs(sv[j] - yv[j]) < 0.05 * yv[j]);
            }
        }
        QCOMPARE(changed.count(), 3);
        plot.setSmoothing(0.97); // unchanged: no signal
        QCOMPARE(changed.count(), 3);
        QCOMPARE(plot.smoothing(), 0.97);
        // New points keep the user's smoothing.
        plot.append(train, 4.01, loss(4.01));
        QCOMPARE(plot.smoothing(), 0.97);
    }
};

QTEST_MAIN(CurveSmootherTest)
#include "CurveSmoother.test.moc"
