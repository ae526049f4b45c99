#include "session/SessionWorld.h"

#include "latentset/world/WorldModel.h"

std::shared_ptr<SessionWorld> SessionWorld::opened(const std::shared_ptr<const latentset::WorldModel>& model,
                                                   const latentset::WorldSource& source, const QString& file)
{
    auto world = std::make_shared<SessionWorld>();
    world->spec = model->spec;
    world->train = source.train;
    world->test = source.test;
    world->members = std::shared_ptr<const latentset::AutoencoderSet>(model, &model->members);
    world->noiseVariance = model->noiseVariance;
    world->rounds = model->rounds;
    world->file = file;
    world->training = model->training;
    return world;
}
