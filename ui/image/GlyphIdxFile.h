#pragma once
#include <QString>

#include "latentset/util/Types.h"

// Appends 28x28 glyphs to an IDX3 unsigned-byte image file (MNIST's
// format: big-endian magic 0x00000803, count, rows, columns, then pixels),
// creating it when missing; so drawn glyphs become a dataset any LatentSet
// reader (and any MNIST tool) can open. The count in the header is updated
// in place; the file is rewritten atomically (QSaveFile).
class GlyphIdxFile {
public:
    // pixels: rows*cols values in [0, 1], row-major. Returns false and sets
    // *error (naming the file) when the file is not an IDX3 ubyte file of the
    // same image size or cannot be written.
    static bool append(const QString& path, const latentset::Vector& pixels, int rows, int cols, QString* error);
    // Number of images in an IDX3 file; -1 on error.
    static int count(const QString& path);
};
