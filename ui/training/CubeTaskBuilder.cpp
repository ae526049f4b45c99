#include "training/CubeTaskBuilder.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Error.h"

namespace {
// The MNIST training digits, as `latentset-cli cube train` loads them.
latentset::Dataset mnistTraining()
{
    latentset::DatasetSplits splits = latentset::DatasetCatalog::load("mnist");
    if (splits.train.empty())
        throw latentset::Error("MNIST training split not found (run tools/setup.sh)");
    splits.train.setName("MNIST train");
    return std::move(splits.train);
}

bool sameContexts(const latentset::CubeContextsConfig& a, const latentset::CubeContextsConfig& b)
{
    return a.sideCount == b.sideCount && a.topCount == b.topCount && a.cube == b.cube;
}

// `data` if it has these contexts, else MNIST painted on `contexts`.
std::shared_ptr<const latentset::CubeDataset> glyphsOn(std::shared_ptr<const latentset::CubeContexts> contexts,
                                                       std::shared_ptr<const latentset::CubeDataset> data)
{
    if (data && sameContexts(data->contexts().config(), contexts->config()))
        return data;
    return std::make_shared<const latentset::CubeDataset>(std::move(contexts), mnistTraining());
}

latentset::TrainerSettings runsUntilPaused()
{
    latentset::TrainerSettings ts;
    ts.epochs = std::size_t(1) << 40; // runs until paused/reset, like the CLI without --steps
    ts.progressInterval = 0.2;
    ts.snapshotInterval = 2.0;
    return ts;
}

// The Trainer's epoch count goes on from the rounds done (display only:
// SharedLatentTask's draws depend on the round alone).
void startAt(latentset::TrainerSettings& ts, std::int64_t rounds, const latentset::SharedLatentSettings& s)
{
    const std::int64_t cycles = rounds / (s.crossPerSelf + 1);
    ts.startEpoch = std::size_t(cycles / s.cyclesPerEpoch);
    ts.startBatch = std::size_t(cycles % s.cyclesPerEpoch);
}
} // namespace

CubeTaskBuilder CubeTaskBuilder::fresh(const latentset::SharedLatentSettings& settings, int contexts,
                                       std::shared_ptr<const latentset::CubeDataset> data)
{
    CubeTaskBuilder b;
    b.data = data ? std::move(data)
                  : std::make_shared<const latentset::CubeDataset>(
                        std::make_shared<const latentset::CubeContexts>(
                            latentset::CubeContextsConfig::forCount(contexts)),
                        mnistTraining());
    b.task = std::make_shared<latentset::SharedLatentTask>(b.data, settings);
    b.trainer = runsUntilPaused();
    return b;
}

CubeTaskBuilder CubeTaskBuilder::resume(latentset::SharedLatentState& state,
                                        std::shared_ptr<const latentset::CubeDataset> data,
                                        std::shared_ptr<const latentset::CubeContexts> known)
{
    CubeTaskBuilder b;
    if (data && sameContexts(data->contexts().config(), state.contexts)
        && state.glyphMismatch(data->glyphSet()).empty()) {
        b.data = std::move(data); // the glyphs it was trained on (an injected set, or MNIST already painted)
    } else {
        // The session's contexts are usually the project's (its cube world):
        // reusing them saves building 100 warps again.
        auto cx = known && sameContexts(known->config(), state.contexts)
            ? std::move(known)
            : std::make_shared<const latentset::CubeContexts>(state.contexts);
        b.data = std::make_shared<const latentset::CubeDataset>(cx, mnistTraining());
    }
    b.mismatch = QString::fromStdString(state.glyphMismatch(b.data->glyphSet()));
    // Everything that could refuse the state is checked before its
    // members move into the task, so a failure leaves it intact.
    state.checkFits(b.data->contexts());
    b.trainer = runsUntilPaused();
    startAt(b.trainer, state.rounds, state.settings);
    b.task = std::make_shared<latentset::SharedLatentTask>(b.data, std::move(state));
    return b;
}

CubeTaskBuilder CubeTaskBuilder::continueWorld(const latentset::CubeModel& world,
                                               latentset::SharedLatentSettings settings,
                                               std::shared_ptr<const latentset::CubeDataset> data)
{
    if (!world.contexts || world.members.size() != world.contexts->size())
        throw latentset::Error("the opened cube world has " + std::to_string(world.members.size())
                               + " members for its contexts: it cannot be trained on");
    CubeTaskBuilder b;
    b.data = glyphsOn(world.contexts, std::move(data));
    // The members decide the shape (a world saved by the app keeps default
    // training settings beside them); the task checks their input size.
    const latentset::AutoencoderConfig& shape = world.members.config();
    if (shape.hiddenSizes.size() != 1)
        throw latentset::Error("the opened cube world's members have " + std::to_string(shape.hiddenSizes.size())
                               + " hidden layers, the cube training one: they cannot be trained on");
    settings.hidden = shape.hiddenSizes.front();
    settings.latent = shape.latentSize;
    b.trainer = runsUntilPaused();
    startAt(b.trainer, world.rounds, settings);
    // Values only: the members start with fresh Adam moments.
    b.task = std::make_shared<latentset::SharedLatentTask>(b.data, settings, world.members.inferenceCopy(),
                                                           world.rounds);
    return b;
}
