#pragma once
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include "image/UnitsPicture.h"
#include "widgets/FigureInfo.h"

#include "latentset/experiments/UnitsResult.h"
#include "latentset/experiments/UnitsSettings.h"

#include <QByteArray>

#include <memory>

class GlyphPicker;
class JobRunner;
class WorldInputBar;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class Session;
struct SessionWorld;

// View "units": what one member's units learned, as pictures
// (docs/units-and-compare.md). For a member of the class set, of the cube
// world or of the session's context world (any world: its members listed by
// context name; pictures in the world's own whole frame, the input a
// held-out item or a glyph shown in that member's context): its first-layer filters as tiles (encoder rows; a tied member's
// decoder uses the same, and the view says so) and its decoder's response to
// each latent direction around the picked input's code, f(z* + k e_i) for
// offsets -k .. 0 .. +k (k on a slider; the framed middle column is the
// reconstruction). Units and directions are sorted by norm, by activation
// on the input or by index. Computed by core's UnitsExperiment on a
// JobRunner (LatestWins) over the session's snapshot; drawn by
// image/UnitsPicture. Export PNG / SVG / CSV (experiments/UnitsTable).
// The exports, tooltips and view state are in UnitsViewOutputs.cpp.
class UnitsView : public QWidget {
    Q_OBJECT
public:
    explicit UnitsView(Session* session, QWidget* parent = nullptr);
    ~UnitsView() override;

    enum class Source { ClassSet, CubeWorld, ContextWorld };
    GlyphPicker* picker() const { return picker_; }
    // The context world's input (a held-out item or a glyph), shown for that source.
    WorldInputBar* worldInput() const { return worldInput_; }
    // The member list as shown ("3 · angle 30").
    QStringList memberNames() const;
    // Which set and member, the settings as a value (the form's controls map it once).
    void setSource(Source source);
    Source source() const;
    void setMember(int member);
    latentset::UnitsSettings settings() const;
    void setSettings(const latentset::UnitsSettings& settings);
    // The result shown (null before the first one) and its pictures.
    const latentset::UnitsResult* result() const { return result_.get(); }
    const QImage& filterGrid() const { return grid_; }
    const QImage& directionStrip() const { return strip_; }
    int shownUnits() const;
    QString statusText() const;

    Q_INVOKABLE bool exportPng(const QString& path);
    bool exportSvg(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    FigureInfo figureInfo() const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void evaluate();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildControls();
    QWidget* buildExportButtons();
    void refreshMembers();
    // The empty view with a message (no set, no input).
    void showNothing(const QString& message);
    // The job that computes the result (set, contexts or world captured by value).
    void submitRun(const latentset::UnitsSettings& s, const QByteArray& key,
                   std::shared_ptr<const latentset::UnitsResult> previous);
    // redrawTiles false: only the direction part changed (the tile grid stays).
    void showResult(std::shared_ptr<const latentset::UnitsResult> result, bool redrawTiles);
    QString unitTip(QPoint at) const;
    QString directionTip(QPoint at) const;

    Session* session_;
    JobRunner* runner_ = nullptr;
    QComboBox* source_ = nullptr;
    QComboBox* member_ = nullptr;
    GlyphPicker* picker_ = nullptr;
    WorldInputBar* worldInput_ = nullptr;
    QLabel* inputCaption_ = nullptr;
    QComboBox* order_ = nullptr;
    QComboBox* scale_ = nullptr;
    QComboBox* tiles_ = nullptr;
    QComboBox* sweep_ = nullptr;
    QSpinBox* count_ = nullptr;
    QSlider* step_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QLabel* gridLabel_ = nullptr;
    QLabel* stripLabel_ = nullptr;
    QLabel* inputLabel_ = nullptr;
    QLabel* stripCaption_ = nullptr;
    QLabel* status_ = nullptr;
    // The session's context world as the member list and the input bar show it.
    std::shared_ptr<const SessionWorld> world_;
    std::shared_ptr<const latentset::UnitsResult> result_;
    QByteArray filterKey_; // what result_'s filter part was computed from (set with result_)
    UnitsPicture::Layout layout_;
    QImage grid_, strip_;
    QString glyphName_;
};
