#pragma once
#include "training/ClassSetFormValues.h"

#include <QJsonObject>

class PlotView;
namespace latentset {
struct DatasetSplits;
}

// The class-set training's part of a project's "UIPR" JSON: the settings
// (keys as projects have always written them: "hidden" as "2048,512",
// "latent", "tied", "activation", "optimizer", "learningRate", "schedule",
// "weightDecay" (none in older files: constant rate, no decay), "batchSize",
// "epochs", "maskingNoise", "seed", "validationSplit", "dataset") and the
// curves of the panel's plots, raw ("curves": plot, series, name, x, y).
// Persistence lives here, not in the panel; older files open (missing keys
// keep the fallback's values).
namespace ClassSetSettingsJson {

void write(QJsonObject& out, const ClassSetFormValues& values);
ClassSetFormValues read(const QJsonObject& in, const ClassSetFormValues& fallback);

// A project's whole class-set part: the dataset reference ("dataset" =
// `datasetId`; name, source and split sizes of `data` if loaded), the
// settings and the curves.
QJsonObject project(const QString& datasetId, const latentset::DatasetSplits* data, const ClassSetFormValues& values,
                    const PlotView& loss, const PlotView& accuracy);

// Every series of the two plots under "curves".
void writeCurves(QJsonObject& out, const PlotView& loss, const PlotView& accuracy);
// Puts saved curves back into plots whose series already exist.
void readCurves(const QJsonObject& in, PlotView& loss, PlotView& accuracy);

} // namespace ClassSetSettingsJson
