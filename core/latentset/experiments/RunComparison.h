#pragma once
// Two runs side by side (docs/units-and-compare.md): what the compare view
// and its tests compute for each of two projects, and between them.
//   * settingsDiff: the keys of two settings objects whose values differ,
//     nested objects flattened to dotted keys ("optimizer.rate"), arrays
//     compared whole; keys under an ignored prefix (curves, views, glyphs)
//     left out; a key present on one side only is listed with "" on the other.
//   * confusion: a class set's decisions (smallest squared error, the CLI's
//     rule) on up to `limit` images spread evenly over a split.
//   * contextMap: a cube world's log-likelihood map of a rendered cube
//     (concept/ContextLikelihoodMap, paper fig. 12), one value per context.
//   * worldContextErrors: any context world's members measured per context
//     on held-out items (world/WorldTransfer's N x N pairs): the self
//     (reconstruction) error of member c and the transfer error into c,
//     decode_c(encode_i(x_i)) against x_c averaged over the sources i != c.
//   * historySeries: a saved MetricHistory as x/y series, one per column.
// Static, const inputs, any thread. confusion is the slow one: every member
// reconstructs every image (6.6 MFLOP per image and member at the paper's
// 784-2048-16, so 1,000 images x 10 members is 66 GFLOP: seconds, on one
// thread); front ends run it on a worker.
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/util/JsonValue.h"
#include "latentset/util/Types.h"

#include <memory>
#include <string>
#include <vector>

namespace latentset {

class AutoencoderSet;
class ContextWorld;
class CubeContexts;
class Dataset;
class ThreadPool;
struct MetricHistory;

// One value per context of a world (RunComparison::worldContextErrors).
struct WorldContextErrors {
    Vector self;     // pairs(c, c): member c's reconstruction error
    Vector transfer; // mean over i != c of pairs(i, c) (self when N = 1)
    double selfMean = 0, transferMean = 0;
};

// One column of a history against its first column (RunComparison::historySeries).
struct HistorySeries {
    std::string name;
    std::vector<double> x, y;
};

struct SettingsDifference {
    std::string key;
    std::string left, right; // compact JSON text; "" when the side lacks the key
    bool operator==(const SettingsDifference&) const = default;
};

class RunComparison {
public:
    static std::vector<SettingsDifference> settingsDiff(const JsonValue& left, const JsonValue& right,
                                                        const std::vector<std::string>& ignoredPrefixes = {});
    // Labels >= set.size() are skipped. Requires images of the set's input size (throws Error).
    static ConfusionMatrix confusion(std::shared_ptr<const AutoencoderSet> set, const Dataset& samples, Index limit);
    static Vector contextMap(const AutoencoderSet& members, const CubeContexts& contexts, double thetaDeg,
                             const Vector& glyph);
    // On `items` of `world` (indices into its items; held out). Blocks; the
    // members run in parallel on `pool` if given. Throws Error if the members
    // do not fit the world (WorldTransfer).
    static WorldContextErrors worldContextErrors(const AutoencoderSet& members, const ContextWorld& world,
                                                 const std::vector<Index>& items, ThreadPool* pool = nullptr);
    // Column k >= 1 of `history` against column 0, rows of the wrong length
    // skipped; values <= 0 left out when `positiveOnly` (a report without a
    // round of that kind records 0). Empty for an empty history.
    static std::vector<HistorySeries> historySeries(const MetricHistory& history, bool positiveOnly);
    // left - right, entry by entry; empty when the sizes differ.
    static Vector difference(const Vector& left, const Vector& right);
};

} // namespace latentset
