#pragma once
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "latentset/util/Types.h"

#include <memory>

struct SessionWorld;
namespace latentset {
class AutoencoderSet;
class ConceptModel;
class CubeContexts;
class Dataset;
class LikelihoodModel;
class Mlp;
class WorldConcept;
} // namespace latentset

// What the views of one window look at: immutable snapshots of the current
// models and data, and the glyphs the user drew. Views read it and react to
// its signals; whoever produces a model (the training panel, File > Open, a
// recipe) publishes a new snapshot with a setter. Nothing here is mutated
// after publication, so workers may keep a shared_ptr and read it while the
// trainer goes on (docs/ui.md "Threads").
//
// Two kinds of member set can be present at once:
//   * a CLASS set (one member per class, 784-pixel inputs, e.g. MNIST);
//   * a CUBE WORLD (one member per orientation context + CubeContexts), and
//     optionally its level-2 ConceptModel.
// GUI thread only (the snapshots it hands out are thread-safe).
class Session : public QObject {
    Q_OBJECT
public:
    using SetPtr = std::shared_ptr<const latentset::AutoencoderSet>;
    using ContextsPtr = std::shared_ptr<const latentset::CubeContexts>;
    using ConceptPtr = std::shared_ptr<const latentset::ConceptModel>;
    using DatasetPtr = std::shared_ptr<const latentset::Dataset>;

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    SetPtr classSet() const { return classSet_; }
    QStringList classNames() const { return classNames_; }
    void setClassSet(SetPtr set, const QStringList& classNames);

    // The class set's MLP baseline (784-2048-10 on MNIST; docs/robustness.md)
    // and its likelihood model (eq. 4/5's sigma and p(z)): from a model file
    // (latentset-cli mnist --save, likelihood --save), a project, or trained
    // in the attack view. Either may be null. A class set of another shape
    // (member count or input size) drops a likelihood model that no longer
    // fits it; an MLP stays (it never reads the set).
    using MlpPtr = std::shared_ptr<const latentset::Mlp>;
    using LikelihoodPtr = std::shared_ptr<const latentset::LikelihoodModel>;
    MlpPtr mlpBaseline() const { return mlpBaseline_; }
    void setMlpBaseline(MlpPtr mlp);
    LikelihoodPtr classLikelihood() const { return classLikelihood_; }
    void setClassLikelihood(LikelihoodPtr model);

    SetPtr cubeMembers() const { return cubeMembers_; }
    ContextsPtr cubeContexts() const { return cubeContexts_; }
    bool hasCubeWorld() const { return cubeMembers_ && cubeContexts_; }
    void setCubeWorld(SetPtr members, ContextsPtr contexts);

    // A CONTEXT WORLD of any kind (rotation, scale-position, fonts, a
    // folder, the cube; ui/session/SessionWorld.h): the world views show it.
    using WorldPtr = std::shared_ptr<const SessionWorld>;
    WorldPtr world() const { return world_; }
    // A world with other contexts (another world, not a new snapshot of the
    // same training) drops the world's level-2 concept (worldConceptChanged).
    void setWorld(WorldPtr world);

    // The context world's LEVEL-2 CONCEPT (world/WorldConcept: one sigmoid
    // unit per degree of freedom, calibrated), for the world imaginer. It
    // belongs to the contexts of world() when it was set.
    using WorldConceptPtr = std::shared_ptr<const latentset::WorldConcept>;
    WorldConceptPtr worldConcept() const { return worldConcept_; }
    void setWorldConcept(WorldConceptPtr level2);

    ConceptPtr conceptModel() const { return conceptModel_; }
    void setConceptModel(ConceptPtr model);

    // The test (or validation) split of the current labelled dataset: sample
    // inputs for the heatmap, gallery and pad.
    DatasetPtr samples() const { return samples_; }
    void setSamples(DatasetPtr samples);
    // Counts setSamples calls: a dataset read that finishes after another one
    // was shown compares the count it saw when it was asked for, so the later
    // request wins, not the later finish (a folder dropped while MNIST loads).
    int samplesGeneration() const { return samplesGeneration_; }

    // Glyphs the user drew (28x28, 784 values) with their names, kept with
    // the project.
    struct DrawnGlyph {
        QString name;
        latentset::Vector pixels;
    };
    const QVector<DrawnGlyph>& drawnGlyphs() const { return drawn_; }
    void addDrawnGlyph(const QString& name, const latentset::Vector& pixels);
    void clearDrawnGlyphs();

signals:
    void classSetChanged();
    void cubeWorldChanged();
    void conceptChanged();
    void worldChanged();
    void worldConceptChanged();
    void samplesChanged();
    void drawnGlyphsChanged();
    void mlpBaselineChanged();
    void classLikelihoodChanged();

private:
    SetPtr classSet_;
    QStringList classNames_;
    SetPtr cubeMembers_;
    ContextsPtr cubeContexts_;
    ConceptPtr conceptModel_;
    WorldPtr world_;
    WorldConceptPtr worldConcept_;
    DatasetPtr samples_;
    int samplesGeneration_ = 0;
    QVector<DrawnGlyph> drawn_;
    MlpPtr mlpBaseline_;
    LikelihoodPtr classLikelihood_;
};
