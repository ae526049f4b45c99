// The project controller (ui/project/ProjectController) in a window:
// * an opened class set becomes the training task: Play/Step after Open trains
//   the opened set, not the one trained before (its weights move away from the
//   opened set's by one step, not back to the old task's);
// * Open with unsaved work asks Save / Discard / Cancel, and Save writes
//   the work before the open replaces it;
// * the views' state (heatmap angle and glyph, gallery pins, one-shot picks
//   and result, imaginer u, plots' log scale and smoothing) comes back from a
//   project in a new window;
// * a weights-only project is smaller, has no training state and opens, its
//   set the saved one; opening reports progress up to 100 %.
// LATENTSET_MEASURE_MODEL=<model.lset> LATENTSET_MEASURE_OUT=<folder> (and
// MNIST in ~/.local/share/latentset/mnist): measureProjectSizes opens that
// model in the window, trains 3 mini-batches on MNIST and saves it both ways
// (the figures in docs/ui.md; QTEST_FUNCTION_TIMEOUT=900000 on a busy machine).
#include "TestModels.h"
#include "async/TrainerAdapter.h"
#include "project/ProjectController.h"
#include "project/UnsavedChanges.h"
#include "session/Session.h"
#include "shell/MainWindow.h"
#include "training/TrainingPanel.h"
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/ImaginerView.h"
#include "views/PadView.h"
#include "widgets/GlyphPicker.h"
#include "widgets/PlotView.h"

#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {

void configure(TrainingPanel& panel)
{
    panel.setData(testmodels::classSplits(8));
    latentset::ClassSetSettings s;
    s.batchSize = 8;
    s.optimizer.learningRate = 3e-3f;
    s.seed = 5;
    panel.setSettings(latentset::AutoencoderConfig::make(784, {32}, 4, true), s, 50);
}

bool ready(TrainingPanel& panel) { return panel.adapter()->hasTask() && !panel.property("busy").toBool(); }

std::size_t stepsDone(TrainingPanel& panel)
{
    std::size_t steps = std::size_t(-1);
    if (auto* t = panel.adapter()->trainer())
        t->withTaskAtRest([&steps](const latentset::TrainingTask& task) {
            steps = dynamic_cast<const latentset::ClassSetTask&>(task).stepsDone();
        });
    return steps;
}

void stepOnce(TrainingPanel& panel)
{
    const std::size_t before = stepsDone(panel);
    panel.step();
    QTRY_VERIFY_WITH_TIMEOUT(stepsDone(panel) != before && stepsDone(panel) != std::size_t(-1), 20000);
}

// Reconstruction errors of every member on every class glyph: the set's behaviour.
latentset::Matrix errorsOf(const latentset::AutoencoderSet& set)
{
    return set.reconstructionErrors(testmodels::classGlyphs());
}

// A bare class-set model file, as `latentset-cli mnist --save` writes one.
void writeModelFile(const QString& path, const latentset::AutoencoderSet& set)
{
    latentset::ChunkFile file(path.toStdString());
    latentset::ModelFile::writeSet(file, set, false);
    file.save(path.toStdString());
}

// Clicks `button` of the unsaved-work box as soon as it is up.
void answerUnsavedBox(QMessageBox::StandardButton button, bool* seen)
{
    QTimer::singleShot(50, [button, seen] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(w); box && box->objectName() == "unsavedBox") {
                *seen = true;
                box->button(button)->click();
                return;
            }
        answerUnsavedBox(button, seen);
    });
}

bool hasChunk(const QString& path, const char* tag)
{
    return latentset::ChunkFile::load(path.toStdString()).find(tag) != nullptr;
}

} // namespace

class ProjectControllerTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dataDir_, files_;

private slots:
    void initTestCase() { qputenv("LATENTSET_DATA_DIR", dataDir_.path().toUtf8()); }

    void openReplacesTheTrainingTask()
    {
        MainWindow w;
        TrainingPanel& panel = *w.trainingPanel();
        configure(panel);
        QTRY_VERIFY_WITH_TIMEOUT(ready(panel), 20000);
        for (int i = 0; i < 3; ++i)
            stepOnce(panel);
        const latentset::Matrix oldErrors = errorsOf(panel.classTask()->set());

        const auto opened = testmodels::classSet(60);
        const latentset::Matrix openedErrors = errorsOf(*opened);
        QVERIFY((openedErrors - oldErrors).norm() > 1e-3);
        const QString path = files_.filePath("cli-model.lset");
        writeModelFile(path, *opened);
        QString error;
        QVERIFY2(w.openProject(path, &error), qPrintable(error));
        QVERIFY(errorsOf(*w.session()->classSet()) == openedErrors); // the views show it

        // The panel's task is the opened set now: built from its weights...
        QTRY_VERIFY_WITH_TIMEOUT(ready(panel) && stepsDone(panel) == 0, 20000);
        QVERIFY(errorsOf(panel.classTask()->set()) == openedErrors);
        QVERIFY(!panel.needsReset());
        // ...and Step trains it: the views' set moves a step away from the
        // opened one, and is nowhere near the old task's.
        stepOnce(panel);
        QTRY_VERIFY_WITH_TIMEOUT(errorsOf(*w.session()->classSet()) != openedErrors, 20000);
        const latentset::Matrix after = errorsOf(*w.session()->classSet());
        QVERIFY(after == errorsOf(panel.classTask()->set()));
        qInfo("after one step: %.4g from the opened set, %.4g from the old task", (after - openedErrors).norm(),
              (after - oldErrors).norm());
        QVERIFY((after - openedErrors).norm() < 0.25 * (after - oldErrors).norm());
    }

    // The save waits for the trainers to park on their signals (no polling):
    // a Reset that drops the running trainer meanwhile ends the wait too.
    void saveWaitingForATrainerGoesOnAfterAReset()
    {
        MainWindow w;
        TrainingPanel& panel = *w.trainingPanel();
        configure(panel);
        latentset::ClassSetSettings s;
        s.batchSize = 8;
        s.seed = 5;
        panel.setSettings(latentset::AutoencoderConfig::make(784, {32}, 4, true), s, 100000); // runs until reset
        QTRY_VERIFY_WITH_TIMEOUT(ready(panel), 20000);
        stepOnce(panel); // publishes a set for the file
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->classSet(), 20000);
        panel.togglePlay();
        QTRY_VERIFY_WITH_TIMEOUT(panel.adapter()->state() == latentset::TrainerState::Running, 20000);
        const QString path = files_.filePath("reset-while-saving.lset");
        QVERIFY(w.saveProject(path));
        QVERIFY(w.saveInProgress());
        panel.classSet()->reset(); // drops the trainer the save waits for
        QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 30000);
        QVERIFY(QFileInfo::exists(path));
        Session reopened;
        QVERIFY(ProjectFile::load(path, reopened).classSet);
    }

    void openWithUnsavedWorkAsks()
    {
        const QString other = files_.filePath("other.lset");
        testmodels::saveClassSetProject(other);
        const auto otherErrors = errorsOf(*testmodels::classSet(1));
        MainWindow w;
        w.show();
        const auto mine = testmodels::classSet(5);
        w.session()->setClassSet(mine, testmodels::classGlyphNames());
        w.session()->addDrawnGlyph("my V", latentset::BuiltinGlyphs::render("V"));
        QVERIFY(w.unsavedChanges()->unsaved());

        bool seen = false;
        answerUnsavedBox(QMessageBox::Cancel, &seen);
        w.openProjectInBackground(other);
        QVERIFY(seen);
        QVERIFY(!w.openInProgress());
        QCOMPARE(w.session()->classSet(), mine); // nothing replaced

        // Save: the work is written to the session's project first, then the open runs.
        const QString own = files_.filePath("mine.lset");
        QVERIFY(w.saveProject(own));
        QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 20000);
        w.session()->addDrawnGlyph("my plus", latentset::BuiltinGlyphs::render("+"));
        QVERIFY(w.unsavedChanges()->unsaved());
        seen = false;
        answerUnsavedBox(QMessageBox::Save, &seen);
        w.openProjectInBackground(other);
        QVERIFY(seen);
        QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress() && !w.openInProgress(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->classSet() != mine, 20000);
        QVERIFY(errorsOf(*w.session()->classSet()) == otherErrors);
        Session saved;
        ProjectFile::load(own, saved);
        QCOMPARE(saved.drawnGlyphs().size(), 2); // "my plus" was saved before the open

        // Discard: opens at once.
        w.session()->addDrawnGlyph("scribble", latentset::BuiltinGlyphs::render("V"));
        seen = false;
        answerUnsavedBox(QMessageBox::Discard, &seen);
        w.openProjectInBackground(own);
        QVERIFY(seen);
        QTRY_VERIFY_WITH_TIMEOUT(!w.openInProgress() && errorsOf(*w.session()->classSet()) == errorsOf(*mine), 20000);
    }

    void viewStateComesBackFromAProject()
    {
        const testmodels::CubeWorld world = testmodels::cubeWorld();
        const QString path = files_.filePath("views.lset");
        int score = -1;
        {
            MainWindow w;
            w.resize(1400, 900);
            w.show();
            w.session()->setCubeWorld(world.members, world.contexts);
            auto* heatmap = w.findChild<HeatmapView*>("heatmap");
            auto* gallery = w.findChild<GalleryView*>("gallery");
            auto* pad = w.findChild<PadView*>("pad");
            auto* imaginer = w.findChild<ImaginerView*>("imaginer");
            QVERIFY(heatmap && gallery && pad && imaginer);
            QVERIFY(heatmap->picker()->select("builtin", "V"));
            heatmap->setAngle(42.5);
            w.showView("gallery");
            QVERIFY(gallery->picker()->select("builtin", "plus"));
            gallery->setSourceContext(12);
            QTRY_VERIFY_WITH_TIMEOUT(!gallery->property("busy").toBool() && !gallery->grid().isNull(), 20000);
            w.waitUntilIdle(20000);
            gallery->pin();
            QVERIFY(pad->pickerA()->select("builtin", "V"));
            QVERIFY(pad->pickerB()->select("builtin", "plus"));
            pad->setSourceContext(7);
            w.waitUntilIdle(20000); // a world arriving runs the default one-shot first
            pad->runOneShot();
            w.waitUntilIdle(20000);
            QVERIFY(pad->lastScore() >= 0);
            imaginer->setU(0.3);
            w.trainingPanel()->lossPlot()->setLogY(false);
            w.trainingPanel()->lossPlot()->setSmoothing(0.2);
            QVERIFY(w.saveProject(path));
            QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 20000);
            QCOMPARE(gallery->pinnedCount(), 1);
            score = pad->lastScore();
            // For a look at it in the app (latentset --project FILE --view gallery).
            QFile::remove(testmodels::shotPath("project-views.lset"));
            QFile::copy(path, testmodels::shotPath("project-views.lset"));
        }
        MainWindow w;
        w.show();
        QString error;
        QVERIFY2(w.openProject(path, &error), qPrintable(error));
        auto* heatmap = w.findChild<HeatmapView*>("heatmap");
        auto* gallery = w.findChild<GalleryView*>("gallery");
        auto* pad = w.findChild<PadView*>("pad");
        auto* imaginer = w.findChild<ImaginerView*>("imaginer");
        QCOMPARE(heatmap->angle(), 42.5);
        QCOMPARE(heatmap->picker()->glyphName(), QString("V"));
        QCOMPARE(gallery->picker()->glyphName(), QString("plus"));
        QCOMPARE(gallery->pinnedCount(), 1);
        QCOMPARE(pad->pickerA()->glyphName(), QString("V"));
        QCOMPARE(pad->pickerB()->glyphName(), QString("plus"));
        w.waitUntilIdle(20000);
        QCOMPARE(pad->lastScore(), score); // the one-shot ran again, to the saved result
        QCOMPARE(imaginer->u(), 0.3);
        QCOMPARE(w.trainingPanel()->lossPlot()->logY(), false);
        QCOMPARE(w.trainingPanel()->lossPlot()->smoothing(), 0.2);
        const QJsonObject gs = gallery->viewState();
        QCOMPARE(gs.value("source").toInt(), 12);
        // A project from before the "views" object opens with the views as they are.
        const QString old = files_.filePath("old.lset");
        testmodels::saveClassSetProject(old);
        QVERIFY2(w.openProject(old, &error), qPrintable(error));
        QCOMPARE(heatmap->angle(), 42.5);
        QCOMPARE(gallery->pinnedCount(), 1);
    }

    void weightsOnlyProjectIsSmallerAndOpens()
    {
        MainWindow w;
        TrainingPanel& panel = *w.trainingPanel();
        configure(panel);
        QTRY_VERIFY_WITH_TIMEOUT(ready(panel), 20000);
        for (int i = 0; i < 3; ++i)
            stepOnce(panel);
        const QString full = files_.filePath("full.lset"), weights = files_.filePath("weights.lset");
        QVERIFY(w.project()->saveTrainingState()); // the default
        QVERIFY(w.saveProject(full));
        QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 20000);
        w.project()->setSaveTrainingState(false);
        QVERIFY(w.saveProject(weights));
        QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 20000);
        const qint64 fullSize = QFileInfo(full).size(), weightsSize = QFileInfo(weights).size();
        qInfo("full %lld bytes, weights only %lld bytes", fullSize, weightsSize);
        QVERIFY(hasChunk(full, "UITS"));
        QVERIFY(!hasChunk(weights, "UITS"));
        QVERIFY(hasChunk(weights, "UICS"));
        QVERIFY(weightsSize < fullSize / 2);

        MainWindow b;
        QSignalSpy progress(b.project(), &ProjectController::openProgress);
        b.openProjectInBackground(weights);
        QTRY_VERIFY_WITH_TIMEOUT(!b.openInProgress() && b.session()->classSet(), 20000);
        QVERIFY(errorsOf(*b.session()->classSet()) == errorsOf(*w.session()->classSet()));
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toInt() == 100, 5000);
        int last = -1;
        for (const auto& args : progress) {
            QVERIFY(args.at(0).toInt() >= last);
            last = args.at(0).toInt();
        }
        QVERIFY(progress.size() >= 3); // reading, parsing, done at least
        // It trains on from the saved weights (fresh optimiser state).
        b.trainingPanel()->setData(testmodels::classSplits(8));
        QTRY_VERIFY_WITH_TIMEOUT(ready(*b.trainingPanel()), 20000);
        QVERIFY(errorsOf(b.trainingPanel()->classTask()->set()) == errorsOf(*w.session()->classSet()));
    }

    void measureProjectSizes()
    {
        const QString model = qEnvironmentVariable("LATENTSET_MEASURE_MODEL");
        const QString out = qEnvironmentVariable("LATENTSET_MEASURE_OUT");
        if (model.isEmpty() || out.isEmpty())
            QSKIP("LATENTSET_MEASURE_MODEL and LATENTSET_MEASURE_OUT not set");
        MainWindow w;
        TrainingPanel& panel = *w.trainingPanel();
        QString error;
        QVERIFY2(w.openProject(model, &error), qPrintable(error));
        const QByteArray ours = qgetenv("LATENTSET_DATA_DIR");
        qputenv("LATENTSET_DATA_DIR", QDir::homePath().toUtf8() + "/.local/share/latentset");
        panel.loadDataset("mnist"); // recorded in the project, as in the app (read on a worker)
        QTRY_VERIFY_WITH_TIMEOUT(ready(panel) && panel.data(), 280000);
        qputenv("LATENTSET_DATA_DIR", ours);
        for (int i = 0; i < 3; ++i)
            stepOnce(panel);
        for (bool withState : {true, false}) {
            const QString path = out + (withState ? "/with-state.lset" : "/weights-only.lset");
            w.project()->setSaveTrainingState(withState);
            QElapsedTimer t;
            t.start();
            QVERIFY(w.saveProject(path));
            QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 280000);
            qInfo("%s: %.1f MB, saved in %lld ms", qPrintable(path), QFileInfo(path).size() / 1e6, t.elapsed());
        }
    }
};

QTEST_MAIN(ProjectControllerTest)
#include "ProjectController.test.moc"
