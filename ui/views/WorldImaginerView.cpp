#include "views/WorldImaginerView.h"

#include "image/ImageConvert.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "training/WorldConceptPanel.h"
#include "widgets/ContextMapView.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "widgets/SpinBoxes.h"

#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/world/ParameterEstimator.h"
#include "latentset/world/WorldConcept.h"
#include "latentset/world/WorldImaginer.h"

#include <QElapsedTimer>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kThumb = 200, kSteps = 1000, kSweep = 9;

QLabel* picture(const QString& name)
{
    auto* l = new QLabel;
    l->setFixedSize(kThumb, kThumb);
    l->setFrameShape(QFrame::Box);
    l->setAlignment(Qt::AlignCenter);
    l->setAccessibleName(name);
    return l;
}

QLabel* caption()
{
    auto* l = new QLabel;
    l->setWordWrap(true);
    l->setMaximumWidth(kThumb);
    l->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return l;
}
} // namespace

WorldImaginerView::WorldImaginerView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    auto* outer = new QHBoxLayout(this);
    panel_ = new WorldConceptPanel(session_);
    panel_->setFixedWidth(270);
    outer->addWidget(panel_, 0, Qt::AlignTop);
    outer->addWidget(buildBody(), 1);
    connect(panel_, &WorldConceptPanel::openRequested, this, &WorldImaginerView::openRequested);
    connect(item_, &QSpinBox::valueChanged, this, &WorldImaginerView::encodeItem);
    connect(source_, &QSpinBox::valueChanged, this, &WorldImaginerView::encodeItem);
    connect(session_, &Session::worldChanged, this, &WorldImaginerView::rebuild);
    connect(session_, &Session::worldConceptChanged, this, &WorldImaginerView::rebuild);
    rebuild();
}

WorldImaginerView::~WorldImaginerView() = default;

// The item row, the sliders and their read-out, then the two pictures and the map.
QWidget* WorldImaginerView::buildBody()
{
    auto* body = new QWidget;
    auto* column = new QVBoxLayout(body);
    column->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Held-out item:")));
    item_ = SpinBoxes::make(tr("Held-out item the imaginer shows"), 0, 0);
    row->addWidget(item_);
    itemName_ = new QLabel;
    itemName_->setMinimumWidth(60);
    row->addWidget(itemName_);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("its level-1 code from context")));
    source_ = SpinBoxes::make(tr("Context whose member encodes the item"), 0, 0);
    source_->setToolTip(tr("The item as seen in this context, encoded by its member: the level-1 code the "
                           "imagined context's member decodes."));
    row->addWidget(source_);
    row->addStretch();
    auto* exportButton = new QPushButton(tr("Export PNG…"));
    exportButton->setAccessibleName(tr("Export the world imaginer view as PNG"));
    row->addWidget(exportButton);
    column->addLayout(row);
    auto* units = new QGroupBox(tr("Level-2 units (one slider per unit)"));
    sliderGrid_ = new QGridLayout(units);
    column->addWidget(units);
    readOut_ = new QLabel;
    readOut_->setAccessibleName(tr("Calibrated values of the units"));
    readOut_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = readOut_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    readOut_->setFont(big);
    column->addWidget(readOut_);

    auto* pictures = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("<b>Imagined input</b>")));
    decodedImage_ = picture(tr("Imagined input, decoded by the peak context's member"));
    left->addWidget(decodedImage_);
    decodedCaption_ = caption();
    left->addWidget(decodedCaption_);
    left->addWidget(new QLabel(tr("<b>The item at those values</b>")));
    shownImage_ = picture(tr("The item shown by the world at the values read back"));
    left->addWidget(shownImage_);
    shownCaption_ = caption();
    left->addWidget(shownCaption_);
    left->addStretch();
    pictures->addLayout(left);
    map_ = new ContextMapView;
    map_->setTitle(tr("Imagined likelihood map (level-2 decode; the peak framed)"));
    map_->setScaleLabel(tr("level-2 output"));
    map_->setDataRange(0, 1);
    map_->setAccessibleName(tr("Imagined context likelihood map"));
    map_->setPlaceholderText(tr("Train the world's level-2 concept (left) or open a file with one: the imagined "
                                "map appears here."));
    map_->setLabelFunction([this](int c) {
        if (!world_ || c < 0 || c >= map2_.size())
            return QString();
        return tr("context %1 · %2 · imagined %3")
            .arg(c)
            .arg(QString::fromStdString(world_->test->contextName(c)))
            .arg(map2_[c], 0, 'f', 3);
    });
    map_->setFigureInfo([this] { return figureInfo(tr("Imagined likelihood map")); });
    pictures->addWidget(map_, 1);
    column->addLayout(pictures, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    column->addWidget(status_);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export world imaginer"), "world-imaginer.png",
                                                          tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    return body;
}

void WorldImaginerView::rebuild()
{
    const auto world = session_->world();
    const auto level2 = session_->worldConcept();
    const bool newConcept = level2 != concept_ || !world_ || !world || world->train != world_->train;
    world_ = world;
    concept_ = level2;
    imaginer_.reset();
    if (world && world->test) {
        item_->setMaximum(int(std::max<latentset::Index>(0, world->test->itemCount() - 1)));
        source_->setMaximum(world->test->contextCount() - 1);
        itemName_->setText(QString::fromStdString(world->test->itemName(item_->value())));
    } else {
        itemName_->clear();
    }
    if (!world || !world->test || !world->members) {
        clearFrame(tr("No context world in this session: train one (Training → Context world, or a world recipe on "
                      "the Start page) or open a world model. The cube has its own imaginer (view Cube imaginer)."));
        return;
    }
    if (!level2) {
        clearFrame(tr("The %1 world has no level-2 concept yet: train one (left; the settings of latentset-cli "
                      "world concept) or open a file that latentset-cli world concept --save wrote.")
                       .arg(QString::fromStdString(world->spec.kind)));
        return;
    }
    try {
        imaginer_ = std::make_unique<latentset::WorldImaginer>(*world->test, *level2, world->members.get());
    } catch (const std::exception& e) {
        clearFrame(tr("This concept does not fit the world: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    if (newConcept || map_->mapLayout().size() != world->test->contextCount()) {
        map_->setMapLayout(ContextMapLayout::forWorld(*world->test));
        QVector<QString> names;
        for (int c = 0; c < world->test->contextCount(); ++c)
            names << QString::fromStdString(world->test->contextName(c));
        map_->setContextNames(names);
    }
    if (newConcept || sliders_.size() != level2->units())
        rebuildSliders();
    encodeItem();
}

void WorldImaginerView::dropSliders()
{
    for (QWidget* w : sliderWidgets_)
        delete w;
    sliderWidgets_.clear();
    sliders_.clear();
    sliderValues_.clear();
    loopSliders_.clear();
    loopValues_.clear();
    loopAxes_.clear();
}

void WorldImaginerView::rebuildSliders()
{
    dropSliders();
    if (!imaginer_)
        return;
    const latentset::ContextWorld& w = *world_->test;
    const latentset::ParameterEstimator est = latentset::ParameterEstimator::forWorld(w);
    const latentset::Vector median = imaginer_->medianCode();
    const latentset::Vector lo = concept_->unitMin(), hi = concept_->unitMax();
    for (int u = 0; u < concept_->units(); ++u) {
        // What the unit moves: each axis's path along the unit's sweep, in bins.
        const latentset::Matrix codes = imaginer_->sweep(u, kSweep);
        std::vector<double> path(w.axes().size(), 0.0);
        std::vector<double> before = concept_->parametersAt(codes.col(0));
        for (int s = 1; s < kSweep; ++s) {
            const std::vector<double> now = concept_->parametersAt(codes.col(s));
            for (std::size_t a = 0; a < path.size(); ++a)
                path[a] += est.error(int(a), now[a], before[a]) / std::max(1e-12, est.binWidth(int(a)));
            before = now;
        }
        const double most = path.empty() ? 0.0 : *std::max_element(path.begin(), path.end());
        QStringList moves;
        for (std::size_t a = 0; a < path.size(); ++a)
            if (most >= 0.5 && path[a] >= 0.5 * most)
                moves << QString::fromStdString(w.axes()[a].name);
        auto* name = new QLabel(tr("unit %1").arg(u + 1));
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setRange(0, kSteps);
        slider->setPageStep(kSteps / 20);
        slider->setAccessibleName(tr("Level-2 unit %1").arg(u + 1));
        slider->setToolTip(tr("Unit %1 from %2 to %3, the range the calibration's codes reached.")
                               .arg(u + 1)
                               .arg(lo[u], 0, 'f', 3)
                               .arg(hi[u], 0, 'f', 3));
        const double span = hi[u] - lo[u];
        slider->setValue(span > 0 ? int(std::lround((median[u] - lo[u]) / span * kSteps)) : kSteps / 2);
        auto* value = new QLabel;
        value->setMinimumWidth(70);
        auto* what = new QLabel(moves.isEmpty() ? tr("moves little alone") : tr("moves %1").arg(moves.join(", ")));
        what->setMinimumWidth(150);
        sliderGrid_->addWidget(name, u, 0);
        sliderGrid_->addWidget(slider, u, 1);
        sliderGrid_->addWidget(value, u, 2);
        sliderGrid_->addWidget(what, u, 3);
        sliderGrid_->setColumnStretch(1, 1);
        sliderWidgets_ << name << slider << value << what;
        sliders_ << slider;
        sliderValues_ << value;
        connect(slider, &QSlider::valueChanged, this, &WorldImaginerView::redraw);
    }
    addLoopSliders(concept_->units());
}

// A circular axis's two units are hard to walk round their loop by hand: one
// more slider per circular axis sets them to the calibration's mean code
// near each value (WorldImaginer::codeAlong).
void WorldImaginerView::addLoopSliders(int firstRow)
{
    const std::vector<latentset::ContextAxis>& axes = concept_->axes();
    for (int a = 0; a < int(axes.size()); ++a) {
        if (!axes[std::size_t(a)].circular)
            continue;
        const QString name = QString::fromStdString(axes[std::size_t(a)].name);
        auto* label = new QLabel(tr("%1 along the loop").arg(name));
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setRange(0, 360);
        slider->setAccessibleName(tr("Follow the units' loop by %1").arg(name));
        slider->setToolTip(tr("Sets the units to the mean code of the calibration inputs whose %1 is nearest this "
                              "value: the loop the two units trace as the %1 goes round.")
                               .arg(name));
        auto* value = new QLabel;
        value->setMinimumWidth(70);
        auto* what = new QLabel(tr("sets the units above"));
        const int row = firstRow + int(loopSliders_.size());
        sliderGrid_->addWidget(label, row, 0);
        sliderGrid_->addWidget(slider, row, 1);
        sliderGrid_->addWidget(value, row, 2);
        sliderGrid_->addWidget(what, row, 3);
        sliderWidgets_ << label << slider << value << what;
        const int index = int(loopSliders_.size());
        loopSliders_ << slider;
        loopValues_ << value;
        loopAxes_.push_back(a);
        connect(slider, &QSlider::valueChanged, this, [this, index] { followLoop(index); });
    }
}

void WorldImaginerView::followLoop(int index)
{
    if (!imaginer_)
        return;
    const int a = loopAxes_[std::size_t(index)];
    const double period = concept_->axes()[std::size_t(a)].period;
    const double v = period * loopSliders_[index]->value() / double(loopSliders_[index]->maximum());
    loopValues_[index]->setText(QString::number(v, 'f', 0));
    {
        // One redraw for the whole code, not one per unit slider.
        std::vector<std::unique_ptr<QSignalBlocker>> quiet;
        for (QSlider* s : sliders_)
            quiet.push_back(std::make_unique<QSignalBlocker>(s));
        setCode(imaginer_->codeAlong(a, v));
    }
    redraw();
}

void WorldImaginerView::encodeItem()
{
    if (!imaginer_ || !world_)
        return;
    const latentset::ContextWorld& w = *world_->test;
    const latentset::Index item = std::min<latentset::Index>(item_->value(), w.itemCount() - 1);
    itemName_->setText(QString::fromStdString(w.itemName(item)));
    levelOne_ = imaginer_->levelOneCode(item, std::min(source_->value(), w.contextCount() - 1));
    redraw();
}

double WorldImaginerView::sliderValue(int u) const
{
    const float lo = concept_->unitMin()[u], hi = concept_->unitMax()[u];
    return lo + (hi - lo) * sliders_[u]->value() / double(kSteps);
}

latentset::Vector WorldImaginerView::code() const
{
    latentset::Vector c(sliders_.size());
    for (int u = 0; u < sliders_.size(); ++u)
        c[u] = float(sliderValue(u));
    return c;
}

void WorldImaginerView::setCode(const latentset::Vector& c)
{
    for (int u = 0; u < sliders_.size() && u < c.size(); ++u) {
        const float lo = concept_->unitMin()[u], hi = concept_->unitMax()[u];
        sliders_[u]->setValue(hi > lo ? int(std::lround((c[u] - lo) / (hi - lo) * kSteps)) : kSteps / 2);
    }
}

QString WorldImaginerView::valueText(int a, double v) const
{
    const latentset::ContextAxis& axis = concept_->axes()[std::size_t(a)];
    const latentset::ParameterEstimator est = latentset::ParameterEstimator::forWorld(*world_->test);
    const double bin = est.binWidth(a);
    if (axis.circular && axis.period > 0) {
        v = std::fmod(std::fmod(v, axis.period) + axis.period, axis.period);
        if (axis.period - v < 0.5)
            v = 0;
    }
    const int decimals = bin >= 5 ? 0 : bin >= 0.5 ? 1 : 2;
    QString suffix;
    if (axis.circular && std::abs(axis.period - 360) < 1e-9)
        suffix = "°";
    else if (axis.name == "x" || axis.name == "y")
        suffix = " px";
    return QString("%1 ≈ %2%3").arg(QString::fromStdString(axis.name)).arg(v, 0, 'f', decimals).arg(suffix);
}

void WorldImaginerView::redraw()
{
    if (!imaginer_ || levelOne_.size() == 0 || sliders_.isEmpty())
        return;
    QElapsedTimer timer;
    timer.start();
    const latentset::ContextWorld& w = *world_->test;
    const latentset::Vector c = code();
    const latentset::Index item = std::min<latentset::Index>(item_->value(), w.itemCount() - 1);
    const latentset::WorldImaginer::Imagined im = imaginer_->imagine(c, item, levelOne_);
    map2_ = im.map;
    parameters_ = im.parameters;
    decoded_ = im.decoded;
    shown_ = im.frame;
    peak_ = im.peakContext;
    for (int u = 0; u < sliderValues_.size(); ++u)
        sliderValues_[u]->setText(QString::number(c[u], 'f', 3));
    QStringList values;
    for (int a = 0; a < int(im.parameters.size()); ++a)
        values << valueText(a, im.parameters[std::size_t(a)]);
    readOut_->setText(tr("The units read as: <b>%1</b>").arg(values.join(", ")));
    QVector<double> v(im.map.size());
    for (int i = 0; i < im.map.size(); ++i)
        v[i] = im.map[i];
    map_->setValues(v);
    map_->setMarked({im.peakContext});
    const int fw = w.frameWidth(), fh = w.frameHeight();
    decodedImage_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(im.decoded, fw, fh), kThumb));
    shownImage_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(im.frame, fw, fh), kThumb));
    decodedCaption_->setText(tr("Item %1's code from context %2, decoded by the member of context %3 (%4), where "
                                "the imagined map peaks.")
                                 .arg(item)
                                 .arg(source_->value())
                                 .arg(im.peakContext)
                                 .arg(QString::fromStdString(w.contextName(im.peakContext))));
    shownCaption_->setText(w.rendersBetween()
                               ? tr("Item %1 shown by the world at the values read back.").arg(item)
                               : tr("Item %1 in context %2, the nearest to the values read back.")
                                     .arg(item)
                                     .arg(im.nearestContext));
    map_->repaint();
    decodedImage_->repaint();
    shownImage_->repaint();
    frameTimes_ << timer.nsecsElapsed() / 1e6;
    if (frameTimes_.size() > 600)
        frameTimes_.remove(0, frameTimes_.size() - 600);
    QVector<double> t = frameTimes_;
    std::sort(t.begin(), t.end());
    status_->setText(tr("%1 world · %2 contexts · concept of %3 unit(s) · slider to repainted view %4 ms (median of "
                        "the last %5)")
                         .arg(QString::fromStdString(world_->spec.kind))
                         .arg(w.contextCount())
                         .arg(concept_->units())
                         .arg(t[t.size() / 2], 0, 'f', 1)
                         .arg(t.size()));
}

void WorldImaginerView::clearFrame(const QString& why)
{
    dropSliders();
    levelOne_ = map2_ = decoded_ = shown_ = latentset::Vector();
    parameters_.clear();
    peak_ = -1;
    map_->clear();
    decodedImage_->clear();
    shownImage_->clear();
    decodedCaption_->clear();
    shownCaption_->clear();
    readOut_->setText(why);
    readOut_->setWordWrap(true);
    status_->clear();
}

bool WorldImaginerView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("World imaginer view")));
}

FigureInfo WorldImaginerView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = readOut_->text();
    info.model = ModelSummary::all(*session_);
    QStringList units;
    const latentset::Vector c = code();
    for (int u = 0; u < c.size(); ++u)
        units << QString("unit %1 = %2").arg(u + 1).arg(c[u], 0, 'f', 3);
    info.settings = tr("item %1, level-1 code from context %2; %3")
                        .arg(item_->value())
                        .arg(source_->value())
                        .arg(units.isEmpty() ? tr("no concept") : units.join(", "));
    return info;
}

QJsonObject WorldImaginerView::viewState() const
{
    QJsonArray units;
    const latentset::Vector c = code();
    for (int u = 0; u < c.size(); ++u)
        units.append(double(c[u]));
    return {{"item", item_->value()}, {"source", source_->value()}, {"units", units}};
}

void WorldImaginerView::restoreViewState(const QJsonObject& state)
{
    item_->setValue(state.value("item").toInt());
    source_->setValue(state.value("source").toInt());
    const QJsonArray units = state.value("units").toArray();
    if (units.size() == sliders_.size() && !units.isEmpty()) {
        latentset::Vector c(units.size());
        for (int u = 0; u < units.size(); ++u)
            c[u] = float(units[u].toDouble());
        setCode(c);
    }
}
