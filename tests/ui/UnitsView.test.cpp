// UnitsView: the tiles are the member's first-layer filters in the order the
// core experiment gives, the direction strip's middle column is the
// reconstruction, it follows the cube world and any context world too (a
// world's members by context name, pictures in the world's frame), and it exports.
#include "views/UnitsView.h"
#include "views/WorldInputBar.h"
#include "widgets/GlyphPicker.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "TestModels.h"

#include "latentset/analysis/MemberUnits.h"
#include "latentset/experiments/UnitsExperiment.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/world/ContextWorld.h"

#include <QFile>
#include <QSpinBox>
#include <QTemporaryDir>

#include <QtTest>

class UnitsViewTest : public QObject {
    Q_OBJECT
private slots:
    void classSetMemberRenders()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        UnitsView view(&session);
        view.resize(1400, 860);
        view.show();
        QVERIFY(view.picker()->select("builtin", "plus"));
        latentset::UnitsSettings s = view.settings();
        s.member = 3;
        s.order = latentset::UnitsSettings::Order::Activation;
        view.setSettings(s);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && view.result() && view.result()->member == 3
                                     && view.result()->unitOrder.size() == 32,
                                 30000);
        const latentset::UnitsResult& r = *view.result();
        const latentset::MemberUnits units(session.classSet()->member(3));
        QVERIFY(r.filters == units.filters());
        QVERIFY(r.tied);
        // Sorted by activation on the input, largest first.
        for (std::size_t k = 1; k < r.unitOrder.size(); ++k)
            QVERIFY(r.activations(r.unitOrder[k - 1]) >= r.activations(r.unitOrder[k]));
        const latentset::Vector x = latentset::BuiltinGlyphs::render("plus");
        QVERIFY(r.reconstruction.isApprox(session.classSet()->member(3).reconstruct(x).col(0), 1e-5f));
        // 32 tiles of 56 px, 16 per row with 1 px gaps; 4 directions x 5 offsets.
        QCOMPARE(view.filterGrid().size(), QSize(16 * 57 + 1, 2 * 57 + 1));
        QCOMPARE(view.directionStrip().size(), QSize(5 * 57 + 1, 4 * 57 + 1));
        // The strip's middle column shows the reconstruction: its pixel equals the decoded value.
        const latentset::Index dir = r.directionOrder[0];
        const QRgb px = view.directionStrip().pixel(1 + 2 * 57 + 2 * 14, 1 + 2 * 14);
        QCOMPARE(qGray(px), int(std::lround(std::clamp(r.sweep(14 * 28 + 14, dir * 5 + 2), 0.0f, 1.0f) * 255)));
        QVERIFY(view.statusText().contains("Tied"));
        QVERIFY(view.grab().width() > 0);

        QTemporaryDir dir2;
        QVERIFY(view.exportPng(dir2.filePath("u.png")));
        QVERIFY(!QImage(dir2.filePath("u.png")).isNull());
        QVERIFY(view.exportSvg(dir2.filePath("u.svg")));
        QVERIFY(QFile(dir2.filePath("u.svg")).size() > 1000);
        QVERIFY(view.exportCsv(dir2.filePath("u.csv")));
        QFile csv(dir2.filePath("u.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
        QVERIFY(csv.readLine().startsWith("kind,index,rank,offset,norm,activation,p0,"));
        int lines = 0;
        while (!csv.atEnd())
            lines += csv.readLine().size() > 0;
        QCOMPARE(lines, 32 + 4 * 5);

        // A new k redoes the directions only: same tiles, the sweep of the new offsets.
        const QImage tiles = view.filterGrid();
        latentset::UnitsSettings k = view.settings();
        k.step = 1.5f;
        view.setSettings(k);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && view.result()->offsets.back() == 1.5f, 30000);
        QCOMPARE(view.filterGrid(), tiles);
        latentset::UnitsSettings full = view.settings();
        const latentset::UnitsResult fresh =
            latentset::UnitsExperiment::run(*session.classSet(), x, full, latentset::UnitsPictures::square(784));
        QVERIFY(view.result()->sweep == fresh.sweep);
        QVERIFY(view.result()->directionOrder == fresh.directionOrder);
        // Another member, then at once another k: the directions are of the new member.
        full.member = 5;
        view.setSettings(full);
        full.step = 2.5f;
        view.setSettings(full);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && view.result()->member == 5
                                     && view.result()->offsets.back() == 2.5f, 30000);
        QVERIFY(view.result()->filters == latentset::MemberUnits(session.classSet()->member(5)).filters());
        QVERIFY(view.result()->sweep
                == latentset::UnitsExperiment::run(*session.classSet(), x, full, latentset::UnitsPictures::square(784)).sweep);
        view.setSettings(s); // back to member 3 for the exports below
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && view.result()->member == 3
                                     && view.result()->offsets.back() == s.step, 30000);

        // The view state brings the settings back.
        const QJsonObject state = view.viewState();
        UnitsView other(&session);
        other.restoreViewState(state);
        QCOMPARE(other.settings(), view.settings());
    }

    void cubeMemberRendersInItsFrame()
    {
        const testmodels::CubeWorld world = testmodels::cubeWorld(3);
        Session session;
        session.setCubeWorld(world.members, world.contexts);
        UnitsView view(&session);
        view.resize(1400, 860);
        view.show();
        view.setSource(UnitsView::Source::CubeWorld);
        QVERIFY(view.picker()->select("builtin", "V"));
        view.setMember(10);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && view.result() && view.result()->member == 10, 30000);
        const latentset::UnitsResult& r = *view.result();
        QCOMPARE(r.pictureWidth, world.contexts->imageSize());
        QCOMPARE(r.filters.rows(), world.contexts->frameSize());
        // Pixels off the face carry no weight.
        const latentset::Vector mask = world.contexts->warp(10).maskFrame();
        for (latentset::Index p = 0; p < mask.size(); ++p)
            if (mask(p) == 0)
                QCOMPARE(r.filters.row(p).cwiseAbs().maxCoeff(), 0.0f);
    }

    void contextWorldMembersInTheWorldsFrame()
    {
        // A small scale x position world (2 scales x 2 x 2 positions in a 48 x 48
        // frame) in the session, as the world training or a world model file puts it.
        latentset::WorldSpec spec = latentset::WorldSpec::named("scale-position");
        spec.scalePosition.scales = 2;
        spec.scalePosition.positions = 2;
        spec.scalePosition.frame = 48;
        const auto world = latentset::WorldBuilder(spec).over(*testmodels::classSamples(1));
        auto shown = std::make_shared<SessionWorld>();
        shown->spec = spec;
        shown->train = shown->test = world;
        shown->members = std::make_shared<const latentset::AutoencoderSet>(
            latentset::AutoencoderConfig::make(world->memberInputSize(), {12}, 3, true), world->contextCount(), 5);
        Session session;
        UnitsView view(&session);
        view.resize(1400, 860);
        view.show();
        QVERIFY(view.statusText().contains("No class set"));
        session.setWorld(shown); // the only set there: the view goes to it
        QCOMPARE(view.source(), UnitsView::Source::ContextWorld);
        // Every member, named by its context.
        const QStringList names = view.memberNames();
        QCOMPARE(names.size(), world->contextCount());
        for (int c = 0; c < world->contextCount(); ++c)
            QCOMPARE(names[c], QString("%1 · %2").arg(c).arg(QString::fromStdString(world->contextName(c))));
        QVERIFY(view.worldInput()->isVisible());
        QVERIFY(!view.picker()->isVisible());
        view.worldInput()->itemBox()->setValue(3);
        view.setMember(6);
        QTRY_VERIFY_WITH_TIMEOUT(!view.property("busy").toBool() && view.result() && view.result()->member == 6, 30000);
        const latentset::UnitsResult& r = *view.result();
        QCOMPARE(r.pictureWidth, 48);
        QCOMPARE(r.pictureHeight, 48);
        QCOMPARE(r.filters.rows(), latentset::Index(48 * 48));
        QCOMPARE(r.unitCount, latentset::Index(12));
        // The input is item 3 as the world shows it in context 6, the whole frame.
        const std::vector<latentset::Index> item{3};
        QVERIFY(r.input.isApprox(world->framesFromMasked(6, world->masked(6, item)).col(0)));
        // The same numbers as the core experiment on that member and input.
        const latentset::UnitsResult direct = latentset::UnitsExperiment::run(
            *shown->members, latentset::ContextWorld::padRows(world->masked(6, item), world->memberInputSize()).col(0),
            view.settings(), latentset::UnitsPictures::worldMember(*world, 6));
        QVERIFY(r.filters == direct.filters);
        QVERIFY(r.sweep == direct.sweep);
        QVERIFY(r.unitOrder == direct.unitOrder);
        QVERIFY(view.statusText().contains("48 × 48 frame"));
        // 12 tiles of a 48-pixel frame: 10 per row at zoom 1, 1 px gaps.
        QCOMPARE(view.filterGrid().size(), QSize(10 * 49 + 1, 2 * 49 + 1));
        // The view state keeps the source and the item.
        UnitsView other(&session);
        other.restoreViewState(view.viewState());
        QCOMPARE(other.source(), UnitsView::Source::ContextWorld);
        QCOMPARE(other.worldInput()->itemBox()->value(), 3);
        QCOMPARE(other.settings(), view.settings());
    }

    void emptySessionSaysWhatToDo()
    {
        Session session;
        UnitsView view(&session);
        QVERIFY(!view.result());
        QVERIFY(view.statusText().contains("No class set"));
        QVERIFY(!view.exportPng(QDir::temp().filePath("never.png")));
    }
};

QTEST_MAIN(UnitsViewTest)
#include "UnitsView.test.moc"
