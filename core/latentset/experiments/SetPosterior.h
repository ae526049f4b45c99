#pragma once
// The class set's posterior over classes, eq. 5 as CalibrationExperiment
// (`latentset-cli calibration`) computes it: the likelihood model (sigma and
// p(z) fitted on each member's training images, likelihood/LikelihoodModel),
// eq. 5's constants and softmax temperature fitted on held-out labelled
// images (likelihood/Calibration), then softmax(calibrated log p / T).
// docs/less-is-more.md "In the app": the interpretations view shows it.
//
// Threads: fit*() block (members in parallel on the pool); a SetPosterior is
// immutable, every const function may run on any thread at once.
#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/Interpretation.h"
#include "latentset/likelihood/LikelihoodSettings.h"
#include "latentset/util/Types.h"

#include <Eigen/Core>
#include <memory>
#include <vector>

namespace latentset {

class AutoencoderSet;
class Calibration;
class LikelihoodEstimator;
class LikelihoodModel;
struct LikelihoodTerms;
class ThreadPool;

class SetPosterior {
public:
    // How fitOn() picks its images from labelled splits.
    struct FitOptions {
        LikelihoodSettings likelihood;
        // Training images of each class for sigma and p(z): the first N of
        // the class (0 = all, as the calibration experiment).
        Index trainPerClass = 0;
        // Held-out images for eq. 5's constants: the first N of the
        // validation split (0 = all). Without a validation split, the first
        // calibrationPerClass training images of each class (the class-set
        // experiment's rule for its calibration when validation == 0): the
        // members saw them, so the temperature comes out more confident.
        Index heldOut = 0;
        Index calibrationPerClass = 500;
    };

    // The likelihood model with its calibration: sigma and p(z) from
    // perClass[c] (member c's training images, n x N_c), the constants from
    // heldOut (n x B) and its labels. What CalibrationExperiment fits when
    // the model file holds no likelihood model. Throws latentset::Error for
    // mismatched sizes.
    static LikelihoodModel fitModel(const AutoencoderSet& set, const std::vector<Matrix>& perClass,
                                    const Matrix& heldOut, const std::vector<int>& heldOutLabels,
                                    const LikelihoodSettings& settings, ThreadPool* pool);
    // The same from labelled splits (FitOptions). Throws latentset::Error
    // when the set does not fit the data (members, pixels) or a class has no
    // training images.
    static std::shared_ptr<const SetPosterior> fitOn(std::shared_ptr<const AutoencoderSet> set,
                                                     const DatasetSplits& data, const FitOptions& options,
                                                     ThreadPool* pool);
    // eq. 5's posterior from the likelihood terms: log softmax(apply(terms) / T), C x B.
    static Eigen::MatrixXd logPosterior(const LikelihoodTerms& terms, const Calibration& calibration);

    // `model` must be calibrated and fit `set` (throws latentset::Error otherwise).
    SetPosterior(std::shared_ptr<const AutoencoderSet> set, std::shared_ptr<const LikelihoodModel> model);
    ~SetPosterior();

    const AutoencoderSet& set() const { return *set_; }
    const std::shared_ptr<const AutoencoderSet>& setPtr() const { return set_; }
    const LikelihoodModel& model() const { return *model_; }
    int classCount() const;
    Index inputSize() const;
    double temperature() const;
    // How the constants were fitted (fitOn): images, and whether they were held out.
    Index calibrationImages() const { return calibrationImages_; }
    bool calibratedOnHeldOut() const { return heldOut_; }

    // Log-posteriors of images X (n x B): C x B.
    Eigen::MatrixXd logPosterior(const Matrix& X, ThreadPool* pool = nullptr) const;
    // Every reading of one input x (n values). Throws latentset::Error for
    // an input of another size.
    Interpretation interpret(const Vector& x, ThreadPool* pool = nullptr) const;
    // The posterior (C x W, columns sum to 1) of the blends (1 - w) a + w b
    // at each weight (experiments/ImageBlend).
    Eigen::MatrixXd posteriorAlongBlend(const Vector& a, const Vector& b, const std::vector<double>& weights,
                                        ThreadPool* pool = nullptr) const;

private:
    std::shared_ptr<const AutoencoderSet> set_;
    std::shared_ptr<const LikelihoodModel> model_;
    std::unique_ptr<LikelihoodEstimator> estimator_;
    Index calibrationImages_ = 0;
    bool heldOut_ = false;
};

} // namespace latentset
