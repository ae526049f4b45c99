#include "training/ClassSetValidation.h"

#include "image/ImageConvert.h"

#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/Loss.h"
#include "latentset/nn/SetClassifier.h"

#include <algorithm>

ClassSetValidation ClassSetValidation::run(const std::shared_ptr<const latentset::AutoencoderSet>& setPtr, const latentset::Dataset& val,
                                           int sampleSize)
{
    const latentset::AutoencoderSet& set = *setPtr;
    const latentset::Index n = std::min<latentset::Index>(val.size(), sampleSize);
    std::vector<latentset::Index> idx(static_cast<std::size_t>(n));
    for (latentset::Index i = 0; i < n; ++i)
        idx[std::size_t(i)] = i * val.size() / n; // spread over the (stratified) split
    const latentset::Dataset sample = val.subset(idx);
    // One reconstruction per member serves both the decision (squared error,
    // as everywhere) and the per-member loss: it is the whole cost (members x
    // images forward passes, on a core the training also wants).
    const latentset::SetClassifier classifier(setPtr);
    const latentset::Matrix X = sample.range(0, n);
    latentset::Matrix decisionErrors(set.size(), n), errors(set.size(), n);
    for (int m = 0; m < set.size(); ++m) {
        const latentset::Matrix R = set.member(m).reconstruct(X);
        decisionErrors.row(m) = latentset::Loss::perSample(classifier.errorMeasure(), R, X);
        errors.row(m) = latentset::Loss::perSample(set.config().loss, R, X);
    }
    const std::vector<int> decided = classifier.decide(decisionErrors, false);
    int correct = 0;
    std::vector<double> sum(std::size_t(set.size()), 0.0), count(std::size_t(set.size()), 0.0);
    for (latentset::Index j = 0; j < n; ++j) {
        const int label = sample.label(j);
        correct += decided[std::size_t(j)] == label;
        if (label < set.size()) {
            sum[std::size_t(label)] += errors(label, j);
            count[std::size_t(label)] += 1;
        }
    }
    ClassSetValidation r;
    r.accuracy = n > 0 ? double(correct) / double(n) : 0.0;
    for (std::size_t i = 0; i < sum.size(); ++i)
        r.ownLoss.push_back(count[i] > 0 ? sum[i] / count[i] : -1.0);
    // Thumbnails: the first validation image of each class, and its
    // reconstruction by that class's member.
    for (int c = 0; c < set.size() && c < 10; ++c) {
        const auto of = val.indicesOfClass(c);
        if (of.empty())
            continue;
        const latentset::Vector x0 = val.imageVector(of.front());
        r.inputs << ImageConvert::toImage(x0, val.width(), val.height());
        r.reconstructions << ImageConvert::toImage(set.member(c).reconstruct(x0).col(0), val.width(), val.height());
    }
    return r;
}
