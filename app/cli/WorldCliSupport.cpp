// The pieces every `latentset-cli world` action shares (WorldCliSupport.h).
#include "WorldCliSupport.h"

#include "CliOptions.h"
#include "ConceptCliSupport.h"
#include "image/FontGlyphs.h"
#include "image/PairedFolderReader.h"

#include "latentset/experiments/MnistData.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/world/PairedWorld.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cmath>

using namespace latentset;

namespace worldcli {

namespace {

// MNIST's training digits (labels 0-9) and the letters drawn in every family
// of spec.fonts (labels 10 + the letter's index), each letter repeated so
// that the letters are a quarter of the items: training draws items
// uniformly, and 52 letters in a few fonts beside 60,000 digits would
// otherwise be drawn less than once in a hundred.
Dataset digitsAndLetters(const WorldSpec& spec)
{
    const Dataset digits = MnistData::train();
    std::vector<std::uint8_t> pixels = digits.pixels();
    std::vector<int> labels = digits.labels();
    std::vector<std::string> names;
    for (int d = 0; d < 10; ++d)
        names.push_back(std::to_string(d));
    const QString letters = QString::fromLatin1(kLetters);
    for (const QChar c : letters)
        names.push_back(QString(c).toStdString());
    const std::size_t glyphs = spec.fonts.size() * std::size_t(letters.size());
    const std::size_t repeats = std::max<std::size_t>(1, digits.labels().size() / 3 / std::max<std::size_t>(1, glyphs));
    for (const std::string& family : spec.fonts) {
        for (int k = 0; k < letters.size(); ++k) {
            const Vector g = FontGlyphs::render(QString::fromStdString(family), letters[k]);
            for (std::size_t r = 0; r < repeats; ++r) {
                for (Index p = 0; p < g.size(); ++p)
                    pixels.push_back(std::uint8_t(std::lround(255.0f * std::clamp(g[p], 0.0f, 1.0f))));
                labels.push_back(10 + k);
            }
        }
    }
    return Dataset(28, 28, std::move(pixels), std::move(labels), std::move(names),
                   "MNIST train + letters in " + std::to_string(spec.fonts.size()) + " fonts");
}

} // namespace

WorldSource sourceFor(const WorldSpec& spec)
{
    if (spec.glyphs == "mnist+letters" && !spec.isFonts() && !spec.isFolder()) {
        const WorldBuilder builder(spec);
        return {builder.over(digitsAndLetters(spec)), builder.over(MnistData::test())};
    }
    std::shared_ptr<const PairedImages> images;
    if (spec.isFonts()) {
        QStringList families;
        for (const std::string& f : spec.fonts)
            families << QString::fromStdString(f);
        images = FontGlyphs::pairedImages(families, QString::fromStdString(spec.characters));
    } else if (spec.isFolder()) {
        images = PairedFolderReader::read(QString::fromStdString(spec.folder));
    } else {
        return WorldSource::mnist(spec);
    }
    if (spec.swap)
        images = std::make_shared<const PairedImages>(images->swapped());
    const auto [train, test] = PairedWorld::split(images);
    return {train, test};
}

Vector glyphOrFontGlyph(const std::string& word)
{
    if (word.rfind("font:", 0) == 0) {
        const QString w = QString::fromStdString(word);
        const int colon = w.lastIndexOf(':');
        const QString family = w.mid(5, colon - 5), character = w.mid(colon + 1);
        if (colon <= 5 || character.size() != 1)
            throw Error(word + ": expected font:<family>:<one character>");
        return FontGlyphs::render(family, character.front());
    }
    return conceptcli::glyphFromArgument(QString::fromStdString(word));
}

LoadedWorld loadWorld(const CliOptions& options)
{
    auto model = std::make_shared<const WorldModel>(WorldModel::load(options.existingModelFile().toStdString()));
    LoadedWorld w{model, sourceFor(model->spec)};
    model->checkFits(*w.source.test);
    return w;
}

void addCommon(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument("action", "train, transfer, estimate, oneshot or concept");
}

int mapColumns(const ContextWorld& world)
{
    const std::vector<int> grid = world.grid();
    if (!grid.empty() && grid.back() > 1 && grid.back() <= 64)
        return grid.back();
    return std::max(1, int(std::ceil(std::sqrt(double(world.contextCount())) - 1e-9)));
}

} // namespace worldcli
