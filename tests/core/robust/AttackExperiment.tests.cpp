#include "RobustFixtures.h"

#include "latentset/experiments/AttackExperiment.h"
#include "latentset/util/Error.h"

#include <cmath>

using namespace latentset;
using namespace latentset::robusttest;

namespace {

class Recorder : public ExperimentObserver {
public:
    void stageReached(const std::string& stage) override { stages.push_back(stage); }
    void progress(const std::string& phase, const TrainerProgress& p) override
    {
        CHECK(phase == "attack");
        CHECK(p.epoch < p.epochs);
        ++reports;
    }
    std::vector<std::string> stages;
    int reports = 0;
};

AttackSettings smallSettings()
{
    AttackSettings s;
    s.images = 30;
    s.epsLinf = {0, 0.2, 0.6};
    s.epsL2 = {0, 1.0, 3.0};
    s.pgdSteps = 10;
    s.pgdRestarts = 2;
    s.ddnSteps = 30;
    s.boundaryImages = 12;
    s.boundarySteps = 60;
    s.chunk = 7;
    s.threads = 2;
    return s;
}

} // namespace

TEST_CASE("attack settings round-trip through JSON and refuse bad values", "[robust][experiment]")
{
    AttackSettings s = smallSettings();
    s.norms = {AttackNorm::L2};
    s.attacks = {"pgd", "boundary"};
    s.setDecision = "eq4";
    CHECK(AttackSettings::fromJson(s.toJson()) == s);
    CHECK(AttackSettings::fromJson(AttackSettings{}.toJson()) == AttackSettings{});
    s.attacks = {"cw"};
    CHECK_THROWS_AS(s.validate(), Error);
    s = smallSettings();
    s.epsL2 = {-1};
    CHECK_THROWS_AS(s.validate(), Error);
}

TEST_CASE("the attack experiment measures both models on the same images", "[robust][experiment]")
{
    Matrix X;
    std::vector<int> labels;
    barTestImages(10, X, labels);
    AttackExperiment::Models models;
    models.set = trainedBarSet();
    models.mlp = trainedBarMlp();
    Recorder recorder;
    AttackExperiment experiment(smallSettings(), models, X, labels);
    const AttackResult r = experiment.run(&recorder);
    CHECK_FALSE(r.stopped);
    CHECK(r.images == 30);
    CHECK(r.setClean == 1.0);
    CHECK(r.mlpClean == 1.0);
    CHECK(recorder.reports > 0);
    CHECK(recorder.stages == std::vector<std::string>{"data", "clean", "minimal", "norm", "norm"});
    REQUIRE(r.norms.size() == 2);
    // 2 models x (fgsm, pgd, ddn, boundary) x 2 norms.
    CHECK(r.curves.size() == 16);
    for (const AttackNormResult& n : r.norms) {
        INFO(attackNormName(n.norm));
        REQUIRE(n.setAccuracy.size() == 3);
        CHECK(n.setAccuracy[0] == 1.0); // eps = 0 changes nothing
        CHECK(n.mlpAccuracy[0] == 1.0);
        CHECK(std::isnan(n.detectionAuroc[0]));
        for (std::size_t e = 1; e < 3; ++e) {
            CHECK(n.setAccuracy[e] <= n.setAccuracy[e - 1]);
            CHECK(n.mlpAccuracy[e] <= n.mlpAccuracy[e - 1]);
        }
        CHECK(n.mlpAccuracy[2] < 1.0); // the largest eps breaks the MLP
    }
    // The worst case is never above any single attack's curve.
    for (const AttackCurve& c : r.curves) {
        const AttackNormResult* n = r.ofNorm(c.norm);
        REQUIRE(n);
        for (std::size_t e = 0; e < c.accuracy.size(); ++e)
            CHECK((c.model == "set" ? n->setAccuracy[e] : n->mlpAccuracy[e]) <= c.accuracy[e] + 1e-12);
    }
    CHECK(r.setMedianL2 > 0);
    CHECK(r.mlpMedianL2 > 0);
    CHECK(r.setQueries > 0);
}

TEST_CASE("a stopped attack experiment says so", "[robust][experiment]")
{
    Matrix X;
    std::vector<int> labels;
    barTestImages(4, X, labels);
    AttackExperiment::Models models;
    models.set = trainedBarSet();
    models.mlp = trainedBarMlp();
    StopSource source;
    source.request_stop();
    AttackExperiment experiment(smallSettings(), models, X, labels);
    const AttackResult r = experiment.run(nullptr, source.get_token());
    CHECK(r.stopped);
    CHECK(r.norms.empty());
    // eq. 4 without its likelihood chunks is refused.
    AttackSettings eq4 = smallSettings();
    eq4.setDecision = "eq4";
    AttackExperiment refused(eq4, models, X, labels);
    CHECK_THROWS_AS(refused.run(), Error);
}
