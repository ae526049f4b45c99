// PngWriter and ImageConvert (ui/image): a PNG written with text metadata
// reads back with the same pixels and texts; a failed write names the path
// and leaves the file that was there untouched; float pixels become bytes by
// one rule (clamped, x 255, rounded) and enlarge as crisp blocks.
#include "image/ImageConvert.h"
#include "image/PngWriter.h"

#include "latentset/util/Error.h"

#include <QImageReader>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

class PngWriterTest : public QObject {
    Q_OBJECT
private slots:
    void writesPixelsAndText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("map.png");
        latentset::Vector pixels(4);
        pixels << 0.0f, 0.5f, 1.0f, 2.0f;
        const QImage image = ImageConvert::toImage(pixels, 2, 2);
        PngWriter png(path);
        png.setText("Description", "context map, theta 30").setText("Software", "old").setText("Software", "LatentSet");
        png.write(image);

        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("png"));
        QCOMPARE(reader.text("Description"), QString("context map, theta 30"));
        QCOMPARE(reader.text("Software"), QString("LatentSet"));
        const QImage back = reader.read().convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(back.size(), QSize(2, 2));
        QCOMPARE(qGray(back.pixel(0, 0)), 0);
        QCOMPARE(qGray(back.pixel(1, 0)), 128); // 127.5 rounds up
        QCOMPARE(qGray(back.pixel(0, 1)), 255);
        QCOMPARE(qGray(back.pixel(1, 1)), 255); // clamped
        const latentset::Vector again = ImageConvert::toVector(back);
        QCOMPARE(again[1], 128 / 255.0f);
    }

    void failureNamesThePathAndKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("kept.png");
        latentset::Vector one = latentset::Vector::Ones(1);
        PngWriter(path).write(ImageConvert::toImage(one, 1, 1));
        const QByteArray before = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QString error;
        QVERIFY(!PngWriter(path).tryWrite(QImage(), &error));
        QVERIFY2(error.startsWith(path + ": cannot write the PNG"), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).size() == 1); // no temporary left behind

        bool threw = false;
        try {
            PngWriter(dir.filePath("no/such/folder/x.png")).write(ImageConvert::toImage(one, 1, 1));
        } catch (const latentset::Error& e) {
            threw = QString(e.what()).contains("no/such/folder/x.png");
        }
        QVERIFY(threw);
    }

    void onePixelRule()
    {
        QCOMPARE(ImageConvert::toByte(0.0f), uchar(0));
        QCOMPARE(ImageConvert::toByte(0.5f), uchar(128));
        QCOMPARE(ImageConvert::toByte(1.0f), uchar(255));
        QCOMPARE(ImageConvert::toByte(-1.0f), uchar(0));
        QCOMPARE(ImageConvert::toByte(7.0f), uchar(255));
        QCOMPARE(ImageConvert::toByte(std::nanf("")), uchar(0));
        for (int b = 0; b < 256; ++b) // byte -> float -> byte is the identity
            QCOMPARE(int(ImageConvert::toByte(ImageConvert::fromByte(uchar(b)))), b);
    }

    void zoomEnlargesAsBlocks()
    {
        latentset::Vector pixels(2);
        pixels << 0.0f, 1.0f;
        const QImage big = ImageConvert::toImage(pixels, 2, 1, 3);
        QCOMPARE(big.size(), QSize(6, 3));
        QCOMPARE(qGray(big.pixel(2, 2)), 0);
        QCOMPARE(qGray(big.pixel(3, 0)), 255);
        QCOMPARE(ImageConvert::toImage(pixels, 2, 1, 1).size(), QSize(2, 1));
    }
};

QTEST_MAIN(PngWriterTest)
#include "PngWriter.test.moc"
