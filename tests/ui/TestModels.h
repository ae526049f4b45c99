#pragma once
// Small trained models for the ui tests: built in a second or two, seeds
// explicit, no files. Trained through core's own API (AutoencoderSet), so
// the views are exercised on real, if tiny, members.
#include "project/ProjectFile.h"
#include "session/Session.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeDataset.h"
#include "latentset/data/BuiltinGlyphs.h"
#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetSplits.h"
#include "latentset/nn/AutoencoderSet.h"

#include <QDir>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <cmath>
#include <memory>

namespace testmodels {

// Ten built-in shapes as ten "classes", 784 pixels each.
inline QStringList classGlyphNames()
{
    QStringList names;
    const auto shapes = latentset::BuiltinGlyphs::shapeNames();
    for (int i = 0; i < 10 && i < int(shapes.size()); ++i)
        names << QString::fromStdString(shapes[std::size_t(i)]);
    return names;
}

inline latentset::Matrix classGlyphs()
{
    const QStringList names = classGlyphNames();
    latentset::Matrix g(784, names.size());
    for (int i = 0; i < names.size(); ++i)
        g.col(i) = latentset::BuiltinGlyphs::render(names[i].toStdString());
    return g;
}

// A class set: member i trained on class glyph i (plus small shifts of it).
inline std::shared_ptr<const latentset::AutoencoderSet> classSet(int steps = 60)
{
    const latentset::Matrix glyphs = classGlyphs();
    auto set = std::make_shared<latentset::AutoencoderSet>(
        latentset::AutoencoderConfig::make(784, {32}, 4, true), int(glyphs.cols()), 7);
    latentset::OptimizerSettings opt;
    opt.learningRate = 3e-3f;
    for (int s = 0; s < steps; ++s)
        for (int i = 0; i < set->size(); ++i) {
            const latentset::Matrix x = glyphs.col(i);
            set->trainStep(i, x, nullptr, nullptr, opt, opt.learningRate);
        }
    return set;
}

// A labelled dataset of the class glyphs (`copies` of each).
inline std::shared_ptr<const latentset::Dataset> classSamples(int copiesOfEach = 3)
{
    const latentset::Matrix glyphs = classGlyphs();
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    std::vector<std::string> names;
    for (const QString& n : classGlyphNames())
        names.push_back(n.toStdString());
    for (int copy = 0; copy < copiesOfEach; ++copy)
        for (int c = 0; c < glyphs.cols(); ++c) {
            for (int k = 0; k < 784; ++k)
                pixels.push_back(std::uint8_t(std::lround(glyphs(k, c) * 255.0f)));
            labels.push_back(c);
        }
    return std::make_shared<const latentset::Dataset>(28, 28, std::move(pixels), std::move(labels), names, "test glyphs");
}

// Train / validation / test splits of the class glyphs.
inline std::shared_ptr<const latentset::DatasetSplits> classSplits(int trainCopies = 8)
{
    auto splits = std::make_shared<latentset::DatasetSplits>();
    splits->train = *classSamples(trainCopies);
    splits->validation = *classSamples(1);
    splits->test = *classSamples(1);
    splits->name = "test glyphs";
    return splits;
}

struct CubeWorld {
    std::shared_ptr<const latentset::AutoencoderSet> members;
    std::shared_ptr<const latentset::CubeContexts> contexts;
};

// The 100 default contexts; members see their face's masked pixels and are
// trained a few steps on a few glyphs painted on their own face.
inline CubeWorld cubeWorld(int steps = 15)
{
    auto contexts = std::make_shared<const latentset::CubeContexts>();
    auto set = std::make_shared<latentset::AutoencoderSet>(
        latentset::AutoencoderConfig::make(contexts->largestMask(), {24}, 4, true), contexts->size(), 11);
    const latentset::Matrix glyphs = classGlyphs().leftCols(6);
    const latentset::CubeWorldView world(*set, *contexts);
    latentset::OptimizerSettings opt;
    opt.learningRate = 3e-3f;
    for (int c = 0; c < set->size(); ++c) {
        const latentset::Matrix input = world.inputFromGlyphs(c, glyphs);
        for (int s = 0; s < steps; ++s)
            set->trainStep(c, input, nullptr, nullptr, opt, opt.learningRate);
    }
    return {set, contexts};
}

// 4 contexts in 32x32 frames, painted with the built-in glyphs: built in well
// under a second, no files, the same bytes every time (so the glyph
// fingerprint of a saved cube training state matches a world built again).
inline std::shared_ptr<const latentset::CubeDataset> smallCubeDataset()
{
    latentset::CubeContextsConfig config = latentset::CubeContextsConfig::forCount(4);
    config.cube.imageSize = 32;
    config.cube.subsamples = 2;
    auto contexts = std::make_shared<const latentset::CubeContexts>(config);
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (const std::string& name : latentset::BuiltinGlyphs::names()) {
        const latentset::Vector g = latentset::BuiltinGlyphs::render(name);
        for (int i = 0; i < 784; ++i)
            pixels.push_back(std::uint8_t(255.0f * g(i) + 0.5f));
        labels.push_back(int(labels.size()));
    }
    return std::make_shared<const latentset::CubeDataset>(
        contexts, latentset::Dataset(28, 28, pixels, labels, {}, "built-in glyphs"));
}

// Writes an app project (a UIPR chunk) holding a small class set at `path`.
inline void saveClassSetProject(const QString& path)
{
    Session session;
    session.setClassSet(classSet(1), classGlyphNames());
    ProjectFile::save(path, session, QJsonObject{{"dataset", "mnist"}});
}

// Where tests write the pictures they took (LATENTSET_UI_SHOTS or temp).
inline QString shotPath(const QString& name)
{
    QString dir = qEnvironmentVariable("LATENTSET_UI_SHOTS");
    if (dir.isEmpty())
        dir = QDir::tempPath();
    QDir().mkpath(dir);
    return dir + "/" + name;
}

} // namespace testmodels
