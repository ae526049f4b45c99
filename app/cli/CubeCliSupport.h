#pragma once
// Shared pieces of the `latentset-cli cube` actions (render, train, transfer,
// bench; docs/cli.md): one file per action (Cube<Action>Command.cpp), the
// dispatcher in CubeCommand.cpp. The experiments are core code
// (core/latentset/cube, core/latentset/experiments); these files parse
// options, print figures and write PNGs with QImage.
#include "latentset/data/Dataset.h"
#include "latentset/util/Types.h"

#include <QImage>
#include <QString>
#include <QStringList>

class CliReport;
class QCommandLineParser;

namespace cubecli {

// The actions, each `latentset-cli cube <action> [options]` with the action
// word removed from `arguments` (the first word is still "cube").
int runRender(const QStringList& arguments, CliReport& report);
int runTrain(const QStringList& arguments, CliReport& report);
int runTransfer(const QStringList& arguments, CliReport& report);
int runBench(const QStringList& arguments, CliReport& report);

// Frames (frameSize x N) as a grid of `columns` cells with a 2-pixel grey
// gutter, each cell enlarged `zoom` times; `highlight` gets a bright frame.
QImage galleryImage(const latentset::Matrix& frames, int size, int columns, int zoom, int highlight = -1);
// The same for frames of width x height.
QImage galleryImage(const latentset::Matrix& frames, int width, int height, int columns, int zoom, int highlight);

// The glyph an option names: --glyph (built-in, digit, image file) or an
// MNIST image by index (--digit-index into `digits`).
latentset::Vector pickGlyph(const QCommandLineParser& parser, const latentset::Dataset& digits,
                            QString& description);

// MNIST's test (true) or training (false) split.
latentset::Dataset mnistSplit(bool test);

// --help and the "action" positional argument every action declares.
void addCommon(QCommandLineParser& parser);

} // namespace cubecli
