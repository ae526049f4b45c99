// A small context world trained through the app's world training mode
// (ui/training/WorldTrainingPanel) and shown by the world views: a paired
// folder read, refused with the reader's message when malformed, trained a
// few rounds, saved as a world model file and opened again; a glyph world
// (rotation) over built-in glyphs, its map a ring and its input shown between
// the contexts' angles.
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "training/TrainingStrip.h"
#include "training/WorldTrainingForm.h"
#include "training/WorldTrainingPanel.h"
#include "views/WorldGalleryView.h"
#include "views/WorldHeatmapView.h"
#include "views/WorldInputBar.h"
#include "views/WorldOneShotView.h"
#include "widgets/ContextMapView.h"
#include "widgets/PlotView.h"

#include "TestModels.h"

#include "latentset/experiments/WorldBuilder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldModel.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace latentset;

namespace {
// contexts/<context>/<item>.png: item i is a bar at row i, context c moves it 2c pixels right.
void writeFolder(const QString& root, int contexts, int items)
{
    for (int c = 0; c < contexts; ++c) {
        const QString dir = QString("%1/ctx%2").arg(root).arg(c);
        QDir().mkpath(dir);
        for (int i = 0; i < items; ++i) {
            QImage img(12, 12, QImage::Format_Grayscale8);
            img.fill(40); // a grey background: no member starts with all its relu units off
            for (int x = 0; x < 5; ++x)
                for (int y = 0; y < 2; ++y)
                    img.setPixel(1 + c * 2 + x, i + y, qRgb(255, 255, 255));
            QVERIFY(img.save(QString("%1/item%2.png").arg(dir).arg(i, 2, 10, QChar('0'))));
        }
    }
}

void smallMembers(WorldTrainingPanel& panel)
{
    WorldTrainingForm::Values v = panel.form()->values();
    v.settings.training.hidden = 16;
    v.settings.training.latent = 3;
    v.settings.training.batchSize = 4;
    panel.form()->setValues(v);
}
} // namespace

class WorldTrainingTest : public QObject {
    Q_OBJECT
private slots:
    void malformedFolderIsRefusedWithTheReadersMessage()
    {
        QTemporaryDir dir;
        writeFolder(dir.path(), 1, 4);
        Session session;
        WorldTrainingPanel panel(&session);
        panel.show();
        panel.useFolder(dir.path());
        QTRY_VERIFY_WITH_TIMEOUT(panel.banner()->isVisible(), 10000);
        QVERIFY2(panel.banner()->text().contains("one context only"), qPrintable(panel.banner()->text()));
        QVERIFY(!session.world());
    }

    void folderWorldTrainsShowsSavesAndOpens()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("pairs");
        writeFolder(folder, 3, 10);
        Session session;
        WorldTrainingPanel panel(&session);
        panel.show();
        panel.useFolder(folder);
        QTRY_VERIFY_WITH_TIMEOUT(panel.strip()->statusLabel()->text().contains("3 contexts × 10 items"), 10000);
        QCOMPARE(panel.form()->kind(), QString("folder"));
        smallMembers(panel);
        panel.step();
        QTRY_VERIFY_WITH_TIMEOUT(panel.task() != nullptr, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.task()->roundsDone() >= 2, 20000); // a self and a cross round
        panel.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(panel.task()->roundsDone() >= 40, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.lossPlot()->seriesY(0).isEmpty(), 30000); // a progress report drawn
        panel.pause();
        QTRY_VERIFY_WITH_TIMEOUT(panel.trainingAtRest(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(session.world() && session.world()->rounds >= 40, 10000);
        const auto shown = session.world();
        QCOMPARE(shown->test->contextCount(), 3);
        QCOMPARE(shown->members->size(), 3);

        // Every world view on it: a likelihood per context with its estimate,
        // the item moved into every context, a one-shot score per source.
        WorldHeatmapView heatmap(&session);
        WorldGalleryView gallery(&session);
        WorldOneShotView oneShot(&session);
        for (QWidget* w : {static_cast<QWidget*>(&heatmap), static_cast<QWidget*>(&gallery), static_cast<QWidget*>(&oneShot)}) {
            w->resize(1000, 700);
            w->show();
        }
        QCOMPARE(heatmap.map()->mapLayout().kind, ContextMapLayout::Kind::List); // no contexts.csv: by name
        QVERIFY(heatmap.sliders().isEmpty()); // a folder cannot show an item between its contexts
        heatmap.contextBox()->setValue(2);
        QTRY_COMPARE_WITH_TIMEOUT(heatmap.logLikelihoods().size(), Index(3), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(heatmap.estimate().posterior.size(), Index(3), 10000);
        QCOMPARE(int(heatmap.estimate().axes.size()), 1);
        QTRY_COMPARE_WITH_TIMEOUT(gallery.images().size(), 3, 10000);
        QCOMPARE(gallery.images()[1].width(), 12);
        QTRY_VERIFY2_WITH_TIMEOUT(oneShot.scores().size() == 3, qPrintable(oneShot.summary()->text()), 10000);
        QCOMPARE(oneShot.inputA()->input().isGlyph, false); // a folder's items, not glyphs
        // A click on a cell makes it the gallery's source context.
        QTest::mouseClick(gallery.map(), Qt::LeftButton, {}, gallery.map()->cellRect(2).center().toPoint());
        QCOMPARE(gallery.sourceBox()->value(), 2);

        // Saved as a world model file and opened again: the same members and rounds.
        const QString file = dir.filePath("pairs.lset");
        QString saveError = "not called";
        panel.saveModel(file, [&saveError](const QString& e) { saveError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(saveError != "not called", 20000);
        QVERIFY2(saveError.isEmpty(), qPrintable(saveError));
        QVERIFY(WorldTrainingPanel::isWorldModelFile(file));
        QVERIFY(!WorldTrainingPanel::isWorldModelFile(folder + "/ctx0/item00.png"));
        const std::int64_t rounds = panel.task()->roundsDone();
        // The file keeps the loss per round the panel drew (the compare view shows it).
        const WorldModel saved = WorldModel::load(file.toStdString());
        QCOMPARE(saved.history.columns, std::vector<std::string>({"round", "self", "cross"}));
        QVERIFY(!saved.history.empty());
        QVERIFY(saved.history.rows.back()[0] <= double(rounds));

        Session other;
        WorldTrainingPanel reopened(&other);
        QString openError = "not called";
        reopened.openModel(file, [&openError](const QString& e) { openError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(openError != "not called", 20000);
        QVERIFY2(openError.isEmpty(), qPrintable(openError));
        QVERIFY(other.world());
        QCOMPARE(other.world()->rounds, rounds);
        QVERIFY(other.world()->noiseVariance > 0);
        QCOMPARE(other.world()->file, file);
        QCOMPARE(reopened.form()->kind(), QString("folder"));
        QCOMPARE(reopened.form()->hiddenBox()->value(), 16);
        QVERIFY(!reopened.lossPlot()->seriesY(0).isEmpty()); // the saved curves, drawn again
        // Play continues the opened world's members.
        reopened.step();
        QTRY_VERIFY_WITH_TIMEOUT(reopened.task() && reopened.task()->roundsDone() > rounds, 20000);
    }

    void rotationWorldShowsItsRingAndRendersBetween()
    {
        WorldSpec spec = WorldSpec::named("rotation");
        spec.contexts = 8;
        const auto glyphs = testmodels::classSamples(4);
        const WorldBuilder builder(spec);
        Session session;
        WorldTrainingPanel panel(&session);
        panel.setSource({builder.over(*glyphs), builder.over(*glyphs)}, spec);
        smallMembers(panel);
        panel.step();
        QTRY_VERIFY_WITH_TIMEOUT(session.world() != nullptr, 20000);
        QCOMPARE(session.world()->spec.contexts, 8);
        WorldHeatmapView heatmap(&session);
        heatmap.resize(1100, 700);
        heatmap.show();
        QCOMPARE(heatmap.map()->mapLayout().kind, ContextMapLayout::Kind::Ring);
        QCOMPARE(heatmap.sliders().size(), 1); // the angle, between the contexts' values too
        heatmap.setParameter(0, 100.0);
        QCOMPARE(heatmap.parameters().front(), 100.0);
        // A built-in glyph at 100 degrees: the estimate reads its truth.
        heatmap.inputBar()->kindBox()->setCurrentIndex(1);
        QTRY_COMPARE_WITH_TIMEOUT(heatmap.logLikelihoods().size(), Index(8), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(heatmap.estimateLabel()->text().contains("100.0"), 10000);
        QVERIFY(heatmap.map()->cellRect(2).center().x() < heatmap.map()->cellRect(0).center().x()); // 90° left of 0°
    }

    void sliderToMapOnSavedModels()
    {
        // A measurement (docs/ui.md "World views"), run by hand on trained
        // worlds: LATENTSET_WORLD_MODELS="rot.lset:cube.lset" (latentset-cli
        // world train --save). 40 moves of the first slider (or the context
        // box), each waited for: input change to the repainted map.
        const QString models = qEnvironmentVariable("LATENTSET_WORLD_MODELS");
        if (models.isEmpty())
            QSKIP("set LATENTSET_WORLD_MODELS to world model files to measure");
        for (const QString& path : models.split(':', Qt::SkipEmptyParts)) {
            Session session;
            WorldTrainingPanel panel(&session);
            QString error = "not called";
            panel.openModel(path, [&error](const QString& e) { error = e; });
            QTRY_VERIFY_WITH_TIMEOUT(error != "not called", 120000);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            WorldHeatmapView view(&session);
            view.resize(1400, 800);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QTRY_VERIFY_WITH_TIMEOUT(!view.latenciesMs().isEmpty(), 60000);
            for (int k = 1; k <= 40; ++k) {
                const int before = int(view.latenciesMs().size());
                if (!view.sliders().isEmpty())
                    view.sliders().front()->setValue((view.sliders().front()->value() + 7) % 360);
                else
                    view.contextBox()->setValue(k % (view.contextBox()->maximum() + 1));
                QTRY_VERIFY_WITH_TIMEOUT(int(view.latenciesMs().size()) > before, 60000);
            }
            QVector<double> t = view.latenciesMs().mid(1);
            std::sort(t.begin(), t.end());
            qInfo("%s (%d contexts): input to repainted map median %.1f ms, 95th percentile %.1f ms, %d moves",
                  qPrintable(path), session.world()->test->contextCount(), t[t.size() / 2], t[int(t.size() * 0.95)],
                  int(t.size()));
        }
    }
};

QTEST_MAIN(WorldTrainingTest)
#include "WorldTraining.test.moc"
