#include "views/WorldOneShotView.h"

#include "async/JobRunner.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "views/WorldInputBar.h"
#include "widgets/ContextMapView.h"
#include "widgets/GlyphPicker.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

WorldOneShotView::WorldOneShotView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    a_ = new WorldInputBar(session_, tr("A:"));
    b_ = new WorldInputBar(session_, tr("B:"));
    // The paper's pair: V and + (glyph worlds); A and B as items otherwise.
    a_->picker()->select("builtin", "V");
    b_->picker()->select("builtin", "plus");
    controls->addWidget(a_);
    controls->addSpacing(16);
    controls->addWidget(b_);
    controls->addStretch();
    auto* exportButton = new QPushButton(tr("Export PNG…"));
    exportButton->setAccessibleName(tr("Export the world one-shot view as PNG"));
    controls->addWidget(exportButton);
    outer->addLayout(controls);
    auto* body = new QHBoxLayout;
    map_ = new ContextMapView;
    map_->setTitle(tr("One-shot score per source context (% of contexts where A and B fall on their sides)"));
    map_->setScaleLabel(tr("% of contexts"));
    map_->setDataRange(0, 100);
    map_->setAccessibleName(tr("One-shot score per source context"));
    map_->setPlaceholderText(tr("No context world in this session: train one (Training → Context world, or a "
                                "world recipe on the Start page) or open a world model."));
    map_->setFigureInfo([this] { return figureInfo(tr("World one-shot map")); });
    map_->setLabelFunction([this](int c) {
        if (c < 0 || c >= int(scores_.size()) || !world_)
            return QString();
        return tr("shown once in context %1 (%2): %3 / %4 contexts")
            .arg(c)
            .arg(QString::fromStdString(world_->test->contextName(c)))
            .arg(scores_[std::size_t(c)].score)
            .arg(scores_[std::size_t(c)].contexts);
    });
    body->addWidget(map_, 3);
    auto* right = new QVBoxLayout;
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    summary_->setMinimumWidth(280);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_ = new QLabel(tr("Click a context to see its distances."));
    details_->setWordWrap(true);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(summary_);
    right->addWidget(details_);
    right->addStretch();
    body->addLayout(right, 1);
    outer->addLayout(body, 1);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export world one-shot"), "world-oneshot.png",
                                                          tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(a_, &WorldInputBar::changed, this, &WorldOneShotView::evaluate);
    connect(b_, &WorldInputBar::changed, this, &WorldOneShotView::evaluate);
    connect(map_, &ContextMapView::cellActivated, this, &WorldOneShotView::showDetails);
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) { summary_->setText(tr("Error: %1").arg(m)); });
    connect(session_, &Session::worldChanged, this, &WorldOneShotView::worldChanged);
    worldChanged();
}

WorldOneShotView::~WorldOneShotView() = default;

void WorldOneShotView::worldChanged()
{
    const auto world = session_->world();
    const bool newContexts = !world || !world_ || world->train != world_->train;
    world_ = world;
    if (newContexts) {
        for (WorldInputBar* bar : {a_, b_})
            bar->setWorld(world_.get());
        // Glyphs where the world shows them (V and +), else two held-out items.
        const bool glyphs = world_ && world_->test && world_->test->glyphSize() == 28;
        a_->kindBox()->setCurrentIndex(glyphs ? 1 : 0);
        b_->kindBox()->setCurrentIndex(glyphs ? 1 : 0);
        if (!glyphs && world_ && world_->test && world_->test->itemCount() > 1)
            b_->itemBox()->setValue(1);
        map_->setMapLayout(world_ && world_->test ? ContextMapLayout::forWorld(*world_->test) : ContextMapLayout{});
    }
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    evaluate();
}

void WorldOneShotView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (std::exchange(stale_, false))
        evaluate();
}

void WorldOneShotView::evaluate()
{
    const auto world = world_;
    if (!world || !world->members || !world->test) {
        map_->clear();
        summary_->setText(map_->placeholderText());
        return;
    }
    const WorldInput a = a_->input(), b = b_->input();
    if ((a.isGlyph && a.glyph.size() == 0) || (b.isGlyph && b.glyph.size() == 0)) {
        summary_->setText(tr("Pick two glyphs (built-in, or drawn on the pad)."));
        return;
    }
    runner_->submit([this, world, a, b]() -> JobRunner::Continuation {
        const latentset::ContextWorld& w = *world->test;
        // A and B as seen in context c: one column each.
        const latentset::WorldOneShot::Views views = [&world, &w, a, b](int c) {
            latentset::Matrix ab(w.maskSize(c), 2);
            ab.col(0) = a.maskedIn(*world, c).col(0);
            ab.col(1) = b.maskedIn(*world, c).col(0);
            return ab;
        };
        const latentset::WorldOneShot oneShot(*world->members, w);
        std::vector<latentset::WorldOneShotScore> scores;
        for (int s = 0; s < w.contextCount(); ++s)
            scores.push_back(oneShot.run(views, s));
        return [this, scores, world, a, b] {
            if (world != world_)
                return;
            scores_ = scores;
            QVector<double> v;
            double mean = 0;
            int weakest = 0;
            for (std::size_t s = 0; s < scores.size(); ++s) {
                v << scores[s].percent;
                mean += scores[s].percent / double(scores.size());
                if (scores[s].percent < scores[std::size_t(weakest)].percent)
                    weakest = int(s);
            }
            map_->setValues(v);
            summary_->setText(tr("<b>%1</b> vs <b>%2</b>, each shown once in a source context, then in all %3 "
                                 "contexts.<br>Mean score over the sources: <b>%4 %</b>; weakest source: context "
                                 "%5 (%6 %).")
                                  .arg(a.name.toHtmlEscaped(), b.name.toHtmlEscaped())
                                  .arg(scores.size())
                                  .arg(mean, 0, 'f', 1)
                                  .arg(weakest)
                                  .arg(scores[std::size_t(weakest)].percent, 0, 'f', 1));
            showDetails(map_->selectedIndex() >= 0 ? map_->selectedIndex() : 0);
        };
    });
}

void WorldOneShotView::showDetails(int s)
{
    if (s < 0 || s >= int(scores_.size()) || !world_)
        return;
    const latentset::WorldOneShotScore& x = scores_[std::size_t(s)];
    map_->setSelectedIndex(s);
    details_->setText(tr("Shown once in context %1 (%2): both on their side in <b>%3 / %4</b> contexts. Distance of "
                         "A's code to A in the other contexts %5 (mean), to B in the same context %6 (paper: 0.98 "
                         "vs 6.21 on the cube).")
                          .arg(s)
                          .arg(QString::fromStdString(world_->test->contextName(s)).toHtmlEscaped())
                          .arg(x.score)
                          .arg(x.contexts)
                          .arg(x.meanSameDistance, 0, 'f', 2)
                          .arg(x.otherDistance, 0, 'f', 2));
}

bool WorldOneShotView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("World one-shot view")));
}

FigureInfo WorldOneShotView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = summary_->text();
    info.model = ModelSummary::all(*session_);
    info.settings = tr("A: %1; B: %2").arg(a_->input().name, b_->input().name);
    return info;
}

QJsonObject WorldOneShotView::viewState() const { return {{"a", a_->viewState()}, {"b", b_->viewState()}}; }

void WorldOneShotView::restoreViewState(const QJsonObject& state)
{
    a_->restoreViewState(state.value("a").toObject());
    b_->restoreViewState(state.value("b").toObject());
}
