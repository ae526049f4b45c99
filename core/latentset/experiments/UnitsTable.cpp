#include "latentset/experiments/UnitsTable.h"

#include <cmath>
#include <iomanip>

namespace latentset {

std::string UnitsTable::header(const UnitsResult& result)
{
    std::string h = "kind,index,rank,offset,norm,activation";
    const Index pixels = std::max(result.filters.rows(), result.sweep.rows());
    for (Index p = 0; p < pixels; ++p)
        h += ",p" + std::to_string(p);
    return h;
}

namespace {

void pixels(std::ostream& out, const Eigen::Ref<const Vector>& column)
{
    for (Index p = 0; p < column.size(); ++p)
        out << ',' << column(p);
}

} // namespace

void UnitsTable::writeRows(const UnitsResult& r, std::ostream& out)
{
    const auto precision = out.precision(9);
    for (std::size_t rank = 0; rank < r.unitOrder.size(); ++rank) {
        const Index u = r.unitOrder[rank];
        out << "filter," << u << ',' << rank << ",," << r.norms(u) << ',' << r.activations(u);
        pixels(out, r.filters.col(u));
        out << '\n';
    }
    const Index steps = Index(r.offsets.size());
    for (std::size_t rank = 0; rank < r.directionOrder.size(); ++rank) {
        const Index i = r.directionOrder[rank];
        for (Index s = 0; s < steps; ++s) {
            out << "direction," << i << ',' << rank << ',' << r.offsets[std::size_t(s)] << ','
                << r.directionResponse(i) << ',' << std::abs(r.code(i));
            pixels(out, r.sweep.col(i * steps + s));
            out << '\n';
        }
    }
    out.precision(precision);
}

} // namespace latentset
