#include "latentset/analysis/QuadTree.h"

#include "latentset/util/Random.h"

#include <catch2/catch.hpp>

using namespace latentset;

namespace {
void bruteForce(const Eigen::Matrix2Xd& p, Eigen::Index i, double& sumQ, Eigen::Vector2d& force)
{
    sumQ = 0;
    force.setZero();
    for (Eigen::Index j = 0; j < p.cols(); ++j) {
        if (j == i)
            continue;
        const Eigen::Vector2d diff = p.col(i) - p.col(j);
        const double q = 1.0 / (1.0 + diff.squaredNorm());
        sumQ += q;
        force += q * q * diff;
    }
}
} // namespace

TEST_CASE("Barnes-Hut tree: theta 0 is the exact sum, theta 0.5 close to it", "[analysis][tsne]")
{
    Random rng(5);
    Eigen::Matrix2Xd p(2, 300);
    for (Eigen::Index i = 0; i < p.cols(); ++i)
        p.col(i) = Eigen::Vector2d(rng.normal() * 5.0, rng.normal() * 2.0);
    p.col(7) = p.col(3); // two points at the same place share a leaf
    p.col(8) = p.col(3);
    QuadTree tree;
    tree.build(p);
    CHECK(tree.nodeCount() > 300);
    double worstExact = 0, worstApprox = 0;
    for (Eigen::Index i = 0; i < p.cols(); ++i) {
        double exactQ = 0, treeQ = 0, approxQ = 0;
        Eigen::Vector2d exactF, treeF, approxF;
        bruteForce(p, i, exactQ, exactF);
        tree.repulsion(p(0, i), p(1, i), 0.0, treeQ, treeF);
        tree.repulsion(p(0, i), p(1, i), 0.5, approxQ, approxF);
        worstExact = std::max({worstExact, std::abs(treeQ - exactQ) / exactQ, (treeF - exactF).norm() / (1e-12 + exactF.norm())});
        worstApprox = std::max(worstApprox, std::abs(approxQ - exactQ) / exactQ);
    }
    CHECK(worstExact < 1e-9);
    CHECK(worstApprox < 0.05);
}
