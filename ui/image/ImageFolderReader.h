#pragma once
// Reads a folder of images as a labelled dataset, one subfolder per class:
//
//   folder/cat/001.png, folder/cat/002.jpg, folder/dog/a.png, ...
//
// or, with splits, folder/train/<class>/... and folder/test/<class>/...
// Class names are the subfolder names, sorted (the same order in both
// splits). Images (PNG, JPG, BMP, PGM: whatever QImage reads) are converted
// to 8-bit grayscale and resized to size x size pixels.
//
// All images must have one size before resizing: a folder mixing sizes is
// most likely two datasets mixed up, so it is refused with an Error naming
// two files that differ. Unreadable images and folders without images are
// Errors too. Lives in ui/ because it needs QImage; core stays Qt-free.
// Re-entrant; safe on a worker thread (QImage, not QPixmap); blocks.
#include "latentset/data/DatasetSplits.h"

#include <QString>
#include <QStringList>

class ImageFolderReader {
public:
    // True if `path` is a folder with at least one subfolder holding an
    // image file (directly, or under train/ or test/).
    static bool isImageFolder(const QString& path);

    // Reads the folder; size >= 1 is the side of the resized images.
    // Throws latentset::Error.
    static latentset::DatasetSplits read(const QString& folder, int size = 28);

    // File name patterns of the images read ("*.png", "*.jpg", ...).
    static QStringList imagePatterns();
};
