// latentset-cli latent: the latent map (docs/latent-map.md, docs/cli.md) — the
// codes of a class set's test images or of a world's held-out items in every
// context, projected to 2-D by PCA or t-SNE, and the shared-latent check:
// within-item spread / between-item distance. The experiment is core's
// LatentMapExperiment; this file picks the inputs for the model file's kind,
// prints, and writes the CSV of coordinates and the PNG (ui/image/LatentScatter).
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliPng.h"
#include "CliReport.h"
#include "Commands.h"
#include "CubeCliSupport.h"
#include "WorldCliSupport.h"
#include "image/ImageFolderReader.h"
#include "image/LatentScatter.h"

#include "latentset/cube/CubeDataset.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/experiments/LatentMapExperiment.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/world/WorldModel.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QTextStream>

#include <memory>

using namespace latentset;

namespace {

// t-SNE's stages and iterations as progress lines.
class ProgressLines : public ExperimentObserver {
public:
    explicit ProgressLines(const CliReport& report) : report_(report) {}
    void stageReached(const std::string& stage) override
    {
        if (stage == "neighbours" || stage == "affinities")
            report_.line(QString("t-SNE: %1").arg(QString::fromStdString(stage)));
    }
    void progress(const std::string&, const TrainerProgress& p) override
    {
        report_.line(QString("t-SNE iteration %1 / %2  KL %3  (%4 s)")
                         .arg(p.epoch)
                         .arg(p.epochs)
                         .arg(p.losses.empty() ? 0.0 : double(p.losses.front()), 0, 'f', 4)
                         .arg(p.elapsedSeconds, 0, 'f', 1));
    }
    void note(const std::string& message) override { report_.line(QString::fromStdString(message)); }

private:
    const CliReport& report_;
};

// The experiment for the model file's kind: a cube world (held-out MNIST
// digits on the cube), a world model (its held-out items) or a class set
// (--dataset's test split).
std::unique_ptr<LatentMapExperiment> experimentFor(const QCommandLineParser& parser, const CliOptions& options,
                                                   const LatentMapSettings& settings, QString& what)
{
    const ChunkFile file = ChunkFile::load(settings.model);
    if (CubeModel::isCubeModel(file)) {
        const CubeModel cube = CubeModel::from(file);
        auto members = std::make_shared<const AutoencoderSet>(cube.members.inferenceCopy());
        auto world = std::make_shared<const CubeDataset>(cube.contexts, cubecli::mnistSplit(true));
        what = QString("cube world, %1 contexts, held-out MNIST test digits").arg(world->contextCount());
        return std::make_unique<LatentMapExperiment>(settings, members, world);
    }
    if (WorldModel::isWorldModel(file)) {
        auto model = std::make_shared<const WorldModel>(WorldModel::from(file));
        const WorldSource source = worldcli::sourceFor(model->spec);
        model->checkFits(*source.test);
        auto members = std::make_shared<const AutoencoderSet>(model->members.inferenceCopy());
        what = QString("%1 world, %2 contexts, held-out items")
                   .arg(QString::fromStdString(source.test->kind()))
                   .arg(source.test->contextCount());
        return std::make_unique<LatentMapExperiment>(settings, members, source.test);
    }
    auto set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
    const QString dataset = parser.value("dataset");
    const DatasetSplits splits = ImageFolderReader::isImageFolder(dataset)
                                     ? ImageFolderReader::read(dataset, options.integer<int>("size", 1, 1024))
                                     : DatasetCatalog::load(dataset.toStdString());
    auto images = std::make_shared<const Dataset>(splits.test.empty() ? splits.train : splits.test);
    what = QString("class set of %1 members, %2 %3 images, %4")
               .arg(set->size())
               .arg(QString::fromStdString(splits.name))
               .arg(splits.test.empty() ? "train" : "test")
               .arg(settings.member < 0 ? QString("each by the member that explains it best")
                                        : QString("all by member %1").arg(settings.member));
    return std::make_unique<LatentMapExperiment>(settings, set, images);
}

LatentMapSettings settingsFrom(const QCommandLineParser& parser, const CliOptions& options)
{
    LatentMapSettings s;
    s.model = options.existingModelFile().toStdString();
    if (parser.value("method") == "umap")
        throw CliOptions::UsageError("--method umap: not available (no UMAP library for C++ in Debian 12, and "
                                     "LatentSet implements t-SNE only; see docs/latent-map.md); use pca or tsne");
    s.method = options.oneOf("method", {"pca", "tsne"}).toStdString();
    s.points = options.integer<int>("points", 4, LatentMapSettings::kMaxPoints);
    s.member = options.integer<int>("member", -1, 1 << 20);
    s.tsne.perplexity = options.number("perplexity", 2, 200);
    s.tsne.iterations = options.integer<int>("iterations", 1, 100000);
    s.tsne.exaggerationIterations = std::min(s.tsne.exaggerationIterations, s.tsne.iterations);
    s.tsne.seed = options.atLeast<std::uint64_t>("seed", 0);
    return s;
}

// The colour of every point and the names of the colours.
std::vector<int> colours(const LatentMapResult& r, const QString& by, QStringList& names)
{
    if (by == "context") {
        for (const std::string& n : r.contextNames)
            names << QString::fromStdString(n);
        return r.context;
    }
    if (by == "item") {
        int top = 0;
        for (int i : r.item)
            top = std::max(top, i + 1);
        for (int i = 0; i < top; ++i)
            names << QString("item %1").arg(i);
        return r.item;
    }
    for (const std::string& n : r.labelNames)
        names << QString::fromStdString(n);
    return r.label;
}

void writeCsv(CliReport& report, const QString& path, const LatentMapResult& r)
{
    CliCsv::write(report, path, "point,x,y,item,context,context_name,label,label_name", [&](QTextStream& out) {
        for (Index i = 0; i < r.coordinates.cols(); ++i) {
            const int c = r.context[std::size_t(i)], l = r.label[std::size_t(i)];
            out << i << ',' << QString::number(r.coordinates(0, i), 'g', 7) << ','
                << QString::number(r.coordinates(1, i), 'g', 7) << ',' << r.item[std::size_t(i)] << ',' << c << ','
                << CliCsv::quoted(r.contextNames[std::size_t(c)]) << ',' << l << ','
                << CliCsv::quoted(l >= 0 ? r.labelNames[std::size_t(l)] : std::string()) << '\n';
        }
    });
}

void writePng(CliReport& report, const QCommandLineParser& parser, const CliOptions& options, const LatentMapResult& r,
              const QString& title)
{
    QStringList names;
    std::vector<int> colour = colours(r, options.oneOf("colour", {"class", "context", "item"}), names);
    LatentScatter scatter(r.coordinates, std::move(colour), names);
    if (r.kind == "world")
        scatter.setLines(r.item);
    scatter.setTitle(title);
    const int size = options.integer<int>("png-size", 200, 4000);
    CliPng::write(report, parser.value("png"), scatter.image(QSize(size + 150, size)), "latent", title);
}

} // namespace

int runLatentCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "The latent map: the codes of a class set's test images (each by the member that explains it best,\n"
        "or by --member) or of a world's held-out items in every context, projected to 2-D by PCA or\n"
        "t-SNE, and the shared-latent check: the mean spread of one item's codes across contexts over\n"
        "the mean distance between items (class sets: grouped by class). docs/latent-map.md.");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "A class set, cube world or world model file.", "FILE"},
        {"method", "pca (exact) or tsne (Barnes-Hut; umap is not available). Default pca.", "M", "pca"},
        {"colour", "The PNG's colours: class, context or item (default class).", "BY", "class"},
        {"points", "At most N points (a world: N / contexts items in every context). Default 2000.", "N", "2000"},
        {"member", "Class sets: the member that encodes every image (-1 = the best one, default).", "M", "-1"},
        {"dataset", "Class sets: the images (dataset id or path; default mnist).", "PATH|ID", "mnist"},
        {"size", "Image-folder datasets: resize every image to SxS pixels (default 28).", "S", "28"},
        {"perplexity", "t-SNE perplexity (default 30).", "P", "30"},
        {"iterations", "t-SNE iterations (default 1000).", "N", "1000"},
        {"seed", "t-SNE seed of the initial layout (default 1).", "S", "1"},
        {"csv", "Write the coordinates here: point, x, y, item, context, label (one row per point).", "FILE"},
        {"png", "Write the map here.", "FILE"},
        {"png-size", "The PNG's plot height in pixels (default 700).", "S", "700"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "latent", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const LatentMapSettings settings = settingsFrom(parser, options);
    options.oneOf("colour", {"class", "context", "item"});
    if (parser.isSet("png"))
        options.integer<int>("png-size", 200, 4000);
    QString what;
    auto experiment = experimentFor(parser, options, settings, what);
    ProgressLines observer(report);
    const LatentMapResult r = experiment->run(&observer);
    const Index n = r.codes.cols();
    report.line(QString("%1: %2 points (%3 items x %4 contexts), %5-dimensional codes in %6 s")
                    .arg(what)
                    .arg(n)
                    .arg(r.items)
                    .arg(r.contexts)
                    .arg(r.codes.rows())
                    .arg(r.encodeSeconds, 0, 'f', 2));
    const QString method = settings.method == "pca" ? "PCA" : "t-SNE";
    report.line(QString("%1 in %2 s").arg(method).arg(r.seconds, 0, 'f', 3)
                + (settings.method == "tsne"
                       ? QString(" (%1 iterations, perplexity %2, KL %3)").arg(r.iterations).arg(r.perplexity).arg(r.kl, 0, 'f', 4)
                       : QString()));
    if (r.measured)
        report.line(QString("shared-latent check by %1: within spread %2, between distance %3, ratio %4 (%5 groups)")
                        .arg(QString::fromStdString(r.spreadBy))
                        .arg(r.spread.within, 0, 'f', 4)
                        .arg(r.spread.between, 0, 'f', 4)
                        .arg(r.spread.ratio, 0, 'f', 4)
                        .arg(r.spread.items));
    else
        report.line("shared-latent check: not measured (fewer than two groups, or none seen twice)");
    const QString title = QString("%1 of %2 codes: %3").arg(method).arg(n).arg(what);
    if (parser.isSet("csv"))
        writeCsv(report, parser.value("csv"), r);
    if (parser.isSet("png"))
        writePng(report, parser, options, r, title);
    report.set("method", QString::fromStdString(settings.method));
    report.set("points", double(n));
    report.set("kind", QString::fromStdString(r.kind));
    report.set("spread_by", QString::fromStdString(r.spreadBy));
    report.set("within_item_spread", r.measured ? QJsonValue(r.spread.within) : QJsonValue());
    report.set("between_item_distance", r.measured ? QJsonValue(r.spread.between) : QJsonValue());
    report.set("ratio", r.measured ? QJsonValue(r.spread.ratio) : QJsonValue());
    report.set("seconds", r.seconds);
    report.set("encode_seconds", r.encodeSeconds);
    if (settings.method == "tsne")
        report.set("kl", r.kl);
    return 0;
}
