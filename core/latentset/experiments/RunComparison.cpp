#include "latentset/experiments/RunComparison.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/data/Dataset.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/MetricHistory.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonWriter.h"
#include "latentset/world/WorldTransfer.h"

#include <algorithm>
#include <map>

namespace latentset {

namespace {

// Every leaf of `value` (objects flattened, arrays and scalars whole) under `prefix`.
void flatten(const JsonValue& value, const std::string& prefix, std::map<std::string, std::string>& out)
{
    if (value.isObject() && !value.asObject().empty()) {
        for (const auto& [key, child] : value.asObject())
            flatten(child, prefix.empty() ? key : prefix + "." + key, out);
        return;
    }
    out[prefix] = JsonWriter::write(value);
}

bool ignored(const std::string& key, const std::vector<std::string>& prefixes)
{
    return std::any_of(prefixes.begin(), prefixes.end(), [&key](const std::string& p) {
        return key == p || (key.size() > p.size() && key.compare(0, p.size(), p) == 0 && key[p.size()] == '.');
    });
}

} // namespace

std::vector<SettingsDifference> RunComparison::settingsDiff(const JsonValue& left, const JsonValue& right,
                                                            const std::vector<std::string>& ignoredPrefixes)
{
    std::map<std::string, std::string> a, b;
    flatten(left, "", a);
    flatten(right, "", b);
    std::vector<SettingsDifference> out;
    auto i = a.begin();
    auto j = b.begin();
    // One pass over both sorted key lists.
    while (i != a.end() || j != b.end()) {
        SettingsDifference d;
        if (j == b.end() || (i != a.end() && i->first < j->first)) {
            d = {i->first, i->second, ""};
            ++i;
        } else if (i == a.end() || j->first < i->first) {
            d = {j->first, "", j->second};
            ++j;
        } else {
            d = {i->first, i->second, j->second};
            ++i;
            ++j;
        }
        if (d.left != d.right && !d.key.empty() && !ignored(d.key, ignoredPrefixes))
            out.push_back(std::move(d));
    }
    return out;
}

ConfusionMatrix RunComparison::confusion(std::shared_ptr<const AutoencoderSet> set, const Dataset& samples, Index limit)
{
    if (!set || set->size() == 0)
        throw Error("comparison: no class set");
    if (samples.pixelCount() != set->config().inputSize)
        throw Error("comparison: the class set takes " + std::to_string(set->config().inputSize)
                    + " pixels, the images have " + std::to_string(samples.pixelCount()));
    const Index n = std::min(samples.size(), std::max<Index>(limit, 1));
    std::vector<Index> idx(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i)
        idx[std::size_t(i)] = i * samples.size() / n;
    const Dataset sample = samples.subset(idx);
    const int members = set->size();
    const SetClassifier classifier(std::move(set));
    const std::vector<int> decided = classifier.decide(classifier.errors(sample, nullptr), false);
    ConfusionMatrix matrix(members);
    for (Index j = 0; j < n; ++j)
        if (sample.label(j) >= 0 && sample.label(j) < members)
            matrix.add(sample.label(j), decided[std::size_t(j)]);
    return matrix;
}

Vector RunComparison::contextMap(const AutoencoderSet& members, const CubeContexts& contexts, double thetaDeg,
                                 const Vector& glyph)
{
    const CubeRenderer renderer(contexts.geometry());
    const Vector frame = renderer.renderCube(thetaDeg, glyph);
    const ContextLikelihoodMap map(CubeWorldView(members, contexts));
    return map.logLikelihoods(frame).col(0);
}

WorldContextErrors RunComparison::worldContextErrors(const AutoencoderSet& members, const ContextWorld& world,
                                                     const std::vector<Index>& items, ThreadPool* pool)
{
    if (items.empty())
        throw Error("comparison: no items to measure the world on");
    const TransferErrors e = WorldTransfer(members, world).errors(items, pool);
    const Index n = e.pairs.rows();
    WorldContextErrors out;
    out.self = e.pairs.diagonal();
    out.transfer = out.self;
    if (n > 1)
        for (Index c = 0; c < n; ++c)
            out.transfer(c) = (e.pairs.col(c).sum() - e.pairs(c, c)) / float(n - 1);
    out.selfMean = e.selfError;
    out.transferMean = n > 1 ? e.transferError : e.selfError;
    return out;
}

std::vector<HistorySeries> RunComparison::historySeries(const MetricHistory& history, bool positiveOnly)
{
    std::vector<HistorySeries> out;
    for (std::size_t k = 1; k < history.columns.size(); ++k) {
        HistorySeries s;
        s.name = history.columns[k];
        for (const auto& row : history.rows)
            if (row.size() == history.columns.size() && (!positiveOnly || row[k] > 0)) {
                s.x.push_back(row[0]);
                s.y.push_back(row[k]);
            }
        out.push_back(std::move(s));
    }
    return out;
}

Vector RunComparison::difference(const Vector& left, const Vector& right)
{
    return left.size() == right.size() ? Vector(left - right) : Vector();
}

} // namespace latentset
