// A user's file is never written by autosave: it goes to the session's own
// file in the data folder. Ctrl+S on a model written by latentset-cli is Save
// As (never an overwrite); a crashed session's autosave is offered at the
// next start and recovered as an untitled session; a clean exit leaves none.
#include "project/AutosaveFile.h"
#include "shell/MainWindow.h"
#include "project/ProjectFile.h"
#include "session/Session.h"
#include "TestModels.h"

#include "latentset/nn/ModelFile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

class AutosaveTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dataDir_, files_;

    static QByteArray hashOf(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    QString autosaveFolder() const { return dataDir_.path() + "/autosave"; }

private slots:
    void initTestCase()
    {
        // The data folder (and so the autosaves) in a temporary folder, not the user's.
        qputenv("LATENTSET_DATA_DIR", dataDir_.path().toUtf8());
    }

    void autosaveNeverTouchesTheOpenedModel()
    {
        const QString model = files_.filePath("cli-model.lset");
        latentset::ModelFile::saveSet(model.toStdString(), *testmodels::classSet(1), {});
        const QByteArray before = hashOf(model);
        QVERIFY(!before.isEmpty());
        MainWindow w;
        QString error;
        QVERIFY2(w.openProject(model, &error), qPrintable(error));
        QVERIFY2(w.saveTarget().isEmpty(), "Ctrl+S on a CLI model must be Save As");
        w.autosave();
        QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 30000);
        QCOMPARE(hashOf(model), before);
        QVERIFY(w.autosavePath().startsWith(autosaveFolder()));
        QVERIFY(QFileInfo::exists(w.autosavePath()));
        Session reopened; // the autosave is a project that opens
        QVERIFY(ProjectFile::load(w.autosavePath(), reopened).classSet);
    }

    void saveWritesAnAppProjectInPlace()
    {
        const QString project = files_.filePath("mine.lset");
        testmodels::saveClassSetProject(project);
        MainWindow w;
        QString error;
        QVERIFY2(w.openProject(project, &error), qPrintable(error));
        QCOMPARE(w.saveTarget(), project);
    }

    void aCleanExitLeavesNoAutosave()
    {
        QString path;
        {
            MainWindow w;
            QString error;
            const QString model = files_.filePath("model-for-exit.lset");
            latentset::ModelFile::saveSet(model.toStdString(), *testmodels::classSet(1), {});
            QVERIFY2(w.openProject(model, &error), qPrintable(error));
            w.autosave();
            QTRY_VERIFY_WITH_TIMEOUT(!w.saveInProgress(), 30000);
            path = w.autosavePath();
            QVERIFY(QFileInfo::exists(path));
        }
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(path + ".lock"));
    }

    void aCrashedSessionIsOfferedAndRecovered()
    {
        // A session that died: its autosave is there, its lock holder gone.
        Session crashedSession;
        crashedSession.setClassSet(testmodels::classSet(1), testmodels::classGlyphNames());
        QDir().mkpath(autosaveFolder());
        const QString crashed = autosaveFolder() + "/autosave-999999.lset";
        ProjectFile::save(crashed, crashedSession, QJsonObject{{"dataset", "mnist"}});
        // A live session's autosave (its lock held) is not offered.
        AutosaveFile live(autosaveFolder());
        QVERIFY(QFile::copy(crashed, live.path()));

        MainWindow w;
        QCOMPARE(w.recoverableAutosaves(), QStringList{crashed});
        const QByteArray bytes = hashOf(crashed);
        w.recoverAutosave(crashed);
        QTRY_VERIFY_WITH_TIMEOUT(!w.openInProgress(), 30000);
        QVERIFY(!QFileInfo::exists(crashed));
        QCOMPARE(hashOf(w.autosavePath()), bytes); // moved: it survives a second crash
        QVERIFY2(w.saveTarget().isEmpty(), "a recovered session has no name: Save asks for one");
        QCOMPARE(w.windowTitle(), QString("Recovered session — LatentSet"));
        QVERIFY(QFileInfo::exists(live.path()));
    }
};

QTEST_MAIN(AutosaveTest)
#include "Autosave.test.moc"
