// The interpretations view: without a class set it says so (no empty
// panels); with one it lists the top classes in descending posterior
// (eq. 5, core's SetPosterior) summing to at most 1, a blend at weight 0 is
// the first image, a drawn glyph is read (and one of the wrong size refused
// with a message), and PNG / CSV export write what is shown.
#include "TestModels.h"
#include "session/Session.h"
#include "views/InterpretationsView.h"
#include "widgets/PlotView.h"

#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/experiments/SetPosterior.h"
#include "latentset/likelihood/LikelihoodModel.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

class InterpretationsViewTest : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        Session session;
        std::shared_ptr<const latentset::DatasetSplits> splits = testmodels::classSplits();
        InterpretationsView view{&session, [this] { return splits; }};
        Fixture()
        {
            session.setSamples(testmodels::classSamples(2));
            session.setClassSet(testmodels::classSet(60), testmodels::classGlyphNames());
            view.resize(1400, 860);
            view.show();
            view.refit();
        }
    };

private slots:
    void noClassSetSaysSo()
    {
        Session session;
        session.setSamples(testmodels::classSamples(1));
        InterpretationsView view(&session, [] { return testmodels::classSplits(); });
        view.show();
        QVERIFY(view.showsMessage());
        QVERIFY(view.message().contains("No class set"));
        QVERIFY(!view.hasReading());
        QVERIFY(!view.exportPng(QDir::temp().filePath("never.png")));
    }

    void topClassesInDescendingPosterior()
    {
        Fixture f;
        QTRY_VERIFY_WITH_TIMEOUT(f.view.hasReading(), 30000);
        QVERIFY(!f.view.showsMessage());
        const QVector<double> p = f.view.topPosteriors();
        QCOMPARE(p.size(), 5);
        double sum = 0;
        for (int k = 0; k < p.size(); ++k) {
            QVERIFY(p[k] >= 0);
            if (k > 0)
                QVERIFY(p[k - 1] >= p[k]);
            sum += p[k];
        }
        QVERIFY(sum <= 1.0 + 1e-9);
        QCOMPARE(f.view.reading().posterior.sum(), 1.0); // over every class (to rounding)
        QCOMPARE(f.view.topClassNames().size(), 5);
        f.view.setTopCount(3);
        QCOMPARE(f.view.topPosteriors().size(), 3);
        // Sample 0 is class 0's glyph: its member reads it best.
        QCOMPARE(f.view.topClassNames().front(), testmodels::classGlyphNames().front());
    }

    void blendAtWeightZeroIsTheFirstImage()
    {
        Fixture f;
        QTRY_VERIFY_WITH_TIMEOUT(f.view.hasReading(), 30000);
        f.view.setKind(InterpretationsView::Kind::Blend);
        f.view.setBlend(0, 1, 0.0); // classes 0 and 1
        QTRY_VERIFY_WITH_TIMEOUT(f.view.blendPlot()->seriesCount() == 3, 30000);
        QCOMPARE(f.view.input(), f.session.samples()->imageVector(0));
        QCOMPARE(f.view.blendPlot()->seriesX(0).size(), InterpretationsView::kBlendPoints);
        // At w = 0 the curve's first point is the posterior of the first image's class.
        QTRY_COMPARE_WITH_TIMEOUT(f.view.reading().posterior(0), f.view.blendPlot()->seriesY(0).front(), 30000);
        f.view.setBlend(0, 10, 0.5); // both class 0: refused with a message
        QVERIFY(f.view.showsMessage());
        QVERIFY(f.view.message().contains("different classes"));
    }

    void aSavedLikelihoodModelIsUsedWithoutData()
    {
        // The likelihood model saved with a set (a model file, a project) gives the
        // posterior as it is: no dataset needed, nothing fitted.
        Session session;
        const auto splits = testmodels::classSplits();
        const auto set = testmodels::classSet(60);
        std::vector<latentset::Matrix> perClass;
        for (int c = 0; c < set->size(); ++c)
            perClass.push_back(splits->train.batch(splits->train.indicesOfClass(c)));
        latentset::LikelihoodSettings settings;
        settings.mixture.components = 1;
        auto model = std::make_shared<const latentset::LikelihoodModel>(latentset::SetPosterior::fitModel(
            *set, perClass, splits->train.all(), splits->train.labels(), settings, nullptr));
        session.setSamples(testmodels::classSamples(2));
        session.setClassSet(set, testmodels::classGlyphNames());
        session.setClassLikelihood(model);
        InterpretationsView view(&session, [] { return std::shared_ptr<const latentset::DatasetSplits>(); });
        view.resize(1400, 860);
        view.show();
        view.refit();
        QTRY_VERIFY_WITH_TIMEOUT(view.hasReading(), 30000);
        QVERIFY(!view.showsMessage());
        QCOMPARE(view.topClassNames().front(), testmodels::classGlyphNames().front());
    }

    void drawnGlyphIsReadAndExported()
    {
        Fixture f;
        QTRY_VERIFY_WITH_TIMEOUT(f.view.hasReading(), 30000);
        f.session.addDrawnGlyph("V", latentset::BuiltinGlyphs::render("V"));
        f.view.setKind(InterpretationsView::Kind::Drawn);
        f.view.selectDrawn(0);
        QTRY_VERIFY_WITH_TIMEOUT(f.view.hasReading() && f.view.input() == latentset::BuiltinGlyphs::render("V"), 30000);
        QVERIFY(!f.view.showsMessage());
        QTemporaryDir dir;
        const QString png = dir.filePath("interpretations.png"), csv = dir.filePath("interpretations.csv");
        QVERIFY(f.view.exportPng(png));
        QVERIFY(!QImage(png).isNull());
        QVERIFY(f.view.exportCsv(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 11);
        QVERIFY(lines.front().startsWith("rank,class,name,posterior"));
        // A glyph of the wrong size is refused, with a message.
        f.session.addDrawnGlyph("tiny", latentset::Vector::Constant(100, 0.5f));
        f.view.selectDrawn(1);
        QVERIFY(f.view.showsMessage());
        QVERIFY(f.view.message().contains("refused"));
        QVERIFY(f.view.message().contains("100"));
    }
};

QTEST_MAIN(InterpretationsViewTest)
#include "InterpretationsView.test.moc"
