#include "RobustFixtures.h"

#include "latentset/nn/OptimizerSettings.h"
#include "latentset/robust/BoundaryAttack.h"
#include "latentset/robust/DdnAttack.h"
#include "latentset/robust/Fgsm.h"
#include "latentset/robust/MlpDecision.h"
#include "latentset/robust/PgdAttack.h"
#include "latentset/robust/SetErrorDecision.h"

using namespace latentset;
using namespace latentset::robusttest;

namespace {

// Two classes split by a hyperplane: scores (w.x + b, -(w.x + b)).
class LinearDecision : public DecisionModel {
public:
    LinearDecision(Vector w, float b) : w_(std::move(w)), b_(b) {}
    Index inputSize() const override { return w_.size(); }
    int classCount() const override { return 2; }
    std::string name() const override { return "linear"; }
    Eigen::MatrixXd scores(const Matrix& X) const override
    {
        const Eigen::RowVectorXd s = ((w_.transpose() * X).array() + b_).cast<double>();
        Eigen::MatrixXd out(2, X.cols());
        out.row(0) = s;
        out.row(1) = -s;
        return out;
    }
    void marginGradient(const Matrix& X, const std::vector<int>& labels, Eigen::VectorXd& margins,
                        Matrix& gradient) const override
    {
        const Eigen::MatrixXd s = scores(X);
        margins.resize(X.cols());
        gradient.resize(X.rows(), X.cols());
        for (Index b = 0; b < X.cols(); ++b) {
            margins(b) = margin(s, b, labels[std::size_t(b)]);
            gradient.col(b) = (labels[std::size_t(b)] == 0 ? 2.0f : -2.0f) * w_;
        }
    }
    // L2 distance of x to the hyperplane.
    double distance(const Vector& x) const { return std::abs(double(w_.dot(x) + b_)) / double(w_.norm()); }

private:
    Vector w_;
    float b_;
};

LinearDecision toyLinear()
{
    Vector w(16);
    for (Index i = 0; i < 16; ++i)
        w(i) = float(i % 4) - 1.5f;
    return LinearDecision(w, 0.3f);
}

void requireInsideBall(const Matrix& adversarial, const Matrix& X0, double eps, AttackNorm norm)
{
    CHECK(adversarial.minCoeff() >= 0.0f);
    CHECK(adversarial.maxCoeff() <= 1.0f);
    const Eigen::VectorXd d = PerturbationBall::distances(adversarial, X0, norm);
    CHECK(d.maxCoeff() <= eps * (1 + 1e-5) + 1e-6);
}

} // namespace

TEST_CASE("attacks never leave [0, 1] nor their eps-ball", "[robust][attack]")
{
    const auto mlp = std::make_shared<const Mlp>(12, 9, 3, 17);
    const MlpDecision model(mlp);
    // Pixels at the box's edges, where a step pushes outside first.
    Matrix X0 = randomImages(12, 20, 3, 0.0f, 1.0f);
    X0.row(0).setZero();
    X0.row(1).setOnes();
    const std::vector<int> labels = model.decide(X0);
    for (const AttackNorm norm : {AttackNorm::Linf, AttackNorm::L2}) {
        for (const double eps : {0.05, 0.3, 2.0}) {
            INFO(attackNormName(norm) << " eps " << eps);
            requireInsideBall(Fgsm::run(model, X0, labels, eps, norm).adversarial, X0, eps, norm);
            PgdAttack::Settings settings;
            settings.norm = norm;
            settings.eps = eps;
            settings.steps = 10;
            settings.restarts = 3;
            const AttackOutcome outcome = PgdAttack(settings).run(model, X0, labels);
            requireInsideBall(outcome.adversarial, X0, eps, norm);
            const Eigen::VectorXd d = PerturbationBall::distances(outcome.adversarial, X0, norm);
            for (Index b = 0; b < X0.cols(); ++b)
                if (!outcome.fooled[std::size_t(b)])
                    CHECK(d(b) == 0.0); // unfooled images are reported clean
            Matrix random = X0 + PgdAttack::randomOffsets(12, 20, eps, norm, 4);
            CHECK(PerturbationBall::distances(random, X0, norm).maxCoeff() <= eps * (1 + 1e-5));
            PerturbationBall::project(random, X0, eps, norm);
            requireInsideBall(random, X0, eps, norm);
        }
    }
    const AttackOutcome ddn = DdnAttack({}).run(model, X0, labels);
    CHECK(ddn.adversarial.minCoeff() >= 0.0f);
    CHECK(ddn.adversarial.maxCoeff() <= 1.0f);
}

TEST_CASE("PGD and FGSM at eps = 0 change nothing", "[robust][attack]")
{
    const auto set = smallSet(true);
    const SetErrorDecision model(set);
    const Matrix X0 = randomImages(12, 8, 5);
    const std::vector<int> labels{0, 1, 2, 0, 1, 2, 0, 1};
    for (const AttackNorm norm : {AttackNorm::Linf, AttackNorm::L2}) {
        PgdAttack::Settings settings;
        settings.norm = norm;
        settings.eps = 0;
        settings.restarts = 2;
        const AttackOutcome pgd = PgdAttack(settings).run(model, X0, labels);
        CHECK((pgd.adversarial - X0).cwiseAbs().maxCoeff() == 0.0f);
        const AttackOutcome fgsm = Fgsm::run(model, X0, labels, 0.0, norm);
        CHECK((fgsm.adversarial - X0).cwiseAbs().maxCoeff() == 0.0f);
        // Fooled at eps = 0 means misclassified to begin with.
        const std::vector<int> decisions = model.decide(X0);
        for (std::size_t b = 0; b < labels.size(); ++b)
            CHECK(pgd.fooled[b] == (decisions[b] != labels[b]));
    }
}

TEST_CASE("on a small trained set, accuracy under PGD falls as eps grows", "[robust][attack]")
{
    const auto set = trainedBarSet();
    const SetErrorDecision model(set);
    Matrix X0;
    std::vector<int> labels;
    barTestImages(10, X0, labels);
    const std::vector<int> clean = model.decide(X0);
    REQUIRE(clean == labels); // the set has learnt the bars
    for (const AttackNorm norm : {AttackNorm::Linf, AttackNorm::L2}) {
        INFO(attackNormName(norm));
        const std::vector<double> eps = norm == AttackNorm::Linf ? std::vector<double>{0, 0.1, 0.3, 0.6}
                                                                  : std::vector<double>{0, 0.3, 1.0, 2.5};
        std::vector<double> accuracy;
        for (const double e : eps) {
            PgdAttack::Settings settings;
            settings.norm = norm;
            settings.eps = e;
            settings.steps = 30;
            accuracy.push_back(PgdAttack(settings).run(model, X0, labels).survivingShare());
        }
        INFO("accuracies " << accuracy[0] << " " << accuracy[1] << " " << accuracy[2] << " " << accuracy[3]);
        CHECK(accuracy.front() == 1.0);
        for (std::size_t k = 1; k < accuracy.size(); ++k)
            CHECK(accuracy[k] <= accuracy[k - 1]);
        CHECK(accuracy.back() < 0.5);
    }
}

TEST_CASE("the boundary attack finds adversarials of a toy linear model near the plane", "[robust][attack]")
{
    const LinearDecision model = toyLinear();
    const Matrix X0 = randomImages(16, 12, 8, 0.3f, 0.7f);
    const std::vector<int> labels = model.decide(X0);
    BoundaryAttack::Settings settings;
    settings.steps = 400;
    const AttackOutcome outcome = BoundaryAttack(settings).run(model, X0, labels);
    for (Index b = 0; b < X0.cols(); ++b) {
        INFO("image " << b << ": found " << outcome.l2(b) << ", plane at " << model.distance(X0.col(b)));
        CHECK(outcome.fooled[std::size_t(b)]);
        CHECK(model.decide(outcome.adversarial.col(b))[0] != labels[std::size_t(b)]);
        CHECK(outcome.l2(b) >= model.distance(X0.col(b)) * (1 - 1e-4));
        CHECK(outcome.l2(b) <= 1.25 * model.distance(X0.col(b)) + 1e-3);
    }
    // Gradient attacks agree: DDN gets close to the plane's distance too.
    const AttackOutcome ddn = DdnAttack({}).run(model, X0, labels);
    for (Index b = 0; b < X0.cols(); ++b) {
        CHECK(ddn.fooled[std::size_t(b)]);
        CHECK(ddn.l2(b) <= 1.1 * model.distance(X0.col(b)) + 1e-3);
    }
}
