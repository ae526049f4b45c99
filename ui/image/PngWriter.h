#pragma once
#include <QImage>
#include <QList>
#include <QPair>
#include <QString>

// Writes one PNG file, atomically: the image goes to a temporary file beside
// `path` that replaces `path` only once it is complete (QSaveFile), so a
// crash, a full disk or a bad image never leaves a half-written file under
// the name. Optional text metadata rides along as PNG text chunks (tEXt /
// zTXt / iTXt, as QImage::setText writes them): key/value pairs such as what
// made the image and with which settings ("Software", "Description", ...).
//
//     PngWriter png("map.png");
//     png.setText("Description", "context-likelihood map, theta 30");
//     png.write(image); // throws latentset::Error on failure
//
// Needs Qt Gui only (no QGuiApplication either). Any thread.
class PngWriter {
public:
    explicit PngWriter(QString path) : path_(std::move(path)) {}

    const QString& path() const { return path_; }
    // Adds (or replaces) a text chunk. Keys are short Latin-1 words (PNG
    // allows 1-79 characters); values any text.
    PngWriter& setText(const QString& key, const QString& value);

    // Writes `image` (any format; PNG keeps grey, RGB and alpha as they
    // are). On failure leaves any file at path() untouched and throws
    // latentset::Error "<path>: cannot write the PNG (<reason>)".
    void write(const QImage& image) const;
    // The same without throwing: false and the message in *error.
    bool tryWrite(const QImage& image, QString* error = nullptr) const;

private:
    QString path_;
    QList<QPair<QString, QString>> texts_;
};
