#include "image/WorldSources.h"

#include "image/FontGlyphs.h"
#include "image/PairedFolderReader.h"

#include "latentset/world/PairedWorld.h"

#include <QStringList>

using namespace latentset;

WorldSource WorldSources::forSpec(const WorldSpec& spec)
{
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
