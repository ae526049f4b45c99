#include "widgets/LatentMapCanvas.h"

#include <QMouseEvent>
#include <QPainter>

LatentMapCanvas::LatentMapCanvas(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(360, 300);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LatentMapCanvas::setScatter(std::shared_ptr<LatentScatter> scatter)
{
    scatter_ = std::move(scatter);
    selection_.clear();
    hovered_ = -1;
    update();
}

void LatentMapCanvas::setPlaceholder(const QString& text)
{
    placeholder_ = text;
    update();
}

int LatentMapCanvas::pointAt(QPointF at) const
{
    return scatter_ ? int(scatter_->nearest(at, QSizeF(size()), 8.0)) : -1;
}

void LatentMapCanvas::selectRect(const QRectF& area)
{
    QVector<int> points;
    if (scatter_)
        for (latentset::Index i = 0; i < scatter_->pointCount(); ++i)
            if (area.normalized().contains(scatter_->position(i, QSizeF(size()))))
                points << int(i);
    applySelection(points);
}

void LatentMapCanvas::selectPolygon(const QPolygonF& lasso)
{
    QVector<int> points;
    if (scatter_ && lasso.size() >= 3)
        for (latentset::Index i = 0; i < scatter_->pointCount(); ++i)
            if (lasso.containsPoint(scatter_->position(i, QSizeF(size())), Qt::OddEvenFill))
                points << int(i);
    applySelection(points);
}

void LatentMapCanvas::clearSelection() { applySelection({}); }

void LatentMapCanvas::setSelection(const QVector<int>& points)
{
    QVector<int> kept;
    const latentset::Index n = scatter_ ? scatter_->pointCount() : 0;
    for (int p : points)
        if (p >= 0 && p < n)
            kept << p;
    applySelection(kept);
}

void LatentMapCanvas::applySelection(QVector<int> points)
{
    selection_ = std::move(points);
    if (scatter_) {
        std::vector<bool> marked(std::size_t(scatter_->pointCount()), false);
        for (int i : selection_)
            marked[std::size_t(i)] = true;
        scatter_->setSelected(std::move(marked));
    }
    update();
    emit selectionChanged(selection_);
}

void LatentMapCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (!scatter_) {
        painter.fillRect(rect(), palette().base());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    scatter_->paint(painter, QSizeF(size()));
    if (dragging_ && drag_.size() >= 2) {
        painter.setPen(QPen(QColor(30, 30, 30), 1, Qt::DashLine));
        painter.setBrush(QColor(60, 120, 200, 40));
        if (mode_ == SelectionMode::Rectangle)
            painter.drawRect(QRectF(drag_.first(), drag_.last()).normalized());
        else
            painter.drawPolygon(drag_);
    }
}

void LatentMapCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !scatter_)
        return;
    dragging_ = true;
    drag_ = QPolygonF() << event->position();
}

void LatentMapCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (dragging_) {
        if (mode_ == SelectionMode::Rectangle && drag_.size() > 1)
            drag_.last() = event->position();
        else
            drag_ << event->position();
        update();
        return;
    }
    const int point = pointAt(event->position());
    if (point != hovered_) {
        hovered_ = point;
        emit hovered(point, event->globalPosition().toPoint());
    }
}

void LatentMapCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (!dragging_ || event->button() != Qt::LeftButton)
        return;
    dragging_ = false;
    const QPointF start = drag_.first();
    if ((event->position() - start).manhattanLength() < 4) {
        // A click: the point under it alone, or nothing.
        const int point = pointAt(event->position());
        applySelection(point >= 0 ? QVector<int>{point} : QVector<int>{});
    } else if (mode_ == SelectionMode::Rectangle) {
        selectRect(QRectF(start, event->position()));
    } else {
        selectPolygon(drag_);
    }
    drag_.clear();
}

void LatentMapCanvas::leaveEvent(QEvent*)
{
    if (hovered_ >= 0) {
        hovered_ = -1;
        emit hovered(-1, QPoint());
    }
}
