#pragma once
// Level 2 of the paper's §11: an autoencoder over context-likelihood maps
// with a SINGLE sigmoid latent unit, the abstract "cube" concept (a
// world's concept has one unit per degree of freedom: settings.units). Cubes at
// random angles theta in [0, 90) with the same glyph on every face (default:
// the training "5"s) give contrast-normalised maps (ContextLikelihoodMap);
// the level-2 autoencoder learns them; its one unit u in (0, 1) comes out as
// a coordinate of the cube's turn, learnt without ever being told theta.
//
// Network: contexts -> hidden... relu -> 1 sigmoid -> hidden... relu ->
// contexts sigmoid, untied, binary cross-entropy (the maps are in [0, 1]).
// A calibration (held-out cubes' u and theta, sorted by u) maps u back to the
// angle, for comparing imagined cubes with rendered ones.
//
// Shapes: maps contexts x B (one column per cube); u as B-vectors.
// Thread rules: const functions may run concurrently; train() one thread.
#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/nn/Autoencoder.h"
#include "latentset/util/Types.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace latentset {

class ChunkFile;
class CubeRenderer;
class ThreadPool;

struct ConceptSettings {
    std::vector<Index> hiddenSizes{64};
    int epochs = 150;
    int batchSize = 32;
    float learningRate = 3e-3f;
    std::uint64_t seed = 1;
    // Independent initialisations; the one with the lowest final training
    // loss is kept. A one-unit bottleneck sometimes settles in a poor fold
    // (measured: held-out |rho| 0.84 instead of 0.96 for one of two seeds,
    // with a visibly higher loss), and a restart costs only seconds.
    int restarts = 3;
    // Sigmoid latent units: 1 for the cube (its one degree of freedom, the
    // turn); a world's level-2 concept has one per degree of freedom
    // (world/WorldConcept). Files before chunk version 3 hold 1.
    int units = 1;
};

class ConceptModel {
public:
    ConceptModel() = default;
    ConceptModel(int contexts, const ConceptSettings& settings);

    int contexts() const { return int(autoencoder_.config().inputSize); }
    const ConceptSettings& settings() const { return settings_; }
    const Autoencoder& autoencoder() const { return autoencoder_; }
    bool trained() const { return trained_; }

    // Renders a cube per (theta, glyph column) and returns their normalised
    // maps (contexts x B). glyphs: glyphPixels x B; thetas: B angles (deg).
    static Matrix cubeMaps(const ContextLikelihoodMap& map, const CubeRenderer& renderer, const Matrix& glyphs,
                           const Vector& thetasDeg, ThreadPool* pool = nullptr);

    // Trains on maps (contexts x B), settings().restarts times from fresh
    // weights, keeping the lowest final loss; calls progress(restart, epoch,
    // meanLoss) after each epoch (return false to end that restart early).
    // Returns the kept network's final loss.
    float train(const Matrix& maps, const std::function<bool(int, int, float)>& progress = {});

    int units() const { return int(autoencoder_.config().latentSize); }
    // The (first) latent unit for each map column, in (0, 1).
    Vector latent(const Matrix& maps) const;
    // Every unit for each map column: units() x maps.cols(), in (0, 1).
    Matrix codes(const Matrix& maps) const;
    // Decoded maps for latent values u of a one-unit model (contexts x u.size()).
    Matrix decode(const Vector& u) const;
    // Decoded maps for codes (units() x B -> contexts x B).
    Matrix decodeCodes(const Matrix& codes) const;

    // Calibration from held-out cubes: u and theta per cube.
    void setCalibration(const Vector& u, const Vector& thetasDeg);

    // The map definition the training maps were computed with: the unit
    // means something only for maps computed the same way. Files of chunk
    // version 1 (before the map had options) read as mean-square, sigma 0.1,
    // no smoothing, the only map there was then.
    const ContextMapOptions& mapOptions() const { return mapOptions_; }
    void setMapOptions(const ContextMapOptions& options) { mapOptions_ = options; }
    bool calibrated() const { return calibrationU_.size() > 1; }
    // The angle whose cubes the unit maps to u (piecewise-linear in the
    // calibration sorted by u, a running median smoothing ties/noise).
    double thetaAt(double u) const;
    // u range seen on the calibration cubes.
    double uMin() const;
    double uMax() const;

    // Serialisation into LatentSet's container (chunk "CNCP").
    void write(ChunkFile& file) const;
    static ConceptModel read(const ChunkFile& file);
    static bool present(const ChunkFile& file);

private:
    ConceptSettings settings_;
    Autoencoder autoencoder_;
    bool trained_ = false;
    Vector calibrationU_, calibrationTheta_; // sorted by u
    ContextMapOptions mapOptions_;
};

} // namespace latentset
