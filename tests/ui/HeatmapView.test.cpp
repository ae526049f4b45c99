// HeatmapView on a small trained cube world: the map it shows is core's
// ContextLikelihoodMap vector for the same rendered cube, cell for cell.
#include "widgets/ColorMapView.h"
#include "widgets/GlyphPicker.h"
#include "views/HeatmapView.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "TestModels.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/nn/SetClassifier.h"

#include <QtTest>

class HeatmapViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        world_ = testmodels::cubeWorld();
        classSet_ = testmodels::classSet();
    }

    void mapEqualsCoreVector()
    {
        Session session;
        session.setCubeWorld(world_.members, world_.contexts);
        session.setClassSet(classSet_, testmodels::classGlyphNames());
        session.setSamples(testmodels::classSamples());
        HeatmapView view(&session);
        view.resize(1300, 700);
        view.show();
        QVERIFY(view.picker()->select("builtin", "V"));
        view.setAngle(23.0);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);

        const latentset::Vector glyph = latentset::BuiltinGlyphs::render("V");
        const latentset::CubeRenderer renderer(world_.contexts->geometry());
        const latentset::Vector frame = renderer.renderCube(23.0, glyph);
        const latentset::CubeWorldView world(*world_.members, *world_.contexts);
        const latentset::Vector expected = latentset::ContextLikelihoodMap(world).logLikelihoods(frame).col(0);

        QCOMPARE(view.map()->columns(), 10);
        QCOMPARE(view.map()->rows(), 10);
        const QVector<double>& shown = view.map()->values();
        QCOMPARE(shown.size(), int(expected.size()));
        double spread = 0;
        for (int c = 0; c < expected.size(); ++c) {
            QVERIFY2(std::abs(shown[c] - expected[c]) <= 1e-5 * (1 + std::abs(expected[c])),
                     qPrintable(QString("context %1: %2 vs %3").arg(c).arg(shown[c]).arg(expected[c])));
            spread = std::max(spread, std::abs(shown[c] - shown[0]));
        }
        QVERIFY(spread > 0); // a map, not a constant

        // Class bars: minus each class member's reconstruction loss of the glyph.
        const latentset::Vector scores = -latentset::SetClassifier(classSet_).errors(glyph).col(0);
        QCOMPARE(view.classBars()->seriesCount(), 1);
        const QVector<double>& bars = view.classBars()->seriesY(0);
        QCOMPARE(bars.size(), int(scores.size()));
        for (int i = 0; i < scores.size(); ++i)
            QVERIFY(std::abs(bars[i] - scores[i]) <= 1e-5 * (1 + std::abs(scores[i])));

        // Confusion matrix: core's decisions on the session's samples.
        QTRY_VERIFY_WITH_TIMEOUT(view.confusion()->values().size() == 100, 30000);
        {
            const auto samples = session.samples();
            const latentset::SetClassifier classifier(classSet_);
            const std::vector<int> decided = classifier.decide(classifier.errors(*samples, nullptr), false);
            QVector<double> want(100, 0.0);
            for (latentset::Index j = 0; j < samples->size(); ++j)
                want[samples->label(j) * 10 + decided[std::size_t(j)]] += 1;
            QCOMPARE(view.confusion()->values(), want);
        }

        // Clicking (selecting) a cell shows that member's reconstruction.
        view.map()->setSelectedIndex(40);
        emit view.map()->cellActivated(40);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);

        QTest::qWait(100); // let the coalesced replots fire
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(testmodels::shotPath("heatmap-view.png")));
    }

    void angleSliderChangesTheMap()
    {
        Session session;
        session.setCubeWorld(world_.members, world_.contexts);
        HeatmapView view(&session);
        QVERIFY(view.picker()->select("builtin", "plus"));
        view.setAngle(10.0);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);
        const QVector<double> a = view.map()->values();
        view.setAngle(60.0);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);
        const QVector<double> b = view.map()->values();
        QCOMPARE(a.size(), 100);
        QVERIFY(a != b);
    }

    void emptyStateUntilACubeWorldArrives()
    {
        Session session;
        HeatmapView view(&session);
        view.resize(1000, 700);
        view.show();
        QVERIFY(view.picker()->select("builtin", "V"));
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);
        // No cube world: a message where the map goes, no fake cells, nothing to export.
        QVERIFY(view.map()->isEmpty());
        QVERIFY(view.map()->placeholderText().contains("cube world"));
        QString error;
        QVERIFY(!view.map()->exportPng(QDir::temp().filePath("latentset-empty-map.png"), &error));
        QVERIFY(error.contains("empty"));

        session.setCubeWorld(world_.members, world_.contexts);
        QTRY_VERIFY_WITH_TIMEOUT(!view.map()->isEmpty(), 30000);
        QCOMPARE(view.map()->values().size(), 100);
        view.map()->clear();
        QVERIFY(view.map()->isEmpty());
        QVERIFY(view.map()->values().isEmpty());
    }

    // While training publishes a set every second, a hidden heatmap must not
    // spend a core on it: it waits, and catches up when shown.
    void hiddenViewDefersWorkUntilShown()
    {
        Session session;
        session.setSamples(testmodels::classSamples());
        HeatmapView view(&session);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);
        QVERIFY(view.confusion()->isEmpty());
        session.setClassSet(classSet_, testmodels::classGlyphNames()); // hidden: nothing runs
        QVERIFY(!view.property("busy").toBool());
        QTest::qWait(200);
        QVERIFY(view.confusion()->isEmpty());
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.confusion()->values().size() == 100, 30000);
    }

private:
    testmodels::CubeWorld world_;
    std::shared_ptr<const latentset::AutoencoderSet> classSet_;
};

QTEST_MAIN(HeatmapViewTest)
#include "HeatmapView.test.moc"
