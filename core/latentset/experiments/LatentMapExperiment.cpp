#include "latentset/experiments/LatentMapExperiment.h"

#include "latentset/analysis/Tsne.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace latentset {

namespace {

constexpr Index kBatch = 500; // images per encoding pass (a stop is honoured between them)

// Fills result.labelNames[label] for every label up to the largest present.
template <typename NameOf>
void nameLabels(LatentMapResult& r, NameOf nameOf)
{
    int top = -1;
    for (int l : r.label)
        top = std::max(top, l);
    r.labelNames.clear();
    for (int l = 0; l <= top; ++l)
        r.labelNames.push_back(nameOf(l));
}

} // namespace

LatentMapExperiment::LatentMapExperiment(LatentMapSettings settings, std::shared_ptr<const AutoencoderSet> set,
                                         std::shared_ptr<const Dataset> images)
    : settings_(std::move(settings)), set_(std::move(set)), images_(std::move(images))
{
    if (!set_ || set_->size() < 1 || !images_ || images_->empty())
        throw Error("latent map: no class set or no images");
    if (images_->pixelCount() != set_->config().inputSize)
        throw Error("latent map: the set takes " + std::to_string(set_->config().inputSize) + " pixels, the images ("
                    + images_->name() + ") have " + std::to_string(images_->pixelCount()));
}

LatentMapExperiment::LatentMapExperiment(LatentMapSettings settings, std::shared_ptr<const AutoencoderSet> members,
                                         std::shared_ptr<const ContextWorld> world)
    : settings_(std::move(settings)), set_(std::move(members)), world_(std::move(world))
{
    if (!set_ || !world_)
        throw Error("latent map: no world or no members");
    if (set_->size() != world_->contextCount() || set_->config().inputSize != world_->memberInputSize())
        throw Error("latent map: " + std::to_string(set_->size()) + " members of input "
                    + std::to_string(set_->config().inputSize) + " do not fit the world's "
                    + std::to_string(world_->contextCount()) + " contexts of input "
                    + std::to_string(world_->memberInputSize()));
    if (world_->itemCount() < 2)
        throw Error("latent map: the world shows fewer than two items");
}

LatentMapResult LatentMapExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    settings_.validate();
    result_ = LatentMapResult();
    result_.method = settings_.method;
    Stopwatch clock;
    if (world_)
        encodeWorld(stop);
    else
        encodeClassSet(stop);
    result_.encodeSeconds = clock.seconds();
    measureSpread();
    if (observer)
        observer->stageReached("codes");
    if (stop.stop_requested()) {
        result_.stopped = true;
        return result_;
    }
    project(observer, stop);
    if (observer)
        observer->stageReached("projected");
    return result_;
}

void LatentMapExperiment::encodeClassSet(StopToken stop)
{
    const AutoencoderSet& set = *set_;
    if (settings_.member >= set.size())
        throw Error("latent map: member " + std::to_string(settings_.member) + " of a set of "
                    + std::to_string(set.size()));
    result_.kind = "class-set";
    const Index n = std::min<Index>(settings_.points, images_->size());
    const SetClassifier classifier(set_);
    result_.codes.resize(set.config().latentSize, n);
    for (Index first = 0; first < n; first += kBatch) {
        if (stop.stop_requested()) {
            result_.stopped = true;
            result_.codes.conservativeResize(Eigen::NoChange, first);
            break;
        }
        const Index count = std::min(kBatch, n - first);
        const Matrix x = images_->range(first, count);
        std::vector<int> chosen(std::size_t(count), settings_.member);
        if (settings_.member < 0)
            chosen = classifier.decide(classifier.errors(x, &ThreadPool::shared()), false);
        // Each member encodes the images it was chosen for, in one product.
        std::map<int, std::vector<Index>> byMember;
        for (Index j = 0; j < count; ++j)
            byMember[chosen[std::size_t(j)]].push_back(j);
        for (const auto& [m, columns] : byMember) {
            Matrix xm(x.rows(), Index(columns.size()));
            for (std::size_t k = 0; k < columns.size(); ++k)
                xm.col(Index(k)) = x.col(columns[k]);
            const Matrix z = set.member(m).encode(xm);
            for (std::size_t k = 0; k < columns.size(); ++k)
                result_.codes.col(first + columns[k]) = z.col(Index(k));
        }
        for (Index j = 0; j < count; ++j) {
            result_.item.push_back(int(first + j));
            result_.context.push_back(chosen[std::size_t(j)]);
            result_.label.push_back(images_->label(first + j));
        }
    }
    for (int m = 0; m < set.size(); ++m)
        result_.contextNames.push_back(set.memberName(m));
    result_.items = int(result_.item.size());
    result_.contexts = int(std::set<int>(result_.context.begin(), result_.context.end()).size());
    nameLabels(result_, [&](int l) { return images_->className(l); });
}

void LatentMapExperiment::encodeWorld(StopToken stop)
{
    const ContextWorld& world = *world_;
    const int contexts = world.contextCount();
    result_.kind = "world";
    const Index items = std::clamp<Index>(settings_.points / contexts, 2, world.itemCount());
    std::vector<Index> shown(static_cast<std::size_t>(items));
    std::iota(shown.begin(), shown.end(), Index(0));
    const Index d = set_->config().latentSize;
    result_.codes.resize(d, items * contexts);
    // Point c * items + i = item i in context c, encoded by member c.
    ThreadPool::shared().parallelFor(std::size_t(contexts), [&](std::size_t c, unsigned) {
        if (stop.stop_requested())
            return;
        const Matrix z = set_->member(int(c)).encode(world.memberInput(int(c), shown));
        result_.codes.middleCols(Index(c) * items, items) = z;
    });
    if (stop.stop_requested()) {
        result_.stopped = true;
        result_.codes.resize(d, 0);
        return;
    }
    for (int c = 0; c < contexts; ++c) {
        result_.contextNames.push_back(world.contextName(c));
        for (Index i = 0; i < items; ++i) {
            result_.item.push_back(int(i));
            result_.context.push_back(c);
            result_.label.push_back(world.itemLabel(i));
        }
    }
    result_.items = int(items);
    result_.contexts = contexts;
    nameLabels(result_, [&](int l) { return world.labelName(l); });
}

void LatentMapExperiment::measureSpread()
{
    const bool byItem = result_.kind == "world";
    result_.spreadBy = byItem ? "item" : "class";
    const std::vector<int>& group = byItem ? result_.item : result_.label;
    std::map<int, int> counts;
    for (int g : group)
        if (g >= 0)
            ++counts[g];
    const bool twice = std::any_of(counts.begin(), counts.end(), [](const auto& c) { return c.second >= 2; });
    const bool labelled = std::none_of(group.begin(), group.end(), [](int g) { return g < 0; });
    if (counts.size() < 2 || !twice || !labelled)
        return;
    result_.spread = SpreadRatio::measure(result_.codes, group);
    result_.measured = true;
}

void LatentMapExperiment::project(ExperimentObserver* observer, StopToken stop)
{
    const Matrix& codes = result_.codes;
    Stopwatch clock;
    if (settings_.method == "tsne") {
        const auto report = [&](const TsneProgress& p) {
            if (!observer)
                return;
            if (p.stage != "optimise") {
                observer->stageReached(p.stage);
                return;
            }
            TrainerProgress t;
            t.epoch = std::size_t(p.iteration);
            t.epochs = std::size_t(p.iterations);
            t.lossNames = {"kl"};
            t.losses = {float(p.kl)};
            t.elapsedSeconds = clock.seconds();
            observer->progress("tsne", t);
        };
        const TsneResult t = Tsne::run(codes, settings_.tsne, ThreadPool::shared(), report, stop);
        result_.coordinates = t.coordinates;
        result_.kl = t.kl;
        result_.iterations = t.iterations;
        result_.perplexity = t.perplexity;
        result_.stopped = t.stopped;
    } else {
        if (fixedBasis_ && fixedBasis_->dimension() != codes.rows() && observer)
            observer->note("latent map: the fixed PCA basis is of another code size; refitted");
        if (!fixedBasis_ || fixedBasis_->dimension() != codes.rows())
            result_.basis = std::make_shared<const Pca>(Pca::fit(codes, std::min<Index>(2, codes.rows())));
        else
            result_.basis = fixedBasis_;
        const Matrix p = result_.basis->project(codes);
        result_.coordinates = Matrix::Zero(2, codes.cols());
        result_.coordinates.topRows(std::min<Index>(2, p.rows())) = p.topRows(std::min<Index>(2, p.rows()));
    }
    result_.seconds = clock.seconds();
}

} // namespace latentset
