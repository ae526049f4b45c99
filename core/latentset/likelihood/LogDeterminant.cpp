#include "latentset/likelihood/LogDeterminant.h"

#include "latentset/util/Error.h"
#include "latentset/util/Types.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace latentset {

LogDeterminant::Result LogDeterminant::ofSymmetric(const Eigen::Ref<const Eigen::MatrixXd>& gram,
                                                   double relativeFloor)
{
    if (gram.rows() != gram.cols())
        throw Error("log determinant: matrix is " + std::to_string(gram.rows()) + " x " +
                    std::to_string(gram.cols()) + ", not square");
    Result result;
    if (gram.rows() == 0)
        return result;
    // LDLT with full diagonal pivoting never breaks down on a semi-definite
    // matrix (unlike plain Cholesky); its pivots are the quantities to clamp.
    const Eigen::LDLT<Eigen::MatrixXd, Eigen::Lower> ldlt(gram);
    const Eigen::VectorXd pivots = ldlt.vectorD();
    const double largest = std::max(pivots.maxCoeff(), 0.0);
    // An all-zero matrix has no scale to be relative to: use an absolute floor.
    const double floor = largest > 0 ? largest * relativeFloor : 1e-300;
    for (Index i = 0; i < pivots.size(); ++i) {
        double p = pivots(i);
        if (!(p > floor)) { // also catches NaN
            p = floor;
            ++result.clampedPivots;
        }
        result.value += std::log(p);
    }
    result.singular = result.clampedPivots > 0;
    return result;
}

} // namespace latentset
