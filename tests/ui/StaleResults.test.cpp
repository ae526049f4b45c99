// A result on screen is of the inputs shown beside it: when an input changes
// it is computed again (and says it is out of date meanwhile), and when an
// input goes away no result of the old one stays. Before, the one-shot text
// read "V vs plus" after A had been changed to a triangle.
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/PadView.h"
#include "views/ImaginerView.h"
#include "widgets/ClassScoreBars.h"
#include "widgets/ColorMapView.h"
#include "widgets/GlyphPad.h"
#include "widgets/GlyphPicker.h"
#include "session/Session.h"
#include "TestModels.h"

#include "latentset/concept/OneShotTest.h"

#include <QLabel>
#include <QtTest>

class StaleResultsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { world_ = testmodels::cubeWorld(); }

    void oneShotFollowsItsInputs()
    {
        Session session;
        PadView view(&session);
        view.resize(1400, 800);
        view.show();
        session.setCubeWorld(world_.members, world_.contexts); // runs V vs plus at once
        QTRY_VERIFY_WITH_TIMEOUT(view.lastScore() >= 0 && !view.property("busy").toBool(), 30000);
        QCOMPARE(view.resultInputs(), QString("V vs plus"));
        QVERIFY(view.scoreText().contains("V vs plus"));

        // A becomes a triangle: at once out of date, then the triangle's result.
        QVERIFY(view.pickerA()->select("builtin", "triangle"));
        QVERIFY(!view.scoreText().contains("V vs plus") || view.scoreText().contains("Running"));
        QTRY_VERIFY_WITH_TIMEOUT(view.resultInputs() == "triangle vs plus" && !view.property("busy").toBool(), 30000);
        QVERIFY2(view.scoreText().contains("triangle vs plus"), qPrintable(view.scoreText()));
        const latentset::CubeWorldView world(*world_.members, *world_.contexts);
        const latentset::OneShotResult want = latentset::OneShotTest(world).run(
            latentset::BuiltinGlyphs::render("triangle"), latentset::BuiltinGlyphs::render("plus"), 10);
        QCOMPARE(view.lastScore(), want.score);

        // The contexts that failed are listed, by index, under the score.
        QVector<int> failed;
        for (int c = 0; c < want.distanceA.size(); ++c)
            if (!(want.distanceA[c] < 0 && want.distanceB[c] > 0))
                failed << c;
        QCOMPARE(view.failedContexts(), failed);
        QCOMPARE(int(failed.size()), want.contexts - want.score);
        if (failed.isEmpty())
            QVERIFY(view.scoreText().contains("No context failed"));
        else
            QVERIFY2(view.scoreText().contains(QString("Failed in %1 context").arg(failed.size()))
                         && view.scoreText().contains(QString("%1 (").arg(failed.first())),
                     qPrintable(view.scoreText()));

        // Another source context: recomputed there.
        view.setSourceContext(20);
        QTRY_VERIFY_WITH_TIMEOUT(view.scoreText().contains("shown in context 20") && !view.property("busy").toBool(), 30000);
        QTest::qWait(60);
        QVERIFY(view.grab().save(testmodels::shotPath("pad-oneshot-failed-contexts.png")));

        // The world goes: no result of it is left.
        session.setCubeWorld(nullptr, nullptr);
        QCOMPARE(view.lastScore(), -1);
        QVERIFY(view.resultMap()->isEmpty());
        QVERIFY(view.scoreText().contains("No cube world"));
    }

    void padScoresGoWithTheDrawing()
    {
        Session session;
        session.setClassSet(testmodels::classSet(5), testmodels::classGlyphNames());
        PadView view(&session);
        view.show();
        GlyphPad::Stroke stroke;
        for (int i = 0; i <= 10; ++i)
            stroke.points << QPointF(0.3 + 0.04 * i, 0.5);
        stroke.pressure.fill(1.0f, stroke.points.size());
        view.pad()->addStroke(stroke);
        auto* bars = static_cast<ClassScoreBars*>(view.classBars());
        QTRY_VERIFY_WITH_TIMEOUT(bars->seriesCount() == 1 && bars->seriesY(0).size() == 10, 30000);
        view.pad()->clear();
        // An empty pad has no scores (the last drawing's bars are gone).
        QVERIFY(bars->seriesY(0).isEmpty());
        QCOMPARE(view.lastClassScores().size(), 0);
        QTest::qWait(200); // a job of the old drawing that was under way shows nothing
        QVERIFY(bars->seriesY(0).isEmpty());
    }

    void galleryAndHeatmapDropResultsOfAGoneWorld()
    {
        Session session;
        session.setCubeWorld(world_.members, world_.contexts);
        GalleryView gallery(&session);
        gallery.resize(1200, 700);
        gallery.show();
        HeatmapView heatmap(&session);
        heatmap.show();
        QVERIFY(gallery.picker()->select("builtin", "V"));
        QVERIFY(heatmap.picker()->select("builtin", "V"));
        QTRY_VERIFY_WITH_TIMEOUT(!gallery.grid().isNull() && !gallery.property("busy").toBool(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!heatmap.map()->isEmpty() && !heatmap.property("busy").toBool(), 30000);
        gallery.pin();
        gallery.setSourceContext(30);
        QTRY_VERIFY_WITH_TIMEOUT(gallery.pinCaptions().size() == 1 && !gallery.property("busy").toBool(), 30000);
        gallery.pin();
        QCOMPARE(gallery.pinnedCount(), 2);
        // Pins are labelled on screen with their glyph and source context.
        QStringList shown;
        for (QLabel* l : gallery.findChildren<QLabel*>("pinCaption"))
            shown << l->text();
        QCOMPARE(shown.size(), 2);
        QVERIFY2(shown[0].startsWith("#1 · V · context 10"), qPrintable(shown[0]));
        QVERIFY2(shown[1].startsWith("#2 · V · context 30"), qPrintable(shown[1]));
        QTest::qWait(60);
        QVERIFY(gallery.grab().save(testmodels::shotPath("gallery-labelled-pins.png")));

        session.setCubeWorld(nullptr, nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!gallery.property("busy").toBool() && !heatmap.property("busy").toBool(), 30000);
        QVERIFY(gallery.grid().isNull());
        QVERIFY(!gallery.exportGrid(QDir::temp().filePath("latentset-stale-grid.png")));
        QVERIFY(heatmap.map()->isEmpty());
        QCOMPARE(heatmap.frame().size(), 0);
        QCOMPARE(gallery.pinnedCount(), 2); // pins are the user's and say what they are
    }

private:
    testmodels::CubeWorld world_;
};

QTEST_MAIN(StaleResultsTest)
#include "StaleResults.test.moc"
