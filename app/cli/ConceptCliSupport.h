#pragma once
// Shared pieces of the concept commands (oneshot, concept, maps): loading a
// trained cube world and turning a glyph argument into a 28x28 glyph (images
// and PNGs: ui/image, ImageConvert, Palette, PngWriter). Qt only here; the experiments
// themselves are core code (core/latentset/concept).
#include "CliOptions.h"

#include "latentset/cube/CubeModel.h"
#include "latentset/util/Error.h"
#include "latentset/util/Types.h"

#include <QString>

#include <vector>

#include <memory>

class CliReport;

namespace latentset {
class ChunkFile;
class Dataset;
} // namespace latentset

namespace conceptcli {

// Bad usage (missing or malformed option): CliOptions' own, so the command
// ends with "latentset-cli <command>: <message>" and exit code 2 (CliOptions::run).
using UsageError = CliOptions::UsageError;

// A trained cube world read from a model file (the cube area's CubeModel).
using World = latentset::CubeModel;
// Throws latentset::Error naming the file if it is not a cube-world model.
World loadWorld(const QString& path);
World loadWorld(const latentset::ChunkFile& file);

// A glyph from a command-line word: a built-in name ("V", "plus", "circle",
// ...) or a digit "0".."9" (experiments/GlyphSource: the first MNIST training
// image of that class, or the `index`-th), or an image file (any size, MNIST-normalised; dark ink on
// light paper is inverted). Throws latentset::Error with the reason.
latentset::Vector glyphFromArgument(const QString& word, int index = 0);

// Hidden layer sizes of a level-2 autoencoder, comma-separated ("64", "128,32");
// throws UsageError naming `option` otherwise.
std::vector<latentset::Index> hiddenSizes(const QString& value, const char* option = "--hidden");

} // namespace conceptcli
