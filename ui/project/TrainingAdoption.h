#pragma once
// An opened file's models become the trainings' models: the one place where
// an open reaches into the training panels (ProjectController::showOpened).
// The session holds one class set and one cube world; Play must continue the
// models the views show, never a task trained before the open.
// GUI thread; call with the replaced trainers parked (nothing here waits).
#include "project/ProjectFile.h"

class Session;
class TrainingPanel;

namespace TrainingAdoption {

// A class set in `opened` (or a project naming a dataset) becomes the class-
// set panel's task: its trainer is dropped, the task is built from the opened
// weights (and the saved optimiser state, moved out of `opened`) once the
// project's dataset is loaded, or at once on the panel's dataset when the
// file names none (a model written by latentset-cli). A cube training state
// resumes in the cube panel; a cube world that was only opened replaces the
// cube training too (its members, fresh optimiser state, paused), so Play
// continues that world instead of overwriting it; so does a project's context
// world (the world training's task, fresh optimiser state). Also brings back
// the training view's mode.
void adopt(TrainingPanel& training, const Session& session, ProjectFile::Contents& opened);

} // namespace TrainingAdoption
