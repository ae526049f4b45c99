#pragma once
#include <QImage>
#include <QVector>

#include <memory>
#include <vector>

namespace latentset {
class AutoencoderSet;
class Dataset;
} // namespace latentset

// What the class-set panel shows of a snapshot: accuracy by the set's
// decision rule (SetClassifier, squared error) on an evenly spread sample of
// validation images, each member's mean training loss on its own class's
// images (the units of the training curve), and one input / reconstruction
// pair per class for the thumbnails. Runs on a worker (JobRunner); reads
// only the immutable set and dataset it is given.
struct ClassSetValidation {
    double accuracy = 0;
    std::vector<double> ownLoss; // per member; negative when the sample has none of its class
    QVector<QImage> inputs, reconstructions;

    static ClassSetValidation run(const std::shared_ptr<const latentset::AutoencoderSet>& setPtr, const latentset::Dataset& validation,
                                  int sampleSize);
};
