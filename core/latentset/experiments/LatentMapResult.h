#pragma once
// What a LatentMapExperiment computed (a value; no Qt): the codes, their 2-D
// coordinates and, per point, what it is (item, context, class), plus the
// shared-latent check (analysis/SpreadRatio) measured on the codes.
#include "latentset/analysis/Pca.h"
#include "latentset/analysis/SpreadRatio.h"
#include "latentset/util/Types.h"

#include <memory>
#include <string>
#include <vector>

namespace latentset {

struct LatentMapResult {
    std::string method;     // "pca" or "tsne"
    std::string kind;       // "class-set" or "world"
    Matrix codes;           // d x n, one column per point
    Matrix coordinates;     // 2 x n
    // Per point (n entries each):
    //   item    a world's item index; a class set's input index (the image)
    //   context the member that encoded it (a world's context)
    //   label   the class (an image's label, a world item's label; -1 if none)
    std::vector<int> item, context, label;
    std::vector<std::string> contextNames; // one per member
    std::vector<std::string> labelNames;   // index = label, 0 .. the largest present
    int items = 0, contexts = 0;           // distinct items, members used
    // The spread ratio over the codes, grouped by item (a world) or by class
    // (a class set: every image has one code, so its class is the group);
    // spreadBy says which. Not measured (measured = false) when fewer than
    // two groups or no group with two codes.
    SpreadRatio spread;
    bool measured = false;
    std::string spreadBy;
    // PCA: the basis the coordinates are in (fitted, or the fixed one given).
    std::shared_ptr<const Pca> basis;
    // t-SNE: its final KL divergence, iterations done and perplexity used.
    double kl = 0.0;
    int iterations = 0;
    double perplexity = 0.0;
    double encodeSeconds = 0.0; // the codes
    double seconds = 0.0;       // the projection alone (what the targets time)
    bool stopped = false;
};

} // namespace latentset
