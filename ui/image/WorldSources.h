#pragma once
// A world's training and held-out views from its WorldSpec, for every kind
// (docs/worlds.md): MNIST in a glyph world (core's WorldSource::mnist), the
// paired folder (PairedFolderReader) or the fonts (FontGlyphs) otherwise,
// every 5th item held out, context and item swapped if the spec says so.
// The CLI's `world` actions and the app's world training both start here.
//
// Blocks. Fonts worlds draw with Qt's font database: GUI thread only (a
// QGuiApplication must exist); the other kinds are re-entrant (any thread).
// Throws latentset::Error naming the folder, file or dataset at fault.
#include "latentset/experiments/WorldSource.h"
#include "latentset/world/WorldSpec.h"

class WorldSources {
public:
    static latentset::WorldSource forSpec(const latentset::WorldSpec& spec);
};
