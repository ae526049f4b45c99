#pragma once
// Shared pieces of the `latentset-cli world` actions (train, transfer,
// estimate, oneshot, concept; docs/cli.md, docs/worlds.md): one file per action
// (World<Action>Command.cpp), the dispatcher in WorldCommand.cpp. The
// experiments are core code (core/latentset/experiments/World*); these
// files parse options, read a paired folder with Qt, print figures.
#include "latentset/experiments/WorldSource.h"
#include "latentset/nn/Trainer.h"
#include "latentset/world/WorldModel.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>

class CliOptions;
class CliReport;
class QCommandLineParser;

namespace worldcli {

int runTrain(const QStringList& arguments, CliReport& report);
int runTransfer(const QStringList& arguments, CliReport& report);
int runEstimate(const QStringList& arguments, CliReport& report);
int runOneShot(const QStringList& arguments, CliReport& report);
int runConcept(const QStringList& arguments, CliReport& report);

// The world's training and held-out views: MNIST in a glyph world (with
// glyphs "mnist+letters" the letters join the training digits), the
// paired folder's or the fonts' items (every 5th held out) otherwise.
latentset::WorldSource sourceFor(const latentset::WorldSpec& spec);

// A glyph word: "font:<family>:<character>" (a font glyph, ui/image/FontGlyphs),
// else what conceptcli::glyphFromArgument takes (built-in, digit, image file).
latentset::Vector glyphOrFontGlyph(const std::string& word);

// A model file (--model) and its world rebuilt from the file's spec.
struct LoadedWorld {
    std::shared_ptr<const latentset::WorldModel> model;
    latentset::WorldSource source;
};
LoadedWorld loadWorld(const CliOptions& options);

// --help and the "action" positional argument.
void addCommon(QCommandLineParser& parser);

// `world train`'s progress line: "round R  T s  loss/pixel self S  cross C  (N samples/s)".
void printRoundProgress(const CliReport& report, std::int64_t rounds, const latentset::TrainerProgress& p);

// Columns of a context map for N contexts: the grid's last axis if the world
// has one (rotation: a strip of N, scale-position: the positions), else ~sqrt(N).
int mapColumns(const latentset::ContextWorld& world);

} // namespace worldcli
