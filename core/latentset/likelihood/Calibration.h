#pragma once
#include "latentset/likelihood/LikelihoodTerms.h"

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace latentset {

class BinaryReader;
class BinaryWriter;

// The two constants of the paper's eq. 5, per member c:
//
//     log p_c(x) = const1_c + const2_c * R_c(x) + log p_c(z*) + V_c(x)
//
// with R_c = -|m ⊙ (x - f(z*))|^2 / 2 sigma^2 (so const2 = 1, const1 = the
// Gaussian normaliser is plain eq. 4) and V_c the volume term. As the paper
// suggests, the constants are fitted as a small softmax regression: the
// members' calibrated log-likelihoods are the logits, the member of the true
// class the target, on a validation split the members were not trained on.
// The problem is convex; it is solved by damped Newton steps (2M parameters,
// M members) with a small ridge toward eq. 4's values, which also fixes the
// common shift of all const1 that a softmax cannot see.
//
// The softmax also gets one shared inverse temperature: the fitted logits are
// alpha_c + beta_c R_c + gamma L_c (L = log p(z*) + V), linear in the
// parameters and so still convex, and eq. 5's constants are alpha/gamma and
// beta/gamma. Without it the fit would have to shrink const2 to soften an
// over-confident eq. 4 and could not shrink the fixed unit weight of L with
// it, which makes the decisions worse, not better. The temperature does not
// change any argmax. (gamma is kept >= 1e-6.)
//
// With `latentWeight` the sum L gets a third per-member coefficient (an
// extension of eq. 5, off by default).
//
// Immutable after fit(); apply() is const and thread-safe.
class Calibration {
public:
    struct Options {
        int maxIterations = 100;
        double ridge = 1e-5; // on the mean loss, toward the eq. 4 values
        bool latentWeight = false;
    };

    Calibration() = default;

    bool isEmpty() const { return offsets_.size() == 0; }
    int memberCount() const { return int(offsets_.size()); }
    // const1_c (includes eq. 4's normaliser), const2_c, and the optional third.
    const Eigen::VectorXd& offsets() const { return offsets_; }
    const Eigen::VectorXd& reconstructionScales() const { return scales_; }
    const Eigen::VectorXd& latentScales() const { return latentScales_; }
    // 1 / gamma: the softmax temperature the fit found (posteriors are
    // softmax(apply() / temperature)).
    double temperature() const { return temperature_; }
    // Mean cross-entropy on the validation split before and after fitting.
    double initialLoss() const { return initialLoss_; }
    double finalLoss() const { return finalLoss_; }

    // Requires labels.size() == validation.samples(), each label a member
    // index in [0, M); throws Error otherwise.
    static Calibration fit(const LikelihoodTerms& validation, const std::vector<int>& labels,
                           const Options& options);
    static Calibration fit(const LikelihoodTerms& validation, const std::vector<int>& labels)
    {
        return fit(validation, labels, Options{});
    }

    // Constants fitted elsewhere (an NPZ file, interop/ModelNpz): eq. 5's
    // const1 and const2 per member, the optional third coefficient (empty or
    // the same size) and the temperature. Throws Error "<what>: ..." unless
    // the sizes agree, every value is finite and the temperature is > 0.
    static Calibration fromConstants(Eigen::VectorXd offsets, Eigen::VectorXd scales, Eigen::VectorXd latentScales,
                                     double temperature, const std::string& what);

    // Calibrated log-likelihoods, M x B. Requires terms.members() == memberCount().
    Eigen::MatrixXd apply(const LikelihoodTerms& terms) const;

    // K-fold cross-fitting: every sample's calibrated log-likelihoods (M x B)
    // come from constants fitted on the OTHER folds (sample b is in fold
    // b mod folds). So eq. 5 can be scored on data the set never saw even when
    // no unseen validation split exists (a set trained on every training
    // image). Requires 2 <= folds <= samples; labels as for fit().
    static Eigen::MatrixXd crossFitted(const LikelihoodTerms& terms, const std::vector<int>& labels, int folds,
                                       const Options& options);

    // Version 2 added the temperature; version 1 is still read.
    static constexpr std::uint32_t kFormatVersion = 2;
    void write(BinaryWriter& out) const;
    static Calibration read(BinaryReader& in, std::uint32_t version = kFormatVersion);

private:
    Eigen::VectorXd offsets_, scales_, latentScales_;
    double initialLoss_ = 0.0, finalLoss_ = 0.0;
    double temperature_ = 1.0;
};

} // namespace latentset
