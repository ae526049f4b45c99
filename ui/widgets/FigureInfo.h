#pragma once
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

class QImage;
class PngWriter;

// What an exported picture says about itself: written into the PNG as text
// chunks (QImage::setText), so a figure found later still tells what it
// shows, from which model, with which settings and when. Keys (the PNG
// standard keywords, readable with any PNG tool, e.g. `identify -verbose`):
//   Title          the figure ("Context likelihood map")
//   Description    the caption: what is shown, in one or two sentences
//   Source         the model(s) shown (ModelSummary: shapes, members, contexts)
//   Comment        the view's settings ("glyph: V; angle: 30.0°; ...")
//   Creation Time  ISO 8601 with offset, when the file was written
//   Software       "LatentSet <version>"
struct FigureInfo {
    QString title, caption, model, settings;
    QDateTime created; // null: now, at write time

    bool isEmpty() const { return title.isEmpty() && caption.isEmpty() && model.isEmpty() && settings.isEmpty(); }
    // The keys above with their values, in that order (empty fields left out).
    QList<QPair<QString, QString>> fields() const;
    // Sets the keys above on the PNG to be written (empty fields are left out).
    void writeTo(PngWriter& png) const;
    // The keys back from an image read from a file.
    static FigureInfo readFrom(const QImage& image);
};
