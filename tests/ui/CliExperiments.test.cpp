// What latentset-cli runs is the core experiment: the command (parse -> run
// -> print, app/cli) and a direct call of the experiment with the same
// settings give the same bits. mnist and likelihood (--quick-train --save):
// the saved model files are byte-equal; cube train: the saved members equal
// the direct run's; units: the CSV is the experiment's table.
#include "CliReport.h"
#include "Commands.h"

#include "latentset/cube/CubeModel.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/ClassSetExperiment.h"
#include "latentset/experiments/CubeWorldExperiment.h"
#include "latentset/experiments/LatentMapExperiment.h"
#include "latentset/experiments/LikelihoodExperiment.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/experiments/UnitsExperiment.h"
#include "latentset/experiments/UnitsTable.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/Random.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace latentset;

namespace {

// 3 classes of 8x8 noise, brighter per class: <dir>/small_train.csv + small_test.csv.
QString writeSmallCsv(const QString& dir)
{
    Random rng(5);
    for (const auto& [file, count] : {std::pair{"small_train.csv", 90}, std::pair{"small_test.csv", 45}}) {
        std::ofstream out((dir + "/" + file).toStdString());
        out << "label";
        for (int p = 0; p < 64; ++p)
            out << ",pixel" << p;
        out << '\n';
        for (int i = 0; i < count; ++i) {
            out << i % 3;
            for (int p = 0; p < 64; ++p)
                out << ',' << int(rng.uniform() * 90.0 + (i % 3) * 80.0 * ((p + i) % 3 == 0));
            out << '\n';
        }
    }
    return dir + "/small_train.csv";
}

QByteArray slurp(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class CliExperiments : public QObject {
    Q_OBJECT
private slots:
    void mnistCommandEqualsTheExperiment()
    {
        QTemporaryDir dir;
        const QString csv = writeSmallCsv(dir.path());
        const QString viaCli = dir.filePath("cli.lset"), direct = dir.filePath("direct.lset");
        CliReport report(false);
        const int rc = runMnistCommand({"mnist", "--dataset", csv, "--epochs", "2", "--mlp-epochs", "1", "--hidden", "8",
                                        "--latent", "2", "--batch", "8", "--mlp-batch", "16", "--noise", "0.1",
                                        "--calibration", "10", "--threads", "2", "--seed", "7", "--save", viaCli},
                                       report);
        QCOMPARE(rc, 0);
        ClassSetExperimentSettings s;
        s.dataset = csv.toStdString();
        s.model = AutoencoderConfig::make(784, {8}, 2, true);
        s.epochs = 2;
        s.mlpEpochs = 1;
        s.batchSize = 8;
        s.mlpBatchSize = 16;
        s.optimizer.learningRate = 0.001f;
        s.maskingNoise = 0.1f;
        s.calibrationPerClass = 10;
        s.threads = 2;
        s.seed = 7;
        s.gemmBenchmark = false; // timing only: no bits of the model depend on it
        s.savePath = direct.toStdString();
        ClassSetExperiment(s).run();
        const QByteArray a = slurp(viaCli), b = slurp(direct);
        QVERIFY(!a.isEmpty());
        QVERIFY(a == b);
    }

    void likelihoodCommandEqualsTheExperiment()
    {
        QTemporaryDir dir;
        const QString csv = writeSmallCsv(dir.path());
        const QString viaCli = dir.filePath("cli.lset"), direct = dir.filePath("direct.lset");
        CliReport report(false);
        const int rc = runLikelihoodCommand({"likelihood", "--dataset", csv, "--fashion", dir.filePath("none"), "--quick-train",
                                             "2", "--quick-hidden", "8", "--validation", "15", "--components", "1",
                                             "--path", "dense", "--speed-samples", "4", "--threads", "2", "--seed", "3",
                                             "--model", viaCli, "--save"},
                                            report);
        QCOMPARE(rc, 0);
        LikelihoodExperimentSettings s;
        s.dataset = csv.toStdString();
        s.fashion = dir.filePath("none").toStdString();
        s.quickTrainEpochs = 2;
        s.quickHidden = 8;
        s.validation = 15;
        s.likelihood.mixture.components = 1;
        s.path = LikelihoodEstimator::Path::Dense;
        s.speedSamples = 4;
        s.threads = 2;
        s.seed = 3;
        s.model = direct.toStdString();
        s.save = true;
        LikelihoodExperiment(s).run();
        const QByteArray a = slurp(viaCli), b = slurp(direct);
        QVERIFY(!a.isEmpty());
        QVERIFY(a == b);
    }

    void unitsCommandEqualsTheExperiment()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("set.lset"), csv = dir.filePath("units.csv");
        const AutoencoderSet set(AutoencoderConfig::make(784, {12}, 3, true), 4, 9);
        ModelFile::saveSet(model.toStdString(), set);
        CliReport report(false);
        const int rc = runUnitsCommand({"units", "--model", model, "--member", "2", "--glyph", "plus", "--sort",
                                        "activation", "--step", "2.5", "--steps", "7", "--csv", csv},
                                       report);
        QCOMPARE(rc, 0);
        UnitsSettings s;
        s.member = 2;
        s.order = UnitsSettings::Order::Activation;
        s.step = 2.5f;
        s.steps = 7;
        const UnitsResult r = UnitsExperiment::run(ModelFile::loadSet(model.toStdString()), BuiltinGlyphs::render("plus"),
                                                   s, UnitsPictures::square(784));
        std::ostringstream rows;
        UnitsTable::writeRows(r, rows);
        const QByteArray expected = QByteArray::fromStdString(UnitsTable::header(r) + "\n" + rows.str());
        QCOMPARE(slurp(csv), expected);
    }

    void cubeTrainCommandEqualsTheExperiment()
    {
        if (!std::filesystem::exists(DatasetCatalog::mnistDirectory()))
            QSKIP("MNIST of the set-up (tools/setup.sh) not found: cube train paints MNIST digits");
        QTemporaryDir dir;
        const QString viaCli = dir.filePath("cube.lset");
        CliReport report(false);
        const int rc = runCubeCommand({"cube", "train", "--steps", "4", "--contexts", "6", "--hidden", "8", "--latent", "4",
                                       "--batch", "8", "--eval-digits", "2", "--threads", "2", "--save", viaCli},
                                      report);
        QCOMPARE(rc, 0);
        CubeWorldSettings s;
        s.steps = 4;
        s.contexts = 6;
        s.training.hidden = 8;
        s.training.latent = 4;
        s.training.batchSize = 8;
        s.evalDigits = 2;
        s.threads = 2;
        CubeWorldExperiment experiment(s);
        const CubeWorldResult r = experiment.run();
        const CubeModel saved = CubeModel::load(viaCli.toStdString());
        QCOMPARE(saved.rounds, r.rounds);
        const Matrix x = Matrix::Constant(saved.members.config().inputSize, 1, 0.3f);
        for (int m = 0; m < saved.members.size(); ++m)
            QCOMPARE((saved.members.member(m).reconstruct(x) - r.members->member(m).reconstruct(x)).cwiseAbs().maxCoeff(),
                     0.0f);
        QCOMPARE(saved.selfError, r.transfer.selfError);
    }

    void latentCommandEqualsTheExperiment()
    {
        QTemporaryDir dir;
        const QString csv = writeSmallCsv(dir.path());
        const auto set = std::make_shared<const AutoencoderSet>(AutoencoderConfig::make(64, {12}, 3, true), 3, 4);
        ChunkFile file;
        ModelFile::writeSet(file, *set, false);
        const QString model = dir.filePath("set.lset");
        file.save(model.toStdString());
        CliReport report(false);
        const QString out = dir.filePath("latent.csv");
        QCOMPARE(runLatentCommand({"latent", "--model", model, "--dataset", csv, "--points", "40", "--csv", out}, report), 0);
        LatentMapSettings s;
        s.points = 40;
        const DatasetSplits splits = DatasetCatalog::load(csv.toStdString());
        const LatentMapResult r =
            LatentMapExperiment(s, set, std::make_shared<const Dataset>(splits.test)).run();
        const QStringList rows = QString(slurp(out)).trimmed().split('\n');
        QCOMPARE(rows.size(), 41);
        for (int i = 0; i < 40; ++i) {
            const QStringList f = rows[i + 1].split(',');
            QVERIFY(std::abs(f[1].toDouble() - r.coordinates(0, i)) <= 1e-6 * (1 + std::abs(r.coordinates(0, i))));
            QVERIFY(std::abs(f[2].toDouble() - r.coordinates(1, i)) <= 1e-6 * (1 + std::abs(r.coordinates(1, i))));
            QCOMPARE(f[4].toInt(), r.context[std::size_t(i)]);
            QCOMPARE(f[6].toInt(), r.label[std::size_t(i)]);
        }
    }
};

QTEST_GUILESS_MAIN(CliExperiments)
#include "CliExperiments.test.moc"
