#pragma once
#include <QString>
#include <QVector>
#include <QWidget>

#include "widgets/FigureInfo.h"

#include <functional>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QLabel;
class QStackedLayout;
class QTimer;

// The one wrapper of QCPColorMap: a cols x rows grid of values drawn with a
// colour-blind-safe palette (viridis) and a colour scale. Used for the 10x10
// context-likelihood map, one-shot result maps and confusion matrices.
//
// Cell `index` = row * cols + col, row 0 drawn at the TOP (reading order,
// as the paper lays out contexts 0..99). Values are stored as given; NaN
// cells are drawn in the palette's NaN colour (light grey).
//
// Hover emits cellHovered(index) and shows the text of the label function in
// a tooltip; click or Enter emits cellActivated(index); arrow keys move the
// selection. Until the first setGrid (or after clear()) it shows a
// placeholder text instead of an empty plot. The colour scale (a bar with
// numbers, right of the map) can be locked by the user. GUI thread only.
class ColorMapView : public QWidget {
    Q_OBJECT
public:
    explicit ColorMapView(QWidget* parent = nullptr);

    void setGrid(int cols, int rows, const QVector<double>& values);
    // Back to the empty state: no cells, the placeholder text shown.
    void clear();
    bool isEmpty() const { return cols_ * rows_ == 0; }
    // What the empty state says (e.g. what to do to get a map).
    void setPlaceholderText(const QString& text);
    QString placeholderText() const;
    int columns() const { return cols_; }
    int rows() const { return rows_; }
    const QVector<double>& values() const { return values_; }
    double value(int index) const { return values_.value(index); }

    void setTitle(const QString& title);
    void setScaleLabel(const QString& label);
    // Fixed colour range; lo >= hi returns to the data's own range.
    void setDataRange(double lo, double hi);
    // The user's lock on the colour scale (so maps of two inputs are drawn
    // on one scale and can be compared): locking keeps the range shown now
    // for every later grid; lockRange() locks a chosen range. Unlocked, the
    // range is the owner's fixed one (setDataRange) or the data's own.
    // The context menu has "Lock colour scale" too.
    void setScaleLocked(bool locked);
    void lockRange(double lo, double hi);
    bool scaleLocked() const { return locked_; }
    // The colour range drawn now (lower, upper): what the colour bar's numbers span.
    double rangeLower() const;
    double rangeUpper() const;
    // Cells whose value lies outside the colour range (drawn in its end
    // colours: only with a locked or fixed range).
    int cellsOutsideRange() const;
    // True when the colour scale (bar with its numbers) is part of the plot.
    bool scaleShown() const;
    // Optional per-cell tooltip text (context index, face/angle, value).
    void setLabelFunction(std::function<QString(int index)> label);
    // Shows the numbers in the cells (confusion matrices).
    void setShowValues(bool show, int precision = 0);
    // Axis tick labels; empty = 0..n-1.
    void setAxisLabels(const QString& x, const QString& y);

    int selectedIndex() const { return selected_; }
    void setSelectedIndex(int index);
    int indexAt(const QPoint& widgetPos) const;

    bool exportPng(const QString& path, QString* error = nullptr);
    // The map as drawn, as SVG (PlotFigure::saveSvg; the cells an embedded image).
    bool exportSvg(const QString& path, QString* error = nullptr);
    // What an exported PNG says about itself (FigureInfo text chunks): the
    // owning view supplies model and settings; without it, the title only.
    void setFigureInfo(std::function<FigureInfo()> provider) { figureInfo_ = std::move(provider); }
    FigureInfo figureInfo() const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    void replotNow();
    // Colour of the palette at t in [0, 1] (viridis).
    static QColor paletteColor(double t);

signals:
    void cellHovered(int index);
    void cellActivated(int index);
    void selectionChanged(int index);
    // The colour range or its lock changed (after every grid when unlocked).
    void colourRangeChanged(double lo, double hi, bool locked);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateSelectionMarker();
    void updateValueLabels();
    void showContextMenu(const QPoint& pos);

    QCustomPlot* plot_ = nullptr;
    QLabel* placeholder_ = nullptr;
    QStackedLayout* stack_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPItemRect* marker_ = nullptr;
    QTimer* replotTimer_ = nullptr;
    std::function<FigureInfo()> figureInfo_;
    QString title_;
    std::function<QString(int)> label_;
    QVector<double> values_;
    int cols_ = 0, rows_ = 0;
    int selected_ = -1;
    int hovered_ = -1;
    double lo_ = 0.0, hi_ = 0.0;
    bool locked_ = false;
    double lockLo_ = 0.0, lockHi_ = 0.0;
    bool showValues_ = false;
    int precision_ = 0;
};
