// latentset-cli import: a model file built from an .npz that NumPy or
// PyTorch code wrote in the layout of docs/interop.md (docs/cli.md). The
// file opens as a class set in every command and in the app.
#include "CliOptions.h"
#include "CliReport.h"
#include "Commands.h"

#include "latentset/interop/ModelNpz.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace latentset;

int runImportCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Import a set written by NumPy or PyTorch code (an .npz in the layout of docs/interop.md) as a\n"
        "LatentSet model file: every command and the app open it as a class set. Reads the sizes,\n"
        "activations, weights, biases, member names, the classifier calibration and, when the NPZ has\n"
        "them, sigma, the p(z) mixtures and eq. 5's constants (else 'likelihood' fits them).");
    parser.addHelpOption();
    parser.addPositionalArgument("npz", "The .npz file to read.", "IN.npz");
    parser.addOptions({
        {"out", "Write the model file here (.lset).", "FILE"},
    });
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "import", exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw CliOptions::UsageError("expected one IN.npz (see --help)");
    if (!parser.isSet("out"))
        throw CliOptions::UsageError("--out FILE is required");
    const QString in = positional.first();
    if (!QFileInfo::exists(in))
        throw Error(in.toStdString() + ": no such file");
    const QString out = parser.value("out");
    const NpzArchive npz = NpzArchive::load(in.toStdString());
    const ChunkFile file = ModelNpz::toModel(npz, out.toStdString());
    file.save(out.toStdString());
    const AutoencoderConfig config = ModelFile::readConfig(file);
    const int members = int(npz.require("W0").shape()[0]);
    const bool calibration = file.find("CLBN") != nullptr;
    const bool likelihood = file.find("LKMD") != nullptr;
    report.line(QString("%1: %2 members of %3%4%5 -> %6")
                    .arg(in)
                    .arg(members)
                    .arg(QString::fromStdString(config.describe()))
                    .arg(calibration ? ", with the classifier calibration" : "")
                    .arg(likelihood ? ", with sigma, p(z) and eq. 5" : "")
                    .arg(out));
    report.set("members", members);
    report.set("member", QString::fromStdString(config.describe()));
    report.set("calibration", calibration);
    report.set("likelihood", likelihood);
    report.set("out", out);
    return 0;
}
