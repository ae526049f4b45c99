#include "views/InterpretationsView.h"

#include "async/JobRunner.h"
#include "session/Session.h"
#include "widgets/PlotView.h"

#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/ImageBlend.h"
#include "latentset/experiments/SetPosterior.h"
#include "latentset/likelihood/LikelihoodModel.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Stopwatch.h"
#include "latentset/util/ThreadPool.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {
QSpinBox* indexBox(const QString& name)
{
    auto* s = new QSpinBox;
    s->setAccessibleName(name);
    s->setRange(0, 0);
    return s;
}
} // namespace

InterpretationsView::InterpretationsView(Session* session, DataProvider data, QWidget* parent)
    : QWidget(parent), session_(session), data_(std::move(data))
{
    fitter_ = new JobRunner(this, this);
    runner_ = new JobRunner(this, this);
    blendRunner_ = new JobRunner(this, this);
    refitTimer_ = new QTimer(this);
    refitTimer_->setSingleShot(true);
    refitTimer_->setInterval(2500); // longer than a training's 2 s between snapshots
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(buildControls());
    pages_ = new QStackedWidget;
    message_ = new QLabel;
    message_->setAccessibleName(tr("Interpretations message"));
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    message_->setStyleSheet("QLabel { font-size: 15px; color: #444; padding: 40px; }");
    pages_->addWidget(message_);
    pages_->addWidget(buildContent());
    outer->addWidget(pages_, 1);
    status_ = new QLabel;
    status_->setAccessibleName(tr("Interpretations status"));
    status_->setWordWrap(true);
    outer->addWidget(status_);

    connect(refitTimer_, &QTimer::timeout, this, &InterpretationsView::refit);
    connect(session_, &Session::classSetChanged, this, &InterpretationsView::classSetChanged);
    connect(session_, &Session::classLikelihoodChanged, this, [this] {
        fittedFor_ = nullptr; // the saved constants replace (or no longer back) the posterior
        classSetChanged();
    });
    const auto samplesChanged = [this] {
        const int n = session_->samples() ? int(session_->samples()->size()) : 0;
        for (QSpinBox* s : {index_, indexA_, indexB_})
            s->setRange(0, std::max(0, n - 1));
        if (const auto samples = session_->samples();
            samples && n >= 2 && samples->label(indexA_->value()) == samples->label(indexB_->value())) {
            // A blend starts from two digits of different classes: b = the
            // first test digit after a of another class.
            const QSignalBlocker block(indexB_);
            for (int i = indexA_->value() + 1; i < n; ++i)
                if (samples->label(i) != samples->label(indexA_->value())) {
                    indexB_->setValue(i);
                    break;
                }
        }
        // New data may be the training data a waiting fit needs (a model
        // opened before its dataset).
        if (session_->classSet() && session_->classSet() != fittedFor_ && isVisible())
            refitTimer_->start();
        inputChanged();
    };
    connect(session_, &Session::samplesChanged, this, samplesChanged);
    connect(session_, &Session::drawnGlyphsChanged, this, &InterpretationsView::rebuildDrawn);
    for (JobRunner* r : {fitter_, runner_, blendRunner_})
        connect(r, &JobRunner::failed, this, [this, r](const QString& m) {
            if (r == fitter_)
                fitting_ = false;
            status_->setText(tr("Cannot compute the interpretations: %1").arg(m));
        });
    samplesChanged(); // the ranges of what the session holds now
    rebuildDrawn();
    updateKindControls();
    classSetChanged();
}

InterpretationsView::~InterpretationsView() = default;

QWidget* InterpretationsView::buildControls()
{
    auto* bar = new QWidget;
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    kind_ = new QComboBox;
    kind_->setAccessibleName(tr("Input kind"));
    kind_->addItem(tr("Test digit"), int(Kind::TestDigit));
    kind_->addItem(tr("Blend of two test digits"), int(Kind::Blend));
    kind_->addItem(tr("Glyph drawn on the pad"), int(Kind::Drawn));
    row->addWidget(new QLabel(tr("Input")));
    row->addWidget(kind_);
    index_ = indexBox(tr("Test digit index"));
    prev_ = new QPushButton(tr("◀"));
    prev_->setAccessibleName(tr("Previous test digit"));
    next_ = new QPushButton(tr("▶"));
    next_->setAccessibleName(tr("Next test digit"));
    for (QPushButton* b : {prev_, next_})
        b->setFixedWidth(32);
    digitControls_ = {prev_, index_, next_};
    indexA_ = indexBox(tr("Blend: first digit's index"));
    indexB_ = indexBox(tr("Blend: second digit's index"));
    indexB_->setValue(1);
    weight_ = new QSlider(Qt::Horizontal);
    weight_->setAccessibleName(tr("Blend weight"));
    weight_->setRange(0, 100);
    weight_->setValue(50);
    weight_->setMinimumWidth(160);
    weightLabel_ = new QLabel;
    weightLabel_->setMinimumWidth(70);
    auto* aLabel = new QLabel(tr("a"));
    auto* bLabel = new QLabel(tr("b"));
    blendControls_ = {aLabel, indexA_, bLabel, indexB_, weight_, weightLabel_};
    drawn_ = new QComboBox;
    drawn_->setAccessibleName(tr("Drawn glyph"));
    drawn_->setMinimumWidth(140);
    drawnControls_ = {drawn_};
    for (QWidget* w : digitControls_ + blendControls_ + drawnControls_)
        row->addWidget(w);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Top")));
    top_ = new QSpinBox;
    top_->setAccessibleName(tr("Interpretations listed"));
    top_->setRange(3, 5);
    top_->setValue(5);
    row->addWidget(top_);
    row->addStretch();
    auto* png = new QPushButton(tr("Export PNG…"));
    auto* csv = new QPushButton(tr("Export CSV…"));
    row->addWidget(png);
    row->addWidget(csv);
    connect(png, &QPushButton::clicked, this, [this] { exportDialog(true); });
    connect(csv, &QPushButton::clicked, this, [this] { exportDialog(false); });
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        updateKindControls();
        inputChanged();
    });
    connect(prev_, &QPushButton::clicked, this, [this] { index_->setValue(index_->value() - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { index_->setValue(index_->value() + 1); });
    for (QSpinBox* s : {index_, indexA_, indexB_})
        connect(s, &QSpinBox::valueChanged, this, &InterpretationsView::inputChanged);
    connect(weight_, &QSlider::valueChanged, this, &InterpretationsView::inputChanged);
    connect(drawn_, &QComboBox::currentIndexChanged, this, &InterpretationsView::inputChanged);
    connect(top_, &QSpinBox::valueChanged, this, [this] {
        if (reading_)
            showReading(reading_);
    });
    return bar;
}

QWidget* InterpretationsView::buildContent()
{
    content_ = new QWidget;
    content_->setAutoFillBackground(true);
    auto* grid = new QGridLayout(content_);
    auto* inputBox = new QVBoxLayout;
    inputImage_ = new QLabel;
    inputImage_->setAccessibleName(tr("The input"));
    inputImage_->setFixedSize(168, 168);
    inputImage_->setAlignment(Qt::AlignCenter);
    inputImage_->setStyleSheet("QLabel { border: 1px solid #888; background: black; }");
    inputCaption_ = new QLabel;
    inputCaption_->setWordWrap(true);
    inputCaption_->setFixedWidth(168);
    inputBox->addWidget(new QLabel(tr("<b>Input</b>")));
    inputBox->addWidget(inputImage_);
    inputBox->addWidget(inputCaption_);
    inputBox->addStretch();
    grid->addLayout(inputBox, 0, 0, 2, 1);
    auto* topBox = new QVBoxLayout;
    topBox->addWidget(new QLabel(tr("<b>Top interpretations</b> (posterior, eq. 5)")));
    topGrid_ = new QGridLayout;
    topGrid_->setHorizontalSpacing(12);
    topBox->addLayout(topGrid_);
    topBox->addStretch();
    grid->addLayout(topBox, 0, 1);
    blendPlot_ = new PlotView;
    blendPlot_->setTitle(tr("Posterior of the two source classes along the blend"));
    blendPlot_->setAxisLabels(tr("blend weight w: (1 - w) a + w b"), tr("posterior"));
    blendPlot_->setYRange(0, 1);
    blendPlot_->setLegendVisible(true);
    blendPlot_->setMinimumSize(420, 240);
    grid->addWidget(blendPlot_, 0, 2);
    auto* membersBox = new QVBoxLayout;
    membersBox->addWidget(new QLabel(tr("<b>Every member's reconstruction</b> (calibrated score · squared error)")));
    membersGrid_ = new QGridLayout;
    membersGrid_->setHorizontalSpacing(6);
    membersBox->addLayout(membersGrid_);
    membersBox->addStretch();
    grid->addLayout(membersBox, 1, 1, 1, 2);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(1, 1);
    return content_;
}

void InterpretationsView::updateKindControls()
{
    const Kind k = kind();
    for (QWidget* w : digitControls_)
        w->setVisible(k == Kind::TestDigit);
    for (QWidget* w : blendControls_)
        w->setVisible(k == Kind::Blend);
    for (QWidget* w : drawnControls_)
        w->setVisible(k == Kind::Drawn);
    blendPlot_->setVisible(k == Kind::Blend);
    weightLabel_->setText(tr("w = %1").arg(weight_->value() / 100.0, 0, 'f', 2));
}

InterpretationsView::Kind InterpretationsView::kind() const { return Kind(kind_->currentData().toInt()); }

void InterpretationsView::setKind(Kind kind) { kind_->setCurrentIndex(kind_->findData(int(kind))); }

void InterpretationsView::setSampleIndex(int index) { index_->setValue(index); }

void InterpretationsView::setBlend(int indexA, int indexB, double weight)
{
    const QSignalBlocker a(indexA_), b(indexB_), w(weight_);
    indexA_->setValue(indexA);
    indexB_->setValue(indexB);
    weight_->setValue(int(std::lround(100 * weight)));
    updateKindControls();
    inputChanged();
}

void InterpretationsView::selectDrawn(int index) { drawn_->setCurrentIndex(index); }

void InterpretationsView::setTopCount(int count) { top_->setValue(count); }

void InterpretationsView::rebuildDrawn()
{
    const QSignalBlocker block(drawn_);
    const int keep = drawn_->currentIndex();
    drawn_->clear();
    const auto& glyphs = session_->drawnGlyphs();
    for (int k = 0; k < glyphs.size(); ++k)
        drawn_->addItem(glyphs[k].name.isEmpty() ? tr("glyph %1").arg(k + 1) : glyphs[k].name);
    drawn_->setCurrentIndex(keep >= 0 && keep < glyphs.size() ? keep : glyphs.size() - 1);
    if (kind() == Kind::Drawn)
        inputChanged();
}

// ---- the posterior ---------------------------------------------------------

void InterpretationsView::classSetChanged()
{
    if (!session_->classSet()) {
        posterior_.reset();
        fittedFor_.reset();
        showMessage(tr("No class set in this session. Train one (Training → Class set) or open a class-set model "
                       "(File → Open): this view then shows the set's readings of a test digit, a blend of two or a "
                       "glyph drawn on the pad."));
        return;
    }
    if (session_->classSet() == fittedFor_)
        return;
    if (isVisible())
        refitTimer_->start();
    if (!posterior_)
        showMessage(tr("Fitting the posterior for the class set (sigma, p(z) and eq. 5's constants)…"));
}

void InterpretationsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (session_->classSet() && session_->classSet() != fittedFor_ && !fitting_)
        refit();
}

void InterpretationsView::refit()
{
    refitTimer_->stop();
    const auto set = session_->classSet();
    const auto data = data_ ? data_() : nullptr;
    if (!set)
        return;
    if (const auto saved = session_->classLikelihood(); saved && !saved->calibration().isEmpty()) {
        // The likelihood model saved with the set (latentset-cli likelihood --save, or a
        // project): its eq. 5 constants as they are, nothing to fit.
        fitting_ = true;
        fittedFor_ = set;
        fitter_->submit([this, set, saved]() -> JobRunner::Continuation {
            auto posterior = std::make_shared<const latentset::SetPosterior>(set, saved); // throws if it does not fit
            return [this, posterior] {
                fitting_ = false;
                if (posterior->setPtr() != session_->classSet())
                    return;
                posterior_ = posterior;
                status_->setText(tr("posterior from the likelihood model saved with the set (eq. 5's constants as "
                                    "fitted then), temperature %1")
                                     .arg(posterior->temperature(), 0, 'f', 2));
                inputChanged();
            };
        });
        return;
    }
    if (!data || data->train.empty()) {
        showMessage(tr("The posterior is fitted on the class set's training data: load its dataset in the Training "
                       "view (Class set), then come back."));
        return;
    }
    fitting_ = true;
    fittedFor_ = set;
    status_->setText(tr("fitting the posterior for the set (sigma and p(z) on %1 training images per class, eq. 5's "
                        "constants on %2)…")
                         .arg(kFitPerClass)
                         .arg(data->validation.empty() ? tr("%1 training images per class").arg(kCalibrationPerClass)
                                                       : tr("%1 validation images").arg(kHeldOut)));
    fitter_->submit([this, set, data]() -> JobRunner::Continuation {
        latentset::SetPosterior::FitOptions options;
        options.trainPerClass = kFitPerClass;
        options.heldOut = kHeldOut;
        options.calibrationPerClass = kCalibrationPerClass;
        latentset::ThreadPool pool;
        const latentset::Stopwatch clock;
        auto posterior = latentset::SetPosterior::fitOn(set, *data, options, &pool);
        const double seconds = clock.seconds();
        return [this, posterior, seconds] {
            fitting_ = false;
            if (posterior->setPtr() != session_->classSet())
                return; // a newer set came meanwhile; its own fit follows
            if (const auto saved = session_->classLikelihood(); saved && !saved->calibration().isEmpty())
                return; // a saved likelihood model came meanwhile: its posterior wins
            posterior_ = posterior;
            status_->setText(tr("posterior fitted in %1 s: eq. 5's constants on %2 %3 images, temperature %4")
                                 .arg(seconds, 0, 'f', 1)
                                 .arg(posterior->calibrationImages())
                                 .arg(posterior->calibratedOnHeldOut() ? tr("held-out") : tr("training"))
                                 .arg(posterior->temperature(), 0, 'f', 2));
            inputChanged();
        };
    });
}

// ---- the input -------------------------------------------------------------

latentset::Vector InterpretationsView::currentInput(QString& name, QString& why) const
{
    const auto samples = session_->samples();
    const latentset::Index n = posterior_ ? posterior_->inputSize() : 0;
    switch (kind()) {
    case Kind::TestDigit: {
        if (!samples || samples->empty()) {
            why = tr("No test digits in the session: load a dataset (Dataset or Training view).");
            return {};
        }
        const int i = std::min(index_->value(), int(samples->size()) - 1);
        name = tr("test digit #%1 (class %2)").arg(i).arg(className(samples->label(i)));
        return samples->imageVector(i);
    }
    case Kind::Blend: {
        if (!samples || samples->size() < 2) {
            why = tr("A blend needs two test digits: load a dataset (Dataset or Training view).");
            return {};
        }
        const int a = std::min(indexA_->value(), int(samples->size()) - 1);
        const int b = std::min(indexB_->value(), int(samples->size()) - 1);
        if (samples->label(a) == samples->label(b)) {
            why = tr("Test digits #%1 and #%2 are both of class %3: pick two digits of different classes.")
                      .arg(a)
                      .arg(b)
                      .arg(className(samples->label(a)));
            return {};
        }
        const double w = weight_->value() / 100.0;
        name = tr("blend (1 - w) a + w b, w = %1, of #%2 (class %3) and #%4 (class %5)")
                   .arg(w, 0, 'f', 2)
                   .arg(a)
                   .arg(className(samples->label(a)))
                   .arg(b)
                   .arg(className(samples->label(b)));
        return latentset::ImageBlend::mix(samples->imageVector(a), samples->imageVector(b), w);
    }
    case Kind::Drawn: {
        const auto& glyphs = session_->drawnGlyphs();
        const int k = drawn_->currentIndex();
        if (k < 0 || k >= glyphs.size()) {
            why = tr("No glyph drawn yet: draw one on the Glyph pad and keep it (Keep glyph).");
            return {};
        }
        if (n > 0 && glyphs[k].pixels.size() != n) {
            why = tr("The drawn glyph \"%1\" has %2 values; the set's members take %3 (%4): it is refused.")
                      .arg(drawn_->currentText())
                      .arg(glyphs[k].pixels.size())
                      .arg(n)
                      .arg(n == 784 ? tr("28 × 28") : tr("the dataset's images"));
            return {};
        }
        name = tr("drawn glyph \"%1\"").arg(drawn_->currentText());
        return glyphs[k].pixels;
    }
    }
    return {};
}

void InterpretationsView::inputChanged()
{
    weightLabel_->setText(tr("w = %1").arg(weight_->value() / 100.0, 0, 'f', 2));
    if (!session_->classSet() || !posterior_)
        return;
    QString name, why;
    const latentset::Vector x = currentInput(name, why);
    if (x.size() == 0) {
        showMessage(why);
        return;
    }
    if (x.size() != posterior_->inputSize()) {
        showMessage(tr("This input has %1 pixels; the set's members take %2: it is refused.")
                        .arg(x.size())
                        .arg(posterior_->inputSize()));
        return;
    }
    input_ = x;
    inputName_ = name;
    evaluate();
    if (kind() == Kind::Blend)
        evaluateBlend();
}

void InterpretationsView::evaluate()
{
    const auto posterior = posterior_;
    const latentset::Vector x = input_;
    runner_->submit([this, posterior, x]() -> JobRunner::Continuation {
        auto reading = std::make_shared<const latentset::Interpretation>(posterior->interpret(x));
        return [this, posterior, reading] {
            if (posterior == posterior_)
                showReading(reading);
        };
    });
}

void InterpretationsView::evaluateBlend()
{
    const auto samples = session_->samples();
    const int a = indexA_->value(), b = indexB_->value();
    const int classA = samples->label(a), classB = samples->label(b);
    if (blendPosterior_.cols() == kBlendPoints && blendA_ == classA && blendB_ == classB
        && blendPlot_->property("pair").toString() == QString("%1/%2").arg(a).arg(b))
        return showBlendCurve(blendPosterior_, classA, classB); // the marker moves; the curve is known
    const auto posterior = posterior_;
    const latentset::Vector va = samples->imageVector(a), vb = samples->imageVector(b);
    blendRunner_->submit([this, posterior, va, vb, a, b, classA, classB]() -> JobRunner::Continuation {
        std::vector<double> w;
        for (int k = 0; k < kBlendPoints; ++k)
            w.push_back(double(k) / (kBlendPoints - 1));
        latentset::ThreadPool pool(1);
        const Eigen::MatrixXd along = posterior->posteriorAlongBlend(va, vb, w, &pool);
        return [this, posterior, along, a, b, classA, classB] {
            if (posterior != posterior_)
                return;
            blendPlot_->setProperty("pair", QString("%1/%2").arg(a).arg(b));
            showBlendCurve(along, classA, classB);
        };
    });
}

QString InterpretationsView::className(int c) const
{
    const QStringList names = session_->classNames();
    return c >= 0 && c < names.size() && !names[c].isEmpty() ? names[c] : QString::number(c);
}

QString InterpretationsView::statusText() const { return status_->text(); }
