#include "latentset/concept/ConceptModel.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace latentset {

namespace {

constexpr const char* kTag = "CNCP";
// v2: the map options follow the calibration; v3: the unit count follows
// the restarts.
constexpr std::uint32_t kVersion = 3;
constexpr int kMaxUnits = 16;

AutoencoderConfig levelTwoConfig(int contexts, const std::vector<Index>& hidden, int units)
{
    AutoencoderConfig c;
    c.inputSize = contexts;
    c.hiddenSizes = hidden;
    c.latentSize = units;
    c.encoderActivations.assign(hidden.size(), Activation::Relu);
    c.encoderActivations.push_back(Activation::Sigmoid); // the units, in (0, 1)
    c.decoderActivations.assign(hidden.size(), Activation::Relu);
    c.decoderActivations.push_back(Activation::Sigmoid);
    c.tied = false;
    c.loss = LossKind::BinaryCrossEntropy;
    return c;
}

} // namespace

ConceptModel::ConceptModel(int contexts, const ConceptSettings& settings) : settings_(settings)
{
    if (contexts < 2)
        throw Error("concept model: needs at least 2 contexts");
    if (settings.epochs < 1 || settings.batchSize < 1 || settings.restarts < 1 || !(settings.learningRate > 0))
        throw Error("concept model: epochs, batch size, restarts and learning rate must be positive");
    if (settings.units < 1 || settings.units > kMaxUnits)
        throw Error("concept model: units must be in 1.." + std::to_string(kMaxUnits));
    AutoencoderConfig config = levelTwoConfig(contexts, settings.hiddenSizes, settings.units);
    config.validate();
    autoencoder_ = Autoencoder(config, settings.seed);
}

Matrix ConceptModel::cubeMaps(const ContextLikelihoodMap& map, const CubeRenderer& renderer, const Matrix& glyphs,
                              const Vector& thetasDeg, ThreadPool* pool)
{
    if (glyphs.cols() != thetasDeg.size())
        throw Error("concept model: " + std::to_string(glyphs.cols()) + " glyphs for " + std::to_string(thetasDeg.size())
                    + " angles");
    const Index frameSize = map.world().contexts().frameSize();
    Matrix frames(frameSize, glyphs.cols());
    for (Index j = 0; j < glyphs.cols(); ++j)
        frames.col(j) = renderer.renderCube(double(thetasDeg[j]), Vector(glyphs.col(j)));
    return map.normalizedMaps(frames, pool);
}

float ConceptModel::train(const Matrix& maps, const std::function<bool(int, int, float)>& progress)
{
    if (maps.rows() != contexts())
        throw Error("concept model: maps have " + std::to_string(maps.rows()) + " rows, the model "
                    + std::to_string(contexts()) + " contexts");
    if (maps.cols() < 2)
        throw Error("concept model: needs at least 2 training maps");
    const AutoencoderConfig config = autoencoder_.config();
    OptimizerSettings opt;
    float best = std::numeric_limits<float>::infinity();
    for (int restart = 0; restart < std::max(1, settings_.restarts); ++restart) {
        const std::uint64_t seed = settings_.seed + 7919u * std::uint64_t(restart);
        Autoencoder net(config, seed);
        Random random(seed ^ 0xC0C0u);
        std::vector<Index> order(static_cast<std::size_t>(maps.cols()));
        std::iota(order.begin(), order.end(), Index(0));
        Matrix batch;
        float last = 0;
        for (int epoch = 0; epoch < settings_.epochs; ++epoch) {
            for (std::size_t i = order.size() - 1; i > 0; --i) // Fisher-Yates with our own Random
                std::swap(order[i], order[std::size_t(random.below(i + 1))]);
            double sum = 0;
            int batches = 0;
            for (std::size_t start = 0; start < order.size(); start += std::size_t(settings_.batchSize)) {
                const std::size_t end = std::min(order.size(), start + std::size_t(settings_.batchSize));
                batch.resize(maps.rows(), Index(end - start));
                for (std::size_t k = start; k < end; ++k)
                    batch.col(Index(k - start)) = maps.col(order[k]);
                // Cosine decay to a tenth: the one-unit bottleneck settles late.
                const float t = float(epoch) / float(settings_.epochs);
                const float lr = settings_.learningRate * (0.1f + 0.9f * 0.5f * (1.f + std::cos(3.14159265f * t)));
                sum += net.trainStep(batch, nullptr, nullptr, opt, lr);
                ++batches;
            }
            last = float(sum / batches);
            if (progress && !progress(restart, epoch, last))
                break;
        }
        if (last < best) {
            best = last;
            autoencoder_ = net.inferenceCopy();
        }
    }
    trained_ = true;
    return best;
}

Vector ConceptModel::latent(const Matrix& maps) const
{
    if (maps.rows() != contexts())
        throw Error("concept model: maps have " + std::to_string(maps.rows()) + " rows, the model "
                    + std::to_string(contexts()) + " contexts");
    return autoencoder_.encode(maps).row(0).transpose();
}

Matrix ConceptModel::codes(const Matrix& maps) const
{
    if (maps.rows() != contexts())
        throw Error("concept model: maps have " + std::to_string(maps.rows()) + " rows, the model "
                    + std::to_string(contexts()) + " contexts");
    return autoencoder_.encode(maps);
}

Matrix ConceptModel::decode(const Vector& u) const
{
    if (units() != 1)
        throw Error("concept model: decode(u) is for a one-unit model; this one has " + std::to_string(units()));
    return autoencoder_.decode(u.transpose());
}

Matrix ConceptModel::decodeCodes(const Matrix& codes) const
{
    if (codes.rows() != units())
        throw Error("concept model: codes have " + std::to_string(codes.rows()) + " rows, the model "
                    + std::to_string(units()) + " units");
    return autoencoder_.decode(codes);
}

void ConceptModel::setCalibration(const Vector& u, const Vector& thetasDeg)
{
    if (u.size() != thetasDeg.size() || u.size() < 2)
        throw Error("concept model: calibration needs as many angles as latent values (>= 2)");
    std::vector<Index> order(static_cast<std::size_t>(u.size()));
    std::iota(order.begin(), order.end(), Index(0));
    std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) { return u[a] < u[b]; });
    calibrationU_.resize(u.size());
    calibrationTheta_.resize(u.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        calibrationU_[Index(k)] = u[order[k]];
        calibrationTheta_[Index(k)] = thetasDeg[order[k]];
    }
    // Running median over 5 neighbours: a few cubes the unit places oddly
    // must not make the angle jump back and forth along u.
    const Index n = calibrationTheta_.size();
    Vector smooth(n);
    for (Index i = 0; i < n; ++i) {
        std::vector<float> w;
        for (Index k = std::max<Index>(0, i - 2); k <= std::min<Index>(n - 1, i + 2); ++k)
            w.push_back(calibrationTheta_[k]);
        std::nth_element(w.begin(), w.begin() + std::ptrdiff_t(w.size() / 2), w.end());
        smooth[i] = w[w.size() / 2];
    }
    calibrationTheta_ = smooth;
}

double ConceptModel::thetaAt(double u) const
{
    if (!calibrated())
        throw Error("concept model: not calibrated (no held-out cubes)");
    const Index n = calibrationU_.size();
    if (u <= calibrationU_[0])
        return calibrationTheta_[0];
    if (u >= calibrationU_[n - 1])
        return calibrationTheta_[n - 1];
    const Index hi = Index(std::upper_bound(calibrationU_.data(), calibrationU_.data() + n, float(u)) - calibrationU_.data());
    const Index lo = hi - 1;
    const double span = calibrationU_[hi] - calibrationU_[lo];
    const double a = span > 0 ? (u - calibrationU_[lo]) / span : 0.0;
    return (1 - a) * calibrationTheta_[lo] + a * calibrationTheta_[hi];
}

double ConceptModel::uMin() const { return calibrated() ? calibrationU_[0] : 0.0; }
double ConceptModel::uMax() const { return calibrated() ? calibrationU_[calibrationU_.size() - 1] : 1.0; }

void ConceptModel::write(ChunkFile& file) const
{
    BinaryWriter out;
    out.writeI32(contexts());
    out.writeU32(std::uint32_t(settings_.hiddenSizes.size()));
    for (Index h : settings_.hiddenSizes)
        out.writeI64(h);
    out.writeI32(settings_.epochs);
    out.writeI32(settings_.batchSize);
    out.writeF32(settings_.learningRate);
    out.writeU64(settings_.seed);
    out.writeI32(settings_.restarts);
    out.writeI32(settings_.units);
    out.writeBool(trained_);
    const auto params = autoencoder_.parameters();
    out.writeU32(std::uint32_t(params.size()));
    for (const Parameter* p : params)
        out.writeMatrix(p->value);
    out.writeMatrix(calibrationU_);
    out.writeMatrix(calibrationTheta_);
    out.writeU32(mapOptions_.value == MapValue::RobustSigma ? 1u : 0u);
    out.writeF64(mapOptions_.sigma);
    out.writeF64(mapOptions_.poseSmoothingDeg);
    file.add(kTag, kVersion, out.bytes());
}

bool ConceptModel::present(const ChunkFile& file) { return file.find(kTag) != nullptr; }

ConceptModel ConceptModel::read(const ChunkFile& file)
{
    const ChunkFile::Chunk& chunk = file.require(kTag, kVersion);
    BinaryReader in(chunk.payload, file.describe(chunk));
    const int contexts = in.readI32();
    const std::uint32_t hiddenCount = in.readU32();
    if (contexts < 2 || contexts > 100000 || hiddenCount > 16)
        throw Error(file.describe(chunk) + ": implausible level-2 shape");
    ConceptSettings s;
    s.hiddenSizes.clear();
    for (std::uint32_t k = 0; k < hiddenCount; ++k) {
        const Index h = in.readI64();
        if (h < 1 || h > 100000)
            throw Error(file.describe(chunk) + ": implausible hidden size");
        s.hiddenSizes.push_back(h);
    }
    s.epochs = in.readI32();
    s.batchSize = in.readI32();
    s.learningRate = in.readF32();
    s.seed = in.readU64();
    s.restarts = in.readI32();
    s.units = chunk.version >= 3 ? in.readI32() : 1;
    if (s.units < 1 || s.units > kMaxUnits)
        throw Error(file.describe(chunk) + ": implausible unit count " + std::to_string(s.units));
    {
        // The network's shape comes from the claims above: prove the chunk
        // holds its weights (flag, tensor count, shapes, values) first.
        const AutoencoderConfig shape = levelTwoConfig(contexts, s.hiddenSizes, s.units);
        in.requireBytes(CheckedSize(5) + shape.parameterCount() * sizeof(float) + CheckedSize(shape.tensorCount()) * 16,
                        "a level-2 network of " + shape.describe());
    }
    ConceptModel model(contexts, s);
    model.trained_ = in.readBool();
    const auto params = model.autoencoder_.parameters();
    if (in.readU32() != params.size())
        throw Error(file.describe(chunk) + ": parameter count does not match the level-2 network");
    for (Parameter* p : params)
        p->value = in.readMatrix(p->value.rows(), p->value.cols(), "level-2 parameter");
    // The angle calibration: two columns of equal length (empty when the
    // model was never calibrated), u increasing and both finite, because
    // thetaAt() searches u and interpolates theta.
    const Matrix u = in.readMatrix(), theta = in.readMatrix();
    if (u.cols() != 1 || theta.cols() != 1 || u.size() != theta.size())
        throw Error(file.describe(chunk) + ": bad calibration table (" + std::to_string(u.rows()) + "x"
                    + std::to_string(u.cols()) + " and " + std::to_string(theta.rows()) + "x"
                    + std::to_string(theta.cols()) + ", expected two columns of equal length)");
    if (!u.allFinite() || !theta.allFinite())
        throw Error(file.describe(chunk) + ": calibration table holds NaN or infinite values");
    for (Index i = 1; i < u.rows(); ++i)
        if (!(u(i, 0) >= u(i - 1, 0)))
            throw Error(file.describe(chunk) + ": calibration table is not sorted by u");
    model.calibrationU_ = u.col(0);
    model.calibrationTheta_ = theta.col(0);
    if (chunk.version >= 2) {
        const std::uint32_t value = in.readU32();
        if (value > 1)
            throw Error(file.describe(chunk) + ": unknown map value " + std::to_string(value));
        model.mapOptions_.value = value == 1 ? MapValue::RobustSigma : MapValue::MeanSquare;
        model.mapOptions_.sigma = in.readF64();
        model.mapOptions_.poseSmoothingDeg = in.readF64();
        if (!(model.mapOptions_.sigma > 0) || !(model.mapOptions_.poseSmoothingDeg >= 0)
            || !(model.mapOptions_.poseSmoothingDeg <= 90))
            throw Error(file.describe(chunk) + ": implausible map options");
    } else {
        model.mapOptions_ = ContextMapOptions{MapValue::MeanSquare, 0.1, 0.0};
    }
    return model;
}

} // namespace latentset
