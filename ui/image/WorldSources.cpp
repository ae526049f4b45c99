#include "image/WorldSources.h"

#include "image/FontGlyphs.h"
#include "image/PairedFolderReader.h"

#include "latentset/experiments/MnistData.h"
#include "latentset/experiments/WorldBuilder.h"
#include "latentset/world/PairedWorld.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

using namespace latentset;

WorldSource WorldSources::forSpec(const WorldSpec& spec)
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

Dataset WorldSources::digitsAndLetters(const WorldSpec& spec)
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
