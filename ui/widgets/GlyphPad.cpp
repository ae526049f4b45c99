#include "widgets/GlyphPad.h"

#include "image/ImageConvert.h"

#include "latentset/data/GlyphNormalizer.h"
#include "latentset/util/Error.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTabletEvent>

GlyphPad::GlyphPad(QWidget* parent) : QWidget(parent), canvas_(kCanvas, kCanvas, QImage::Format_Grayscale8)
{
    canvas_.fill(0);
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_TabletTracking, false);
    setCursor(Qt::CrossCursor);
    setAccessibleName(tr("Glyph drawing pad"));
    setAccessibleDescription(tr("Draw a glyph with the mouse or a tablet pen. Ctrl+Z undoes a stroke, Delete clears."));
}

void GlyphPad::setBrushSize(double canvasPixels) { brush_ = std::clamp(canvasPixels, 2.0, 60.0); }

void GlyphPad::setStrokes(const QVector<Stroke>& strokes)
{
    strokes_ = strokes;
    redrawCanvas();
    emit glyphChanged();
}

void GlyphPad::addStroke(const Stroke& stroke)
{
    if (stroke.points.isEmpty())
        return;
    Stroke s = stroke;
    s.pressure.resize(s.points.size());
    for (int i = stroke.pressure.size(); i < s.points.size(); ++i)
        s.pressure[i] = 1.0f;
    strokes_.push_back(s);
    paintSegment(canvas_, strokes_.back(), 0);
    update();
    emit glyphChanged();
    emit strokeFinished();
}

void GlyphPad::undo()
{
    if (strokes_.isEmpty())
        return;
    strokes_.pop_back();
    redrawCanvas();
    emit glyphChanged();
}

void GlyphPad::clear()
{
    if (strokes_.isEmpty())
        return;
    strokes_.clear();
    redrawCanvas();
    emit glyphChanged();
}

latentset::Vector GlyphPad::glyph() const
{
    if (strokes_.isEmpty())
        return {};
    const latentset::Vector image = ImageConvert::toVector(canvas_);
    try {
        // The pad is white-on-black already; never invert a sparse drawing.
        latentset::GlyphNormalizer::Options options;
        options.autoInvert = false;
        return latentset::GlyphNormalizer(options).normalize(image, kCanvas, kCanvas);
    } catch (const latentset::Error&) {
        return {}; // no ink (e.g. a stroke outside the canvas)
    }
}

QImage GlyphPad::vectorToImage(const latentset::Vector& pixels, int width, int height)
{
    return ImageConvert::toImage(pixels, width, height);
}

QImage GlyphPad::glyphImage() const { return vectorToImage(glyph(), 28, 28); }

QRectF GlyphPad::padRect() const
{
    const double side = std::min(width(), height()) - 2.0;
    return QRectF((width() - side) / 2.0, (height() - side) / 2.0, side, side);
}

QPointF GlyphPad::toCanvas(const QPointF& p) const
{
    const QRectF r = padRect();
    return QPointF((p.x() - r.left()) / r.width(), (p.y() - r.top()) / r.height());
}

void GlyphPad::paintSegment(QImage& target, const Stroke& s, int from) const
{
    // Round caps and joins with antialiasing: the same look as a pen stroke
    // and, after the 280 -> 20 px scaling, MNIST-like soft edges.
    QPainter p(&target);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(kCanvas, kCanvas);
    const QColor ink(255, 255, 255);
    if (s.points.size() == 1) {
        const double w = s.width * s.pressure[0] / kCanvas;
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        p.drawEllipse(s.points[0], w / 2, w / 2);
        return;
    }
    for (int i = std::max(1, from); i < s.points.size(); ++i) {
        const double w = s.width * 0.5 * (s.pressure[i - 1] + s.pressure[i]) / kCanvas;
        p.setPen(QPen(ink, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawLine(s.points[i - 1], s.points[i]);
    }
}

void GlyphPad::redrawCanvas()
{
    canvas_.fill(0);
    for (const Stroke& s : strokes_)
        paintSegment(canvas_, s, 0);
    update();
}

void GlyphPad::beginStroke(const QPointF& pos, float pressure)
{
    drawing_ = true;
    Stroke s;
    s.width = brush_;
    s.points.push_back(toCanvas(pos));
    s.pressure.push_back(pressure);
    strokes_.push_back(s);
    paintSegment(canvas_, strokes_.back(), 0);
    update();
    emit glyphChanged();
}

void GlyphPad::extendStroke(const QPointF& pos, float pressure)
{
    if (!drawing_ || strokes_.isEmpty())
        return;
    Stroke& s = strokes_.back();
    const QPointF c = toCanvas(pos);
    // Skip sub-pixel moves: they add points without changing the ink.
    if ((c - s.points.back()).manhattanLength() * kCanvas < 0.75)
        return;
    s.points.push_back(c);
    s.pressure.push_back(pressure);
    paintSegment(canvas_, s, s.points.size() - 1);
    update();
    emit glyphChanged();
}

void GlyphPad::endStroke()
{
    if (!drawing_)
        return;
    drawing_ = false;
    emit strokeFinished();
}

void GlyphPad::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRectF r = padRect();
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(r, canvas_);
    // Guide: the 20x20 box MNIST scales ink into, as a faint frame.
    p.setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    p.drawRect(r.adjusted(r.width() * 4 / 28, r.height() * 4 / 28, -r.width() * 4 / 28, -r.height() * 4 / 28));
    p.setPen(QPen(hasFocus() ? palette().highlight().color() : QColor(120, 120, 120), hasFocus() ? 2 : 1));
    p.drawRect(r);
    if (strokes_.isEmpty()) {
        p.setPen(QColor(170, 170, 170));
        p.drawText(r, Qt::AlignCenter, tr("draw a glyph here"));
    }
}

void GlyphPad::mousePressEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton)
        beginStroke(e->position(), 1.0f);
}

void GlyphPad::mouseMoveEvent(QMouseEvent* e)
{
    if (e->buttons() & Qt::LeftButton)
        extendStroke(e->position(), 1.0f);
}

void GlyphPad::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton)
        endStroke();
}

void GlyphPad::tabletEvent(QTabletEvent* e)
{
    // Pressure 0..1 maps to 0.35..1.3 of the brush, so a light touch still inks.
    const float pressure = float(0.35 + 0.95 * e->pressure());
    switch (e->type()) {
    case QEvent::TabletPress: beginStroke(e->position(), pressure); break;
    case QEvent::TabletMove: extendStroke(e->position(), pressure); break;
    case QEvent::TabletRelease: endStroke(); break;
    default: break;
    }
    e->accept();
}

void GlyphPad::keyPressEvent(QKeyEvent* e)
{
    if (e->matches(QKeySequence::Undo))
        undo();
    else if (e->key() == Qt::Key_Delete || e->key() == Qt::Key_Backspace)
        clear();
    else
        QWidget::keyPressEvent(e);
}
