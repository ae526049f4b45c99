#pragma once
#include <QVector>
#include <QJsonObject>
#include <QWidget>

#include "latentset/util/Types.h"
#include "widgets/FigureInfo.h"

#include <memory>

class ColorMapView;
class GlyphPicker;
class QCheckBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QVBoxLayout;
class Session;
namespace latentset {
class CubeImaginer;
class CubeWorldView;
}

// View "imaginer": the level-2 concept made visible (paper fig. 14-16). The
// slider sets the single level-2 latent unit u; core's CubeImaginer decodes
// it to a context map, picks its peaks and decodes one level-1 code with
// those contexts' members: the imagined cube. The code is the picked glyph
// encoded by the source context's member, plus the offsets of the level-1
// latent sliders. Play sweeps u back and forth. Beside it: the real cube
// rendered at the angle the calibration maps u to, and the decoded map.
//
// Each frame is computed on the GUI thread: CubeImaginer costs well under a
// millisecond (three masked decodes), cheaper than a worker round trip; the
// last frame times are kept (frameTimesMs) and shown.
class ImaginerView : public QWidget {
    Q_OBJECT
public:
    explicit ImaginerView(Session* session, QWidget* parent = nullptr);
    ~ImaginerView() override;

    GlyphPicker* picker() const { return picker_; }
    void setU(double u);
    double u() const;
    // u, source context, glyph and the level-1 latent offsets for a project, and back.
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);
    void setPlaying(bool play);
    bool playing() const;
    const latentset::Vector& imagined() const { return imagined_; }
    const latentset::Vector& code() const { return code_; }
    // Milliseconds per redraw (imagine + images + repaint), most recent last.
    const QVector<double>& frameTimesMs() const { return frameTimes_; }
    Q_INVOKABLE bool exportPng(const QString& path);
    FigureInfo figureInfo(const QString& title) const;

public slots:
    void redraw();

private:
    // The constructor's parts: two rows of controls, then the body's three columns.
    QHBoxLayout* buildGlyphRow();
    QHBoxLayout* buildUnitRow();
    QVBoxLayout* buildImaginedColumn();
    QVBoxLayout* buildRenderedColumn();
    QVBoxLayout* buildMapColumn();
    void rebuildModel();
    void encodeGlyph();
    void rebuildLatentSliders();
    // No model or no glyph: no imagined cube, rendered cube or map left of an earlier one.
    void clearFrame();

    Session* session_;
    std::unique_ptr<latentset::CubeWorldView> world_;
    std::unique_ptr<latentset::CubeImaginer> imaginer_;
    GlyphPicker* picker_ = nullptr;
    QSpinBox* source_ = nullptr;
    QSlider* uSlider_ = nullptr;
    QLabel* uLabel_ = nullptr;
    QPushButton* play_ = nullptr;
    QTimer* timer_ = nullptr;
    QWidget* latentBox_ = nullptr;
    QVector<QSlider*> latentSliders_;
    QLabel* imaginedLabel_ = nullptr;
    QLabel* realLabel_ = nullptr;
    QLabel* realCaption_ = nullptr;
    QLabel* status_ = nullptr;
    ColorMapView* map_ = nullptr;
    latentset::Vector baseCode_, code_, imagined_;
    QVector<double> frameTimes_;
    int direction_ = 1;
};
