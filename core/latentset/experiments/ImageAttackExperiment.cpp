#include "latentset/experiments/ImageAttackExperiment.h"

#include "latentset/likelihood/LikelihoodEstimator.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/Mlp.h"
#include "latentset/robust/BoundaryAttack.h"
#include "latentset/robust/DdnAttack.h"
#include "latentset/robust/Fgsm.h"
#include "latentset/robust/MlpDecision.h"
#include "latentset/robust/PgdAttack.h"
#include "latentset/robust/SetErrorDecision.h"
#include "latentset/robust/SetLikelihoodDecision.h"
#include "latentset/robust/WatchedDecision.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <cmath>

namespace latentset {

ImageAttackExperiment::ImageAttackExperiment(ImageAttackSettings settings, Models models, Vector image, int label,
                                             unsigned threads)
    : settings_(std::move(settings)), models_(std::move(models)), image_(std::move(image)), label_(label),
      threads_(threads)
{
    settings_.validate();
    if (!models_.set)
        throw Error("image attack: needs a class set");
    if (settings_.target == "mlp" && !models_.mlp)
        throw Error("image attack: the MLP is attacked but there is none (train or open one)");
    if (settings_.setDecision != "sse" && !models_.likelihood)
        throw Error("image attack: the " + settings_.setDecision +
                    " decision needs a likelihood model (latentset-cli likelihood --save)");
    const Index n = models_.set->config().inputSize;
    if (image_.size() != n || (models_.mlp && models_.mlp->inputSize() != n))
        throw Error("image attack: the models take " + std::to_string(n) + " pixels, the image has " +
                    std::to_string(image_.size()));
    if (image_.size() && (image_.minCoeff() < 0 || image_.maxCoeff() > 1))
        throw Error("image attack: pixel values must lie in [0, 1]");
    const int classes = models_.mlp ? std::min(models_.set->size(), int(models_.mlp->classCount())) : models_.set->size();
    if (label_ < -1 || label_ >= classes)
        throw Error("image attack: label " + std::to_string(label_) + " has no member or MLP class");
}

ImageAttackExperiment::~ImageAttackExperiment() = default;

long long ImageAttackExperiment::expectedCalls() const
{
    // As the attacks call the model (core/robust): one call per step, plus
    // the final decision AttackResults::finish makes.
    const ImageAttackSettings& s = settings_;
    if (s.attack == "fgsm")
        return 2;
    if (s.attack == "pgd")
        return (s.eps > 0 ? (long long)(s.pgdSteps + 1) * s.pgdRestarts : 0) + 1;
    if (s.attack == "ddn")
        return s.ddnSteps + 2;
    const BoundaryAttack::Settings b;
    return 1 + b.initTrials + b.bisections + s.boundarySteps + 1;
}

std::shared_ptr<const DecisionModel> ImageAttackExperiment::setModel(ThreadPool* pool)
{
    if (settings_.setDecision == "sse")
        return std::make_shared<SetErrorDecision>(models_.set, Vector(), Vector(), pool);
    if (settings_.setDecision == "eq4") {
        if (!scorer_)
            scorer_ = anomalyScorer(models_);
        return scorer_;
    }
    return std::make_shared<SetLikelihoodDecision>(models_.set, models_.likelihood, true, pool);
}

AttackOutcome ImageAttackExperiment::attack(const DecisionModel& model, const Matrix& X0,
                                            const std::vector<int>& labels) const
{
    const ImageAttackSettings& s = settings_;
    if (s.attack == "fgsm")
        return Fgsm::run(model, X0, labels, s.eps, s.norm);
    if (s.attack == "pgd") {
        PgdAttack::Settings ps;
        ps.norm = s.norm;
        ps.eps = s.eps;
        ps.steps = s.pgdSteps;
        ps.restarts = s.pgdRestarts;
        ps.seed = s.seed;
        return PgdAttack(ps).run(model, X0, labels);
    }
    if (s.attack == "ddn") {
        DdnAttack::Settings ds;
        ds.steps = s.ddnSteps;
        return DdnAttack(ds).run(model, X0, labels);
    }
    BoundaryAttack::Settings bs;
    bs.steps = s.boundarySteps;
    bs.seed = s.seed;
    return BoundaryAttack(bs).run(model, X0, labels);
}

ImageAttackResult::Decision ImageAttackExperiment::decisionOf(const DecisionModel& model, const Matrix& clean,
                                                              const Matrix& adversarial, int label)
{
    ImageAttackResult::Decision d;
    d.present = true;
    d.rule = model.name();
    const Eigen::MatrixXd c = model.scores(clean), a = model.scores(adversarial);
    Index best = 0;
    c.col(0).maxCoeff(&best);
    d.clean = int(best);
    a.col(0).maxCoeff(&best);
    d.adversarial = int(best);
    d.cleanMargin = DecisionModel::margin(c, 0, label);
    d.adversarialMargin = DecisionModel::margin(a, 0, label);
    return d;
}

ImageAttackExperiment::Scorer ImageAttackExperiment::anomalyScorer(const Models& models)
{
    if (!models.set || !models.likelihood)
        return nullptr;
    return std::make_shared<const SetLikelihoodDecision>(models.set, models.likelihood, false, &ThreadPool::shared());
}

std::vector<double> ImageAttackExperiment::anomaly(const Matrix& X, ThreadPool& pool)
{
    // As AttackExperiment scores its detection: eq. 4 when the likelihood
    // model is there, else the smallest squared error. All columns in one call.
    if (models_.likelihood) {
        if (!scorer_)
            scorer_ = anomalyScorer(models_);
        return LikelihoodEstimator::anomalyScores(scorer_->terms(X).logLikelihood());
    }
    const Matrix e = SetErrorDecision(models_.set, Vector(), Vector(), &pool).errors(X);
    std::vector<double> out(std::size_t(X.cols()));
    for (Index b = 0; b < X.cols(); ++b)
        out[std::size_t(b)] = double(e.col(b).minCoeff());
    return out;
}

ImageAttackResult ImageAttackExperiment::run(ExperimentObserver* observer, StopToken stop)
{
    Stopwatch clock;
    ThreadPool pool(threads_);
    const std::shared_ptr<const DecisionModel> set = setModel(&pool);
    std::unique_ptr<DecisionModel> mlp;
    if (models_.mlp)
        mlp = std::make_unique<MlpDecision>(models_.mlp);
    const DecisionModel& attacked = settings_.target == "mlp" ? *mlp : *set;
    const Matrix X0 = image_;

    ImageAttackResult r;
    r.attack = settings_.attack;
    r.attackedModel = attacked.name();
    r.clean = image_;
    r.adversarial = image_;
    r.labelFromModel = label_ < 0;
    r.label = label_ >= 0 ? label_ : attacked.decide(X0).front();
    r.anomalyScore = models_.likelihood ? "eq. 4 (-max log p)" : "squared error (min over members)";
    if (models_.likelihood)
        r.anomalyThreshold = models_.likelihood->anomalyThreshold();

    const long long expected = expectedCalls();
    WatchedDecision watched(attacked, stop, [&](long long calls) {
        if (!observer)
            return;
        TrainerProgress p;
        p.epochs = 1;
        p.batch = std::size_t(std::min(calls, expected));
        p.batchesPerEpoch = std::size_t(expected);
        p.elapsedSeconds = clock.seconds();
        observer->progress("attack", p);
    });
    try {
        AttackOutcome outcome = attack(watched, X0, {r.label});
        r.adversarial = outcome.adversarial.col(0);
        r.fooled = outcome.fooled.front();
    } catch (const WatchedDecision::Stopped&) {
        r.stopped = true;
    }
    r.calls = watched.calls();
    // The attacks keep pixels in [0, 1]; rounding in their last step must not
    // leave a pixel a hair outside (the view and its CSV promise [0, 1]).
    r.adversarial = r.adversarial.cwiseMax(0.0f).cwiseMin(1.0f);
    r.l2 = double((r.adversarial - r.clean).norm());
    r.linf = r.adversarial.size() ? double((r.adversarial - r.clean).cwiseAbs().maxCoeff()) : 0.0;
    const double distance = settings_.norm == AttackNorm::L2 ? r.l2 : r.linf;
    r.withinEps = distance <= settings_.eps * (1 + 1e-6) + 1e-9;

    const Matrix XA = r.adversarial;
    r.set = decisionOf(*set, X0, XA, r.label);
    if (mlp)
        r.mlp = decisionOf(*mlp, X0, XA, r.label);
    r.setScoresClean = set->scores(X0).col(0);
    r.setScoresAdversarial = set->scores(XA).col(0);
    Matrix both(X0.rows(), 2);
    both.col(0) = X0.col(0);
    both.col(1) = XA.col(0);
    const std::vector<double> anomalies = anomaly(both, pool);
    r.anomalyClean = anomalies[0];
    r.anomalyAdversarial = anomalies[1];
    r.seconds = clock.seconds();
    return r;
}

} // namespace latentset
