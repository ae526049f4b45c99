// MainWindow routes a latent map's selection to the right views: points of
// a context world's map are held-out items, and they go to the world
// heatmap (the first), the world gallery (the first) and the world one-shot
// view (the first two as A and B), which are shown.
#include "shell/MainWindow.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "views/LatentMapView.h"
#include "views/WorldHeatmapView.h"
#include "views/WorldInputBar.h"
#include "views/WorldOneShotView.h"
#include "widgets/LatentMapCanvas.h"
#include "TestModels.h"

#include "latentset/experiments/LatentMapResult.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/nn/AutoencoderSet.h"

#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>

class LatentMapRoutingTest : public QObject {
    Q_OBJECT
private slots:
    void aWorldsSelectionGoesToTheWorldViews()
    {
        latentset::WorldSpec spec = latentset::WorldSpec::named("rotation");
        spec.contexts = 4;
        const auto world = latentset::WorldBuilder(spec).over(*testmodels::classSamples(1));
        auto shown = std::make_shared<SessionWorld>();
        shown->spec = spec;
        shown->train = shown->test = world;
        shown->members = std::make_shared<const latentset::AutoencoderSet>(
            latentset::AutoencoderConfig::make(world->memberInputSize(), {8}, 3, true), 4, 5);
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->setWorld(shown);
        QVERIFY(w.showView("latent"));
        auto* latent = w.findChild<LatentMapView*>();
        QVERIFY(latent);
        QVERIFY(latent->setSource("world"));
        latent->run();
        QTRY_VERIFY_WITH_TIMEOUT(latent->result() && !latent->running() && !latent->result()->stopped, 60000);
        // Select the points of items 2 and 3 only (every context), by their data.
        const latentset::LatentMapResult& r = *latent->result();
        QVector<int> points;
        for (int p = 0; p < int(r.item.size()); ++p)
            if (r.item[std::size_t(p)] == 2 || r.item[std::size_t(p)] == 3)
                points << p;
        latent->canvas()->setSelection(points);
        auto* tabs = w.findChild<QTabWidget*>(QString(), Qt::FindDirectChildrenOnly);
        latent->findChild<QPushButton*>("send-heatmap")->click();
        QCOMPARE(tabs->currentWidget()->objectName(), QString("world-heatmap"));
        WorldInputBar* bar = w.findChild<WorldHeatmapView*>()->inputBar();
        QCOMPARE(bar->kindBox()->currentData().toString(), QString("item"));
        QCOMPARE(bar->itemBox()->value(), 2);
        QVERIFY(w.showView("latent"));
        latent->findChild<QPushButton*>("send-pad")->click();
        QCOMPARE(tabs->currentWidget()->objectName(), QString("world-oneshot"));
        auto* oneShot = w.findChild<WorldOneShotView*>();
        QCOMPARE(oneShot->inputA()->itemBox()->value(), 2);
        QCOMPARE(oneShot->inputB()->itemBox()->value(), 3);
    }
};

QTEST_MAIN(LatentMapRoutingTest)
#include "LatentMapRouting.test.moc"
