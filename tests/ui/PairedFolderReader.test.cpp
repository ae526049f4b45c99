// The paired-folder reader (docs/worlds.md) on a good layout and on every
// malformed one: each refused with a message naming the file at fault.
#include "image/PairedFolderReader.h"

#include "latentset/util/Error.h"
#include "latentset/world/PairedWorld.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

namespace {

void writeImage(const QString& path, int gray, int w = 8, int h = 8)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(w, h, QImage::Format_Grayscale8);
    image.fill(QColor(gray, gray, gray));
    image.setPixel(1, 2, qRgb(255, 255, 255));
    QVERIFY(image.save(path));
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Two contexts (a, b) x three items (x, y, z).
void writeGood(const QString& root)
{
    int gray = 10;
    for (const char* c : {"a", "b"})
        for (const char* item : {"x.png", "y.png", "z.png"})
            writeImage(QString("%1/%2/%3").arg(root, c, item), gray += 10);
}

// The message of the Error read() throws ("" if none).
QString failure(const QString& root)
{
    try {
        PairedFolderReader::read(root);
    } catch (const latentset::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class PairedFolderReaderTest : public QObject {
    Q_OBJECT
private slots:
    void readsAGoodFolder()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        writeText(dir.path() + "/contexts.csv", "context,angle@360,scale\nb,90,1.5\na,0,1\n");
        QVERIFY(PairedFolderReader::isPairedFolder(dir.path()));
        const auto images = PairedFolderReader::read(dir.path());
        QCOMPARE(images->contexts, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(images->items, (std::vector<std::string>{"x.png", "y.png", "z.png"}));
        QCOMPARE(images->width, 8);
        QCOMPARE(images->axes.size(), std::size_t(2));
        QVERIFY(images->axes[0].circular);
        QCOMPARE(images->axes[0].period, 360.0);
        QCOMPARE(images->axes[1].name, std::string("scale"));
        QCOMPARE(images->parameters[1], (std::vector<double>{90.0, 1.5}));
        // Context b, item y: the fifth image written, gray 60, white at (1, 2).
        QCOMPARE(int(images->image(1, 1)[0]), 60);
        QCOMPARE(int(images->image(1, 1)[2 * 8 + 1]), 255);
        const latentset::PairedWorld world(images);
        QCOMPARE(world.contextCount(), 2);
        QCOMPARE(world.itemCount(), latentset::Index(3));
        QCOMPARE(world.masked(1, std::vector<latentset::Index>{1})(0, 0), 60.0f / 255.0f);
        // Swapped: items are the contexts; (context y, item b) is the old (b, y).
        const latentset::PairedImages t = images->swapped();
        QCOMPARE(t.contexts, (std::vector<std::string>{"x.png", "y.png", "z.png"}));
        QCOMPARE(t.items, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(int(t.image(1, 1)[0]), 60);
        QCOMPARE(int(t.image(0, 0)[0]), int(images->image(0, 0)[0]));
    }
    void withoutCsvTheContextsAreNumbered()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        const auto images = PairedFolderReader::read(dir.path());
        QCOMPARE(images->axes.front().name, std::string("index"));
        QCOMPARE(images->parameters[1], std::vector<double>{1.0});
    }
    void refusesAMissingPartner()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        QVERIFY(QFile::remove(dir.path() + "/b/y.png"));
        const QString m = failure(dir.path());
        QVERIFY2(m.contains("/a/y.png: no partner in context 'b'"), qPrintable(m));
    }
    void refusesOneContextOnly()
    {
        QTemporaryDir dir;
        writeImage(dir.path() + "/only/x.png", 50);
        const QString m = failure(dir.path());
        QVERIFY2(m.contains("one context only ('only')"), qPrintable(m));
        QVERIFY(!PairedFolderReader::isPairedFolder(dir.path()));
    }
    void refusesMixedSizes()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        writeImage(dir.path() + "/b/z.png", 50, 9, 8);
        const QString m = failure(dir.path());
        QVERIFY2(m.contains("/b/z.png: mixed image sizes, this one is 9x8"), qPrintable(m));
    }
    void refusesAnUnreadableImage()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        writeText(dir.path() + "/a/x.png", "not a png");
        const QString m = failure(dir.path());
        QVERIFY2(m.contains("/a/x.png: cannot read the image"), qPrintable(m));
    }
    void refusesACsvRowForAnUnknownContext()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        writeText(dir.path() + "/contexts.csv", "context,angle\na,0\nb,10\nc,20\n");
        const QString m = failure(dir.path());
        QVERIFY2(m.contains("contexts.csv: line 4: context 'c' is not a subfolder"), qPrintable(m));
    }
    void refusesBadCsvRows()
    {
        QTemporaryDir dir;
        writeGood(dir.path());
        writeText(dir.path() + "/contexts.csv", "context,angle\na,zero\nb,10\n");
        QVERIFY(failure(dir.path()).contains("contexts.csv: line 2: 'zero' is not a number"));
        writeText(dir.path() + "/contexts.csv", "context,angle\na,0\n");
        QVERIFY(failure(dir.path()).contains("contexts.csv: no row for context 'b'"));
        writeText(dir.path() + "/contexts.csv", "name,angle\na,0\nb,1\n");
        QVERIFY(failure(dir.path()).contains("contexts.csv: line 1: expected a header"));
    }
    void refusesAMissingFolder()
    {
        QVERIFY(failure("/nonexistent/paired").contains("/nonexistent/paired: no such folder"));
    }
};

QTEST_GUILESS_MAIN(PairedFolderReaderTest)
#include "PairedFolderReader.test.moc"
