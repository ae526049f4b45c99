#include "training/WorldTaskBuilder.h"

#include "image/FontGlyphs.h"
#include "image/WorldSources.h"

#include "latentset/util/Error.h"
#include "latentset/world/WorldModel.h"

namespace {
latentset::TrainerSettings runsUntilPaused(std::int64_t rounds, const latentset::SharedLatentSettings& s)
{
    latentset::TrainerSettings ts;
    ts.epochs = std::size_t(1) << 40; // until paused or reset, like the CLI without --steps
    ts.progressInterval = 0.2;
    ts.snapshotInterval = 1.0;
    // The epoch count goes on from the rounds done (display only).
    const std::int64_t cycles = rounds / (s.crossPerSelf + 1);
    ts.startEpoch = std::size_t(cycles / s.cyclesPerEpoch);
    ts.startBatch = std::size_t(cycles % s.cyclesPerEpoch);
    return ts;
}
} // namespace

latentset::WorldSpec WorldTaskBuilder::resolved(latentset::WorldSpec spec, int fontCount)
{
    if (!spec.isFonts() || !spec.fonts.empty())
        return spec;
    const QStringList families = FontGlyphs::families(QString::fromStdString(spec.characters), fontCount);
    if (families.size() < 2)
        throw latentset::Error("fonts world: fewer than 2 installed font families draw every one of the characters '"
                               + spec.characters + "' (tools/setup.sh installs some)");
    for (const QString& f : families)
        spec.fonts.push_back(f.toStdString());
    return spec;
}

WorldTaskBuilder WorldTaskBuilder::fresh(const latentset::WorldTrainSettings& settings, latentset::WorldSource source)
{
    settings.world.validate();
    settings.training.validate();
    WorldTaskBuilder b;
    b.spec = settings.world;
    b.source = source.empty() ? WorldSources::forSpec(settings.world) : std::move(source);
    b.task = std::make_shared<latentset::WorldTask>(b.source.train, settings.training);
    b.trainer = runsUntilPaused(0, settings.training);
    return b;
}

WorldTaskBuilder WorldTaskBuilder::continueModel(const latentset::WorldModel& model,
                                                 latentset::SharedLatentSettings settings,
                                                 latentset::WorldSource source)
{
    WorldTaskBuilder b;
    b.spec = model.spec;
    b.source = source.empty() ? WorldSources::forSpec(model.spec) : std::move(source);
    model.checkFits(*b.source.train);
    const latentset::AutoencoderConfig& shape = model.members.config();
    if (shape.hiddenSizes.size() != 1)
        throw latentset::Error("the opened world's members have " + std::to_string(shape.hiddenSizes.size())
                               + " hidden layers, the world training one: they cannot be trained on");
    settings.hidden = shape.hiddenSizes.front();
    settings.latent = shape.latentSize;
    b.trainer = runsUntilPaused(model.rounds, settings);
    b.task = std::make_shared<latentset::WorldTask>(b.source.train, settings, model.members.inferenceCopy(),
                                                    model.rounds);
    return b;
}
