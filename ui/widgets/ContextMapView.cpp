#include "widgets/ContextMapView.h"

#include "widgets/ColorMapView.h"
#include "widgets/PlotFigure.h"

#include <QBuffer>
#include <QContextMenuEvent>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QTextStream>
#include <QToolTip>

#include <cmath>
#include <limits>

namespace {
constexpr int kTitle = 26, kScaleWidth = 92, kMargin = 8;
const QColor kNan(210, 210, 210);
} // namespace

ContextMapView::ContextMapView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 180);
    setAttribute(Qt::WA_OpaquePaintEvent);
    placeholder_ = tr("No data yet.");
}

void ContextMapView::setMapLayout(const ContextMapLayout& layout)
{
    layout_ = layout;
    values_.clear();
    images_.clear();
    marked_.clear();
    selected_ = hovered_ = -1;
    update();
}

void ContextMapView::setValues(const QVector<double>& values)
{
    values_ = values;
    values_.resize(layout_.size(), std::numeric_limits<double>::quiet_NaN());
    images_.clear();
    lo_ = INFINITY;
    hi_ = -INFINITY;
    for (double v : values_)
        if (std::isfinite(v)) {
            lo_ = std::min(lo_, v);
            hi_ = std::max(hi_, v);
        }
    if (!std::isfinite(lo_))
        lo_ = hi_ = 0;
    if (fixedHi_ > fixedLo_) {
        lo_ = fixedLo_;
        hi_ = fixedHi_;
    }
    update();
}

void ContextMapView::setDataRange(double lo, double hi)
{
    fixedLo_ = lo;
    fixedHi_ = hi;
    if (!values_.isEmpty())
        setValues(values_);
}

void ContextMapView::setImages(const QVector<QImage>& images)
{
    images_ = images;
    images_.resize(layout_.size());
    values_.clear();
    update();
}

void ContextMapView::clear()
{
    values_.clear();
    images_.clear();
    update();
}

void ContextMapView::setPlaceholderText(const QString& text)
{
    placeholder_ = text;
    update();
}

void ContextMapView::setTitle(const QString& title)
{
    title_ = title;
    setAccessibleName(title);
    update();
}

void ContextMapView::setScaleLabel(const QString& label)
{
    scaleLabel_ = label;
    update();
}

void ContextMapView::setMarked(const QVector<int>& contexts)
{
    marked_ = contexts;
    update();
}

void ContextMapView::setSelectedIndex(int context)
{
    if (context >= layout_.size())
        context = -1;
    if (context == selected_)
        return;
    selected_ = context;
    update();
    emit selectionChanged(context);
}

QRectF ContextMapView::mapArea() const
{
    const double right = values_.isEmpty() ? kMargin : kScaleWidth;
    return QRectF(kMargin, kTitle, std::max(1.0, width() - kMargin - right), std::max(1.0, double(height() - kTitle - kMargin)));
}

double ContextMapView::scale() const
{
    const QRectF area = mapArea();
    if (layout_.extent.isEmpty())
        return 1;
    return std::min(area.width() / layout_.extent.width(), area.height() / layout_.extent.height());
}

QPointF ContextMapView::toWidget(const QPointF& p) const
{
    const QRectF area = mapArea();
    const double s = scale();
    // Centred in the area.
    const QPointF origin(area.left() + (area.width() - s * layout_.extent.width()) / 2,
                         area.top() + (area.height() - s * layout_.extent.height()) / 2);
    return origin + p * s;
}

QRectF ContextMapView::cellRect(int c) const
{
    if (c < 0 || c >= layout_.size())
        return {};
    const QRectF r = layout_.cells[c];
    return QRectF(toWidget(r.topLeft()), toWidget(r.bottomRight()));
}

int ContextMapView::indexAt(const QPoint& pos) const
{
    if (isEmpty())
        return -1;
    for (int c = 0; c < layout_.size(); ++c)
        if (cellRect(c).contains(pos))
            return c;
    return -1;
}

void ContextMapView::paintEvent(QPaintEvent*)
{
    QElapsedTimer clock;
    clock.start();
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().text().color());
    p.drawText(QRectF(kMargin, 2, width() - 2 * kMargin, kTitle - 4), Qt::AlignCenter | Qt::TextSingleLine, title_);
    p.setFont(font());
    if (isEmpty() || layout_.size() == 0) {
        p.setPen(palette().placeholderText().color());
        p.drawText(mapArea().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        paintMs_ = clock.nsecsElapsed() / 1e6;
        return;
    }
    const double s = scale();
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    for (int c = 0; c < layout_.size(); ++c) {
        const QRectF r = cellRect(c);
        if (!images_.isEmpty()) {
            // The image at its own aspect, centred in the cell (a list's cells are wider).
            const QImage& img = images_[c];
            const QSizeF fit = img.isNull() ? r.size() : QSizeF(img.size()).scaled(r.size(), Qt::KeepAspectRatio);
            const QRectF box(r.center() - QPointF(fit.width() / 2, fit.height() / 2), fit);
            p.fillRect(box, Qt::black);
            if (!img.isNull())
                p.drawImage(box, img);
        } else {
            const double v = values_[c];
            const double t = hi_ > lo_ ? std::clamp((v - lo_) / (hi_ - lo_), 0.0, 1.0) : 0.5;
            p.fillRect(r, std::isfinite(v) ? ColorMapView::paletteColor(t) : kNan);
        }
    }
    // Captions (panel titles, axis ticks, names) at a size that fits the cells.
    QFont small = font();
    small.setPointSizeF(std::clamp(s * 0.26, 6.0, font().pointSizeF()));
    for (const ContextMapLayout::Caption& cap : layout_.captions) {
        p.setFont(cap.small ? small : font());
        p.setPen(palette().text().color());
        p.drawText(QRectF(toWidget(cap.rect.topLeft()), toWidget(cap.rect.bottomRight())),
                   Qt::AlignCenter | Qt::TextWordWrap, cap.text);
    }
    for (int c : marked_)
        if (c >= 0 && c < layout_.size()) {
            p.setPen(QPen(QColor(255, 255, 255), 2, Qt::DashLine));
            p.drawRect(cellRect(c).adjusted(1, 1, -1, -1));
        }
    if (hovered_ >= 0) {
        p.setPen(QPen(palette().highlight().color(), 1.5));
        p.drawRect(cellRect(hovered_));
    }
    if (selected_ >= 0) {
        p.setPen(QPen(QColor(255, 64, 64), 2.5));
        p.drawRect(cellRect(selected_));
    }
    if (!values_.isEmpty())
        paintScale(p, QRectF(width() - kScaleWidth + 10, kTitle + 6, 14, std::max(20, height() - kTitle - 24)));
    paintMs_ = clock.nsecsElapsed() / 1e6;
}

void ContextMapView::paintScale(QPainter& p, const QRectF& bar) const
{
    QLinearGradient g(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 8; ++i)
        g.setColorAt(i / 8.0, ColorMapView::paletteColor(i / 8.0));
    p.fillRect(bar, g);
    p.setPen(palette().text().color());
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    p.setFont(small);
    const QRectF text(bar.right() + 3, bar.top() - 8, kScaleWidth - 26, 16);
    p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, QString::number(hi_, 'g', 4));
    p.drawText(text.translated(0, bar.height()), Qt::AlignLeft | Qt::AlignVCenter, QString::number(lo_, 'g', 4));
    p.save();
    p.translate(bar.right() + 30, bar.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-bar.height() / 2, -8, bar.height(), 16), Qt::AlignCenter, scaleLabel_);
    p.restore();
}

QString ContextMapView::cellText(int c) const
{
    if (label_)
        return label_(c);
    const QString name = c < names_.size() ? names_[c] : tr("context %1").arg(c);
    if (c < values_.size())
        return tr("%1: %2").arg(name).arg(values_[c], 0, 'g', 5);
    return name;
}

void ContextMapView::mouseMoveEvent(QMouseEvent* event)
{
    const int c = indexAt(event->position().toPoint());
    if (c == hovered_)
        return;
    hovered_ = c;
    update();
    if (c >= 0) {
        emit cellHovered(c);
        QToolTip::showText(event->globalPosition().toPoint(), cellText(c), this);
    } else {
        QToolTip::hideText();
    }
}

void ContextMapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    const int c = indexAt(event->position().toPoint());
    if (c >= 0) {
        setSelectedIndex(c);
        emit cellActivated(c);
    }
}

void ContextMapView::keyPressEvent(QKeyEvent* event)
{
    const int n = layout_.size();
    if (n == 0 || isEmpty())
        return QWidget::keyPressEvent(event);
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Up: setSelectedIndex(selected_ <= 0 ? 0 : selected_ - 1); return;
    case Qt::Key_Right:
    case Qt::Key_Down: setSelectedIndex(selected_ < 0 ? 0 : std::min(n - 1, selected_ + 1)); return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (selected_ >= 0)
            emit cellActivated(selected_);
        return;
    default: return QWidget::keyPressEvent(event);
    }
}

void ContextMapView::leaveEvent(QEvent* event)
{
    hovered_ = -1;
    update();
    QWidget::leaveEvent(event);
}

bool ContextMapView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(event);
        const int c = indexAt(he->pos());
        QToolTip::showText(he->globalPos(),
                           c >= 0 ? cellText(c)
                                  : tr("%1. Hover a cell for its context, click or Enter to select it, arrows to "
                                       "move. Right-click: export as PNG or CSV.")
                                        .arg(layout_.description),
                           this);
        return true;
    }
    return QWidget::event(event);
}

void ContextMapView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    PlotFigure::addExportActions(menu, this,
                                 {tr("Export context map as PNG"), [this](const QString& f) { return exportPng(f); },
                                  tr("Export context map as SVG"), [this](const QString& f) { return exportSvg(f); },
                                  tr("Export context map as CSV"),
                                  [this](const QString& f) { return exportCsv(f); }});
    menu.exec(event->globalPos());
}

FigureInfo ContextMapView::figureInfo() const
{
    FigureInfo info = figureInfo_ ? figureInfo_() : FigureInfo{};
    if (info.title.isEmpty())
        info.title = title_;
    if (info.caption.isEmpty())
        info.caption = layout_.description;
    return info;
}

bool ContextMapView::exportPng(const QString& path, QString* error)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(), error);
}

bool ContextMapView::exportSvg(const QString& path, QString* error)
{
    // The widget paints itself into the SVG (vector cells and text).
    QSvgGenerator svg;
    QBuffer buffer;
    svg.setOutputDevice(&buffer);
    svg.setSize(size());
    svg.setViewBox(rect());
    const FigureInfo info = figureInfo();
    svg.setTitle(info.title);
    svg.setDescription(info.caption);
    {
        QPainter p(&svg);
        render(&p);
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(buffer.data()) == buffer.size() && file.commit())
        return true;
    if (error)
        *error = tr("%1: cannot write the SVG (%2)").arg(path, file.errorString());
    return false;
}

bool ContextMapView::exportCsv(const QString& path, QString* error) const
{
    return PlotFigure::writeCsv(
        path, "context,name,value\n",
        [this](QTextStream& out) {
            for (int c = 0; c < layout_.size(); ++c) {
                QString name = c < names_.size() ? names_[c] : tr("context %1").arg(c);
                name.replace('"', "\"\"");
                out << c << ",\"" << name << "\",";
                if (c < values_.size() && std::isfinite(values_[c]))
                    out << QString::number(values_[c], 'g', 9);
                out << "\n";
            }
        },
        error, figureInfo());
}
