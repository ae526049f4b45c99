// LatentMapView: the map renders the experiment's points, a rectangle or a
// lasso selects exactly the points inside it (checked in the data's own
// coordinates), the selection's inputs go out to another view; a t-SNE run
// stays off the GUI thread (event-loop stall), reports progress and stops
// on Cancel; a live map keeps its first PCA basis or refits it.
//
// LATENTSET_LATENT_POINTS sets the t-SNE run's points (default 1000; the
// figure in docs/latent-map.md is of 10000).
#include "views/LatentMapView.h"
#include "image/LatentScatter.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "widgets/LatentMapCanvas.h"
#include "StallProbe.h"
#include "TestModels.h"

#include "latentset/experiments/LatentMapExperiment.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Random.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

namespace {

// `count` noisy copies of the class glyphs (distinct images, labelled by glyph).
std::shared_ptr<const latentset::Dataset> noisySamples(int count)
{
    const latentset::Matrix glyphs = testmodels::classGlyphs();
    latentset::Random rng(21);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int i = 0; i < count; ++i) {
        const int c = i % int(glyphs.cols());
        for (int k = 0; k < 784; ++k)
            pixels.push_back(std::uint8_t(std::clamp(glyphs(k, c) * 230.0 + rng.uniform() * 25.0, 0.0, 255.0)));
        labels.push_back(c);
    }
    return std::make_shared<const latentset::Dataset>(28, 28, pixels, labels, std::vector<std::string>{}, "noisy glyphs");
}

bool waitForMap(LatentMapView& view, int timeoutMs)
{
    QSignalSpy shown(&view, &LatentMapView::mapShown);
    return shown.wait(timeoutMs) || (view.result() && !view.running());
}

} // namespace

class LatentMapViewTest : public QObject {
    Q_OBJECT
private slots:
    void rendersAndSelectsThePointsInside()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        session.setSamples(noisySamples(60));
        LatentMapView view(&session);
        view.resize(1200, 760);
        view.show(); // the first map, PCA, comes by itself
        QTRY_VERIFY_WITH_TIMEOUT(view.result() && !view.running(), 30000);
        const latentset::LatentMapResult& r = *view.result();
        QCOMPARE(r.kind, std::string("class-set"));
        QCOMPARE(r.coordinates.cols(), latentset::Index(60));
        QVERIFY(view.canvas()->scatter());
        QCOMPARE(view.canvas()->scatter()->pointCount(), latentset::Index(60));
        QVERIFY(view.ratioText().contains("ratio"));
        // Rendered: the plot holds coloured (non-grey) pixels.
        const QImage shot = view.canvas()->grab().toImage();
        int coloured = 0;
        for (int y = 0; y < shot.height(); y += 2)
            for (int x = 0; x < shot.width(); x += 2) {
                const QColor c = shot.pixelColor(x, y);
                coloured += std::abs(c.red() - c.blue()) > 40;
            }
        QVERIFY2(coloured > 20, qPrintable(QString("%1 coloured pixels").arg(coloured)));

        // The points right of a threshold between two distinct x values, in
        // the data's coordinates, are what a rectangle over that part selects.
        std::vector<float> xs;
        for (int i = 0; i < 60; ++i)
            xs.push_back(r.coordinates(0, i));
        std::vector<float> sorted = xs;
        std::sort(sorted.begin(), sorted.end());
        const double threshold = 0.5 * (sorted[35] + sorted[36]);
        QVector<int> expected;
        for (int i = 0; i < 60; ++i)
            if (xs[std::size_t(i)] > threshold)
                expected << i;
        const QRectF plot = view.canvas()->scatter()->plotRect(QSizeF(view.canvas()->size()));
        const double left = plot.left() + (threshold - sorted.front()) / (sorted.back() - sorted.front()) * plot.width();
        QSignalSpy changed(view.canvas(), &LatentMapCanvas::selectionChanged);
        view.canvas()->selectRect(QRectF(QPointF(left, 0), QPointF(view.canvas()->width(), view.canvas()->height())));
        QCOMPARE(view.canvas()->selection(), expected);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(view.selectedInputs(), expected); // a class set: point i is image i
        // A lasso around the same part selects the same points.
        view.canvas()->selectPolygon(QPolygonF({QPointF(left, 0), QPointF(view.canvas()->width(), 0),
                                                QPointF(view.canvas()->width(), view.canvas()->height()),
                                                QPointF(left, view.canvas()->height())}));
        QCOMPARE(view.canvas()->selection(), expected);
        // A mouse drag draws the rectangle.
        QTest::mousePress(view.canvas(), Qt::LeftButton, {}, QPoint(int(left) + 1, 1));
        QTest::mouseMove(view.canvas(), QPoint(view.canvas()->width() - 1, view.canvas()->height() - 1));
        QTest::mouseRelease(view.canvas(), Qt::LeftButton, {}, QPoint(view.canvas()->width() - 1, view.canvas()->height() - 1));
        QVERIFY(view.canvas()->selection().size() >= expected.size() - 1);

        // Hover: the input behind the point under the mouse.
        const QPointF at = view.canvas()->scatter()->position(expected.first(), QSizeF(view.canvas()->size()));
        QTest::mouseMove(view.canvas(), at.toPoint());
        QTRY_VERIFY(view.findChild<QLabel*>("hover")->text().contains("input"));

        QSignalSpy sent(&view, &LatentMapView::inputsChosen);
        view.canvas()->selectRect(QRectF(QPointF(left, 0), QPointF(view.canvas()->width(), view.canvas()->height())));
        QPushButton* sendToPad = view.findChild<QPushButton*>("send-pad");
        QVERIFY(sendToPad);
        sendToPad->click();
        QCOMPARE(sent.count(), 1);
        QCOMPARE(sent.first().at(0).value<QVector<int>>(), expected);
        QCOMPARE(sent.first().at(1).toString(), QString("pad"));

        QTemporaryDir dir;
        QVERIFY(view.exportPng(dir.filePath("map.png")));
        QVERIFY(view.exportSvg(dir.filePath("map.svg")));
        QVERIFY(view.exportCsv(dir.filePath("map.csv")));
        QFile csv(dir.filePath("map.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString(csv.readAll()).trimmed().split('\n').size(), 61);
        QVERIFY(view.grab().toImage().save(testmodels::shotPath("latent-map-view.png")));
    }

    void tsneRunsOffTheGuiThreadAndCancels()
    {
        const testmodels::CubeWorld world = testmodels::cubeWorld(5);
        const int points = qEnvironmentVariableIntValue("LATENTSET_LATENT_POINTS") > 0
                               ? qEnvironmentVariableIntValue("LATENTSET_LATENT_POINTS") : 1000;
        Session session;
        session.setSamples(noisySamples(std::max(2, points / 100)));
        session.setCubeWorld(world.members, world.contexts);
        LatentMapView view(&session);
        view.resize(1200, 760);
        latentset::LatentMapSettings s;
        s.method = "tsne";
        s.points = points;
        s.tsne.iterations = points > 2000 ? 1000 : 300;
        s.tsne.exaggerationIterations = std::min(250, s.tsne.iterations);
        view.setSettings(s);
        view.show();
        QVERIFY(view.setSource("cube"));
        view.setColourBy("context");
        testmodels::StallProbe probe;
        probe.start();
        view.run();
        QVERIFY(waitForMap(view, 600000));
        probe.stop();
        const latentset::LatentMapResult& r = *view.result();
        QCOMPARE(r.method, std::string("tsne"));
        QCOMPARE(r.kind, std::string("world"));
        QCOMPARE(r.coordinates.cols(), latentset::Index(points));
        QVERIFY(!r.stopped);
        QVERIFY(r.measured);
        qInfo("t-SNE of %d points in %.1f s: GUI stall worst %.1f ms wall, %.1f ms GUI-thread CPU, %d ticks, load %.2f",
              points, r.seconds, probe.worstMs(), probe.worstCpuMs(), probe.ticks(), testmodels::StallProbe::load());
        QVERIFY2(probe.worstCpuMs() < 50.0, qPrintable(QString("GUI thread busy %1 ms").arg(probe.worstCpuMs())));
        if (testmodels::StallProbe::machineQuiet())
            QVERIFY2(probe.worstMs() < 50.0, qPrintable(QString("event loop stalled %1 ms").arg(probe.worstMs())));
        QVERIFY(view.grab().toImage().save(testmodels::shotPath("latent-map-tsne.png")));

        // Cancel: a long run stops at its next iteration with the layout so far.
        s.tsne.iterations = 100000;
        s.tsne.reportEvery = 5;
        s.points = 1000;
        view.setSettings(s);
        view.run();
        QTRY_VERIFY_WITH_TIMEOUT(view.findChild<QProgressBar*>()->maximum() == 100000, 60000);
        view.cancel();
        QVERIFY(waitForMap(view, 60000));
        QVERIFY(view.result()->stopped);
        QVERIFY(view.result()->iterations < 100000);
    }

    void liveMapKeepsOrRefitsItsBasis()
    {
        Session session;
        session.setSamples(noisySamples(20));
        session.setCubeWorld(testmodels::cubeWorld(3).members, testmodels::cubeWorld(3).contexts);
        LatentMapView view(&session);
        view.setLive(true, true);
        view.show();
        QVERIFY(view.setSource("cube"));
        QTRY_VERIFY_WITH_TIMEOUT(view.result() && !view.running(), 60000);
        const auto first = view.result()->basis;
        QVERIFY(first);
        // A new snapshot (as training publishes): the map follows in the same basis.
        const testmodels::CubeWorld next = testmodels::cubeWorld(6);
        session.setCubeWorld(next.members, next.contexts);
        QVERIFY(waitForMap(view, 60000));
        QCOMPARE(view.result()->basis, first);
        // Refitted: a basis of the new codes.
        view.setLive(true, false);
        session.setCubeWorld(testmodels::cubeWorld(9).members, next.contexts);
        QVERIFY(waitForMap(view, 60000));
        QVERIFY(view.result()->basis != first);
    }

    void mapsTheSessionsContextWorldAndSendsItsItems()
    {
        // A small rotation world in the session (as the world training or a world
        // model file puts it there): its held-out items x contexts, joined by item.
        latentset::WorldSpec spec = latentset::WorldSpec::named("rotation");
        spec.contexts = 4;
        const auto world = latentset::WorldBuilder(spec).over(*testmodels::classSamples(1));
        auto shown = std::make_shared<SessionWorld>();
        shown->spec = spec;
        shown->train = shown->test = world;
        shown->members = std::make_shared<const latentset::AutoencoderSet>(
            latentset::AutoencoderConfig::make(world->memberInputSize(), {8}, 3, true), 4, 5);
        Session session;
        LatentMapView view(&session);
        QVERIFY(!view.setSource("world"));
        session.setWorld(shown);
        QVERIFY(view.setSource("world"));
        view.show(); // the first PCA map runs by itself
        QTRY_VERIFY_WITH_TIMEOUT(view.result() && !view.running(), 60000);
        QVERIFY(!view.result()->stopped);
        QCOMPARE(view.resultSource(), QString("world"));
        const latentset::LatentMapResult& r = *view.result();
        QCOMPARE(r.kind, std::string("world"));
        QCOMPARE(r.contexts, 4);
        QCOMPARE(r.coordinates.cols(), latentset::Index(4 * world->itemCount()));
        // A selection goes out as held-out item numbers.
        view.canvas()->selectRect(QRectF(QPointF(0, 0), QPointF(view.canvas()->width(), view.canvas()->height())));
        QSignalSpy sent(&view, &LatentMapView::inputsChosen);
        view.findChild<QPushButton*>("send-heatmap")->click();
        QCOMPARE(sent.count(), 1);
        const QVector<int> items = sent.at(0).at(0).value<QVector<int>>();
        QCOMPARE(items.size(), int(world->itemCount()));
        QCOMPARE(*std::max_element(items.begin(), items.end()), int(world->itemCount()) - 1);
    }
};

QTEST_MAIN(LatentMapViewTest)
#include "LatentMapView.test.moc"
