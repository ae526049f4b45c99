#pragma once
// A world's training and held-out views from its WorldSpec, for every kind
// (docs/worlds.md): MNIST in a glyph world (core's WorldSource::mnist), the
// paired folder (PairedFolderReader) or the fonts (FontGlyphs) otherwise,
// every 5th item held out, context and item swapped if the spec says so;
// glyphs "mnist+letters": MNIST's training digits plus letters drawn in the
// spec's font families (digitsAndLetters).
// The CLI's `world` actions and the app's world training both start here.
//
// Blocks. Fonts worlds draw with Qt's font database: GUI thread only (a
// QGuiApplication must exist); the other kinds are re-entrant (any thread).
// Throws latentset::Error naming the folder, file or dataset at fault.
#include "latentset/data/Dataset.h"
#include "latentset/experiments/WorldSource.h"
#include "latentset/world/WorldSpec.h"

class WorldSources {
public:
    // The letters of glyphs "mnist+letters".
    static constexpr const char* kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    static latentset::WorldSource forSpec(const latentset::WorldSpec& spec);
    // MNIST's training digits (labels 0-9) and kLetters drawn in every family
    // of spec.fonts (labels 10 + the letter's index), each letter repeated so
    // that the letters are a quarter of the items: training draws items
    // uniformly, and 52 letters in a few fonts beside 60,000 digits would
    // otherwise be drawn less than once in a hundred. Fonts: GUI thread only.
    static latentset::Dataset digitsAndLetters(const latentset::WorldSpec& spec);
};
