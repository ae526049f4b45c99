#pragma once
#include <Eigen/Core>

#include <vector>

namespace latentset {

// The Barnes-Hut tree of t-SNE's repulsive forces (docs/latent-map.md): a
// region quadtree over 2-D points, each cell holding the count and centre of
// mass of the points inside. Points at exactly the same place share a leaf.
// Read-only after build(): repulsion() may run on many threads at once.
class QuadTree {
public:
    // Builds over the columns of `points` (2 x n).
    void build(const Eigen::Ref<const Eigen::Matrix2Xd>& points);

    // For the point at (x, y), one of the points the tree was built on: the
    // sum over the other points j of q_j = 1 / (1 + |p - p_j|^2) (`sumQ`) and
    // of q_j^2 (p - p_j) (`force`), a cell standing for all its points when
    // its width over its distance is below `theta` (0: exact). The point's own
    // term is left out.
    void repulsion(double x, double y, double theta, double& sumQ, Eigen::Vector2d& force) const;

    std::size_t nodeCount() const { return summaries_.size(); }

private:
    struct Node {
        double centreX = 0, centreY = 0, half = 0; // the cell
        double sumX = 0, sumY = 0;                 // of the points inside
        int count = 0;
        int firstChild = -1; // four children from here, or -1 for a leaf
        double pointX = 0, pointY = 0; // a leaf's point
    };
    // What a query reads of a cell, 32 bytes, filled after the inserts.
    struct Summary {
        double x = 0, y = 0;    // centre of mass (a leaf: its point, exactly)
        double widthSquared = 0;
        int count = 0;
        int firstChild = -1;
    };
    void insert(double x, double y);
    void split(int node);

    std::vector<Node> nodes_;
    std::vector<Summary> summaries_;
};

} // namespace latentset
