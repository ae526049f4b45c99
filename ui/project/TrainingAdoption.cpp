#include "project/TrainingAdoption.h"

#include "async/TrainerAdapter.h"
#include "session/Session.h"
#include "training/CubeTrainingPanel.h"
#include "training/TrainingController.h"
#include "training/TrainingPanel.h"
#include "training/WorldTrainingPanel.h"

#include "latentset/cube/SharedLatentState.h"
#include "latentset/nn/AutoencoderSet.h"

namespace TrainingAdoption {

void adopt(TrainingPanel& training, const Session& session, ProjectFile::Contents& c)
{
    TrainingHandOff opened;
    opened.classSetProject = c.project;
    opened.classSet = c.classSet ? session.classSet() : nullptr;
    opened.classSetState = std::move(c.trainingState);
    opened.cubeState = c.cubeTrainingState;
    opened.cubeWorld = c.cube;
    if (const auto& set = opened.classSet; set && !opened.classSetProject.contains("hidden")) {
        // A bare model (latentset-cli): its architecture into the form, and
        // the set kept pending like a project's until a dataset is there.
        QStringList hidden;
        for (auto h : set->config().hiddenSizes)
            hidden << QString::number(h);
        opened.classSetProject["hidden"] = hidden.join(",");
        opened.classSetProject["latent"] = int(set->config().latentSize);
        opened.classSetProject["tied"] = set->config().tied;
    }
    TrainingController* classSet = training.classSet();
    if (classSet->adopts(opened)) {
        // Parked (ProjectController::whenParked): dropping its trainer does
        // not wait, and no late snapshot of the old task reaches the views.
        classSet->adapter()->reset();
        classSet->adopt(opened);
        if (opened.classSetProject.value("dataset").toString().isEmpty() && training.data())
            classSet->reset(); // builds from the opened set now, on the dataset there is
    }
    TrainingController* cube = training.cube();
    if (cube->adopts(opened))
        cube->adopt(opened); // a world that was only opened: Play continues it (fresh moments)
    if (c.worldModel) // the session shows it already (ProjectFile::apply): Play continues it
        training.worldPanel()->adoptOpened(c.worldModel, c.worldSource);
    if (c.project.contains("trainingMode"))
        training.setCubeMode(c.project.value("trainingMode").toString() == "cube-world");
}

} // namespace TrainingAdoption
