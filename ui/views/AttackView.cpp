#include "views/AttackView.h"

#include "async/JobRunner.h"
#include "async/QueuedReport.h"
#include "session/Session.h"
#include "views/MlpBaselineBar.h"
#include "widgets/PlotView.h"

#include "latentset/data/Dataset.h"
#include "latentset/experiments/ImageAttackExperiment.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>

using namespace latentset;

namespace {

constexpr int kSliderSteps = 300;

// The attack's model calls as (done, total), throttled to the GUI.
class AttackReport : public ExperimentObserver {
public:
    explicit AttackReport(QueuedReport report) : report_(std::move(report)) {}
    void progress(const std::string&, const TrainerProgress& p) override
    {
        report_.post(int(p.batch), int(p.batchesPerEpoch));
    }

private:
    QueuedReport report_;
};

void setItemEnabled(QComboBox* box, const QString& data, bool enabled, const QString& tip)
{
    auto* model = qobject_cast<QStandardItemModel*>(box->model());
    const int i = box->findData(data);
    if (!model || i < 0)
        return;
    model->item(i)->setEnabled(enabled);
    model->item(i)->setToolTip(enabled ? QString() : tip);
    if (!enabled && box->currentIndex() == i)
        box->setCurrentIndex(0);
}

} // namespace

AttackView::AttackView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    auto* layout = new QVBoxLayout(this);
    stack_ = new QStackedWidget(this);
    message_ = new QLabel(this);
    message_->setObjectName("attack-message");
    message_->setAlignment(Qt::AlignCenter);
    message_->setWordWrap(true);
    message_->setText(tr("<h3>No class set in this session</h3>"
                         "<p>The attack view attacks a class set (and its MLP baseline) on one image.<br>"
                         "Open a model file written by <tt>latentset-cli mnist --save</tt> (File &gt; Open), a "
                         "project with a class set, or train one in the Training view.</p>"));
    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    mlpBar_ = new MlpBaselineBar(session_, page);
    pageLayout->addWidget(buildControls());
    pageLayout->addWidget(mlpBar_);
    pageLayout->addWidget(buildPanel(), 1);
    stack_->addWidget(message_);
    stack_->addWidget(page);
    layout->addWidget(stack_, 1);

    connect(runner_, &JobRunner::failed, this, [this](const QString& message) {
        finishRun();
        status_->setText(tr("Attack failed: %1").arg(message));
    });
    connect(mlpBar_, &MlpBaselineBar::finished, this, [this](bool) { status_->setText(mlpBar_->statusText()); });
    connect(session_, &Session::classSetChanged, this, &AttackView::updateModels);
    connect(session_, &Session::mlpBaselineChanged, this, &AttackView::updateModels);
    connect(session_, &Session::classLikelihoodChanged, this, &AttackView::updateModels);
    connect(session_, &Session::samplesChanged, this, &AttackView::updateInput);
    connect(session_, &Session::drawnGlyphsChanged, this, &AttackView::updateInput);
    updateModels();
    updateInput();
}

AttackView::~AttackView()
{
    if (stop_)
        stop_->request_stop(); // the runner's destructor waits for the job
}

void AttackView::setTrainingData(std::function<std::shared_ptr<const DatasetSplits>()> provider)
{
    mlpBar_->setDataProvider(std::move(provider));
}

QWidget* AttackView::buildControls()
{
    auto* box = new QWidget(this);
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    inputKind_ = new QComboBox(box);
    inputKind_->addItem(tr("test digit"), "sample");
    inputKind_->addItem(tr("drawn glyph"), "drawn");
    digit_ = new QSpinBox(box);
    digit_->setObjectName("digit");
    digit_->setMinimumWidth(80);
    prev_ = new QPushButton(tr("◀"), box);
    next_ = new QPushButton(tr("▶"), box);
    prev_->setToolTip(tr("Previous test digit"));
    next_->setToolTip(tr("Next test digit"));
    for (QPushButton* b : {prev_, next_})
        b->setMaximumWidth(32);
    glyph_ = new QComboBox(box);
    glyph_->setMinimumContentsLength(10);
    inputLabel_ = new QLabel(box);
    norm_ = new QComboBox(box);
    norm_->addItem(tr("L∞"), "linf");
    norm_->addItem(tr("L2"), "l2");
    epsSlider_ = new QSlider(Qt::Horizontal, box);
    epsSlider_->setRange(0, kSliderSteps);
    epsSlider_->setMinimumWidth(160);
    eps_ = new QDoubleSpinBox(box);
    eps_->setObjectName("eps");
    attack_ = new QComboBox(box);
    attack_->addItem(tr("PGD"), "pgd");
    attack_->addItem(tr("FGSM"), "fgsm");
    attack_->addItem(tr("DDN (minimal L2)"), "ddn");
    attack_->addItem(tr("boundary (decisions only)"), "boundary");
    attack_->setToolTip(tr("FGSM and PGD stay within eps; DDN and the boundary attack look for the smallest "
                           "adversarial, and the view says whether it lies within eps."));
    target_ = new QComboBox(box);
    target_->addItem(tr("class set"), "set");
    target_->addItem(tr("MLP baseline"), "mlp");
    rule_ = new QComboBox(box);
    rule_->addItem(tr("squared error"), "sse");
    rule_->addItem(tr("eq. 4"), "eq4");
    rule_->addItem(tr("eq. 5"), "eq5");
    rule_->setToolTip(tr("The class set's decision rule, attacked and shown"));
    run_ = new QPushButton(tr("Run"), box);
    run_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"), box);
    cancel_->setEnabled(false);
    progress_ = new QProgressBar(box);
    progress_->setMaximumWidth(200);
    progress_->hide();

    auto* inputRow = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{new QLabel(tr("Input"), box), inputKind_, prev_, digit_, next_,
                                                      glyph_, inputLabel_})
        inputRow->addWidget(w);
    inputRow->addStretch(1);
    auto* attackRow = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{new QLabel(tr("Norm"), box), norm_, new QLabel(tr("ε"), box),
                                                      epsSlider_, eps_, new QLabel(tr("Attack"), box), attack_,
                                                      new QLabel(tr("Attacked model"), box), target_,
                                                      new QLabel(tr("Set rule"), box), rule_, run_, cancel_, progress_})
        attackRow->addWidget(w);
    attackRow->addStretch(1);
    column->addLayout(inputRow);
    column->addLayout(attackRow);

    connectControls();
    normChanged();
    return box;
}

void AttackView::connectControls()
{
    connect(inputKind_, &QComboBox::currentIndexChanged, this, &AttackView::updateInput);
    connect(digit_, &QSpinBox::valueChanged, this, &AttackView::updateInput);
    connect(glyph_, &QComboBox::currentIndexChanged, this, &AttackView::updateInput);
    connect(prev_, &QPushButton::clicked, this, [this] { digit_->setValue(digit_->value() - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { digit_->setValue(digit_->value() + 1); });
    connect(norm_, &QComboBox::currentIndexChanged, this, &AttackView::normChanged);
    connect(epsSlider_, &QSlider::valueChanged, this, [this](int v) {
        const QSignalBlocker block(eps_);
        eps_->setValue(ImageAttackSettings::maxEps(settings().norm) * v / kSliderSteps);
    });
    connect(eps_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(epsSlider_);
        epsSlider_->setValue(int(std::lround(v / ImageAttackSettings::maxEps(settings().norm) * kSliderSteps)));
    });
    connect(run_, &QPushButton::clicked, this, &AttackView::run);
    connect(cancel_, &QPushButton::clicked, this, &AttackView::cancel);
}

void AttackView::normChanged()
{
    const AttackNorm norm = settings().norm;
    const QSignalBlocker block(eps_);
    eps_->setDecimals(norm == AttackNorm::Linf ? 3 : 2);
    eps_->setSingleStep(norm == AttackNorm::Linf ? 0.005 : 0.05);
    eps_->setRange(0, ImageAttackSettings::maxEps(norm));
    eps_->setValue(norm == AttackNorm::Linf ? 0.1 : 1.5);
    const QSignalBlocker blockSlider(epsSlider_);
    epsSlider_->setValue(int(std::lround(eps_->value() / ImageAttackSettings::maxEps(norm) * kSliderSteps)));
}

void AttackView::updateModels()
{
    const auto set = session_->classSet();
    stack_->setCurrentIndex(set ? 1 : 0);
    const auto likelihood = session_->classLikelihood();
    if (scorerSet_ != set || scorerLikelihood_ != likelihood) { // it holds the old models: let them go
        scorer_.reset();
        scorerSet_.reset();
        scorerLikelihood_.reset();
    }
    const QString noLikelihood = tr("Needs the set's likelihood model: open a file saved by latentset-cli likelihood --save");
    setItemEnabled(rule_, "eq4", bool(likelihood), noLikelihood);
    setItemEnabled(rule_, "eq5", likelihood && !likelihood->calibration().isEmpty(),
                   likelihood ? tr("The likelihood model has no eq. 5 calibration") : noLikelihood);
    setItemEnabled(target_, "mlp", bool(session_->mlpBaseline()), tr("No MLP baseline: train one (below) or open a model file with one"));
    if (result_ && !running())
        clearResult(tr("The models changed: Run again."));
    run_->setEnabled(set && !running());
    if (set && !result_ && !running())
        status_->setText(tr("Choose an input, the norm, eps and the attack, then Run."));
    maybeAutoRun();
}

void AttackView::updateInput()
{
    const bool drawn = inputKind_->currentData().toString() == "drawn";
    const auto samples = session_->samples();
    {
        const QSignalBlocker block(digit_);
        digit_->setRange(0, samples ? std::max<int>(0, int(samples->size()) - 1) : 0);
    }
    const QSignalBlocker block(glyph_);
    const QString keep = glyph_->currentText();
    glyph_->clear();
    for (const Session::DrawnGlyph& g : session_->drawnGlyphs())
        glyph_->addItem(g.name);
    glyph_->setCurrentIndex(std::max(0, glyph_->findText(keep)));
    for (QWidget* w : std::initializer_list<QWidget*>{digit_, prev_, next_})
        w->setVisible(!drawn);
    glyph_->setVisible(drawn);
    int label = -1;
    QString name;
    const Vector x = inputImage(&label, &name);
    if (x.size() == 0)
        inputLabel_->setText(drawn ? tr("No drawn glyph: draw one in the Pad view.")
                                   : tr("No test images: load the dataset (Data view)."));
    else
        inputLabel_->setText(label >= 0 ? tr("label %1").arg(className(label))
                                        : tr("no label: attacked away from the model's own decision"));
    if (x.size() && !running() && (!result_ || name != resultInput_)) {
        // A new input: show it clean until it is attacked.
        clean_->setPixmap(QPixmap());
        if (result_)
            clearResult(tr("A new input: Run attacks it."));
        showImages();
    }
    maybeAutoRun();
}

Vector AttackView::inputImage(int* label, QString* name) const
{
    *label = -1;
    if (inputKind_->currentData().toString() == "drawn") {
        const int i = glyph_->currentIndex();
        const auto& glyphs = session_->drawnGlyphs();
        if (i < 0 || i >= glyphs.size())
            return {};
        *name = tr("drawn glyph %1").arg(glyphs[i].name);
        return glyphs[i].pixels;
    }
    const auto samples = session_->samples();
    if (!samples || samples->empty())
        return {};
    const int i = digit_->value();
    *label = samples->label(i);
    *name = tr("test digit %1").arg(i);
    return samples->range(i, 1).col(0);
}

void AttackView::setTestDigit(int index)
{
    inputKind_->setCurrentIndex(inputKind_->findData("sample"));
    digit_->setValue(index);
}

bool AttackView::setDrawnGlyph(int index)
{
    if (index < 0 || index >= glyph_->count())
        return false;
    inputKind_->setCurrentIndex(inputKind_->findData("drawn"));
    glyph_->setCurrentIndex(index);
    return true;
}

int AttackView::testDigit() const { return digit_->value(); }

ImageAttackSettings AttackView::settings() const
{
    ImageAttackSettings s;
    s.norm = norm_->currentData().toString() == "l2" ? AttackNorm::L2 : AttackNorm::Linf;
    s.eps = eps_ ? eps_->value() : s.eps;
    s.attack = attack_->currentData().toString().toStdString();
    s.target = target_->currentData().toString().toStdString();
    s.setDecision = rule_->currentData().toString().toStdString();
    return s;
}

void AttackView::setSettings(const ImageAttackSettings& s)
{
    norm_->setCurrentIndex(std::max(0, norm_->findData(QString::fromStdString(attackNormName(s.norm)))));
    eps_->setValue(s.eps);
    attack_->setCurrentIndex(std::max(0, attack_->findData(QString::fromStdString(s.attack))));
    for (auto [box, value] : {std::pair{target_, s.target}, std::pair{rule_, s.setDecision}}) {
        const int i = box->findData(QString::fromStdString(value));
        auto* model = qobject_cast<QStandardItemModel*>(box->model());
        if (i >= 0 && model && model->item(i)->isEnabled())
            box->setCurrentIndex(i);
    }
}

bool AttackView::running() const { return runner_->busy(); }

bool AttackView::panelShown() const { return stack_->currentIndex() == 1; }

QString AttackView::messageText() const { return panelShown() ? QString() : message_->text(); }

void AttackView::run()
{
    ImageAttackExperiment::Models models{session_->classSet(), session_->mlpBaseline(), session_->classLikelihood()};
    int label = -1;
    QString name;
    const Vector x = inputImage(&label, &name);
    if (!models.set || x.size() == 0)
        return;
    autoRun_ = false;
    const ImageAttackSettings s = settings();
    if (stop_)
        stop_->request_stop(); // a run under way stops at its next model call...
    runner_->discardRunning(); // ...and its result is not shown: this one is
    stop_ = std::make_shared<std::stop_source>();
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setRange(0, 0);
    progress_->show();
    status_->setText(tr("Attacking %1…").arg(name));
    QPointer<QObject> self(this);
    QueuedReport report(self, [this](int done, int total) { showProgress(done, total); });
    const auto scorer = scorerSet_ == models.set && scorerLikelihood_ == models.likelihood ? scorer_ : nullptr;
    runner_->submit([this, models, x, label, s, name, report, scorer, stop = stop_]() -> JobRunner::Continuation {
        ImageAttackExperiment experiment(s, models, x, label);
        experiment.setAnomalyScorer(scorer);
        AttackReport observer(report);
        auto result = std::make_shared<const ImageAttackResult>(experiment.run(&observer, stop->get_token()));
        return [this, result, s, name, models, used = experiment.usedAnomalyScorer()] {
            if (used && models.set == session_->classSet() && models.likelihood == session_->classLikelihood()) {
                scorer_ = used;
                scorerSet_ = models.set;
                scorerLikelihood_ = models.likelihood;
            }
            resultSettings_ = s;
            resultInput_ = name;
            showResult(result);
        };
    });
}

void AttackView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    maybeAutoRun();
}

void AttackView::maybeAutoRun()
{
    int label = -1;
    QString name;
    if (autoRun_ && isVisible() && !result_ && !running() && session_->classSet() &&
        inputImage(&label, &name).size() > 0)
        run(); // clears autoRun_
}

void AttackView::cancel()
{
    if (stop_)
        stop_->request_stop();
    status_->setText(tr("Stopping…"));
}

void AttackView::showProgress(int done, int total)
{
    if (!running())
        return; // a late report of a run already shown
    progress_->setRange(0, std::max(1, total));
    progress_->setValue(done);
}

void AttackView::finishRun()
{
    run_->setEnabled(bool(session_->classSet()));
    cancel_->setEnabled(false);
    progress_->hide();
}
