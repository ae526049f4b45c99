#pragma once
// What a WorldEstimateExperiment measured (a value; no Qt): per axis, the
// mean (and median) absolute error of each estimate against the value the
// item was shown at, beside the axis's bin width.
#include <string>
#include <vector>

namespace latentset {

struct AxisErrors {
    std::string name;
    bool circular = false;
    double binWidth = 0;
    double maeMap = 0, maeMean = 0, maeInterpolated = 0;
    double medianInterpolated = 0;
    // Fraction of items whose interpolated estimate is within half a bin.
    double withinHalfBin = 0;
    // Circular axes: fraction of items off by more than a quarter period (a
    // glyph that looks alike turned half way: 0, 1, 8, 6 vs 9).
    double beyondQuarter = 0;
};

// The first axis's mean absolute error (interpolated) over the items of one label.
struct LabelError {
    std::string label;
    int items = 0;
    double meanAbsError = 0;
};

struct WorldEstimateResult {
    int items = 0;
    bool offGrid = false;        // shown between the contexts' values (else at a context's own)
    std::vector<AxisErrors> axes;
    double nearestContextAccuracy = 0; // MAP context == the context nearest to the truth
    std::vector<LabelError> perLabel;  // labelled items only (ContextWorld::itemLabel), by label
    // The item identified across contexts from the shared code alone
    // (world/WorldIdentification): accuracy over `items` random queries
    // against a gallery of the first identificationGallery held-out items
    // (chance 1 / gallery).
    double itemIdentification = 0;
    int identificationGallery = 0;
    double seconds = 0;
    bool stopped = false;
};

} // namespace latentset
