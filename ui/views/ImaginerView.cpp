#include "views/ImaginerView.h"

#include "widgets/ColorMapView.h"
#include "widgets/GlyphPicker.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "image/ImageConvert.h"
#include "session/Session.h"

#include "latentset/concept/ConceptModel.h"
#include "latentset/concept/CubeImaginer.h"
#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeRenderer.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"

#include <QElapsedTimer>
#include <QGridLayout>
#include <QJsonArray>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {
constexpr int kSide = 320;       // imagined / real cube display size
constexpr int kSteps = 1000;     // u slider resolution
constexpr double kLatentRange = 3.0; // level-1 slider offset range (code units)
} // namespace

ImaginerView::ImaginerView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    auto* outer = new QVBoxLayout(this);
    outer->addLayout(buildGlyphRow());
    outer->addLayout(buildUnitRow());
    auto* body = new QHBoxLayout;
    body->addLayout(buildImaginedColumn());
    body->addLayout(buildRenderedColumn());
    body->addLayout(buildMapColumn(), 1);
    outer->addLayout(body, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    outer->addWidget(status_);

    timer_ = new QTimer(this);
    timer_->setInterval(16); // ~60 fps
    connect(timer_, &QTimer::timeout, this, [this] {
        int v = uSlider_->value() + direction_ * 4;
        if (v >= kSteps || v <= 0)
            direction_ = -direction_;
        uSlider_->setValue(std::clamp(v, 0, kSteps));
    });
    connect(play_, &QPushButton::toggled, this, &ImaginerView::setPlaying);
    connect(uSlider_, &QSlider::valueChanged, this, &ImaginerView::redraw);
    connect(picker_, &GlyphPicker::glyphChanged, this, &ImaginerView::encodeGlyph);
    connect(source_, &QSpinBox::valueChanged, this, &ImaginerView::encodeGlyph);
    connect(session_, &Session::cubeWorldChanged, this, &ImaginerView::rebuildModel);
    connect(session_, &Session::conceptChanged, this, &ImaginerView::rebuildModel);
    rebuildModel();
}

// The glyph and the context whose member encodes it.
QHBoxLayout* ImaginerView::buildGlyphRow()
{
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Glyph:")));
    picker_ = new GlyphPicker(session_);
    picker_->setToolTip(tr("The glyph whose level-1 code is put on the imagined cube: any glyph, also one never "
                           "seen on a cube (the paper's V)."));
    controls->addWidget(picker_);
    controls->addWidget(new QLabel(tr("encoded in context")));
    source_ = new QSpinBox;
    source_->setAccessibleName(tr("Context that encodes the glyph"));
    source_->setRange(0, 99);
    source_->setValue(10);
    source_->setToolTip(tr("The context whose member encodes the glyph into the level-1 code."));
    controls->addWidget(source_);
    controls->addStretch();
    return controls;
}

// Play and the level-2 unit's slider.
QHBoxLayout* ImaginerView::buildUnitRow()
{
    auto* uRow = new QHBoxLayout;
    play_ = new QPushButton(tr("Play"));
    play_->setCheckable(true);
    play_->setAccessibleName(tr("Animate the level-2 unit"));
    play_->setToolTip(tr("Sweeps u back and forth: the imagined cube turns."));
    uRow->addWidget(play_);
    uRow->addWidget(new QLabel(tr("Level-2 unit u:")));
    uSlider_ = new QSlider(Qt::Horizontal);
    uSlider_->setAccessibleName(tr("Level-2 latent unit"));
    uSlider_->setRange(0, kSteps);
    uSlider_->setValue(kSteps / 2);
    uSlider_->setPageStep(kSteps / 20);
    uSlider_->setToolTip(tr("The level-2 concept's single latent unit u, over the range its calibration cubes "
                            "reached. Its decoded context map picks the level-1 members that draw the cube."));
    uRow->addWidget(uSlider_, 1);
    uLabel_ = new QLabel;
    uLabel_->setMinimumWidth(150);
    uRow->addWidget(uLabel_);
    return uRow;
}

QVBoxLayout* ImaginerView::buildImaginedColumn()
{
    auto* imaginedBox = new QVBoxLayout;
    imaginedBox->addWidget(new QLabel(tr("<b>Imagined cube</b> (decoded from u and the glyph's code)")));
    imaginedLabel_ = new QLabel;
    imaginedLabel_->setFixedSize(kSide, kSide);
    imaginedLabel_->setFrameShape(QFrame::Box);
    imaginedLabel_->setAccessibleName(tr("Imagined cube"));
    imaginedBox->addWidget(imaginedLabel_);
    imaginedBox->addStretch();
    return imaginedBox;
}

QVBoxLayout* ImaginerView::buildRenderedColumn()
{
    auto* realBox = new QVBoxLayout;
    realBox->addWidget(new QLabel(tr("<b>Rendered cube</b> at the matching angle")));
    realLabel_ = new QLabel;
    realLabel_->setFixedSize(kSide, kSide);
    realLabel_->setFrameShape(QFrame::Box);
    realLabel_->setAccessibleName(tr("Rendered cube at the matching angle"));
    realBox->addWidget(realLabel_);
    realCaption_ = new QLabel;
    realCaption_->setWordWrap(true);
    realBox->addWidget(realCaption_);
    realBox->addStretch();
    return realBox;
}

// The decoded level-2 map and the box of level-1 code offsets (filled by rebuildLatentSliders).
QVBoxLayout* ImaginerView::buildMapColumn()
{
    auto* right = new QVBoxLayout;
    map_ = new ColorMapView;
    map_->setTitle(tr("Decoded level-2 map (chosen top-face context framed)"));
    map_->setScaleLabel(tr("level-2 output"));
    map_->setDataRange(0, 1);
    map_->setPlaceholderText(tr("The decoded level-2 map appears here once the session has a cube world and "
                                "its level-2 concept."));
    right->addWidget(map_, 2);
    auto* latentGroup = new QGroupBox(tr("Level-1 code offsets"));
    latentBox_ = latentGroup;
    latentGroup->setToolTip(tr("Offsets added to the glyph's level-1 code, ±%1 per latent unit: other textures "
                               "on the same imagined cube.").arg(kLatentRange));
    map_->setFigureInfo([this] { return figureInfo(tr("Decoded level-2 map")); });
    new QGridLayout(latentGroup);
    right->addWidget(latentGroup, 1);
    return right;
}

ImaginerView::~ImaginerView() = default;

void ImaginerView::rebuildModel()
{
    imaginer_.reset();
    world_.reset();
    const auto members = session_->cubeMembers();
    const auto contexts = session_->cubeContexts();
    const auto level2 = session_->conceptModel();
    if (!members || !contexts || !level2 || !level2->trained()) {
        status_->setText(tr("The imaginer needs a cube world and its trained level-2 concept "
                            "(Start → Cube concept, or open a project that has them)."));
        clearFrame();
        return;
    }
    try {
        world_ = std::make_unique<latentset::CubeWorldView>(*members, *contexts);
        imaginer_ = std::make_unique<latentset::CubeImaginer>(*world_, *level2);
        source_->setRange(0, contexts->size() - 1);
    } catch (const latentset::Error& e) {
        world_.reset();
        clearFrame();
        status_->setText(tr("Error: %1").arg(e.what()));
        return;
    }
    status_->clear();
    rebuildLatentSliders();
    encodeGlyph();
}

void ImaginerView::rebuildLatentSliders()
{
    auto* grid = static_cast<QGridLayout*>(latentBox_->layout());
    for (QSlider* s : latentSliders_)
        delete s;
    latentSliders_.clear();
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!world_)
        return;
    const int d = int(world_->latentSize());
    for (int i = 0; i < d; ++i) {
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setRange(-100, 100);
        slider->setValue(0);
        slider->setAccessibleName(tr("Level-1 latent %1 offset").arg(i));
        slider->setToolTip(tr("Offset of level-1 latent unit z%1 from the glyph's code, −%2 to +%2.").arg(i).arg(kLatentRange));
        connect(slider, &QSlider::valueChanged, this, &ImaginerView::redraw);
        grid->addWidget(new QLabel(QString("z%1").arg(i)), i % 8, (i / 8) * 2);
        grid->addWidget(slider, i % 8, (i / 8) * 2 + 1);
        latentSliders_ << slider;
    }
}

void ImaginerView::encodeGlyph()
{
    if (!world_)
        return;
    const latentset::Vector glyph = picker_->glyph();
    if (glyph.size() != world_->contexts().glyphPixels()) {
        // No cube of the previous glyph under this one's name.
        baseCode_ = latentset::Vector();
        clearFrame();
        status_->setText(tr("No glyph: load a dataset or pick a built-in glyph."));
        return;
    }
    baseCode_ = world_->encodeGlyphs(std::min(source_->value(), world_->size() - 1), glyph).col(0);
    redraw();
}

void ImaginerView::setU(double u)
{
    const auto level2 = session_->conceptModel();
    const double lo = level2 && level2->calibrated() ? level2->uMin() : 0.0;
    const double hi = level2 && level2->calibrated() ? level2->uMax() : 1.0;
    uSlider_->setValue(int(std::lround((u - lo) / std::max(1e-9, hi - lo) * kSteps)));
}

double ImaginerView::u() const
{
    // The slider spans the u range the calibration cubes reached: the unit
    // rarely uses all of (0, 1), and the interesting turn is in that range.
    const auto level2 = session_->conceptModel();
    const double lo = level2 && level2->calibrated() ? level2->uMin() : 0.0;
    const double hi = level2 && level2->calibrated() ? level2->uMax() : 1.0;
    return lo + (hi - lo) * uSlider_->value() / double(kSteps);
}

void ImaginerView::setPlaying(bool play)
{
    if (play_->isChecked() != play)
        play_->setChecked(play);
    play_->setText(play ? tr("Pause") : tr("Play"));
    if (play)
        timer_->start();
    else
        timer_->stop();
}

bool ImaginerView::playing() const { return timer_->isActive(); }

void ImaginerView::redraw()
{
    if (!imaginer_ || baseCode_.size() == 0)
        return;
    QElapsedTimer timer;
    timer.start();
    code_ = baseCode_;
    for (int i = 0; i < latentSliders_.size() && i < code_.size(); ++i)
        code_[i] += float(kLatentRange * latentSliders_[i]->value() / 100.0);
    const double u = this->u();
    const latentset::CubeImaginer::Frame frame = imaginer_->imagine(u, code_);
    imagined_ = frame.image;
    const auto& contexts = world_->contexts();
    imaginedLabel_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(frame.image), kSide));
    QStringList chosen;
    for (int c : frame.contexts)
        chosen << QString("%1 (%2)").arg(c).arg(QString::fromStdString(contexts.name(c)));
    const auto level2 = session_->conceptModel();
    QString angle;
    if (level2->calibrated()) {
        const double theta = level2->thetaAt(u);
        const latentset::CubeRenderer renderer(contexts.geometry());
        realLabel_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(renderer.renderCube(theta, picker_->glyph())), kSide));
        realCaption_->setText(tr("θ = %1° (calibration of u)").arg(theta, 0, 'f', 1));
        angle = tr(", θ ≈ %1°").arg(theta, 0, 'f', 1);
    } else {
        realCaption_->setText(tr("The level2 model has no calibration: no matching angle."));
    }
    uLabel_->setText(tr("u = %1%2").arg(u, 0, 'f', 3).arg(angle));
    const int cols = contexts.gridColumns(), n = int(frame.contextValues.size()), rows = (n + cols - 1) / cols;
    QVector<double> v(rows * cols, std::numeric_limits<double>::quiet_NaN());
    for (int i = 0; i < n; ++i)
        v[i] = frame.contextValues[i];
    map_->setGrid(cols, rows, v);
    map_->setSelectedIndex(frame.contexts.empty() ? -1 : frame.contexts.front());
    status_->setText(tr("Chosen contexts: %1").arg(chosen.join(", ")));
    imaginedLabel_->repaint();
    frameTimes_ << timer.nsecsElapsed() / 1e6;
    if (frameTimes_.size() > 600)
        frameTimes_.remove(0, frameTimes_.size() - 600);
}

bool ImaginerView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("Imaginer view")));
}

FigureInfo ImaginerView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = status_->text();
    info.model = ModelSummary::all(*session_);
    QStringList offsets;
    for (int i = 0; i < latentSliders_.size(); ++i)
        if (latentSliders_[i]->value() != 0)
            offsets << QString("z%1%2%3").arg(i).arg(latentSliders_[i]->value() > 0 ? "+" : "").arg(
                           kLatentRange * latentSliders_[i]->value() / 100.0, 0, 'f', 2);
    info.settings = tr("glyph: %1; encoded in context %2; %3; offsets: %4")
                        .arg(picker_->glyphName())
                        .arg(source_->value())
                        .arg(uLabel_->text())
                        .arg(offsets.isEmpty() ? tr("none") : offsets.join(' '));
    return info;
}

void ImaginerView::clearFrame()
{
    imaginedLabel_->clear();
    realLabel_->clear();
    realCaption_->clear();
    imagined_ = code_ = latentset::Vector();
    map_->clear();
}

QJsonObject ImaginerView::viewState() const
{
    QJsonArray offsets;
    for (const QSlider* s : latentSliders_)
        offsets.append(s->value());
    return {{"u", u()}, {"source", source_->value()}, {"glyph", picker_->viewState()}, {"offsets", offsets}};
}

void ImaginerView::restoreViewState(const QJsonObject& state)
{
    picker_->restoreViewState(state.value("glyph").toObject());
    if (state.contains("source"))
        source_->setValue(state.value("source").toInt());
    const QJsonArray offsets = state.value("offsets").toArray();
    for (int i = 0; i < latentSliders_.size() && i < offsets.size(); ++i)
        latentSliders_[i]->setValue(offsets[i].toInt());
    if (state.contains("u"))
        setU(state.value("u").toDouble());
}
