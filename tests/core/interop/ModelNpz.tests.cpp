// Models to NPZ and back (interop/ModelNpz, docs/interop.md): the arrays hold
// the set in NumPy's orientation, an imported set reconstructs exactly as the
// exported one, and a bad NPZ is refused with a message naming the array.
#include "latentset/interop/ModelNpz.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

#include <limits>

using namespace latentset;

namespace {

ChunkFile modelFile(bool tied)
{
    AutoencoderSet set(AutoencoderConfig::make(12, {7, 5}, 3, tied), 3, 11);
    set.setMemberNames({"a", "b", "c"});
    ChunkFile file("m.lset");
    ModelFile::writeSet(file, set, true);
    Vector scale(3), offset(3);
    scale << 1.5f, 2.0f, 0.5f;
    offset << 0.1f, -0.2f, 0.3f;
    ModelFile::writeCalibration(file, scale, offset);
    return file;
}

Matrix images()
{
    Random rng(5);
    Matrix x(12, 4);
    for (Index j = 0; j < x.cols(); ++j)
        for (Index i = 0; i < x.rows(); ++i)
            x(i, j) = float(rng.uniform());
    return x;
}

std::string importError(const NpzArchive& npz)
{
    try {
        (void)ModelNpz::readSet(NpzArchive::fromBytes(npz.toBytes(), "p.npz"));
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("An exported set holds W as (members, n_out, n_in), tied decoders as the encoder's transpose",
          "[interop][model]")
{
    const ChunkFile file = modelFile(true);
    const AutoencoderSet set = ModelFile::readSet(file);
    const NpzArchive npz = ModelNpz::fromModel(file, "m.npz");
    const NpyArray& w1 = npz.require("W1");
    CHECK(w1.shape() == std::vector<std::int64_t>{3, 5, 7});
    // Element [i, r, c] in C order is member i's W(r, c).
    const auto v = w1.floats("W1");
    CHECK(v[std::size_t(2 * 35 + 4 * 7 + 6)] == set.member(2).effectiveWeight(1)(4, 6));
    CHECK(npz.find("W3") == nullptr); // decoder layers of a tied set: none
    CHECK(npz.require("b4").shape() == std::vector<std::int64_t>{3, 7});
    CHECK(npz.require("hidden_sizes").doubles("h") == std::vector<double>{7, 5});
    CHECK(npz.require("decoder_activations").texts("d") == std::vector<std::string>{"relu", "relu", "sigmoid"});
    CHECK(npz.require("member_names").texts("n") == std::vector<std::string>{"a", "b", "c"});
    CHECK(npz.require("classifier_offset").floats("o") == std::vector<float>{0.1f, -0.2f, 0.3f});
    CHECK_FALSE(ModelNpz::hasLikelihood(npz));
}

TEST_CASE("Export then import reproduces every reconstruction bit for bit", "[interop][model]")
{
    for (bool tied : {true, false}) {
        const ChunkFile file = modelFile(tied);
        const AutoencoderSet set = ModelFile::readSet(file);
        const std::string bytes = ModelNpz::fromModel(file, "m.npz").toBytes();
        const ChunkFile imported = ModelNpz::toModel(NpzArchive::fromBytes(bytes, "m.npz"), "i.lset");
        const AutoencoderSet back = ModelFile::readSet(ChunkFile::fromBytes(imported.toBytes(), "i.lset"));
        REQUIRE(back.size() == 3);
        CHECK(back.config() == set.config());
        CHECK(back.memberNames() == set.memberNames());
        const Matrix x = images();
        for (int i = 0; i < 3; ++i)
            CHECK(back.member(i).reconstruct(x) == set.member(i).reconstruct(x));
        const auto cal = ModelFile::readCalibration(imported);
        REQUIRE(cal);
        CHECK(cal->first(0) == 1.5f);
        CHECK(cal->second(2) == 0.3f);
    }
}

TEST_CASE("A bad NPZ names the array and what is wrong", "[interop][model][hostile]")
{
    const NpzArchive good = ModelNpz::fromModel(modelFile(false), "m.npz");
    auto without = [&](const std::string& name) {
        NpzArchive out("p.npz");
        for (const auto& [n, a] : good.arrays())
            if (n != name)
                out.add(n, a);
        return out;
    };
    auto with = [&](const std::string& name, NpyArray array) {
        NpzArchive out = without("");
        out.add(name, std::move(array));
        return out;
    };
    CHECK(importError(without("b2")) == "p.npz: array 'b2' is missing");
    CHECK(importError(without("input_size")) == "p.npz: array 'input_size' is missing");
    CHECK(importError(with("W1", NpyArray::float32({3, 5, 6}, std::vector<float>(90))))
          == "p.npz: array 'W1': shape (3, 5, 6), expected (3, 5, 7) (members, outputs, inputs of layer 1)");
    CHECK(importError(with("W2", NpyArray::strings({"x"}))).find("p.npz: array 'W2': ") == 0);
    CHECK(importError(with("b0", NpyArray::float32({3, 7}, std::vector<float>(21, std::numeric_limits<float>::quiet_NaN()))))
          == "p.npz: array 'b0': holds a value that is not finite (NaN or infinity)");
    CHECK(importError(with("encoder_activations", NpyArray::strings({"relu", "relu", "gelu"})))
          == "p.npz: array 'encoder_activations': unknown activation 'gelu' (linear, relu, sigmoid or tanh)");
    CHECK(importError(with("input_size", NpyArray::scalarInt(std::int64_t(1) << 40))).find("p.npz: array 'input_size'")
          == 0);
    CHECK(importError(with("tied", NpyArray::scalarInt(1))).find("p.npz: array 'W3': the set is tied") == 0);
    CHECK(importError(with("format_version", NpyArray::scalarInt(9))).find("newer LatentSet") != std::string::npos);
}

TEST_CASE("An NPZ with float64 weights, as PyTorch's double tensors give, imports", "[interop][model]")
{
    const ChunkFile file = modelFile(true);
    const NpzArchive good = ModelNpz::fromModel(file, "m.npz");
    NpzArchive doubles("d.npz");
    for (const auto& [n, a] : good.arrays()) {
        if (n[0] == 'W' || n[0] == 'b') {
            const auto v = a.doubles(n);
            doubles.add(n, NpyArray::float64(a.shape(), v));
        } else {
            doubles.add(n, a);
        }
    }
    const AutoencoderSet back = ModelNpz::readSet(NpzArchive::fromBytes(doubles.toBytes(), "d.npz"));
    const AutoencoderSet set = ModelFile::readSet(file);
    CHECK(back.member(1).reconstruct(images()) == set.member(1).reconstruct(images()));
}

TEST_CASE("A likelihood model travels through the NPZ and back unchanged", "[interop][model][likelihood]")
{
    ChunkFile file = modelFile(true);
    const AutoencoderSet set = ModelFile::readSet(file);
    std::vector<Matrix> data;
    for (int c = 0; c < set.size(); ++c)
        data.push_back(images());
    LikelihoodSettings settings;
    settings.mixture.components = 2;
    LikelihoodModel fitted = LikelihoodModel::fit(set, data, settings);
    fitted.setAnomalyThreshold(12.5);
    fitted.addTo(file);
    const NpzArchive npz = NpzArchive::fromBytes(ModelNpz::fromModel(file, "m.npz").toBytes(), "m.npz");
    REQUIRE(ModelNpz::hasLikelihood(npz));
    CHECK(npz.require("pz0_covariances").shape() == std::vector<std::int64_t>{2, 3, 3});
    const auto back = LikelihoodModel::readFrom(ModelNpz::toModel(npz, "i.lset"));
    REQUIRE(back);
    CHECK(back->memberCount() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(back->sigma(i) == fitted.sigma(i));
        CHECK(back->noiseNormaliser(i) == fitted.noiseNormaliser(i));
        CHECK(back->pixelWeights(i) == fitted.pixelWeights(i));
        CHECK(back->latentDensity(i).means()[1] == fitted.latentDensity(i).means()[1]);
        CHECK(back->latentDensity(i).covariances()[0] == fitted.latentDensity(i).covariances()[0]);
        const Matrix z = set.member(i).encode(images());
        CHECK(back->latentDensity(i).logDensity(z).isApprox(fitted.latentDensity(i).logDensity(z)));
    }
    CHECK(back->pooledSigma() == fitted.pooledSigma());
    CHECK(back->settings().singularFloor == fitted.settings().singularFloor);
    CHECK(back->anomalyThreshold() == 12.5);

    // A covariance that is not positive definite is refused, naming its array.
    NpzArchive bad("p.npz");
    for (const auto& [n, a] : npz.arrays())
        bad.add(n, n == "pz1_covariances" ? NpyArray::float64({2, 3, 3}, std::vector<double>(18, -1.0)) : a);
    try {
        (void)ModelNpz::toModel(bad, "x.lset");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("p.npz: array 'pz1_covariances': Gaussian mixture: covariance of component 0 "
                                         "is not positive definite") == 0);
    }
    NpzArchive shortSigma("p.npz");
    for (const auto& [n, a] : npz.arrays())
        shortSigma.add(n, n == "sigma" ? NpyArray::float64({2}, {1.0, 2.0}) : a);
    CHECK_THROWS_WITH(ModelNpz::toModel(shortSigma, "x.lset"),
                      "p.npz: array 'sigma': shape (2,), expected (3,) (one per member)");
}
