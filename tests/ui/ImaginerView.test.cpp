// ImaginerView on a small cube world and level-2 concept: it shows core's
// CubeImaginer frame for the slider's u and the picked glyph's code, the u
// slider changes the picture, and redraws are timed (frame times printed).
#include "widgets/GlyphPicker.h"
#include "views/ImaginerView.h"
#include "session/Session.h"
#include "TestModels.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/CubeImaginer.h"
#include "latentset/cube/CubeRenderer.h"

#include <QtTest>

#include <algorithm>

class ImaginerViewTest : public QObject {
    Q_OBJECT
private slots:
    void showsCoreFramesAndRedrawsFast()
    {
        const testmodels::CubeWorld world = testmodels::cubeWorld();
        const latentset::CubeWorldView view(*world.members, *world.contexts);
        const latentset::ContextLikelihoodMap map(view);
        const latentset::CubeRenderer renderer(world.contexts->geometry());
        // Level 2 on cubes at 24 angles with one glyph on every face.
        const int n = 24;
        latentset::Matrix glyphs(784, n);
        latentset::Vector thetas(n);
        for (int i = 0; i < n; ++i) {
            glyphs.col(i) = latentset::BuiltinGlyphs::render("circle");
            thetas[i] = 90.0f * float(i) / float(n);
        }
        const latentset::Matrix maps = latentset::ConceptModel::cubeMaps(map, renderer, glyphs, thetas);
        latentset::ConceptSettings settings;
        settings.hiddenSizes = {16};
        settings.epochs = 40;
        settings.batchSize = 8;
        auto level2 = std::make_shared<latentset::ConceptModel>(world.contexts->size(), settings);
        level2->train(maps);
        level2->setCalibration(level2->latent(maps), thetas);

        Session session;
        session.setCubeWorld(world.members, world.contexts);
        session.setConceptModel(level2);
        ImaginerView imaginer(&session);
        imaginer.resize(1300, 700);
        imaginer.show();
        QVERIFY(imaginer.picker()->select("builtin", "V"));
        imaginer.setU(0.5 * (level2->uMin() + level2->uMax()));
        QVERIFY(imaginer.imagined().size() == world.contexts->frameSize());

        // The view's picture is core's frame for its u and code.
        const latentset::CubeImaginer core(view, *level2);
        const latentset::CubeImaginer::Frame expected = core.imagine(imaginer.u(), imaginer.code());
        QCOMPARE(imaginer.imagined().size(), expected.image.size());
        QVERIFY((imaginer.imagined() - expected.image).cwiseAbs().maxCoeff() < 1e-6f);
        QVERIFY(expected.image.maxCoeff() > 0.0f);

        // Sweep u over its range: 200 redraws, timed; every 25th frame is
        // checked against core (a tiny test world may imagine the same cube
        // for many u: the check is equality with core, not change).
        double lastU = -1;
        for (int i = 0; i <= 200; ++i) {
            imaginer.setU(level2->uMin() + (level2->uMax() - level2->uMin()) * i / 200.0);
            if (i % 25 == 0) {
                QVERIFY(imaginer.u() > lastU);
                lastU = imaginer.u();
                const latentset::Vector want = core.imagine(imaginer.u(), imaginer.code()).image;
                QVERIFY((imaginer.imagined() - want).cwiseAbs().maxCoeff() < 1e-6f);
            }
        }
        qInfo("u range %.3f .. %.3f", level2->uMin(), level2->uMax());
        QVector<double> times = imaginer.frameTimesMs();
        QVERIFY(times.size() >= 150);
        std::sort(times.begin(), times.end());
        const double median = times[times.size() / 2], p95 = times[int(times.size() * 0.95)];
        qInfo("imaginer redraw (imagine + images + repaint): median %.2f ms, 95th percentile %.2f ms, %d frames",
              median, p95, int(times.size()));
        QVERIFY2(median < 16.0, qPrintable(QString("median frame %1 ms").arg(median)));

        // Play animates u.
        const double u0 = imaginer.u();
        imaginer.setPlaying(true);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(imaginer.u() - u0) > 1e-6, 5000);
        imaginer.setPlaying(false);
        QTest::qWait(50);
        QVERIFY(imaginer.grab().toImage().save(testmodels::shotPath("imaginer-view.png")));
    }
};

QTEST_MAIN(ImaginerViewTest)
#include "ImaginerView.test.moc"
