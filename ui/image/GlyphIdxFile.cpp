#include "image/GlyphIdxFile.h"

#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <cmath>

namespace {
constexpr quint32 kMagic = 0x00000803; // unsigned byte, 3 dimensions
}

bool GlyphIdxFile::append(const QString& path, const latentset::Vector& pixels, int rows, int cols, QString* error)
{
    auto fail = [&](const QString& why) {
        if (error)
            *error = QString("%1: %2").arg(path, why);
        return false;
    };
    if (pixels.size() != latentset::Index(rows) * cols)
        return fail(QString("glyph has %1 pixels, expected %2").arg(pixels.size()).arg(rows * cols));
    QByteArray data;
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return fail(existing.errorString());
        data = existing.readAll();
        if (data.size() < 16)
            return fail("not an IDX file (shorter than its header)");
        const auto* h = reinterpret_cast<const uchar*>(data.constData());
        const quint32 magic = qFromBigEndian<quint32>(h);
        const quint32 n = qFromBigEndian<quint32>(h + 4);
        const quint32 r = qFromBigEndian<quint32>(h + 8);
        const quint32 c = qFromBigEndian<quint32>(h + 12);
        if (magic != kMagic)
            return fail("not an IDX3 unsigned-byte image file");
        if (int(r) != rows || int(c) != cols)
            return fail(QString("holds %1x%2 images, not %3x%4").arg(r).arg(c).arg(rows).arg(cols));
        if (qint64(data.size()) != 16 + qint64(n) * r * c)
            return fail("size disagrees with its header (truncated?)");
        qToBigEndian<quint32>(n + 1, reinterpret_cast<uchar*>(data.data()) + 4);
    } else {
        data.resize(16);
        auto* h = reinterpret_cast<uchar*>(data.data());
        qToBigEndian<quint32>(kMagic, h);
        qToBigEndian<quint32>(1, h + 4);
        qToBigEndian<quint32>(quint32(rows), h + 8);
        qToBigEndian<quint32>(quint32(cols), h + 12);
    }
    for (latentset::Index i = 0; i < pixels.size(); ++i)
        data.append(char(uchar(std::lround(std::clamp(pixels[i], 0.0f, 1.0f) * 255.0f))));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
        return fail(out.errorString());
    return true;
}

int GlyphIdxFile::count(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray h = f.read(16);
    if (h.size() < 16 || qFromBigEndian<quint32>(reinterpret_cast<const uchar*>(h.constData())) != kMagic)
        return -1;
    return int(qFromBigEndian<quint32>(reinterpret_cast<const uchar*>(h.constData()) + 4));
}
