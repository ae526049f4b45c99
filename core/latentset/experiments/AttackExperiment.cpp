#include "latentset/experiments/AttackExperiment.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/likelihood/Auroc.h"
#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/robust/BoundaryAttack.h"
#include "latentset/robust/DdnAttack.h"
#include "latentset/robust/Fgsm.h"
#include "latentset/robust/MlpDecision.h"
#include "latentset/robust/PgdAttack.h"
#include "latentset/robust/SetErrorDecision.h"
#include "latentset/robust/SetLikelihoodDecision.h"
#include "latentset/util/Error.h"
#include "latentset/util/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentset {

struct AttackExperiment::Target {
    std::string name; // "set", "mlp"
    std::unique_ptr<DecisionModel> model;
    std::vector<bool> cleanCorrect;
    std::map<std::string, AttackOutcome> minimal; // "ddn", "boundary"
    long long queries = 0;
};

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

double share(const std::vector<bool>& flags)
{
    return flags.empty() ? kNaN : double(std::count(flags.begin(), flags.end(), true)) / double(flags.size());
}

void append(AttackOutcome& all, AttackOutcome part)
{
    const Index old = all.adversarial.cols();
    if (old == 0) {
        all = std::move(part);
        return;
    }
    all.adversarial.conservativeResize(part.adversarial.rows(), old + part.adversarial.cols());
    all.adversarial.rightCols(part.adversarial.cols()) = part.adversarial;
    all.fooled.insert(all.fooled.end(), part.fooled.begin(), part.fooled.end());
    all.l2.conservativeResize(old + part.l2.size());
    all.l2.tail(part.l2.size()) = part.l2;
    all.linf.conservativeResize(old + part.linf.size());
    all.linf.tail(part.linf.size()) = part.linf;
    all.queries += part.queries;
}

} // namespace

AttackExperiment::Models AttackExperiment::loadModels(const std::string& path)
{
    const ChunkFile file = ChunkFile::load(path);
    Models m;
    m.set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file).inferenceCopy());
    if (!file.find("MLPN"))
        throw Error(path + ": the file holds no MLP (save it with `latentset-cli mnist --save`)");
    m.mlp = std::make_shared<const Mlp>(ModelFile::readMlp(file).inferenceCopy());
    if (std::optional<LikelihoodModel> likelihood = LikelihoodModel::readFrom(file)) {
        likelihood->checkFits(*m.set, path);
        m.likelihood = std::make_shared<const LikelihoodModel>(std::move(*likelihood));
    }
    return m;
}

AttackExperiment::AttackExperiment(AttackSettings settings) : settings_(std::move(settings)) { settings_.validate(); }

AttackExperiment::AttackExperiment(AttackSettings settings, Models models, Matrix images, std::vector<int> labels)
    : settings_(std::move(settings)), models_(std::move(models)), images_(std::move(images)),
      labels_(std::move(labels)), given_(true)
{
    settings_.validate();
    if (Index(labels_.size()) != images_.cols())
        throw Error("attack experiment: one label per image needed");
}

AttackExperiment::~AttackExperiment() = default;

void AttackExperiment::reach(const char* stage)
{
    if (observer_)
        observer_->stageReached(stage);
}

void AttackExperiment::prepare(ThreadPool& pool)
{
    if (!given_) {
        models_ = loadModels(settings_.model);
        const DatasetSplits splits = DatasetCatalog::load(settings_.dataset);
        if (splits.test.empty())
            throw Error(settings_.dataset + ": no test split");
        images_ = splits.test.range(0, settings_.images);
        labels_.assign(splits.test.labels().begin(), splits.test.labels().begin() + images_.cols());
        result_.dataset = splits.name;
    } else {
        result_.dataset = settings_.dataset;
    }
    if (!models_.set || !models_.mlp)
        throw Error("attack experiment: needs a class set and an MLP");
    const Index count = std::min<Index>(settings_.images, images_.cols());
    images_.conservativeResize(Eigen::NoChange, count);
    labels_.resize(std::size_t(count));
    const AutoencoderSet& set = *models_.set;
    if (set.config().inputSize != images_.rows() || models_.mlp->inputSize() != images_.rows())
        throw Error("attack experiment: the models take " + std::to_string(set.config().inputSize) +
                    " pixels, the images have " + std::to_string(images_.rows()));
    for (int label : labels_)
        if (label < 0 || label >= set.size() || label >= models_.mlp->classCount())
            throw Error("attack experiment: label " + std::to_string(label) + " has no member or MLP class");
    if (settings_.setDecision != "sse" && !models_.likelihood)
        throw Error("attack experiment: the " + settings_.setDecision +
                    " decision needs the likelihood chunks (latentset-cli likelihood --save)");

    auto setTarget = std::make_unique<Target>();
    setTarget->name = "set";
    if (settings_.setDecision == "sse")
        setTarget->model = std::make_unique<SetErrorDecision>(models_.set);
    else
        setTarget->model =
            std::make_unique<SetLikelihoodDecision>(models_.set, models_.likelihood, settings_.setDecision == "eq5");
    auto mlpTarget = std::make_unique<Target>();
    mlpTarget->name = "mlp";
    mlpTarget->model = std::make_unique<MlpDecision>(models_.mlp);
    targets_.clear();
    targets_.push_back(std::move(setTarget));
    targets_.push_back(std::move(mlpTarget));

    if (models_.likelihood) {
        anomaly_ = std::make_unique<SetLikelihoodDecision>(models_.set, models_.likelihood, false, &pool);
        result_.anomalyScore = "eq. 4 (-max log p)";
    } else {
        errorScorer_ = std::make_unique<SetErrorDecision>(models_.set, Vector(), Vector(), &pool);
        result_.anomalyScore = "squared error (min over members)";
    }
    result_.images = count;
    result_.memberDescription = set.config().describe();
    result_.setDecision = targets_[0]->model->name();
    result_.threads = pool.threadCount();
    reach("data");
}

std::vector<double> AttackExperiment::anomalyScores(const Matrix& X, ThreadPool&) const
{
    if (anomaly_)
        return LikelihoodEstimator::anomalyScores(anomaly_->terms(X).logLikelihood());
    const Matrix e = errorScorer_->errors(X);
    std::vector<double> out(std::size_t(X.cols()));
    for (Index b = 0; b < X.cols(); ++b)
        out[std::size_t(b)] = double(e.col(b).minCoeff());
    return out;
}

double AttackExperiment::detection(const std::vector<bool>& fooled, const Matrix& adversarial, ThreadPool& pool,
                                   Index& count) const
{
    std::vector<Index> columns;
    for (std::size_t b = 0; b < fooled.size(); ++b)
        if (fooled[b] && targets_[0]->cleanCorrect[b])
            columns.push_back(Index(b));
    count = Index(columns.size());
    if (columns.empty())
        return kNaN;
    Matrix X(adversarial.rows(), count);
    for (Index k = 0; k < count; ++k)
        X.col(k) = adversarial.col(columns[std::size_t(k)]);
    std::vector<double> normal;
    for (std::size_t b = 0; b < cleanAnomaly_.size(); ++b)
        if (targets_[0]->cleanCorrect[b])
            normal.push_back(cleanAnomaly_[b]);
    if (normal.empty())
        return kNaN;
    return Auroc::compute(normal, anomalyScores(X, pool));
}

AttackOutcome AttackExperiment::chunked(const AttackFn& attack, const DecisionModel& model, Index count,
                                        ThreadPool& pool, const StopToken& stop)
{
    const Index chunk = settings_.chunk;
    const std::size_t chunks = std::size_t((count + chunk - 1) / chunk);
    std::vector<AttackOutcome> parts(chunks);
    const std::size_t group = pool.threadCount();
    for (std::size_t first = 0; first < chunks; first += group) {
        if (stop.stop_requested()) {
            stopped_ = true;
            break;
        }
        const std::size_t n = std::min(group, chunks - first);
        pool.parallelFor(n, [&](std::size_t k, unsigned) {
            const Index begin = Index(first + k) * chunk;
            const Index end = std::min(count, begin + chunk);
            const std::vector<int> labels(labels_.begin() + begin, labels_.begin() + end);
            parts[first + k] = attack(model, images_.middleCols(begin, end - begin), labels);
        });
        if (observer_) {
            TrainerProgress p;
            p.epoch = job_;
            p.epochs = jobs_;
            p.batch = first + n;
            p.batchesPerEpoch = chunks;
            p.elapsedSeconds = clock_.seconds();
            observer_->progress("attack", p);
        }
    }
    AttackOutcome all;
    for (AttackOutcome& part : parts)
        append(all, std::move(part));
    ++job_;
    return all;
}

void AttackExperiment::runMinimal(Target& target, ThreadPool& pool, const StopToken& stop)
{
    if (settings_.runs("ddn") && !stopped_) {
        DdnAttack::Settings ds;
        ds.steps = settings_.ddnSteps;
        const DdnAttack ddn(ds);
        target.minimal["ddn"] = chunked([&](const DecisionModel& m, const Matrix& X, const std::vector<int>& l) {
            return ddn.run(m, X, l);
        }, *target.model, images_.cols(), pool, stop);
        target.queries += target.minimal["ddn"].queries;
    }
    const Index subset = std::min(settings_.boundaryImages, images_.cols());
    if (settings_.runs("boundary") && subset > 0 && !stopped_) {
        BoundaryAttack::Settings bs;
        bs.steps = settings_.boundarySteps;
        bs.seed = settings_.seed;
        const BoundaryAttack boundary(bs);
        target.minimal["boundary"] = chunked([&](const DecisionModel& m, const Matrix& X, const std::vector<int>& l) {
            return boundary.run(m, X, l);
        }, *target.model, subset, pool, stop);
        target.queries += target.minimal["boundary"].queries;
    }
}

std::vector<bool> AttackExperiment::attackAt(Target& target, const std::string& attack, AttackNorm norm, double eps,
                                             ThreadPool& pool, const StopToken& stop, Matrix& images)
{
    if (attack == "fgsm" || attack == "pgd") {
        AttackOutcome outcome;
        if (attack == "fgsm") {
            outcome = chunked([&](const DecisionModel& m, const Matrix& X, const std::vector<int>& l) {
                return Fgsm::run(m, X, l, eps, norm);
            }, *target.model, images_.cols(), pool, stop);
        } else {
            PgdAttack::Settings ps;
            ps.norm = norm;
            ps.eps = eps;
            ps.steps = settings_.pgdSteps;
            ps.restarts = settings_.pgdRestarts;
            ps.seed = settings_.seed;
            const PgdAttack pgd(ps);
            outcome = chunked([&](const DecisionModel& m, const Matrix& X, const std::vector<int>& l) {
                return pgd.run(m, X, l);
            }, *target.model, images_.cols(), pool, stop);
        }
        target.queries += outcome.queries;
        images = std::move(outcome.adversarial);
        return outcome.fooled;
    }
    // A minimal attack's one adversarial per image counts if it lies within eps.
    const AttackOutcome& outcome = target.minimal.at(attack);
    const Eigen::VectorXd& d = norm == AttackNorm::L2 ? outcome.l2 : outcome.linf;
    std::vector<bool> fooled = outcome.fooled;
    for (std::size_t b = 0; b < fooled.size(); ++b)
        fooled[b] = fooled[b] && d(Index(b)) <= eps * (1 + 1e-6);
    images = outcome.adversarial;
    return fooled;
}

void AttackExperiment::runNorm(AttackNorm norm, ThreadPool& pool, const StopToken& stop)
{
    AttackNormResult r;
    r.norm = norm;
    r.eps = settings_.eps(norm);
    const Index n = images_.cols();
    // One curve per (target, attack), filled eps by eps.
    std::vector<std::vector<AttackCurve>> curves(targets_.size());
    for (std::size_t t = 0; t < targets_.size(); ++t)
        for (const std::string& a : settings_.attacks) {
            if (a == "boundary" && !targets_[t]->minimal.count("boundary"))
                continue;
            AttackCurve c;
            c.model = targets_[t]->name;
            c.attack = a;
            c.norm = norm;
            c.images = a == "boundary" ? std::min(settings_.boundaryImages, n) : n;
            curves[t].push_back(std::move(c));
        }
    for (const double eps : r.eps) {
        for (std::size_t t = 0; t < targets_.size() && !stopped_; ++t) {
            Target& target = *targets_[t];
            std::vector<bool> robust = target.cleanCorrect;
            double strongest = 2;
            std::string strongestName;
            std::vector<bool> strongestFooled;
            Matrix strongestImages;
            for (AttackCurve& curve : curves[t]) {
                Matrix images;
                const std::vector<bool> fooled = attackAt(target, curve.attack, norm, eps, pool, stop, images);
                if (stopped_)
                    return;
                std::vector<bool> survived(fooled.size());
                for (std::size_t b = 0; b < fooled.size(); ++b) {
                    survived[b] = target.cleanCorrect[b] && !fooled[b];
                    robust[b] = robust[b] && survived[b];
                }
                const double accuracy = share(survived);
                curve.accuracy.push_back(accuracy);
                if (accuracy < strongest) {
                    strongest = accuracy;
                    strongestName = curve.attack;
                    strongestFooled = fooled;
                    strongestImages = std::move(images);
                }
            }
            (t == 0 ? r.setAccuracy : r.mlpAccuracy).push_back(share(robust));
            (t == 0 ? r.setStrongest : r.mlpStrongest).push_back(strongestName);
            if (t == 0) {
                Index count = 0;
                r.detectionAuroc.push_back(detection(strongestFooled, strongestImages, pool, count));
                r.detectionAdversarials.push_back(count);
            }
        }
        if (stopped_)
            return;
    }
    for (auto& list : curves)
        for (AttackCurve& c : list)
            result_.curves.push_back(std::move(c));
    result_.norms.push_back(std::move(r));
    reach("norm");
}

AttackResult AttackExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    observer_ = observer;
    clock_.restart();
    const Stopwatch& clock = clock_;
    ThreadPool pool(settings_.threads);
    prepare(pool);

    for (auto& target : targets_) {
        const std::vector<int> decisions = target->model->decide(images_);
        target->cleanCorrect.resize(decisions.size());
        for (std::size_t b = 0; b < decisions.size(); ++b)
            target->cleanCorrect[b] = decisions[b] == labels_[b];
    }
    result_.setClean = share(targets_[0]->cleanCorrect);
    result_.mlpClean = share(targets_[1]->cleanCorrect);
    cleanAnomaly_ = anomalyScores(images_, pool);
    reach("clean");

    const std::size_t fixedAttacks = std::size_t(settings_.runs("fgsm")) + std::size_t(settings_.runs("pgd"));
    std::size_t epsCount = 0;
    for (AttackNorm norm : settings_.norms)
        epsCount += settings_.eps(norm).size();
    jobs_ = targets_.size() * (fixedAttacks * epsCount + std::size_t(settings_.runs("ddn")) +
                               std::size_t(settings_.runs("boundary") && settings_.boundaryImages > 0));
    for (auto& target : targets_) {
        runMinimal(*target, pool, stop);
        result_.seconds = clock.seconds();
    }
    reach("minimal");
    for (AttackNorm norm : settings_.norms) {
        if (stopped_)
            break;
        runNorm(norm, pool, stop);
        result_.seconds = clock.seconds();
    }
    // Median minimal L2 distance over the images a minimal attack ran on.
    for (std::size_t t = 0; t < targets_.size(); ++t) {
        const Target& target = *targets_[t];
        if (target.minimal.empty())
            continue;
        std::vector<double> distances;
        for (Index b = 0; b < images_.cols(); ++b) {
            double best = std::numeric_limits<double>::infinity();
            bool covered = false;
            for (const auto& [name, outcome] : target.minimal) {
                if (b >= outcome.size())
                    continue;
                covered = true;
                if (!target.cleanCorrect[std::size_t(b)])
                    best = 0;
                else if (outcome.fooled[std::size_t(b)])
                    best = std::min(best, outcome.l2(b));
            }
            if (covered)
                distances.push_back(best);
        }
        if (distances.empty())
            continue;
        std::sort(distances.begin(), distances.end());
        const std::size_t mid = distances.size() / 2;
        const double median =
            distances.size() % 2 ? distances[mid] : 0.5 * (distances[mid - 1] + distances[mid]);
        (t == 0 ? result_.setMedianL2 : result_.mlpMedianL2) = median;
    }
    result_.setQueries = targets_[0]->queries;
    result_.mlpQueries = targets_[1]->queries;
    result_.seconds = clock.seconds();
    result_.stopped = stopped_;
    observer_ = nullptr;
    return result_;
}

} // namespace latentset
