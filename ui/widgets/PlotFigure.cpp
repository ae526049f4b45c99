#include "widgets/PlotFigure.h"

#include "image/PngWriter.h"

#include <QBuffer>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QPixmap>
#include <QMenu>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>
#include <qcustomplot.h>

void PlotFigure::setTitle(QCustomPlot* plot, const QString& title, const QFont& font)
{
    QCPLayoutGrid* layout = plot->plotLayout();
    if (layout->rowCount() < 2) {
        layout->insertRow(0);
        layout->addElement(0, 0, new QCPTextElement(plot, title, QFont(font.family(), font.pointSize(), QFont::Bold)));
    } else if (auto* text = qobject_cast<QCPTextElement*>(layout->element(0, 0))) {
        text->setText(title);
    }
}

bool PlotFigure::savePng(QCustomPlot* plot, const QString& path, double devicePixelRatio, QString* error,
                         const FigureInfo& info)
{
    // Width and height 0: the widget's own size (what QCustomPlot::savePng drew).
    const QPixmap pixmap = plot->toPixmap(0, 0, devicePixelRatio);
    return writePng(pixmap.toImage(), path, info, error);
}

namespace {

// The generator of an SVG the size of `size` in CSS pixels, `info` as its <title> and <desc>.
void describeSvg(QSvgGenerator& generator, QBuffer& buffer, QSize size, const FigureInfo& info)
{
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setResolution(96); // CSS pixels: a browser shows the SVG at the plot's size in pixels
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(info.title);
    QStringList description;
    for (const auto& [key, value] : info.fields())
        description << key + ": " + value;
    generator.setDescription(description.join('\n'));
}

bool commitSvg(const QByteArray& svg, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!svg.isEmpty() && file.open(QIODevice::WriteOnly) && file.write(svg) == svg.size() && file.commit())
        return true;
    if (error)
        *error = PlotFigure::tr("%1: cannot write the SVG (%2)").arg(path, file.errorString());
    return false;
}

} // namespace

bool PlotFigure::saveSvg(QCustomPlot* plot, const QString& path, QString* error, const FigureInfo& info)
{
    QByteArray svg;
    QBuffer buffer(&svg);
    QSvgGenerator generator;
    describeSvg(generator, buffer, plot->size(), info);
    QCPPainter painter;
    if (painter.begin(&generator)) {
        // As QCustomPlot::savePdf: vector output, no cached pixmaps of layers.
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, plot->width(), plot->height());
        painter.end();
        return commitSvg(svg, path, error);
    }
    if (error)
        *error = tr("%1: cannot write the SVG (no painter)").arg(path);
    return false;
}

bool PlotFigure::writeSvg(const QString& path, QSize size, const std::function<void(QPainter&)>& draw,
                          QString* error, const FigureInfo& info)
{
    QByteArray svg;
    QBuffer buffer(&svg);
    QSvgGenerator generator;
    describeSvg(generator, buffer, size, info);
    QPainter painter;
    if (painter.begin(&generator)) {
        draw(painter);
        painter.end();
        return commitSvg(svg, path, error);
    }
    if (error)
        *error = tr("%1: cannot write the SVG (no painter)").arg(path);
    return false;
}

bool PlotFigure::writePng(QImage image, const QString& path, const FigureInfo& info, QString* error)
{
    PngWriter png(path);
    info.writeTo(png);
    if (png.tryWrite(image))
        return true;
    if (error)
        *error = tr("%1: cannot write the PNG").arg(path);
    return false;
}

bool PlotFigure::writeCsv(const QString& path, const QString& header, const std::function<void(QTextStream&)>& rows,
                          QString* error, const FigureInfo& info)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        QTextStream out(&file);
        out << header << '\n';
        rows(out);
        out.flush();
        if (file.commit())
            return info.isEmpty() || writeAbout(path + ".txt", info, error);
    }
    if (error)
        *error = tr("%1: cannot write (%2)").arg(path, file.errorString());
    return false;
}

bool PlotFigure::writeAbout(const QString& path, const FigureInfo& info, QString* error)
{
    // The side file is a name the user did not type: an existing file of that
    // name is replaced only when it is an earlier LatentSet side file.
    if (QFile old(path); old.exists()) {
        if (!old.open(QIODevice::ReadOnly | QIODevice::Text) || !old.readAll().contains("\nSoftware: LatentSet")) {
            if (error)
                *error = tr("%1: exists and is not LatentSet's; the table was written, its description was not").arg(path);
            return false;
        }
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        QTextStream out(&file);
        for (const auto& [key, value] : info.fields())
            out << key << ": " << QString(value).replace('\n', ' ') << '\n';
        out.flush();
        if (file.commit())
            return true;
    }
    if (error)
        *error = tr("%1: cannot write (%2)").arg(path, file.errorString());
    return false;
}

void PlotFigure::addExportActions(QMenu& menu, QWidget* owner, Exporters exporters)
{
    // The exporters' return values are not shown: the menu has always been
    // silent on a failed export (the error text is for callers that ask).
    const auto add = [&](const QString& text, const QString& caption, const QString& filter,
                         std::function<bool(const QString&)> exporter) {
        menu.addAction(text, owner, [owner, caption, filter, exporter = std::move(exporter)] {
            const QString path = QFileDialog::getSaveFileName(owner, caption, QString(), filter);
            if (!path.isEmpty())
                exporter(path);
        });
    };
    add(tr("Export PNG…"), exporters.pngCaption, tr("PNG images (*.png)"), std::move(exporters.png));
    add(tr("Export SVG…"), exporters.svgCaption, tr("SVG images (*.svg)"), std::move(exporters.svg));
    add(tr("Export CSV…"), exporters.csvCaption, tr("CSV files (*.csv)"), std::move(exporters.csv));
}
