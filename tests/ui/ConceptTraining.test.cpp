// Issue 13.15: the level-2 concept trains in the app — core's
// ConceptExperiment on the session's cube world, on a worker, with progress
// (status, loss curve) — and its loss falls; the trained concept reaches
// the session (so the imaginer shows it). The start page's concept recipe
// with a cube world and no concept opens the Training view in this mode.
#include "session/Session.h"
#include "shell/MainWindow.h"
#include "TestModels.h"
#include "training/ConceptTrainingPanel.h"
#include "training/TrainingPanel.h"
#include "widgets/PlotView.h"

#include "latentset/data/DatasetCatalog.h"

#include <QLabel>
#include <QPushButton>
#include <QtTest>

namespace {
bool mnistPresent()
{
    for (const auto& e : latentset::DatasetCatalog::known())
        if (e.id == "mnist")
            return e.present;
    return false;
}
} // namespace

class ConceptTrainingTest : public QObject {
    Q_OBJECT
private slots:
    void conceptTrainsInTheAppAndTheLossFalls()
    {
        if (!mnistPresent())
            QSKIP("MNIST is not installed (tools/setup.sh): the concept's cubes carry MNIST digits");
        Session session;
        const testmodels::CubeWorld world = testmodels::cubeWorld(5);
        session.setCubeWorld(world.members, world.contexts);
        ConceptTrainingPanel panel(&session);
        panel.resize(1100, 700);
        panel.show();
        latentset::ConceptExperimentSettings s;
        s.cubes = 200;
        s.heldOut = 40;
        s.level2.epochs = 40;
        s.level2.restarts = 1;
        panel.setSettings(s);
        QSignalSpy trained(&panel, &ConceptTrainingPanel::trained);
        QSignalSpy progressed(&panel, &ConceptTrainingPanel::progressed);
        QString statusWhileTraining;
        connect(&panel, &ConceptTrainingPanel::progressed, this,
                [&] { statusWhileTraining = panel.statusLabel()->text(); });
        QVERIFY(panel.trainButton()->isEnabled());
        QTest::mouseClick(panel.trainButton(), Qt::LeftButton);
        QVERIFY(panel.running());
        QCOMPARE(panel.trainButton()->text(), QString("Stop"));
        // Progress while it trains: the GUI thread is free, the curve grows.
        QTRY_VERIFY_WITH_TIMEOUT(panel.lossPlot()->seriesCount() == 1 && panel.lossPlot()->seriesY(0).size() >= 5, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 1, 180000);
        QCOMPARE(progressed.count(), 40); // one report per epoch, before the end
        QVERIFY2(statusWhileTraining.contains("epoch 40/40"), qPrintable(statusWhileTraining));
        QVERIFY(!panel.running());
        const QVector<double> loss = panel.lossPlot()->seriesY(0);
        QCOMPARE(loss.size(), 40);
        QVERIFY2(loss.last() < 0.9 * loss.first(), qPrintable(QString("%1 -> %2").arg(loss.first()).arg(loss.last())));
        QVERIFY(panel.result().model);
        QCOMPARE(session.conceptModel(), panel.result().model);
        QVERIFY(session.conceptModel()->calibrated());
        QVERIFY(panel.statusLabel()->text().contains("Spearman"));
        QTest::qWait(100); // the plot's coalesced replot
        QVERIFY(panel.grab().toImage().save(testmodels::shotPath("concept-training.png")));
    }

    void stopEndsTheTrainingEarly()
    {
        if (!mnistPresent())
            QSKIP("MNIST is not installed (tools/setup.sh)");
        Session session;
        const testmodels::CubeWorld world = testmodels::cubeWorld(2);
        session.setCubeWorld(world.members, world.contexts);
        ConceptTrainingPanel panel(&session);
        latentset::ConceptExperimentSettings s;
        s.cubes = 200;
        s.heldOut = 20;
        s.level2.epochs = 100000; // would run for hours
        s.level2.restarts = 1;
        panel.setSettings(s);
        QSignalSpy trained(&panel, &ConceptTrainingPanel::trained);
        panel.toggleTraining();
        QTRY_VERIFY_WITH_TIMEOUT(panel.lossPlot()->seriesCount() == 1 && panel.lossPlot()->seriesY(0).size() >= 3, 120000);
        panel.toggleTraining(); // Stop
        QTRY_COMPARE_WITH_TIMEOUT(trained.count(), 1, 60000);
        QVERIFY(panel.result().stopped);
        QVERIFY(panel.lossPlot()->seriesY(0).size() < 100000);
    }

    void withoutACubeWorldTheButtonWaits()
    {
        Session session;
        ConceptTrainingPanel panel(&session);
        QVERIFY(!panel.trainButton()->isEnabled());
        const testmodels::CubeWorld world = testmodels::cubeWorld(1);
        session.setCubeWorld(world.members, world.contexts);
        QVERIFY(panel.trainButton()->isEnabled());
    }

    void recipeOpensTheConceptMode()
    {
        MainWindow window;
        window.show();
        const testmodels::CubeWorld world = testmodels::cubeWorld(1);
        window.session()->setCubeWorld(world.members, world.contexts);
        window.runRecipe("cube-concept");
        QCOMPARE(window.trainingPanel()->mode(), TrainingPanel::Mode::Concept);
        QVERIFY(window.trainingPanel()->conceptPanel()->isVisible());
    }
};

QTEST_MAIN(ConceptTrainingTest)
#include "ConceptTraining.test.moc"
