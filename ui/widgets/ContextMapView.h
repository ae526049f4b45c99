#pragma once
#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

#include "widgets/ContextMapLayout.h"
#include "widgets/FigureInfo.h"

#include <functional>

// The context map of any world (docs/ui.md "World views"): one cell per
// context, placed by a ContextMapLayout (the cube's 10 x 10, a ring for a
// rotation, small multiples for scale x position, a labelled list for fonts
// and folders), each cell coloured by its value (viridis, the palette of
// every map; NaN light grey) with a colour bar, or showing an image (the
// gallery: an item moved into every context).
//
// Hover emits cellHovered(context) and shows the label function's text as a
// tooltip; click or Enter emits cellActivated(context); arrows move the
// selection in context order. Right-click: export PNG (FigureInfo text) or
// CSV (context, name, value). Until the first values or images it shows a
// placeholder text. Painting is cheap (rectangles and scaled images, no
// plot library): paintMs() keeps the last frame's time (docs/ui.md).
// GUI thread only.
class ContextMapView : public QWidget {
    Q_OBJECT
public:
    explicit ContextMapView(QWidget* parent = nullptr);

    // A new layout clears the values, images and selection.
    void setMapLayout(const ContextMapLayout& layout);
    const ContextMapLayout& mapLayout() const { return layout_; }
    // One value per context (the layout's size); NaN = not evaluated.
    void setValues(const QVector<double>& values);
    // A fixed colour range (a percentage map: 0 to 100); lo >= hi: the values' own.
    void setDataRange(double lo, double hi);
    // One image per context (gallery mode: no colour bar).
    void setImages(const QVector<QImage>& images);
    void clear();
    bool isEmpty() const { return values_.isEmpty() && images_.isEmpty(); }
    const QVector<double>& values() const { return values_; }
    void setPlaceholderText(const QString& text);
    QString placeholderText() const { return placeholder_; }
    void setTitle(const QString& title);
    QString title() const { return title_; }
    void setScaleLabel(const QString& label);
    // Context names for the tooltip and the CSV (default "context c").
    void setContextNames(const QVector<QString>& names) { names_ = names; }
    void setLabelFunction(std::function<QString(int context)> label) { label_ = std::move(label); }
    // Contexts outlined in another colour (e.g. the input's true context).
    void setMarked(const QVector<int>& contexts);

    int selectedIndex() const { return selected_; }
    void setSelectedIndex(int context);
    // The context under a widget point, else -1.
    int indexAt(const QPoint& widgetPos) const;
    // Context c's cell in widget coordinates (empty for a bad index).
    QRectF cellRect(int context) const;
    double rangeLower() const { return lo_; }
    double rangeUpper() const { return hi_; }
    // Milliseconds the last paintEvent took.
    double paintMs() const { return paintMs_; }

    bool exportPng(const QString& path, QString* error = nullptr);
    bool exportSvg(const QString& path, QString* error = nullptr);
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    void setFigureInfo(std::function<FigureInfo()> provider) { figureInfo_ = std::move(provider); }
    FigureInfo figureInfo() const;

signals:
    void cellHovered(int context);
    void cellActivated(int context);
    void selectionChanged(int context);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    // The rectangle the layout space is drawn into, and its scale.
    QRectF mapArea() const;
    double scale() const;
    QPointF toWidget(const QPointF& p) const;
    void paintScale(class QPainter& p, const QRectF& area) const;
    QString cellText(int context) const;

    ContextMapLayout layout_;
    QVector<double> values_;
    QVector<QImage> images_;
    QVector<QString> names_;
    QVector<int> marked_;
    std::function<QString(int)> label_;
    std::function<FigureInfo()> figureInfo_;
    QString title_, scaleLabel_, placeholder_;
    int selected_ = -1, hovered_ = -1;
    double lo_ = 0, hi_ = 0;
    double fixedLo_ = 0, fixedHi_ = 0;
    double paintMs_ = 0;
};
