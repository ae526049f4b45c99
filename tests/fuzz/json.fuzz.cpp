// JSON text (util/JsonReader) and the experiments' settings read from it
// (experiments/*Settings::fromJson): strict grammar, depth and size limits;
// what parses writes back (util/JsonWriter) and parses to the same value.
#include "FuzzSupport.h"

#include "latentset/experiments/ClassSetExperimentSettings.h"
#include "latentset/experiments/ConceptSettings.h"
#include "latentset/experiments/CubeWorldSettings.h"
#include "latentset/experiments/ImagineSettings.h"
#include "latentset/experiments/LikelihoodExperimentSettings.h"
#include "latentset/experiments/MapsSettings.h"
#include "latentset/experiments/OneShotSettings.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <cstdlib>

namespace {

template <class Settings>
void settingsFrom(const latentset::JsonValue& json)
{
    latentset::fuzz::accepts([&] {
        const Settings s = Settings::fromJson(json);
        // Whatever a reader accepts writes back to the same settings.
        if (!(Settings::fromJson(s.toJson()) == s))
            std::abort();
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace latentset;
    const std::string text = fuzz::bytesOf(data, size);
    JsonValue value;
    if (!fuzz::accepts([&] { value = JsonReader::parse(text, "fuzz.json"); }))
        return 0;
    for (bool indented : {false, true}) {
        std::string written;
        if (!fuzz::accepts([&] { written = JsonWriter::write(value, indented); }))
            std::abort(); // the reader refuses non-finite numbers, so every parsed value writes
        if (!(JsonReader::parse(written, "written") == value))
            std::abort();
    }
    settingsFrom<ClassSetExperimentSettings>(value);
    settingsFrom<CubeWorldSettings>(value);
    settingsFrom<LikelihoodExperimentSettings>(value);
    settingsFrom<OneShotSettings>(value);
    settingsFrom<MapsSettings>(value);
    settingsFrom<ConceptExperimentSettings>(value);
    settingsFrom<ImagineSettings>(value);
    return 0;
}
