#pragma once
// The CSV table behind a units picture (the desktop's Export CSV… and
// `latentset-cli units --csv` write the same; docs/units-and-compare.md):
//   kind,index,rank,offset,norm,activation,p0,p1,...
//   filter rows    one per unit in display order: its norm, its activation on
//                  the input and its raw weights in picture space (offset empty);
//   direction rows one per latent direction and offset, directions in display
//                  order: the response norm, |z*_i| as "activation", and the
//                  decoded picture f(z* + offset e_i).
// Pixels p0.. are row-major in the picture (width x height of the result).
#include "latentset/experiments/UnitsResult.h"

#include <ostream>
#include <string>

namespace latentset {

class UnitsTable {
public:
    static std::string header(const UnitsResult& result);
    // Every row, '\n'-terminated; floats with 9 significant digits (round trip).
    static void writeRows(const UnitsResult& result, std::ostream& out);
};

} // namespace latentset
