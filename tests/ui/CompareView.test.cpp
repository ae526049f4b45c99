// CompareView: two small projects side by side — their settings diffed,
// curves overlaid, confusion matrices and context maps with the difference —
// read by the project reader and never written.
#include "project/CompareView.h"
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "widgets/ColorMapView.h"
#include "widgets/ContextMapView.h"
#include "widgets/GlyphPicker.h"
#include "widgets/PlotView.h"
#include "TestModels.h"

#include "latentset/cube/CubeModel.h"
#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/world/WorldModel.h"
#include "image/WorldSources.h"

#include <QDir>
#include <QImage>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTableWidget>
#include <QTemporaryDir>

#include <QtTest>

namespace {

QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

QJsonObject curves(double start)
{
    QJsonArray list;
    list.append(QJsonObject{{"plot", "loss"}, {"series", 0}, {"name", "circle"}, {"x", QJsonArray{0, 1, 2}},
                            {"y", QJsonArray{start, start - 1, start - 2}}});
    list.append(QJsonObject{{"plot", "accuracy"}, {"series", 0}, {"name", "test accuracy"}, {"x", QJsonArray{1, 2}},
                            {"y", QJsonArray{0.5, 0.7}}});
    return QJsonObject{{"curves", list}};
}

// A project with a class set and a cube world, its settings as the app writes them.
void saveProject(const QString& path, int classSteps, const QJsonObject& settings, const testmodels::CubeWorld& world)
{
    Session session;
    session.setClassSet(testmodels::classSet(classSteps), testmodels::classGlyphNames());
    session.setCubeWorld(world.members, world.contexts);
    ProjectFile::save(path, session, settings);
}

// A paired folder: 3 contexts (brightness 1, 1/2, 1/4 of the same 8 x 8
// pattern) x 10 items, so held-out items exist (every 5th).
QString writePairedFolder(const QString& root)
{
    const double scale[] = {1.0, 0.5, 0.25};
    for (int c = 0; c < 3; ++c)
        for (int i = 0; i < 10; ++i) {
            QImage image(8, 8, QImage::Format_Grayscale8);
            for (int y = 0; y < 8; ++y)
                for (int x = 0; x < 8; ++x) {
                    const int v = ((x * 3 + y * 5 + i * 7) % 11) * 23;
                    image.setPixel(x, y, qRgb(int(v * scale[c]), int(v * scale[c]), int(v * scale[c])));
                }
            const QString path = QString("%1/c%2/item%3.png").arg(root).arg(c).arg(i);
            QDir().mkpath(QFileInfo(path).absolutePath());
            if (!image.save(path))
                return {};
        }
    return root;
}

// A world model of that folder: members as a world training makes them (seed
// `seed`), and a hand-made history (none if `rounds` is 0).
latentset::WorldModel folderModel(const QString& folder, std::uint64_t seed, int rounds)
{
    latentset::WorldModel m;
    m.spec = latentset::WorldSpec::named(folder.toStdString());
    m.training.hidden = 10;
    m.training.latent = 3;
    m.training.seed = seed;
    latentset::AutoencoderConfig config = latentset::AutoencoderConfig::make(64, {10}, 3, true);
    config.loss = latentset::LossKind::BinaryCrossEntropy;
    m.members = latentset::AutoencoderSet(config, 3, seed);
    m.rounds = rounds;
    if (rounds > 0)
        m.history = latentset::MetricHistory{{"round", "self", "cross"},
                                             {{10, 0.5 / double(seed), 0.75}, {20, 0.25 / double(seed), 0.5}}};
    return m;
}

} // namespace

class CompareViewTest : public QObject {
    Q_OBJECT
private slots:
    void twoProjectsSideBySide()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.lset"), b = dir.filePath("b.lset");
        QJsonObject sa = curves(9.0), sb = curves(7.0);
        sa["dataset"] = sb["dataset"] = "mnist";
        sa["learningRate"] = 0.001;
        sb["learningRate"] = 0.003;
        sa["seed"] = sb["seed"] = 1;
        sb["schedule"] = "cosine";
        saveProject(a, 1, sa, testmodels::cubeWorld(1));
        saveProject(b, 40, sb, testmodels::cubeWorld(4));
        const QByteArray hashA = sha256(a), hashB = sha256(b);
        const QDateTime timeA = QFileInfo(a).lastModified(), timeB = QFileInfo(b).lastModified();

        Session session;
        session.setSamples(testmodels::classSamples());
        CompareView view(&session);
        view.resize(1400, 860);
        view.show();
        QVERIFY(view.statusText().contains("Open run A and B"));
        view.setCurrentProject(a); // the project the window opened: run A
        view.load(1, b);
        QTRY_VERIFY_WITH_TIMEOUT(view.loaded(0) && view.loaded(1), 30000);
        QVERIFY(QTest::qWaitFor([&] { return !view.property("busy").toBool() && !view.confusion(2)->isEmpty()
                                             && !view.contextMap(2)->isEmpty(); }, 60000));

        // Settings: exactly the keys that differ (curves and views are not settings).
        QStringList keys;
        for (const auto& d : view.differences())
            keys << QString::fromStdString(d.key);
        QCOMPARE(keys, QStringList({"learningRate", "schedule"}));
        QCOMPARE(view.settingsTable()->rowCount(), 2);
        QCOMPARE(view.settingsTable()->item(1, 1)->text(), QString("—"));
        QCOMPARE(view.settingsTable()->item(1, 2)->text(), QString("cosine"));
        const QString csvPath = dir.filePath("diff.csv");
        QVERIFY(view.exportSettingsCsv(csvPath));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        QCOMPARE(QString::fromUtf8(csv.readAll()),
                 QString("key,A,B\n\"learningRate\",\"0.001\",\"0.003\"\n\"schedule\",\"\",\"\"\"cosine\"\"\"\n"));

        // Curves overlaid: member 0's loss and the accuracy of each run.
        QCOMPARE(view.lossPlot()->seriesCount(), 2);
        QCOMPARE(view.lossPlot()->seriesName(0), QString("A · circle"));
        QCOMPARE(view.lossPlot()->seriesY(1).value(0), 7.0);
        QCOMPARE(view.accuracyPlot()->seriesCount(), 2);

        // Confusion: 10 x 10 each, the third is A - B cell by cell.
        for (int k = 0; k < 3; ++k)
            QCOMPARE(view.confusion(k)->columns(), 10);
        double totalA = 0;
        for (int i = 0; i < 100; ++i) {
            totalA += view.confusion(0)->value(i);
            QCOMPARE(view.confusion(2)->value(i), view.confusion(0)->value(i) - view.confusion(1)->value(i));
        }
        QCOMPARE(totalA, 30.0); // 3 copies of 10 glyphs
        // Context maps: 100 contexts, 10 x 10, and their difference.
        QCOMPARE(view.contextMap(0)->columns(), 10);
        QCOMPARE(view.contextMap(0)->values().size(), 100);
        for (int i : {0, 10, 57, 99})
            QVERIFY(std::abs(view.contextMap(2)->value(i) - (view.contextMap(0)->value(i) - view.contextMap(1)->value(i)))
                    < 1e-3 * (1 + std::abs(view.contextMap(0)->value(i))));
        QVERIFY(view.grab().width() > 0);

        // Neither file was written.
        QCOMPARE(sha256(a), hashA);
        QCOMPARE(sha256(b), hashB);
        QCOMPARE(QFileInfo(a).lastModified(), timeA);
        QCOMPARE(QFileInfo(b).lastModified(), timeB);
    }

    void twoWorldFilesSideBySide()
    {
        QTemporaryDir dir;
        const QString folder = writePairedFolder(dir.filePath("paired"));
        QVERIFY(!folder.isEmpty());
        const QString a = dir.filePath("a.lset"), b = dir.filePath("b.lset"), old = dir.filePath("old.lset");
        const latentset::WorldModel ma = folderModel(folder, 1, 20), mb = folderModel(folder, 2, 20);
        ma.save(a.toStdString());
        mb.save(b.toStdString());
        folderModel(folder, 3, 0).save(old.toStdString()); // as world files were written before histories
        const QByteArray hashA = sha256(a), hashB = sha256(b);

        Session session;
        CompareView view(&session);
        view.resize(1400, 860);
        view.show();
        view.load(0, a);
        view.load(1, b);
        QTRY_VERIFY_WITH_TIMEOUT(view.loaded(0) && view.loaded(1) && view.worldErrors(0) && view.worldErrors(1), 60000);
        QVERIFY(view.mismatch().isEmpty());

        // Both curves overlaid: self and cross of each run, from the files' histories.
        QCOMPARE(view.roundLossPlot()->seriesCount(), 4);
        QCOMPARE(view.roundLossPlot()->seriesName(0), QString("A · self"));
        QCOMPARE(view.roundLossPlot()->seriesName(2), QString("B · self"));
        QCOMPARE(view.roundLossPlot()->seriesY(0), QVector<double>({0.5, 0.25}));
        QCOMPARE(view.roundLossPlot()->seriesY(2), QVector<double>({0.25, 0.125}));
        QVERIFY(view.roundLossNote().isEmpty());

        // The world maps: each run's per-context errors as core measures them, and A - B.
        const latentset::WorldSource source = WorldSources::forSpec(ma.spec);
        const auto items = latentset::WorldTrainExperiment::spread(*source.test, 20);
        const latentset::WorldContextErrors ea = latentset::RunComparison::worldContextErrors(ma.members, *source.test, items);
        const latentset::WorldContextErrors eb = latentset::RunComparison::worldContextErrors(mb.members, *source.test, items);
        for (int c = 0; c < 3; ++c) {
            QVERIFY(std::abs(view.worldMap(0)->values().value(c) - ea.transfer(c)) < 1e-6);
            QVERIFY(std::abs(view.worldMap(1)->values().value(c) - eb.transfer(c)) < 1e-6);
            QVERIFY(std::abs(view.worldMap(2)->values().value(c) - (ea.transfer(c) - eb.transfer(c))) < 1e-6);
        }
        QCOMPARE(view.worldMap(2)->mapLayout().size(), 3);
        view.setWorldMetric(1); // self errors, from the same measurement
        for (int c = 0; c < 3; ++c)
            QVERIFY(std::abs(view.worldMap(2)->values().value(c) - (ea.self(c) - eb.self(c))) < 1e-6);
        // Settings: the seeds differ, nothing else of the recipe.
        QStringList keys;
        for (const auto& d : view.differences())
            keys << QString::fromStdString(d.key);
        QVERIFY(keys.contains("training.seed"));
        QVERIFY(keys.contains("models.world.weightsSeed"));
        QVERIFY(!keys.contains("training.hidden"));
        QVERIFY(view.grab().width() > 0);

        // A file without a history says so.
        view.load(1, old);
        QTRY_VERIFY_WITH_TIMEOUT(view.loaded(1) && view.worldErrors(1), 60000);
        QCOMPARE(view.roundLossPlot()->seriesCount(), 2);
        QVERIFY(view.roundLossNote().contains("Run B stores no training history"));

        // A project beside a world file: refused with the reason, nothing measured.
        const QString project = dir.filePath("project.lset");
        testmodels::saveClassSetProject(project);
        view.load(1, project);
        QTRY_VERIFY_WITH_TIMEOUT(view.loaded(1), 30000);
        QVERIFY(view.mismatch().startsWith("Cannot compare run A (a folder world model file"));
        QVERIFY(view.statusText().startsWith("Cannot compare"));
        QVERIFY(view.differences().empty());
        QVERIFY(!view.worldErrors(1));

        QCOMPARE(sha256(a), hashA);
        QCOMPARE(sha256(b), hashB);
    }

    void damagedFileIsRefusedBySize()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.lset"), cut = dir.filePath("cut.lset");
        testmodels::saveClassSetProject(a);
        QFile in(a);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.read(in.size() / 2));
        out.close();
        const QByteArray hash = sha256(cut);
        Session session;
        CompareView view(&session);
        view.load(1, cut);
        QTRY_VERIFY_WITH_TIMEOUT(view.statusText().contains("was not read"), 30000);
        QVERIFY(!view.loaded(1));
        QCOMPARE(sha256(cut), hash);
    }
};

QTEST_MAIN(CompareViewTest)
#include "CompareView.test.moc"
