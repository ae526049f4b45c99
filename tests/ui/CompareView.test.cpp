// CompareView: two small projects side by side — their settings diffed,
// curves overlaid, confusion matrices and context maps with the difference —
// read by the project reader and never written.
#include "project/CompareView.h"
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "widgets/ColorMapView.h"
#include "widgets/GlyphPicker.h"
#include "widgets/PlotView.h"
#include "TestModels.h"

#include "latentset/cube/CubeModel.h"

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
