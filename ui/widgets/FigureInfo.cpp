#include "widgets/FigureInfo.h"

#include "image/PngWriter.h"

#include <QCoreApplication>
#include <QImage>

QList<QPair<QString, QString>> FigureInfo::fields() const
{
    QList<QPair<QString, QString>> out;
    const auto put = [&out](const char* key, const QString& value) {
        if (!value.isEmpty())
            out.append({key, value});
    };
    put("Title", title);
    put("Description", caption);
    put("Source", model);
    put("Comment", settings);
    const QDateTime when = created.isValid() ? created : QDateTime::currentDateTime();
    put("Creation Time", when.toOffsetFromUtc(when.offsetFromUtc()).toString(Qt::ISODate));
    QString version = QCoreApplication::applicationVersion();
    put("Software", version.isEmpty() ? QString("LatentSet") : QString("LatentSet %1").arg(version));
    return out;
}

void FigureInfo::writeTo(PngWriter& png) const
{
    for (const auto& [key, value] : fields())
        png.setText(key, value);
}

FigureInfo FigureInfo::readFrom(const QImage& image)
{
    FigureInfo info;
    info.title = image.text("Title");
    info.caption = image.text("Description");
    info.model = image.text("Source");
    info.settings = image.text("Comment");
    info.created = QDateTime::fromString(image.text("Creation Time"), Qt::ISODate);
    return info;
}
