#pragma once
#include <QJsonObject>
#include <QVector>
#include <QWidget>

#include "latentset/experiments/LatentMapSettings.h"
#include "widgets/FigureInfo.h"

#include <memory>
#include <stop_token>

class JobRunner;
class LatentMapCanvas;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class Session;
namespace latentset {
class ContextWorld;
class Pca;
struct LatentMapResult;
} // namespace latentset

// View "latent": the latent map (docs/latent-map.md, docs/ui.md). The codes
// of the session's class set on its test images (each by the member that
// explains it best, or by a chosen member) or of its cube world's items in
// every context, projected to 2-D by core's LatentMapExperiment: PCA, or
// t-SNE with its perplexity and iterations chosen before it runs. The run
// is a JobRunner job (off the GUI thread) with a progress bar and Cancel.
//
// Colour by class, context or item (legend at the right); a world's items
// are joined across their contexts; the ratio of within-item spread to
// between-item distance is shown under the map. Hover: the input's
// thumbnail (a world: as seen in that point's context). Drag a rectangle
// (or a lasso) to select; "Send to" gives the first selected input to the
// gallery or the heatmap, the first two to the pad's one-shot pickers
// (inputsChosen; MainWindow wires it). Live: with "Follow training" a new
// snapshot of the model re-runs a PCA map (at most every kLiveInterval), in
// the first map's basis ("fixed") or a basis fitted again. Export PNG, SVG, CSV of coordinates.
class LatentMapView : public QWidget {
    Q_OBJECT
public:
    explicit LatentMapView(Session* session, QWidget* parent = nullptr);
    ~LatentMapView() override;

    LatentMapCanvas* canvas() const { return canvas_; }
    // The controls as settings (model left empty), and back.
    latentset::LatentMapSettings settings() const;
    void setSettings(const latentset::LatentMapSettings& settings);
    // "class-set" or "cube"; false if the session has no such model.
    bool setSource(const QString& source);
    QString source() const;
    // The source of the map shown ("class-set", "cube", "world"; empty before the first).
    QString resultSource() const { return resultSource_; }
    // "class", "context" or "item".
    void setColourBy(const QString& by);
    // Follow the training's snapshots (PCA), in a fixed or refitted basis.
    void setLive(bool follow, bool fixedBasis);

    // The map shown (null before the first run).
    const latentset::LatentMapResult* result() const { return result_.get(); }
    bool running() const;
    QString ratioText() const;
    // A live map is redrawn at most this often (ms) while snapshots arrive.
    static constexpr int kLiveInterval = 2000;
    // The inputs (sample indices) behind the selected points, each once, in point order.
    QVector<int> selectedInputs() const;

    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportSvg(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    FigureInfo figureInfo(const QString& title) const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void run();
    void cancel();

signals:
    // `view` is "gallery", "heatmap" or "pad"; `samples` indices into the
    // session's samples, or (resultSource() "world") held-out items of the
    // session's context world.
    void inputsChosen(const QVector<int>& samples, const QString& view);
    // A map is shown (a run finished, stopped or not).
    void mapShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildControls();
    QWidget* buildSidePanel();
    void updateSources();
    void modelChanged(const QString& source);
    void showResult(std::shared_ptr<const latentset::LatentMapResult> result,
                    std::shared_ptr<const latentset::ContextWorld> world);
    void rebuildScatter();
    void showHover(int point);
    void showProgress(int iteration, int iterations, double kl);
    void send(const QString& view);
    void exportWithDialog(const QString& kind);

    Session* session_;
    JobRunner* runner_ = nullptr;
    LatentMapCanvas* canvas_ = nullptr;
    QComboBox* source_ = nullptr;
    QComboBox* method_ = nullptr;
    QComboBox* member_ = nullptr;
    QComboBox* colour_ = nullptr;
    QComboBox* selectMode_ = nullptr;
    QComboBox* basis_ = nullptr;
    QSpinBox* points_ = nullptr;
    QDoubleSpinBox* perplexity_ = nullptr;
    QSpinBox* iterations_ = nullptr;
    QCheckBox* live_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* ratio_ = nullptr;
    QLabel* thumbnail_ = nullptr;
    QLabel* hoverText_ = nullptr;
    QLabel* selectionText_ = nullptr;
    std::shared_ptr<const latentset::LatentMapResult> result_;
    std::shared_ptr<const latentset::ContextWorld> world_; // the map's world (cube), for thumbnails
    std::shared_ptr<const latentset::Pca> liveBasis_;      // the fixed basis of a live map
    std::shared_ptr<std::stop_source> stop_;
    QString resultSource_;
    QTimer* liveTimer_ = nullptr;
    bool stale_ = false;
};
