// The context map's layouts (ui/widgets/ContextMapLayout) and the map widget
// (ContextMapView): ring positions, the axes of a small-multiples grid, the
// cube's 10 x 10, a labelled list, and a click that returns the right context.
#include "widgets/ContextMapLayout.h"
#include "widgets/ColorMapView.h"
#include "widgets/ContextMapView.h"

#include "TestModels.h"

#include "latentset/experiments/WorldBuilder.h"
#include "latentset/world/PairedImages.h"
#include "latentset/world/PairedWorld.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace latentset;

namespace {
QPointF centre(const ContextMapLayout& l, int c) { return l.cells[c].center(); }
} // namespace

class ContextMapLayoutTest : public QObject {
    Q_OBJECT
private slots:
    void ringPutsEachAngleWhereItTurns()
    {
        // The rotation world's 36 contexts at 0, 10, ... 350 degrees.
        WorldSpec spec = WorldSpec::named("rotation");
        const auto world = WorldBuilder(spec).over(*testmodels::classSamples(1));
        const ContextMapLayout l = ContextMapLayout::forWorld(*world);
        QCOMPARE(l.kind, ContextMapLayout::Kind::Ring);
        QCOMPARE(l.size(), 36);
        const QPointF mid(l.extent.width() / 2, l.extent.height() / 2);
        // 0 at the top, 90 on the left, 180 at the bottom, 270 on the right
        // (counter-clockwise on the screen, as the glyphs turn).
        QVERIFY(std::abs(centre(l, 0).x() - mid.x()) < 1e-6 && centre(l, 0).y() < mid.y());
        QVERIFY(std::abs(centre(l, 9).y() - mid.y()) < 1e-6 && centre(l, 9).x() < mid.x());
        QVERIFY(std::abs(centre(l, 18).x() - mid.x()) < 1e-6 && centre(l, 18).y() > mid.y());
        QVERIFY(std::abs(centre(l, 27).y() - mid.y()) < 1e-6 && centre(l, 27).x() > mid.x());
        // Every cell on one circle, none overlapping its neighbour.
        const double r = std::hypot(centre(l, 0).x() - mid.x(), centre(l, 0).y() - mid.y());
        for (int c = 0; c < 36; ++c) {
            QVERIFY(std::abs(std::hypot(centre(l, c).x() - mid.x(), centre(l, c).y() - mid.y()) - r) < 1e-6);
            QVERIFY(!l.cells[c].intersects(l.cells[(c + 1) % 36]));
            QCOMPARE(l.indexAt(centre(l, c)), c);
        }
        QCOMPARE(l.indexAt(mid), -1); // the middle of the ring is no context
    }

    void aThousandAnglesWrapIntoRowsInAngleOrder()
    {
        // More contexts than a ring shows legibly: a strip wrapped into rows.
        WorldSpec spec = WorldSpec::named("rotation");
        spec.contexts = 1000;
        const auto world = WorldBuilder(spec).over(*testmodels::classSamples(1));
        const ContextMapLayout l = ContextMapLayout::forWorld(*world);
        QCOMPARE(l.kind, ContextMapLayout::Kind::Grid);
        QCOMPARE(l.size(), 1000);
        const int columns = int(std::ceil(std::sqrt(1.6 * 1000)));
        // Angle order along a row, the next row below; every row captioned with its first angle.
        QVERIFY(centre(l, 1).x() > centre(l, 0).x() && std::abs(centre(l, 1).y() - centre(l, 0).y()) < 1e-9);
        QVERIFY(centre(l, columns).y() > centre(l, 0).y());
        QCOMPARE(l.captions.size(), (1000 + columns - 1) / columns);
        QCOMPARE(l.captions[1].text, QString::number(world->parameters(columns).front(), 'g', 4));
        for (int c = 0; c < 1000; c += 37)
            QCOMPARE(l.indexAt(centre(l, c)), c);
        QVERIFY(l.cells[0].width() > 0.9); // cells of a whole unit, however many contexts
    }

    void scalePositionIsSmallMultiplesAlongItsAxes()
    {
        // 3 scales x 4 y x 4 x, context = (scale * 4 + y) * 4 + x.
        const auto world = WorldBuilder(WorldSpec::named("scale-position")).over(*testmodels::classSamples(1));
        const ContextMapLayout l = ContextMapLayout::forWorld(*world);
        QCOMPARE(l.kind, ContextMapLayout::Kind::SmallMultiples);
        QCOMPARE(l.size(), 48);
        auto at = [&](int s, int y, int x) { return centre(l, (s * 4 + y) * 4 + x); };
        for (int s = 0; s < 3; ++s)
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 4; ++x) {
                    if (x > 0) { // x runs along the panel's columns
                        QVERIFY(at(s, y, x).x() > at(s, y, x - 1).x());
                        QCOMPARE(at(s, y, x).y(), at(s, y, x - 1).y());
                    }
                    if (y > 0) { // y down its rows
                        QVERIFY(at(s, y, x).y() > at(s, y - 1, x).y());
                        QCOMPARE(at(s, y, x).x(), at(s, y - 1, x).x());
                    }
                    if (s > 0) // one panel per scale, left to right
                        QVERIFY(at(s, y, 0).x() > at(s - 1, y, 3).x());
                }
        // Each panel is titled with its scale; the x values tick its columns.
        QStringList texts;
        for (const auto& cap : l.captions)
            texts << cap.text;
        for (const char* scale : {"scale 0.6", "scale 0.8", "scale 1"})
            QVERIFY2(texts.contains(scale), qPrintable(texts.join(" | ")));
        QVERIFY(texts.contains("14") && texts.contains("50") && texts.contains("x →"));
    }

    void cubeIsItsGridAndFoldersAreLabelledLists()
    {
        const ContextMapLayout cube = ContextMapLayout::grid(100, 10);
        QCOMPARE(cube.kind, ContextMapLayout::Kind::Grid);
        QCOMPARE(cube.extent, QSizeF(10, 10));
        QCOMPARE(cube.indexAt(QPointF(3.5, 7.5)), 73); // row 7, column 3
        const auto small = testmodels::smallCubeDataset();
        const ContextMapLayout fromWorld = ContextMapLayout::forWorld(*small);
        QCOMPARE(fromWorld.kind, ContextMapLayout::Kind::Grid);
        QCOMPARE(fromWorld.size(), small->contextCount());

        auto images = std::make_shared<PairedImages>();
        images->kind = "folder";
        images->width = images->height = 4;
        images->contexts = {"DejaVu Sans", "Nimbus Roman", "Noto Mono"};
        images->items = {"A", "B"};
        images->axes = {ContextAxis{"index", false, 0}};
        images->parameters = {{0}, {1}, {2}};
        images->pixels.assign(3 * 2 * 16, 128);
        const auto [train, test] = PairedWorld::split(images, 2);
        const ContextMapLayout list = ContextMapLayout::forWorld(*train);
        QCOMPARE(list.kind, ContextMapLayout::Kind::List);
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.captions.size(), 3);
        QCOMPARE(list.captions[1].text, QString("Nimbus Roman"));
        QVERIFY(list.captions[1].rect.top() >= list.cells[1].bottom() - 1e-9); // the name under its cell
    }

    void clickHoverAndExportOnTheWidget()
    {
        std::vector<double> angles;
        for (int c = 0; c < 12; ++c)
            angles.push_back(30.0 * c);
        ContextMapView view;
        view.setMapLayout(ContextMapLayout::ring(angles, 360, "angle"));
        QVector<double> values;
        for (int c = 0; c < 12; ++c)
            values << -double(c);
        view.setValues(values);
        view.resize(500, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy activated(&view, &ContextMapView::cellActivated);
        QSignalSpy hovered(&view, &ContextMapView::cellHovered);
        for (int c : {0, 3, 7}) {
            const QPoint p = view.cellRect(c).center().toPoint();
            QCOMPARE(view.indexAt(p), c);
            QTest::mouseClick(&view, Qt::LeftButton, {}, p);
            QCOMPARE(activated.last().at(0).toInt(), c);
            QCOMPARE(view.selectedIndex(), c);
        }
        QCOMPARE(view.indexAt(view.rect().center()), -1);
        QTest::mouseMove(&view, view.cellRect(5).center().toPoint());
        QTRY_VERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).toInt(), 5);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.selectedIndex(), 8);
        QCOMPARE(view.rangeLower(), -11.0);
        QCOMPARE(view.rangeUpper(), 0.0);
        QTemporaryDir dir;
        const QString csv = dir.filePath("map.csv");
        QVERIFY(view.exportCsv(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 13);
        QCOMPARE(lines[4], QString("3,\"context 3\",-3"));
        QVERIFY(view.exportPng(dir.filePath("map.png")));
        QVERIFY(QImage(dir.filePath("map.png")).width() == 500);
    }

    void frameTimes()
    {
        // docs/ui.md "World views": a map repaints within a frame (16 ms).
        // The 36-context ring and the cube's 100 cells coloured by value, and
        // the cube gallery's 100 frames, each repainted 200 times with new
        // values; the cube heatmap's own ColorMapView (QCustomPlot) beside them.
        std::vector<double> angles;
        for (int c = 0; c < 36; ++c)
            angles.push_back(10.0 * c);
        struct Case {
            const char* name;
            ContextMapLayout layout;
            bool images;
        };
        const Case cases[] = {{"rotation ring, 36 contexts", ContextMapLayout::ring(angles, 360, "angle"), false},
                              {"cube grid, 100 contexts", ContextMapLayout::grid(100, 10), false},
                              {"cube gallery, 100 frames of 64x64", ContextMapLayout::grid(100, 10), true}};
        for (const Case& k : cases) {
            ContextMapView view;
            view.setMapLayout(k.layout);
            view.resize(830, 720); // the map's size in the world heatmap at 1400 x 860
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QVector<double> times;
            for (int f = 0; f < 200; ++f) {
                if (k.images) {
                    QVector<QImage> images(k.layout.size(), QImage(64, 64, QImage::Format_Grayscale8));
                    for (QImage& img : images)
                        img.fill(f % 256);
                    view.setImages(images);
                } else {
                    QVector<double> v(k.layout.size());
                    for (int c = 0; c < v.size(); ++c)
                        v[c] = std::sin(0.1 * (c + f));
                    view.setValues(v);
                }
                view.repaint();
                times << view.paintMs();
            }
            std::sort(times.begin(), times.end());
            const double median = times[times.size() / 2], p95 = times[int(times.size() * 0.95)];
            qInfo("context map frame (%s): median %.2f ms, 95th percentile %.2f ms, 200 frames", k.name, median, p95);
            QVERIFY2(median < 16.0, qPrintable(QString("median frame %1 ms").arg(median)));
        }
        ColorMapView cube;
        cube.resize(830, 720);
        cube.show();
        QVERIFY(QTest::qWaitForWindowExposed(&cube));
        QVector<double> times;
        for (int f = 0; f < 200; ++f) {
            QVector<double> v(100);
            for (int c = 0; c < 100; ++c)
                v[c] = std::sin(0.1 * (c + f));
            QElapsedTimer clock;
            clock.start();
            cube.setGrid(10, 10, v);
            cube.replotNow();
            cube.repaint();
            times << clock.nsecsElapsed() / 1e6;
        }
        std::sort(times.begin(), times.end());
        qInfo("cube heatmap's ColorMapView frame (setGrid + replot + repaint): median %.2f ms, 95th percentile %.2f ms",
              times[times.size() / 2], times[int(times.size() * 0.95)]);
    }
};

QTEST_MAIN(ContextMapLayoutTest)
#include "ContextMapLayout.test.moc"
