// The dataset browser with the real loader: a small generated image folder
// (and a small IDX folder) are read on the worker thread; the view's counts
// per class and its thumbnail sheet must match what was written.
#include "latentset/util/ProcessStats.h"
#include "data/DatasetBrowser.h"
#include "image/ImageFolderReader.h"
#include "shell/MainWindow.h"
#include "session/Session.h"

#include "latentset/util/Error.h"

#include <QDir>
#include <QImage>
#include <QMimeData>
#include <QUrl>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Writes `count` w x h PNGs of one uniform gray level into folder/name.
void writeClass(const QString& folder, const QString& name, int count, int gray, int w = 10, int h = 10)
{
    QDir().mkpath(folder + '/' + name);
    for (int i = 0; i < count; ++i) {
        QImage image(w, h, QImage::Format_Grayscale8);
        image.fill(QColor(gray, gray, gray));
        QVERIFY(image.save(QString("%1/%2/%3.png").arg(folder, name).arg(i)));
    }
}

bool sheetHasGray(const QImage& sheet, int gray)
{
    for (int y = 0; y < sheet.height(); ++y)
        for (int x = 0; x < sheet.width(); ++x)
            if (qGray(sheet.pixel(x, y)) == gray && qRed(sheet.pixel(x, y)) == gray)
                return true;
    return false;
}

} // namespace

class DatasetBrowserTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Recent-datasets list and window geometry go to a throw-away place.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("LatentSetTest");
        QCoreApplication::setApplicationName("DatasetBrowserTest");
        QSettings().clear();
    }

    void imageFolderLoadsOnWorkerAndShowsCountsAndThumbnails()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeClass(dir.path(), "circle", 2, 40);
        writeClass(dir.path(), "square", 3, 120);
        writeClass(dir.path(), "star", 1, 200);
        QVERIFY(ImageFolderReader::isImageFolder(dir.path()));

        DatasetBrowser browser;
        browser.resize(1000, 600);
        browser.setThumbnailsPerClass(16);
        QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
        browser.open(dir.path());
        // open() returned before the read finished: the work is on the worker thread.
        QVERIFY(browser.isBusy());
        QVERIFY(browser.property("busy").toBool());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QVERIFY(!browser.isBusy());

        const DatasetSplitsPtr splits = browser.splits();
        QVERIFY(splits);
        QCOMPARE(splits->train.size(), latentset::Index(6));
        QCOMPARE(splits->train.width(), 28);  // resized from 10 x 10 to the default 28
        QCOMPARE(QString::fromStdString(splits->train.className(1)), QString("square"));
        QCOMPARE(browser.shownCounts(), (QVector<qint64>{2, 3, 1}));
        QCOMPARE(browser.thumbnailCount(), 6);
        QVERIFY(browser.statusText().contains("6 train"));
        // The thumbnails carry the images' gray levels.
        const QImage sheet = browser.sheet();
        QVERIFY(!sheet.isNull());
        QVERIFY(sheetHasGray(sheet, 40));
        QVERIFY(sheetHasGray(sheet, 120));
        QVERIFY(sheetHasGray(sheet, 200));
        // At most N thumbnails per class when fewer are asked for.
        browser.setThumbnailsPerClass(1);
        QCOMPARE(browser.thumbnailCount(), 3);
        QCOMPARE(DatasetBrowser::recentDatasets().value(0), dir.path());
    }

    void trainTestSubfoldersGiveTwoSplits()
    {
        QTemporaryDir dir;
        writeClass(dir.path() + "/train", "a", 4, 10);
        writeClass(dir.path() + "/train", "b", 2, 90);
        writeClass(dir.path() + "/test", "b", 1, 90);
        DatasetBrowser browser;
        browser.setThumbnailsPerClass(8);
        QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
        browser.open(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(browser.splits()->test.size(), latentset::Index(1));
        QVERIFY(browser.setShownSplit("test"));
        // Class order is shared by both splits: "b" is class 1 in test too.
        QCOMPARE(browser.shownCounts(), (QVector<qint64>{0, 1}));
        QCOMPARE(browser.thumbnailCount(), 1);
    }

    void mixedSizesAreRefusedWithTheFileNamed()
    {
        QTemporaryDir dir;
        writeClass(dir.path(), "a", 2, 50, 10, 10);
        writeClass(dir.path(), "b", 1, 50, 12, 10);
        DatasetBrowser browser;
        QSignalSpy failed(&browser, &DatasetBrowser::loadFailed);
        browser.open(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains("mixed image sizes") && message.contains("b/0.png") && message.contains("12x10"),
                 qPrintable(message));
        QVERIFY(browser.statusText().contains("mixed image sizes"));
        QVERIFY(!browser.splits());
    }

    void aFolderThatWouldNotFitInMemoryIsRefusedBeforeReading()
    {
        QTemporaryDir dir;
        writeClass(dir.path(), "a", 3, 50);
        writeClass(dir.path(), "b", 3, 90);
        // A cap just above what the process holds: 6 images of 28x28 do not fit.
        const auto resident = qint64(latentset::ProcessStats::currentRssMb() * 1024.0);
        qputenv("LATENTSET_MEMORY_LIMIT", QByteArray::number(resident + 1) + "K");
        DatasetBrowser browser;
        QSignalSpy failed(&browser, &DatasetBrowser::loadFailed);
        browser.open(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        qunsetenv("LATENTSET_MEMORY_LIMIT");
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains("6 images of 28x28 needs") && message.contains("of memory"), qPrintable(message));
        QVERIFY(!browser.splits());
    }

    void idxFolderThroughTheCatalogAndTheLatestRequestWins()
    {
        QTemporaryDir dir;
        // A 5-image IDX pair written by hand: 2 x 3 images, labels 0 1 1 2 2.
        auto writeIdx = [&](const QString& name, QByteArray header, const QByteArray& data) {
            QFile f(dir.path() + '/' + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(header + data);
        };
        writeIdx("train-images-idx3-ubyte", QByteArray::fromHex("000008030000000500000003" "00000002"),
                 QByteArray(30, char(77)));
        writeIdx("train-labels-idx1-ubyte", QByteArray::fromHex("0000080100000005"), QByteArray::fromHex("0001010202"));
        DatasetBrowser browser;
        QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
        QSignalSpy failed(&browser, &DatasetBrowser::loadFailed);
        browser.open(dir.path() + "/no-such-folder");  // superseded at once: its failure is never shown
        browser.open(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QTRY_VERIFY(!browser.isBusy());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(browser.shownCounts(), (QVector<qint64>{1, 2, 2}));
        QCOMPARE(browser.splits()->train.width(), 2);
        QCOMPARE(browser.splits()->train.height(), 3);
    }

    void mainWindowOpensADroppedFolderAndSharesItsTestSplit()
    {
        QTemporaryDir dir;
        writeClass(dir.path() + "/train", "a", 3, 10);
        writeClass(dir.path() + "/test", "a", 2, 10);
        MainWindow window;
        QVERIFY(window.viewNames().contains("dataset"));
        QVERIFY(window.showView("start"));
        QVERIFY(window.datasetBrowser());
        QSignalSpy loaded(window.datasetBrowser(), &DatasetBrowser::datasetLoaded);
        // A drop anywhere on the window opens the folder in the dataset view. Qt
        // delivers a drop only after an accepted drag-enter, as a real drag does.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dir.path())});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(window.datasetBrowser()->source(), dir.path());
        QVERIFY(window.datasetBrowser()->isVisible() || !window.isVisible());
        // The held-out split becomes the sample set every other view draws from.
        QVERIFY(window.session()->samples());
        QCOMPARE(window.session()->samples()->size(), latentset::Index(2));
    }
};

QTEST_MAIN(DatasetBrowserTest)
#include "DatasetBrowser.test.moc"
