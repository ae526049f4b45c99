#include "image/PngWriter.h"

#include "latentset/util/Error.h"

#include <QImageWriter>
#include <QSaveFile>

PngWriter& PngWriter::setText(const QString& key, const QString& value)
{
    for (auto& text : texts_)
        if (text.first == key) {
            text.second = value;
            return *this;
        }
    texts_.append({key, value});
    return *this;
}

bool PngWriter::tryWrite(const QImage& image, QString* error) const
{
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = path_ + ": cannot write the PNG (" + reason + ")";
        return false;
    };
    if (image.isNull())
        return fail("the image is empty");
    QSaveFile file(path_);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QImageWriter writer(&file, "png");
    for (const auto& [key, value] : texts_)
        writer.setText(key, value);
    if (!writer.write(image)) {
        file.cancelWriting();
        return fail(writer.errorString());
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

void PngWriter::write(const QImage& image) const
{
    QString error;
    if (!tryWrite(image, &error))
        throw latentset::Error(error.toStdString());
}
