// The world imaginer (ui/views/WorldImaginerView) and the level-2 concept
// trained in the app (ui/training/WorldConceptPanel) on small synthetic
// worlds, and a project that carries the session's context world and its
// concept (ui/project/ProjectWorld, chunk "UIWD"): round trip, a damaged
// world chunk, what older readers see.
#include "project/ProjectController.h"
#include "project/ProjectFile.h"
#include "project/ProjectWorld.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "training/TrainingPanel.h"
#include "training/WorldConceptPanel.h"
#include "training/WorldTrainingPanel.h"
#include "views/WorldImaginerView.h"
#include "widgets/ContextMapView.h"

#include "image/WorldSources.h"
#include "TestModels.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetState.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/world/WorldConcept.h"
#include "latentset/world/WorldImaginer.h"
#include "latentset/world/WorldModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace latentset;

namespace {

// Members of the recipe's shape (hidden 16, latent 3), as a world model file wants them.
std::shared_ptr<const AutoencoderSet> members(Index inputs, int contexts)
{
    AutoencoderConfig config = AutoencoderConfig::make(inputs, {16}, 3, true);
    config.loss = LossKind::BinaryCrossEntropy;
    return std::make_shared<const AutoencoderSet>(config, contexts, 11);
}

SharedLatentSettings recipe()
{
    SharedLatentSettings s;
    s.hidden = 16;
    s.latent = 3;
    return s;
}

// Rotation in 8 contexts over the built-in class glyphs (no MNIST).
std::shared_ptr<SessionWorld> rotationWorld()
{
    WorldSpec spec = WorldSpec::named("rotation");
    spec.contexts = 8;
    const auto glyphs = testmodels::classSamples(4);
    const WorldBuilder builder(spec);
    auto world = std::make_shared<SessionWorld>();
    world->spec = spec;
    world->train = builder.over(*glyphs);
    world->test = builder.over(*glyphs);
    world->members = members(784, 8);
    world->training = recipe();
    return world;
}

// <root>/ctx<c>/item<i>.png: a bar at row i, moved 2c pixels right in context c.
void writeFolder(const QString& root, int contexts, int items)
{
    for (int c = 0; c < contexts; ++c) {
        const QString dir = QString("%1/ctx%2").arg(root).arg(c);
        QDir().mkpath(dir);
        for (int i = 0; i < items; ++i) {
            QImage img(12, 12, QImage::Format_Grayscale8);
            img.fill(40);
            for (int x = 0; x < 5; ++x)
                for (int y = 0; y < 2; ++y)
                    img.setPixel(1 + c * 2 + x, i + y, qRgb(255, 255, 255));
            QVERIFY(img.save(QString("%1/item%2.png").arg(dir).arg(i, 2, 10, QChar('0'))));
        }
    }
}

// A paired-folder world: its contexts rebuild from the spec alone (a project reopened).
std::shared_ptr<SessionWorld> folderWorld(const QString& folder)
{
    writeFolder(folder, 3, 10);
    auto world = std::make_shared<SessionWorld>();
    world->spec = WorldSpec::named(folder.toStdString());
    const WorldSource source = WorldSources::forSpec(world->spec);
    world->train = source.train;
    world->test = source.test;
    world->members = members(source.train->memberInputSize(), 3);
    world->training = recipe();
    world->rounds = 17;
    return world;
}

void smallConcept(WorldConceptPanel& panel, int samples = 120, int epochs = 15)
{
    panel.samplesBox()->setValue(samples);
    panel.epochsBox()->setValue(epochs);
    latentset::WorldConceptSettings s = panel.settings();
    s.heldOut = 20;
    s.level2.hiddenSizes = {8};
    s.level2.restarts = 1;
    panel.setSettings(s);
}

bool trainConcept(WorldConceptPanel& panel)
{
    QSignalSpy done(&panel, &WorldConceptPanel::finished);
    panel.toggleTraining();
    return done.wait(60000) || done.count() > 0;
}

std::string setBytes(const AutoencoderSet& set)
{
    ChunkFile file("members");
    ModelFile::writeSet(file, set, false);
    return file.toBytes();
}

} // namespace

class WorldImaginerTest : public QObject {
    Q_OBJECT
private slots:
    void imaginerShowsOneSliderPerUnitAndTheSliderMovesTheMap()
    {
        Session session;
        session.setWorld(rotationWorld());
        WorldImaginerView view(&session);
        view.resize(1300, 800);
        view.show();
        QVERIFY(view.sliders().isEmpty());
        QVERIFY(view.readOut()->text().contains("no level-2 concept"));
        smallConcept(*view.conceptPanel());
        QVERIFY(trainConcept(*view.conceptPanel()));
        QVERIFY2(session.worldConcept(), qPrintable(view.conceptPanel()->statusLabel()->text()));
        QCOMPARE(session.worldConcept()->units(), 2); // a circle: two units
        QCOMPARE(view.sliders().size(), 2);
        QCOMPARE(view.map()->mapLayout().kind, ContextMapLayout::Kind::Ring);
        QCOMPARE(view.imaginedMap().size(), Index(8));
        QCOMPARE(view.map()->values().size(), 8);
        QVERIFY(view.readOut()->text().contains("angle ≈"));
        QVERIFY(view.readOut()->text().contains("°"));
        QCOMPARE(view.decodedFrame().size(), Index(784));
        QCOMPARE(view.shownFrame().size(), Index(784));

        view.sliders()[0]->setValue(0);
        const Vector low = view.imaginedMap();
        const QVector<double> shownLow = view.map()->values();
        view.sliders()[0]->setValue(view.sliders()[0]->maximum());
        const Vector high = view.imaginedMap();
        QVERIFY((low - high).norm() > 1e-4f); // the decoded map follows the unit
        QVERIFY(view.map()->values() != shownLow);  // and the map shows it
        QCOMPARE(view.map()->values()[0], double(high[0]));
        const Vector c = view.code();
        QCOMPARE(c[0], session.worldConcept()->unitMax()[0]);
        QVERIFY(view.frameTimesMs().size() >= 2);
        // The loop slider of the circular axis sets both units at once, one redraw.
        QCOMPARE(view.loopSliders().size(), 1);
        const int frames = int(view.frameTimesMs().size());
        view.loopSliders()[0]->setValue(100);
        QCOMPARE(int(view.frameTimesMs().size()), frames + 1);
        const Vector along = WorldImaginer(*session.world()->test, *session.worldConcept()).codeAlong(0, 100.0);
        QVERIFY((view.code() - along).cwiseAbs().maxCoeff() < 2e-3f); // to the sliders' resolution
        view.sliders()[0]->setValue(view.sliders()[0]->maximum());
        // The view's state restores the units.
        const QJsonObject state = view.viewState();
        view.sliders()[0]->setValue(0);
        view.restoreViewState(state);
        QVERIFY(std::abs(view.code()[0] - c[0]) < 1e-3f);
        // Another world drops the concept: no sliders left of it.
        session.setWorld(rotationWorld());
        QVERIFY(!session.worldConcept());
        QVERIFY(view.sliders().isEmpty());
    }

    void stoppingTheConceptTrainingLeavesTheSessionAsItWas()
    {
        Session session;
        session.setWorld(rotationWorld());
        WorldConceptPanel panel(&session);
        smallConcept(panel);
        QVERIFY(trainConcept(panel));
        const auto first = session.worldConcept();
        QVERIFY(first);

        // Stopped while mapping (a run far too long to finish first).
        panel.samplesBox()->setValue(1000000);
        QSignalSpy done(&panel, &WorldConceptPanel::finished);
        panel.toggleTraining();
        QVERIFY(panel.running());
        QCOMPARE(done.count(), 0); // returned at once: the run is on a worker
        QCOMPARE(panel.trainButton()->text(), QString("Stop"));
        panel.toggleTraining();
        QVERIFY(done.wait(60000) || done.count() > 0);
        QCOMPARE(session.worldConcept(), first);
        QVERIFY(!panel.result().worldConcept);
        QVERIFY(panel.statusLabel()->text().contains("unchanged"));

        // Stopped during the level-2 epochs: the part-trained network is not kept.
        smallConcept(panel, 120, 100000);
        QSignalSpy epochs(&panel, &WorldConceptPanel::progressed);
        panel.toggleTraining();
        QVERIFY(epochs.wait(60000));
        panel.toggleTraining();
        QVERIFY(done.wait(60000) || done.count() > 1);
        QCOMPARE(session.worldConcept(), first);
        QVERIFY(!panel.running());
        QCOMPARE(panel.trainButton()->text(), QString("Train"));
    }

    void aProjectCarriesTheWorldAndItsConcept()
    {
        QTemporaryDir dir;
        Session session;
        const auto world = folderWorld(dir.filePath("pairs"));
        session.setWorld(world);
        WorldConceptPanel panel(&session);
        smallConcept(panel);
        QVERIFY(trainConcept(panel));
        const auto level2 = session.worldConcept();
        QVERIFY2(level2, qPrintable(panel.statusLabel()->text()));
        const QString path = dir.filePath("project.lset");
        ProjectFile::save(path, session, QJsonObject{{"view", "world-imaginer"}});

        // Nothing of the world at the top level, where older readers look for models.
        const ChunkFile file = ChunkFile::load(path.toStdString());
        QVERIFY(file.find(ProjectWorld::kTag));
        for (const char* tag : {"WRLD", "AESE", "AECF", "CNCP", "WCPT"})
            QVERIFY2(!file.find(tag), tag);
        QVERIFY(!ClassSetState::hasSet(file, false));
        QVERIFY(!CubeModel::isCubeModel(file));
        QVERIFY(!ConceptModel::present(file));

        // Reopened through File > Open: the world views' world, byte for byte, and its concept.
        Session other;
        TrainingPanel training(&other);
        QTemporaryDir autosaves;
        ProjectController controller(&other, &training, nullptr, autosaves.path());
        QString error;
        QVERIFY2(controller.openProject(path, &error), qPrintable(error));
        const auto back = other.world();
        QVERIFY(back);
        QCOMPARE(back->spec.kind, world->spec.kind);
        QCOMPARE(back->rounds, std::int64_t(17));
        QVERIFY(back->noiseVariance > 0); // measured at save, as `world train` does
        QCOMPARE(back->test->contextCount(), 3);
        QVERIFY(setBytes(*back->members) == setBytes(*world->members));
        QCOMPARE(back->training.hidden, Index(16));
        const auto backConcept = other.worldConcept();
        QVERIFY(backConcept);
        QCOMPARE(backConcept->units(), level2->units());
        QVERIFY(backConcept->calibrationCodes() == level2->calibrationCodes());
        QVERIFY(backConcept->calibrationParameters() == level2->calibrationParameters());
        const Matrix probe = Matrix::Constant(3, 1, 0.5f);
        QVERIFY(backConcept->codes(probe) == level2->codes(probe));
        // The world training took it (Play continues it), and the imaginer shows it.
        QVERIFY(training.worldPanel()->saveButton()->isEnabled());
        WorldImaginerView view(&other);
        view.resize(1200, 800);
        view.show();
        QCOMPARE(view.sliders().size(), 1); // a folder: one index axis
        QCOMPARE(view.imaginedMap().size(), Index(3));

        // A project without a world opens as before and leaves the session's world alone.
        Session plain;
        const QString old = dir.filePath("plain.lset");
        ProjectFile::save(old, plain, QJsonObject{{"view", "start"}});
        QVERIFY(!ChunkFile::load(old.toStdString()).find(ProjectWorld::kTag));
        QVERIFY2(controller.openProject(old, &error), qPrintable(error));
        QCOMPARE(other.world(), back);
        // A reader that does not know a chunk keeps it and opens the rest.
        ChunkFile extra = ChunkFile::load(path.toStdString());
        extra.add("UIZZ", 7, "from a newer LatentSet");
        const QString newer = dir.filePath("newer.lset");
        extra.save(newer.toStdString());
        Session third;
        ProjectFile::load(newer, third);
        QVERIFY(third.world());
    }

    void aDamagedWorldChunkIsRefusedWithAClearMessage()
    {
        QTemporaryDir dir;
        Session session;
        session.setWorld(folderWorld(dir.filePath("pairs")));
        const QString path = dir.filePath("project.lset");
        ProjectFile::save(path, session, QJsonObject{{"view", "world-heatmap"}});
        // The world's nested container cut in half (the project's own checksums are good).
        const ChunkFile whole = ChunkFile::load(path.toStdString());
        ChunkFile cut(path.toStdString());
        for (const ChunkFile::Chunk& c : whole.chunks())
            cut.add(c.tag, c.version,
                    c.tag == ProjectWorld::kTag ? c.payload.substr(0, c.payload.size() / 2) : c.payload);
        const QString damaged = dir.filePath("damaged.lset");
        cut.save(damaged.toStdString());
        Session other;
        try {
            ProjectFile::load(damaged, other);
            QFAIL("a truncated world chunk was read");
        } catch (const latentset::Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains("damaged.lset") && message.contains("context world (chunk 'UIWD')"),
                     qPrintable(message));
        }
        QVERIFY(!other.world()); // nothing applied
        // The file itself cut inside the world chunk: the container's message.
        QFile in(path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QString truncated = dir.filePath("truncated.lset");
        QFile out(truncated);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() - 1000));
        out.close();
        QVERIFY_THROWS_EXCEPTION(latentset::Error, ProjectFile::read(truncated));
        // A newer world chunk is refused by name, not misread.
        ChunkFile newer(path.toStdString());
        for (const ChunkFile::Chunk& c : whole.chunks())
            newer.add(c.tag, c.tag == ProjectWorld::kTag ? ProjectWorld::kVersion + 1 : c.version, c.payload);
        const QString future = dir.filePath("future.lset");
        newer.save(future.toStdString());
        try {
            ProjectFile::read(future);
            QFAIL("a newer world chunk was read");
        } catch (const latentset::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("UIWD"), e.what());
        }
    }

    void autosaveKeepsTheWorldInItsOwnFile()
    {
        QTemporaryDir dir, autosaves;
        Session session;
        session.setWorld(folderWorld(dir.filePath("pairs")));
        const QString mine = dir.filePath("mine.lset");
        ProjectFile::save(mine, session, QJsonObject{{"view", "world-heatmap"}});
        QFile f(mine);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();

        Session opened;
        TrainingPanel training(&opened);
        ProjectController controller(&opened, &training, nullptr, autosaves.path());
        QString error;
        QVERIFY2(controller.openProject(mine, &error), qPrintable(error));
        QCOMPARE(controller.saveTarget(), mine);
        QVERIFY(opened.world());
        controller.autosave(); // a session holding only a world is autosaved too
        QTRY_VERIFY_WITH_TIMEOUT(!controller.saveInProgress(), 30000);
        QVERIFY(controller.autosavePath().startsWith(autosaves.path()));
        QVERIFY(controller.autosavePath() != mine);
        QVERIFY(QFileInfo::exists(controller.autosavePath()));
        QVERIFY(ChunkFile::load(controller.autosavePath().toStdString()).find(ProjectWorld::kTag));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll() == before); // the user's file untouched
    }

    void realWorldsTrainMeasureAndSave()
    {
        // Run by hand on trained worlds (docs/ui.md "Measured"):
        // LATENTSET_WORLD_MODELS="sp40.lset:rot36.lset" (latentset-cli world
        // train --save). Each is opened as the app opens it, its concept
        // trained in the app with the CLI's defaults, the first slider moved
        // 60 times (slider to repainted view), and a project with the world
        // and its concept saved beside the model (<name>-project.lset) and
        // read back: the members byte for byte.
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
            session.setWorldConcept(nullptr); // trained here, not the file's
            WorldImaginerView view(&session);
            view.resize(1400, 860);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QElapsedTimer clock;
            clock.start();
            QSignalSpy done(view.conceptPanel(), &WorldConceptPanel::finished);
            QSignalSpy epochs(view.conceptPanel(), &WorldConceptPanel::progressed);
            view.conceptPanel()->toggleTraining();
            const QString shots = qEnvironmentVariable("LATENTSET_SHOTS");
            if (!shots.isEmpty() && epochs.wait(600000)) // the view while the concept trains
                QVERIFY(view.grab().save(QString("%1/%2-training.png").arg(shots, QFileInfo(path).completeBaseName())));
            QVERIFY(done.count() > 0 || done.wait(600000));
            const double seconds = clock.elapsed() / 1000.0;
            QVERIFY2(session.worldConcept(), qPrintable(view.conceptPanel()->statusLabel()->text()));
            qInfo("%s: concept trained in the app in %.1f s: %s", qPrintable(path), seconds,
                  qPrintable(view.conceptPanel()->statusLabel()->text()));
            const int before = int(view.frameTimesMs().size());
            for (int k = 1; k <= 60; ++k) {
                QSlider* s = view.sliders()[k % view.sliders().size()];
                s->setValue((s->value() + 37) % (s->maximum() + 1));
                QCoreApplication::processEvents();
            }
            QVector<double> t = view.frameTimesMs().mid(before);
            std::sort(t.begin(), t.end());
            qInfo("%s (%d contexts, %d units): slider to repainted view median %.2f ms, 95th percentile %.2f ms, "
                  "max %.2f ms, %d moves; read-out: %s",
                  qPrintable(path), session.world()->test->contextCount(), int(view.sliders().size()), t[t.size() / 2],
                  t[int(t.size() * 0.95)], t.back(), int(t.size()), qPrintable(view.readOut()->text()));
            // LATENTSET_SHOTS: the view at four points of each circular axis's loop (docs/worlds.md).
            for (int k = 0; k < 4 && !shots.isEmpty() && !view.loopSliders().isEmpty(); ++k) {
                QSlider* loop = view.loopSliders()[0];
                loop->setValue(k * loop->maximum() / 4 + loop->maximum() / 8); // 45, 135, 225, 315 degrees
                QVERIFY(view.grab().save(QString("%1/%2-loop-%3.png").arg(shots, QFileInfo(path).completeBaseName())
                                             .arg(k)));
                qInfo("loop at %d/8 of the turn: %s", 2 * k + 1, qPrintable(view.readOut()->text()));
            }
            const QString project = QFileInfo(path).absolutePath() + "/" + QFileInfo(path).completeBaseName()
                + "-project.lset";
            clock.restart();
            ProjectFile::save(project, session,
                              QJsonObject{{"view", "world-imaginer"},
                                          {"views", QJsonObject{{"world-imaginer", view.viewState()}}}});
            const double saveSeconds = clock.elapsed() / 1000.0;
            clock.restart();
            const ProjectFile::Parsed back = ProjectFile::read(project);
            QVERIFY(back.world && back.world->level2);
            QVERIFY(setBytes(back.world->model->members) == setBytes(*session.world()->members));
            qInfo("%s: saved %.1f MB in %.1f s, read back (members byte-identical) in %.1f s", qPrintable(project),
                  QFileInfo(project).size() / 1e6, saveSeconds, clock.elapsed() / 1000.0);
        }
    }
};

QTEST_MAIN(WorldImaginerTest)
#include "WorldImaginer.test.moc"
