// PlotFigure (the title, PNG, CSV and menu pieces PlotView and ColorMapView
// share) and the two views' exports through it: exact CSV bytes, a PNG of the
// widget's size, clear errors for paths that cannot be written.
#include "widgets/ColorMapView.h"
#include "widgets/PlotFigure.h"
#include "widgets/PlotView.h"

#include <QMenu>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>
#include <qcustomplot.h>

namespace {

QString readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return QString("(cannot read %1)").arg(path);
    return QString::fromUtf8(file.readAll());
}

} // namespace

class PlotFigureTest : public QObject {
    Q_OBJECT
private slots:
    void writeCsvWritesHeaderThenRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("rows.csv");
        QString error;
        QVERIFY(PlotFigure::writeCsv(path, "a,b", [](QTextStream& out) { out << "1,2\n3,4\n"; }, &error));
        QVERIFY(error.isEmpty());
        QCOMPARE(readAll(path), QString("a,b\n1,2\n3,4\n"));
    }

    void writeCsvReportsAnUnwritablePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("no/such/folder/rows.csv");
        QString error;
        bool called = false;
        QVERIFY(!PlotFigure::writeCsv(path, "a", [&](QTextStream&) { called = true; }, &error));
        QVERIFY(!called); // nothing is streamed into a file that is not open
        QVERIFY2(error.startsWith(path + ": cannot write ("), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void savePngWritesTheWidgetSize()
    {
        QCustomPlot plot;
        plot.resize(210, 130);
        QTemporaryDir dir;
        const QString path = dir.filePath("plot.png");
        QVERIFY(PlotFigure::savePng(&plot, path, 1.0));
        QCOMPARE(QImage(path).size(), QSize(210, 130));

        QString error;
        const QString bad = dir.filePath("missing/plot.png");
        QVERIFY(!PlotFigure::savePng(&plot, bad, 1.0, &error));
        QCOMPARE(error, bad + ": cannot write the PNG");
    }

    void setTitleAddsOneRowAndThenReplacesItsText()
    {
        QCustomPlot plot;
        QCOMPARE(plot.plotLayout()->rowCount(), 1);
        PlotFigure::setTitle(&plot, "first", plot.font());
        PlotFigure::setTitle(&plot, "second", plot.font());
        QCOMPARE(plot.plotLayout()->rowCount(), 2);
        auto* text = qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0));
        QVERIFY(text);
        QCOMPARE(text->text(), QString("second"));
        QVERIFY(text->font().bold());
    }

    void exportActionsAreAddedInOrder()
    {
        QWidget owner;
        QMenu menu;
        menu.addAction("before");
        PlotFigure::addExportActions(menu, &owner,
                                     {"png caption", [](const QString&) { return true; }, "svg caption",
                                      [](const QString&) { return true; }, "csv caption",
                                      [](const QString&) { return true; }});
        const QList<QAction*> actions = menu.actions();
        QCOMPARE(actions.size(), 4); // "before", then PNG, SVG (added with SVG export), CSV
        QCOMPARE(actions[1]->text(), QString("Export PNG…"));
        QCOMPARE(actions[2]->text(), QString("Export SVG…"));
        QCOMPARE(actions[3]->text(), QString("Export CSV…"));
    }

    // The views' CSV bytes are what they were before PlotFigure existed.
    void colorMapCsvIsIndexRowColumnValue()
    {
        ColorMapView map;
        map.setGrid(3, 2, {0.5, 1, 2, 3, -4.25, 1e-10});
        QTemporaryDir dir;
        const QString path = dir.filePath("map.csv");
        QVERIFY(map.exportCsv(path));
        QCOMPARE(readAll(path), QString("index,row,column,value\n0,0,0,0.5\n1,0,1,1\n2,0,2,2\n"
                                        "3,1,0,3\n4,1,1,-4.25\n5,1,2,1e-10\n"));
    }

    void plotCsvIsSeriesXYWithQuotedNames()
    {
        PlotView view;
        const int a = view.addSeries("loss \"train\"", Qt::red);
        const int b = view.addSeries("bars", Qt::blue, PlotView::Kind::Bars);
        view.setSeries(a, {0, 1}, {0.25, 0.125});
        view.setSeries(b, {2}, {7});
        QTemporaryDir dir;
        const QString path = dir.filePath("plot.csv");
        QVERIFY(view.exportCsv(path));
        QCOMPARE(readAll(path), QString("series,x,y\n\"loss \"\"train\"\"\",0,0.25\n\"loss \"\"train\"\"\",1,0.125\n"
                                        "\"bars\",2,7\n"));
        QString error;
        QVERIFY(!view.exportCsv(dir.filePath("missing/plot.csv"), &error));
        QVERIFY2(error.contains("cannot write"), qPrintable(error));
    }

    void viewsExportPngs()
    {
        PlotView view;
        view.resize(300, 200);
        view.setTitle("a plot");
        view.addSeries("s", Qt::red);
        view.setSeries(0, {0, 1, 2}, {1, 3, 2});
        ColorMapView map;
        map.resize(260, 220);
        map.setTitle("a map");
        map.setGrid(2, 2, {1, 2, 3, 4});
        // Shown, so their layouts give the plots the widgets' sizes.
        view.show();
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        QTemporaryDir dir;
        QVERIFY(view.exportPng(dir.filePath("plot.png")));
        QVERIFY(map.exportPng(dir.filePath("map.png")));
        QCOMPARE(QImage(dir.filePath("plot.png")).size(), QSize(300, 200) * view.devicePixelRatioF());
        QCOMPARE(QImage(dir.filePath("map.png")).size(), QSize(260, 220) * map.devicePixelRatioF());
    }
};

QTEST_MAIN(PlotFigureTest)
#include "PlotFigure.test.moc"
