#include "ProjectFile.h"

#include "Session.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr const char* kProjectTag = "UIPR";
constexpr std::uint32_t kProjectVersion = 1;
constexpr const char* kClassSetTag = "UICS"; // a nested ChunkFile holding the class set
constexpr std::uint32_t kClassSetVersion = 1;
constexpr const char* kTrainingStateTag = "UITS"; // a nested ChunkFile: the training panel's task state
constexpr std::uint32_t kTrainingStateVersion = 1;
constexpr const char* kCubeTrainingTag = "UICT"; // a nested ChunkFile: the cube training panel's state
constexpr std::uint32_t kCubeTrainingVersion = 1;

bool sameContexts(const latentset::CubeContextsConfig& a, const latentset::CubeContextsConfig& b)
{
    return a.sideCount == b.sideCount && a.topCount == b.topCount && a.cube == b.cube;
}
} // namespace

void ProjectFile::save(const QString& path, const Session& session, const QJsonObject& project,
                       const std::string& trainingState, std::string cubeTrainingState)
{
    latentset::ChunkFile file(path.toStdString());
    QJsonObject json = project;
    json["format"] = "latentset-project";
    QStringList names = session.classNames();
    json["classNames"] = QJsonArray::fromStringList(names);
    QJsonArray glyphs;
    for (const auto& g : session.drawnGlyphs()) {
        QByteArray bytes(int(g.pixels.size()), 0);
        for (int i = 0; i < g.pixels.size(); ++i)
            bytes[i] = char(uchar(std::clamp(g.pixels[i], 0.0f, 1.0f) * 255.0f + 0.5f));
        glyphs.append(QJsonObject{{"name", g.name}, {"pixels", QString::fromLatin1(bytes.toBase64())}});
    }
    json["drawnGlyphs"] = glyphs;
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    file.add(kProjectTag, kProjectVersion, text.toStdString());
    if (const auto set = session.classSet()) {
        // Nested: a cube model may use the same nn chunk tags for its members.
        latentset::ChunkFile inner("class set");
        latentset::ModelFile::writeSet(inner, *set, false);
        file.add(kClassSetTag, kClassSetVersion, inner.toBytes());
    }
    if (!trainingState.empty())
        file.add(kTrainingStateTag, kTrainingStateVersion, trainingState);
    if (!cubeTrainingState.empty()) // moved: it may be hundreds of MB
        file.add(kCubeTrainingTag, kCubeTrainingVersion, std::move(cubeTrainingState));
    if (session.hasCubeWorld()) {
        latentset::CubeModel cube;
        cube.contexts = session.cubeContexts();
        cube.members = session.cubeMembers()->inferenceCopy();
        cube.addTo(file);
    }
    if (const auto conceptModel = session.conceptModel())
        conceptModel->write(file);
    file.save(path.toStdString());
}

ProjectFile::Contents ProjectFile::load(const QString& path, Session& session)
{
    const latentset::ChunkFile file = latentset::ChunkFile::load(path.toStdString());
    Contents contents;
    QStringList classNames;
    if (const auto* chunk = file.find(kProjectTag)) {
        file.checkVersion(*chunk, kProjectVersion);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(chunk->payload), &error);
        if (!doc.isObject())
            throw latentset::Error(path.toStdString() + ": project settings are not valid JSON ("
                                   + error.errorString().toStdString() + ")");
        contents.project = doc.object();
        for (const auto& v : contents.project["classNames"].toArray())
            classNames << v.toString();
    }
    const bool hasCube = latentset::CubeModel::isCubeModel(file);
    const auto* nested = file.find(kClassSetTag);
    // A bare class-set model file (latentset-cli mnist --save) has the nn
    // chunks at top level; in a cube model they are the cube's members.
    const bool hasSet = nested != nullptr || (!hasCube && file.find("AESE") != nullptr);
    const bool hasConcept = latentset::ConceptModel::present(file);
    if (!hasSet && !hasCube && !hasConcept && contents.project.isEmpty())
        throw latentset::Error(path.toStdString() + ": neither a LatentSet project nor a model file");
    // Parse everything first, publish after: a damaged file changes nothing.
    std::shared_ptr<const latentset::AutoencoderSet> set;
    if (nested) {
        file.checkVersion(*nested, kClassSetVersion);
        const latentset::ChunkFile inner = latentset::ChunkFile::fromBytes(nested->payload, file.describe(*nested));
        set = std::make_shared<const latentset::AutoencoderSet>(latentset::ModelFile::readSet(inner));
    } else if (hasSet) {
        set = std::make_shared<const latentset::AutoencoderSet>(latentset::ModelFile::readSet(file));
    }
    if (const auto* state = file.find(kTrainingStateTag)) {
        file.checkVersion(*state, kTrainingStateVersion);
        // The nested container and its chunk list are checked here (CRCs,
        // versions), so a damaged state fails the open; the weights are
        // parsed later, on the training panel's worker.
        const latentset::ChunkFile inner = latentset::ChunkFile::fromBytes(state->payload, file.describe(*state));
        inner.require("AESE", 1);
        inner.require("CSTK", 2);
        contents.trainingState = state->payload;
    }
    std::shared_ptr<const latentset::CubeModel> cube;
    if (hasCube)
        cube = std::make_shared<const latentset::CubeModel>(latentset::CubeModel::from(file));
    std::shared_ptr<latentset::SharedLatentState> cubeState;
    if (const auto* chunk = file.find(kCubeTrainingTag)) {
        file.checkVersion(*chunk, kCubeTrainingVersion);
        const latentset::ChunkFile inner = latentset::ChunkFile::fromBytes(chunk->payload, file.describe(*chunk));
        cubeState = std::make_shared<latentset::SharedLatentState>(latentset::SharedLatentState::read(inner));
        // The members must fit their contexts: checked now, so a damaged
        // state fails the open instead of the first Play. The cube world's
        // contexts are normally the same ones (already built).
        try {
            if (cube && sameContexts(cube->contexts->config(), cubeState->contexts))
                cubeState->checkFits(*cube->contexts);
            else
                cubeState->checkFits(latentset::CubeContexts(cubeState->contexts));
        } catch (const latentset::Error& e) {
            throw latentset::Error(file.describe(*chunk) + ": " + e.what());
        }
    }
    std::shared_ptr<const latentset::ConceptModel> conceptModel;
    if (hasConcept)
        conceptModel = std::make_shared<const latentset::ConceptModel>(latentset::ConceptModel::read(file));
    QVector<Session::DrawnGlyph> glyphs;
    for (const auto& v : contents.project["drawnGlyphs"].toArray()) {
        const QJsonObject g = v.toObject();
        const QByteArray bytes = QByteArray::fromBase64(g["pixels"].toString().toLatin1());
        latentset::Vector pixels(bytes.size());
        for (int i = 0; i < bytes.size(); ++i)
            pixels[i] = uchar(bytes[i]) / 255.0f;
        glyphs.push_back({g["name"].toString(), pixels});
    }

    if (set) {
        if (classNames.isEmpty())
            for (int i = 0; i < set->size(); ++i)
                classNames << QString::fromStdString(set->memberName(i));
        session.setClassSet(set, classNames);
        contents.classSet = true;
    }
    if (cube) {
        // Alias: the members live inside the CubeModel the pointer keeps.
        session.setCubeWorld(std::shared_ptr<const latentset::AutoencoderSet>(cube, &cube->members), cube->contexts);
        contents.cubeWorld = true;
    }
    contents.cubeTrainingState = std::move(cubeState);
    if (conceptModel) {
        session.setConceptModel(conceptModel);
        contents.conceptModel = true;
    }
    if (!glyphs.isEmpty()) {
        session.clearDrawnGlyphs();
        for (const auto& g : glyphs)
            session.addDrawnGlyph(g.name, g.pixels);
    }
    return contents;
}
