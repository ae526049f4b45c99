#include "latentset/cube/SharedLatentTask.h"

#include "latentset/cube/SharedLatentState.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {
// Before the members leave the state: a state for other contexts is refused
// with the state's own words, not as a bare size mismatch.
void checkResumable(const std::shared_ptr<const CubeDataset>& data, const SharedLatentState& state)
{
    if (!data)
        throw Error("shared latent task: no cube dataset to resume on");
    state.checkFits(data->contexts());
}

const std::shared_ptr<const CubeDataset>& required(const std::shared_ptr<const CubeDataset>& data)
{
    if (!data)
        throw Error("shared latent task: no cube dataset");
    return data;
}
} // namespace

AutoencoderConfig SharedLatentTask::memberConfig(const CubeDataset& data, Index hidden, Index latent)
{
    return WorldTask::memberConfig(data, hidden, latent);
}

SharedLatentTask::SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentSettings settings)
    : WorldTask(required(data), settings)
    , data_(std::move(data))
{
}

SharedLatentTask::SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentSettings settings,
                                   AutoencoderSet members, std::int64_t roundsDone)
    : WorldTask(required(data), settings, std::move(members), roundsDone)
    , data_(std::move(data))
{
}

SharedLatentTask::SharedLatentTask(std::shared_ptr<const CubeDataset> data, SharedLatentState state)
    : SharedLatentTask(data, state.settings, (checkResumable(data, state), std::move(state.members)), state.rounds)
{
    setLearningRate(state.learningRate);
}

void SharedLatentTask::writeState(ChunkFile& file, const MetricHistory& history) const
{
    SharedLatentState s;
    s.contexts = data_->contexts().config();
    s.glyphName = data_->glyphSet().name();
    s.glyphCount = data_->glyphCount();
    s.glyphChecksum = SharedLatentState::glyphChecksumOf(data_->glyphSet());
    s.settings = settings();
    s.learningRate = learningRate_.load();
    s.rounds = rounds_.load();
    s.history = history;
    s.writeWith(file, members_);
}

std::shared_ptr<const TaskSnapshot> SharedLatentTask::snapshot() const
{
    auto s = std::make_shared<CubeSnapshot>();
    fillSnapshot(*s);
    s->contexts = data_->sharedContexts();
    return s;
}

} // namespace latentset
