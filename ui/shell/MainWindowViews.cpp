// MainWindow's views of a context world and the latent map's wiring: the
// world views (docs/ui.md "World views") and where a latent-map selection
// goes; the attack view (docs/ui.md "Attack view"). The rest of the window is in MainWindow.cpp.
#include "shell/MainWindow.h"
#include "project/ProjectController.h"
#include "training/TrainingPanel.h"
#include "training/WorldTrainingPanel.h"
#include "views/AttackView.h"
#include "views/GalleryView.h"
#include "views/InterpretationsView.h"
#include "views/HeatmapView.h"
#include "views/LatentMapView.h"
#include "views/PadView.h"
#include "views/WorldGalleryView.h"
#include "views/WorldHeatmapView.h"
#include "views/WorldImaginerView.h"
#include "views/WorldInputBar.h"
#include "views/WorldOneShotView.h"
#include "widgets/GlyphPicker.h"

#include <QComboBox>
#include <QSpinBox>
#include <QStatusBar>

MainWindow::WorldViews MainWindow::addWorldViews()
{
    // Any context world (docs/ui.md "World views"), beside the cube's views.
    auto* heatmap = new WorldHeatmapView(session_);
    auto* gallery = new WorldGalleryView(session_);
    auto* oneShot = new WorldOneShotView(session_);
    addView("world-heatmap", tr("World heatmap"), heatmap);
    addView("world-gallery", tr("World gallery"), gallery);
    addView("world-oneshot", tr("World one-shot"), oneShot);
    project_->addViewState("world-heatmap", [heatmap] { return heatmap->viewState(); },
                           [heatmap](const QJsonObject& o) { heatmap->restoreViewState(o); });
    project_->addViewState("world-gallery", [gallery] { return gallery->viewState(); },
                           [gallery](const QJsonObject& o) { gallery->restoreViewState(o); });
    project_->addViewState("world-oneshot", [oneShot] { return oneShot->viewState(); },
                           [oneShot](const QJsonObject& o) { oneShot->restoreViewState(o); });
    // The level-2 concept of any world but the cube (which keeps view "imaginer").
    auto* imaginer = new WorldImaginerView(session_);
    addView("world-imaginer", tr("World imaginer"), imaginer);
    project_->addViewState("world-imaginer", [imaginer] { return imaginer->viewState(); },
                           [imaginer](const QJsonObject& o) { imaginer->restoreViewState(o); });
    connect(imaginer, &WorldImaginerView::openRequested, this,
            [this](const QString& path) { project_->openInBackground(path); });
    // A world model file (latentset-cli world train --save) opens through File > Open and --project.
    project_->setForeignOpener([this](const QString& path) {
        if (!WorldTrainingPanel::isWorldModelFile(path))
            return false;
        // The view stays (a --view of the command line, the one the user is on);
        // the status bar says where the world is shown.
        training_->worldPanel()->openModel(path, [this, path](const QString& error) {
            statusBar()->showMessage(error.isEmpty() ? tr("Opened the world model %1: see World heatmap, World "
                                                          "gallery, World one-shot and World imaginer")
                                                           .arg(path)
                                                     : error,
                                     8000);
        });
        return true;
    });
    return {heatmap, gallery, oneShot};
}

void MainWindow::addInterpretationsView()
{
    // Its posterior is fitted on the class set's training data: the Training view's dataset.
    auto* view = new InterpretationsView(session_, [this] { return training_->data(); });
    addView("interpretations", tr("Interpretations"), view);
    project_->addViewState("interpretations", [view] { return view->viewState(); },
                           [view](const QJsonObject& o) { view->restoreViewState(o); });
}

void MainWindow::wireLatentMap(LatentMapView* latent, HeatmapView* heatmap, GalleryView* gallery, PadView* pad,
                               const WorldViews& worldViews)
{
    // Inputs selected on the latent map go to a view's glyph picker (the
    // session's samples by index): the first one, the first two to the pad's A and B.
    // A context world's map sends held-out items to the world views' item
    // boxes instead: heatmap, gallery, one-shot (A and B).
    connect(latent, &LatentMapView::inputsChosen, this, [=, this](const QVector<int>& samples, const QString& view) {
        if (latent->resultSource() == "world") {
            auto pick = [](WorldInputBar* bar, int item) {
                bar->kindBox()->setCurrentIndex(bar->kindBox()->findData("item"));
                bar->itemBox()->setValue(item);
            };
            if (view == "heatmap")
                pick(worldViews.heatmap->inputBar(), samples.value(0));
            else if (view == "gallery")
                pick(worldViews.gallery->inputBar(), samples.value(0));
            else if (view == "pad") {
                pick(worldViews.oneShot->inputA(), samples.value(0));
                if (samples.size() > 1)
                    pick(worldViews.oneShot->inputB(), samples[1]);
            }
            showView(view == "pad" ? QString("world-oneshot") : "world-" + view);
            return;
        }
        const QString first = QString::number(samples.value(0));
        if (view == "gallery")
            gallery->picker()->select("sample", first);
        else if (view == "heatmap")
            heatmap->picker()->select("sample", first);
        else if (view == "pad") {
            pad->pickerA()->select("sample", first);
            if (samples.size() > 1)
                pad->pickerB()->select("sample", QString::number(samples[1]));
        }
        showView(view);
    });
    project_->addViewState("latent", [latent] { return latent->viewState(); },
                           [latent](const QJsonObject& o) { latent->restoreViewState(o); });
}

void MainWindow::addAttackView()
{
    // One image attacked, the class set against its MLP baseline; the MLP
    // trains on the training panel's dataset.
    auto* attack = new AttackView(session_);
    attack->setTrainingData([this] { return training_->data(); });
    addView("attack", tr("Attack"), attack);
    project_->addViewState("attack", [attack] { return attack->viewState(); },
                           [attack](const QJsonObject& o) { attack->restoreViewState(o); });
}
