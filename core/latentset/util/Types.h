#pragma once
// LatentSet's matrix conventions, stated once for the whole core:
//
//   * Data matrices hold ONE COLUMN PER SAMPLE: a batch of B images of n pixels
//     is an n x B Matrix. Pixel k of image j is (k, j); pixels are row-major
//     within an image (index y * width + x).
//   * Weights of a dense layer mapping n_in -> n_out are n_out x n_in, so a
//     forward pass is  Y = W * X + b  (b broadcast over columns).
//   * Everything is single precision (float), the speed of SGEMM.
#include <Eigen/Core>
#include <cstdint>

namespace latentset {

using Matrix = Eigen::MatrixXf;        // column-major, one column per sample
using Vector = Eigen::VectorXf;        // a single column
using RowVector = Eigen::RowVectorXf;
using Index = Eigen::Index;

} // namespace latentset
