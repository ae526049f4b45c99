#include "image/PairedFolderReader.h"

#include "image/ImageFolderReader.h"
#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

using latentset::ContextAxis;
using latentset::Error;
using latentset::PairedImages;

namespace {

std::string str(const QString& s) { return s.toStdString(); }

QStringList imagesIn(const QString& folder)
{
    return QDir(folder).entryList(ImageFolderReader::imagePatterns(), QDir::Files, QDir::Name);
}

QStringList contextFolders(const QString& root)
{
    QStringList out;
    for (const QString& sub : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (!imagesIn(root + '/' + sub).isEmpty())
            out << sub;
    return out;
}

// Every item in every context, or an Error naming the file without a partner.
QStringList pairedItems(const QString& root, const QStringList& contexts)
{
    std::set<QString> all;
    std::map<QString, std::set<QString>> in;
    for (const QString& c : contexts)
        for (const QString& f : imagesIn(root + '/' + c)) {
            all.insert(f);
            in[c].insert(f);
        }
    for (const QString& item : all)
        for (const QString& c : contexts)
            if (!in[c].count(item)) {
                QString has;
                for (const QString& other : contexts)
                    if (in[other].count(item)) {
                        has = other;
                        break;
                    }
                throw Error(str(root + '/' + has + '/' + item) + ": no partner in context '" + str(c) + "' ("
                            + str(root + '/' + c + '/' + item) + " is missing)");
            }
    return QStringList(all.begin(), all.end());
}

// The images' one size, from their headers (no decoding).
QSize commonSize(const QString& root, const QStringList& contexts, const QStringList& items)
{
    QSize size;
    QString first;
    for (const QString& c : contexts)
        for (const QString& item : items) {
            const QString path = root + '/' + c + '/' + item;
            QImageReader reader(path);
            const QSize s = reader.size();
            if (!s.isValid() || !reader.canRead())
                throw Error(str(path) + ": cannot read the image (" + str(reader.errorString()) + ")");
            if (first.isEmpty()) {
                size = s;
                first = path;
            } else if (s != size) {
                throw Error(str(path) + ": mixed image sizes, this one is " + std::to_string(s.width()) + "x"
                            + std::to_string(s.height()) + " but " + str(first) + " is " + std::to_string(size.width())
                            + "x" + std::to_string(size.height()));
            }
        }
    return size;
}

double parseNumber(const QString& text, const std::string& where)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        throw Error(where + ": '" + str(text.trimmed()) + "' is not a number");
    return v;
}

// contexts.csv, if present: axes and one row per context.
void readParameters(const QString& root, PairedImages& images)
{
    const QString path = root + "/contexts.csv";
    const int n = int(images.contexts.size());
    if (!QFileInfo::exists(path)) {
        images.axes = {ContextAxis{"index", false, 0}};
        for (int c = 0; c < n; ++c)
            images.parameters.push_back({double(c)});
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text) || file.size() > (qint64(64) << 20))
        throw Error(str(path) + ": cannot read (or larger than 64 MB)");
    QTextStream in(&file);
    const QStringList header = in.readLine().split(',');
    if (header.size() < 2 || header.front().trimmed() != "context")
        throw Error(str(path) + ": line 1: expected a header 'context,<parameter>,...'");
    for (int k = 1; k < header.size(); ++k) {
        const QStringList nameAndPeriod = header[k].trimmed().split('@');
        ContextAxis axis{str(nameAndPeriod.front()), nameAndPeriod.size() > 1, 0};
        if (axis.circular && !((axis.period = parseNumber(nameAndPeriod[1], str(path) + ": line 1")) > 0))
            throw Error(str(path) + ": line 1: the period of '" + axis.name + "' must be > 0");
        images.axes.push_back(axis);
    }
    std::map<std::string, std::vector<double>> rows;
    for (int line = 2; !in.atEnd(); ++line) {
        const QString text = in.readLine();
        if (text.trimmed().isEmpty())
            continue;
        const QStringList cells = text.split(',');
        const std::string where = str(path) + ": line " + std::to_string(line);
        const std::string context = str(cells.front().trimmed());
        if (std::find(images.contexts.begin(), images.contexts.end(), context) == images.contexts.end())
            throw Error(where + ": context '" + context + "' is not a subfolder of " + str(root));
        if (cells.size() != header.size())
            throw Error(where + ": " + std::to_string(cells.size()) + " cells, the header has "
                        + std::to_string(header.size()));
        if (rows.count(context))
            throw Error(where + ": a second row for context '" + context + "'");
        std::vector<double>& row = rows[context];
        for (int k = 1; k < cells.size(); ++k)
            row.push_back(parseNumber(cells[k], where));
    }
    for (const std::string& c : images.contexts) {
        if (!rows.count(c))
            throw Error(str(path) + ": no row for context '" + c + "'");
        images.parameters.push_back(rows[c]);
    }
}

void decode(const QString& root, PairedImages& images)
{
    const std::size_t n = std::size_t(images.pixelCount());
    std::size_t offset = 0;
    for (const std::string& c : images.contexts)
        for (const std::string& item : images.items) {
            const QString path = root + '/' + QString::fromStdString(c) + '/' + QString::fromStdString(item);
            QImageReader reader(path);
            QImage image = reader.read();
            if (image.isNull())
                throw Error(str(path) + ": cannot read the image (" + str(reader.errorString()) + ")");
            if (image.width() != images.width || image.height() != images.height)
                throw Error(str(path) + ": its pixels are " + std::to_string(image.width()) + "x"
                            + std::to_string(image.height()) + ", its header said otherwise");
            image = image.convertToFormat(QImage::Format_Grayscale8);
            for (int y = 0; y < images.height; ++y)
                std::memcpy(images.pixels.data() + offset + std::size_t(y) * std::size_t(images.width),
                            image.constScanLine(y), std::size_t(images.width));
            offset += n;
        }
}

} // namespace

bool PairedFolderReader::isPairedFolder(const QString& path)
{
    return QFileInfo(path).isDir() && contextFolders(path).size() >= 2;
}

std::shared_ptr<PairedImages> PairedFolderReader::read(const QString& folder)
{
    const QString root = QDir(folder).absolutePath();
    if (!QFileInfo(root).isDir())
        throw Error(str(folder) + ": no such folder");
    const QStringList contexts = contextFolders(root);
    if (contexts.size() < 2)
        throw Error(str(folder) + ": " + (contexts.isEmpty() ? std::string("no context subfolder with images")
                                                             : "one context only ('" + str(contexts.front()) + "')")
                    + "; a paired folder needs a subfolder of images per context, at least 2");
    const QStringList items = pairedItems(root, contexts);
    const QSize size = commonSize(root, contexts, items);
    auto images = std::make_shared<PairedImages>();
    images->name = str(root);
    images->width = size.width();
    images->height = size.height();
    for (const QString& c : contexts)
        images->contexts.push_back(str(c));
    for (const QString& i : items)
        images->items.push_back(str(i));
    readParameters(root, *images);
    const std::uint64_t bytes = std::uint64_t(contexts.size()) * std::uint64_t(items.size())
                                * std::uint64_t(images->pixelCount());
    latentset::MemoryBudget::require(bytes, str(folder) + ": " + std::to_string(contexts.size()) + " contexts x "
                                                + std::to_string(items.size()) + " images of "
                                                + std::to_string(size.width()) + "x" + std::to_string(size.height()));
    images->pixels.resize(std::size_t(bytes));
    decode(root, *images);
    images->validate();
    return images;
}
