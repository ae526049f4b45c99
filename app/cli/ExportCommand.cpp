// latentset-cli export: a model file's set (weights, biases, activations,
// sizes, tied or not, member names), its classifier calibration and, when
// it has them, sigma, p(z) and eq. 5's constants, as NumPy arrays in an .npz
// file (the layout of docs/interop.md; docs/cli.md).
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "latentset/interop/ModelNpz.h"
#include "latentset/util/ChunkFile.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace latentset;

int runExportCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Export a model as NumPy arrays (.npz) for NumPy or PyTorch code: every member's weight matrices and\n"
        "biases, activations, sizes, tied or untied, member names, the classifier calibration and, when the\n"
        "file holds them, sigma, the p(z) mixtures and eq. 5's constants. Layout: docs/interop.md.");
    parser.addHelpOption();
    parser.addOptions({
        {"model", "The model file (a class set saved by 'mnist --save', 'likelihood --save' or 'import').", "FILE"},
        {"format", "Output format; npz (the one there is).", "F", "npz"},
        {"out", "Write the arrays here (an .npz file).", "FILE"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "export", exitCode))
        return exitCode;
    const CliOptions options(parser);
    (void)options.oneOf("format", {"npz"});
    if (!parser.isSet("out"))
        throw CliOptions::UsageError("--out FILE is required");
    const QString model = options.existingModelFile();
    const QString out = parser.value("out");
    const NpzArchive npz = ModelNpz::fromModel(ChunkFile::load(model.toStdString()), out.toStdString());
    npz.save(out.toStdString());
    const auto& w0 = npz.require("W0");
    const int members = int(w0.shape()[0]);
    const bool likelihood = ModelNpz::hasLikelihood(npz);
    report.line(QString("%1: %2 members, %3 arrays%4 -> %5 (%6 bytes)")
                    .arg(model)
                    .arg(members)
                    .arg(npz.arrays().size())
                    .arg(likelihood ? " (with sigma, p(z) and eq. 5)" : "")
                    .arg(out)
                    .arg(QFileInfo(out).size()));
    report.set("members", members);
    report.set("arrays", int(npz.arrays().size()));
    report.set("likelihood", likelihood);
    report.set("calibration", npz.find("classifier_scale") != nullptr);
    report.set("bytes", double(QFileInfo(out).size()));
    report.set("out", out);
    return 0;
}
