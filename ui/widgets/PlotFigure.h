#pragma once
#include <QCoreApplication>
#include <QString>

#include <functional>

#include "widgets/FigureInfo.h"

class QCustomPlot;
class QImage;
class QFont;
class QMenu;
class QPainter;
class QSize;
class QTextStream;
class QWidget;

// What every LatentSet figure does the same way around its QCustomPlot, so
// PlotView (curves, bars) and ColorMapView (grids) write it once: the bold
// title row above the axis rect, PNG, SVG and CSV export and the
// "Export PNG…/Export SVG…/Export CSV…" entries of a figure's context menu.
//
// Static helpers, GUI thread only (they touch widgets or open dialogs).
class PlotFigure {
    Q_DECLARE_TR_FUNCTIONS(PlotFigure)
public:
    // Puts `title` in a text element on a row inserted above the plot's
    // first row; a second call replaces the text (never adds a row).
    static void setTitle(QCustomPlot* plot, const QString& title, const QFont& font);

    // Writes the plot as it is drawn now, at the widget's size times
    // `devicePixelRatio`, with `info` as PNG text (FigureInfo). False (with
    // "<path>: cannot write the PNG" in *error) when the file cannot be
    // written.
    static bool savePng(QCustomPlot* plot, const QString& path, double devicePixelRatio, QString* error = nullptr,
                        const FigureInfo& info = {});
    // Writes the plot as vector graphics (SVG; QCustomPlot 2.1 has no SVG
    // writer of its own, so QSvgGenerator is its painter's device, as its
    // savePdf does with a PDF writer) at the widget's size, `info`'s title and
    // keys as the SVG's <title> and <desc>; written through QSaveFile. Colour
    // maps are embedded as images, axes, curves and text stay vectors. False
    // (with "<path>: cannot write the SVG (...)" in *error) on failure.
    static bool saveSvg(QCustomPlot* plot, const QString& path, QString* error = nullptr, const FigureInfo& info = {});
    // The same for a figure that is not a QCustomPlot: `draw` paints it on an
    // SVG of `size` CSS pixels (images embedded, text and lines as vectors).
    static bool writeSvg(const QString& path, QSize size, const std::function<void(QPainter&)>& draw,
                         QString* error = nullptr, const FigureInfo& info = {});
    // The one PNG writer of the app's exports: `info` as text chunks, the
    // file written through QSaveFile (a failed write leaves an old file as
    // it was). Views' "Export PNG…" and File > Export View come here.
    static bool writePng(QImage image, const QString& path, const FigureInfo& info, QString* error = nullptr);

    // Writes a text file atomically (QSaveFile: a failed write leaves any old
    // file as it was): `header` then whatever `rows` streams. False, with
    // "<path>: cannot write (<reason>)" in *error, when it cannot be opened or
    // committed.
    // With a non-empty `info`, its keys go beside the table, one "Key: value"
    // line each, into <path>.txt (the CSV itself stays plain for every reader).
    static bool writeCsv(const QString& path, const QString& header, const std::function<void(QTextStream&)>& rows,
                         QString* error = nullptr, const FigureInfo& info = {});

    // Adds "Export PNG…", "Export SVG…" and "Export CSV…" to `menu`. Each
    // asks for a path with a save dialog (parent `owner`, the given caption)
    // and, unless cancelled, calls the exporter with it.
    struct Exporters {
        QString pngCaption;
        std::function<bool(const QString&)> png;
        QString svgCaption;
        std::function<bool(const QString&)> svg;
        QString csvCaption;
        std::function<bool(const QString&)> csv;
    };
    static void addExportActions(QMenu& menu, QWidget* owner, Exporters exporters);

private:
    // `info` as "Key: value" lines, written atomically.
    static bool writeAbout(const QString& path, const FigureInfo& info, QString* error);
};
