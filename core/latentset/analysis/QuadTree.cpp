#include "latentset/analysis/QuadTree.h"

#include <algorithm>
#include <cmath>

namespace latentset {

namespace {
// Deeper than this, points are taken as coincident (cells of 2^-40 of the
// extent): guards against unbounded splitting of nearly equal coordinates.
constexpr int kMaxDepth = 40;
} // namespace

void QuadTree::build(const Eigen::Ref<const Eigen::Matrix2Xd>& points)
{
    nodes_.clear();
    summaries_.clear();
    const Eigen::Index n = points.cols();
    if (n == 0)
        return;
    const Eigen::Vector2d lo = points.rowwise().minCoeff(), hi = points.rowwise().maxCoeff();
    Node root;
    root.centreX = 0.5 * (lo.x() + hi.x());
    root.centreY = 0.5 * (lo.y() + hi.y());
    root.half = 0.5 * std::max({hi.x() - lo.x(), hi.y() - lo.y(), 1e-12}) * (1.0 + 1e-9);
    nodes_.reserve(std::size_t(2 * n + 1));
    nodes_.push_back(root);
    for (Eigen::Index i = 0; i < n; ++i)
        insert(points(0, i), points(1, i));
    summaries_.resize(nodes_.size());
    for (std::size_t k = 0; k < nodes_.size(); ++k) {
        const Node& node = nodes_[k];
        Summary& s = summaries_[k];
        const bool leaf = node.firstChild < 0;
        // A leaf's points stand at its point exactly (sum / count of equal
        // values can differ from them by a rounding, which made the own leaf
        // look like a neighbour at distance ~1e-16).
        s.x = leaf ? node.pointX : (node.count > 0 ? node.sumX / node.count : 0.0);
        s.y = leaf ? node.pointY : (node.count > 0 ? node.sumY / node.count : 0.0);
        s.widthSquared = 4.0 * node.half * node.half;
        s.count = node.count;
        s.firstChild = node.firstChild;
    }
}

void QuadTree::split(int node)
{
    const Node parent = nodes_[std::size_t(node)];
    const int first = int(nodes_.size());
    for (int q = 0; q < 4; ++q) {
        Node child;
        child.half = 0.5 * parent.half;
        child.centreX = parent.centreX + ((q & 1) ? child.half : -child.half);
        child.centreY = parent.centreY + ((q & 2) ? child.half : -child.half);
        nodes_.push_back(child);
    }
    nodes_[std::size_t(node)].firstChild = first;
}

void QuadTree::insert(double x, double y)
{
    int node = 0;
    for (int depth = 0;; ++depth) {
        Node& cell = nodes_[std::size_t(node)];
        if (cell.firstChild < 0) {
            if (cell.count == 0) { // an empty leaf takes the point
                cell.count = 1;
                cell.sumX = x;
                cell.sumY = y;
                cell.pointX = x;
                cell.pointY = y;
                return;
            }
            if ((cell.pointX == x && cell.pointY == y) || depth >= kMaxDepth) {
                // Coincident (or taken as such at the depth limit): the
                // leaf's points all stand at its first one.
                ++cell.count;
                cell.sumX += cell.pointX;
                cell.sumY += cell.pointY;
                return;
            }
            // An occupied leaf: push its point(s) one level down, then go on.
            const double px = cell.pointX, py = cell.pointY;
            const int count = cell.count;
            const double sx = cell.sumX, sy = cell.sumY;
            split(node);
            Node& again = nodes_[std::size_t(node)];
            const int q = (px > again.centreX ? 1 : 0) | (py > again.centreY ? 2 : 0);
            Node& moved = nodes_[std::size_t(again.firstChild + q)];
            moved.count = count;
            moved.sumX = sx;
            moved.sumY = sy;
            moved.pointX = px;
            moved.pointY = py;
        }
        Node& inner = nodes_[std::size_t(node)];
        ++inner.count;
        inner.sumX += x;
        inner.sumY += y;
        const int q = (x > inner.centreX ? 1 : 0) | (y > inner.centreY ? 2 : 0);
        node = inner.firstChild + q;
    }
}

void QuadTree::repulsion(double x, double y, double theta, double& sumQ, Eigen::Vector2d& force) const
{
    sumQ = 0;
    double fx = 0, fy = 0;
    if (summaries_.empty()) {
        force.setZero();
        return;
    }
    // Depth-first with a small fixed stack: at most 3 siblings wait per level.
    int stack[4 * kMaxDepth + 8];
    int top = 0;
    stack[top++] = 0;
    const double theta2 = theta * theta;
    const Summary* cells = summaries_.data();
    while (top > 0) {
        const Summary& cell = cells[stack[--top]];
        const double dx = x - cell.x, dy = y - cell.y;
        const double d2 = dx * dx + dy * dy;
        const bool leaf = cell.firstChild < 0;
        if (leaf || cell.widthSquared < theta2 * d2) {
            if (leaf && d2 == 0.0) { // the point's own leaf: the others there are at distance 0
                sumQ += double(cell.count - 1);
                continue;
            }
            const double q = 1.0 / (1.0 + d2);
            const double mult = cell.count * q;
            sumQ += mult;
            fx += mult * q * dx;
            fy += mult * q * dy;
        } else {
            for (int c = 3; c >= 0; --c)
                if (cells[cell.firstChild + c].count > 0)
                    stack[top++] = cell.firstChild + c;
        }
    }
    force = Eigen::Vector2d(fx, fy);
}

} // namespace latentset
