// A project file keeps the whole training state: train a few mini-batches,
// File > Save, open the file in a fresh window, step once, and the result is
// bit for bit the uninterrupted run's (weights, Adam moments and step counts,
// batch order, noise RNG, epoch/batch position). A save while training runs
// pauses, saves after the batch under way, and resumes.
#include "shell/MainWindow.h"
#include "session/Session.h"
#include "TestModels.h"
#include "async/TrainerAdapter.h"
#include "training/TrainingPanel.h"

#include "latentset/nn/ClassSetTask.h"

#include <QFileInfo>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <utility>

using latentset::TrainerState;

namespace {

// Epoch and batch of the panel's task, or (-1, -1) while a step is under way.
std::pair<long, long> position(TrainingPanel& panel)
{
    std::pair<long, long> p{-1, -1};
    auto* trainer = panel.adapter()->trainer();
    if (!trainer)
        return p;
    trainer->withTaskAtRest([&p](const latentset::TrainingTask& t) {
        const auto& task = dynamic_cast<const latentset::ClassSetTask&>(t);
        p = {long(task.epochsDone()), long(task.batchInEpoch())};
    });
    return p;
}

// 32 images per class, batch 8: four batches per epoch, so a save can land
// mid-epoch. Masking noise on, so the noise RNG must be restored too.
void configure(TrainingPanel& panel, int epochs = 50)
{
    panel.setData(testmodels::classSplits(32));
    latentset::ClassSetSettings s;
    s.batchSize = 8;
    s.optimizer.learningRate = 3e-3f;
    s.maskingNoise = 0.1f;
    s.seed = 5;
    panel.setSettings(latentset::AutoencoderConfig::make(784, {32}, 4, true), s, epochs);
}

bool ready(TrainingPanel& panel)
{
    return panel.adapter()->hasTask() && !panel.property("busy").toBool();
}

} // namespace

class TrainingResumeTest : public QObject {
    Q_OBJECT
private:
    // Steps once and waits until that step is done (position moved on).
    static void stepOnce(TrainingPanel& panel)
    {
        const auto before = position(panel);
        QTest::mouseClick(panel.stepButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(position(panel) != before && position(panel).first >= 0, 20000);
    }

private slots:
    void openedProjectContinuesBitForBit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("resume.latentset");
        MainWindow a;
        TrainingPanel& pa = *a.trainingPanel();
        configure(pa);
        QTRY_VERIFY_WITH_TIMEOUT(ready(pa), 20000);
        for (int i = 0; i < 6; ++i)
            stepOnce(pa);
        QCOMPARE(position(pa), std::make_pair(1L, 2L)); // mid-epoch 2
        QVERIFY(pa.trainingAtRest());
        QVERIFY(a.saveProject(path));
        QTRY_VERIFY_WITH_TIMEOUT(!a.saveInProgress(), 60000); // written on a worker
        QVERIFY(QFileInfo::exists(path));
        // The views' set (the session's) was brought up to the saved state.
        const latentset::Matrix g = testmodels::classGlyphs();
        QVERIFY(a.session()->classSet()->reconstructionErrors(g) == pa.classTask()->set().reconstructionErrors(g));

        MainWindow b;
        QVERIFY(b.openProject(path));
        TrainingPanel& pb = *b.trainingPanel();
        pb.setData(testmodels::classSplits(32)); // the project's dataset (made by the test, not a known id)
        QTRY_VERIFY_WITH_TIMEOUT(ready(pb), 20000);
        QCOMPARE(position(pb), std::make_pair(1L, 2L));
        QCOMPARE(pb.batchSizeBox()->value(), 8);
        // Right after opening, the states are the same bytes...
        QVERIFY(!pa.trainingState().empty());
        QVERIFY(pa.trainingState() == pb.trainingState());

        // ...and one more step on each gives the same bytes again.
        stepOnce(pa);
        stepOnce(pb);
        QCOMPARE(position(pb), std::make_pair(1L, 3L));
        QVERIFY(pa.trainingState() == pb.trainingState());
        QVERIFY(pa.trainingState().size() > 3 * 10 * 784 * 32 * sizeof(float)); // values + two Adam moments

        // Control: continuing from the weights alone (what a project held
        // before) is not the same run: the moments and the order matter.
        MainWindow c;
        TrainingPanel& pc = *c.trainingPanel();
        configure(pc);
        QTRY_VERIFY_WITH_TIMEOUT(ready(pc), 20000);
        pc.adoptSet(*b.session()->classSet());
        QTRY_VERIFY_WITH_TIMEOUT(ready(pc) && position(pc).first == 0, 20000);
        stepOnce(pc); // A has made 7 steps; C: A's 6th step's weights + 1 step
        const latentset::Matrix x = testmodels::classGlyphs();
        const auto* setA = &pa.classTask()->set();
        const auto* setC = &pc.classTask()->set();
        QVERIFY(setA->reconstructionErrors(x) != setC->reconstructionErrors(x));
    }

    void savingWhileRunningPausesSavesAndResumes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("running.latentset");
        MainWindow a;
        TrainingPanel& pa = *a.trainingPanel();
        configure(pa, 1000); // 4000 steps: still running when the save is done
        QTRY_VERIFY_WITH_TIMEOUT(ready(pa), 20000);
        pa.togglePlay();
        QTRY_COMPARE_WITH_TIMEOUT(pa.adapter()->state(), TrainerState::Running, 20000);
        QTest::qWait(300);
        QVERIFY(a.saveProject(path));
        QTRY_VERIFY_WITH_TIMEOUT(!a.saveInProgress(), 60000); // written on a worker
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(pa.adapter()->state(), TrainerState::Running, 20000); // resumed
        pa.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(pa.trainingAtRest(), 20000);

        MainWindow b;
        QVERIFY(b.openProject(path));
        TrainingPanel& pb = *b.trainingPanel();
        pb.setData(testmodels::classSplits(32));
        QTRY_VERIFY_WITH_TIMEOUT(ready(pb), 20000);
        const auto resumed = position(pb);
        QVERIFY(resumed.first >= 0);
        QVERIFY(resumed.first * 4 + resumed.second > 0); // some training was saved
    }
};

QTEST_MAIN(TrainingResumeTest)
#include "TrainingResume.test.moc"
