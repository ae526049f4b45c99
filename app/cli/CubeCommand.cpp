// latentset-cli cube: the cube world (docs/cube-geometry.md, docs/cli.md; paper §7-9).
//
//   latentset-cli cube render   [--theta T] [--digit-index K | --glyph G] [--png out.png] [--contexts | --masks | --strip N]
//   latentset-cli cube train    [--steps N] [--minutes M] [--contexts 100|400] [--save FILE] [--csv FILE] ...
//   latentset-cli cube transfer --model FILE [--source C] [--digit-index K | --glyph G] [--png out.png]
//   latentset-cli cube bench    [--hidden H] [--batch B]   (member input: mask vs padded vs full frame)
//
// The experiments are core code (core/latentset/cube); this file parses
// options, prints figures and writes PNGs with QImage.
#include "Commands.h"
#include "CliOptions.h"
#include "CliReport.h"
#include "ConceptCliSupport.h"
#include "image/ImageConvert.h"
#include "image/PngWriter.h"

#include "latentset/cube/ContextTransfer.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/experiments/CubeWorldExperiment.h"
#include "latentset/experiments/GlyphTransfer.h"
#include "latentset/experiments/MnistData.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/nn/Trainer.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QPainter>
#include <QTextStream>

#include <cstdio>
#include <memory>
#include <thread>
#include <utility>

using namespace latentset;

namespace {

// Frames (frameSize x N) as a grid of `columns` cells with a 2-pixel grey
// gutter, each cell enlarged `zoom` times; `highlight` gets a bright frame.
QImage galleryImage(const Matrix& frames, int size, int columns, int zoom, int highlight = -1)
{
    const int n = int(frames.cols());
    const int rows = (n + columns - 1) / columns;
    const int cell = size * zoom, gap = 2;
    QImage image(columns * (cell + gap) + gap, rows * (cell + gap) + gap, QImage::Format_RGB32);
    image.fill(QColor(60, 60, 60));
    QPainter painter(&image);
    for (int c = 0; c < n; ++c) {
        const int x = gap + (c % columns) * (cell + gap), y = gap + (c / columns) * (cell + gap);
        const Vector column = frames.col(c);
        painter.drawImage(x, y, ImageConvert::toImage(column, size, size, zoom));
        if (c == highlight) {
            painter.setPen(QPen(QColor(255, 200, 0), 2));
            painter.drawRect(x - 1, y - 1, cell + 1, cell + 1);
        }
    }
    return image;
}

// The glyph an option names: --glyph (built-in, digit, image file) or an
// MNIST image by index.
Vector pickGlyph(const QCommandLineParser& parser, const Dataset& digits, QString& description)
{
    if (parser.isSet("glyph")) {
        description = parser.value("glyph");
        return conceptcli::glyphFromArgument(parser.value("glyph"));
    }
    const Index k = CliOptions(parser).integer<Index>("digit-index", 0, double(digits.size() - 1));
    description = QString("%1 #%2 (a %3)")
                      .arg(QString::fromStdString(digits.name()))
                      .arg(qint64(k))
                      .arg(QString::fromStdString(digits.className(digits.label(k))));
    return digits.imageVector(k);
}

Dataset mnistSplit(bool test) { return test ? MnistData::test() : MnistData::train(); }

void addCommon(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument("action", "render, train or transfer");
}

// ---------------------------------------------------------------- render
int runRender(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Render a cube with a glyph on its faces (geometry: docs/cube-geometry.md).\n\n"
        "  cube render --theta 30 --digit-index 7 --png cube.png\n"
        "  cube render --contexts --glyph V --png contexts.png   (the glyph in every context, 10x10)\n"
        "  cube render --masks --png masks.png                    (every context's mask)\n"
        "  cube render --strip 9 --png strip.png                  (cubes at 0, 10, ... 80 degrees)");
    addCommon(parser);
    parser.addOptions({
        {"theta", "Turn of the cube about its vertical axis, degrees (any; [0,90) covers every view).", "T", "30"},
        {"digit-index", "MNIST training image to paint (default 0).", "K", "0"},
        {"glyph", "Paint this instead: a built-in glyph (V, plus, circle...), a digit 0-9, or an image file.", "G"},
        {"png", "Write the picture here.", "FILE"},
        {"zoom", "Enlarge each pixel this many times in the PNG (default 4).", "Z", "4"},
        {"size", "Frame size in pixels (default 64).", "S", "64"},
        {"no-shading", "Paint every face with full brightness."},
        {"contexts", "Draw the glyph in every context (10x10 for 100 contexts)."},
        {"masks", "Draw every context's mask."},
        {"context-count", "Contexts for --contexts/--masks (default 100).", "N", "100"},
        {"strip", "Draw N cubes at theta = 0, 90/N, ... instead of one.", "N"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube render", exitCode))
        return exitCode;
    const CliOptions options(parser);

    CubeContextsConfig config = CubeContextsConfig::forCount(options.integer<int>("context-count", 2, 10000));
    config.cube.imageSize = options.integer<int>("size", 16, 512);
    config.cube.shading = !parser.isSet("no-shading");
    const int zoom = options.integer<int>("zoom", 1, 32);
    const int size = config.cube.imageSize;

    QString what;
    Vector glyph;
    if (!parser.isSet("masks")) {
        const Dataset digits = parser.isSet("glyph") ? Dataset() : mnistSplit(false);
        glyph = pickGlyph(parser, digits, what);
    }

    QImage image;
    if (parser.isSet("contexts") || parser.isSet("masks")) {
        const CubeContexts contexts(config);
        Matrix frames = Matrix::Zero(contexts.frameSize(), contexts.size());
        for (int c = 0; c < contexts.size(); ++c) {
            const FaceWarp& w = contexts.warp(c);
            if (parser.isSet("masks")) {
                frames.col(c) = w.maskFrame();
            } else {
                Matrix column = Matrix::Zero(contexts.frameSize(), 1);
                w.scatter(w.apply(glyph), column);
                frames.col(c) = column;
            }
        }
        image = galleryImage(frames, size, contexts.gridColumns(), zoom);
        Index smallest = contexts.warp(0).maskSize(), total = 0;
        for (int c = 0; c < contexts.size(); ++c) {
            smallest = std::min(smallest, contexts.warp(c).maskSize());
            total += contexts.warp(c).maskSize();
        }
        report.line(QString("%1 contexts (%2 side + %3 top); mask pixels: smallest %4, largest %5, mean %6")
                        .arg(contexts.size())
                        .arg(contexts.sideCount())
                        .arg(contexts.topCount())
                        .arg(smallest)
                        .arg(contexts.largestMask())
                        .arg(double(total) / contexts.size(), 0, 'f', 1));
        report.set("contexts", contexts.size());
        report.set("largest_mask", double(contexts.largestMask()));
        report.set("smallest_mask", double(smallest));
        report.set("mean_mask", double(total) / contexts.size());
    } else {
        const CubeContexts contexts(config);
        const CubeRenderer renderer(contexts.geometry());
        const bool strip = parser.isSet("strip");
        const int count = strip ? options.integer<int>("strip", 1, 90) : 1;
        const double theta = options.number("theta", -1e6, 1e6);
        Matrix frames(contexts.frameSize(), count);
        QJsonArray faces;
        for (int k = 0; k < count; ++k) {
            const double t = strip ? 90.0 * k / count : theta;
            frames.col(k) = renderer.renderCube(t, glyph);
            const auto ctx = contexts.contextsOfCube(t);
            report.line(QString("theta %1: front face in context %2, left face %3, top %4")
                            .arg(t, 0, 'f', 1)
                            .arg(ctx[0])
                            .arg(ctx[1])
                            .arg(ctx[2]));
            if (!strip)
                faces = QJsonArray{ctx[0], ctx[1], ctx[2]};
        }
        image = galleryImage(frames, size, count, zoom);
        report.set("theta", theta);
        report.set("face_contexts", faces);
    }
    report.line(QString("glyph: %1").arg(what.isEmpty() ? QString("(none)") : what));
    if (parser.isSet("png")) {
        PngWriter(parser.value("png")).write(image);
        report.line(QString("wrote %1 (%2x%3)").arg(parser.value("png")).arg(image.width()).arg(image.height()));
        report.set("png", parser.value("png"));
    }
    report.set("size", size);
    return 0;
}

// ---------------------------------------------------------------- train
void writeCsv(const Matrix& pairs, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot write");
    QTextStream out(&file);
    out << "source\\target";
    for (Index j = 0; j < pairs.cols(); ++j)
        out << "," << j;
    out << "\n";
    for (Index i = 0; i < pairs.rows(); ++i) {
        out << i;
        for (Index j = 0; j < pairs.cols(); ++j)
            out << "," << QString::number(pairs(i, j), 'g', 6);
        out << "\n";
    }
}

// Prints the experiment's progress every few seconds (on the training
// thread, Trainer.h: it only prints). The time budget is the experiment's.
struct CubeTrainPrinter : ExperimentObserver {
    CubeTrainPrinter(const CliReport& r, double every, const CubeWorldExperiment& e)
        : report(r), everySeconds(every), experiment(e)
    {
    }
    void progress(const std::string&, const TrainerProgress& p) override
    {
        if (!p.losses.empty()) {
            self += p.losses[0];
            cross += p.losses.size() > 1 ? p.losses[1] : 0.0f;
            ++reports;
        }
        if (since.seconds() >= everySeconds && reports > 0) {
            const double s = self / reports, c = cross / reports;
            const std::int64_t rounds = experiment.partial().rounds;
            report.line(QString("round %1  %2 s  loss/pixel self %3  cross %4  (%5 samples/s)")
                            .arg(rounds)
                            .arg(p.elapsedSeconds, 0, 'f', 0)
                            .arg(s, 0, 'f', 4)
                            .arg(c, 0, 'f', 4)
                            .arg(p.samplesPerSecond, 0, 'f', 0));
            history.append(QJsonArray{double(rounds), p.elapsedSeconds, s, c});
            self = cross = 0;
            reports = 0;
            since.restart();
        }
    }
    void stageReached(const std::string& stage) override
    {
        if (stage != "model")
            return;
        const CubeWorldResult& r = experiment.partial();
        report.line(QString("%1 contexts (%2 side + %3 top), members %4 (padded mask input), %5 threads, set-up %6 s")
                        .arg(r.contexts->size())
                        .arg(r.contexts->sideCount())
                        .arg(r.contexts->topCount())
                        .arg(QString::fromStdString(r.memberDescription))
                        .arg(r.threads)
                        .arg(r.setupSeconds, 0, 'f', 1));
    }

    const CliReport& report;
    double everySeconds;
    const CubeWorldExperiment& experiment;
    Stopwatch since;
    double self = 0, cross = 0;
    int reports = 0;
    QJsonArray history;
};

void printTrainResult(const CliReport& report, const CubeWorldResult& r, int evalDigits)
{
    const ContextTransfer::Errors& e = r.transfer;
    report.line(QString("trained %1 rounds in %2 s (%3 ms/round, %4 samples/s)")
                    .arg(r.rounds)
                    .arg(r.trainSeconds, 0, 'f', 1)
                    .arg(r.msPerRound, 0, 'f', 1)
                    .arg(r.samplesPerSecond, 0, 'f', 0));
    report.line(QString("transfer on %1 held-out test digits (%2 s): self error %3, transfer error %4, ratio %5")
                    .arg(evalDigits)
                    .arg(r.evalSeconds, 0, 'f', 1)
                    .arg(e.selfError, 0, 'f', 5)
                    .arg(e.transferError, 0, 'f', 5)
                    .arg(e.transferRatio, 0, 'f', 3));
    report.line(QString("worst pair: %1 -> %2 (%3 -> %4), %5x the target's self error")
                    .arg(e.worstSource)
                    .arg(e.worstTarget)
                    .arg(QString::fromStdString(r.contexts->name(e.worstSource)))
                    .arg(QString::fromStdString(r.contexts->name(e.worstTarget)))
                    .arg(e.worstPairRatio, 0, 'f', 2));
    report.line(QString("memory: peak RSS %1 MB; members %2 MB (%3 MB per context, values + Adam state)")
                    .arg(r.peakRssMb, 0, 'f', 0)
                    .arg(r.rssModelMb - r.rssDataMb, 0, 'f', 0)
                    .arg(r.memoryPerContextMb(), 0, 'f', 2));
}

int runTrain(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Cross-train one member per cube context into a shared latent space, then measure\n"
        "transfer on held-out MNIST test digits: mean masked error of decode_j(encode_i(x_i))\n"
        "vs x_j over all pairs i != j, against the members' self-reconstruction error.\n"
        "Training stops after --steps rounds or --minutes, whichever comes first.");
    // The option defaults are the experiment's recipe (CubeWorldSettings{}), written once.
    const CubeWorldSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 9); };
    addCommon(parser);
    parser.addOptions({
        {"steps", "Rounds to train (a round = one step of every member, self or cross; 0 = no limit).", "N", number(d.steps)},
        {"minutes", "Wall-clock budget for training (default 5).", "M", number(d.minutes)},
        {"contexts", "Number of contexts: 100 (34 side + 66 top) or 400 (136 + 264), or any count.", "N", number(d.contexts)},
        {"hidden", "Hidden relu units per member (default 128).", "H", number(d.training.hidden)},
        {"latent", "Shared latent code size (default 16).", "D", number(d.training.latent)},
        {"batch", "Glyphs per member step (default 32).", "B", number(d.training.batchSize)},
        {"cross-per-self", "Cross rounds after each self round (default 1; 0 = self-training only).", "K", number(d.training.crossPerSelf)},
        {"lr", "Adam learning rate (default 0.002).", "RATE", number(d.training.learningRate)},
        {"seed", "Seed of initial weights, batches and pairings (default 1).", "S", number(d.training.seed)},
        {"threads", "Worker threads (default: all cores).", "T", "0"},
        {"eval-digits", "Held-out MNIST test digits for the transfer metric (default 20).", "N", number(d.evalDigits)},
        {"csv", "Save the contexts x contexts error matrix (row = source i, column = target j).", "FILE"},
        {"save", "Save the trained model here (open it with cube transfer, the GUI, oneshot, maps).", "FILE"},
        {"progress-seconds", "Seconds between progress lines (default 10).", "S", "10"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube train", exitCode))
        return exitCode;
    const CliOptions options(parser);

    CubeWorldSettings settings;
    settings.training.hidden = options.integer<Index>("hidden", 1, 8192);
    settings.training.latent = options.integer<Index>("latent", 1, 1024);
    settings.training.batchSize = options.integer<int>("batch", 1, 4096);
    settings.training.crossPerSelf = options.integer<int>("cross-per-self", 0, 100);
    settings.training.learningRate = float(options.number("lr", 1e-7, 1.0));
    settings.training.seed = options.integer<std::uint64_t>("seed", 0, 9e15);
    settings.steps = options.integer<std::int64_t>("steps", 0, 1e12);
    settings.minutes = options.number("minutes", 0, 1e6);
    settings.threads = options.integer<unsigned>("threads", 0, 256);
    settings.evalDigits = options.integer<int>("eval-digits", 1, 10000);
    const double progressSeconds = options.number("progress-seconds", 0.1, 1e6);
    settings.contexts = options.integer<int>("contexts", 2, 10000);

    CubeWorldExperiment experiment(settings);
    CubeTrainPrinter printer(report, progressSeconds, experiment);
    const CubeWorldResult r = experiment.run(&printer);
    printTrainResult(report, r, settings.evalDigits);
    if (parser.isSet("csv")) {
        writeCsv(r.transfer.pairs, parser.value("csv"));
        report.line(QString("wrote %1").arg(parser.value("csv")));
        report.set("csv", parser.value("csv"));
    }
    if (parser.isSet("save")) {
        const QString path = parser.value("save");
        QDir().mkpath(QFileInfo(path).absolutePath());
        experiment.model().save(path.toStdString());
        report.line(QString("saved %1 (%2 MB)").arg(path).arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 1));
        report.set("model", path);
    }
    const ContextTransfer::Errors& e = r.transfer;
    report.set("contexts", r.contexts->size());
    report.set("rounds", double(r.rounds));
    report.set("train_seconds", r.trainSeconds);
    report.set("ms_per_round", r.msPerRound);
    report.set("samples_per_second", r.samplesPerSecond);
    report.set("self_error", e.selfError);
    report.set("transfer_error", e.transferError);
    report.set("transfer_ratio", e.transferRatio);
    report.set("worst_pair_ratio", e.worstPairRatio);
    report.set("worst_pair", QJsonArray{e.worstSource, e.worstTarget});
    report.set("peak_rss_mb", r.peakRssMb);
    report.set("memory_per_context_mb", r.memoryPerContextMb());
    report.set("threads", int(r.threads));
    report.set("history", printer.history);
    return 0;
}

// ---------------------------------------------------------------- transfer
int runTransfer(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Context transfer (paper fig. 6): a glyph as seen in context --source is encoded by that\n"
        "context's member and decoded by every member; the gallery shows one frame per context\n"
        "(row-major, the source framed in yellow).");
    addCommon(parser);
    parser.addOptions({
        {"model", "A cube model saved by 'cube train --save'.", "FILE"},
        {"source", "Context whose member encodes the glyph (default 10).", "C", "10"},
        {"digit-index", "MNIST TEST image to transfer (held out from training; default 0).", "K", "0"},
        {"glyph", "Transfer this instead: built-in glyph (V, plus...), digit 0-9, or an image file.", "G"},
        {"png", "Write the gallery here.", "FILE"},
        {"zoom", "Enlarge each pixel this many times (default 2).", "Z", "2"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube transfer", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const CubeModel model = CubeModel::load(options.existingModelFile().toStdString());
    const int source = options.integer<int>("source", 0, model.contexts->size() - 1);
    const Dataset digits = parser.isSet("glyph") ? Dataset() : mnistSplit(true);
    QString what;
    const Vector glyph = pickGlyph(parser, digits, what);
    const GlyphTransfer t = GlyphTransfer::run(model, source, glyph);
    report.line(QString("%1 in context %2 (%3), decoded by all %4 members")
                    .arg(what)
                    .arg(source)
                    .arg(QString::fromStdString(model.contexts->name(source)))
                    .arg(model.contexts->size()));
    report.line(QString("mean squared error per mask pixel vs the glyph truly seen in each context: "
                        "source %1, mean over others %2, worst %3")
                    .arg(t.sourceError, 0, 'f', 5)
                    .arg(t.meanOtherError, 0, 'f', 5)
                    .arg(t.worstError, 0, 'f', 5));
    if (parser.isSet("png")) {
        const QImage image = galleryImage(t.frames, model.contexts->imageSize(), model.contexts->gridColumns(),
                                          options.integer<int>("zoom", 1, 16), source);
        PngWriter(parser.value("png")).write(image);
        report.line(QString("wrote %1").arg(parser.value("png")));
        report.set("png", parser.value("png"));
    }
    report.set("source", source);
    report.set("contexts", model.contexts->size());
    report.set("source_error", t.sourceError);
    report.set("mean_error", t.meanOtherError);
    report.set("worst_error", t.worstError);
    return 0;
}

// ---------------------------------------------------------------- bench
// Why members see their (padded) mask pixels and not the whole frame: the
// cost of one member step for the three ways a member could see its context.
int runBench(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Time one member training step (Adam, tied, batch B) for the input sizes a cube member\n"
        "could have: its mask's pixels (the mean over contexts), the largest mask (padded, what\n"
        "LatentSet uses), the whole frame (64x64 with a masked loss). Ratios are measured in one run.");
    addCommon(parser);
    parser.addOptions({
        {"hidden", "Hidden units (default 128).", "H", "128"},
        {"batch", "Batch size (default 32).", "B", "32"},
        {"seconds", "Seconds per variant (default 2).", "S", "2"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "cube bench", exitCode))
        return exitCode;
    const CliOptions options(parser);
    const Index hidden = options.integer<Index>("hidden", 1, 8192);
    const int batch = options.integer<int>("batch", 1, 4096);
    const double seconds = options.number("seconds", 0.1, 600);
    const CubeContexts contexts;
    Index total = 0;
    for (int c = 0; c < contexts.size(); ++c)
        total += contexts.warp(c).maskSize();
    const Index sizes[3] = {total / contexts.size(), contexts.largestMask(), contexts.frameSize()};
    const char* names[3] = {"mask_only", "padded_mask", "full_frame"};
    OptimizerSettings adam;
    double ms[3] = {0, 0, 0};
    for (int v = 0; v < 3; ++v) {
        Autoencoder member(AutoencoderConfig::make(sizes[v], {hidden}, 16, true), 1);
        const Matrix x = (Matrix::Random(sizes[v], batch).array() * 0.5f + 0.5f).matrix();
        const Matrix mask = Matrix::Ones(sizes[v], 1);
        member.trainStep(x, nullptr, &mask, adam, 1e-3f); // warm-up (allocations)
        Stopwatch clock;
        int steps = 0;
        while (clock.seconds() < seconds) {
            member.trainStep(x, nullptr, &mask, adam, 1e-3f);
            ++steps;
        }
        ms[v] = 1000.0 * clock.seconds() / steps;
        report.line(QString("%1: %2 inputs, %3 ms per step of batch %4")
                        .arg(names[v], -12)
                        .arg(sizes[v], 5)
                        .arg(ms[v], 0, 'f', 3)
                        .arg(batch));
        report.set(QString(names[v]) + "_ms", ms[v]);
        report.set(QString(names[v]) + "_inputs", double(sizes[v]));
    }
    report.line(QString("cost relative to mask-only: padded %1x, full frame %2x")
                    .arg(ms[1] / ms[0], 0, 'f', 2)
                    .arg(ms[2] / ms[0], 0, 'f', 2));
    report.set("padded_ratio", ms[1] / ms[0]);
    report.set("full_frame_ratio", ms[2] / ms[0]);
    return 0;
}

} // namespace

int runCubeCommand(const QStringList& arguments, CliReport& report)
{
    // The action is the first word after "cube"; each action has its own
    // options and its own prefix on errors ("latentset-cli cube train: ...").
    const QString action = arguments.value(1);
    using Action = int (*)(const QStringList&, CliReport&);
    const std::pair<const char*, Action> actions[] = {
        {"render", runRender}, {"train", runTrain}, {"transfer", runTransfer}, {"bench", runBench}};
    for (const auto& [name, run] : actions) {
        if (action != QLatin1String(name))
            continue;
        QStringList rest = arguments;
        rest.removeAt(1);
        return CliOptions::run(std::string("cube ") + name, [&, run = run] { return run(rest, report); });
    }
    if (action == "--help" || action == "-h") {
        std::fputs("Usage: latentset-cli cube render|train|transfer|bench [options]  (each takes --help)\n", stdout);
        return 0;
    }
    if (action.isEmpty())
        std::fprintf(stderr, "latentset-cli cube: expected an action: render, train, transfer or bench (each takes --help)\n");
    else
        std::fprintf(stderr, "latentset-cli cube: unknown action '%s' (render, train, transfer or bench)\n",
                     qPrintable(action));
    return 2;
}
