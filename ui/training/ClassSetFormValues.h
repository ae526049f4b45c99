#pragma once
#include "latentset/experiments/ClassSetExperimentSettings.h"

// The class-set training's settings as the Training view edits them: core's
// class-set experiment settings, the same value type latentset-cli mnist
// runs, so the app's defaults are the CLI's (the paper's recipe) and the same
// settings and seed train the same bits (taskSettings(), memberSeed()).
// The form shows dataset, validation, member shape, epochs, batch size,
// optimiser kind and rate, masking noise and seed; the other fields (the
// cosine schedule, ...) keep the values they were given.
using ClassSetFormValues = latentset::ClassSetExperimentSettings;
