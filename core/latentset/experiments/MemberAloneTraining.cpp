#include "latentset/experiments/MemberAloneTraining.h"

#include "latentset/experiments/MemberHash.h"
#include "latentset/experiments/MemberTraining.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/Error.h"
#include "latentset/util/Stopwatch.h"

namespace latentset {

namespace {

// A set the caller owns, as SetClassifier takes it (no ownership: aliasing
// an empty owner), for as long as the call lasts.
std::shared_ptr<const AutoencoderSet> borrowed(const AutoencoderSet& set)
{
    return std::shared_ptr<const AutoencoderSet>(std::shared_ptr<const void>(), &set);
}

class Relay : public TrainerObserver {
public:
    explicit Relay(ExperimentObserver* observer) : observer_(observer) {}
    void progress(const TrainerProgress& p) override
    {
        if (observer_)
            observer_->progress("member", p);
    }
    void epochFinished(const EpochSummary& s) override
    {
        if (observer_)
            observer_->epochFinished("member", s);
    }

private:
    ExperimentObserver* observer_;
};

} // namespace

MemberAloneTraining::MemberAloneTraining(const AutoencoderSet& set, Dataset classImages, MemberAloneSettings settings)
    : settings_(settings)
{
    settings_.validate();
    classes_ = set.size();
    inputSize_ = set.config().inputSize;
    const int k = settings_.member;
    if (k >= classes_)
        throw Error("train one member: the set has " + std::to_string(classes_) + " members, no member "
                    + std::to_string(k));
    if (classImages.empty())
        throw Error("train one member: no training images of class " + std::to_string(k));
    if (classImages.pixelCount() != inputSize_)
        throw Error("train one member: images of " + std::to_string(classImages.pixelCount())
                    + " pixels for members of " + std::to_string(inputSize_));
    result_.member = k;
    result_.epochs = settings_.epochs;
    result_.trainImages = classImages.size();
    result_.hashBefore = hashes(set);
    // The copy keeps the member's Adam moments and step count: training goes
    // on from where the set's training left the member.
    std::vector<Autoencoder> one;
    one.push_back(set.member(k));
    AutoencoderSet alone;
    alone.setMembers(set.config(), std::move(one), set.seed());
    MemberTrainingSettings ms;
    ms.batchSize = settings_.batchSize;
    ms.learningRate = settings_.learningRate;
    ms.seed = settings_.seed;
    ms.maskingNoise = settings_.maskingNoise;
    ms.shiftPixels = settings_.shiftPixels;
    std::vector<Dataset> data;
    data.push_back(std::move(classImages));
    task_ = std::make_shared<ClassSetTask>(std::move(alone), std::move(data), MemberTraining::taskSettings(ms));
    plannedSteps_ = task_->batchesPerEpoch() * std::size_t(settings_.epochs);
}

MemberAloneTraining::~MemberAloneTraining() = default;

TrainerSettings MemberAloneTraining::trainerSettings() const
{
    TrainerSettings ts;
    ts.epochs = std::size_t(settings_.epochs);
    ts.threads = settings_.threads;
    return ts;
}

bool MemberAloneTraining::run(ExperimentObserver* observer, const StopToken& stop)
{
    TrainerSettings ts = trainerSettings();
    ts.progressInterval = 1.0;
    ts.snapshotInterval = 1e9; // nobody reads snapshots of a blocking run
    Relay relay(observer);
    Stopwatch clock;
    Trainer trainer(task_, ts, &relay);
    const TrainerStopLink link(stop, trainer);
    const TrainerState state = trainer.run();
    result_.trainSeconds += clock.seconds();
    result_.steps = std::int64_t(task_->stepsDone());
    if (state == TrainerState::Cancelled) {
        result_.stopped = true;
        return false;
    }
    if (state != TrainerState::Finished)
        throw Error("train one member: " + trainer.message());
    return true;
}

bool MemberAloneTraining::trained() const
{
    return !installed_ && task_->stepsDone() >= plannedSteps_;
}

void MemberAloneTraining::scoreFrom(const Matrix& errors, const std::vector<int>& labels,
                                    std::vector<double>& perClass, double& overall) const
{
    std::vector<int> decided(std::size_t(errors.cols()), 0);
    for (Index n = 0; n < errors.cols(); ++n) {
        Index best = 0;
        errors.col(n).minCoeff(&best);
        decided[std::size_t(n)] = int(best);
    }
    ConfusionMatrix m(classes_);
    m.add(labels, decided);
    perClass.clear();
    for (int c = 0; c < classes_; ++c)
        perClass.push_back(m.classAccuracy(c));
    overall = m.accuracy();
}

void MemberAloneTraining::scoreBefore(const AutoencoderSet& set, const Dataset& scored, ThreadPool* pool)
{
    if (set.size() != classes_ || scored.pixelCount() != inputSize_)
        throw Error("train one member: the scored set or images do not fit the member's set");
    errorsBefore_ = SetClassifier(borrowed(set)).errors(scored, pool);
    result_.scoredImages = scored.size();
    scoreFrom(errorsBefore_, scored.labels(), result_.accuracyBefore, result_.overallBefore);
}

void MemberAloneTraining::scoreAfter(const Dataset& scored, ThreadPool* pool)
{
    if (errorsBefore_.cols() != scored.size())
        throw Error("train one member: score the same images before and after");
    Matrix errors = errorsBefore_;
    errors.row(settings_.member) = SetClassifier(borrowed(task_->set())).errors(scored, pool).row(0);
    scoreFrom(errors, scored.labels(), result_.accuracyAfter, result_.overallAfter);
}

void MemberAloneTraining::install(AutoencoderSet& set)
{
    if (!trained())
        throw Error("train one member: the member is not trained (or was installed already)");
    if (set.size() != classes_ || set.config().inputSize != inputSize_)
        throw Error("train one member: the set changed shape since the member was copied");
    result_.steps = std::int64_t(task_->stepsDone());
    set.member(settings_.member) = std::move(task_->set().member(0));
    installed_ = true;
}

void MemberAloneTraining::hashAfter(const AutoencoderSet& set)
{
    result_.hashAfter = hashes(set);
}

std::vector<std::uint64_t> MemberAloneTraining::hashes(const AutoencoderSet& set)
{
    std::vector<std::uint64_t> out;
    for (int k = 0; k < set.size(); ++k)
        out.push_back(MemberHash::of(set.member(k)));
    return out;
}

} // namespace latentset
