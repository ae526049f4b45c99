// CompareView's world parts (docs/units-and-compare.md "Compare runs"):
// the loss per round of cubes and worlds, the
// world maps (per-context errors, A - B) and a world's settings. Reading
// the files is in CompareViewFiles.cpp, the projects' parts in CompareView.cpp.
#include "project/CompareView.h"

#include "async/JobRunner.h"
#include "widgets/ContextMapLayout.h"
#include "widgets/ContextMapView.h"
#include "widgets/PlotView.h"
#include "widgets/SpinBoxes.h"

#include "latentset/experiments/WorldTrainExperiment.h"
#include "latentset/util/JsonWriter.h"
#include "latentset/util/ThreadPool.h"
#include "latentset/world/ContextWorld.h"
#include "latentset/world/WorldModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

const char* const kNames[] = {"A", "B"};

QVector<double> toDoubles(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

QVector<QString> contextNames(const latentset::ContextWorld& world)
{
    QVector<QString> names;
    for (int c = 0; c < world.contextCount(); ++c)
        names << QString::fromStdString(world.contextName(c));
    return names;
}

} // namespace

QString CompareView::roundLossNote() const { return roundNote_->text(); }

// The curves page: the note below the plots, or (alone) in the middle of the page.
// Its layout (buildCurves): the member row, the plots (stretch 1), the note.
void CompareView::setNoteAlone(bool alone)
{
    roundNote_->setAlignment(alone ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter);
    if (auto* box = qobject_cast<QBoxLayout*>(roundNote_->parentWidget()->layout())) {
        box->setStretch(1, alone ? 0 : 1);
        box->setStretch(2, alone ? 1 : 0);
    }
}

// The cube's or the world's loss per round (round, self, cross), A solid and
// B dashed; a file that keeps none is named below the plots.
void CompareView::showRoundCurves()
{
    roundLoss_->removeAllSeries();
    if (const QString why = mismatch(); !why.isEmpty()) {
        // Nothing is compared: no curves, the reason instead.
        for (PlotView* plot : {loss_, accuracy_, roundLoss_}) {
            plot->removeAllSeries();
            plot->setVisible(false);
        }
        memberRow_->setVisible(false);
        roundNote_->setText(why);
        setNoteAlone(true);
        roundNote_->setVisible(true);
        return;
    }
    setNoteAlone(false);
    const QColor colours[] = {QColor(0, 114, 178), QColor(213, 94, 0)};
    QStringList notes;
    bool anyRounds = false, anyClassCurves = false;
    for (int side = 0; side < 2; ++side) {
        const Side& s = sides_[std::size_t(side)];
        anyRounds = anyRounds || s.hasRounds;
        anyClassCurves = anyClassCurves || s.classSet || !s.project.value("curves").toArray().isEmpty();
        if (!s.loaded || !s.hasRounds)
            continue;
        if (s.rounds.empty()) {
            notes << (s.world ? tr("Run %1 stores no training history (a world model file written before world files "
                                   "kept their loss per round).")
                                    .arg(kNames[side])
                              : tr("Run %1 stores no cube training curves (a cube model without its training state: "
                                   "cube train --save, or a project saved with weights only).")
                                    .arg(kNames[side]));
            continue;
        }
        int k = 0;
        for (const latentset::HistorySeries& h : latentset::RunComparison::historySeries(s.rounds, true)) {
            const QColor colour = k++ == 0 ? colours[side] : colours[side].lighter(150);
            const int series = roundLoss_->addSeries(QString("%1 · %2").arg(kNames[side], QString::fromStdString(h.name)),
                                                     colour, PlotView::Kind::Line,
                                                     side == 0 ? Qt::SolidLine : Qt::DashLine);
            roundLoss_->setSeries(series, toDoubles(h.x), toDoubles(h.y));
        }
    }
    roundNote_->setText(notes.join(' '));
    roundNote_->setVisible(!notes.isEmpty());
    roundLoss_->setVisible(anyRounds);
    // Two world files have no class-set curves: the round plot gets the page.
    loss_->setVisible(anyClassCurves || !anyRounds);
    accuracy_->setVisible(anyClassCurves || !anyRounds);
    memberRow_->setVisible(anyClassCurves || !anyRounds);
    roundLoss_->setTitle(roundLoss_->seriesCount() > 0
                             ? tr("Cube / world training loss per round: A solid, B dashed")
                             : tr("Cube / world training loss per round: neither file stores one"));
}

QWidget* CompareView::buildWorldMaps()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Show")));
    worldMetric_ = new QComboBox;
    worldMetric_->addItems({tr("transfer error into each context"), tr("self (reconstruction) error")});
    worldMetric_->setAccessibleName(tr("Per-context error shown on the world maps"));
    worldMetric_->setToolTip(tr("Transfer into c: decode_c(encode_i(x_i)) against x_c, mean over the other contexts "
                                "i; self: member c's own reconstruction. Mean squared error per mask pixel."));
    controls->addWidget(worldMetric_);
    controls->addWidget(new QLabel(tr("on")));
    worldItems_ = SpinBoxes::make(tr("Held-out items the world maps are measured on"), 1, 1000);
    worldItems_->setValue(20);
    controls->addWidget(worldItems_);
    controls->addWidget(new QLabel(tr("held-out items")));
    controls->addStretch();
    layout->addLayout(controls);
    auto* row = new QHBoxLayout;
    const QString titles[] = {tr("A"), tr("B"), tr("A − B")};
    for (int k = 0; k < 3; ++k) {
        worldMaps_[std::size_t(k)] = new ContextMapView;
        worldMaps_[std::size_t(k)]->setTitle(titles[k]);
        worldMaps_[std::size_t(k)]->setPlaceholderText(tr("Open two world model files (A and B) to compare their "
                                                          "context maps."));
        row->addWidget(worldMaps_[std::size_t(k)]);
    }
    layout->addLayout(row, 1);
    connect(worldMetric_, &QComboBox::currentIndexChanged, this, &CompareView::showWorldMaps);
    connect(worldItems_, &QSpinBox::valueChanged, this, &CompareView::evaluateWorlds);
    return page;
}

void CompareView::setWorldMetric(int metric) { worldMetric_->setCurrentIndex(std::clamp(metric, 0, 1)); }

// Both worlds' per-context errors on the same number of held-out items, on a worker.
void CompareView::evaluateWorlds()
{
    if (!sides_[0].world || !sides_[1].world || !mismatch().isEmpty() || sides_[0].worldSource.empty()
        || sides_[1].worldSource.empty()) {
        worldErrors_ = {};
        showWorldMaps();
        return;
    }
    using Input = std::pair<std::shared_ptr<const latentset::WorldModel>, std::shared_ptr<const latentset::ContextWorld>>;
    const std::array<Input, 2> in{Input{sides_[0].world, sides_[0].worldSource.test},
                                  Input{sides_[1].world, sides_[1].worldSource.test}};
    const int items = worldItems_->value();
    for (ContextMapView* map : worldMaps_)
        map->setPlaceholderText(tr("measuring both worlds on %1 held-out items…").arg(items));
    worldRunner_->submit([this, in, items]() -> JobRunner::Continuation {
        std::array<latentset::WorldContextErrors, 2> e;
        for (int s = 0; s < 2; ++s) {
            const latentset::ContextWorld& world = *in[std::size_t(s)].second;
            e[std::size_t(s)] = latentset::RunComparison::worldContextErrors(
                in[std::size_t(s)].first->members, world, latentset::WorldTrainExperiment::spread(world, items),
                &latentset::ThreadPool::shared());
        }
        return [this, e] {
            worldErrors_[0] = e[0];
            worldErrors_[1] = e[1];
            showWorldMaps();
        };
    });
}

void CompareView::showWorldMaps()
{
    const bool transfer = worldMetric_->currentIndex() == 0;
    const QString what = transfer ? tr("transfer error into each context") : tr("self error");
    std::array<latentset::Vector, 2> values;
    for (int s = 0; s < 2; ++s) {
        ContextMapView* map = worldMaps_[std::size_t(s)];
        const Side& side = sides_[std::size_t(s)];
        const auto& e = worldErrors_[std::size_t(s)];
        if (!e || side.worldSource.empty()) {
            map->clear();
            if (!side.world)
                map->setPlaceholderText(tr("Run %1 is no world model file: the world maps compare two of them.")
                                            .arg(kNames[s]));
            continue;
        }
        values[std::size_t(s)] = transfer ? e->transfer : e->self;
        const latentset::ContextWorld& world = *side.worldSource.test;
        map->setMapLayout(ContextMapLayout::forWorld(world));
        map->setContextNames(contextNames(world));
        map->setTitle(tr("%1: %2 (mean %3)")
                          .arg(kNames[s], what)
                          .arg(transfer ? e->transferMean : e->selfMean, 0, 'g', 4));
        map->setScaleLabel(tr("MSE per pixel"));
        map->setValues(QVector<double>(values[std::size_t(s)].begin(), values[std::size_t(s)].end()));
    }
    const latentset::Vector diff = latentset::RunComparison::difference(values[0], values[1]);
    if (values[0].size() > 0 && diff.size() > 0) {
        const double lo = std::min(values[0].minCoeff(), values[1].minCoeff());
        const double hi = std::max(values[0].maxCoeff(), values[1].maxCoeff());
        worldMaps_[0]->setDataRange(lo, hi); // one scale for A and B, so colours compare
        worldMaps_[1]->setDataRange(lo, hi);
    }
    ContextMapView* d = worldMaps_[2];
    if (values[0].size() == 0 || values[1].size() == 0) {
        d->clear();
        d->setPlaceholderText(tr("A − B needs two world model files, both measured."));
        return;
    }
    if (diff.size() == 0) {
        d->clear();
        d->setPlaceholderText(tr("No difference map: A has %1 contexts, B %2.").arg(values[0].size()).arg(values[1].size()));
        return;
    }
    const double m = std::max(1e-12, double(diff.cwiseAbs().maxCoeff()));
    d->setMapLayout(ContextMapLayout::forWorld(*sides_[0].worldSource.test));
    d->setContextNames(contextNames(*sides_[0].worldSource.test)); // A's contexts (as many as B's)
    d->setTitle(tr("A − B: %1 (< 0 where A is lower)").arg(what));
    d->setScaleLabel(tr("A − B"));
    d->setDataRange(-m, m);
    d->setValues(QVector<double>(diff.begin(), diff.end()));
}

// A world model file's settings for the diff: its world, its recipe and the
// figures saved with it; "members" becomes models.world.
QJsonObject CompareView::worldSettings(const Side& side) const
{
    const latentset::WorldModel& m = *side.world;
    const QByteArray spec = QByteArray::fromStdString(latentset::JsonWriter::write(m.spec.toJson()));
    const latentset::SharedLatentSettings& t = m.training;
    QJsonObject o;
    o["world"] = QJsonDocument::fromJson(spec).object();
    o["training"] = QJsonObject{{"hidden", qint64(t.hidden)},
                                {"latent", qint64(t.latent)},
                                {"batchSize", t.batchSize},
                                {"crossPerSelf", t.crossPerSelf},
                                {"learningRate", QString::number(double(t.learningRate), 'g', 7).toDouble()},
                                {"seed", QString::number(t.seed)}};
    o["rounds"] = qint64(m.rounds);
    o["trainSeconds"] = std::round(m.trainSeconds * 10) / 10;
    o["selfError"] = m.selfError;
    o["transferError"] = m.transferError;
    o["noiseVariance"] = m.noiseVariance;
    o["members"] = QJsonObject{{"contexts", m.members.size()},
                               {"member", QString::fromStdString(m.members.config().describe())},
                               {"weightsSeed", QString::number(m.members.seed())}};
    return o;
}
