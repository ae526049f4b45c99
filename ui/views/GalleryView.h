#pragma once
#include <QImage>
#include <QVector>
#include <QJsonObject>
#include <QWidget>

#include "latentset/util/Types.h"
#include "widgets/FigureInfo.h"

#include <QStringList>

class GlyphPicker;
class JobRunner;
class QLabel;
class QScrollArea;
class QSpinBox;
class QHBoxLayout;
class Session;

// View "gallery": context transfer (paper fig. 6). The picked glyph is shown
// in a source context, encoded by that context's member, and the code is
// decoded by every member: each tile of the 10x10 grid is member c's face
// pixels (its mask) in a 64x64 frame, tile c at row c / 10, column c % 10.
// Pin keeps the current grid for comparison; Export writes the grid as PNG.
// Work runs in a JobRunner; re-run on input change and new snapshots.
class GalleryView : public QWidget {
    Q_OBJECT
public:
    explicit GalleryView(Session* session, QWidget* parent = nullptr);
    ~GalleryView() override;

    GlyphPicker* picker() const { return picker_; }
    void setSourceContext(int context);
    // The current grid (tiles of frameSize pixels, 1 px gaps), null before the
    // first result; the decoded frames (frameSize x contexts) behind it.
    const QImage& grid() const { return grid_; }
    const latentset::Matrix& decodedFrames() const { return frames_; }
    int pinnedCount() const { return pinned_.size(); }
    // The grid as PNG, with FigureInfo text (model, glyph, source, date).
    bool exportGrid(const QString& path) const;
    // The data behind the grid: one row per context (index, name, its decoded
    // frame's pixels p0.., row-major, 0-1), FigureInfo's keys in <path>.txt.
    // False (with the reason in *error) before the first result.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    // The whole view (grid and labelled pins) as PNG, with the same text.
    Q_INVOKABLE bool exportPng(const QString& path);
    FigureInfo figureInfo(const QString& title) const;
    // The label under each pin ("#1 · V · context 10 · 13:45:02").
    const QStringList& pinCaptions() const { return pinCaptions_; }
    // Source context, glyph and the pinned grids (PNG) for a project, and back.
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void evaluate();
    void pin();
    void clearPins();

private:
    void addPin(const QImage& grid, const QString& caption, const QString& detail);
    void addExportButtons(QHBoxLayout* controls);
    Session* session_;
    JobRunner* runner_ = nullptr;
    GlyphPicker* picker_ = nullptr;
    QSpinBox* source_ = nullptr;
    QLabel* gridLabel_ = nullptr;
    QLabel* status_ = nullptr;
    QHBoxLayout* pinLayout_ = nullptr;
    QImage grid_;
    latentset::Matrix frames_;
    QVector<QImage> pinned_;
    QStringList pinCaptions_;
    QString gridGlyph_;
    int gridSource_ = -1;
};
