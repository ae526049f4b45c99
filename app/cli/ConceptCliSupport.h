#pragma once
// Shared pieces of the concept commands (oneshot, concept, maps): loading a
// trained cube world, turning a glyph argument into a 28x28 glyph, and
// writing frames and context maps as PNGs. Qt only here; the experiments
// themselves are core code (core/latentset/concept).
#include "latentset/cube/CubeModel.h"
#include "latentset/util/Error.h"
#include "latentset/util/Types.h"

#include <QImage>
#include <QString>

#include <functional>
#include <memory>

class CliReport;

namespace latentset {
class ChunkFile;
class Dataset;
} // namespace latentset

namespace conceptcli {

// Bad usage (missing or malformed option): the command prints the message
// and exits with 2, as docs/cli.md asks; other failures exit with 1.
struct UsageError : latentset::Error {
    using latentset::Error::Error;
};
// Runs `body`, turning a UsageError into "latentset-cli <command>: <message>" on stderr and exit code 2.
int runWithUsage(const char* command, const std::function<int()>& body);

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

// A row-major [0,1] image as 8-bit grayscale, scaled up by `zoom`.
QImage grayImage(const latentset::Vector& pixels, int width, int height, int zoom = 1);
// A context map (values per context) as a `columns`-wide grid of cells in a
// viridis-like colour ramp from the vector's min to its max.
QImage heatmapImage(const latentset::Vector& values, int columns, int cell = 12);
// Saves (PNG by suffix); throws latentset::Error on failure.
void savePng(const QImage& image, const QString& path);

} // namespace conceptcli
