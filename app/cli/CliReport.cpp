#include "CliReport.h"

#include <QJsonDocument>

#include <cstdio>

void CliReport::line(const QString& text) const
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void CliReport::finish() const
{
    if (!json_)
        return;
    const QByteArray bytes = QJsonDocument(object_).toJson(QJsonDocument::Compact);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}
