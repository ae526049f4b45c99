#include "RobustFixtures.h"

#include "latentset/data/Dataset.h"
#include "latentset/experiments/ImageAttackExperiment.h"
#include "latentset/experiments/MlpBaselineTraining.h"
#include "latentset/util/Error.h"

#include <cmath>

using namespace latentset;
using namespace latentset::robusttest;

namespace {

ImageAttackExperiment::Models barModels()
{
    ImageAttackExperiment::Models m;
    m.set = trainedBarSet();
    m.mlp = std::make_shared<const Mlp>(16, 9, 3, 17);
    return m;
}

Vector barImage(int label)
{
    Matrix X;
    barImages(label, 1, 77, X);
    return X.col(0);
}

class CallCounter : public ExperimentObserver {
public:
    void progress(const std::string& phase, const TrainerProgress& p) override
    {
        CHECK(phase == "attack");
        CHECK(p.batch <= p.batchesPerEpoch);
        ++reports;
    }
    int reports = 0;
};

} // namespace

TEST_CASE("image attack settings round-trip through JSON and refuse bad values", "[robust][experiment]")
{
    ImageAttackSettings s;
    s.norm = AttackNorm::L2;
    s.eps = 1.5;
    s.attack = "ddn";
    s.target = "mlp";
    s.setDecision = "eq5";
    CHECK(ImageAttackSettings::fromJson(s.toJson()) == s);
    s.attack = "cw";
    CHECK_THROWS_AS(s.validate(), Error);
    s = {};
    s.eps = -0.1;
    CHECK_THROWS_AS(s.validate(), Error);
}

TEST_CASE("one image attacked stays inside [0, 1] and the eps-ball with both models decisions", "[robust][experiment]")
{
    for (const AttackNorm norm : {AttackNorm::Linf, AttackNorm::L2})
        for (const std::string attack : {"fgsm", "pgd"}) {
            ImageAttackSettings s;
            s.norm = norm;
            s.eps = norm == AttackNorm::Linf ? 0.3 : 2.0;
            s.attack = attack;
            s.pgdSteps = 10;
            INFO(attackNormName(norm) << " " << attack);
            ImageAttackExperiment experiment(s, barModels(), barImage(1), 1, 1);
            CallCounter counter;
            const ImageAttackResult r = experiment.run(&counter);
            CHECK(counter.reports == r.calls);
            CHECK(r.calls <= experiment.expectedCalls());
            CHECK(r.adversarial.minCoeff() >= 0.0f);
            CHECK(r.adversarial.maxCoeff() <= 1.0f);
            CHECK((norm == AttackNorm::L2 ? r.l2 : r.linf) <= s.eps * (1 + 1e-5) + 1e-6);
            CHECK(r.withinEps);
            CHECK(r.set.present);
            CHECK(r.mlp.present);
            CHECK(r.set.clean == 1); // the trained bar set is right on a clean bar
            CHECK(r.setScoresClean.size() == 3);
            CHECK(r.fooled == (r.set.adversarial != 1));
            CHECK((r.set.adversarialMargin < 0) == r.fooled);
            CHECK(std::isfinite(r.anomalyClean));
            CHECK(r.anomalyScore == "squared error (min over members)");
        }
}

TEST_CASE("PGD at eps 0 changes nothing and a stop leaves the clean image", "[robust][experiment]")
{
    ImageAttackSettings s;
    s.eps = 0;
    const Vector x = barImage(2);
    const ImageAttackResult r = ImageAttackExperiment(s, barModels(), x, 2, 1).run();
    CHECK(r.adversarial == x);
    CHECK(r.l2 == 0);
    CHECK_FALSE(r.fooled);
    CHECK(r.setScoresAdversarial == r.setScoresClean);

    s.eps = 0.3;
    StopSource stop;
    stop.request_stop();
    const ImageAttackResult stopped = ImageAttackExperiment(s, barModels(), x, 2, 1).run(nullptr, stop.get_token());
    CHECK(stopped.stopped);
    CHECK(stopped.adversarial == x);
    CHECK(stopped.calls == 0);
}

TEST_CASE("a drawn glyph is attacked away from the attacked model's own decision", "[robust][experiment]")
{
    ImageAttackSettings s;
    s.attack = "ddn";
    s.ddnSteps = 40;
    s.target = "mlp";
    s.norm = AttackNorm::L2;
    s.eps = 10;
    const ImageAttackResult r = ImageAttackExperiment(s, barModels(), barImage(0), -1, 1).run();
    CHECK(r.labelFromModel);
    CHECK(r.label == r.mlp.clean);
    CHECK(r.attackedModel == "mlp");
    CHECK(r.fooled);
    CHECK(r.mlp.adversarial != r.label);
    CHECK(r.l2 > 0);
}

TEST_CASE("image attack refuses what it cannot attack", "[robust][experiment]")
{
    ImageAttackSettings s;
    ImageAttackExperiment::Models noMlp = barModels();
    noMlp.mlp.reset();
    s.target = "mlp";
    CHECK_THROWS_AS(ImageAttackExperiment(s, noMlp, barImage(0), 0), Error);
    s.target = "set";
    s.setDecision = "eq4"; // no likelihood model
    CHECK_THROWS_AS(ImageAttackExperiment(s, barModels(), barImage(0), 0), Error);
    s.setDecision = "sse";
    CHECK_THROWS_AS(ImageAttackExperiment(s, barModels(), Vector::Zero(9), 0), Error);
    Vector bright = barImage(0);
    bright(0) = 1.5f;
    CHECK_THROWS_AS(ImageAttackExperiment(s, barModels(), bright, 0), Error);
    CHECK_THROWS_AS(ImageAttackExperiment(s, barModels(), barImage(0), 3), Error);
}

TEST_CASE("the MLP baseline trains on a labelled split and learns it", "[robust][experiment]")
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    for (int k = 0; k < 96; ++k) {
        Matrix X;
        barImages(k % 3, 1, 300 + std::uint64_t(k), X);
        for (Index i = 0; i < 16; ++i)
            pixels.push_back(std::uint8_t(std::lround(255 * X(i, 0))));
        labels.push_back(k % 3);
    }
    const Dataset data(4, 4, pixels, labels, {}, "bars");
    MlpBaselineSettings s;
    s.hidden = 32;
    s.epochs = 60;
    s.batchSize = 16;
    s.threads = 1;
    const MlpBaselineResult r = MlpBaselineTraining::run(data, &data, 3, s);
    REQUIRE(r.mlp);
    CHECK(r.mlp->inputSize() == 16);
    CHECK(r.mlp->classCount() == 3);
    CHECK(r.testAccuracy > 0.9);
    CHECK(r.epochLosses.size() == 60);
    CHECK(r.epochLosses.back() < r.epochLosses.front());
    CHECK_THROWS_AS(MlpBaselineTraining::run(data, &data, 2, s), Error);
    StopSource stop;
    stop.request_stop();
    CHECK(MlpBaselineTraining::run(data, nullptr, 3, s, nullptr, stop.get_token()).stopped);
}
