// Files written before the experiments moved into core open in today's app
// (tests/data/legacy/README.md: made by commit 9701faf's app and CLI):
// * the old app's project (a class set trained 5 epochs, its training state
//   and settings) opens; the session holds its set, the pad scores with it,
//   the training form shows its settings;
// * a cube world (cube train --save) opens; the heatmap and the gallery
//   compute over its 12 contexts;
// * a level-2 concept (concept train --save) opens; the imaginer imagines.
// No dataset is needed: the files travel with their models.
#include "training/ClassSetForm.h"
#include "training/ClassSetTrainingPanel.h"
#include "session/Session.h"
#include "shell/MainWindow.h"
#include "training/TrainingPanel.h"
#include "views/GalleryView.h"
#include "views/HeatmapView.h"
#include "views/ImaginerView.h"
#include "views/PadView.h"
#include "widgets/GlyphPad.h"

#include "latentset/nn/ClassSetState.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/ChunkFile.h"

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

class LegacyFilesTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dataDir_;

    static QString legacy(const char* name)
    {
        const QString path = QFINDTESTDATA(QString("../data/legacy/") + name);
        if (path.isEmpty())
            qFatal("tests/data/legacy/%s not found", name);
        return path;
    }

private slots:
    void initTestCase() { qputenv("LATENTSET_DATA_DIR", dataDir_.path().toUtf8()); }

    void oldProjectOpensWithItsSetAndSettings()
    {
        MainWindow w;
        w.show();
        QString error;
        const QString path = legacy("project.lset");
        QVERIFY2(w.openProject(path, &error), qPrintable(error));
        w.waitUntilIdle(20000);
        const auto set = w.session()->classSet();
        QVERIFY(set);
        QCOMPARE(set->size(), 10);
        QCOMPARE(set->config().hiddenSizes, std::vector<latentset::Index>{2});
        QCOMPARE(set->config().latentSize, latentset::Index(2));
        QCOMPARE(w.session()->classNames().size(), 10);
        // The set the file holds, read by core: the session's is that one.
        const latentset::ChunkFile file = latentset::ChunkFile::load(path.toStdString());
        const auto fromFile = latentset::ClassSetState::readSet(file, false);
        QVERIFY(fromFile);
        const latentset::Matrix x = latentset::Matrix::Constant(784, 1, 0.25f);
        QVERIFY((set->reconstructionErrors(x) - fromFile->reconstructionErrors(x)).cwiseAbs().maxCoeff() == 0.0f);

        // The pad scores a drawing with the opened set.
        auto* pad = w.findChild<PadView*>("pad");
        QVERIFY(pad);
        GlyphPad::Stroke stroke;
        stroke.points = {QPointF(0.5, 0.15), QPointF(0.5, 0.85)};
        stroke.pressure = {1.0f, 1.0f};
        pad->pad()->addStroke(stroke);
        QTRY_COMPARE_WITH_TIMEOUT(pad->lastClassScores().size(), latentset::Index(10), 20000);
        const latentset::Vector expected = -latentset::SetClassifier(fromFile).errors(pad->pad()->glyph()).col(0);
        QVERIFY((pad->lastClassScores() - expected).cwiseAbs().maxCoeff() < 1e-4f);

        // The old app's training settings (learning rate 0.01, 5 epochs, hidden 2, latent 2, batch 64).
        const latentset::ClassSetExperimentSettings s = w.trainingPanel()->classSet()->form()->values();
        QCOMPARE(s.model.hiddenSizes, std::vector<latentset::Index>{2});
        QCOMPARE(s.model.latentSize, latentset::Index(2));
        QCOMPARE(s.epochs, std::int64_t(5));
        QCOMPARE(s.batchSize, latentset::Index(64));
        QCOMPARE(s.seed, std::uint64_t(1));
        QVERIFY(qAbs(w.trainingPanel()->learningRateBox()->value() - 0.01) < 1e-9);
    }

    void oldCubeWorldOpensInTheViews()
    {
        MainWindow w;
        w.show();
        QString error;
        QVERIFY2(w.openProject(legacy("cube.lset"), &error), qPrintable(error));
        QVERIFY(w.session()->hasCubeWorld());
        QVERIFY(!w.session()->classSet()); // a cube model's members are not a class set
        w.waitUntilIdle(20000);
        auto* heatmap = w.findChild<HeatmapView*>("heatmap");
        auto* gallery = w.findChild<GalleryView*>("gallery");
        QVERIFY(heatmap && gallery);
        QVERIFY(w.showView("heatmap"));
        QTRY_COMPARE_WITH_TIMEOUT(heatmap->logLikelihoods().size(), latentset::Index(12), 20000);
        QVERIFY(heatmap->logLikelihoods().allFinite());
        QVERIFY(w.showView("gallery"));
        QTRY_COMPARE_WITH_TIMEOUT(gallery->decodedFrames().cols(), latentset::Index(12), 20000);
        QVERIFY(gallery->decodedFrames().allFinite());
    }

    void oldConceptOpensInTheImaginer()
    {
        MainWindow w;
        w.show();
        QString error;
        QVERIFY2(w.openProject(legacy("concept.lset"), &error), qPrintable(error));
        QVERIFY(w.session()->hasCubeWorld());
        QVERIFY(w.session()->conceptModel());
        auto* imaginer = w.findChild<ImaginerView*>("imaginer");
        QVERIFY(imaginer);
        QVERIFY(w.showView("imaginer"));
        imaginer->setU(0.4);
        QTRY_VERIFY_WITH_TIMEOUT(imaginer->imagined().size() > 0, 20000);
        QVERIFY(imaginer->imagined().allFinite());
        QVERIFY(imaginer->imagined().maxCoeff() > 0.0f);
    }
};

QTEST_MAIN(LegacyFilesTest)
#include "LegacyFiles.test.moc"
