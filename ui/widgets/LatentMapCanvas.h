#pragma once
#include "image/LatentScatter.h"

#include <QPolygonF>
#include <QVector>
#include <QWidget>

#include <memory>

// The latent map's drawing surface (docs/latent-map.md): an
// image/LatentScatter painted at the widget's size, the point under the
// mouse (hovered), and a selection drawn with the mouse: a rectangle, or a
// free lasso in Lasso mode. Geometry only; the view that owns it knows what
// the points are. GUI thread only.
class LatentMapCanvas : public QWidget {
    Q_OBJECT
public:
    enum class SelectionMode { Rectangle, Lasso };

    explicit LatentMapCanvas(QWidget* parent = nullptr);

    // The picture to show (null: an empty canvas with `placeholder` text).
    void setScatter(std::shared_ptr<LatentScatter> scatter);
    const LatentScatter* scatter() const { return scatter_.get(); }
    void setPlaceholder(const QString& text);
    void setSelectionMode(SelectionMode mode) { mode_ = mode; }
    SelectionMode selectionMode() const { return mode_; }

    // Selects the points inside `area` (widget coordinates), as a mouse drag does.
    void selectRect(const QRectF& area);
    void selectPolygon(const QPolygonF& lasso);
    void clearSelection();
    // Selects exactly these points (indices out of range are dropped).
    void setSelection(const QVector<int>& points);
    const QVector<int>& selection() const { return selection_; }
    // The point nearest `at` within 8 pixels, else -1.
    int pointAt(QPointF at) const;

signals:
    void hovered(int point, QPoint globalPosition); // -1 when the mouse leaves the points
    void selectionChanged(const QVector<int>& points);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void applySelection(QVector<int> points);

    std::shared_ptr<LatentScatter> scatter_;
    QString placeholder_;
    SelectionMode mode_ = SelectionMode::Rectangle;
    QVector<int> selection_;
    QPolygonF drag_; // the rectangle's two corners or the lasso's path while dragging
    bool dragging_ = false;
    int hovered_ = -1;
};
