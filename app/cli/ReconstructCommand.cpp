// latentset-cli reconstruct: what each member of a set makes of images — the
// reconstructions, the squared errors 1/2 |x - f(g(x))|^2 (eq. 5's term) and
// the decision by the smallest one — as NumPy arrays (.npz) and as CSV, so
// results can be checked and plotted outside LatentSet (docs/interop.md,
// docs/cli.md).
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "image/ImageFolderReader.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/interop/NpzArchive.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <memory>

using namespace latentset;

namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One row per image: index, label, decision, then every member's error.
void writeCsv(CliReport& report, const QString& path, const Dataset& images, const Matrix& errors,
              const std::vector<int>& decisions)
{
    QString header = "index,label,decision";
    for (Index m = 0; m < errors.rows(); ++m)
        header += ",error_" + QString::number(m);
    CliCsv::write(report, path, header, [&](QTextStream& out) {
        for (Index j = 0; j < errors.cols(); ++j) {
            out << j << ',' << images.label(j) << ',' << decisions[std::size_t(j)];
            for (Index m = 0; m < errors.rows(); ++m)
                out << ',' << errors(m, j);
            out << '\n';
        }
    });
}

// images (B, n), labels (B,), reconstructions (M, B, n), errors (B, M), decisions (B,): rows are samples.
void writeNpz(const QString& path, const AutoencoderSet& set, const Matrix& x, const Dataset& images,
              const Matrix& errors, const std::vector<int>& decisions)
{
    const std::int64_t b = x.cols(), n = x.rows(), m = set.size();
    NpzArchive npz(path.toStdString());
    std::vector<float> pixels(std::size_t(b * n));
    Eigen::Map<RowMajor>(pixels.data(), b, n) = x.transpose();
    npz.add("images", NpyArray::float32({b, n}, pixels));
    npz.add("labels", NpyArray::int64({b}, std::vector<std::int64_t>(images.labels().begin(), images.labels().end())));
    std::vector<float> recon(std::size_t(m * b * n));
    for (int i = 0; i < set.size(); ++i)
        Eigen::Map<RowMajor>(recon.data() + std::size_t(i * b * n), b, n) = set.member(i).reconstruct(x).transpose();
    npz.add("reconstructions", NpyArray::float32({m, b, n}, recon));
    std::vector<float> e(std::size_t(b * m));
    Eigen::Map<RowMajor>(e.data(), b, m) = errors.transpose();
    npz.add("errors", NpyArray::float32({b, m}, e));
    npz.add("decisions", NpyArray::int64({b}, std::vector<std::int64_t>(decisions.begin(), decisions.end())));
    npz.save(path.toStdString());
}

} // namespace

int runReconstructCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Reconstruct images with every member of a set: the squared errors 1/2 |x - f(g(x))|^2 (eq. 5's\n"
        "term), the decision by the smallest, the accuracy against the labels. --out writes the images,\n"
        "reconstructions, errors and decisions as NumPy arrays (.npz, one row per image; docs/interop.md),\n"
        "--csv one row per image.");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "The model file (a class set).", "FILE"},
        {"dataset", "Images: a dataset id or path (IDX, CSV, a folder of class folders). Default: mnist.", "PATH|ID",
         "mnist"},
        {"size", "Image-folder datasets: resize every image to SxS pixels (default 28).", "S", "28"},
        {"split", "test or train (default test; train when the dataset has no test split).", "S", "test"},
        {"limit", "The first N images (0 = all; default 100).", "N", "100"},
        {"out", "Write images, reconstructions, errors and decisions here (.npz).", "FILE"},
        {"csv", "Write index, label, decision and each member's error per image here.", "FILE"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "reconstruct", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const bool train = options.oneOf("split", {"test", "train"}) == "train";
    const Index limit = options.atLeast<Index>("limit", 0);
    const QString modelPath = options.existingModelFile();
    auto set = std::make_shared<const AutoencoderSet>(
        ModelFile::readSet(ChunkFile::load(modelPath.toStdString())).inferenceCopy());
    const QString dataset = parser.value("dataset");
    const DatasetSplits splits = ImageFolderReader::isImageFolder(dataset)
                                     ? ImageFolderReader::read(dataset, options.integer<int>("size", 1, 1024))
                                     : DatasetCatalog::load(dataset.toStdString());
    const Dataset& split = train || splits.test.empty() ? splits.train : splits.test;
    const Index count = limit > 0 ? std::min(limit, split.size()) : split.size();
    std::vector<Index> first(static_cast<std::size_t>(count));
    for (Index j = 0; j < count; ++j)
        first[std::size_t(j)] = j;
    const Dataset images = split.subset(first);
    if (images.pixelCount() != set->config().inputSize)
        throw Error(modelPath.toStdString() + ": the set takes " + std::to_string(set->config().inputSize)
                    + " pixels, the images have " + std::to_string(images.pixelCount()));
    if (parser.isSet("out"))
        MemoryBudget::require(std::uint64_t(set->size() + 1) * std::uint64_t(count)
                                  * std::uint64_t(images.pixelCount()) * 8,
                              "the reconstructions of " + std::to_string(count) + " images");
    const SetClassifier classifier(set);
    const Matrix x = images.all();
    const Matrix errors = classifier.errors(x);
    const std::vector<int> decisions = classifier.decide(errors, false);
    Index correct = 0;
    for (Index j = 0; j < count; ++j)
        correct += decisions[std::size_t(j)] == images.label(j) ? 1 : 0;
    const double accuracy = count > 0 ? double(correct) / double(count) : 0.0;
    report.line(QString("%1 images of %2 (%3), %4 members: accuracy %5 % by the smallest squared error")
                    .arg(count)
                    .arg(QString::fromStdString(splits.name))
                    .arg(train || splits.test.empty() ? "train" : "test")
                    .arg(set->size())
                    .arg(100.0 * accuracy, 0, 'f', 2));
    if (parser.isSet("out")) {
        writeNpz(parser.value("out"), *set, x, images, errors, decisions);
        report.line("wrote " + parser.value("out"));
        report.set("out", parser.value("out"));
    }
    if (parser.isSet("csv"))
        writeCsv(report, parser.value("csv"), images, errors, decisions);
    report.set("images", double(count));
    report.set("members", set->size());
    report.set("accuracy", accuracy);
    report.set("mean_error", count > 0 ? double(errors.mean()) : 0.0);
    return 0;
}
