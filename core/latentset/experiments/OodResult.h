#pragma once
// What an OodExperiment measured (a value). AUROC of an anomaly score,
// normal = the set's own test images, anomalous = the outside images; 1 =
// perfect detection, 0.5 = chance, below 0.5 = the outside set looks MORE
// normal than the set's own (the failure of likelihood models the published
// Fashion-in / MNIST-out numbers show).
#include "latentset/util/Types.h"

#include <string>
#include <vector>

namespace latentset {

struct OodResult {
    // Published AUROC, Fashion-MNIST in / MNIST out (issue 16's table).
    struct Published {
        const char* method;
        double auroc;
    };
    static constexpr Published kPublishedFashionMnist[] = {
        {"VAE ELBO", 0.87}, {"PixelCNN++ likelihood", 0.09}, {"BIVA likelihood ratio", 0.98}, {"DoSE", 1.00}};

    struct Term {
        std::string name; // "eq4", "reconstruction", "log_pz", "volume", "squared_error", "eq5"
        double auroc = 0;
    };

    std::string dataset, out;
    Index normalImages = 0, outImages = 0;
    // The set's own test accuracy by eq. 4 and by the squared error (the
    // paper's recon-only rule): what the in-distribution model is worth.
    double accuracyEq4 = 0, accuracySse = 0;
    double auroc = 0;         // of -max_c log p_c(x) (eq. 4)
    std::vector<Term> terms;  // each term alone: -max_c term_c(x); squared error: min_c
    double seconds = 0;
    bool stopped = false;
};

} // namespace latentset
