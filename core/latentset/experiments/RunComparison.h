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
class CubeContexts;
class Dataset;

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
    // left - right, entry by entry; empty when the sizes differ.
    static Vector difference(const Vector& left, const Vector& right);
};

} // namespace latentset
