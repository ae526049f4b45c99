// UnitsView's outputs: the tooltips of the tiles and the strip, the figure
// text, the exports (PNG, SVG, CSV) and the view state. The runs and the
// form are in UnitsView.cpp.
#include "views/UnitsView.h"

#include "session/Session.h"
#include "views/WorldInputBar.h"
#include "widgets/GlyphPicker.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"

#include "latentset/experiments/UnitsTable.h"
#include "latentset/util/Error.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QTextStream>
#include <QToolTip>

#include <sstream>

using latentset::UnitsSettings;

QWidget* UnitsView::buildExportButtons()
{
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    const auto button = [&](const QString& text, const QString& filter, auto write) {
        auto* b = new QPushButton(text);
        row->addWidget(b);
        connect(b, &QPushButton::clicked, this, [this, text, filter, write] {
            const QString path = QFileDialog::getSaveFileName(this, text, "units" + filter.mid(filter.indexOf("*.") + 1, 4), filter);
            QString error;
            if (!path.isEmpty() && !write(path, &error))
                QMessageBox::warning(this, text, error.isEmpty() ? tr("%1: not written.").arg(path) : error);
        });
    };
    button(tr("Export PNG…"), tr("PNG images (*.png)"), [this](const QString& p, QString* e) {
        const bool ok = exportPng(p);
        if (!ok && e)
            *e = result_ ? tr("%1: cannot write the PNG").arg(p) : tr("No units shown yet.");
        return ok;
    });
    button(tr("Export SVG…"), tr("SVG images (*.svg)"), [this](const QString& p, QString* e) { return exportSvg(p, e); });
    button(tr("Export CSV…"), tr("CSV tables (*.csv)"), [this](const QString& p, QString* e) { return exportCsv(p, e); });
    return box;
}

bool UnitsView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::ToolTip && result_ && (watched == gridLabel_ || watched == stripLabel_)) {
        const QPoint at = static_cast<QHelpEvent*>(event)->pos();
        const QString tip = watched == gridLabel_ ? unitTip(at) : directionTip(at);
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), tip, static_cast<QWidget*>(watched));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString UnitsView::unitTip(QPoint at) const
{
    const int rank = UnitsPicture::rankAt(*result_, shownUnits(), layout_, at);
    if (rank < 0)
        return {};
    const latentset::Index u = result_->unitOrder[std::size_t(rank)];
    return tr("unit %1 (#%2 in the order)\n|w| = %3\nactivation on %4 = %5")
        .arg(u)
        .arg(rank + 1)
        .arg(double(result_->norms(u)), 0, 'g', 4)
        .arg(glyphName_)
        .arg(double(result_->activations(u)), 0, 'g', 4);
}

QString UnitsView::directionTip(QPoint at) const
{
    const QPoint cell = UnitsPicture::directionAt(*result_, layout_, at);
    if (cell.x() < 0)
        return {};
    const latentset::Index i = result_->directionOrder[std::size_t(cell.y())];
    return tr("direction %1: z*_%1 = %2, offset %3\nresponse |f(z*+k e_i) - f(z*-k e_i)| = %4")
        .arg(i)
        .arg(double(result_->code(i)), 0, 'g', 4)
        .arg(double(result_->offsets[std::size_t(cell.x())]), 0, 'g', 3)
        .arg(double(result_->directionResponse(i)), 0, 'g', 4);
}

FigureInfo UnitsView::figureInfo() const
{
    const UnitsSettings s = settings();
    FigureInfo info;
    info.title = tr("Units of member %1").arg(s.member);
    info.caption = status_->text() + " " + stripCaption_->text();
    info.model = source() == Source::ContextWorld ? ModelSummary::contextWorld(*session_)
                 : source() == Source::CubeWorld  ? ModelSummary::cubeWorld(*session_)
                                                  : ModelSummary::classSet(*session_);
    info.settings = tr("input: %1; sort: %2; k: %3; steps: %4; contrast: %5; tiles shown: %6")
                        .arg(glyphName_, QString(UnitsSettings::orderName(s.order)))
                        .arg(double(s.step))
                        .arg(s.steps)
                        .arg(s.perTileScale ? tr("per tile") : tr("shared"))
                        .arg(shownUnits());
    return info;
}

bool UnitsView::exportPng(const QString& path)
{
    if (!result_)
        return false;
    return PlotFigure::writePng(UnitsPicture::figure(*result_, shownUnits(), layout_), path, figureInfo());
}

bool UnitsView::exportSvg(const QString& path, QString* error) const
{
    if (!result_) {
        if (error)
            *error = tr("No units shown yet.");
        return false;
    }
    constexpr int kSpace = 12, kText = 18;
    const QSize size(grid_.width() + kSpace + strip_.width(), kText + std::max(grid_.height(), strip_.height()));
    const FigureInfo info = figureInfo();
    return PlotFigure::writeSvg(
        path, size,
        [&](QPainter& p) {
            p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            p.setPen(Qt::black);
            p.drawText(QRect(0, 0, grid_.width(), kText), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("filters (%1), by %2").arg(result_->decoderFilters ? tr("decoder columns") : tr("encoder rows"),
                                                     QString(UnitsSettings::orderName(settings().order))));
            p.drawText(QRect(grid_.width() + kSpace, 0, strip_.width() + 200, kText), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("f(z* + o e_i), o = -k..+k"));
            p.drawImage(0, kText, grid_);
            p.drawImage(grid_.width() + kSpace, kText, strip_);
        },
        error, info);
}

bool UnitsView::exportCsv(const QString& path, QString* error) const
{
    if (!result_) {
        if (error)
            *error = tr("No units shown yet.");
        return false;
    }
    return PlotFigure::writeCsv(
        path, QString::fromStdString(latentset::UnitsTable::header(*result_)),
        [this](QTextStream& out) {
            std::ostringstream rows;
            latentset::UnitsTable::writeRows(*result_, rows);
            out << QString::fromStdString(rows.str());
        },
        error, figureInfo());
}

QJsonObject UnitsView::viewState() const
{
    QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(latentset::JsonWriter::write(settings().toJson())))
                        .object();
    o["source"] = source() == Source::ContextWorld ? "world" : source() == Source::CubeWorld ? "cube" : "class";
    o["count"] = count_->value();
    o["glyph"] = picker_->viewState();
    o["worldInput"] = worldInput_->viewState();
    return o;
}

void UnitsView::restoreViewState(const QJsonObject& state)
{
    if (state.isEmpty())
        return;
    const QString source = state.value("source").toString();
    setSource(source == "world" ? Source::ContextWorld : source == "cube" ? Source::CubeWorld : Source::ClassSet);
    if (state.contains("worldInput"))
        worldInput_->restoreViewState(state.value("worldInput").toObject());
    if (state.contains("count"))
        count_->setValue(state.value("count").toInt(256));
    if (state.contains("glyph"))
        picker_->restoreViewState(state.value("glyph").toObject());
    QJsonObject settings = state;
    for (const char* key : {"source", "count", "glyph", "worldInput"})
        settings.remove(key);
    try {
        const QByteArray text = QJsonDocument(settings).toJson(QJsonDocument::Compact);
        setSettings(UnitsSettings::fromJson(latentset::JsonReader::parse(text.toStdString(), "units view state")));
    } catch (const latentset::Error&) {
        // A damaged view state keeps the controls as they are (the project opens anyway).
    }
    evaluate();
}
