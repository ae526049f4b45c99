// latentset-cli dataset: what a dataset holds and how fast it loads.
//
//   latentset-cli dataset info [PATH|ID] [--validation N] [--size S] [--json]
//   latentset-cli dataset list [--json]
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"

#include "image/ImageFolderReader.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

using namespace latentset;

namespace {

QJsonArray countsJson(const Dataset& split)
{
    QJsonArray counts;
    for (Index count : split.countsPerClass())
        counts.append(double(count));
    return counts;
}

QString countsText(const Dataset& split)
{
    QStringList parts;
    const std::vector<Index> counts = split.countsPerClass();
    for (std::size_t c = 0; c < counts.size(); ++c)
        parts << QString("%1: %2").arg(QString::fromStdString(split.className(int(c)))).arg(counts[c]);
    return parts.join(", ");
}

int runList(CliReport& report)
{
    QJsonArray entries;
    for (const DatasetCatalog::Entry& entry : DatasetCatalog::known()) {
        report.line(QString("%1  %2  %3\n    %4")
                        .arg(QString::fromStdString(entry.id), -14)
                        .arg(entry.present ? "present" : "missing", -8)
                        .arg(QString::fromStdString(entry.path), QString::fromStdString(entry.description)));
        QJsonObject object;
        object["id"] = QString::fromStdString(entry.id);
        object["title"] = QString::fromStdString(entry.title);
        object["path"] = QString::fromStdString(entry.path);
        object["present"] = entry.present;
        entries.append(object);
    }
    report.line(QString("data folder: %1").arg(QString::fromStdString(DatasetCatalog::dataDirectory())));
    report.set("datasets", entries);
    report.set("data_dir", QString::fromStdString(DatasetCatalog::dataDirectory()));
    return 0;
}

// dataset info: `target` is the PATH|ID word (empty: the default dataset).
int runInfo(const QCommandLineParser& parser, QString target, CliReport& report)
{
    const CliOptions options(parser);
    const long long validation = options.atLeast<long long>("validation", 0);
    const int size = options.integer<int>("size", 1, 1024);

    if (target.isEmpty()) {
        const DatasetCatalog::Entry entry = DatasetCatalog::defaultDataset();
        if (entry.id.empty())
            throw Error("no dataset given and none installed (run tools/setup.sh, or give a path)");
        target = QString::fromStdString(entry.id);
    }

    Stopwatch clock;
    DatasetSplits splits = ImageFolderReader::isImageFolder(target)
                               ? ImageFolderReader::read(target, size)
                               : DatasetCatalog::load(target.toStdString());
    const double loadSeconds = clock.seconds();
    if (validation > 0)
        splits.carveValidation(Index(validation));

    const Dataset& primary = splits.train.empty() ? splits.test : splits.train;
    report.line(QString("%1 (%2)").arg(QString::fromStdString(splits.name), QString::fromStdString(splits.source)));
    report.line(QString("image size %1x%2, %3 classes, loaded in %4 s")
                    .arg(primary.width())
                    .arg(primary.height())
                    .arg(primary.classCount())
                    .arg(loadSeconds, 0, 'f', 3));
    QJsonObject splitsJson;
    for (const auto& [key, split] : {std::pair<const char*, const Dataset*>{"train", &splits.train},
                                     {"validation", &splits.validation},
                                     {"test", &splits.test}}) {
        if (split->empty())
            continue;
        report.line(QString("%1: %2 images; per class: %3").arg(key).arg(split->size()).arg(countsText(*split)));
        QJsonObject object;
        object["images"] = double(split->size());
        object["counts"] = countsJson(*split);
        splitsJson[key] = object;
    }
    QJsonArray names;
    for (int c = 0; c < primary.classCount(); ++c)
        names.append(QString::fromStdString(primary.className(c)));

    report.set("name", QString::fromStdString(splits.name));
    report.set("images", double(primary.size()));
    report.set("classes", primary.classCount());
    report.set("width", primary.width());
    report.set("height", primary.height());
    report.set("load_seconds", loadSeconds);
    report.set("counts", countsJson(primary));
    report.set("class_names", names);
    report.set("splits", splitsJson);
    return 0;
}

} // namespace

int runDatasetCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Inspect a dataset.\n\n"
        "  dataset info [PATH|ID]  counts per class, image size, load time.\n"
        "                          PATH: IDX folder or file (raw/.gz), .csv file, or a folder\n"
        "                          with one subfolder of PNG/JPG images per class.\n"
        "                          ID: mnist, fashion-mnist. Default: the first known dataset present.\n"
        "  dataset list            the known datasets and where they are looked for.\n\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    parser.addHelpOption();
    parser.addPositionalArgument("action", "info or list");
    parser.addPositionalArgument("path", "dataset path or id (info only)", "[PATH|ID]");
    const QCommandLineOption validationOption(
        "validation", "Carve N training images into a validation split (seeded, stratified).", "N", "0");
    const QCommandLineOption sizeOption(
        "size", "Image-folder datasets: resize every image to SxS pixels (default 28).", "S", "28");
    parser.addOption(validationOption);
    parser.addOption(sizeOption);
    // Errors name the action when there is one: "latentset-cli dataset info: ...".
    const QString word = arguments.value(1);
    const std::string command = word == "info" || word == "list" ? "dataset " + word.toStdString() : "dataset";
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, command, exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (action == "list")
        return runList(report);
    if (action != "info" || positional.size() > 2) {
        std::fprintf(stderr, "latentset-cli dataset: expected 'info [PATH|ID]' or 'list' (see --help)\n");
        return 2;
    }
    return CliOptions::run(command, [&] { return runInfo(parser, positional.value(1), report); });
}
