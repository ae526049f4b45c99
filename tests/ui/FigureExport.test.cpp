// Exported pictures carry a caption and metadata (model, settings, date) as
// PNG text chunks, read back here from the written files.
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/PadView.h"
#include "widgets/ColorMapView.h"
#include "widgets/FigureInfo.h"
#include "widgets/GlyphPicker.h"
#include "widgets/PlotFigure.h"
#include "widgets/PlotView.h"
#include "session/Session.h"
#include "TestModels.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

// One titled curve with a figure description, as the training panel's plots have.
void fillPlot(PlotView& plot)
{
    plot.resize(300, 200);
    plot.setTitle("Loss per member");
    plot.addSeries("a", Qt::blue);
    plot.setSeries(0, {0, 1, 2}, {3, 2, 1});
    plot.setFigureInfo([] { return FigureInfo{{}, "caption", "model", "smoothing 0", {}}; });
}

} // namespace

class FigureExportTest : public QObject {
    Q_OBJECT
private slots:
    void writePngStoresTheTextKeys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("figure.png");
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(Qt::red);
        FigureInfo info{"A title", "What it shows.", "class set: 10 members", "glyph: V", {}};
        QVERIFY(PlotFigure::writePng(image, path, info));
        const QImage back(path);
        QCOMPARE(back.size(), QSize(8, 8));
        const FigureInfo read = FigureInfo::readFrom(back);
        QCOMPARE(read.title, QString("A title"));
        QCOMPARE(read.caption, QString("What it shows."));
        QCOMPARE(read.model, QString("class set: 10 members"));
        QCOMPARE(read.settings, QString("glyph: V"));
        QVERIFY(read.created.isValid());
        QVERIFY(std::abs(read.created.secsTo(QDateTime::currentDateTime())) < 120);
        QVERIFY(back.text("Software").startsWith("LatentSet"));

        QString error;
        QVERIFY(!PlotFigure::writePng(image, dir.filePath("no/such/dir.png"), info, &error));
        QVERIFY(error.contains("cannot write"));
    }

    void plotAndMapExportsCarryTheirTitle()
    {
        QTemporaryDir dir;
        PlotView plot;
        fillPlot(plot);
        QVERIFY(plot.exportPng(dir.filePath("plot.png")));
        QImage p(dir.filePath("plot.png"));
        QCOMPARE(p.text("Title"), QString("Loss per member"));
        QCOMPARE(p.text("Source"), QString("model"));

        ColorMapView map;
        map.resize(300, 200);
        map.setTitle("A map");
        map.setGrid(2, 2, {1, 2, 3, 4});
        QVERIFY(map.exportPng(dir.filePath("map.png")));
        QCOMPARE(QImage(dir.filePath("map.png")).text("Title"), QString("A map"));

        // A CSV export stays a plain table; what it is goes beside it.
        QVERIFY(plot.exportCsv(dir.filePath("plot.csv")));
        QFile csv(dir.filePath("plot.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("series,x,y"));
        QFile about(dir.filePath("plot.csv.txt"));
        QVERIFY(about.open(QIODevice::ReadOnly | QIODevice::Text));
        const QString text = QString::fromUtf8(about.readAll());
        QVERIFY2(text.startsWith("Title: Loss per member\nDescription: caption\nSource: model\nComment: smoothing 0\n"),
                 qPrintable(text));
        QVERIFY(text.contains("Software: LatentSet"));
        QVERIFY(map.exportCsv(dir.filePath("map.csv")));
        QVERIFY(QFile::exists(dir.filePath("map.csv.txt")));
        // A file of the side file's name that LatentSet did not write stays as it was.
        QFile mine(dir.filePath("mine.csv.txt"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("my notes\n");
        mine.close();
        QString refused;
        QVERIFY(!plot.exportCsv(dir.filePath("mine.csv"), &refused));
        QVERIFY(refused.contains("not LatentSet's"));
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArray("my notes\n"));
        QVERIFY(plot.exportCsv(dir.filePath("plot.csv"))); // its own earlier side file is replaced
    }

    void plotsAndMapsExportSvg()
    {
        QTemporaryDir dir;
        PlotView plot;
        fillPlot(plot);
        plot.show(); // laid out at its size, as in the app
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QVERIFY(plot.exportSvg(dir.filePath("plot.svg")));
        QFile svg(dir.filePath("plot.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("<title>Loss per member</title>"));
        QVERIFY(text.contains("Source: model"));
        QVERIFY(text.contains("viewBox=\"0 0 ")); // the plot's size in pixels
        // Vectors: the curve and the axes are paths, and the title is text, not one picture.
        QVERIFY(text.count("<polyline") >= 3);
        QVERIFY(text.contains(">Loss per member</text>"));
        QVERIFY(!text.contains("<image"));

        ColorMapView map;
        map.resize(300, 200);
        map.setTitle("A map");
        QString error;
        QVERIFY(!map.exportSvg(dir.filePath("empty.svg"), &error)); // nothing drawn yet
        QVERIFY(error.contains("empty"));
        map.setGrid(2, 2, {1, 2, 3, 4});
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        QVERIFY(map.exportSvg(dir.filePath("map.svg")));
        QFile mapSvg(dir.filePath("map.svg"));
        QVERIFY(mapSvg.open(QIODevice::ReadOnly));
        const QByteArray m = mapSvg.readAll();
        QVERIFY(m.contains("<title>A map</title>"));
        QVERIFY(m.contains("<image")); // the cells, embedded
        // A folder that is not there: refused with the path in the message, nothing left behind.
        QVERIFY(!plot.exportSvg(dir.filePath("missing/plot.svg"), &error));
        QVERIFY2(error.contains("missing/plot.svg: cannot write the SVG"), qPrintable(error));
    }

    void viewsDescribeModelAndSettings()
    {
        const auto world = testmodels::cubeWorld();
        Session session;
        session.setCubeWorld(world.members, world.contexts);
        session.setClassSet(testmodels::classSet(5), testmodels::classGlyphNames());
        QTemporaryDir dir;

        HeatmapView heatmap(&session);
        heatmap.resize(1300, 700);
        heatmap.show();
        QVERIFY(heatmap.picker()->select("builtin", "V"));
        heatmap.setAngle(25.0);
        QTRY_VERIFY_WITH_TIMEOUT(!heatmap.property("busy").toBool() && !heatmap.map()->isEmpty(), 30000);
        // The view (as File > Export View writes it) and its map (context menu).
        QVERIFY(heatmap.exportPng(dir.filePath("heatmap.png")));
        QVERIFY(heatmap.map()->exportPng(dir.filePath("heatmap-map.png")));
        for (const QString& name : {QString("heatmap.png"), QString("heatmap-map.png")}) {
            const FigureInfo info = FigureInfo::readFrom(QImage(dir.filePath(name)));
            QVERIFY2(info.model.contains("cube world: 100 contexts"), qPrintable(info.model));
            QVERIFY2(info.model.contains("class set: 10 members"), qPrintable(info.model));
            QVERIFY2(info.settings.contains("glyph: V") && info.settings.contains("angle: 25.0°"), qPrintable(info.settings));
            QVERIFY2(info.caption.contains("Best context"), qPrintable(info.caption));
            QVERIFY(info.created.isValid());
        }
        QCOMPARE(QImage(dir.filePath("heatmap-map.png")).text("Title"), QString("Context likelihood map"));
        // File > Export View (MainWindow::exportViewPng) calls the views' exportPng by name.
        for (QWidget* v : {static_cast<QWidget*>(&heatmap)}) {
            bool written = false;
            QVERIFY(QMetaObject::invokeMethod(v, "exportPng", Q_RETURN_ARG(bool, written),
                                              Q_ARG(QString, dir.filePath("invoked.png"))));
            QVERIFY(written);
            QCOMPARE(QImage(dir.filePath("invoked.png")).text("Title"), QString("Heatmap view"));
        }

        GalleryView gallery(&session);
        gallery.resize(1200, 700);
        gallery.show();
        QVERIFY(gallery.picker()->select("builtin", "plus"));
        gallery.setSourceContext(12);
        QTRY_VERIFY_WITH_TIMEOUT(!gallery.property("busy").toBool() && !gallery.grid().isNull(), 30000);
        gallery.pin();
        QVERIFY(gallery.exportGrid(dir.filePath("grid.png")));
        const FigureInfo grid = FigureInfo::readFrom(QImage(dir.filePath("grid.png")));
        QCOMPARE(grid.title, QString("Context transfer grid"));
        QVERIFY2(grid.settings.contains("glyph: plus; source context: 12"), qPrintable(grid.settings));
        QVERIFY2(grid.settings.contains("pins: #1 · plus · context 12"), qPrintable(grid.settings));
        for (QWidget* v : {static_cast<QWidget*>(&gallery), static_cast<QWidget*>(new PadView(&session, &gallery))})
            QVERIFY(v->metaObject()->indexOfMethod("exportPng(QString)") >= 0);
    }
};

QTEST_MAIN(FigureExportTest)
#include "FigureExport.test.moc"
