#include "views/WorldGalleryView.h"

#include "async/JobRunner.h"
#include "image/ImageConvert.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "views/WorldInputBar.h"
#include "widgets/ContextMapView.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "widgets/SpinBoxes.h"

#include "latentset/world/WorldTransfer.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

WorldGalleryView::WorldGalleryView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    input_ = new WorldInputBar(session_, tr("Item:"));
    controls->addWidget(input_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("shown in context")));
    source_ = SpinBoxes::make(tr("Source context"), 0, 0);
    source_->setToolTip(tr("The context the item is shown in and encoded by (or click a cell)."));
    controls->addWidget(source_);
    truth_ = new QCheckBox(tr("Truth (the item really in each context)"));
    truth_->setToolTip(tr("Instead of the transferred images: the item as every context really shows it."));
    controls->addWidget(truth_);
    controls->addStretch();
    auto* exportButton = new QPushButton(tr("Export PNG…"));
    exportButton->setAccessibleName(tr("Export the world gallery view as PNG"));
    controls->addWidget(exportButton);
    outer->addLayout(controls);
    map_ = new ContextMapView;
    map_->setAccessibleName(tr("Item transferred into every context"));
    map_->setPlaceholderText(tr("No context world in this session: train one (Training → Context world, or a "
                                "world recipe on the Start page) or open a world model."));
    map_->setFigureInfo([this] { return figureInfo(tr("World transfer gallery")); });
    outer->addWidget(map_, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    outer->addWidget(status_);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export world gallery"), "world-gallery.png",
                                                          tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(input_, &WorldInputBar::changed, this, &WorldGalleryView::evaluate);
    connect(source_, &QSpinBox::valueChanged, this, &WorldGalleryView::evaluate);
    connect(truth_, &QCheckBox::toggled, this, &WorldGalleryView::evaluate);
    connect(map_, &ContextMapView::cellActivated, this, [this](int c) { source_->setValue(c); });
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) { status_->setText(tr("Error: %1").arg(m)); });
    connect(session_, &Session::worldChanged, this, &WorldGalleryView::worldChanged);
    worldChanged();
}

WorldGalleryView::~WorldGalleryView() = default;

void WorldGalleryView::worldChanged()
{
    const auto world = session_->world();
    const bool newContexts = !world || !world_ || world->train != world_->train;
    world_ = world;
    if (newContexts) {
        input_->setWorld(world_.get());
        if (world_ && world_->test) {
            const latentset::ContextWorld& w = *world_->test;
            map_->setMapLayout(ContextMapLayout::forWorld(w));
            QVector<QString> names;
            for (int c = 0; c < w.contextCount(); ++c)
                names << QString::fromStdString(w.contextName(c));
            map_->setContextNames(names);
            source_->setMaximum(w.contextCount() - 1);
        } else {
            map_->setMapLayout({});
        }
    }
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    evaluate();
}

void WorldGalleryView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (std::exchange(stale_, false))
        evaluate();
}

void WorldGalleryView::evaluate()
{
    const auto world = world_;
    if (!world || !world->members || !world->test) {
        map_->clear();
        status_->setText(map_->placeholderText());
        return;
    }
    const WorldInput input = input_->input();
    if (input.isGlyph && input.glyph.size() == 0) {
        status_->setText(tr("No glyph: pick a built-in one or draw one on the pad."));
        return;
    }
    const int source = source_->value();
    const bool truth = truth_->isChecked();
    map_->setTitle(truth ? tr("%1 as every context shows it").arg(input.name)
                         : tr("%1 shown in context %2, moved into every context: decode_j(encode_%2(x))")
                               .arg(input.name)
                               .arg(source));
    runner_->submit([this, world, input, source, truth]() -> JobRunner::Continuation {
        const latentset::ContextWorld& w = *world->test;
        const int n = w.contextCount();
        latentset::Matrix frames(w.frameSize(), n);
        if (truth) {
            for (int c = 0; c < n; ++c)
                frames.col(c) = input.frameIn(*world, c).col(0);
        } else {
            const latentset::WorldTransfer transfer(*world->members, w);
            frames = transfer.decodeAll(transfer.encodeFrames(source, input.frameIn(*world, source)).col(0));
        }
        QVector<QImage> images(n);
        for (int c = 0; c < n; ++c)
            images[c] = ImageConvert::toImage(latentset::Vector(frames.col(c)), w.frameWidth(), w.frameHeight());
        return [this, images, world, source] {
            if (world != world_)
                return;
            images_ = images;
            map_->setImages(images);
            map_->setSelectedIndex(source);
            status_->setText(tr("%1 · %2 · %3 rounds. Click a context to move the item from there.")
                                 .arg(QString::fromStdString(world->spec.kind), map_->mapLayout().description)
                                 .arg(qint64(world->rounds)));
        };
    });
}

bool WorldGalleryView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("World gallery view")));
}

FigureInfo WorldGalleryView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = map_->title();
    info.model = ModelSummary::all(*session_);
    info.settings = tr("input: %1; source context: %2%3")
                        .arg(input_->input().name)
                        .arg(source_->value())
                        .arg(truth_->isChecked() ? tr("; truth") : QString());
    return info;
}

QJsonObject WorldGalleryView::viewState() const
{
    return {{"input", input_->viewState()}, {"source", source_->value()}, {"truth", truth_->isChecked()}};
}

void WorldGalleryView::restoreViewState(const QJsonObject& state)
{
    input_->restoreViewState(state.value("input").toObject());
    source_->setValue(state.value("source").toInt());
    truth_->setChecked(state.value("truth").toBool());
}
