// The class-score bars of the heatmap and the pad for a class set trained in
// the app (they were blank for such sets, shown only for one opened from a
// file). The set is trained by the Training panel itself on a dataset whose
// classes have no names, as MNIST's IDX files have none: before, the bars
// got no category ticks and an x range of (-0.6, -0.4), every bar outside the
// plot. Now: one bar per class inside the plot, labelled by index, values on
// the bars, the winner highlighted, and they follow the training live.
#include "views/HeatmapView.h"
#include "views/PadView.h"
#include "widgets/ClassScoreBars.h"
#include "widgets/GlyphPad.h"
#include "widgets/GlyphPicker.h"
#include "session/Session.h"
#include "async/TrainerAdapter.h"
#include "training/TrainingPanel.h"
#include "TestModels.h"

#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/SetClassifier.h"

#include <QPushButton>
#include <QtTest>
#include <qcustomplot.h>

namespace {

// The glyph splits with the class names removed (as a set trained on MNIST).
std::shared_ptr<const latentset::DatasetSplits> unnamedSplits()
{
    auto splits = std::make_shared<latentset::DatasetSplits>(*testmodels::classSplits());
    splits->train.setClassNames({});
    splits->validation.setClassNames({});
    splits->test.setClassNames({});
    return splits;
}

void verifyBarsShowScores(ClassScoreBars* bars, const latentset::Vector& expected, const char* where)
{
    QVERIFY2(bars->isVisible(), where);
    QCOMPARE(bars->seriesCount(), 1);
    const QVector<double>& y = bars->seriesY(0);
    QCOMPARE(y.size(), int(expected.size()));
    for (int i = 0; i < y.size(); ++i)
        QVERIFY2(std::abs(y[i] - expected[i]) <= 1e-5 * (1 + std::abs(expected[i])), where);
    // Every bar inside the drawn x range, each under a label (the index).
    const QCPRange xr = bars->plot()->xAxis->range();
    for (int i = 0; i < y.size(); ++i)
        QVERIFY2(xr.contains(i - 0.4) && xr.contains(i + 0.4), qPrintable(QString("%1: bar %2 outside").arg(where).arg(i)));
    QCOMPARE(bars->labels().size(), y.size());
    QCOMPARE(bars->labels().value(3), QString("3"));
    auto ticker = bars->plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().size(), y.size());
    // The values are written on the bars; the winner is the largest score.
    QCOMPARE(bars->valueTexts().size(), y.size());
    int best = 0;
    expected.maxCoeff(&best);
    QCOMPARE(bars->winner(), best);
    QVERIFY(bars->plot()->yAxis->range().contains(expected[best]));
}

} // namespace

class LiveClassScoresTest : public QObject {
    Q_OBJECT
private slots:
    void setTrainedInTheAppGetsBars()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.resize(1000, 700);
        panel.setData(unnamedSplits());
        latentset::ClassSetSettings s;
        s.batchSize = 8;
        s.optimizer.learningRate = 3e-3f;
        s.seed = 5;
        panel.setSettings(latentset::AutoencoderConfig::make(784, {24}, 4, true), s, 100000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.adapter()->hasTask() && !panel.property("busy").toBool(), 20000);

        HeatmapView heatmap(&session);
        heatmap.resize(1300, 700);
        heatmap.show();
        PadView pad(&session);
        pad.resize(1300, 700);
        pad.show();
        QVERIFY(heatmap.picker()->select("builtin", "V"));
        GlyphPad::Stroke stroke;
        for (int i = 0; i <= 20; ++i)
            stroke.points << QPointF(0.5, 0.2 + 0.6 * i / 20.0);
        stroke.pressure.fill(1.0f, stroke.points.size());
        pad.pad()->addStroke(stroke);

        // A few steps of training in the app: the set the bars see is the
        // trainer's snapshot, with no class names.
        for (int step = 0; step < 3; ++step) {
            const auto before = session.classSet();
            QTest::mouseClick(panel.stepButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(session.classSet() && session.classSet() != before, 20000);
            QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), latentset::TrainerState::Paused, 20000);
        }
        QVERIFY(session.classNames().isEmpty() || session.classNames().join("").isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!heatmap.property("busy").toBool() && !pad.property("busy").toBool(), 20000);
        QTest::qWait(100);

        const auto set = session.classSet();
        const latentset::SetClassifier classifier(set);
        auto* heatBars = static_cast<ClassScoreBars*>(heatmap.classBars());
        auto* padBars = static_cast<ClassScoreBars*>(pad.classBars());
        QTRY_VERIFY_WITH_TIMEOUT(heatBars->seriesCount() == 1 && heatBars->seriesY(0).size() == 10, 20000);
        verifyBarsShowScores(heatBars, -classifier.errors(latentset::BuiltinGlyphs::render("V")).col(0), "heatmap");
        QTRY_VERIFY_WITH_TIMEOUT(padBars->seriesCount() == 1 && padBars->seriesY(0).size() == 10, 20000);
        verifyBarsShowScores(padBars, -classifier.errors(pad.pad()->glyph()).col(0), "pad");

        // Live: one more step publishes a new snapshot, and the bars follow it.
        const QVector<double> earlier = padBars->seriesY(0);
        QTest::mouseClick(panel.stepButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(session.classSet() != set, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(padBars->seriesY(0) != earlier, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!pad.property("busy").toBool(), 20000);
        verifyBarsShowScores(padBars, -latentset::SetClassifier(session.classSet()).errors(pad.pad()->glyph()).col(0),
                             "pad after a step");

        padBars->replotNow();
        heatBars->replotNow();
        QVERIFY(pad.grab().save(testmodels::shotPath("live-class-scores-pad.png")));
        QVERIFY(heatmap.grab().save(testmodels::shotPath("live-class-scores-heatmap.png")));
    }

    void namesFillGapsAndClearingRemovesTheBars()
    {
        ClassScoreBars bars("scores");
        latentset::Vector scores(3);
        scores << -3.0f, -1.0f, -2.0f;
        bars.setScores(scores, {"zero", ""});
        QCOMPARE(bars.labels(), (QStringList{"zero", "1", "2"}));
        QCOMPARE(bars.winner(), 1);
        QCOMPARE(bars.valueTexts(), (QStringList{"-3.00", "-1.00", "-2.00"}));
        bars.clearScores();
        QCOMPARE(bars.winner(), -1);
        QVERIFY(bars.seriesY(0).isEmpty());
        QVERIFY(bars.valueTexts().isEmpty());
    }
};

QTEST_MAIN(LiveClassScoresTest)
#include "LiveClassScores.test.moc"
