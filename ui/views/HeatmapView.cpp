#include "views/HeatmapView.h"

#include "widgets/ClassScoreBars.h"
#include "widgets/ColorMapView.h"
#include "widgets/ColorScaleControl.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "widgets/GlyphPicker.h"
#include "image/ImageConvert.h"
#include "async/JobRunner.h"
#include "session/Session.h"

#include "latentset/concept/ContextLikelihoodMap.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ConfusionMatrix.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/data/Dataset.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace {
constexpr int kThumb = 192;
}

// What one evaluation's worker computed (empty vectors: no cube world, or no
// class set of the glyph's size); `shown` = the member whose reconstruction it is.
struct HeatmapView::Evaluation {
    latentset::Vector frame, values, recon, scores;
    std::array<int, 3> faces{-1, -1, -1};
    int shown = -1;
};

// The layout is built top to bottom, as the view reads (controls, input and
// reconstruction, map and its scale, class scores and confusion), with each
// control's tooltip beside it.
HeatmapView::HeatmapView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    confusionRunner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    outer->addLayout(buildControls());
    auto* body = new QHBoxLayout;
    body->addLayout(buildInputColumn());
    body->addLayout(buildMapColumn(), 3);
    body->addLayout(buildClassColumn(), 2);
    outer->addLayout(body, 1);
    connectSignals();
    evaluate();
    updateConfusion();
}

// The glyph picker, the angle slider and Export PNG.
QHBoxLayout* HeatmapView::buildControls()
{
    auto* controls = new QHBoxLayout;
    picker_ = new GlyphPicker(session_);
    picker_->setToolTip(tr("The glyph painted on every face of the rendered cube: a dataset sample, a built-in "
                           "glyph or one drawn on the pad."));
    controls->addWidget(new QLabel(tr("Glyph on the faces:")));
    controls->addWidget(picker_);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Cube turn θ:")));
    angle_ = new QSlider(Qt::Horizontal);
    angle_->setAccessibleName(tr("Cube angle"));
    angle_->setRange(0, 899); // tenths of a degree over [0, 90)
    angle_->setValue(300);
    angle_->setPageStep(50);
    angle_->setMinimumWidth(220);
    angle_->setToolTip(tr("Turn of the cube about its vertical axis, 0°–90°. The map is recomputed for the cube "
                          "at this angle; lock the colour scale to compare two angles."));
    controls->addWidget(angle_, 1);
    angleLabel_ = new QLabel;
    angleLabel_->setMinimumWidth(60);
    controls->addWidget(angleLabel_);
    auto* exportButton = new QPushButton(tr("Export PNG…"));
    exportButton->setAccessibleName(tr("Export the heatmap view as PNG"));
    exportButton->setToolTip(tr("Writes the whole view as PNG, with the model, glyph, angle and date as PNG text."));
    controls->addWidget(exportButton);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export heatmap view"), "heatmap.png", tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    return controls;
}

// The rendered input frame and the selected member's reconstruction.
QVBoxLayout* HeatmapView::buildInputColumn()
{
    auto* left = new QVBoxLayout;
    input_ = new QLabel;
    input_->setFixedSize(kThumb, kThumb);
    input_->setAccessibleName(tr("Input frame"));
    input_->setFrameShape(QFrame::Box);
    recon_ = new QLabel;
    recon_->setFixedSize(kThumb, kThumb);
    recon_->setAccessibleName(tr("Selected member's reconstruction"));
    recon_->setFrameShape(QFrame::Box);
    reconCaption_ = new QLabel(tr("Click a cell to see that member's reconstruction."));
    reconCaption_->setWordWrap(true);
    reconCaption_->setMaximumWidth(kThumb);
    left->addWidget(new QLabel(tr("<b>Input</b> (rendered cube)")));
    left->addWidget(input_);
    left->addWidget(new QLabel(tr("<b>Member's reconstruction</b>")));
    left->addWidget(recon_);
    left->addWidget(reconCaption_);
    left->addStretch();
    return left;
}

// The context likelihood map, its colour scale, the hovered cell and the status line.
QVBoxLayout* HeatmapView::buildMapColumn()
{
    auto* centre = new QVBoxLayout;
    map_ = new ColorMapView;
    map_->setTitle(tr("Context likelihood map (log-likelihood per masked pixel)"));
    map_->setScaleLabel(tr("log-likelihood"));
    map_->setAxisLabels(tr("context mod 10"), tr("context / 10"));
    map_->setAccessibleName(tr("Context likelihood heatmap"));
    map_->setLabelFunction([this](int c) { return cellText(c); });
    map_->setPlaceholderText(tr("The map appears here once the session has a cube world."));
    centre->addWidget(map_, 1);
    scaleControl_ = new ColorScaleControl(map_);
    centre->addWidget(scaleControl_);
    info_ = new QLabel;
    info_->setWordWrap(true);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    centre->addWidget(info_);
    status_ = new QLabel;
    status_->setWordWrap(true);
    centre->addWidget(status_);
    return centre;
}

// The glyph's class scores and the class set's confusion matrix.
QVBoxLayout* HeatmapView::buildClassColumn()
{
    bars_ = new ClassScoreBars(tr("Class scores of the glyph (−reconstruction loss)"));
    bars_->setMinimumWidth(300);
    confusion_ = new ColorMapView;
    confusion_->setTitle(tr("Confusion (rows: true class, columns: decided)"));
    confusion_->setScaleLabel(tr("images"));
    confusion_->setShowValues(true, 0);
    confusion_->setAxisLabels(tr("decided class"), tr("true class"));
    confusion_->setAccessibleName(tr("Confusion matrix of the class set"));
    confusion_->hide();
    confusion_->setToolTip(tr("How the class set decides on up to 2000 of the session's samples (smallest "
                              "reconstruction error wins), updated at most every %1 s while training.")
                               .arg(kConfusionInterval / 1000));
    map_->setFigureInfo([this] { return figureInfo(tr("Context likelihood map")); });
    bars_->setFigureInfo([this] { return figureInfo(tr("Class scores of the glyph")); });
    confusion_->setFigureInfo([this] { return figureInfo(tr("Confusion matrix")); });
    auto* classColumn = new QVBoxLayout;
    classColumn->addWidget(bars_, 1);
    classColumn->addWidget(confusion_, 1);
    return classColumn;
}

void HeatmapView::connectSignals()
{
    connect(angle_, &QSlider::valueChanged, this, &HeatmapView::evaluate);
    connect(picker_, &GlyphPicker::glyphChanged, this, &HeatmapView::evaluate);
    confusionTimer_ = new QTimer(this);
    confusionTimer_->setSingleShot(true);
    connect(confusionTimer_, &QTimer::timeout, this, &HeatmapView::requestConfusion);
    connect(session_, &Session::cubeWorldChanged, this, &HeatmapView::modelChanged);
    connect(session_, &Session::classSetChanged, this, &HeatmapView::modelChanged);
    connect(session_, &Session::classSetChanged, this, &HeatmapView::requestConfusion);
    connect(session_, &Session::samplesChanged, this, [this] {
        confusionClock_.invalidate(); // new samples: not a training tick, update at once
        requestConfusion();
    });
    connect(map_, &ColorMapView::cellHovered, this, [this](int c) { info_->setText(cellText(c)); });
    connect(map_, &ColorMapView::cellActivated, this, [this](int) { evaluate(); });
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) { status_->setText(tr("Error: %1").arg(m)); });
    connect(map_, &ColorMapView::colourRangeChanged, this, [this](double, double, bool locked) {
        // Locked, a map can reach beyond the scale: say how many cells do.
        const int outside = map_->cellsOutsideRange();
        map_->setScaleLabel(!locked        ? tr("log-likelihood")
                            : outside == 0 ? tr("log-likelihood (scale locked)")
                                           : tr("log-likelihood (locked; %n cell(s) beyond)", nullptr, outside));
    });
}

HeatmapView::~HeatmapView() = default;

void HeatmapView::modelChanged()
{
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    evaluate();
}

void HeatmapView::requestConfusion()
{
    if (!isVisible()) {
        confusionStale_ = true;
        return;
    }
    if (confusionClock_.isValid() && confusionClock_.elapsed() < kConfusionInterval) {
        // Too soon after the last one: once more when the interval is over
        // (with the newest set then), however many snapshots came meanwhile.
        if (!confusionTimer_->isActive())
            confusionTimer_->start(int(kConfusionInterval - confusionClock_.elapsed()));
        // Say that the matrix is of an older snapshot until it catches up.
        if (confusion_->isVisible() && !confusionTitle_.isEmpty())
            confusion_->setTitle(confusionTitle_ + tr(" · updating"));
        return;
    }
    confusionClock_.start();
    updateConfusion();
}

void HeatmapView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (std::exchange(stale_, false))
        evaluate();
    if (std::exchange(confusionStale_, false)) {
        confusionClock_.invalidate();
        requestConfusion();
    }
}

PlotView* HeatmapView::classBars() const { return bars_; }

void HeatmapView::setAngle(double thetaDeg) { angle_->setValue(int(std::lround(thetaDeg * 10.0))); }
double HeatmapView::angle() const { return angle_->value() / 10.0; }

QString HeatmapView::cellText(int c) const
{
    const auto contexts = session_->cubeContexts();
    if (!contexts || c < 0 || c >= values_.size())
        return {};
    QString text = tr("context %1 · %2 · log-likelihood %3")
                       .arg(c)
                       .arg(QString::fromStdString(contexts->name(c)))
                       .arg(values_[c], 0, 'f', 3);
    if (std::find(trueContexts_.begin(), trueContexts_.end(), c) != trueContexts_.end())
        text += tr(" · a face of this cube");
    return text;
}

void HeatmapView::evaluate()
{
    angleLabel_->setText(QString("%1°").arg(angle(), 0, 'f', 1));
    const auto members = session_->cubeMembers();
    const auto contexts = session_->cubeContexts();
    const auto classSet = session_->classSet();
    const latentset::Vector glyph = picker_->glyph();
    if (glyph.size() == 0) {
        status_->setText(tr("No glyph: load a dataset or pick a built-in glyph."));
        map_->clear(); // the map of the previous glyph is not this one's
        bars_->clearScores();
        return;
    }
    if (!members || !contexts) {
        const QString none = tr("No cube world in this session: train one (Start → Cube world) or open a project.");
        status_->setText(none);
        map_->setPlaceholderText(none);
        map_->clear();
        // No world: no frame or reconstruction of an earlier one beside the empty map.
        input_->clear();
        recon_->clear();
        reconCaption_->setText(tr("Click a cell to see that member's reconstruction."));
        frame_ = latentset::Vector();
        values_ = latentset::Vector();
    }
    const double theta = angle();
    const int selected = map_->selectedIndex();
    runner_->submit([this, members, contexts, classSet, glyph, theta, selected]() -> JobRunner::Continuation {
        Evaluation e;
        e.shown = selected;
        if (members && contexts) {
            const latentset::CubeRenderer renderer(contexts->geometry());
            e.frame = renderer.renderCube(theta, glyph);
            const latentset::CubeWorldView world(*members, *contexts);
            const latentset::ContextLikelihoodMap map(world);
            e.values = map.logLikelihoods(e.frame).col(0);
            e.faces = contexts->contextsOfCube(theta);
            // No cell picked yet: show the best context's reconstruction.
            if (selected < 0 || selected >= contexts->size())
                e.values.maxCoeff(&e.shown);
            latentset::Matrix full = latentset::Matrix::Zero(contexts->frameSize(), 1);
            contexts->warp(e.shown).scatter(world.reconstructMasked(e.shown, e.frame), full);
            e.recon = full.col(0);
        }
        if (classSet && classSet->config().inputSize == glyph.size())
            e.scores = -latentset::SetClassifier(classSet).errors(glyph).col(0);
        return [this, e, contexts] { showEvaluation(e, contexts.get()); };
    });
}

void HeatmapView::showEvaluation(const Evaluation& e, const latentset::CubeContexts* contexts)
{
    const latentset::Vector& values = e.values;
    frame_ = e.frame;
    values_ = values;
    trueContexts_ = e.faces;
    if (values.size() > 0 && contexts) {
        const int cols = contexts->gridColumns();
        QVector<double> v(values.size());
        for (int i = 0; i < values.size(); ++i)
            v[i] = values[i];
        const int rows = (int(values.size()) + cols - 1) / cols;
        v.resize(rows * cols, std::numeric_limits<double>::quiet_NaN());
        map_->setGrid(cols, rows, v);
        input_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(e.frame), kThumb));
        int best = 0;
        values.maxCoeff(&best);
        QStringList faceText;
        for (int f : e.faces)
            if (f >= 0)
                faceText << QString("%1 (%2)").arg(f).arg(QString::fromStdString(contexts->name(f)));
        status_->setText(tr("Best context: %1 (%2). This cube's faces fall into contexts %3.")
                             .arg(best)
                             .arg(QString::fromStdString(contexts->name(best)))
                             .arg(faceText.join(", ")));
        if (e.recon.size() > 0) {
            recon_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(e.recon), kThumb));
            reconCaption_->setText(tr("Member %1 (%2) reconstructs its face.")
                                       .arg(e.shown)
                                       .arg(QString::fromStdString(contexts->name(e.shown))));
        }
    }
    if (e.scores.size() > 0)
        bars_->setScores(e.scores, session_->classNames());
    else
        bars_->clearScores();
    bars_->setVisible(e.scores.size() > 0);
}

bool HeatmapView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("Heatmap view")));
}

FigureInfo HeatmapView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = status_->text();
    info.model = ModelSummary::all(*session_);
    QStringList settings{tr("glyph: %1").arg(picker_->glyphName()), tr("angle: %1°").arg(angle(), 0, 'f', 1)};
    if (map_->selectedIndex() >= 0)
        settings << tr("selected context: %1").arg(map_->selectedIndex());
    if (!map_->isEmpty())
        settings << tr("colour scale: %1 to %2%3")
                        .arg(map_->rangeLower(), 0, 'g', 5)
                        .arg(map_->rangeUpper(), 0, 'g', 5)
                        .arg(map_->scaleLocked() ? tr(" (locked)") : QString());
    info.settings = settings.join("; ");
    return info;
}

void HeatmapView::updateConfusion()
{
    const auto set = session_->classSet();
    const auto samples = session_->samples();
    if (!set || !samples || samples->size() == 0 || samples->pixelCount() != set->config().inputSize) {
        confusion_->hide();
        return;
    }
    confusionRunner_->submit([this, set, samples]() -> JobRunner::Continuation {
        // At most 2000 images, spread over the split: a live figure, not the
        // full test (latentset-cli mnist reports that).
        const latentset::Index n = std::min<latentset::Index>(samples->size(), 2000);
        std::vector<latentset::Index> idx(static_cast<std::size_t>(n));
        for (latentset::Index i = 0; i < n; ++i)
            idx[std::size_t(i)] = i * samples->size() / n;
        const latentset::Dataset sample = samples->subset(idx);
        const latentset::SetClassifier classifier(set);
        const std::vector<int> decided = classifier.decide(classifier.errors(sample, nullptr), false);
        latentset::ConfusionMatrix matrix(set->size());
        for (latentset::Index j = 0; j < n; ++j)
            if (sample.label(j) < set->size())
                matrix.add(sample.label(j), decided[std::size_t(j)]);
        return [this, matrix] {
            const int k = matrix.classCount();
            QVector<double> v(k * k);
            for (int t = 0; t < k; ++t)
                for (int p = 0; p < k; ++p)
                    v[t * k + p] = double(matrix.count(t, p));
            confusion_->setGrid(k, k, v);
            confusionTitle_ = tr("Confusion: %1 % right on %2 images")
                                  .arg(100.0 * matrix.accuracy(), 0, 'f', 1)
                                  .arg(matrix.total());
            confusion_->setTitle(confusionTitle_);
            confusion_->show();
        };
    });
}

QJsonObject HeatmapView::viewState() const { return {{"angle", angle()}, {"glyph", picker_->viewState()}}; }

void HeatmapView::restoreViewState(const QJsonObject& state)
{
    picker_->restoreViewState(state.value("glyph").toObject());
    if (state.contains("angle"))
        setAngle(state.value("angle").toDouble());
}
