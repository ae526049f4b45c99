// Issue #7: File > Save and File > Open never block the GUI thread. A class
// set big enough that serialising its training state (weights + Adam
// moments) takes clearly over 50 ms trains inside the main window; Save runs
// while a probe measures the longest event-loop stall, then the file is
// reopened in the background (stall measured again) and compared with what
// was saved, and the training must have resumed.
#include "shell/MainWindow.h"
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "StallProbe.h"
#include "TestModels.h"
#include "async/TrainerAdapter.h"
#include "training/TrainingPanel.h"

#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"

#include <QElapsedTimer>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using latentset::TrainerState;

namespace {
// Hidden 512 by default: 10 members x 2 x 784 x 512 weights, with two Adam moments
// ~96 MB of training state; serialising and writing it takes ~0.3-1 s here,
// far over the 50 ms bar if it ran on the GUI thread.
// LATENTSET_STALL_HIDDEN=2048 LATENTSET_STALL_LATENT=16 measure the paper's
// MNIST class set (784-2048-16, ~190 MB of state) for docs/ui.md.
int envInt(const char* name, int fallback)
{
    const QByteArray v = qgetenv(name);
    return v.isEmpty() ? fallback : v.toInt();
}

void configure(TrainingPanel& panel)
{
    const int hidden = envInt("LATENTSET_STALL_HIDDEN", 512), latent = envInt("LATENTSET_STALL_LATENT", 4);
    panel.setData(testmodels::classSplits(32));
    latentset::ClassSetSettings s;
    s.batchSize = 8;
    s.optimizer.learningRate = 3e-3f;
    s.seed = 11;
    panel.setSettings(latentset::AutoencoderConfig::make(784, {hidden}, latent, true), s, 100000);
}

// The GUI-thread CPU bar always holds: it is our own work. The wall-clock
// bar only when the machine leaves a core free (StallProbe::machineQuiet;
// the stall test in TrainingPanel.test.cpp does the same): on the shared
// build machine other processes alone can keep the GUI thread off the CPU
// for > 50 ms. Both are printed, so the figure can be quoted either way.
void checkStall(const testmodels::StallProbe& probe, const char* what)
{
    qInfo("%s: longest event-loop stall %.1f ms wall, %.1f ms of GUI-thread CPU (%d ticks); load average %.1f "
          "on %d cores",
          what, probe.worstMs(), probe.worstCpuMs(), probe.ticks(), testmodels::StallProbe::load(),
          QThread::idealThreadCount());
#if defined(__SANITIZE_ADDRESS__)
    // Under ASan+UBSan (Debug, instrumented: 10-30x slower) this test is run
    // for memory and thread errors, not timing: one ASan run (ctest -j2)
    // saw a 167 ms GUI-CPU gap during the open, cause not identified; the
    // rerun 2.8 ms, Release runs 1.4-27 ms. Printed above, not asserted.
    return;
#endif
    QVERIFY2(probe.worstCpuMs() < 50.0, qPrintable(QString("%1: GUI thread busy for %2 ms in one go")
                                                       .arg(what)
                                                       .arg(probe.worstCpuMs())));
    if (testmodels::StallProbe::machineQuiet())
        QVERIFY2(probe.worstMs() < 50.0, qPrintable(QString("%1: longest stall %2 ms").arg(what).arg(probe.worstMs())));
}

bool sameOutputs(const latentset::AutoencoderSet& a, const latentset::AutoencoderSet& b)
{
    const latentset::Matrix g = testmodels::classGlyphs();
    return a.reconstructionErrors(g) == b.reconstructionErrors(g);
}
} // namespace

class ProjectSaveStallTest : public QObject {
    Q_OBJECT
private slots:
    void saveAndOpenDoNotBlockTheEventLoop()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("big.latentset");
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        TrainingPanel& panel = *window.trainingPanel();
        configure(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel.adapter()->hasTask() && !panel.property("busy").toBool(), 30000);
        panel.togglePlay();
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Running, 20000);
        QTest::qWait(300);

        // Every set the session shows while the save runs: the saved one is
        // the one published when the trainers parked (the last before the
        // worker starts; training publishes newer ones only after it).
        std::vector<Session::SetPtr> shown;
        auto conn = connect(window.session(), &Session::classSetChanged, this,
                            [&] { shown.push_back(window.session()->classSet()); });

        testmodels::StallProbe saveProbe;
        saveProbe.start();
        QElapsedTimer saveTime;
        saveTime.start();
        QVERIFY(window.saveProject(path));
        QVERIFY(window.saveInProgress());
        QVERIFY(!panel.playButton()->isEnabled()); // Play refused while the worker reads the task
        // ...and so is the shortcut (Space): the trainer stays paused.
        QTRY_VERIFY_WITH_TIMEOUT(panel.adapter()->state() == TrainerState::Paused || !window.saveInProgress(), 20000);
        if (window.saveInProgress()) {
            panel.togglePlay();
            QCOMPARE(panel.adapter()->state(), TrainerState::Paused);
        }
        // A second request while the first runs is queued, not run at once.
        const QString second = dir.filePath("second.latentset");
        QVERIFY(window.saveProject(second));
        QTRY_VERIFY_WITH_TIMEOUT(!window.saveInProgress(), 120000);
        const qint64 saveMs = saveTime.elapsed();
        saveProbe.stop();
        disconnect(conn);
        qInfo("save of %lld MB took %lld ms (both files, worker)", QFileInfo(path).size() >> 20, saveMs);
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(QFileInfo::exists(second));
        QTRY_COMPARE_WITH_TIMEOUT(panel.adapter()->state(), TrainerState::Running, 20000); // resumed
        checkStall(saveProbe, "save");
        if (QTest::currentTestFailed())
            return;

        // The file holds the set the views showed when it was saved, and its
        // training state has the same weights (read on its own).
        const ProjectFile::Parsed parsed = ProjectFile::read(path);
        QVERIFY(parsed.classSet);
        QVERIFY(!shown.empty());
        bool found = false;
        for (const auto& s : shown)
            found = found || sameOutputs(*s, *parsed.classSet);
        QVERIFY(found);
        QVERIFY(!parsed.trainingState.empty());
        const latentset::AutoencoderSet stateSet = latentset::ModelFile::readSet(
            latentset::ChunkFile::fromBytes(parsed.trainingState, "training state"));
        QVERIFY(sameOutputs(stateSet, *parsed.classSet));

        panel.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(panel.trainingAtRest(), 20000);

        // Open in the background: the event loop keeps running, the window
        // is "busy" meanwhile, and the session gets the saved set.
        // For comparison (printed, not asserted): what Save and Open cost the
        // GUI thread before issue #7, when they ran on it synchronously.
        {
            QElapsedTimer t;
            t.start();
            ProjectFile::save(dir.filePath("sync.latentset"), *window.session(), panel.projectSettings(),
                              panel.trainingState());
            const qint64 syncSave = t.restart();
            Session scratch;
            ProjectFile::load(dir.filePath("sync.latentset"), scratch);
            qInfo("synchronous (the old GUI-thread path): save %lld ms, open %lld ms", syncSave, t.elapsed());
        }

        MainWindow other;
        other.show();
        QTest::qWait(300); // the first paint of a new window is not the open's work
        testmodels::StallProbe openProbe;
        openProbe.start();
        QElapsedTimer openTime;
        openTime.start();
        other.openProjectInBackground(path);
        QVERIFY(other.openInProgress());
        QVERIFY(other.property("busy").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!other.openInProgress(), 120000);
        const qint64 openMs = openTime.elapsed();
        openProbe.stop();
        qInfo("open took %lld ms (worker read + GUI apply)", openMs);
        QVERIFY(other.session()->classSet());
        QVERIFY(sameOutputs(*other.session()->classSet(), *parsed.classSet));
        checkStall(openProbe, "open");
    }

    // A damaged file opened in the background leaves the session as it was.
    void damagedFileLeavesTheSessionUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.latentset");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a project");
        f.close();
        MainWindow window;
        const auto set = testmodels::classSet();
        window.session()->setClassSet(set, {});
        // No modal box may block the test: close any that appears.
        QTimer closer;
        connect(&closer, &QTimer::timeout, [] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w))
                    box->done(0);
        });
        closer.start(50);
        window.openProjectInBackground(path);
        QTRY_VERIFY_WITH_TIMEOUT(!window.openInProgress(), 20000);
        QTest::qWait(200);
        QCOMPARE(window.session()->classSet(), set);
    }
};

QTEST_MAIN(ProjectSaveStallTest)
#include "ProjectSaveStall.test.moc"
