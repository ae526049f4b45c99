#include "latentset/interop/LikelihoodNpz.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"

namespace latentset {

namespace {

using RowMajorD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::vector<double> toStd(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }
Eigen::VectorXd toEigen(const std::vector<double>& v) { return Eigen::Map<const Eigen::VectorXd>(v.data(), Index(v.size())); }

void addMixture(NpzArchive& npz, const std::string& prefix, const GaussianMixture& g)
{
    const std::int64_t k = g.componentCount(), d = g.dimension();
    npz.add(prefix + "_weights", NpyArray::float64({k}, g.weights()));
    std::vector<double> means(std::size_t(k * d)), covariances(std::size_t(k * d * d));
    for (std::int64_t c = 0; c < k; ++c) {
        Eigen::Map<Eigen::VectorXd>(means.data() + c * d, d) = g.means()[std::size_t(c)];
        Eigen::Map<RowMajorD>(covariances.data() + c * d * d, d, d) = g.covariances()[std::size_t(c)];
    }
    npz.add(prefix + "_means", NpyArray::float64({k, d}, means));
    npz.add(prefix + "_covariances", NpyArray::float64({k, d, d}, covariances));
}

GaussianMixture readMixture(const NpzArchive& npz, const std::string& prefix, std::int64_t d)
{
    const NpyArray& w = npz.require(prefix + "_weights");
    if (w.shape().size() != 1 || w.shape()[0] < 1 || w.shape()[0] > 100000)
        throw Error(npz.describe(prefix + "_weights") + ": shape " + w.describeShape()
                    + ", expected (components,) with 1 to 100000 components");
    const std::int64_t k = w.shape()[0];
    const auto weights = npz.doubles(prefix + "_weights", {k}, "components");
    const auto means = npz.doubles(prefix + "_means", {k, d}, "components, latent size");
    const auto covariances = npz.doubles(prefix + "_covariances", {k, d, d}, "components, latent size, latent size");
    std::vector<Eigen::VectorXd> mu;
    std::vector<Eigen::MatrixXd> sigma;
    for (std::int64_t c = 0; c < k; ++c) {
        mu.push_back(Eigen::Map<const Eigen::VectorXd>(means.data() + c * d, d));
        sigma.push_back(Eigen::Map<const RowMajorD>(covariances.data() + c * d * d, d, d));
    }
    try {
        return GaussianMixture::fromParameters(weights, std::move(mu), std::move(sigma));
    } catch (const Error& e) {
        throw Error(npz.describe(prefix + "_covariances") + ": " + e.what());
    }
}

Calibration readCalibration(const NpzArchive& npz, std::int64_t m)
{
    if (!npz.find("eq5_offsets"))
        return {};
    const auto offsets = npz.doubles("eq5_offsets", {m}, "one per member");
    const auto scales = npz.doubles("eq5_scales", {m}, "one per member");
    const auto latent = npz.find("eq5_latent_scales") ? npz.doubles("eq5_latent_scales", {m}, "one per member")
                                                      : std::vector<double>{};
    return Calibration::fromConstants(toEigen(offsets), toEigen(scales), toEigen(latent),
                                      npz.number("eq5_temperature"), npz.describe("eq5_temperature"));
}

} // namespace

void LikelihoodNpz::add(NpzArchive& npz, const LikelihoodModel& lk)
{
    const int members = lk.memberCount();
    const std::int64_t m = members, n = lk.inputSize();
    std::vector<double> sigma, normaliser;
    std::vector<float> weights(std::size_t(m * n));
    for (int i = 0; i < members; ++i) {
        sigma.push_back(lk.sigma(i));
        normaliser.push_back(lk.noiseNormaliser(i));
        Eigen::Map<Vector>(weights.data() + std::size_t(i * n), n) = lk.pixelWeights(i);
    }
    npz.add("sigma", NpyArray::float64({m}, sigma));
    npz.add("pooled_sigma", NpyArray::scalar(lk.pooledSigma()));
    npz.add("pixel_weights", NpyArray::float32({m, n}, weights));
    npz.add("noise_normaliser", NpyArray::float64({m}, normaliser));
    npz.add("sigma_per_pixel", NpyArray::scalarInt(lk.settings().sigmaMode == LikelihoodSettings::SigmaMode::PerPixel));
    npz.add("singular_floor", NpyArray::scalar(lk.settings().singularFloor));
    const auto& densities = lk.latentDensities();
    npz.add("pz_count", NpyArray::scalarInt(std::int64_t(densities.size())));
    for (std::size_t j = 0; j < densities.size(); ++j)
        addMixture(npz, "pz" + std::to_string(j), densities[j]);
    const Calibration& cal = lk.calibration();
    if (!cal.isEmpty()) {
        npz.add("eq5_offsets", NpyArray::float64({m}, toStd(cal.offsets())));
        npz.add("eq5_scales", NpyArray::float64({m}, toStd(cal.reconstructionScales())));
        if (cal.latentScales().size() == m)
            npz.add("eq5_latent_scales", NpyArray::float64({m}, toStd(cal.latentScales())));
        npz.add("eq5_temperature", NpyArray::scalar(cal.temperature()));
    }
    npz.add("anomaly_threshold", NpyArray::scalar(lk.anomalyThreshold()));
}

bool LikelihoodNpz::present(const NpzArchive& npz) { return npz.find("sigma") || npz.find("pz_count"); }

std::optional<LikelihoodModel> LikelihoodNpz::read(const NpzArchive& npz, const AutoencoderSet& set)
{
    if (!present(npz))
        return std::nullopt;
    const std::int64_t m = set.size(), n = set.config().inputSize, d = set.config().latentSize;
    LikelihoodModel::Parts parts;
    parts.sigmas = npz.doubles("sigma", {m}, "one per member");
    parts.noiseNormalisers = npz.doubles("noise_normaliser", {m}, "one per member");
    const auto weights = npz.floats("pixel_weights", {m, n}, "members, pixels");
    for (std::int64_t i = 0; i < m; ++i)
        parts.pixelWeights.push_back(Eigen::Map<const Vector>(weights.data() + i * n, n));
    parts.pooledSigma = npz.find("pooled_sigma") ? npz.number("pooled_sigma") : 0.0;
    parts.settings.pooledSigma = parts.pooledSigma > 0;
    if (npz.find("sigma_per_pixel") && npz.integer("sigma_per_pixel", 0, 1) == 1)
        parts.settings.sigmaMode = LikelihoodSettings::SigmaMode::PerPixel;
    if (npz.find("singular_floor"))
        parts.settings.singularFloor = npz.number("singular_floor");
    const std::int64_t count = npz.integer("pz_count", 1, m);
    if (count != 1 && count != m)
        throw Error(npz.describe("pz_count") + ": " + std::to_string(count) + ", expected 1 (shared) or "
                    + std::to_string(m) + " (one per member)");
    for (std::int64_t j = 0; j < count; ++j)
        parts.densities.push_back(readMixture(npz, "pz" + std::to_string(j), d));
    parts.calibration = readCalibration(npz, m);
    if (npz.find("anomaly_threshold"))
        parts.anomalyThreshold = npz.number("anomaly_threshold", true);
    LikelihoodModel model = LikelihoodModel::fromParts(std::move(parts), npz.source());
    model.checkFits(set, npz.source());
    return model;
}

} // namespace latentset
