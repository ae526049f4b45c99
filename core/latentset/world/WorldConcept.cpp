#include "latentset/world/WorldConcept.h"

#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace latentset {

namespace {

constexpr std::uint32_t kMaxAxes = 16;
constexpr Index kMaxCalibration = 1000000;
constexpr double kTwoPi = 6.283185307179586;

} // namespace

int WorldConcept::unitsFor(const std::vector<ContextAxis>& axes)
{
    int units = 0;
    for (const ContextAxis& a : axes)
        units += a.circular ? 2 : 1;
    return std::max(1, units);
}

Matrix WorldConcept::normalizedMaps(const Matrix& logLikelihoods)
{
    Matrix maps(logLikelihoods.rows(), logLikelihoods.cols());
    for (Index j = 0; j < logLikelihoods.cols(); ++j) {
        const auto column = logLikelihoods.col(j);
        const float lo = column.minCoeff(), hi = column.maxCoeff();
        if (!(hi - lo > 0))
            maps.col(j).setConstant(0.5f);
        else
            maps.col(j) = (column.array() - lo) / (hi - lo);
    }
    return maps;
}

WorldConcept::WorldConcept(ConceptModel level2, std::vector<ContextAxis> axes)
    : level2_(std::move(level2)), axes_(std::move(axes))
{
    if (axes_.empty() || axes_.size() > kMaxAxes)
        throw Error("world concept: needs 1.." + std::to_string(kMaxAxes) + " axes");
    for (const ContextAxis& a : axes_)
        if (a.circular && !(a.period > 0))
            throw Error("world concept: circular axis '" + a.name + "' without a positive period");
}

void WorldConcept::setCalibration(Matrix codes, Matrix parameters)
{
    if (codes.rows() != units() || parameters.rows() != Index(axes_.size()) || codes.cols() != parameters.cols()
        || codes.cols() < 2)
        throw Error("world concept: calibration needs " + std::to_string(units()) + " x M codes and "
                    + std::to_string(axes_.size()) + " x M values, M >= 2 (got " + std::to_string(codes.rows()) + "x"
                    + std::to_string(codes.cols()) + " and " + std::to_string(parameters.rows()) + "x"
                    + std::to_string(parameters.cols()) + ")");
    if (!codes.allFinite() || !parameters.allFinite())
        throw Error("world concept: calibration holds NaN or infinite values");
    calibrationCodes_ = std::move(codes);
    calibrationParameters_ = std::move(parameters);
}

std::vector<double> WorldConcept::parametersAt(const Vector& code, int k) const
{
    if (!calibrated())
        throw Error("world concept: not calibrated");
    if (code.size() != units())
        throw Error("world concept: a code of " + std::to_string(code.size()) + " units for a concept of "
                    + std::to_string(units()));
    const Index m = calibrationCodes_.cols();
    const Vector d2 = (calibrationCodes_.colwise() - code).colwise().squaredNorm().transpose();
    std::vector<Index> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), Index(0));
    const std::size_t n = std::size_t(std::clamp<Index>(k, 1, m));
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(n), order.end(),
                      [&](Index a, Index b) { return d2[a] < d2[b]; });
    std::vector<double> out;
    for (std::size_t a = 0; a < axes_.size(); ++a) {
        const ContextAxis& axis = axes_[a];
        double sum = 0, s = 0, c = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = calibrationParameters_(Index(a), order[i]);
            sum += v;
            s += std::sin(kTwoPi * v / axis.period);
            c += std::cos(kTwoPi * v / axis.period);
        }
        if (axis.circular) {
            double angle = std::atan2(s, c) * axis.period / kTwoPi;
            out.push_back(angle < 0 ? angle + axis.period : angle);
        } else {
            out.push_back(sum / double(n));
        }
    }
    return out;
}

Vector WorldConcept::unitMin() const
{
    return calibrated() ? Vector(calibrationCodes_.rowwise().minCoeff()) : Vector::Zero(units());
}

Vector WorldConcept::unitMax() const
{
    return calibrated() ? Vector(calibrationCodes_.rowwise().maxCoeff()) : Vector::Ones(units());
}

void WorldConcept::write(ChunkFile& file) const
{
    level2_.write(file);
    BinaryWriter out;
    out.writeU32(std::uint32_t(axes_.size()));
    for (const ContextAxis& a : axes_) {
        out.writeString(a.name);
        out.writeBool(a.circular);
        out.writeF64(a.period);
    }
    out.writeMatrix(calibrationCodes_);
    out.writeMatrix(calibrationParameters_);
    file.add(kTag, kVersion, out.bytes());
}

bool WorldConcept::present(const ChunkFile& file) { return file.find(kTag) != nullptr && ConceptModel::present(file); }

WorldConcept WorldConcept::read(const ChunkFile& file)
{
    if (!ConceptModel::present(file))
        throw Error(file.name() + ": no level-2 network (chunk CNCP)");
    ConceptModel level2 = ConceptModel::read(file);
    const ChunkFile::Chunk& chunk = file.require(kTag, kVersion);
    const std::string where = file.describe(chunk);
    BinaryReader in(chunk.payload, where);
    const std::uint32_t axisCount = in.readU32();
    if (axisCount < 1 || axisCount > kMaxAxes)
        throw Error(where + ": implausible axis count " + std::to_string(axisCount));
    std::vector<ContextAxis> axes;
    for (std::uint32_t a = 0; a < axisCount; ++a) {
        ContextAxis axis;
        axis.name = in.readString();
        axis.circular = in.readBool();
        axis.period = in.readF64();
        if (axis.circular && !(axis.period > 0 && axis.period < 1e9))
            throw Error(where + ": circular axis '" + axis.name + "' has no plausible period");
        axes.push_back(std::move(axis));
    }
    Matrix codes = in.readMatrix(), parameters = in.readMatrix();
    WorldConcept result(std::move(level2), std::move(axes));
    const bool empty = codes.size() == 0 && parameters.size() == 0;
    if (!empty) {
        if (codes.cols() > kMaxCalibration)
            throw Error(where + ": implausible calibration size");
        try {
            result.setCalibration(std::move(codes), std::move(parameters));
        } catch (const Error& e) {
            throw Error(where + ": " + e.what());
        }
    }
    return result;
}

} // namespace latentset
