// WorldTrainingPanel's world model files: open, save, and telling a world
// model from a project (WorldTrainingPanel.h).
#include "training/WorldTrainingPanel.h"

#include "async/JobRunner.h"
#include "async/TrainerAdapter.h"
#include "image/PairedFolderReader.h"
#include "image/WorldSources.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "training/TrainingStrip.h"
#include "training/WorldTaskBuilder.h"

#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/world/WorldConcept.h"
#include "latentset/world/WorldModel.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>

void WorldTrainingPanel::applyRecipe(const QString& kind)
{
    WorldTrainingForm::Values v;
    v.settings.world = latentset::WorldSpec::named(kind.toStdString());
    form_->setValues(v);
    reset();
    strip_->setStatus(tr("%1 world: press Play (Space); the world views follow the training.").arg(kind));
}

void WorldTrainingPanel::useFolder(const QString& path)
{
    WorldTrainingForm::Values v = form_->values();
    v.settings.world = latentset::WorldSpec::named(path.toStdString()); // a folder
    form_->setValues(v);
    reset();
    strip_->setStatus(tr("reading %1…").arg(path));
    files_->submit([this, path]() -> JobRunner::Continuation {
        QString text, error;
        try {
            const auto images = PairedFolderReader::read(path);
            text = tr("%1: %2 contexts × %3 items, %4×%5 pixels; parameters: %6. Press Play to train.")
                       .arg(path)
                       .arg(images->contexts.size())
                       .arg(images->items.size())
                       .arg(images->width)
                       .arg(images->height);
            QStringList axes;
            for (const latentset::ContextAxis& a : images->axes)
                axes << QString::fromStdString(a.name) + (a.circular ? tr(" (circular)") : QString());
            text = text.arg(axes.join(", "));
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        return [this, text, error] {
            if (error.isEmpty()) {
                strip_->setStatus(text);
            } else {
                showBanner(tr("This folder is not a paired folder: %1").arg(error));
                strip_->setStatus(tr("idle"));
            }
        };
    });
    updateButtons();
}

bool WorldTrainingPanel::isWorldModelFile(const QString& path)
{
    // util/ChunkFile: a 16-byte header ("LSET", version, count, CRC), then
    // the first chunk's tag; WorldModel::addTo writes "WRLD" first.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(20);
    return head.size() == 20 && head.startsWith("LSET") && head.mid(16, 4) == QByteArray(latentset::WorldModel::kTag);
}

void WorldTrainingPanel::openModel(const QString& path, std::function<void(const QString&)> then)
{
    struct Opened {
        std::shared_ptr<const latentset::WorldModel> model;
        std::shared_ptr<const latentset::WorldConcept> level2;
        latentset::WorldSource source;
        QString error;
    };
    pause();
    strip_->setStatus(tr("opening %1…").arg(QFileInfo(path).fileName()));
    files_->submit([this, path, then]() -> JobRunner::Continuation {
        auto o = std::make_shared<Opened>();
        try {
            // One read: the world, and its level-2 concept if the file has one
            // (latentset-cli world concept --save writes both).
            const latentset::ChunkFile file = latentset::ChunkFile::load(path.toStdString());
            o->model = std::make_shared<const latentset::WorldModel>(latentset::WorldModel::from(file));
            if (latentset::WorldConcept::present(file)) {
                o->level2 = std::make_shared<const latentset::WorldConcept>(latentset::WorldConcept::read(file));
                if (o->level2->contexts() != o->model->members.size())
                    throw latentset::Error(path.toStdString() + ": the level-2 concept has "
                                           + std::to_string(o->level2->contexts()) + " contexts, the world "
                                           + std::to_string(o->model->members.size()));
            }
            if (!WorldTaskBuilder::needsGuiThread(o->model->spec)) {
                o->source = WorldSources::forSpec(o->model->spec);
                o->model->checkFits(*o->source.test);
            }
        } catch (const std::exception& e) {
            o->error = QString::fromUtf8(e.what());
        }
        return [this, o, path, then] {
            try {
                if (o->error.isEmpty() && o->source.empty()) { // a fonts world: drawn here
                    o->source = WorldSources::forSpec(o->model->spec);
                    o->model->checkFits(*o->source.test);
                }
            } catch (const std::exception& e) {
                o->error = QString::fromUtf8(e.what());
            }
            if (o->error.isEmpty()) {
                openedModel(o->model, o->source, path);
                if (o->level2)
                    session_->setWorldConcept(o->level2);
            }
            else {
                showBanner(tr("Cannot open %1: %2").arg(path, o->error));
                strip_->setStatus(tr("idle"));
            }
            if (then)
                then(o->error);
        };
    });
    updateButtons();
}

void WorldTrainingPanel::openedModel(std::shared_ptr<const latentset::WorldModel> model, latentset::WorldSource source,
                                     const QString& path)
{
    adoptOpened(model, source);
    session_->setWorld(SessionWorld::opened(model, source, path));
    strip_->setStatus(tr("%1 world opened (%2 contexts, %3 rounds) · Play or Step trains it on (fresh optimiser state)")
                          .arg(QString::fromStdString(model->spec.kind))
                          .arg(source.train->contextCount())
                          .arg(qint64(model->rounds)));
    updateButtons();
}

void WorldTrainingPanel::adoptOpened(std::shared_ptr<const latentset::WorldModel> model, latentset::WorldSource source)
{
    dropTask(); // its next snapshot would overwrite the opened world
    needsReset_ = false;
    banner_->hide();
    WorldTrainingForm::Values v = form_->values();
    v.settings.world = model->spec;
    v.settings.training = model->training;
    if (!model->spec.fonts.empty())
        v.fontCount = int(model->spec.fonts.size());
    form_->setValues(v);
    spec_ = model->spec;
    source_ = source;
    pendingModel_ = model;
    pendingSource_ = source;
    // Its loss per round, if the file keeps one: the curves go on from there.
    if (!model->history.empty()) {
        history_ = model->history;
        replotHistory();
    }
    strip_->setStatus(tr("%1 world from the project (%2 contexts, %3 rounds) · Play or Step trains it on (fresh "
                         "optimiser state)")
                          .arg(QString::fromStdString(model->spec.kind))
                          .arg(source.train->contextCount())
                          .arg(qint64(model->rounds)));
    updateButtons();
}

void WorldTrainingPanel::saveModel(const QString& path, std::function<void(const QString&)> then)
{
    const bool wasPlaying = playing();
    pause();
    whenAtRest([this, path, then, wasPlaying] {
        auto model = std::make_shared<latentset::WorldModel>();
        latentset::WorldSource source = source_;
        if (task_) {
            model->members = *task_->membersSnapshot(); // at rest: the training thread is parked
            model->training = task_->settings();
            model->training.learningRate = task_->learningRate();
            model->rounds = task_->roundsDone();
            model->history = history_; // the curves shown: the file's loss per round
        } else if (pendingModel_) {
            *model = *pendingModel_;
        } else {
            if (then)
                then(tr("nothing to save: train or open a world first"));
            return;
        }
        model->spec = spec_;
        saving_ = true;
        updateButtons();
        files_->submit([this, model, source, path, then, wasPlaying]() -> JobRunner::Continuation {
            QString error;
            try {
                // The likelihood's sigma^2, as `world train` measures it (50 training items).
                const auto seen = latentset::WorldTrainExperiment::spread(*source.train, 50);
                model->noiseVariance = latentset::WorldLikelihood::noiseVariance(model->members, *source.train, seen);
                model->save(path.toStdString()); // atomic (ChunkFile::save)
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
            return [this, error, path, then, wasPlaying] {
                saving_ = false;
                if (error.isEmpty())
                    strip_->setStatus(tr("saved %1").arg(QFileInfo(path).fileName()));
                else
                    showBanner(error);
                updateButtons();
                if (then)
                    then(error);
                if (wasPlaying)
                    togglePlay();
            };
        });
    });
}
