#pragma once
#include "latentset/likelihood/Calibration.h"
#include "latentset/likelihood/GaussianMixture.h"
#include "latentset/likelihood/LikelihoodSettings.h"
#include "latentset/util/Types.h"

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace latentset {

class AutoencoderSet;
class ChunkFile;
class ThreadPool;

// What eq. 4 needs beyond a trained set, fitted once and saved with the
// model: per member the noise deviation sigma (scalar or per pixel), the
// optional mask, the latent density p(z) (per member or shared), and
// optionally eq. 5's calibration and an anomaly threshold.
//
// Shapes: data are n x N (one column per sample); per-pixel vectors have n
// entries.
//
// Immutable once fitted except for setCalibration/setAnomalyThreshold, which
// callers do before publishing it (e.g. as std::shared_ptr<const LikelihoodModel>).
class LikelihoodModel {
public:
    LikelihoodModel() = default;

    // Fits sigma and p(z) from each member's own training data
    // (dataPerMember[c] is n x N_c, the inputs member c was trained on).
    // `masks` is empty or holds one n-vector per member (1 = explained pixel,
    // 0 = ignored; the paper's cube-face masks). Members run in parallel on
    // `pool` (blocks until done). Throws Error on mismatched sizes.
    static LikelihoodModel fit(const AutoencoderSet& set, const std::vector<Matrix>& dataPerMember,
                               const LikelihoodSettings& settings, ThreadPool* pool = nullptr,
                               const std::vector<Vector>& masks = {});

    // A model whose parts were fitted elsewhere (an NPZ file, interop/ModelNpz).
    // Every per-member vector has one entry per member (at least one); the
    // pixel weights n entries each; densities one (shared) or one per member,
    // all of one dimension; the calibration empty or of every member. Throws
    // Error "<what>: ..." otherwise or for non-finite values.
    struct Parts {
        LikelihoodSettings settings;
        std::vector<double> sigmas;
        double pooledSigma = 0.0;
        std::vector<Vector> pixelWeights;
        std::vector<double> noiseNormalisers;
        std::vector<GaussianMixture> densities;
        Calibration calibration;
        double anomalyThreshold = std::numeric_limits<double>::quiet_NaN();
    };
    static LikelihoodModel fromParts(Parts parts, const std::string& what);
    // A model read from a file must be the one of the set beside it: throws
    // latentset::Error "<source>: ..." unless member count, input size and the
    // latent densities' dimension match `set` (the evaluators index by them).
    void checkFits(const AutoencoderSet& set, const std::string& source) const;

    bool isEmpty() const { return sigmas_.empty(); }
    int memberCount() const { return int(sigmas_.size()); }
    Index inputSize() const { return pixelWeights_.empty() ? 0 : pixelWeights_[0].size(); }
    const LikelihoodSettings& settings() const { return settings_; }
    // The member's own scalar sigma (RMS residual over its explained pixels),
    // whether or not the model uses it (see LikelihoodSettings::pooledSigma).
    double sigma(int member) const { return sigmas_[std::size_t(member)]; }
    // The set's pooled scalar sigma (0 unless settings().pooledSigma).
    double pooledSigma() const { return pooledSigma_; }
    // m_i / sigma_i per pixel (n entries): the weights of eq. 4's residual and of W's rows.
    const Vector& pixelWeights(int member) const { return pixelWeights_[std::size_t(member)]; }
    // -sum_{m_i>0} log sigma_i - n_m/2 log 2pi.
    double noiseNormaliser(int member) const { return noiseNormalisers_[std::size_t(member)]; }
    const GaussianMixture& latentDensity(int member) const
    {
        return densities_[densities_.size() == 1 ? 0 : std::size_t(member)];
    }
    const std::vector<GaussianMixture>& latentDensities() const { return densities_; }

    const Calibration& calibration() const { return calibration_; }
    void setCalibration(Calibration calibration) { calibration_ = std::move(calibration); }
    // Anomaly threshold on the score -max_c log p_c(x) (NaN when not chosen).
    double anomalyThreshold() const { return anomalyThreshold_; }
    void setAnomalyThreshold(double threshold) { anomalyThreshold_ = threshold; }

    // Chunk tags: "LKMD" (settings, sigmas, weights, normalisers), one "LKGM"
    // per mixture, "LKCA" (calibration + threshold). Added to `file`.
    // Version 2 added the pooled sigma; version 1 files are still read.
    static constexpr std::uint32_t kChunkVersion = 2;
    void addTo(ChunkFile& file) const;
    // std::nullopt when the file has no likelihood chunks; throws Error if they are corrupt.
    static std::optional<LikelihoodModel> readFrom(const ChunkFile& file);

private:
    LikelihoodSettings settings_;
    std::vector<double> sigmas_;
    double pooledSigma_ = 0.0;
    std::vector<Vector> pixelWeights_;
    std::vector<double> noiseNormalisers_;
    std::vector<GaussianMixture> densities_; // one per member, or one shared
    Calibration calibration_;
    double anomalyThreshold_ = std::numeric_limits<double>::quiet_NaN();
};

} // namespace latentset
