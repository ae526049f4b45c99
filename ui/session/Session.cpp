#include "session/Session.h"
#include "session/SessionWorld.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/WorldConcept.h"

Session::Session(QObject* parent) : QObject(parent) {}
Session::~Session() = default;

void Session::setClassSet(SetPtr set, const QStringList& classNames)
{
    classSet_ = std::move(set);
    classNames_ = classNames;
    emit classSetChanged();
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
