// The context map's colour scale can be locked so maps at two angles are
// drawn on the same colours, and the scale (a colour bar with numbers) is
// shown; the lock's controls show the range and take a typed one.
#include "views/HeatmapView.h"
#include "widgets/ColorMapView.h"
#include "widgets/ColorScaleControl.h"
#include "widgets/GlyphPicker.h"
#include "session/Session.h"
#include "TestModels.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>

namespace {
std::pair<double, double> finiteRange(const QVector<double>& v)
{
    double lo = INFINITY, hi = -INFINITY;
    for (double x : v)
        if (std::isfinite(x)) {
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
    return {lo, hi};
}
} // namespace

class ColorScaleLockTest : public QObject {
    Q_OBJECT
private slots:
    void lockedScaleStaysAcrossAngles()
    {
        const auto world = testmodels::cubeWorld();
        Session session;
        session.setCubeWorld(world.members, world.contexts);
        HeatmapView view(&session);
        view.resize(1300, 760);
        view.show();
        QVERIFY(view.picker()->select("builtin", "V"));
        view.setAngle(10.0);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && !view.map()->isEmpty(), 30000);
        ColorMapView* map = view.map();
        QVERIFY(map->scaleShown());
        QVERIFY(!map->scaleLocked());
        // Unlocked: the colour bar spans this map's values, and the controls say so.
        const auto [lo10, hi10] = finiteRange(map->values());
        QCOMPARE(map->rangeLower(), lo10);
        QCOMPARE(map->rangeUpper(), hi10);
        ColorScaleControl* control = view.scaleControl();
        QVERIFY(std::abs(control->lowerBox()->value() - lo10) < 1e-3);
        QVERIFY(std::abs(control->upperBox()->value() - hi10) < 1e-3);
        QVERIFY(control->lowerBox()->isReadOnly());

        // Lock, turn the cube: another map, the same colours.
        control->lockBox()->setChecked(true);
        QVERIFY(map->scaleLocked());
        const QVector<double> at10 = map->values();
        view.setAngle(60.0);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && map->values() != at10, 30000);
        QCOMPARE(map->rangeLower(), lo10);
        QCOMPARE(map->rangeUpper(), hi10);
        QVERIFY(!control->lowerBox()->isReadOnly());
        int beyond = 0;
        for (double v : map->values())
            beyond += v < lo10 || v > hi10;
        QCOMPARE(map->cellsOutsideRange(), beyond);
        QVERIFY(map->figureInfo().isEmpty() == false);
        QTest::qWait(60);
        QVERIFY(view.grab().save(testmodels::shotPath("heatmap-scale-locked-60.png")));

        // A typed range while locked.
        // (The boxes show 3 decimals: the range becomes what they show.)
        control->lowerBox()->setValue(lo10 - 1.0);
        QVERIFY(std::abs(map->rangeLower() - (lo10 - 1.0)) < 1e-3);
        QVERIFY(std::abs(map->rangeUpper() - hi10) < 1e-3);
        QCOMPARE(map->rangeLower(), control->lowerBox()->value());
        QVERIFY(map->scaleLocked());

        // Unlocked again: back to the map's own range.
        control->lockBox()->setChecked(false);
        const auto [lo60, hi60] = finiteRange(map->values());
        QCOMPARE(map->rangeLower(), lo60);
        QCOMPARE(map->rangeUpper(), hi60);
        QVERIFY(lo60 != lo10 || hi60 != hi10);
        // The numbers of the colour bar are drawn: ticks inside the range.
        map->replotNow();
        QCPColorScale* scale = nullptr;
        for (int i = 0; i < map->findChild<QCustomPlot*>()->plotLayout()->elementCount(); ++i)
            if (auto* s = qobject_cast<QCPColorScale*>(map->findChild<QCustomPlot*>()->plotLayout()->elementAt(i)))
                scale = s;
        QVERIFY(scale);
        QVERIFY(scale->axis()->tickLabels());
        QVERIFY(!scale->axis()->tickVector().isEmpty());
        QVERIFY(scale->axis()->label().contains("log-likelihood"));
    }

    void contextMenuLockKeepsTheRangeOfAPlainMap()
    {
        ColorMapView map;
        map.setGrid(2, 1, {1.0, 3.0});
        map.setScaleLocked(true);
        map.setGrid(2, 1, {10.0, 30.0});
        QCOMPARE(map.cellsOutsideRange(), 2);
        QCOMPARE(map.rangeLower(), 1.0);
        QCOMPARE(map.rangeUpper(), 3.0);
        map.setScaleLocked(false);
        QCOMPARE(map.rangeLower(), 10.0);
        QCOMPARE(map.rangeUpper(), 30.0);
        // An owner's fixed range comes back when the user's lock goes.
        map.setDataRange(-1.0, 1.0);
        map.lockRange(0.0, 5.0);
        QCOMPARE(map.rangeUpper(), 5.0);
        map.setScaleLocked(false);
        QCOMPARE(map.rangeLower(), -1.0);
        QCOMPARE(map.rangeUpper(), 1.0);
    }
};

QTEST_MAIN(ColorScaleLockTest)
#include "ColorScaleLock.test.moc"
