// CompareView's files (docs/units-and-compare.md "Compare runs"): reading a
// run (a project, a model file of latentset-cli, a world model file) on a
// worker, read only, what kind of run it is, and whether two runs compare.
// The display is in CompareView.cpp and CompareViewWorlds.cpp.
#include "project/CompareView.h"

#include "project/ProjectFile.h"

#include "async/JobRunner.h"
#include "image/WorldSources.h"
#include "training/WorldTaskBuilder.h"
#include "training/WorldTrainingPanel.h"

#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentState.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldModel.h"

#include <QJsonArray>
#include <QLabel>

namespace {

const char* const kSideNames[] = {"A", "B"};

// A model file written by latentset-cli has no app project JSON, but its
// history ("HIST": an x column, then one column per figure, e.g. epoch,
// mean_loss) and optimiser ("OPTS"): read again with the same size-checked
// container reader, they become its curves and settings. Curves as the
// app's: "accuracy" columns to the accuracy plot, the others to the loss
// plot; series -1 = shown whatever member is picked.
void addModelFileFacts(const QString& path, QJsonObject& project)
{
    const latentset::ChunkFile file = latentset::ChunkFile::load(path.toStdString());
    if (file.find("OPTS")) {
        const latentset::OptimizerSettings o = latentset::ModelFile::readOptimizer(file);
        project["optimizer"] = QString::fromStdString(latentset::OptimizerSettings::kindName(o.kind));
        project["learningRate"] = QString::number(double(o.learningRate), 'g', 7).toDouble(); // as the float reads

        project["schedule"] = QString::fromStdString(latentset::OptimizerSettings::scheduleName(o.schedule));
        project["weightDecay"] = QString::number(double(o.weightDecay), 'g', 7).toDouble();
    }
    if (!file.find("HIST"))
        return;
    const latentset::MetricHistory history = latentset::ModelFile::readHistory(file);
    QJsonArray curves;
    for (std::size_t c = 1; c < history.columns.size(); ++c) {
        QJsonArray x, y;
        for (const auto& row : history.rows)
            if (row.size() == history.columns.size()) {
                x.append(row[0]);
                y.append(row[c]);
            }
        const QString name = QString::fromStdString(history.columns[c]);
        curves.append(QJsonObject{{"plot", name.contains("acc") ? "accuracy" : "loss"}, {"series", -1},
                                  {"name", name}, {"x", x}, {"y", y}});
    }
    project["curves"] = curves;
}

} // namespace

void CompareView::load(int side, const QString& path)
{
    Side& s = sides_[std::size_t(side)];
    s = Side{};
    s.path = path;
    pathLabels_[std::size_t(side)]->setText(tr("%1 (reading…)").arg(path));
    reader_->submit([this, side, path]() -> JobRunner::Continuation {
        // The same reader as File > Open: every claimed size checked before it allocates; read only.
        auto parsed = std::make_shared<ProjectFile::Parsed>();
        auto world = std::make_shared<Side>();
        QString error;
        bool bare = false; // a model file of latentset-cli: no project JSON
        try {
            if (!(WorldTrainingPanel::isWorldModelFile(path) && readWorld(path, *world))) {
                *parsed = ProjectFile::read(path);
                bare = parsed->project.isEmpty();
                if (bare)
                    addModelFileFacts(path, parsed->project);
            }
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        return [this, side, path, parsed, world, error, bare] {
            Side& s = sides_[std::size_t(side)];
            if (s.path != path)
                return; // another file was asked for meanwhile
            QString failure = error;
            if (failure.isEmpty() && world->world && world->worldSource.empty()) {
                try { // a fonts world: its glyphs are drawn here (Qt's font database)
                    world->worldSource = WorldSources::forSpec(world->world->spec);
                    world->world->checkFits(*world->worldSource.test);
                } catch (const std::exception& e) {
                    failure = QString::fromUtf8(e.what());
                }
            }
            if (!failure.isEmpty()) {
                s.error = failure;
                pathLabels_[std::size_t(side)]->setText(tr("%1: not read (%2)").arg(path, failure));
                status_->setText(tr("Run %1 was not read: %2").arg(kSideNames[side], failure));
                return;
            }
            if (world->world) {
                world->path = path;
                s = *world;
            } else {
                s.project = parsed->project;
                s.bareModel = bare;
                s.classNames = parsed->classNames;
                s.classSet = parsed->classSet;
                s.cube = parsed->cube;
                if (parsed->cubeTrainingState) {
                    s.rounds = parsed->cubeTrainingState->history;
                    s.hasRounds = true;
                } else
                    s.hasRounds = bool(parsed->cube);
            }
            s.loaded = true;
            worldErrors_[std::size_t(side)].reset();
            pathLabels_[std::size_t(side)]->setText(tr("%1 (%2)").arg(path, describe(s)));
            showSettings();
            showCurves();
            showRoundCurves();
            evaluate();
        };
    });
}

void CompareView::setCurrentProject(const QString& path)
{
    currentProject_ = path;
    if (sides_[0].path.isEmpty() && !path.isEmpty())
        load(0, path);
}

bool CompareView::readWorld(const QString& path, Side& into)
{
    const latentset::ChunkFile file = latentset::ChunkFile::load(path.toStdString());
    if (!latentset::WorldModel::isWorldModel(file))
        return false;
    auto model = std::make_shared<const latentset::WorldModel>(latentset::WorldModel::from(file));
    into.world = model;
    into.rounds = model->history;
    into.hasRounds = true;
    // A fonts world draws its glyphs with Qt's font database: on the GUI thread (the continuation).
    if (!WorldTaskBuilder::needsGuiThread(model->spec)) {
        into.worldSource = WorldSources::forSpec(model->spec);
        model->checkFits(*into.worldSource.test);
    }
    return true;
}

QString CompareView::describe(const Side& side) const
{
    if (side.world)
        return tr("a %1 world model file: %2 contexts, %3 rounds")
            .arg(QString::fromStdString(side.world->spec.kind))
            .arg(side.world->members.size())
            .arg(qint64(side.world->rounds));
    QStringList parts;
    if (side.classSet)
        parts << tr("class set");
    if (side.cube)
        parts << tr("cube world");
    const QString what = parts.isEmpty() ? tr("nothing to compare") : parts.join(tr(" and "));
    return side.bareModel ? tr("a model file: %1").arg(what) : tr("a project: %1").arg(what);
}

QString CompareView::mismatch() const
{
    if (!sides_[0].loaded || !sides_[1].loaded || bool(sides_[0].world) == bool(sides_[1].world))
        return {};
    return tr("Cannot compare run A (%1) with run B (%2): open two projects, or two world model files.")
        .arg(describe(sides_[0]), describe(sides_[1]));
}

