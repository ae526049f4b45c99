// GalleryView: the 10x10 grid is every member's decoding of the source
// member's code (core CubeWorldView), and pins/export work.
#include "views/GalleryView.h"
#include "widgets/GlyphPicker.h"
#include "session/Session.h"
#include "TestModels.h"

#include <QFile>
#include <QTemporaryDir>

#include <cmath>
#include <QtTest>

class GalleryViewTest : public QObject {
    Q_OBJECT
private slots:
    void gridIsTheTransfer()
    {
        const testmodels::CubeWorld world = testmodels::cubeWorld();
        Session session;
        session.setCubeWorld(world.members, world.contexts);
        GalleryView gallery(&session);
        gallery.resize(1200, 800);
        gallery.show();
        QVERIFY(gallery.picker()->select("builtin", "plus"));
        gallery.setSourceContext(10);
        QTRY_VERIFY_WITH_TIMEOUT(!gallery.property("busy").toBool() && !gallery.grid().isNull(), 30000);

        const latentset::CubeWorldView view(*world.members, *world.contexts);
        const latentset::Matrix code = view.encodeGlyphs(10, latentset::BuiltinGlyphs::render("plus"));
        QCOMPARE(gallery.decodedFrames().cols(), latentset::Index(100));
        for (int c : {0, 10, 33, 34, 99}) {
            latentset::Matrix f = latentset::Matrix::Zero(world.contexts->frameSize(), 1);
            world.contexts->warp(c).scatter(view.decodeMasked(c, code), f);
            QVERIFY2((gallery.decodedFrames().col(c) - f.col(0)).cwiseAbs().maxCoeff() < 1e-6f,
                     qPrintable(QString("context %1").arg(c)));
        }
        // 10 x 10 tiles of 64 px with 1 px gaps.
        QCOMPARE(gallery.grid().width(), 10 * 65 + 1);
        QCOMPARE(gallery.grid().height(), 10 * 65 + 1);

        gallery.pin();
        QCOMPARE(gallery.pinnedCount(), 1);
        QTemporaryDir dir;
        const QString png = dir.filePath("grid.png");
        QVERIFY(gallery.exportGrid(png));
        QCOMPARE(QImage(png).size(), gallery.grid().size());
        // The data behind the grid: one row per context, its name, then every decoded pixel.
        const QString csvPath = dir.filePath("grid.csv");
        QVERIFY(gallery.exportCsv(csvPath));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(',');
        QCOMPARE(header.size(), 2 + int(gallery.decodedFrames().rows()));
        QCOMPARE(header.mid(0, 3), QStringList({"context", "name", "p0"}));
        int rows = 0;
        QStringList row10;
        while (!csv.atEnd()) {
            const QString line = QString::fromUtf8(csv.readLine()).trimmed();
            if (rows++ == 10)
                row10 = line.split(',');
        }
        QCOMPARE(rows, 100);
        QCOMPARE(row10.first(), QString("10"));
        const int pixels = int(gallery.decodedFrames().rows()), first = int(row10.size()) - pixels; // names may hold commas
        for (int p = 0; p < pixels; p += 97)
            QVERIFY(std::abs(row10[first + p].toDouble() - gallery.decodedFrames()(p, 10)) < 1e-6);
        QVERIFY(QFile::exists(csvPath + ".txt"));
        QTest::qWait(50);
        QVERIFY(gallery.grab().toImage().save(testmodels::shotPath("gallery-view.png")));
    }
};

QTEST_MAIN(GalleryViewTest)
#include "GalleryView.test.moc"
