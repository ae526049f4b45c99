#include "latentset/analysis/Tsne.h"

#include "latentset/analysis/QuadTree.h"
#include "latentset/util/Error.h"
#include "latentset/util/Random.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace latentset {

namespace {

// P as compressed rows: row i's entries are [start[i], start[i + 1]).
struct SparseRows {
    std::vector<std::size_t> start;
    std::vector<int> column;
    std::vector<double> value;
};

// Points per task of the pool: enough work per task, enough tasks per thread.
constexpr std::size_t kChunk = 256;

// The k nearest neighbours of every column of `codes` (itself excluded), as
// indices and exact squared distances, nearest first (ties: lower index).
// Candidates come from blocked products |x|^2 + |y|^2 - 2 x.y in float (one
// GEMM per block of rows); the k chosen are then measured again in double.
void nearestNeighbours(const Matrix& codes, int k, ThreadPool& pool, std::vector<int>& index,
                       std::vector<double>& distance)
{
    const Index n = codes.cols();
    const Vector norms = codes.colwise().squaredNorm().transpose();
    // A block's products are rows x n floats: at most ~16 MB per task.
    const Index rowsPerBlock = std::clamp<Index>((Index(1) << 22) / std::max<Index>(1, n), 16, 256);
    const Index blocks = (n + rowsPerBlock - 1) / rowsPerBlock;
    index.assign(std::size_t(n) * std::size_t(k), 0);
    distance.assign(std::size_t(n) * std::size_t(k), 0.0);
    pool.parallelFor(std::size_t(blocks), [&](std::size_t b, unsigned) {
        const Index b0 = Index(b) * rowsPerBlock;
        const Index rows = std::min(rowsPerBlock, n - b0);
        const Matrix products = codes.middleCols(b0, rows).transpose() * codes; // rows x n
        std::vector<std::pair<float, int>> candidates(static_cast<std::size_t>(n - 1));
        for (Index r = 0; r < rows; ++r) {
            const Index i = b0 + r;
            std::size_t m = 0;
            for (Index j = 0; j < n; ++j)
                if (j != i)
                    candidates[m++] = {std::max(0.0f, norms(i) + norms(j) - 2.0f * products(r, j)), int(j)};
            std::nth_element(candidates.begin(), candidates.begin() + k, candidates.end());
            std::vector<std::pair<double, int>> chosen(static_cast<std::size_t>(k));
            for (int c = 0; c < k; ++c) {
                const int j = candidates[std::size_t(c)].second;
                chosen[std::size_t(c)] = {(codes.col(i).cast<double>() - codes.col(j).cast<double>()).squaredNorm(), j};
            }
            std::sort(chosen.begin(), chosen.end());
            for (int c = 0; c < k; ++c) {
                index[std::size_t(i) * std::size_t(k) + std::size_t(c)] = chosen[std::size_t(c)].second;
                distance[std::size_t(i) * std::size_t(k) + std::size_t(c)] = chosen[std::size_t(c)].first;
            }
        }
    });
}

// p_{j|i} over one point's k neighbours (squared distances d2, nearest
// first): a Gaussian whose bandwidth is bisected until the entropy is
// log(perplexity).
void conditionalAffinities(const double* d2, int k, double perplexity, double* p)
{
    const double target = std::log(perplexity);
    const double nearest = d2[0];
    double beta = 1.0, lo = 0.0, hi = std::numeric_limits<double>::infinity();
    double sum = 0.0;
    for (int iteration = 0; iteration < 200; ++iteration) {
        sum = 0.0;
        double weighted = 0.0;
        for (int j = 0; j < k; ++j) {
            p[j] = std::exp(-beta * (d2[j] - nearest));
            sum += p[j];
            weighted += (d2[j] - nearest) * p[j];
        }
        const double entropy = std::log(sum) + beta * weighted / sum;
        if (std::abs(entropy - target) < 1e-5)
            break;
        if (entropy > target) { // too flat: narrower
            lo = beta;
            beta = std::isinf(hi) ? beta * 2.0 : 0.5 * (beta + hi);
        } else {
            hi = beta;
            beta = 0.5 * (beta + lo);
        }
    }
    for (int j = 0; j < k; ++j)
        p[j] /= sum;
}

// P = (P_{j|i} + P_{i|j}) / 2n as sorted compressed rows.
SparseRows symmetrised(const std::vector<int>& index, const std::vector<double>& conditional, Index n, int k)
{
    struct Entry {
        int row, column;
        double value;
    };
    std::vector<Entry> entries;
    entries.reserve(index.size() * 2);
    for (Index i = 0; i < n; ++i)
        for (int c = 0; c < k; ++c) {
            const std::size_t e = std::size_t(i) * std::size_t(k) + std::size_t(c);
            entries.push_back({int(i), index[e], conditional[e]});
            entries.push_back({index[e], int(i), conditional[e]});
        }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.row != b.row ? a.row < b.row : a.column < b.column; });
    SparseRows p;
    p.start.assign(std::size_t(n) + 1, 0);
    const double scale = 1.0 / (2.0 * double(n));
    for (std::size_t e = 0; e < entries.size();) {
        std::size_t f = e;
        double value = 0.0;
        for (; f < entries.size() && entries[f].row == entries[e].row && entries[f].column == entries[e].column; ++f)
            value += entries[f].value;
        p.column.push_back(entries[e].column);
        p.value.push_back(value * scale);
        ++p.start[std::size_t(entries[e].row) + 1];
        e = f;
    }
    for (std::size_t i = 0; i < std::size_t(n); ++i)
        p.start[i + 1] += p.start[i];
    return p;
}

} // namespace

TsneResult Tsne::run(const Matrix& codes, const TsneSettings& settings, ThreadPool& pool, const Progress& progress,
                     std::stop_token stop)
{
    if (const std::string problem = settings.validate(); !problem.empty())
        throw Error(problem);
    const Index n = codes.cols();
    if (n < 4)
        throw Error("t-SNE needs at least 4 codes (got " + std::to_string(n) + ")");
    if (codes.rows() < 1 || !codes.allFinite())
        throw Error("t-SNE: the codes are empty or hold NaN or infinite values");
    const auto report = [&](TsneProgress p) {
        if (progress)
            progress(p);
    };

    TsneResult result;
    result.perplexity = std::min(settings.perplexity, double(n - 1) / 3.0);
    const int k = int(std::min<double>(double(n - 1), std::floor(3.0 * result.perplexity)));
    result.neighbours = k;

    report({"neighbours", 0, settings.iterations, 0.0});
    std::vector<int> index;
    std::vector<double> distance;
    nearestNeighbours(codes, k, pool, index, distance);
    if (stop.stop_requested()) {
        result.stopped = true;
        result.coordinates = Matrix::Zero(2, n);
        return result;
    }
    report({"affinities", 0, settings.iterations, 0.0});
    std::vector<double> conditional(distance.size());
    pool.parallelFor(std::size_t(n), [&](std::size_t i, unsigned) {
        conditionalAffinities(distance.data() + i * std::size_t(k), k, result.perplexity,
                              conditional.data() + i * std::size_t(k));
    });
    const SparseRows p = symmetrised(index, conditional, n, k);
    double entropyTerm = 0.0; // sum of P log P, for the KL divergence
    for (const double v : p.value)
        entropyTerm += v > 0 ? v * std::log(v) : 0.0;

    Random rng(settings.seed);
    Eigen::Matrix2Xd y(2, n);
    for (Index i = 0; i < n; ++i)
        y.col(i) = Eigen::Vector2d(rng.normal(), rng.normal()) * 1e-4;
    Eigen::Matrix2Xd update = Eigen::Matrix2Xd::Zero(2, n), gains = Eigen::Matrix2Xd::Ones(2, n);
    Eigen::Matrix2Xd attraction(2, n), repulsion(2, n);
    std::vector<double> sumQ(static_cast<std::size_t>(n)), logQ(static_cast<std::size_t>(n));
    const double rate = settings.learningRateFor(n);
    const std::size_t chunks = (std::size_t(n) + kChunk - 1) / kChunk;
    QuadTree tree;
    for (int it = 0; it < settings.iterations; ++it) {
        if (stop.stop_requested()) {
            result.stopped = true;
            break;
        }
        const bool early = it < settings.exaggerationIterations;
        const bool reportNow = (it + 1) % settings.reportEvery == 0 || it + 1 == settings.iterations;
        const double exaggeration = early ? settings.exaggeration : 1.0;
        const double momentum = early ? 0.5 : 0.8;
        tree.build(y);
        pool.parallelFor(chunks, [&](std::size_t c, unsigned) {
            const std::size_t end = std::min(std::size_t(n), (c + 1) * kChunk);
            for (std::size_t i = c * kChunk; i < end; ++i) {
                Eigen::Vector2d force;
                tree.repulsion(y(0, Index(i)), y(1, Index(i)), settings.theta, sumQ[i], force);
                repulsion.col(Index(i)) = force;
                Eigen::Vector2d pull = Eigen::Vector2d::Zero();
                double pLogQ = 0.0;
                for (std::size_t e = p.start[i]; e < p.start[i + 1]; ++e) {
                    const Eigen::Vector2d diff = y.col(Index(i)) - y.col(p.column[e]);
                    const double q = 1.0 / (1.0 + diff.squaredNorm());
                    pull += p.value[e] * q * diff;
                    if (reportNow) // the KL divergence's log is a quarter of an iteration's time
                        pLogQ += p.value[e] * std::log(q);
                }
                attraction.col(Index(i)) = pull;
                logQ[i] = pLogQ;
            }
        });
        double z = 0.0, pLogQ = 0.0;
        for (Index i = 0; i < n; ++i) {
            z += sumQ[std::size_t(i)];
            pLogQ += logQ[std::size_t(i)];
        }
        z = std::max(z, std::numeric_limits<double>::min());
        if (reportNow) {
            // KL(P || Q) = sum P log P - sum P log q + log Z (sum P = 1).
            result.kl = entropyTerm - pLogQ + std::log(z);
        }
        for (Index i = 0; i < n; ++i)
            for (int a = 0; a < 2; ++a) {
                const double grad = 4.0 * (exaggeration * attraction(a, i) - repulsion(a, i) / z);
                double& gain = gains(a, i);
                gain = (grad > 0) != (update(a, i) > 0) ? gain + 0.2 : gain * 0.8;
                gain = std::max(gain, 0.01);
                update(a, i) = momentum * update(a, i) - rate * gain * grad;
                y(a, i) += update(a, i);
            }
        const Eigen::Vector2d centre = y.rowwise().mean();
        y.colwise() -= centre;
        result.iterations = it + 1;
        if (reportNow)
            report({"optimise", it + 1, settings.iterations, result.kl});
    }
    result.coordinates = y.cast<float>();
    return result;
}

} // namespace latentset
