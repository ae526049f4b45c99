// ClassScoreBars: the scores a view hands it become one labelled bar series,
// replaced (not added to) on every update.
#include "widgets/ClassScoreBars.h"

#include <QtTest>
#include <qcustomplot.h>

class ClassScoreBarsTest : public QObject {
    Q_OBJECT
private slots:
    void scoresBecomeOneBarSeries()
    {
        ClassScoreBars bars("Class scores");
        QCOMPARE(bars.seriesCount(), 0);
        latentset::Vector scores(3);
        scores << -0.5f, -2.0f, -0.25f;
        bars.setScores(scores, {"zero", "one", "two"});
        QCOMPARE(bars.seriesCount(), 1);
        QCOMPARE(bars.seriesName(0), QString("score"));
        QCOMPARE(bars.seriesX(0), (QVector<double>{0, 1, 2}));
        QCOMPARE(bars.seriesY(0), (QVector<double>{-0.5, -2.0, -0.25}));
        QCOMPARE(bars.plot()->xAxis->label(), QString("class"));
        QCOMPARE(bars.plot()->yAxis->label(), QString("score"));
        auto ticker = bars.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(1), QString("one"));

        // A new glyph: the same series, new values.
        latentset::Vector next(2);
        next << 1.0f, 2.0f;
        bars.setScores(next, {"a", "b"});
        QCOMPARE(bars.seriesCount(), 1);
        QCOMPARE(bars.seriesY(0), (QVector<double>{1.0, 2.0}));
        QCOMPARE(bars.plot()->plottableCount(), 1);
    }
};

QTEST_MAIN(ClassScoreBarsTest)
#include "ClassScoreBars.test.moc"
