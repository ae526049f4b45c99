// Saving a project on a full disk or into a read-only folder: the user is
// told which file, why, and that the previous file is unchanged (a message
// box for Save, the status bar for autosave); the previous file keeps its
// bytes and no temporary file is left behind.
//
// The full disk and the read-only folder are a real tmpfs mounted by the
// test (root, or CAP_SYS_ADMIN; skipped with a message elsewhere). The data
// folder (LATENTSET_DATA_DIR) is put on it too, so autosave hits it as well.
// The message box is saved as a picture (LATENTSET_UI_SHOTS or temp).
#include "shell/MainWindow.h"
#include "session/Session.h"
#include "TestModels.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <cerrno>
#include <cstring>

#include <sys/mount.h>

namespace {

QByteArray bytesOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int leftoverTemps(const QString& dir)
{
    return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden).size();
}

// Writes zeros into `path` until the disk refuses: the disk is then full.
void fillDisk(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    const QByteArray block(64 * 1024, '\0');
    while (f.write(block) == block.size()) {
    }
    f.close();
}

// Unmounts at the end of the scope (lazily: nothing may hold it open).
struct Unmount {
    QByteArray at;
    ~Unmount() { ::umount2(at.constData(), MNT_DETACH); }
};

// Closes the next "save failed" box the app shows, keeping its text and a
// picture of it.
class BoxCatcher : public QObject {
public:
    explicit BoxCatcher(QString shot) : shot_(std::move(shot))
    {
        timer_.setInterval(50);
        connect(&timer_, &QTimer::timeout, this, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || box->objectName() != "saveFailedBox")
                return;
            title = box->windowTitle();
            text = box->text() + "\n" + box->informativeText();
            box->grab().save(shot_, "PNG");
            caught = true;
            timer_.stop();
            box->accept();
        });
        timer_.start();
    }
    bool caught = false;
    QString title, text;

private:
    QString shot_;
    QTimer timer_;
};

} // namespace

class ProjectSaveFailureTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // recent-files list: not the user's

    void fullDiskAndReadOnlyFolderKeepThePreviousFile()
    {
        QTemporaryDir dir;
        const QString mountPoint = dir.path();
        if (::mount("tmpfs", mountPoint.toLocal8Bit().constData(), "tmpfs", 0, "size=8m,mode=0755") != 0)
            QSKIP(qPrintable(QString("cannot mount a tmpfs on %1 (%2): needs root or CAP_SYS_ADMIN")
                                 .arg(mountPoint, QString::fromLocal8Bit(std::strerror(errno)))));
        Unmount unmount{mountPoint.toLocal8Bit()};
        qputenv("LATENTSET_DATA_DIR", mountPoint.toLocal8Bit()); // autosave goes there too

        MainWindow window;
        window.resize(1000, 700);
        window.show();
        window.session()->setClassSet(testmodels::classSet(5), testmodels::classGlyphNames());
        const QString path = mountPoint + "/project.lset";
        QVERIFY(window.saveProject(path));
        QTRY_VERIFY_WITH_TIMEOUT(!window.saveInProgress(), 30000);
        const QByteArray before = bytesOf(path);
        QVERIFY(!before.isEmpty());

        // Full disk, Save: a box names the file, the reason and that the
        // previous file is unchanged.
        fillDisk(mountPoint + "/filler");
        {
            BoxCatcher box(testmodels::shotPath("save-failed-disk-full.png"));
            QVERIFY(window.saveProject(path));
            QTRY_VERIFY_WITH_TIMEOUT(box.caught && !window.saveInProgress(), 30000);
            qInfo("disk full, Save: [%s] %s", qPrintable(box.title), qPrintable(box.text));
            QVERIFY2(box.text.contains(path), qPrintable(box.text));
            QVERIFY2(box.text.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(box.text));
            QVERIFY2(box.text.contains("is unchanged"), qPrintable(box.text));
        }
        QCOMPARE(bytesOf(path), before);
        QCOMPARE(leftoverTemps(mountPoint), 0);

        // Full disk, autosave: no box (nobody asked), the status bar says it
        // and keeps saying it.
        const QString autosave = window.autosavePath();
        QVERIFY2(autosave.startsWith(mountPoint), qPrintable(autosave));
        window.autosave();
        QTRY_VERIFY_WITH_TIMEOUT(!window.saveInProgress(), 30000);
        const QString status = window.statusBar()->currentMessage();
        qInfo("disk full, autosave: status bar: %s", qPrintable(status));
        QVERIFY2(status.startsWith("Autosave failed") && status.contains(autosave), qPrintable(status));
        QVERIFY2(status.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(status));
        QVERIFY(!QFile::exists(autosave));
        QCOMPARE(leftoverTemps(QFileInfo(autosave).absolutePath()), 0);

        // Read-only folder (root ignores permission bits: a read-only mount).
        // A tmpfs of its own inside the first: that one holds this session's
        // autosave lock, and a file open for writing refuses a remount.
        QVERIFY(QFile::remove(mountPoint + "/filler"));
        const QString roDir = mountPoint + "/ro";
        QVERIFY(QDir().mkpath(roDir));
        if (::mount("tmpfs", roDir.toLocal8Bit().constData(), "tmpfs", 0, "size=4m,mode=0755") != 0)
            QSKIP(qPrintable(QString("cannot mount a tmpfs on %1: %2").arg(roDir, QString::fromLocal8Bit(std::strerror(errno)))));
        Unmount unmountRo{roDir.toLocal8Bit()};
        const QString roPath = roDir + "/project.lset";
        QVERIFY(window.saveProject(roPath));
        QTRY_VERIFY_WITH_TIMEOUT(!window.saveInProgress(), 30000);
        const QByteArray roBefore = bytesOf(roPath);
        QVERIFY(!roBefore.isEmpty());
        if (::mount("tmpfs", roDir.toLocal8Bit().constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) != 0)
            QSKIP(qPrintable(QString("cannot remount %1 read-only: %2")
                                 .arg(roDir, QString::fromLocal8Bit(std::strerror(errno)))));
        {
            BoxCatcher box(testmodels::shotPath("save-failed-read-only.png"));
            QVERIFY(window.saveProject(roPath));
            QTRY_VERIFY_WITH_TIMEOUT(box.caught && !window.saveInProgress(), 30000);
            qInfo("read-only, Save: [%s] %s", qPrintable(box.title), qPrintable(box.text));
            QVERIFY2(box.text.contains(roPath), qPrintable(box.text));
            QVERIFY2(box.text.contains(QString::fromLocal8Bit(std::strerror(EROFS))), qPrintable(box.text));
            QVERIFY2(box.text.contains("is unchanged"), qPrintable(box.text));
        }
        QCOMPARE(bytesOf(roPath), roBefore);
        QCOMPARE(leftoverTemps(roDir), 0);
        // The window still works: the projects open as they were saved.
        QVERIFY(window.openProject(roPath));
        QVERIFY(window.openProject(path));
    }
};

QTEST_MAIN(ProjectSaveFailureTest)
#include "ProjectSaveFailure.test.moc"
