#include "project/ProjectFile.h"

#include "image/ImageConvert.h"
#include "project/ClassSetBaselines.h"
#include "project/ProjectWorld.h"
#include "session/Session.h"
#include "session/SessionWorld.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/nn/ClassSetState.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QJsonArray>
#include <algorithm>
#include <QJsonDocument>

namespace {
constexpr const char* kProjectTag = "UIPR";
constexpr std::uint32_t kProjectVersion = 1;
} // namespace

ProjectFile::SaveInput ProjectFile::gather(const Session& session, const QJsonObject& project)
{
    SaveInput in;
    in.project = project;
    in.project["format"] = "latentset-project";
    in.project["classNames"] = QJsonArray::fromStringList(session.classNames());
    QJsonArray glyphs; // a few 784-byte glyphs: cheap enough for the GUI thread
    for (const auto& g : session.drawnGlyphs()) {
        QByteArray bytes(int(g.pixels.size()), 0);
        for (int i = 0; i < g.pixels.size(); ++i)
            bytes[i] = char(ImageConvert::toByte(g.pixels[i]));
        glyphs.append(QJsonObject{{"name", g.name}, {"pixels", QString::fromLatin1(bytes.toBase64())}});
    }
    in.project["drawnGlyphs"] = glyphs;
    in.classSet = session.classSet();
    in.mlp = session.mlpBaseline();
    in.likelihood = session.classLikelihood();
    if (session.hasCubeWorld()) {
        in.cubeMembers = session.cubeMembers();
        in.cubeContexts = session.cubeContexts();
    }
    in.conceptModel = session.conceptModel();
    if (const auto world = session.world(); world && world->members && world->train) {
        in.world = world;
        in.worldConcept = session.worldConcept();
    }
    return in;
}

void ProjectFile::write(const QString& path, const SaveInput& in, const std::string& trainingState,
                        std::string cubeTrainingState)
{
    latentset::ChunkFile file(path.toStdString());
    const QByteArray text = QJsonDocument(in.project).toJson(QJsonDocument::Compact);
    file.add(kProjectTag, kProjectVersion, text.toStdString());
    if (in.classSet)
        ClassSetBaselines::writeSet(file, *in.classSet, {in.mlp, in.likelihood});
    latentset::ClassSetState{trainingState}.write(file);
    latentset::SharedLatentState::writeProjectChunk(file, std::move(cubeTrainingState)); // may be hundreds of MB
    if (in.cubeMembers) {
        latentset::CubeModel cube;
        cube.contexts = in.cubeContexts;
        cube.members = in.cubeMembers->inferenceCopy();
        cube.addTo(file);
    }
    if (in.conceptModel)
        in.conceptModel->write(file);
    if (in.world)
        ProjectWorld::write(file, *in.world, in.worldConcept.get());
    file.save(path.toStdString());
}

void ProjectFile::save(const QString& path, const Session& session, const QJsonObject& project,
                       const std::string& trainingState, std::string cubeTrainingState)
{
    write(path, gather(session, project), trainingState, std::move(cubeTrainingState));
}

ProjectFile::Parsed ProjectFile::read(const QString& path, const Progress& progress)
{
    if (progress)
        progress(0, "reading the file");
    latentset::ChunkFile file = latentset::ChunkFile::load(path.toStdString());
    // After the bytes (read + checksums), each part counts by its size.
    double total = 0, done = 0;
    for (const auto& c : file.chunks())
        total += double(c.payload.size());
    auto report = [&](const latentset::ChunkFile::Chunk* chunk, const char* stage) {
        if (!progress || !chunk)
            return;
        done += double(chunk->payload.size());
        progress(40 + int(60.0 * done / std::max(1.0, total)), stage);
    };
    if (progress)
        progress(40, "parsing the models");
    Parsed parsed;
    QStringList classNames;
    if (const auto* chunk = file.find(kProjectTag)) {
        file.checkVersion(*chunk, kProjectVersion);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(chunk->payload), &error);
        if (!doc.isObject())
            throw latentset::Error(path.toStdString() + ": project settings are not valid JSON ("
                                   + error.errorString().toStdString() + ")");
        parsed.project = doc.object();
        for (const auto& v : parsed.project.value("classNames").toArray())
            classNames << v.toString();
    }
    const bool hasCube = latentset::CubeModel::isCubeModel(file);
    const bool hasSet = latentset::ClassSetState::hasSet(file, hasCube);
    const bool hasConcept = latentset::ConceptModel::present(file);
    if (!hasSet && !hasCube && !hasConcept && parsed.project.isEmpty() && !ProjectWorld::present(file))
        throw latentset::Error(path.toStdString() + ": neither a LatentSet project nor a model file");
    report(file.find(kProjectTag), "project settings");
    std::shared_ptr<const latentset::AutoencoderSet> set = latentset::ClassSetState::readSet(file, hasCube);
    const ClassSetBaselines::Models baselines = ClassSetBaselines::read(file, hasCube, set.get(), path.toStdString());
    parsed.mlp = baselines.mlp;
    parsed.likelihood = baselines.likelihood;
    report(file.find(latentset::ClassSetState::kSetTag), "class set");
    // The state's container is checked here (CRCs, versions), so a damaged
    // state fails the open; the weights are parsed later, on the training
    // panel's worker. Moved out of the file (~200 MB for the paper's set).
    const auto* stateChunk = file.find(latentset::ClassSetState::kTag);
    const double stateSize = stateChunk ? double(stateChunk->payload.size()) : 0.0;
    parsed.trainingState = latentset::ClassSetState::take(file).bytes;
    if (progress && stateChunk) {
        done += stateSize;
        progress(40 + int(60.0 * done / std::max(1.0, total)), "class-set training state");
    }
    if (hasCube)
        parsed.cube = std::make_shared<const latentset::CubeModel>(latentset::CubeModel::from(file));
    parsed.cubeTrainingState =
        latentset::SharedLatentState::readProjectChunk(file, parsed.cube ? parsed.cube->contexts.get() : nullptr);
    report(file.find(latentset::SharedLatentState::kProjectTag), "cube training state");
    if (hasConcept)
        parsed.conceptModel = std::make_shared<const latentset::ConceptModel>(latentset::ConceptModel::read(file));
    if (ProjectWorld::present(file)) {
        parsed.world = std::make_shared<ProjectWorld>(ProjectWorld::read(file, path));
        report(file.find(ProjectWorld::kTag), "context world");
    }
    if (progress)
        progress(100, "done");
    for (const auto& v : parsed.project.value("drawnGlyphs").toArray()) {
        const QJsonObject g = v.toObject();
        const QByteArray bytes = QByteArray::fromBase64(g["pixels"].toString().toLatin1());
        // Every view takes a drawn glyph as the pad's 28x28 frame.
        if (bytes.size() != 784)
            throw latentset::Error(path.toStdString() + ": drawn glyph '" + g["name"].toString().toStdString()
                                   + "' has " + std::to_string(bytes.size()) + " pixels, not 28x28 = 784");
        latentset::Vector pixels(bytes.size());
        for (int i = 0; i < bytes.size(); ++i)
            pixels[i] = ImageConvert::fromByte(uchar(bytes[i]));
        parsed.glyphs.push_back({g["name"].toString(), pixels});
    }
    if (set && classNames.isEmpty())
        for (int i = 0; i < set->size(); ++i)
            classNames << QString::fromStdString(set->memberName(i));
    parsed.classNames = classNames;
    parsed.classSet = std::move(set);
    parsed.path = path;
    return parsed;
}

ProjectFile::Contents ProjectFile::apply(Parsed parsed, Session& session)
{
    Contents contents;
    contents.project = std::move(parsed.project);
    contents.trainingState = std::move(parsed.trainingState);
    if (parsed.classSet) {
        session.setClassSet(parsed.classSet, parsed.classNames);
        // The opened set's baselines replace the old ones, absent ones too:
        // an MLP or likelihood model of another set must not stay beside it.
        session.setMlpBaseline(parsed.mlp);
        session.setClassLikelihood(parsed.likelihood);
        contents.classSet = true;
    }
    if (const auto cube = parsed.cube) {
        // Alias: the members live inside the CubeModel the pointer keeps.
        session.setCubeWorld(std::shared_ptr<const latentset::AutoencoderSet>(cube, &cube->members), cube->contexts);
        contents.cubeWorld = true;
        contents.cube = cube;
    }
    contents.cubeTrainingState = std::move(parsed.cubeTrainingState);
    if (parsed.conceptModel) {
        session.setConceptModel(parsed.conceptModel);
        contents.conceptModel = true;
    }
    if (parsed.world) {
        ProjectWorld& w = *parsed.world;
        // A fonts world's glyphs are drawn here, Qt's rule (a no-op for the
        // others); a world that cannot be built leaves the rest of the project open.
        if (!w.build(parsed.path)) {
            contents.worldError = w.buildError;
        } else {
            session.setWorld(SessionWorld::opened(w.model, w.source, parsed.path));
            if (w.level2)
                session.setWorldConcept(w.level2);
            contents.worldModel = w.model;
            contents.worldSource = w.source;
            contents.worldConcept = w.level2 != nullptr;
        }
    }
    if (!parsed.glyphs.isEmpty()) {
        session.clearDrawnGlyphs();
        for (const auto& g : parsed.glyphs)
            session.addDrawnGlyph(g.name, g.pixels);
    }
    return contents;
}

ProjectFile::Contents ProjectFile::load(const QString& path, Session& session)
{
    // read() parses everything first: a damaged file changes nothing.
    return apply(read(path), session);
}
