// UnitsView: the form, the runs (core UnitsExperiment on a JobRunner) and
// the pictures; the exports, tooltips and view state are in UnitsViewOutputs.cpp.
#include "views/UnitsView.h"

#include "async/JobRunner.h"
#include "image/ImageConvert.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "views/WorldInput.h"
#include "views/WorldInputBar.h"
#include "widgets/GlyphPicker.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/experiments/UnitsExperiment.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/Error.h"
#include "latentset/world/ContextWorld.h"

#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <array>

using latentset::UnitsSettings;

namespace {

QScrollArea* scrolled(QWidget* inner, const QString& name)
{
    auto* area = new QScrollArea;
    area->setWidget(inner);
    area->setWidgetResizable(true);
    area->setAccessibleName(name);
    return area;
}

QLabel* pictureLabel(const QString& name)
{
    auto* label = new QLabel;
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setAccessibleName(name);
    label->setMouseTracking(true);
    return label;
}

} // namespace

UnitsView::UnitsView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(buildControls());

    auto* split = new QSplitter(Qt::Horizontal);
    gridLabel_ = pictureLabel(tr("First-layer filters as tiles"));
    gridLabel_->installEventFilter(this);
    split->addWidget(scrolled(gridLabel_, tr("Filter tiles")));
    auto* right = new QWidget;
    auto* column = new QVBoxLayout(right);
    inputLabel_ = new QLabel;
    inputLabel_->setAccessibleName(tr("The input and its reconstruction"));
    column->addWidget(inputLabel_);
    stripCaption_ = new QLabel;
    stripCaption_->setWordWrap(true);
    column->addWidget(stripCaption_);
    stripLabel_ = pictureLabel(tr("Decoder response to each latent direction"));
    stripLabel_->installEventFilter(this);
    column->addWidget(scrolled(stripLabel_, tr("Direction sweep")), 1);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({930, 450}); // the tiles need the room: 16 columns of 57 px
    outer->addWidget(split, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    outer->addWidget(status_);

    connect(session_, &Session::classSetChanged, this, &UnitsView::refreshMembers);
    connect(session_, &Session::cubeWorldChanged, this, &UnitsView::refreshMembers);
    connect(session_, &Session::worldChanged, this, &UnitsView::refreshMembers);
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) { status_->setText(tr("Error: %1").arg(m)); });
    refreshMembers();
}

UnitsView::~UnitsView() = default;

QWidget* UnitsView::buildControls()
{
    auto* box = new QWidget;
    auto* rows = new QVBoxLayout(box);
    rows->setContentsMargins(0, 0, 0, 0);
    source_ = new QComboBox;
    source_->addItems({tr("Class set"), tr("Cube world"), tr("Context world")});
    source_->setAccessibleName(tr("Which set"));
    member_ = new QComboBox;
    member_->setAccessibleName(tr("Member"));
    member_->setMinimumContentsLength(22); // a world's context names ("12 · scale 0.8 y 14 x 26")
    member_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    member_->setToolTip(tr("The member whose units are shown (a class; a world's context, by its name)."));
    picker_ = new GlyphPicker(session_);
    picker_->setToolTip(tr("The input: its code z* is the centre of the direction sweep, and the units' "
                           "activations on it sort the tiles."));
    worldInput_ = new WorldInputBar(session_, tr("Input:"));
    worldInput_->setToolTip(tr("A held-out item of the world (or a glyph, in a world of glyphs), shown in the "
                               "member's context: its code z* is the centre of the sweep."));
    inputCaption_ = new QLabel(tr("Input:"));
    order_ = new QComboBox;
    order_->addItems({tr("norm"), tr("activation on the input"), tr("index")});
    order_->setAccessibleName(tr("Sort units and directions by"));
    order_->setToolTip(tr("norm: a filter's |w|, a direction's |f(z*+k e_i) - f(z*-k e_i)|; activation: a unit's "
                          "relu(w.x + b), a direction's |z*_i|; largest first."));
    scale_ = new QComboBox;
    scale_->addItems({tr("each tile its own"), tr("one for all tiles")});
    scale_->setAccessibleName(tr("Tile contrast"));
    scale_->setToolTip(tr("Grey = weight 0, white = positive, black = negative; scaled by each tile's own "
                          "largest |w|, or by the largest of all (tiles then compare)."));
    tiles_ = new QComboBox;
    tiles_->addItems({tr("encoder rows"), tr("decoder columns")});
    tiles_->setAccessibleName(tr("Filters shown"));
    sweep_ = new QComboBox;
    sweep_->addItems({tr("decoded"), tr("change from f(z*)")});
    sweep_->setAccessibleName(tr("Direction sweep shows"));
    sweep_->setToolTip(tr("decoded: the pictures f(z* + o e_i); change: f(z* + o e_i) - f(z*), grey = no change, "
                          "white = brighter, black = darker (one scale for the strip)."));
    count_ = new QSpinBox;
    count_->setRange(1, 1 << 16);
    count_->setValue(256);
    count_->setAccessibleName(tr("Tiles shown"));
    count_->setToolTip(tr("How many tiles, the first in the sort order."));
    step_ = new QSlider(Qt::Horizontal);
    step_->setRange(1, 200); // k = 0.1 .. 20
    step_->setValue(int(std::lround(latentset::UnitsSettings{}.step * 10)));
    step_->setAccessibleName(tr("Offset k along a latent direction"));
    step_->setToolTip(tr("k: the sweep decodes z* + o e_i for o from -k to +k."));
    stepLabel_ = new QLabel;
    auto* first = new QHBoxLayout;
    auto* second = new QHBoxLayout;
    const auto add = [](QHBoxLayout* row, const QString& text, QWidget* w) {
        row->addWidget(new QLabel(text));
        row->addWidget(w);
        row->addSpacing(8);
    };
    add(first, tr("Set:"), source_);
    add(first, tr("Member:"), member_);
    first->addWidget(inputCaption_);
    first->addWidget(picker_);
    first->addWidget(worldInput_);
    first->addStretch(1);
    first->addWidget(buildExportButtons());
    add(second, tr("Sort by:"), order_);
    add(second, tr("Contrast:"), scale_);
    add(second, tr("Tiles:"), tiles_);
    add(second, tr("Shown:"), count_);
    add(second, tr("Sweep:"), sweep_);
    add(second, tr("k:"), step_);
    second->addWidget(stepLabel_);
    second->addStretch(1);
    rows->addLayout(first);
    rows->addLayout(second);

    connect(source_, &QComboBox::currentIndexChanged, this, &UnitsView::refreshMembers);
    for (QComboBox* box2 : {member_, order_, scale_, tiles_, sweep_})
        connect(box2, &QComboBox::currentIndexChanged, this, &UnitsView::evaluate);
    connect(count_, &QSpinBox::valueChanged, this, &UnitsView::evaluate);
    connect(step_, &QSlider::valueChanged, this, &UnitsView::evaluate);
    connect(picker_, &GlyphPicker::glyphChanged, this, &UnitsView::evaluate);
    connect(worldInput_, &WorldInputBar::changed, this, &UnitsView::evaluate);
    return box;
}

void UnitsView::setSource(Source source) { source_->setCurrentIndex(int(source)); }
UnitsView::Source UnitsView::source() const { return Source(std::clamp(source_->currentIndex(), 0, 2)); }
void UnitsView::setMember(int member) { member_->setCurrentIndex(std::clamp(member, 0, member_->count() - 1)); }
int UnitsView::shownUnits() const { return result_ ? std::min(count_->value(), int(result_->unitCount)) : 0; }
QString UnitsView::statusText() const { return status_->text(); }

UnitsSettings UnitsView::settings() const
{
    UnitsSettings s;
    s.member = std::max(0, member_->currentIndex());
    s.order = order_->currentIndex() == 1 ? UnitsSettings::Order::Activation
              : order_->currentIndex() == 2 ? UnitsSettings::Order::Index
                                            : UnitsSettings::Order::Norm;
    s.perTileScale = scale_->currentIndex() == 0;
    s.decoderFilters = tiles_->currentIndex() == 1;
    s.sweepChange = sweep_->currentIndex() == 1;
    s.step = float(step_->value()) / 10.0f;
    return s;
}

void UnitsView::setSettings(const UnitsSettings& s)
{
    setMember(s.member);
    order_->setCurrentIndex(s.order == UnitsSettings::Order::Activation ? 1 : s.order == UnitsSettings::Order::Index ? 2 : 0);
    scale_->setCurrentIndex(s.perTileScale ? 0 : 1);
    tiles_->setCurrentIndex(s.decoderFilters ? 1 : 0);
    sweep_->setCurrentIndex(s.sweepChange ? 1 : 0);
    step_->setValue(std::clamp(int(std::lround(s.step * 10.0f)), step_->minimum(), step_->maximum()));
}

QStringList UnitsView::memberNames() const
{
    QStringList names;
    for (int i = 0; i < member_->count(); ++i)
        names << member_->itemText(i);
    return names;
}

// The member list of the chosen set (a class set's or a cube's names as the
// set gives them; a context world's context names); keeps the index.
void UnitsView::refreshMembers()
{
    const Session::WorldPtr world = session_->world();
    const bool hasWorld = world && world->members && world->test;
    const std::array<bool, 3> present{bool(session_->classSet()), bool(session_->cubeMembers()), hasWorld};
    // The chosen set is empty but another is there (a cube-world project, an opened world): show that one.
    if (!present[std::size_t(source())])
        for (int k = 0; k < 3; ++k)
            if (present[std::size_t(k)]) {
                setSource(Source(k)); // refreshes again
                return;
            }
    const bool onWorld = source() == Source::ContextWorld;
    inputCaption_->setVisible(!onWorld);
    picker_->setVisible(!onWorld);
    worldInput_->setVisible(onWorld);
    worldInput_->setWorld(hasWorld ? world.get() : nullptr);
    world_ = world; // keeps the world the input bar points into alive
    const auto set = onWorld ? (hasWorld ? world->members : nullptr)
                     : source() == Source::CubeWorld ? session_->cubeMembers()
                                                     : session_->classSet();
    const int keep = member_->currentIndex();
    {
        const QSignalBlocker block(member_);
        member_->clear();
        for (int i = 0; set && i < set->size(); ++i) {
            const std::string name = onWorld && i < world->test->contextCount() ? world->test->contextName(i)
                                                                               : set->memberName(i);
            member_->addItem(QString("%1 · %2").arg(i).arg(QString::fromStdString(name)));
        }
        member_->setCurrentIndex(std::clamp(keep, 0, std::max(0, member_->count() - 1)));
    }
    const bool tied = !set || set->config().tied;
    tiles_->setEnabled(!tied);
    tiles_->setToolTip(tied ? tr("A tied member's decoder uses the encoder's filters (its last layer is W₀ᵀ): "
                                 "the same pictures.")
                            : tr("Untied: the encoder's rows (what a unit looks for) or the decoder's last-layer "
                                 "columns (what a hidden unit paints)."));
    evaluate();
}

void UnitsView::showNothing(const QString& message)
{
    result_.reset();
    filterKey_.clear();
    grid_ = strip_ = QImage();
    gridLabel_->clear();
    stripLabel_->clear();
    inputLabel_->clear();
    stripCaption_->clear();
    status_->setText(message);
}

void UnitsView::evaluate()
{
    stepLabel_->setText(QString::number(step_->value() / 10.0, 'f', 1));
    const Source from = source();
    const auto set = from == Source::ContextWorld ? (world_ ? world_->members : nullptr)
                     : from == Source::CubeWorld  ? session_->cubeMembers()
                                                  : session_->classSet();
    if (!set || (from == Source::CubeWorld && !session_->cubeContexts()) || (from == Source::ContextWorld && !world_->test)) {
        showNothing(from == Source::ContextWorld
                        ? tr("No context world in this session: train one (Training → Context world) or open a world "
                             "model file.")
                    : from == Source::CubeWorld
                        ? tr("No cube world in this session: train one (Start → Cube world) or open a project.")
                        : tr("No class set in this session: train one (Start → Classify MNIST) or open a project."));
        return;
    }
    const WorldInput worldInput = worldInput_->input();
    const latentset::Vector glyph = from == Source::ContextWorld ? worldInput.glyph : picker_->glyph();
    if (glyph.size() == 0 && !(from == Source::ContextWorld && !worldInput.isGlyph)) {
        showNothing(tr("No input: load a dataset or pick a built-in glyph."));
        return;
    }
    const UnitsSettings s = settings();
    glyphName_ = from == Source::ContextWorld ? worldInput.name : picker_->glyphName();
    // What the filter part depends on: a change of k, the offsets or the sweep's drawing alone
    // only redoes the directions (UnitsExperiment::redirect: one decode, the tiles kept).
    QByteArray key;
    QDataStream(&key, QIODevice::WriteOnly)
        << quintptr(set.get()) << quintptr(session_->cubeContexts().get()) << quintptr(world_.get()) << int(from)
        << s.member << int(s.order) << s.perTileScale << s.decoderFilters << count_->value() << worldInput.isGlyph
        << qint64(worldInput.item)
        << QByteArray(reinterpret_cast<const char*>(glyph.data()), int(glyph.size() * sizeof(float)));
    // Compared with the key of the result shown (not of a job still waiting), so a redirect
    // always starts from a result of the same member, input and filter settings.
    submitRun(s, key, result_ && key == filterKey_ ? result_ : nullptr);
}

void UnitsView::submitRun(const UnitsSettings& s, const QByteArray& key,
                          std::shared_ptr<const latentset::UnitsResult> previous)
{
    const Source from = source();
    const auto set = from == Source::ContextWorld ? world_->members
                     : from == Source::CubeWorld  ? session_->cubeMembers()
                                                  : session_->classSet();
    const auto contexts = session_->cubeContexts();
    const Session::WorldPtr world = world_;
    const WorldInput worldInput = worldInput_->input();
    const latentset::Vector glyph = picker_->glyph();
    runner_->submit([this, set, contexts, world, worldInput, from, glyph, s, previous, key]() -> JobRunner::Continuation {
        using latentset::UnitsExperiment;
        latentset::UnitsResult r;
        if (from == Source::ContextWorld) {
            const latentset::ContextWorld& w = *world->test;
            const latentset::UnitsPictures pictures = latentset::UnitsPictures::worldMember(w, s.member);
            r = previous ? UnitsExperiment::redirect(*set, *previous, s, pictures)
                         : UnitsExperiment::run(*set, latentset::ContextWorld::padRows(worldInput.maskedIn(*world, s.member),
                                                                                       w.memberInputSize())
                                                          .col(0),
                                                s, pictures);
        } else if (from == Source::CubeWorld) {
            const latentset::CubeWorldView cube(*set, *contexts);
            const latentset::UnitsPictures pictures = latentset::UnitsPictures::cubeMember(cube, s.member);
            r = previous ? UnitsExperiment::redirect(*set, *previous, s, pictures)
                         : UnitsExperiment::run(*set, cube.inputFromGlyphs(s.member, glyph).col(0), s, pictures);
        } else {
            if (glyph.size() != set->config().inputSize)
                throw latentset::Error("the class set takes " + std::to_string(set->config().inputSize)
                                       + " pixels, the input has " + std::to_string(glyph.size()));
            const latentset::UnitsPictures pictures = latentset::UnitsPictures::square(glyph.size());
            r = previous ? UnitsExperiment::redirect(*set, *previous, s, pictures)
                         : UnitsExperiment::run(*set, glyph, s, pictures);
        }
        auto shared = std::make_shared<const latentset::UnitsResult>(std::move(r));
        return [this, shared, key, redrawTiles = !previous] {
            filterKey_ = key;
            showResult(shared, redrawTiles);
        };
    });
}

void UnitsView::showResult(std::shared_ptr<const latentset::UnitsResult> result, bool redrawTiles)
{
    const latentset::UnitsResult& r = *result;
    // Tiles that fit the left pane (about 930 px): 28-pixel pictures 16 a row at
    // zoom 2; a world's 29-46 pixel frames 11 a row at zoom 2; larger frames
    // (the cube's 64) 10 a row at zoom 1.
    layout_ = r.pictureWidth <= 28   ? UnitsPicture::Layout{16, 2}
              : r.pictureWidth <= 46 ? UnitsPicture::Layout{11, 2}
                                     : UnitsPicture::Layout{10, 1};
    const int shown = std::min(count_->value(), int(r.unitCount));
    if (redrawTiles || grid_.isNull()) {
        grid_ = UnitsPicture::filterGrid(r, shown, layout_);
        gridLabel_->setPixmap(QPixmap::fromImage(grid_));
    }
    strip_ = UnitsPicture::directionStrip(r, layout_);
    stripLabel_->setPixmap(QPixmap::fromImage(strip_));
    const int side = std::max(56, 2 * r.pictureWidth);
    QImage pair(2 * side + 8, side, QImage::Format_RGB32);
    pair.fill(palette().window().color());
    {
        QPainter p(&pair);
        p.drawImage(0, 0, ImageConvert::toImage(r.input, r.pictureWidth, r.pictureHeight).scaled(side, side));
        p.drawImage(side + 8, 0, ImageConvert::toImage(r.reconstruction, r.pictureWidth, r.pictureHeight).scaled(side, side));
    }
    inputLabel_->setPixmap(QPixmap::fromImage(pair));
    inputLabel_->setToolTip(tr("Left: the input %1 as member %2 sees it; right: its reconstruction f(z*).")
                                .arg(glyphName_)
                                .arg(r.member));
    const UnitsSettings s = settings();
    QStringList dirs, offsets;
    for (latentset::Index i : r.directionOrder)
        dirs << QString::number(i);
    for (float o : r.offsets)
        offsets << (o > 0 ? "+" : "") + QString::number(double(o), 'g', 3);
    stripCaption_->setText(tr("Input %1 (left) and its reconstruction. Below: f(z* + o·e_i), one row per latent "
                              "direction (top to bottom: %2, by %3), o = %4; the framed column is o = 0, the "
                              "reconstruction.")
                               .arg(glyphName_, dirs.join(", "), QString(UnitsSettings::orderName(s.order)),
                                    offsets.join(", ")));
    const QString set = source() == Source::ContextWorld ? tr("world context")
                        : source() == Source::CubeWorld  ? tr("cube world context")
                                                         : tr("class set member");
    const QString filters = r.tied ? tr("Tied: the decoder's last layer is W₀ᵀ, so each tile is also the picture that "
                                        "hidden unit adds to the reconstruction.")
                                   : (r.decoderFilters ? tr("Untied: tiles are the decoder's last-layer columns.")
                                                       : tr("Untied: tiles are the encoder's rows (the decoder has its own)."));
    const QString frame = source() == Source::ClassSet
                              ? QString()
                              : tr(" Pictures in the world's %1 × %2 frame (grey off the context's mask).")
                                    .arg(r.pictureWidth)
                                    .arg(r.pictureHeight);
    status_->setText(tr("%1 %2 (\"%3\"): %4 first-layer units of %5 inputs, %6 latent directions; showing %7 tiles "
                        "by %8. Grey = 0, white > 0, black < 0. %9")
                         .arg(set)
                         .arg(r.member)
                         .arg(QString::fromStdString(r.memberName))
                         .arg(r.unitCount)
                         .arg(r.inputSize)
                         .arg(r.latentSize)
                         .arg(shown)
                         .arg(QString(UnitsSettings::orderName(s.order)))
                         .arg(filters)
                     + frame);
    result_ = std::move(result);
}

