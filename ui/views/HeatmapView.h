#pragma once
#include <QElapsedTimer>
#include <QJsonObject>
#include <QWidget>

#include <array>

#include "latentset/util/Types.h"
#include "widgets/FigureInfo.h"

class ClassScoreBars;
class ColorMapView;
class ColorScaleControl;
class GlyphPicker;
class JobRunner;
class PlotView;
class QHBoxLayout;
class QLabel;
class QSlider;
class QTimer;
class QVBoxLayout;
class Session;
namespace latentset {
class CubeContexts;
}

// View "heatmap": the context-likelihood map of the current input (paper
// fig. 12). The input is a cube rendered at the angle of the slider with the
// picked glyph on every face (a dataset sample, a built-in glyph or a drawn
// one); core's ContextLikelihoodMap gives the 100 values, shown 10x10 (row-
// major, context c at row c / 10, column c % 10). Hover: context index,
// face and angle, log-likelihood. Click (or arrows + Enter): that member's
// reconstruction of its face, beside the input. The contexts the cube's faces
// really fall into are listed, to compare with the map's maxima.
//
// With a class set in the session, the picked glyph's per-class scores are
// drawn as bars (the reconstruction term: minus each member's loss).
//
// Evaluation runs in a JobRunner (latest-wins), re-run on every slider move,
// glyph change and published model snapshot (live while training). Snapshots
// arrive every second while training; a hidden view only notes that it is
// stale and catches up when shown, and the confusion matrix (2000 images x
// every member) is recomputed at most every kConfusionInterval ms, so the
// view does not take a core away from the training it watches.
class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(Session* session, QWidget* parent = nullptr);
    ~HeatmapView() override;

    ColorMapView* map() const { return map_; }
    PlotView* classBars() const;
    // Confusion matrix of the class set on the session's samples (rows =
    // true class, columns = decided class, counts), from core's
    // SetClassifier + ConfusionMatrix; empty without a class set.
    ColorMapView* confusion() const { return confusion_; }
    GlyphPicker* picker() const { return picker_; }
    void setAngle(double thetaDeg);
    double angle() const;
    // Angle and glyph for a project, and back (ui/project).
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);
    // The last evaluated frame (64x64) and map (contexts), for tests/export.
    const latentset::Vector& frame() const { return frame_; }
    const latentset::Vector& logLikelihoods() const { return values_; }
    // The whole view as PNG with FigureInfo text (model, glyph, angle, date).
    Q_INVOKABLE bool exportPng(const QString& path);
    // What an export of this view or of one of its figures says about itself.
    FigureInfo figureInfo(const QString& title) const;
    ColorScaleControl* scaleControl() const { return scaleControl_; }

    static constexpr int kConfusionInterval = 5000;

public slots:
    void evaluate();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Evaluation;
    // The constructor's parts: the controls row, then the body's three columns.
    QHBoxLayout* buildControls();
    QVBoxLayout* buildInputColumn();
    QVBoxLayout* buildMapColumn();
    QVBoxLayout* buildClassColumn();
    void connectSignals();
    // evaluate()'s GUI-thread part: a worker's result into the map, thumbnails and bars.
    void showEvaluation(const Evaluation& e, const latentset::CubeContexts* contexts);
    void showReconstruction(int context);
    void updateConfusion();
    // Session-driven updates: deferred while hidden, the confusion throttled.
    void modelChanged();
    void requestConfusion();
    QString cellText(int context) const;

    Session* session_;
    JobRunner* runner_ = nullptr;
    GlyphPicker* picker_ = nullptr;
    QSlider* angle_ = nullptr;
    QLabel* angleLabel_ = nullptr;
    QLabel* input_ = nullptr;
    QLabel* recon_ = nullptr;
    QLabel* reconCaption_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* status_ = nullptr;
    ColorMapView* map_ = nullptr;
    ColorMapView* confusion_ = nullptr;
    JobRunner* confusionRunner_ = nullptr;
    ClassScoreBars* bars_ = nullptr;
    ColorScaleControl* scaleControl_ = nullptr;
    QString confusionTitle_;
    latentset::Vector frame_, values_;
    std::array<int, 3> trueContexts_{-1, -1, -1};
    bool stale_ = false, confusionStale_ = false;
    QElapsedTimer confusionClock_;
    QTimer* confusionTimer_ = nullptr;
};
