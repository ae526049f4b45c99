#include "latentset/likelihood/LikelihoodModel.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/BinaryReader.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>
#include <numbers>

namespace latentset {

namespace {

// Runs fn(i) for i in [0, n), on the pool if there is one.
void forEach(std::size_t n, ThreadPool* pool, const std::function<void(std::size_t)>& fn)
{
    if (pool)
        pool->parallelFor(n, [&](std::size_t i, unsigned) { fn(i); });
    else
        for (std::size_t i = 0; i < n; ++i)
            fn(i);
}

// The inputs fit() requires: a member at least, one N x inputSize (N >= 2)
// training set per member, and no masks or one of the input's size per member.
void checkFitInputs(const AutoencoderSet& set, const std::vector<Matrix>& dataPerMember,
                    const std::vector<Vector>& masks)
{
    const int m = set.size();
    const Index n = set.config().inputSize;
    if (m < 1)
        throw Error("likelihood model: the autoencoder set has no members");
    if (int(dataPerMember.size()) != m)
        throw Error("likelihood model: " + std::to_string(dataPerMember.size()) + " training sets for " +
                    std::to_string(m) + " members");
    if (!masks.empty() && int(masks.size()) != m)
        throw Error("likelihood model: " + std::to_string(masks.size()) + " masks for " + std::to_string(m) +
                    " members");
    for (int c = 0; c < m; ++c) {
        if (dataPerMember[std::size_t(c)].rows() != n || dataPerMember[std::size_t(c)].cols() < 2)
            throw Error("likelihood model: training data of member " + set.memberName(c) +
                        " must be " + std::to_string(n) + " x N with N >= 2");
        if (!masks.empty() && masks[std::size_t(c)].size() != n)
            throw Error("likelihood model: mask of member " + set.memberName(c) + " has the wrong size");
    }

}

// The Gaussian noise model's log normaliser over the pixels a member
// explains (mask > 0): -sum(log sigma_i + log(2 pi) / 2).
double logNoiseNormaliser(const Eigen::VectorXd& maskD, const Eigen::VectorXd& pixelSigma)
{
    const double log2Pi = std::log(2.0 * std::numbers::pi);
    double normaliser = 0;
    for (Index i = 0; i < pixelSigma.size(); ++i)
        if (maskD(i) > 0)
            normaliser -= std::log(pixelSigma(i)) + 0.5 * log2Pi;
    return normaliser;
}

struct PooledSigma {
    double sigma = 0;
    Eigen::VectorXd pixelSigma;
};

// Pooled over members: the residual sums of all members, each pixel
// counted where its member explains it.
PooledSigma pooledPixelSigma(const std::vector<Eigen::VectorXd>& sumSquares, const std::vector<Matrix>& dataPerMember,
                             const std::vector<Vector>& masks, Index n, const LikelihoodSettings& settings)
{
    const int m = int(dataPerMember.size());
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(n), count = Eigen::VectorXd::Zero(n);
    for (int c = 0; c < m; ++c) {
        const Eigen::VectorXd maskD =
            masks.empty() ? Eigen::VectorXd(Eigen::VectorXd::Ones(n)) : masks[std::size_t(c)].cast<double>();
        sum += (maskD.array().square() * sumSquares[std::size_t(c)].array()).matrix();
        count += ((maskD.array() > 0).cast<double>() * double(dataPerMember[std::size_t(c)].cols())).matrix();
    }
    const double sigma = std::sqrt(std::max(sum.sum() / std::max(count.sum(), 1.0), 1e-12));
    Eigen::VectorXd pixelSigma = Eigen::VectorXd::Constant(n, sigma);
    if (settings.sigmaMode == LikelihoodSettings::SigmaMode::PerPixel)
        pixelSigma = (sum.array() / count.array().max(1.0)).sqrt().max(settings.pixelSigmaFloor * sigma).matrix();
    return {sigma, pixelSigma};
}

} // namespace

LikelihoodModel LikelihoodModel::fit(const AutoencoderSet& set, const std::vector<Matrix>& dataPerMember,
                                     const LikelihoodSettings& settings, ThreadPool* pool,
                                     const std::vector<Vector>& masks)
{
    const int m = set.size();
    const Index n = set.config().inputSize;
    checkFitInputs(set, dataPerMember, masks);

    LikelihoodModel model;
    model.settings_ = settings;
    model.sigmas_.assign(std::size_t(m), 0.0);
    model.pixelWeights_.assign(std::size_t(m), Vector());
    model.noiseNormalisers_.assign(std::size_t(m), 0.0);
    std::vector<Matrix> codes(static_cast<std::size_t>(m));
    std::vector<Eigen::VectorXd> sumSquares(static_cast<std::size_t>(m));

    forEach(std::size_t(m), pool, [&](std::size_t c) {
        const Autoencoder& member = set.member(int(c));
        const Matrix& x = dataPerMember[c];
        const Vector mask = masks.empty() ? Vector(Vector::Ones(n)) : masks[c];
        // Per-pixel sum of squared residuals, in chunks to bound memory.
        Eigen::VectorXd sumSq = Eigen::VectorXd::Zero(n);
        codes[c].resize(set.config().latentSize, x.cols());
        const Index chunk = 1024;
        for (Index first = 0; first < x.cols(); first += chunk) {
            const Index count = std::min(chunk, x.cols() - first);
            const Matrix z = member.encode(x.middleCols(first, count));
            codes[c].middleCols(first, count) = z;
            const Matrix r = x.middleCols(first, count) - member.decode(z);
            sumSq += r.array().square().rowwise().sum().matrix().cast<double>();
        }
        sumSquares[c] = sumSq;
        const Eigen::VectorXd maskD = mask.cast<double>();
        const double explained = (maskD.array() > 0).cast<double>().sum();
        const double scalarVariance =
            std::max((maskD.array().square() * sumSq.array()).sum() / (std::max(explained, 1.0) * double(x.cols())),
                     1e-12);
        const double sigma = std::sqrt(scalarVariance);
        model.sigmas_[c] = sigma;
        Eigen::VectorXd pixelSigma = Eigen::VectorXd::Constant(n, sigma);
        if (settings.sigmaMode == LikelihoodSettings::SigmaMode::PerPixel)
            pixelSigma = (sumSq / double(x.cols())).cwiseSqrt().cwiseMax(settings.pixelSigmaFloor * sigma);
        model.pixelWeights_[c] = (maskD.array() / pixelSigma.array()).cast<float>().matrix();
        model.noiseNormalisers_[c] = logNoiseNormaliser(maskD, pixelSigma);
    });

    if (settings.pooledSigma) {
        const PooledSigma pooled = pooledPixelSigma(sumSquares, dataPerMember, masks, n, settings);
        for (int c = 0; c < m; ++c) {
            const Eigen::VectorXd maskD =
                masks.empty() ? Eigen::VectorXd(Eigen::VectorXd::Ones(n)) : masks[std::size_t(c)].cast<double>();
            model.pixelWeights_[std::size_t(c)] = (maskD.array() / pooled.pixelSigma.array()).cast<float>().matrix();
            model.noiseNormalisers_[std::size_t(c)] = logNoiseNormaliser(maskD, pooled.pixelSigma);
        }
        model.pooledSigma_ = pooled.sigma;
    }

    if (settings.sharedLatentDensity) {
        Index total = 0;
        for (const Matrix& z : codes)
            total += z.cols();
        Matrix all(set.config().latentSize, total);
        Index at = 0;
        for (const Matrix& z : codes) {
            all.middleCols(at, z.cols()) = z;
            at += z.cols();
        }
        model.densities_.push_back(GaussianMixture::fit(all, settings.mixture, "shared latent codes"));
    } else {
        model.densities_.resize(std::size_t(m));
        forEach(std::size_t(m), pool, [&](std::size_t c) {
            model.densities_[c] =
                GaussianMixture::fit(codes[c], settings.mixture, "latent codes of member " + set.memberName(int(c)));
        });
    }
    return model;
}

void LikelihoodModel::addTo(ChunkFile& file) const
{
    BinaryWriter out;
    out.writeU8(settings_.sigmaMode == LikelihoodSettings::SigmaMode::PerPixel ? 1 : 0);
    out.writeF64(settings_.pixelSigmaFloor);
    out.writeBool(settings_.sharedLatentDensity);
    out.writeI32(settings_.mixture.components);
    out.writeBool(settings_.mixture.diagonal);
    out.writeI32(settings_.mixture.maxIterations);
    out.writeF64(settings_.mixture.tolerance);
    out.writeF64(settings_.mixture.regularization);
    out.writeU64(settings_.mixture.seed);
    out.writeF64(settings_.singularFloor);
    out.writeBool(settings_.pooledSigma);
    out.writeF64(pooledSigma_);
    out.writeI32(memberCount());
    out.writeI64(inputSize());
    for (int c = 0; c < memberCount(); ++c) {
        out.writeF64(sigmas_[std::size_t(c)]);
        out.writeF64(noiseNormalisers_[std::size_t(c)]);
        out.writeFloats(pixelWeights_[std::size_t(c)].data(), std::size_t(inputSize()));
    }
    out.writeI32(int(densities_.size()));
    file.add("LKMD", kChunkVersion, out.take());
    for (const GaussianMixture& g : densities_) {
        BinaryWriter gm;
        g.write(gm);
        file.add("LKGM", GaussianMixture::kFormatVersion, gm.take());
    }
    BinaryWriter ca;
    ca.writeBool(!calibration_.isEmpty());
    if (!calibration_.isEmpty())
        calibration_.write(ca);
    ca.writeF64(anomalyThreshold_);
    file.add("LKCA", Calibration::kFormatVersion, ca.take());
}

LikelihoodModel LikelihoodModel::fromParts(Parts parts, const std::string& what)
{
    const std::size_t m = parts.sigmas.size();
    if (m == 0 || parts.pixelWeights.size() != m || parts.noiseNormalisers.size() != m)
        throw Error(what + ": sigma, pixel weights and noise normalisers must have one entry per member");
    const Index n = parts.pixelWeights[0].size();
    for (std::size_t c = 0; c < m; ++c) {
        if (parts.pixelWeights[c].size() != n || n == 0)
            throw Error(what + ": member " + std::to_string(c) + "'s pixel weights differ in size");
        if (!parts.pixelWeights[c].allFinite() || !std::isfinite(parts.sigmas[c])
            || !std::isfinite(parts.noiseNormalisers[c]))
            throw Error(what + ": member " + std::to_string(c) + "'s noise model is not finite");
    }
    if (parts.densities.size() != 1 && parts.densities.size() != m)
        throw Error(what + ": p(z) must be one mixture (shared) or one per member");
    for (const GaussianMixture& g : parts.densities)
        if (g.isEmpty() || g.dimension() != parts.densities[0].dimension())
            throw Error(what + ": the p(z) mixtures differ in dimension");
    if (!parts.calibration.isEmpty() && parts.calibration.memberCount() != int(m))
        throw Error(what + ": eq. 5's constants are not one per member");
    LikelihoodModel model;
    model.settings_ = parts.settings;
    model.settings_.sharedLatentDensity = parts.densities.size() == 1 && m > 1;
    model.sigmas_ = std::move(parts.sigmas);
    model.pooledSigma_ = parts.pooledSigma;
    model.pixelWeights_ = std::move(parts.pixelWeights);
    model.noiseNormalisers_ = std::move(parts.noiseNormalisers);
    model.densities_ = std::move(parts.densities);
    model.calibration_ = std::move(parts.calibration);
    model.anomalyThreshold_ = parts.anomalyThreshold;
    return model;
}

void LikelihoodModel::checkFits(const AutoencoderSet& set, const std::string& source) const
{
    const std::string where = source + ": likelihood model ";
    if (memberCount() != set.size())
        throw Error(where + "of " + std::to_string(memberCount()) + " members for a set of " + std::to_string(set.size()));
    if (inputSize() != set.config().inputSize)
        throw Error(where + "for " + std::to_string(inputSize()) + " pixels, the members take "
                    + std::to_string(set.config().inputSize));
    for (const GaussianMixture& g : densities_)
        if (g.dimension() != set.config().latentSize)
            throw Error(where + "has a " + std::to_string(g.dimension()) + "-dimensional latent density, the members' codes have "
                        + std::to_string(set.config().latentSize) + " dimensions");
}

std::optional<LikelihoodModel> LikelihoodModel::readFrom(const ChunkFile& file)
{
    const ChunkFile::Chunk* header = file.find("LKMD");
    if (!header)
        return std::nullopt;
    file.checkVersion(*header, kChunkVersion);
    const std::uint32_t version = header->version;
    BinaryReader in(header->payload, file.describe(*header));
    LikelihoodModel model;
    LikelihoodSettings& s = model.settings_;
    s.sigmaMode = in.readU8() == 1 ? LikelihoodSettings::SigmaMode::PerPixel : LikelihoodSettings::SigmaMode::Scalar;
    s.pixelSigmaFloor = in.readF64();
    s.sharedLatentDensity = in.readBool();
    s.mixture.components = in.readI32();
    s.mixture.diagonal = in.readBool();
    s.mixture.maxIterations = in.readI32();
    s.mixture.tolerance = in.readF64();
    s.mixture.regularization = in.readF64();
    s.mixture.seed = in.readU64();
    s.singularFloor = in.readF64();
    s.pooledSigma = false; // version 1 had per-member sigmas only
    if (version >= 2) {
        s.pooledSigma = in.readBool();
        model.pooledSigma_ = in.readF64();
    }
    const int m = in.readI32();
    const Index n = in.readI64();
    if (m < 1 || m > 100000 || n < 1 || n > (Index(1) << 26))
        in.fail("corrupted likelihood model header (" + std::to_string(m) + " members, " + std::to_string(n) +
                " pixels)");
    if (in.remaining() < std::size_t(m) * (16 + std::size_t(n) * 4))
        in.fail("truncated likelihood model");
    for (int c = 0; c < m; ++c) {
        model.sigmas_.push_back(in.readF64());
        model.noiseNormalisers_.push_back(in.readF64());
        Vector w(n);
        in.readBytes(w.data(), std::size_t(n) * sizeof(float));
        model.pixelWeights_.push_back(std::move(w));
    }
    const int mixtures = in.readI32();
    in.expectEnd();
    const auto chunks = file.findAll("LKGM");
    if (int(chunks.size()) != mixtures || (mixtures != 1 && mixtures != m))
        throw Error(file.name() + ": likelihood model expects " + std::to_string(mixtures) +
                    " latent densities, the file holds " + std::to_string(chunks.size()));
    for (const ChunkFile::Chunk* chunk : chunks) {
        file.checkVersion(*chunk, GaussianMixture::kFormatVersion);
        BinaryReader g(chunk->payload, file.describe(*chunk));
        model.densities_.push_back(GaussianMixture::read(g));
        g.expectEnd();
    }
    if (const ChunkFile::Chunk* ca = file.find("LKCA")) {
        file.checkVersion(*ca, Calibration::kFormatVersion);
        BinaryReader c(ca->payload, file.describe(*ca));
        if (c.readBool()) {
            model.calibration_ = Calibration::read(c, ca->version);
            if (model.calibration_.memberCount() != m)
                c.fail("calibration for " + std::to_string(model.calibration_.memberCount()) + " members, model has " +
                       std::to_string(m));
        }
        model.anomalyThreshold_ = c.readF64();
        c.expectEnd();
    }
    return model;
}

} // namespace latentset
