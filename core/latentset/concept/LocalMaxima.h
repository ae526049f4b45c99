#pragma once
#include "latentset/util/Types.h"

#include <vector>

namespace latentset {

// Peak picking on a context vector, for the back projection of the paper's
// §11: the level-2 decoder gives 100 context values; each visible face of the
// imagined cube should appear as one peak among the contexts of its kind.
//
// Contexts of one kind form a 1-D sequence ordered by their pose angle (the
// side faces by yaw, the top faces by rotation), so peaks are searched along
// that sequence, not on the 10 x 10 picture (whose rows are just a layout).
//
// A local maximum is an element strictly greater than its neighbours within
// `radius` positions on each side (ties: the first of equal values wins), at
// least `minValue`, and at least `relative` times the sequence's largest
// value (relative to the minimum of the sequence, so a constant offset does
// not matter). With `circular`, the sequence wraps around (a top face turned
// by 90 degrees looks like one at 0, apart from its glyph).
class LocalMaxima {
public:
    struct Options {
        int radius = 2;
        bool circular = false;
        float minValue = -1e30f;
        float relative = 0.0f; // 0: any peak; 0.5: peaks reaching half way from min to max
        int maxCount = 0;      // 0: no limit; otherwise the highest maxCount peaks
        // Non-circular only: may the first and last elements be peaks? A
        // value at an end is compared with one side only, so it is no proof
        // of a maximum; for side faces the ends are also the almost edge-on
        // contexts whose few mask pixels score high on nearly anything.
        bool endPeaks = true;
    };

    // values: the sequence. Returns the positions of the peaks, highest first.
    static std::vector<int> find(const Vector& values, const Options& options);
    // The same on a subset: `order` lists indices into `values` in sequence
    // order; returned are indices into `values` (not positions in `order`).
    static std::vector<int> find(const Vector& values, const std::vector<int>& order, const Options& options);
};

} // namespace latentset
