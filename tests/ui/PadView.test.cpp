// GlyphPad and PadView: a scripted stroke gives an MNIST-shaped 28x28 glyph;
// the one-shot panel reproduces core's OneShotTest score on the same model.
#include "widgets/ColorMapView.h"
#include "widgets/GlyphPad.h"
#include "widgets/GlyphPicker.h"
#include "views/PadView.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "TestModels.h"

#include "latentset/concept/OneShotTest.h"

#include <QtTest>

class PadViewTest : public QObject {
    Q_OBJECT
private slots:
    void scriptedStrokeIsNormalisedLikeMnist()
    {
        GlyphPad pad;
        QVERIFY(pad.isEmpty());
        QCOMPARE(pad.glyph().size(), 0);
        // A vertical bar in the pad's upper-left quarter.
        GlyphPad::Stroke stroke;
        for (int i = 0; i <= 20; ++i)
            stroke.points << QPointF(0.2, 0.1 + 0.3 * i / 20.0);
        stroke.width = 14;
        QSignalSpy changed(&pad, &GlyphPad::glyphChanged);
        pad.addStroke(stroke);
        QCOMPARE(changed.count(), 1);
        const latentset::Vector g = pad.glyph();
        QCOMPARE(g.size(), 784);
        // Bounding box of the ink (> 0.1): scaled to 20 rows tall, narrow, centred.
        int top = 28, bottom = -1, left = 28, right = -1;
        double mass = 0, cx = 0, cy = 0;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const float v = g[y * 28 + x];
                mass += v;
                cx += v * (x + 0.5);
                cy += v * (y + 0.5);
                if (v > 0.1f) {
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                    left = std::min(left, x);
                    right = std::max(right, x);
                }
            }
        QVERIFY(mass > 0);
        const int height = bottom - top + 1, width = right - left + 1;
        QVERIFY2(height >= 19 && height <= 22, qPrintable(QString("height %1").arg(height)));
        QVERIFY2(width <= 8, qPrintable(QString("width %1").arg(width)));
        QVERIFY(std::abs(cx / mass - 14.0) < 0.6);
        QVERIFY(std::abs(cy / mass - 14.0) < 0.6);

        pad.undo();
        QVERIFY(pad.isEmpty());
        QCOMPARE(pad.glyph().size(), 0);
    }

    void mouseDrawingInks()
    {
        GlyphPad pad;
        pad.resize(300, 300);
        pad.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pad));
        QTest::mousePress(&pad, Qt::LeftButton, {}, QPoint(100, 60));
        for (int y = 70; y <= 240; y += 10) {
            QMouseEvent move(QEvent::MouseMove, QPointF(100 + (y - 60) / 3, y), pad.mapToGlobal(QPointF(100, y)),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&pad, &move);
        }
        QTest::mouseRelease(&pad, Qt::LeftButton, {}, QPoint(160, 240));
        QCOMPARE(pad.strokes().size(), 1);
        QVERIFY(pad.strokes()[0].points.size() > 10);
        QCOMPARE(pad.glyph().size(), 784);
        QVERIFY(pad.glyph().maxCoeff() > 0.9f);
    }

    void oneShotReproducesCore()
    {
        const testmodels::CubeWorld world = testmodels::cubeWorld();
        Session session;
        session.setCubeWorld(world.members, world.contexts);
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        PadView view(&session);
        view.resize(1400, 800);
        view.show();
        QVERIFY(view.pickerA()->select("builtin", "V"));
        QVERIFY(view.pickerB()->select("builtin", "plus"));
        view.setSourceContext(10);
        view.runOneShot();
        QTRY_VERIFY_WITH_TIMEOUT(view.lastScore() >= 0, 30000);

        const latentset::CubeWorldView cube(*world.members, *world.contexts);
        const latentset::OneShotResult expected = latentset::OneShotTest(cube).run(
            latentset::BuiltinGlyphs::render("V"), latentset::BuiltinGlyphs::render("plus"), 10);
        QCOMPARE(view.lastScore(), expected.score);
        QCOMPARE(view.lastContexts(), expected.contexts);
        QCOMPARE(view.resultMap()->values().size(), 100);
        QVERIFY(view.histogram()->seriesCount() == 2);

        // Live class scores follow the pad.
        GlyphPad::Stroke s;
        s.points << QPointF(0.3, 0.3) << QPointF(0.7, 0.7);
        view.pad()->addStroke(s);
        QTRY_VERIFY_WITH_TIMEOUT(view.lastClassScores().size() == 10, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool(), 30000);
        QTest::qWait(100); // let the coalesced replots fire
        QVERIFY(view.grab().toImage().save(testmodels::shotPath("pad-view.png")));
    }
};

QTEST_MAIN(PadViewTest)
#include "PadView.test.moc"
