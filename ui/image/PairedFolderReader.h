#pragma once
// Reads the user's own paired data (docs/worlds.md "Your own paired folder"):
//
//   folder/<context>/<item>.png      one subfolder per context; the same file
//                                    name in two subfolders is the same item
//   folder/contexts.csv (optional)   a header "context,<axis>,<axis>..." and
//                                    one row per context of numbers; an axis
//                                    named "angle@360" is circular, period 360
//
// into a core PairedImages (contexts and items sorted by name, 8-bit grey,
// the images' own size). Every malformed layout is an Error naming the file:
// fewer than 2 context subfolders, an item missing from a context (its
// partner), images of different sizes, an unreadable image, a CSV row for a
// context that is not a subfolder, a context without a CSV row, a bad number.
// Sizes are checked before anything is allocated: every image's header size
// first (QImageReader::size, no decoding), then the total against
// MemoryBudget, then the pixels. Lives in ui/image because it needs QImage.
// Re-entrant; blocks.
#include "latentset/world/PairedImages.h"

#include <QString>

#include <memory>

class PairedFolderReader {
public:
    // True if `path` is a folder with at least 2 subfolders holding images.
    static bool isPairedFolder(const QString& path);
    // Throws latentset::Error.
    static std::shared_ptr<latentset::PairedImages> read(const QString& folder);
};
