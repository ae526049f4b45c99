#pragma once
#include <QImage>
#include <QPointF>
#include <QVector>
#include <QWidget>

#include "latentset/util/Types.h"

// A square drawing surface for one glyph: mouse or tablet (pressure changes
// the width), anti-aliased round strokes, brush size, undo, clear.
//
// Strokes are stored as polylines in canvas coordinates ([0, 1] x [0, 1],
// y down), so the pad can be resized and a session can save and replay them.
// The ink is rasterised into a kCanvas x kCanvas greyscale image (white ink
// on black, as MNIST) and normalised like MNIST by core's GlyphNormalizer:
// glyph() is the 28x28 row-major vector (784 values in [0, 1]) the members
// are fed. GUI thread only; glyph() costs well under a millisecond.
class GlyphPad : public QWidget {
    Q_OBJECT
public:
    static constexpr int kCanvas = 280;

    struct Stroke {
        QVector<QPointF> points;   // canvas coordinates in [0, 1]
        QVector<float> pressure;   // one per point, 1 for a mouse
        double width = 18.0;       // in canvas pixels (of kCanvas)
    };

    explicit GlyphPad(QWidget* parent = nullptr);

    void setBrushSize(double canvasPixels);
    double brushSize() const { return brush_; }
    bool isEmpty() const { return strokes_.isEmpty(); }
    const QVector<Stroke>& strokes() const { return strokes_; }
    void setStrokes(const QVector<Stroke>& strokes);
    // Adds a finished stroke (scripted drawing: tests, built-in examples).
    void addStroke(const Stroke& stroke);

    // The raw canvas: kCanvas x kCanvas, Format_Grayscale8, ink white.
    const QImage& canvas() const { return canvas_; }
    // MNIST-normalised 28x28 glyph (784 values, row-major, [0, 1]); an empty
    // vector when the pad holds no ink.
    latentset::Vector glyph() const;
    // The same as an image (28x28 greyscale) for thumbnails and PNG export.
    QImage glyphImage() const;
    static QImage vectorToImage(const latentset::Vector& pixels, int width, int height);

public slots:
    void undo();
    void clear();

signals:
    // Emitted while drawing (throttled to the pen's events) and after
    // undo/clear/setStrokes; listeners re-evaluate on it.
    void glyphChanged();
    void strokeFinished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QRectF padRect() const;
    QPointF toCanvas(const QPointF& widgetPos) const;
    void beginStroke(const QPointF& pos, float pressure);
    void extendStroke(const QPointF& pos, float pressure);
    void endStroke();
    void redrawCanvas();
    void paintSegment(QImage& target, const Stroke& s, int from) const;

    QVector<Stroke> strokes_;
    QImage canvas_;
    double brush_ = 18.0;
    bool drawing_ = false;
};
