#pragma once
#include <QJsonObject>
#include <QVector>
#include <QWidget>

#include "widgets/FigureInfo.h"

#include "latentset/util/Types.h"

#include <memory>
#include <vector>

class ContextMapView;
class QGridLayout;
class QLabel;
class QSlider;
class QSpinBox;
class Session;
class WorldConceptPanel;
struct SessionWorld;
namespace latentset {
class WorldConcept;
class WorldImaginer;
}

// View "world-imaginer" (docs/worlds.md "In the app", docs/ui.md "World
// imaginer"): the level-2 concept of the session's context world made
// visible, on any world but the cube (which keeps its own imaginer, view
// "imaginer"). Left, the concept (WorldConceptPanel: train it here, off the
// GUI thread, or open a file `world concept --save` wrote). Then ONE SLIDER
// PER LEVEL-2 UNIT, over the range its calibration codes reached, each
// labelled with its value and the axes it moves; a circular axis's two
// units are two sliders (docs/worlds.md says why) plus one that walks the
// loop they trace (the calibration's mean code near each angle), and the read-out above
// them gives the calibrated values of the whole setting ("angle ≈ 37°",
// "scale ≈ 0.80, y ≈ 12 px, x ≈ 20 px"). Core's WorldImaginer turns the
// setting into:
//   * the decoded likelihood map over the contexts, on the world's own
//     context map (ContextMapView, as the world heatmap; the peak framed);
//   * the imagined input: the chosen held-out item, encoded by the member of
//     the source context, decoded by the member of the context the map peaks
//     at (the paper's back projection, fig. 14-16);
//   * the item shown by the world at the values read back (what the concept
//     means, drawn by the renderer).
// Each setting is computed on the GUI thread: a level-2 decode, a k-nearest
// read-out over the calibration, one warp and one member's decode, well
// under the ~30 ms that would call for a worker (frameTimesMs: slider move
// to repainted map and pictures, the last 600; docs/ui.md "Measured").
class WorldImaginerView : public QWidget {
    Q_OBJECT
public:
    explicit WorldImaginerView(Session* session, QWidget* parent = nullptr);
    ~WorldImaginerView() override;

    WorldConceptPanel* conceptPanel() const { return panel_; }
    // One per level-2 unit (empty without a concept).
    const QVector<QSlider*>& sliders() const { return sliders_; }
    // One per circular axis: walks the loop its two units trace
    // (WorldImaginer::codeAlong), setting the unit sliders.
    const QVector<QSlider*>& loopSliders() const { return loopSliders_; }
    QSpinBox* itemBox() const { return item_; }
    QSpinBox* sourceBox() const { return source_; }
    ContextMapView* map() const { return map_; }
    QLabel* readOut() const { return readOut_; }
    // The level-2 code the sliders set (units values).
    latentset::Vector code() const;
    void setCode(const latentset::Vector& code);
    // The last imagined map (one value per context), its read-back values and pictures.
    const latentset::Vector& imaginedMap() const { return map2_; }
    const std::vector<double>& parameters() const { return parameters_; }
    const latentset::Vector& decodedFrame() const { return decoded_; }
    const latentset::Vector& shownFrame() const { return shown_; }
    int peakContext() const { return peak_; }
    const QVector<double>& frameTimesMs() const { return frameTimes_; }
    Q_INVOKABLE bool exportPng(const QString& path);
    FigureInfo figureInfo(const QString& title) const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void redraw();

signals:
    // The concept panel's Open… (the window opens it as File > Open does).
    void openRequested(const QString& path);

private:
    QWidget* buildBody();
    void rebuild();
    void dropSliders(); // the unit and loop sliders, and what they held
    void rebuildSliders();
    void addLoopSliders(int firstRow);
    void followLoop(int index);
    void encodeItem();
    void clearFrame(const QString& why);
    double sliderValue(int unit) const;
    QString valueText(int axis, double v) const;

    Session* session_;
    std::shared_ptr<const SessionWorld> world_;
    std::shared_ptr<const latentset::WorldConcept> concept_;
    std::unique_ptr<latentset::WorldImaginer> imaginer_;
    WorldConceptPanel* panel_ = nullptr;
    QSpinBox* item_ = nullptr;
    QLabel* itemName_ = nullptr;
    QSpinBox* source_ = nullptr;
    QGridLayout* sliderGrid_ = nullptr;
    QVector<QSlider*> sliders_;
    QVector<QSlider*> loopSliders_;
    QVector<QLabel*> loopValues_;
    std::vector<int> loopAxes_;
    QVector<QLabel*> sliderValues_;
    QVector<QWidget*> sliderWidgets_;
    QLabel* readOut_ = nullptr;
    QLabel* decodedImage_ = nullptr;
    QLabel* decodedCaption_ = nullptr;
    QLabel* shownImage_ = nullptr;
    QLabel* shownCaption_ = nullptr;
    ContextMapView* map_ = nullptr;
    QLabel* status_ = nullptr;
    latentset::Vector levelOne_, map2_, decoded_, shown_;
    std::vector<double> parameters_;
    int peak_ = -1;
    QVector<double> frameTimes_;
};
