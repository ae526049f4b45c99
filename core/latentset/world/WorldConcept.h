#pragma once
// The level-2 concept of a context world (docs/worlds.md "Concept"): the
// paper's §11 second level on any world. An item shown at some parameter
// values gives a likelihood vector over the world's contexts
// (world/WorldLikelihood); contrast-normalised per input to [0, 1]
// (normalizedMaps) it is the input of a small autoencoder (concept/
// ConceptModel) whose sigmoid bottleneck has ONE UNIT PER DEGREE OF FREEDOM
// of the world (unitsFor): 1 per open axis (scale, x, y, a folder's index)
// and 2 per circular axis. Why 2 for a circle (rotation): the maps of a
// glyph turned through 360 degrees form a closed loop; one unit would have
// to cut the loop somewhere (two angles far apart around the cut, the same
// glyph a degree apart, get codes at the two ends of (0, 1)), two units can
// follow it round, as a point on a closed curve in the unit square.
//
// The units are never told the parameters. What they mean is read back by
// a calibration table: the codes of inputs whose values are known, and
// parametersAt(code) averages the values of the k nearest table codes (a
// circular axis: the angle of the mean unit vector), so the imaginer can
// say which angle / scale / position a slider setting stands for.
//
// File: ConceptModel's chunk "CNCP" (the network) and "WCPT" v1 (the axes
// and the calibration table), next to the world model's chunks (world/
// WorldModel), so one file holds both levels.
// Shapes: maps contexts x B; codes units x B; calibration parameters axes x M.
// Thread rules: const functions are safe from any thread.
#include "latentset/concept/ConceptModel.h"
#include "latentset/util/Types.h"
#include "latentset/world/ContextAxis.h"

#include <vector>

namespace latentset {

class ChunkFile;

class WorldConcept {
public:
    static constexpr const char* kTag = "WCPT";
    static constexpr std::uint32_t kVersion = 1;

    // 2 per circular axis, 1 per other axis, at least 1.
    static int unitsFor(const std::vector<ContextAxis>& axes);
    // Log-likelihoods (contexts x B) -> maps in [0, 1]: per column,
    // (L - min L) / (max L - min L); a column with no spread is 0.5 everywhere.
    static Matrix normalizedMaps(const Matrix& logLikelihoods);

    WorldConcept() = default;
    // Throws Error unless level2 has at least one unit and axes are given.
    WorldConcept(ConceptModel level2, std::vector<ContextAxis> axes);

    const ConceptModel& level2() const { return level2_; }
    const std::vector<ContextAxis>& axes() const { return axes_; }
    int units() const { return level2_.units(); }
    int contexts() const { return level2_.contexts(); }

    Matrix codes(const Matrix& maps) const { return level2_.codes(maps); }
    Matrix decode(const Matrix& codes) const { return level2_.decodeCodes(codes); }

    // Codes (units x M) of inputs with known values (axes x M). Throws Error
    // for mismatched shapes, fewer than 2 entries or non-finite values.
    void setCalibration(Matrix codes, Matrix parameters);
    bool calibrated() const { return calibrationCodes_.cols() >= 2; }
    const Matrix& calibrationCodes() const { return calibrationCodes_; }
    const Matrix& calibrationParameters() const { return calibrationParameters_; }
    // The values a code stands for (one per axis): the mean of the k nearest
    // calibration entries' values. Throws Error if not calibrated or the code
    // has the wrong size.
    std::vector<double> parametersAt(const Vector& code, int k = 8) const;
    // Per unit, the lowest and highest calibration code (the sliders' range).
    Vector unitMin() const;
    Vector unitMax() const;

    void write(ChunkFile& file) const;
    static bool present(const ChunkFile& file);
    // Throws Error naming the file if a chunk is missing, damaged or does not fit the other.
    static WorldConcept read(const ChunkFile& file);

private:
    ConceptModel level2_;
    std::vector<ContextAxis> axes_;
    Matrix calibrationCodes_, calibrationParameters_;
};

} // namespace latentset
