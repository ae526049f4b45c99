// AttackView: a session without a class set gets a message, not an empty
// panel; with a set (with or without its MLP baseline) an attack runs off
// the GUI thread and its adversarial stays inside [0, 1] and the eps-ball;
// Cancel stops it; PGD at eps 0 changes nothing; "Train MLP baseline"
// publishes an MLP; an MLP opened from a model file survives a project
// save; a corrupt MLP chunk fails the open with a clear message.
//
// LATENTSET_ATTACK_MODEL=<model file with MLP> (e.g. /tmp/robust/mnist-e10.lset,
// copied) also attacks MNIST test digits with it: the time of one PGD run
// and the GUI stall while it runs (docs/robustness.md "In the app");
// LATENTSET_ATTACK_KINDS (pgd,fgsm,ddn,boundary) and LATENTSET_ATTACK_RULE
// (sse, eq4, eq5) choose what is attacked.
#include "views/AttackView.h"
#include "views/MlpBaselineBar.h"
#include "widgets/PlotView.h"
#include "StallProbe.h"
#include "TestModels.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ImageAttackExperiment.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace latentset;

namespace {

std::shared_ptr<const Mlp> smallMlp() { return std::make_shared<const Mlp>(784, 16, 10, 5); }

bool waitForResult(AttackView& view, int ms = 60000)
{
    QSignalSpy shown(&view, &AttackView::resultShown);
    if (!view.running() && view.result())
        return true;
    return shown.wait(ms) || (!view.running() && view.result());
}

// A bare class-set model file as latentset-cli mnist --save writes one:
// top-level "AECF"/"AESE" and the MLP's "MLPN".
void writeModelFile(const QString& path, const AutoencoderSet& set, const Mlp* mlp)
{
    ChunkFile file(path.toStdString());
    ModelFile::writeSet(file, set, false);
    if (mlp)
        ModelFile::writeMlp(file, *mlp);
    file.save(path.toStdString());
}

void checkInsideBall(const ImageAttackResult& r, const ImageAttackSettings& s)
{
    QVERIFY(r.adversarial.minCoeff() >= 0.0f);
    QVERIFY(r.adversarial.maxCoeff() <= 1.0f);
    const double d = s.norm == AttackNorm::L2 ? double((r.adversarial - r.clean).norm())
                                              : double((r.adversarial - r.clean).cwiseAbs().maxCoeff());
    QVERIFY2(d <= s.eps * (1 + 1e-5) + 1e-6, qPrintable(QString("distance %1 > eps %2").arg(d).arg(s.eps)));
}

} // namespace

class AttackViewTest : public QObject {
    Q_OBJECT
private slots:
    void noClassSetShowsAMessage()
    {
        Session session;
        AttackView view(&session);
        view.resize(1200, 800);
        view.show();
        QVERIFY(!view.panelShown());
        QVERIFY(view.messageText().contains("No class set"));
        session.setClassSet(testmodels::classSet(5), testmodels::classGlyphNames());
        QVERIFY(view.panelShown());
        QVERIFY(view.messageText().isEmpty());
    }

    void attackWithoutMlp()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        session.setSamples(testmodels::classSamples(1));
        AttackView view(&session);
        view.resize(1300, 820);
        QVERIFY(!view.mlpBar()->isHidden());
        QVERIFY(view.mlpBar()->statusText().contains("No MLP baseline"));
        QVERIFY(view.statusText().contains("Run"));
        view.show(); // the first show attacks the input by itself
        QVERIFY(view.running());
        QVERIFY(waitForResult(view));
        QCOMPARE(view.result()->label, 0);
        ImageAttackSettings s;
        s.target = "mlp"; // not there: the view keeps the set
        s.norm = AttackNorm::Linf;
        s.eps = 0.2;
        view.setSettings(s);
        QCOMPARE(view.settings().target, std::string("set"));
        view.setTestDigit(3);
        QVERIFY(!view.result()); // a new input: the old result goes
        view.run();
        QVERIFY(view.running());
        QVERIFY(waitForResult(view));
        const ImageAttackResult& r = *view.result();
        checkInsideBall(r, view.settings());
        QVERIFY(r.set.present);
        QVERIFY(!r.mlp.present);
        QCOMPARE(r.label, 3);
        QCOMPARE(r.setScoresClean.size(), Index(10));
        QCOMPARE(view.scoreBars()->seriesCount(), 2);
        QVERIFY(view.numbersText().contains("none in the session"));
        QVERIFY(view.numbersText().contains("anomaly score"));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(view.exportCsv(dir.filePath("a.csv"), &error), qPrintable(error));
        QFile csv(dir.filePath("a.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY(text.contains("perturbation_linf,0,"));
        QVERIFY(text.contains("set_score_9,"));
        QVERIFY(!text.contains("mlp_decision"));
        QVERIFY2(view.exportPng(dir.filePath("a.png"), &error), qPrintable(error));
        QVERIFY(QImage(dir.filePath("a.png")).width() > 500);
        QTest::qWait(50);
        QVERIFY(view.grab().save(testmodels::shotPath("attack-view-no-mlp.png")));
    }

    void attackTheMlpUnderL2()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        session.setSamples(testmodels::classSamples(1));
        session.setMlpBaseline(smallMlp());
        AttackView view(&session);
        view.resize(1300, 820);
        view.show();
        QVERIFY(!view.mlpBar()->isVisible());
        for (const std::string attack : {"pgd", "fgsm", "ddn", "boundary"}) {
            ImageAttackSettings s;
            s.target = "mlp";
            s.norm = AttackNorm::L2;
            s.eps = 1.5;
            s.attack = attack;
            view.setSettings(s);
            QCOMPARE(view.settings().target, std::string("mlp"));
            QCOMPARE(view.settings().eps, 1.5);
            view.setTestDigit(1);
            view.run();
            QVERIFY(waitForResult(view));
            const ImageAttackResult& r = *view.result();
            QVERIFY(r.mlp.present);
            QVERIFY(r.adversarial.minCoeff() >= 0.0f && r.adversarial.maxCoeff() <= 1.0f);
            if (attack == "pgd" || attack == "fgsm")
                checkInsideBall(r, s);
            else // a minimal attack: the view says whether it lies within eps
                QCOMPARE(r.withinEps, r.l2 <= 1.5 * (1 + 1e-6) + 1e-9);
            QCOMPARE(r.attackedModel, std::string("mlp"));
        }
        QTest::qWait(50);
        QVERIFY(view.grab().save(testmodels::shotPath("attack-view-mlp.png")));
    }

    void pgdAtEpsZeroChangesNothing()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        session.setSamples(testmodels::classSamples(1));
        AttackView view(&session);
        ImageAttackSettings s;
        s.eps = 0;
        view.setSettings(s);
        view.setTestDigit(2);
        view.run();
        QVERIFY(waitForResult(view));
        QVERIFY(view.result()->adversarial == view.result()->clean);
        QCOMPARE(view.result()->l2, 0.0);
        QVERIFY(!view.result()->fooled);
    }

    void cancelStopsTheAttack()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        session.setSamples(testmodels::classSamples(1));
        AttackView view(&session);
        ImageAttackSettings s;
        s.attack = "boundary";
        s.norm = AttackNorm::L2;
        view.setSettings(s);
        view.run();
        view.cancel(); // before the job's first model call: it stops there
        QVERIFY(waitForResult(view));
        QVERIFY(view.result()->stopped);
        QVERIFY(view.result()->adversarial == view.result()->clean);
        QVERIFY(view.statusText().contains("Stopped"));
    }

    void drawnGlyphIsAttacked()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        session.addDrawnGlyph("V", testmodels::classGlyphs().col(4));
        AttackView view(&session);
        QVERIFY(view.setDrawnGlyph(0));
        view.run();
        QVERIFY(waitForResult(view));
        QVERIFY(view.result()->labelFromModel);
        QCOMPARE(view.result()->label, view.result()->set.clean);
    }

    void eq4NeedsTheLikelihoodModel()
    {
        Session session;
        const auto set = testmodels::classSet();
        session.setClassSet(set, testmodels::classGlyphNames());
        session.setSamples(testmodels::classSamples(1));
        AttackView view(&session);
        ImageAttackSettings s;
        s.setDecision = "eq4";
        view.setSettings(s);
        QCOMPARE(view.settings().setDecision, std::string("sse")); // disabled: no likelihood model
        std::vector<Matrix> data;
        const Matrix glyphs = testmodels::classGlyphs();
        for (int c = 0; c < set->size(); ++c) {
            Matrix x(784, 6);
            for (int k = 0; k < 6; ++k) // a few noisy copies: sigma and p(z) need spread
                x.col(k) = (glyphs.col(c).array() * (0.9f + 0.02f * float(k))).matrix();
            data.push_back(x);
        }
        LikelihoodSettings ls;
        ls.mixture.components = 1;
        session.setClassLikelihood(std::make_shared<const LikelihoodModel>(LikelihoodModel::fit(*set, data, ls)));
        view.setSettings(s);
        QCOMPARE(view.settings().setDecision, std::string("eq4"));
        view.setTestDigit(5);
        view.run();
        QVERIFY(waitForResult(view));
        QCOMPARE(view.result()->set.rule, std::string("set (eq. 4)"));
        QCOMPARE(view.result()->anomalyScore, std::string("eq. 4 (-max log p)"));
        QVERIFY(view.result()->adversarial.maxCoeff() <= 1.0f);
        // A set of another shape drops the likelihood model that no longer fits it.
        QSignalSpy dropped(&session, &Session::classLikelihoodChanged);
        session.setClassSet(testmodels::classSet(1), testmodels::classGlyphNames()); // same shape: kept
        QVERIFY(session.classLikelihood());
        QCOMPARE(dropped.count(), 0);
        session.setClassSet(std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(784, {32}, 4, true), 5, 3),
                            {});
        QVERIFY(!session.classLikelihood());
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(view.settings().setDecision, std::string("sse"));
    }

    void trainMlpBaseline()
    {
        Session session;
        session.setClassSet(testmodels::classSet(), testmodels::classGlyphNames());
        AttackView view(&session);
        view.setTrainingData([] { return testmodels::classSplits(4); });
        view.mlpBar()->setEpochs(2);
        QSignalSpy done(view.mlpBar(), &MlpBaselineBar::finished);
        view.mlpBar()->train();
        QVERIFY(view.mlpBar()->training());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(session.mlpBaseline());
        QCOMPARE(session.mlpBaseline()->inputSize(), Index(784));
        QCOMPARE(session.mlpBaseline()->hiddenSize(), Index(32)); // the set's hidden size
        QCOMPARE(session.mlpBaseline()->classCount(), Index(10));
        QVERIFY(view.statusText().contains("MLP baseline trained"));

        // Cancel: a long training stops and publishes nothing.
        Session other;
        other.setClassSet(testmodels::classSet(5), testmodels::classGlyphNames());
        MlpBaselineBar bar(&other);
        bar.setDataProvider([] { return testmodels::classSplits(40); });
        bar.setEpochs(100);
        QSignalSpy ended(&bar, &MlpBaselineBar::finished);
        bar.train();
        bar.cancel();
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.first().first().toBool(), false);
        QVERIFY(!other.mlpBaseline());
    }

    void mlpFromModelFileSurvivesProjectSave()
    {
        QTemporaryDir dir;
        const auto set = testmodels::classSet(5);
        const auto mlp = smallMlp();
        writeModelFile(dir.filePath("model.lset"), *set, mlp.get());
        Session session;
        ProjectFile::load(dir.filePath("model.lset"), session);
        QVERIFY(session.classSet());
        QVERIFY(session.mlpBaseline());
        ProjectFile::save(dir.filePath("project.lset"), session, QJsonObject{{"dataset", "mnist"}});
        Session reopened;
        ProjectFile::load(dir.filePath("project.lset"), reopened);
        QVERIFY(reopened.mlpBaseline());
        const Matrix x = testmodels::classGlyphs();
        const Matrix a = mlp->probabilities(x), b = reopened.mlpBaseline()->probabilities(x);
        QVERIFY((a - b).cwiseAbs().maxCoeff() < 1e-6f);
        // A model file without an MLP clears the one the session had.
        writeModelFile(dir.filePath("set-only.lset"), *set, nullptr);
        ProjectFile::load(dir.filePath("set-only.lset"), reopened);
        QVERIFY(!reopened.mlpBaseline());
    }

    void corruptMlpChunkFailsTheOpen()
    {
        QTemporaryDir dir;
        const auto set = testmodels::classSet(5);
        ChunkFile file(dir.filePath("bad.lset").toStdString());
        ModelFile::writeSet(file, *set, false);
        std::string payload(64, '\0');
        payload[0] = char(0x10); payload[1] = char(0x03); // 784 inputs...
        payload[8] = char(0xff); payload[9] = char(0xff); payload[10] = char(0xff); payload[11] = char(0x7f); // a huge hidden layer
        file.add("MLPN", 1, payload);
        file.save(dir.filePath("bad.lset").toStdString());
        Session session;
        session.setMlpBaseline(smallMlp());
        try {
            ProjectFile::load(dir.filePath("bad.lset"), session);
            QFAIL("a corrupt MLP chunk opened");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            qInfo("the open says: %s", e.what());
            QVERIFY2(message.contains("MLPN") || message.contains("MLP") || message.contains("mlp"), e.what());
        }
        QVERIFY(!session.classSet()); // nothing was applied
        QVERIFY(session.mlpBaseline());
    }

    void realModelTiming()
    {
        const QString path = qEnvironmentVariable("LATENTSET_ATTACK_MODEL");
        if (path.isEmpty())
            QSKIP("LATENTSET_ATTACK_MODEL not set");
        Session session;
        ProjectFile::load(path, session);
        QVERIFY(session.mlpBaseline());
        const DatasetSplits splits = DatasetCatalog::load("mnist");
        session.setSamples(std::make_shared<const Dataset>(splits.test));
        AttackView view(&session);
        view.resize(1400, 860);
        view.show();
        const QStringList attacks = qEnvironmentVariable("LATENTSET_ATTACK_KINDS", "pgd").split(',');
        for (const QString& attack : attacks)
            for (int digit : {0, 1, 2}) {
                ImageAttackSettings s;
                s.attack = attack.toStdString();
                s.setDecision = qEnvironmentVariable("LATENTSET_ATTACK_RULE", "sse").toStdString();
                s.norm = AttackNorm::L2;
                s.eps = 1.5;
                view.setSettings(s);
                view.setTestDigit(digit);
                testmodels::StallProbe probe;
                probe.start();
                view.run();
                QVERIFY(waitForResult(view, 600000));
                probe.stop();
                const ImageAttackResult& r = *view.result();
                QCOMPARE(view.settings().setDecision, s.setDecision);
                qInfo("%s L2 1.5 on test digit %d (label %d): %.3f s, %lld calls, fooled %d, L2 %.3f; GUI stall worst "
                      "%.1f ms wall, %.1f ms GUI-thread CPU, load %.2f",
                      qPrintable(attack), digit, r.label, r.seconds, r.calls, int(r.fooled), r.l2, probe.worstMs(),
                      probe.worstCpuMs(), testmodels::StallProbe::load());
                QVERIFY2(probe.worstCpuMs() < 50.0, qPrintable(QString("GUI thread busy %1 ms").arg(probe.worstCpuMs())));
                QTest::qWait(50); // the panel's layout catches up with the new numbers
                QVERIFY(view.grab().save(testmodels::shotPath(QString("attack-real-%1-%2.png").arg(attack).arg(digit))));
            }
    }

    // LATENTSET_MLP_EPOCHS=N with LATENTSET_ATTACK_MODEL: the file's set without
    // its MLP, "Train MLP baseline" on MNIST for N epochs (time, test accuracy).
    void realMlpTraining()
    {
        const QString path = qEnvironmentVariable("LATENTSET_ATTACK_MODEL");
        const int epochs = qEnvironmentVariableIntValue("LATENTSET_MLP_EPOCHS");
        if (path.isEmpty() || epochs <= 0)
            QSKIP("LATENTSET_ATTACK_MODEL and LATENTSET_MLP_EPOCHS not set");
        Session session;
        ProjectFile::load(path, session);
        session.setMlpBaseline(nullptr);
        auto splits = std::make_shared<const DatasetSplits>(DatasetCatalog::load("mnist"));
        AttackView view(&session);
        view.setTrainingData([splits] { return splits; });
        view.resize(1400, 860);
        view.show();
        QVERIFY(view.mlpBar()->isVisible());
        view.mlpBar()->setEpochs(epochs);
        QSignalSpy done(view.mlpBar(), &MlpBaselineBar::finished);
        testmodels::StallProbe probe;
        probe.start();
        view.mlpBar()->train();
        QVERIFY(done.wait(3600000));
        probe.stop();
        QVERIFY(done.first().first().toBool());
        QVERIFY(session.mlpBaseline());
        qInfo("%s; GUI stall worst %.1f ms wall, %.1f ms GUI-thread CPU, load %.2f", qPrintable(view.statusText()),
              probe.worstMs(), probe.worstCpuMs(), testmodels::StallProbe::load());
        QCOMPARE(session.mlpBaseline()->hiddenSize(), Index(2048));
    }
};

QTEST_MAIN(AttackViewTest)
#include "AttackView.test.moc"
