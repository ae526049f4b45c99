#include "project/TrainingAdoption.h"

#include "async/TrainerAdapter.h"
#include "session/Session.h"
#include "training/CubeTrainingPanel.h"
#include "training/TrainingPanel.h"

#include "latentset/cube/SharedLatentState.h"
#include "latentset/nn/AutoencoderSet.h"

namespace TrainingAdoption {

void adopt(TrainingPanel& training, const Session& session, ProjectFile::Contents& c)
{
    if (c.classSet || c.project.contains("dataset")) {
        QJsonObject settings = c.project;
        const auto set = c.classSet ? session.classSet() : nullptr;
        if (set && !settings.contains("hidden")) { // a bare model: its architecture into the controls
            QStringList hidden;
            for (auto h : set->config().hiddenSizes)
                hidden << QString::number(h);
            settings["hidden"] = hidden.join(",");
            settings["latent"] = int(set->config().latentSize);
            settings["tied"] = set->config().tied;
        }
        // Parked (ProjectController::applyWhenParked): dropping it does not wait,
        // and no late snapshot of the old task reaches the views.
        training.adapter()->reset();
        training.applyProject(settings, set, std::move(c.trainingState));
        if (settings.value("dataset").toString().isEmpty() && training.data())
            training.reset(); // builds from the opened set now
    }
    CubeTrainingPanel* cube = training.cubePanel();
    if (c.cubeTrainingState)
        cube->restoreState(c.cubeTrainingState);
    else if (c.cubeWorld && cube->task())
        cube->reset();
    if (c.project.contains("trainingMode"))
        training.setCubeMode(c.project.value("trainingMode").toString() == "cube-world");
}

} // namespace TrainingAdoption
