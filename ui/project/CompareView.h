#pragma once
#include <QJsonObject>
#include <QString>
#include <QWidget>

#include "session/Session.h"

#include "latentset/experiments/RunComparison.h"
#include "latentset/experiments/WorldSource.h"
#include "latentset/nn/MetricHistory.h"

#include <optional>

#include <array>
#include <memory>
#include <vector>

namespace latentset {
class CubeModel;
class WorldModel;
}
class ColorMapView;
class ContextMapView;
class GlyphPicker;
class JobRunner;
class PlotView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableWidget;
class QTabWidget;

// View "compare": two runs side by side (docs/units-and-compare.md). Run A
// and run B are project files (the open project, an earlier save, an
// autosave), read by the same size-checked reader as File > Open
// (ProjectFile::read, on a JobRunner worker) and never written: nothing of
// them reaches the session. Shown:
//   * Curves: the class-set training curves of both, overlaid (A solid, B
//     dashed): one member's loss (a picker) and the accuracy; a model file
//     of latentset-cli brings its per-epoch history (mean loss) and its
//     optimiser settings instead;
//   * Confusion: both class sets' confusion matrices on the session's sample
//     images and A - B (core RunComparison::confusion);
//   * Context maps: both cube worlds' context-likelihood maps of one rendered
//     cube (angle, glyph) and A - B;
//   * World maps: two context worlds' per-context errors on held-out items
//     (RunComparison::worldContextErrors: the transfer error into each
//     context, or each member's self error), each map laid out as the app's
//     context maps lay out that world (any N), and A - B;
//   * Settings: the keys of the projects' settings whose values differ
//     (RunComparison::settingsDiff; curves, views and drawn glyphs left out).
// Either run may instead be a world model file (latentset-cli world train
// --save, the app's Save world…): two of them compare their loss per round
// (the "HIST" chunk; a file written before world files kept one says so),
// their world maps and their settings (world, recipe, figures at save time).
// A cube project's curves per round come from its training state. A world
// model file beside a project is refused with a "cannot compare" message.
// Reading the runs is in CompareViewFiles.cpp, the world parts in CompareViewWorlds.cpp.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(Session* session, QWidget* parent = nullptr);
    ~CompareView() override;

    // Reads `path` into side 0 (A) or 1 (B) on a worker; the view follows
    // when it is read (or shows why not).
    void load(int side, const QString& path);
    // The project the main window has open: side A when A is still empty.
    void setCurrentProject(const QString& path);
    QString path(int side) const { return sides_[std::size_t(side)].path; }
    bool loaded(int side) const { return sides_[std::size_t(side)].loaded; }
    const std::vector<latentset::SettingsDifference>& differences() const { return differences_; }
    QTableWidget* settingsTable() const { return table_; }
    PlotView* lossPlot() const { return loss_; }
    PlotView* accuracyPlot() const { return accuracy_; }
    ColorMapView* confusion(int k) const { return confusion_[std::size_t(k)]; } // A, B, A - B
    ColorMapView* contextMap(int k) const { return maps_[std::size_t(k)]; }   // A, B, A - B
    QTabWidget* pages() const { return pages_; }
    // The cube's or the world's loss per round, A solid, B dashed.
    PlotView* roundLossPlot() const { return roundLoss_; }
    QString roundLossNote() const;
    ContextMapView* worldMap(int k) const { return worldMaps_[std::size_t(k)]; } // A, B, A - B
    // The per-context errors last measured for side 0 or 1 (empty before).
    const std::optional<latentset::WorldContextErrors>& worldErrors(int side) const
    {
        return worldErrors_[std::size_t(side)];
    }
    // Why the two runs cannot be compared ("cannot compare ..."), empty if they can.
    QString mismatch() const;
    // Which metric the world maps show: 0 transfer error into the context, 1 self error.
    void setWorldMetric(int metric);
    QString statusText() const;
    // The settings that differ as CSV (key,A,B; values as JSON text), FigureInfo beside it.
    bool exportSettingsCsv(const QString& path, QString* error = nullptr) const;

public slots:
    void evaluate();

private:
    struct Side {
        QString path, error;
        bool loaded = false;
        QJsonObject project;
        QStringList classNames;
        Session::SetPtr classSet;
        std::shared_ptr<const latentset::CubeModel> cube;
        std::shared_ptr<const latentset::WorldModel> world; // a world model file
        latentset::WorldSource worldSource;                 // its world, rebuilt from the file's spec
        // A cube's or a world's training curves per round (may be empty).
        latentset::MetricHistory rounds;
        bool hasRounds = false; // a cube or world training is in the file at all
        bool bareModel = false; // a model file of latentset-cli (no project JSON of the app)
    };
    // Side `side`'s file read as a world model, if it is one (on the reader thread).
    static bool readWorld(const QString& path, Side& into);
    QString describe(const Side& side) const;
    QWidget* buildHeader();
    QWidget* buildCurves();
    QWidget* buildTriple(std::array<ColorMapView*, 3>& maps, const QString& what);
    void showCurves();
    void showRoundCurves();
    void setNoteAlone(bool alone);
    QWidget* buildWorldMaps();
    void evaluateWorlds();
    void showWorldMaps();
    QJsonObject worldSettings(const Side& side) const;
    void showSettings();
    void showGrids(std::array<ColorMapView*, 3>& maps, const std::array<latentset::Vector, 2>& values, int cols,
                   const QString& what, const QString& needs);
    latentset::JsonValue settingsOf(const Side& side) const;

    Session* session_;
    JobRunner* reader_ = nullptr;
    JobRunner* runner_ = nullptr;
    std::array<Side, 2> sides_;
    std::array<QLabel*, 2> pathLabels_{};
    QLabel* status_ = nullptr;
    QTabWidget* pages_ = nullptr;
    PlotView* loss_ = nullptr;
    PlotView* accuracy_ = nullptr;
    QComboBox* member_ = nullptr;
    QWidget* memberRow_ = nullptr; // "Loss of member", hidden without class-set curves
    std::array<ColorMapView*, 3> confusion_{};
    std::array<ColorMapView*, 3> maps_{};
    GlyphPicker* glyph_ = nullptr;
    QDoubleSpinBox* theta_ = nullptr;
    QTableWidget* table_ = nullptr;
    PlotView* roundLoss_ = nullptr;
    QLabel* roundNote_ = nullptr;
    std::array<ContextMapView*, 3> worldMaps_{};
    QComboBox* worldMetric_ = nullptr;
    QSpinBox* worldItems_ = nullptr;
    std::array<std::optional<latentset::WorldContextErrors>, 2> worldErrors_;
    JobRunner* worldRunner_ = nullptr;
    std::vector<latentset::SettingsDifference> differences_;
    QString currentProject_;
};
