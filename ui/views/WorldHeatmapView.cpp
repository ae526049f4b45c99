#include "views/WorldHeatmapView.h"

#include "async/JobRunner.h"
#include "image/ImageConvert.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "views/WorldInputBar.h"
#include "widgets/ContextMapView.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "widgets/SpinBoxes.h"

#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/world/WorldLikelihood.h"
#include "latentset/world/WorldTransfer.h"

#include <QFileDialog>
#include <QJsonArray>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kThumb = 180, kSteps = 360;

QString axisValue(double v) { return QString::number(v, 'f', std::abs(v) < 10 ? 2 : 1); }

} // namespace

struct WorldHeatmapView::Evaluation {
    latentset::Vector frame, values, recon;
    latentset::ParameterEstimate estimate;
    std::vector<double> truth;
    double noiseVariance = 0;
    int shown = -1;
};

WorldHeatmapView::WorldHeatmapView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    input_ = new WorldInputBar(session_, tr("Input:"));
    controls->addWidget(input_);
    controls->addSpacing(12);
    contextLabel_ = new QLabel(tr("shown in context"));
    controls->addWidget(contextLabel_);
    context_ = SpinBoxes::make(tr("Context the input is shown in"), 0, 0);
    controls->addWidget(context_);
    controls->addStretch();
    auto* exportButton = new QPushButton(tr("Export PNG…"));
    exportButton->setAccessibleName(tr("Export the world heatmap view as PNG"));
    controls->addWidget(exportButton);
    outer->addLayout(controls);
    sliderRow_ = new QWidget;
    sliderRow_->setLayout(new QHBoxLayout);
    sliderRow_->layout()->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(sliderRow_);

    auto* body = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    inputImage_ = new QLabel;
    inputImage_->setFixedSize(kThumb, kThumb);
    inputImage_->setFrameShape(QFrame::Box);
    inputImage_->setAccessibleName(tr("Input frame"));
    recon_ = new QLabel;
    recon_->setFixedSize(kThumb, kThumb);
    recon_->setFrameShape(QFrame::Box);
    recon_->setAccessibleName(tr("Selected member's reconstruction"));
    reconCaption_ = new QLabel(tr("Click a context to see its member's reconstruction."));
    reconCaption_->setWordWrap(true);
    reconCaption_->setMaximumWidth(kThumb);
    left->addWidget(new QLabel(tr("<b>Input</b>")));
    left->addWidget(inputImage_);
    left->addWidget(new QLabel(tr("<b>Member's reconstruction</b>")));
    left->addWidget(recon_);
    left->addWidget(reconCaption_);
    left->addStretch();
    body->addLayout(left);
    map_ = new ContextMapView;
    map_->setTitle(tr("Context likelihood (log-likelihood of the input per context)"));
    map_->setScaleLabel(tr("log-likelihood"));
    map_->setAccessibleName(tr("World context likelihood map"));
    map_->setPlaceholderText(tr("No context world in this session: train one (Training → Context world, or a "
                                "world recipe on the Start page) or open a world model."));
    map_->setLabelFunction([this](int c) { return cellText(c); });
    map_->setFigureInfo([this] { return figureInfo(tr("World context likelihood map")); });
    body->addWidget(map_, 3);
    auto* right = new QVBoxLayout;
    estimateText_ = new QLabel;
    estimateText_->setWordWrap(true);
    estimateText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    estimateText_->setMinimumWidth(280);
    estimateText_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    right->addWidget(new QLabel(tr("<b>Parameter estimate</b> (posterior over contexts, paper §6)")));
    right->addWidget(estimateText_, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    right->addWidget(status_);
    body->addLayout(right, 1);
    outer->addLayout(body, 1);

    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export world heatmap"), "world-heatmap.png",
                                                          tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(input_, &WorldInputBar::changed, this, &WorldHeatmapView::evaluate);
    connect(context_, &QSpinBox::valueChanged, this, &WorldHeatmapView::evaluate);
    connect(map_, &ContextMapView::cellActivated, this, [this](int) { evaluate(); });
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) { status_->setText(tr("Error: %1").arg(m)); });
    connect(session_, &Session::worldChanged, this, &WorldHeatmapView::worldChanged);
    worldChanged();
}

WorldHeatmapView::~WorldHeatmapView() = default;

void WorldHeatmapView::worldChanged()
{
    const auto world = session_->world();
    const bool newContexts = !world || !world_ || world->train != world_->train;
    if (!world || !world_ || world->members != world_->members)
        noiseVariance_ = 0; // measured again for other members
    world_ = world;
    if (newContexts)
        rebuildControls();
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    evaluate();
}

void WorldHeatmapView::rebuildControls()
{
    input_->setWorld(world_.get());
    qDeleteAll(sliders_);
    qDeleteAll(sliderLabels_);
    sliders_.clear();
    sliderLabels_.clear();
    ranges_.clear();
    QLayoutItem* item;
    while ((item = sliderRow_->layout()->takeAt(0)))
        delete item;
    if (!world_ || !world_->test) {
        map_->setMapLayout({});
        map_->clear();
        return;
    }
    const latentset::ContextWorld& w = *world_->test;
    map_->setMapLayout(ContextMapLayout::forWorld(w));
    QVector<QString> names;
    for (int c = 0; c < w.contextCount(); ++c)
        names << QString::fromStdString(w.contextName(c));
    map_->setContextNames(names);
    context_->setMaximum(w.contextCount() - 1);
    const bool between = w.rendersBetween();
    context_->setVisible(!between);
    contextLabel_->setVisible(!between);
    if (!between)
        return;
    auto* row = static_cast<QHBoxLayout*>(sliderRow_->layout());
    const latentset::ParameterEstimator est = latentset::ParameterEstimator::forWorld(w);
    for (int a = 0; a < int(w.axes().size()); ++a) {
        const latentset::ContextAxis& axis = w.axes()[std::size_t(a)];
        const auto& levels = est.levels(a);
        const double lo = axis.circular ? 0.0 : levels.front(), hi = axis.circular ? axis.period : levels.back();
        ranges_.push_back({lo, hi});
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setAccessibleName(tr("Input's %1").arg(QString::fromStdString(axis.name)));
        slider->setRange(0, kSteps);
        slider->setToolTip(tr("Shows the input at this %1, between the contexts' values too.")
                               .arg(QString::fromStdString(axis.name)));
        // Off the grid by default: a third of the way between two values.
        const double start = levels.size() > 1 ? levels[0] + (levels[1] - levels[0]) / 3 : levels[0];
        slider->setValue(hi > lo ? int(std::lround((start - lo) / (hi - lo) * kSteps)) : 0);
        auto* label = new QLabel;
        label->setMinimumWidth(110);
        row->addWidget(slider, 1);
        row->addWidget(label);
        sliders_ << slider;
        sliderLabels_ << label;
        connect(slider, &QSlider::valueChanged, this, &WorldHeatmapView::evaluate);
    }
}

double WorldHeatmapView::sliderValue(int a) const
{
    const auto [lo, hi] = ranges_[std::size_t(a)];
    return lo + (hi - lo) * sliders_[a]->value() / double(kSteps);
}

std::vector<double> WorldHeatmapView::parameters() const
{
    std::vector<double> p;
    for (int a = 0; a < sliders_.size(); ++a)
        p.push_back(sliderValue(a));
    return p;
}

void WorldHeatmapView::setParameter(int axis, double value)
{
    if (axis < 0 || axis >= sliders_.size())
        return;
    const auto [lo, hi] = ranges_[std::size_t(axis)];
    sliders_[axis]->setValue(hi > lo ? int(std::lround((value - lo) / (hi - lo) * kSteps)) : 0);
}

void WorldHeatmapView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (std::exchange(stale_, false))
        evaluate();
}

void WorldHeatmapView::evaluate()
{
    const auto world = world_;
    for (int a = 0; a < sliders_.size() && world; ++a)
        sliderLabels_[a]->setText(QString("%1 %2").arg(QString::fromStdString(world->test->axes()[std::size_t(a)].name),
                                                        axisValue(sliderValue(a))));
    if (!world || !world->members || !world->test) {
        status_->setText(map_->placeholderText());
        estimateText_->clear();
        inputImage_->clear();
        recon_->clear();
        return;
    }
    const WorldInput input = input_->input();
    if (input.isGlyph && input.glyph.size() == 0) {
        status_->setText(tr("No glyph: pick a built-in one or draw one on the pad."));
        return;
    }
    const bool between = !sliders_.isEmpty() && WorldInput::rendersBetween(*world, input.isGlyph);
    const std::vector<double> params = parameters();
    const int shownIn = context_->value();
    const int selected = map_->selectedIndex();
    const double known = world->noiseVariance > 0 ? world->noiseVariance : noiseVariance_;
    sinceInput_.start(); // latest wins: the latency of the newest input
    runner_->submit([this, world, input, between, params, shownIn, selected, known]() -> JobRunner::Continuation {
        Evaluation e;
        const latentset::ContextWorld& w = *world->test;
        const latentset::Matrix frame = between ? input.frameAt(*world, params) : input.frameIn(*world, shownIn);
        e.frame = frame.col(0);
        e.truth = between ? params : w.parameters(shownIn);
        e.noiseVariance = known > 0 ? known
                                    : latentset::WorldLikelihood::noiseVariance(
                                          *world->members, *world->train,
                                          latentset::WorldTrainExperiment::spread(*world->train, 50));
        e.values = latentset::WorldLikelihood(*world->members, w, e.noiseVariance).logLikelihoods(frame).col(0);
        e.estimate = latentset::ParameterEstimator::forWorld(w).estimate(e.values);
        e.shown = selected >= 0 && selected < w.contextCount() ? selected : e.estimate.mapContext;
        const latentset::WorldTransfer transfer(*world->members, w);
        e.recon = transfer.decodeAll(transfer.encodeFrames(e.shown, frame).col(0)).col(e.shown);
        return [this, e, world] {
            if (world == world_)
                showEvaluation(e);
        };
    });
}

QString WorldHeatmapView::cellText(int c) const
{
    if (!world_ || !world_->test || c < 0 || c >= values_.size())
        return {};
    const latentset::ContextWorld& w = *world_->test;
    QString text = tr("context %1 · %2 · log-likelihood %3")
                       .arg(c)
                       .arg(QString::fromStdString(w.contextName(c)))
                       .arg(values_[c], 0, 'f', 2);
    if (c < estimate_.posterior.size())
        text += tr(" · posterior %1").arg(estimate_.posterior[c], 0, 'g', 3);
    return text;
}

void WorldHeatmapView::showEvaluation(const Evaluation& e)
{
    values_ = e.values;
    estimate_ = e.estimate;
    if (world_->noiseVariance <= 0)
        noiseVariance_ = e.noiseVariance;
    const latentset::ContextWorld& w = *world_->test;
    QVector<double> v(e.values.size());
    for (int i = 0; i < e.values.size(); ++i)
        v[i] = e.values[i];
    map_->setValues(v);
    map_->setMarked({e.estimate.mapContext});
    map_->repaint();
    if (sinceInput_.isValid()) {
        latencies_ << sinceInput_.nsecsElapsed() / 1e6;
        if (latencies_.size() > 600)
            latencies_.remove(0, latencies_.size() - 600);
    }
    const int fw = w.frameWidth(), fh = w.frameHeight();
    inputImage_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(e.frame, fw, fh), kThumb));
    recon_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(e.recon, fw, fh), kThumb));
    reconCaption_->setText(tr("Member %1 (%2) reconstructs the input.")
                               .arg(e.shown)
                               .arg(QString::fromStdString(w.contextName(e.shown))));
    // The estimate per axis beside the input's true values.
    const latentset::ParameterEstimator est = latentset::ParameterEstimator::forWorld(w);
    QString table = "<table cellspacing='0' cellpadding='3'><tr><th align='left'>axis</th><th>true</th><th>MAP</th>"
                    "<th>mean</th><th>interp.</th><th>error</th><th>bin</th></tr>";
    for (int a = 0; a < int(w.axes().size()) && a < int(e.estimate.axes.size()); ++a) {
        const latentset::AxisEstimate& x = e.estimate.axes[std::size_t(a)];
        const latentset::ContextAxis& ax = w.axes()[std::size_t(a)];
        // Circular values in [0, period): a mean of 360 (or of 359.97, which
        // the table's one decimal would print as 360.0) reads as the 0 it is.
        const auto shown = [&ax](double v) {
            if (!ax.circular || !(ax.period > 0))
                return v;
            const double w = std::fmod(std::fmod(v, ax.period) + ax.period, ax.period);
            return ax.period - w < 0.05 ? 0.0 : w;
        };
        const double truth = e.truth[std::size_t(a)];
        table += QString("<tr><td>%1</td><td align='right'>%2</td><td align='right'><b>%3</b></td><td align='right'>%4"
                         "</td><td align='right'>%5</td><td align='right'>%6</td><td align='right'>%7</td></tr>")
                     .arg(QString::fromStdString(ax.name), axisValue(shown(truth)), axisValue(shown(x.map)),
                          axisValue(shown(x.mean)), axisValue(shown(x.interpolated)),
                          axisValue(est.error(a, x.interpolated, truth)),
                          axisValue(est.binWidth(a)));
    }
    table += "</table>";
    const int best = e.estimate.mapContext;
    table += tr("<p>MAP context: <b>%1</b> (%2), posterior %3.<br>σ² = %4%5.</p>")
                 .arg(best)
                 .arg(QString::fromStdString(w.contextName(best)).toHtmlEscaped())
                 .arg(e.estimate.posterior[best], 0, 'f', 3)
                 .arg(e.noiseVariance, 0, 'g', 3)
                 .arg(world_->noiseVariance > 0 ? tr(" (the model file's)") : tr(" (measured on 50 training items)"));
    estimateText_->setText(table);
    status_->setText(tr("%1 · %2 · %3 rounds").arg(QString::fromStdString(world_->spec.kind),
                                                    map_->mapLayout().description)
                         .arg(qint64(world_->rounds)));
}

bool WorldHeatmapView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("World heatmap view")));
}

FigureInfo WorldHeatmapView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = status_->text();
    info.model = ModelSummary::all(*session_);
    QStringList settings{tr("input: %1").arg(input_->input().name)};
    const std::vector<double> p = parameters();
    for (std::size_t a = 0; a < p.size() && world_; ++a)
        settings << QString("%1: %2").arg(QString::fromStdString(world_->test->axes()[a].name), axisValue(p[a]));
    if (map_->selectedIndex() >= 0)
        settings << tr("selected context: %1").arg(map_->selectedIndex());
    info.settings = settings.join("; ");
    return info;
}

QJsonObject WorldHeatmapView::viewState() const
{
    QJsonObject o{{"input", input_->viewState()}, {"context", context_->value()}};
    QJsonArray p;
    for (double v : parameters())
        p.append(v);
    o.insert("parameters", p);
    return o;
}

void WorldHeatmapView::restoreViewState(const QJsonObject& state)
{
    input_->restoreViewState(state.value("input").toObject());
    context_->setValue(state.value("context").toInt());
    const QJsonArray p = state.value("parameters").toArray();
    for (int a = 0; a < p.size(); ++a)
        setParameter(a, p[a].toDouble());
}
