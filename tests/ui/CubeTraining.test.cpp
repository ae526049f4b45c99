// The Training view's cube-world mode drives core's SharedLatentTask through
// the Trainer: a few cycles publish a CubeSnapshot to the Session, and a new
// learning rate reaches the running task without a reset.
#include "training/CubeTrainingPanel.h"
#include "shell/MainWindow.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "async/TrainerAdapter.h"
#include "TestModels.h"
#include "training/TrainingPanel.h"

#include "latentset/cube/CubeDataset.h"
#include "latentset/data/BuiltinGlyphs.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using latentset::TrainerState;

namespace {

void configureSmall(CubeTrainingPanel& cube)
{
    latentset::SharedLatentSettings s;
    s.hidden = 16;
    s.latent = 4;
    s.batchSize = 8;
    s.crossPerSelf = 1;
    s.learningRate = 3e-3f;
    s.seed = 5;
    cube.setDataset(testmodels::smallCubeDataset());
    cube.setSettings(s, 4);
}
} // namespace

class CubeTrainingTest : public QObject {
    Q_OBJECT
private slots:
    void stepsPublishACubeWorld()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.resize(1400, 800);
        panel.show();
        panel.setCubeMode(true);
        CubeTrainingPanel& cube = *panel.cubePanel();
        configureSmall(cube);
        QSignalSpy published(&session, &Session::cubeWorldChanged);
        QVERIFY(!session.hasCubeWorld());

        panel.step(); // routed to the cube page (cube mode)
        QTRY_VERIFY_WITH_TIMEOUT(cube.task() != nullptr, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(cube.task()->roundsDone() >= 2, 20000); // one cycle = self + cross
        QTRY_COMPARE_WITH_TIMEOUT(cube.adapter()->state(), TrainerState::Paused, 10000);
        panel.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(cube.task()->roundsDone() >= 40, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(cube.lossPlot()->seriesY(1).size() >= 1, 20000); // a cross-loss point
        panel.togglePlay(); // pause: publishes the newest snapshot
        QTRY_COMPARE_WITH_TIMEOUT(cube.adapter()->state(), TrainerState::Paused, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(session.hasCubeWorld(), 10000);
        QVERIFY(published.count() >= 1);
        QCOMPARE(session.cubeMembers()->size(), 4);
        QCOMPARE(session.cubeContexts()->size(), 4);
        QCOMPARE(session.cubeMembers()->config().inputSize, cube.task()->data().memberInputSize());
        // The Session holds trained values, not the initial members.
        auto snap = std::dynamic_pointer_cast<const latentset::CubeSnapshot>(cube.adapter()->snapshot());
        QVERIFY(snap);
        QVERIFY(snap->rounds >= 40);

        const QString png = qEnvironmentVariable("LATENTSET_CUBE_TRAINING_PNG");
        if (!png.isEmpty())
            QVERIFY(panel.grab().save(png));
    }

    void learningRateChangesWhileRunning()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.setCubeMode(true);
        CubeTrainingPanel& cube = *panel.cubePanel();
        configureSmall(cube);
        cube.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(cube.task() && cube.task()->roundsDone() >= 4, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(cube.adapter()->state(), TrainerState::Running, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(cube.playButton()->isEnabled(), 5000); // the build has ended
        QCOMPARE(cube.playButton()->text(), QString("Pause"));
        const auto task = cube.task();
        QCOMPARE(task->learningRate(), 3e-3f);

        cube.learningRateBox()->setValue(5e-4);
        QCOMPARE(task->learningRate(), 5e-4f);
        QVERIFY(!cube.needsReset());
        const auto before = task->roundsDone();
        QTRY_VERIFY_WITH_TIMEOUT(task->roundsDone() > before + 4, 20000); // still training, same task
        QCOMPARE(cube.task(), task);
        QCOMPARE(cube.adapter()->state(), TrainerState::Running);

        // A shape setting does need a reset, and says so.
        cube.hiddenBox()->setValue(24);
        QVERIFY(cube.needsReset());
        QCOMPARE(cube.task(), task);
        cube.reset();
        QVERIFY(!cube.task());
        QVERIFY(!cube.needsReset());
    }

    // The start page's cube recipe offers training a new world: that choice
    // shows the Training view in its cube mode (nothing trains until Play).
    void cubeRecipeOffersTraining()
    {
        MainWindow window;
        window.show();
        QString offered;
        QTimer::singleShot(100, &window, [&offered] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            for (QAbstractButton* b : box->buttons()) {
                offered += b->text() + "|";
                if (b->text() == "Train a new cube world")
                    b->click();
            }
        });
        window.runRecipe("cube-world");
        QVERIFY2(offered.contains("Train a new cube world") && offered.contains("Open a saved one"), qPrintable(offered));
        QVERIFY(window.trainingPanel()->cubeMode());
        QVERIFY(window.trainingPanel()->isVisible());
        QVERIFY(!window.trainingPanel()->cubePanel()->task());
    }

    // The class-set mode: the same live rate through ClassSetTask::setLearningRate.
    void classSetLearningRateChangesWhileRunning()
    {
        Session session;
        TrainingPanel panel(&session);
        panel.setData(testmodels::classSplits());
        latentset::ClassSetSettings s;
        s.batchSize = 8;
        s.optimizer.learningRate = 3e-3f;
        s.seed = 3;
        panel.setSettings(latentset::AutoencoderConfig::make(784, {16}, 4, true), s, 100000);
        QTRY_VERIFY_WITH_TIMEOUT(panel.adapter()->hasTask() && !panel.property("busy").toBool(), 20000);
        panel.togglePlay();
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Running, 20000);
        auto task = std::dynamic_pointer_cast<latentset::ClassSetTask>(panel.adapter()->trainer()->task());
        QVERIFY(task);
        QCOMPARE(task->learningRate(), 3e-3f);
        panel.learningRateBox()->setValue(2e-4);
        QCOMPARE(task->learningRate(), 2e-4f);
        QVERIFY(!panel.needsReset());
        QCOMPARE(panel.adapter()->state(), TrainerState::Running);
        QCOMPARE(panel.adapter()->trainer()->task(), std::static_pointer_cast<latentset::TrainingTask>(task));
        panel.togglePlay();
    }
};

QTEST_MAIN(CubeTrainingTest)
#include "CubeTraining.test.moc"
