#include "session/Session.h"
#include "session/SessionWorld.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/data/Dataset.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/Mlp.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/WorldConcept.h"

Session::Session(QObject* parent) : QObject(parent) {}
Session::~Session() = default;

void Session::setClassSet(SetPtr set, const QStringList& classNames)
{
    classSet_ = std::move(set);
    classNames_ = classNames;
    const bool stale = classLikelihood_ && classSet_ &&
                       (classLikelihood_->memberCount() != classSet_->size() ||
                        classLikelihood_->inputSize() != classSet_->config().inputSize);
    if (stale)
        classLikelihood_.reset(); // before anyone hears of the new set: no view sees the pair mismatched
    emit classSetChanged();
    if (stale)
        emit classLikelihoodChanged();
}

void Session::setMlpBaseline(MlpPtr mlp)
{
    mlpBaseline_ = std::move(mlp);
    emit mlpBaselineChanged();
}

void Session::setClassLikelihood(LikelihoodPtr model)
{
    classLikelihood_ = std::move(model);
    emit classLikelihoodChanged();
}

void Session::setCubeWorld(SetPtr members, ContextsPtr contexts)
{
    cubeMembers_ = std::move(members);
    cubeContexts_ = std::move(contexts);
    emit cubeWorldChanged();
}

void Session::setConceptModel(ConceptPtr model)
{
    conceptModel_ = std::move(model);
    emit conceptChanged();
}

void Session::setWorld(WorldPtr world)
{
    const bool otherContexts = !world || !world_ || world->train != world_->train;
    world_ = std::move(world);
    emit worldChanged();
    if (otherContexts && worldConcept_) {
        worldConcept_.reset();
        emit worldConceptChanged();
    }
}

void Session::setWorldConcept(WorldConceptPtr level2)
{
    worldConcept_ = std::move(level2);
    emit worldConceptChanged();
}

void Session::setSamples(DatasetPtr samples)
{
    samples_ = std::move(samples);
    ++samplesGeneration_;
    emit samplesChanged();
}

void Session::addDrawnGlyph(const QString& name, const latentset::Vector& pixels)
{
    drawn_.push_back({name, pixels});
    emit drawnGlyphsChanged();
}

void Session::clearDrawnGlyphs()
{
    drawn_.clear();
    emit drawnGlyphsChanged();
}
