#pragma once
#include <QElapsedTimer>
#include <QJsonObject>
#include <QVector>
#include <QWidget>

#include "widgets/FigureInfo.h"

#include "latentset/util/Types.h"
#include "latentset/world/ParameterEstimator.h"

#include <memory>

class ContextMapView;
class JobRunner;
class QLabel;
class QSlider;
class QSpinBox;
class Session;
class WorldInputBar;
struct SessionWorld;

// View "world-heatmap" (docs/ui.md "World views"): the context-likelihood
// vector of an input in the session's world, on the world's own context map
// (ContextMapView: the cube's 10 x 10, a ring for a rotation, small multiples
// for scale x position, a labelled list for fonts and folders), and the
// parameter estimate of the paper's §6 from it (core's ParameterEstimator:
// MAP, posterior mean, interpolated, per axis, beside the true values).
//
// The input is a held-out item or a glyph (a built-in one, or one drawn on
// the pad), shown at the sliders' parameter values when the world renders
// between its contexts (rotation, scale x position: one slider per axis),
// else in the context of the spin box. Hover a cell: context, parameters,
// log-likelihood, posterior; click: that member's reconstruction beside the
// input. Likelihood: core's WorldLikelihood (sigma^2 from the model file, or
// measured on 50 training items when the world is being trained).
// Evaluation runs in a JobRunner (latest wins), again on every input change
// and every published snapshot; a hidden view catches up when shown.
class WorldHeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit WorldHeatmapView(Session* session, QWidget* parent = nullptr);
    ~WorldHeatmapView() override;

    ContextMapView* map() const { return map_; }
    WorldInputBar* inputBar() const { return input_; }
    // One per axis (rendering worlds), else empty.
    const QVector<QSlider*>& sliders() const { return sliders_; }
    QSpinBox* contextBox() const { return context_; }
    // Sets the slider of `axis` to `value` (in the axis's unit).
    void setParameter(int axis, double value);
    std::vector<double> parameters() const;
    const latentset::Vector& logLikelihoods() const { return values_; }
    const latentset::ParameterEstimate& estimate() const { return estimate_; }
    QLabel* estimateLabel() const { return estimateText_; }
    // Input change to the map repainted with its result (the worker's
    // likelihoods and estimate included), per evaluation shown; the last 600.
    const QVector<double>& latenciesMs() const { return latencies_; }
    Q_INVOKABLE bool exportPng(const QString& path);
    FigureInfo figureInfo(const QString& title) const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void evaluate();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Evaluation;
    void worldChanged();
    void rebuildControls();
    void showEvaluation(const Evaluation& e);
    QString cellText(int c) const;
    double sliderValue(int axis) const;

    Session* session_;
    std::shared_ptr<const SessionWorld> world_;
    JobRunner* runner_ = nullptr;
    WorldInputBar* input_ = nullptr;
    QWidget* sliderRow_ = nullptr;
    QVector<QSlider*> sliders_;
    QVector<QLabel*> sliderLabels_;
    std::vector<std::pair<double, double>> ranges_; // per axis: lo, hi
    QSpinBox* context_ = nullptr;
    QLabel* contextLabel_ = nullptr;
    QLabel* inputImage_ = nullptr;
    QLabel* recon_ = nullptr;
    QLabel* reconCaption_ = nullptr;
    ContextMapView* map_ = nullptr;
    QLabel* estimateText_ = nullptr;
    QLabel* status_ = nullptr;
    latentset::Vector values_;
    latentset::ParameterEstimate estimate_;
    double noiseVariance_ = 0; // measured for world_ when its file has none
    QElapsedTimer sinceInput_;
    QVector<double> latencies_;
    bool stale_ = false;
};
