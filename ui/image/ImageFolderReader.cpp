#include "image/ImageFolderReader.h"

#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

#include <cstring>
#include <map>
#include <set>

using latentset::Dataset;
using latentset::DatasetSplits;
using latentset::Error;

namespace {

// The split subfolders recognised (lower case), and which split they fill.
bool isTrainName(const QString& name) { return name.compare("train", Qt::CaseInsensitive) == 0 || name.compare("training", Qt::CaseInsensitive) == 0; }
bool isTestName(const QString& name) { return name.compare("test", Qt::CaseInsensitive) == 0 || name.compare("testing", Qt::CaseInsensitive) == 0; }

QStringList subfolders(const QString& folder)
{
    return QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList imagesIn(const QString& folder)
{
    return QDir(folder).entryList(ImageFolderReader::imagePatterns(), QDir::Files | QDir::Readable, QDir::Name);
}

bool hasClassFolders(const QString& folder)
{
    for (const QString& sub : subfolders(folder))
        if (!imagesIn(folder + '/' + sub).isEmpty())
            return true;
    return false;
}

// The first image's size fixes the folder's; every other must match.
struct SizeCheck {
    QSize size;
    QString firstFile;

    // Throws unless an image at `path` of size `other` matches the first.
    void require(const QString& path, QSize other) const
    {
        if (firstFile.isEmpty() || other == size)
            return;
        throw Error(path.toStdString() + ": mixed image sizes, this one is " + std::to_string(other.width()) + "x"
                    + std::to_string(other.height()) + " but " + firstFile.toStdString() + " is "
                    + std::to_string(size.width()) + "x" + std::to_string(size.height()));
    }
};

Dataset readSplit(const QString& folder, const QStringList& classes, int side, SizeCheck& check,
                  const std::string& name)
{
    std::vector<std::uint8_t> pixels;
    std::vector<int> labels;
    const std::size_t n = std::size_t(side) * std::size_t(side);
    // The split's size is known from the file names: refuse it up front if
    // this machine cannot hold it, instead of failing half-way through.
    std::size_t files = 0;
    for (const QString& c : classes)
        if (QFileInfo(folder + '/' + c).isDir())
            files += std::size_t(imagesIn(folder + '/' + c).size());
    latentset::MemoryBudget::require(std::uint64_t(files) * n,
                                     folder.toStdString() + ": " + std::to_string(files) + " images of "
                                         + std::to_string(side) + "x" + std::to_string(side));
    pixels.reserve(files * n);
    labels.reserve(files);
    for (int label = 0; label < classes.size(); ++label) {
        const QString classFolder = folder + '/' + classes[label];
        if (!QFileInfo(classFolder).isDir())
            continue;  // a class present only in the other split
        for (const QString& file : imagesIn(classFolder)) {
            const QString path = classFolder + '/' + file;
            QImageReader reader(path);
            // The header's size, before decoding: a file of another size is
            // refused without its pixels ever being allocated (Qt's own
            // allocation limit bounds what one image may claim).
            if (const QSize claimed = reader.size(); claimed.isValid())
                check.require(path, claimed);
            QImage image = reader.read();
            if (image.isNull())
                throw Error(path.toStdString() + ": cannot read the image (" + reader.errorString().toStdString() + ")");
            if (check.firstFile.isEmpty()) {
                check.size = image.size();
                check.firstFile = path;
            } else {
                check.require(path, image.size());
            }
            image = image.convertToFormat(QImage::Format_Grayscale8);
            if (image.width() != side || image.height() != side)
                image = image.scaled(side, side, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            // Rows of a QImage are padded to 4 bytes: copy row by row.
            const std::size_t offset = pixels.size();
            pixels.resize(offset + n);
            for (int y = 0; y < side; ++y)
                std::memcpy(pixels.data() + offset + std::size_t(y) * std::size_t(side), image.constScanLine(y),
                            std::size_t(side));
            labels.push_back(label);
        }
    }
    std::vector<std::string> names;
    for (const QString& c : classes)
        names.push_back(c.toStdString());
    if (labels.empty())
        return Dataset();
    return Dataset(side, side, std::move(pixels), std::move(labels), std::move(names), name);
}

} // namespace

QStringList ImageFolderReader::imagePatterns()
{
    return {"*.png", "*.PNG", "*.jpg", "*.JPG", "*.jpeg", "*.JPEG", "*.bmp", "*.BMP", "*.pgm", "*.PGM"};
}

bool ImageFolderReader::isImageFolder(const QString& path)
{
    if (!QFileInfo(path).isDir())
        return false;
    if (hasClassFolders(path))
        return true;
    for (const QString& sub : subfolders(path))
        if ((isTrainName(sub) || isTestName(sub)) && hasClassFolders(path + '/' + sub))
            return true;
    return false;
}

DatasetSplits ImageFolderReader::read(const QString& folder, int size)
{
    const QString root = QDir(folder).absolutePath();
    if (!QFileInfo(root).isDir())
        throw Error(folder.toStdString() + ": not a folder");
    if (size < 1 || size > 4096)
        throw Error(folder.toStdString() + ": image size " + std::to_string(size) + " is not in 1..4096");

    QString trainFolder, testFolder;
    for (const QString& sub : subfolders(root)) {
        if (isTrainName(sub) && hasClassFolders(root + '/' + sub))
            trainFolder = root + '/' + sub;
        else if (isTestName(sub) && hasClassFolders(root + '/' + sub))
            testFolder = root + '/' + sub;
    }
    if (trainFolder.isEmpty() && testFolder.isEmpty())
        trainFolder = root;  // no splits: the whole folder is the training set

    // Class names: the union of both splits' class subfolders, sorted.
    std::set<QString> classSet;
    for (const QString& split : {trainFolder, testFolder})
        if (!split.isEmpty())
            for (const QString& sub : subfolders(split))
                if (!imagesIn(split + '/' + sub).isEmpty())
                    classSet.insert(sub);
    if (classSet.empty())
        throw Error(folder.toStdString() + ": zero images (expected one subfolder of PNG/JPG images per class)");
    const QStringList classes(classSet.begin(), classSet.end());

    DatasetSplits splits;
    splits.name = QFileInfo(root).fileName().toStdString();
    splits.source = root.toStdString();
    SizeCheck check;
    if (!trainFolder.isEmpty())
        splits.train = readSplit(trainFolder, classes, size, check, splits.name + " train");
    if (!testFolder.isEmpty())
        splits.test = readSplit(testFolder, classes, size, check, splits.name + " test");
    if (splits.train.empty() && splits.test.empty())
        throw Error(folder.toStdString() + ": zero images");
    return splits;
}
