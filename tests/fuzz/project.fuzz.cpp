// LatentSet projects (ui/ProjectFile::read: "UIPR" JSON, the nested "UICS"
// class set, "UITS" training state and "UICT" cube training state, "CUBE",
// "CNCP", drawn glyphs), then ProjectFile::apply into a Session as File >
// Open does, and the class-set training state parsed as the training panel
// resumes it. ProjectFile::read takes a path: the input is written to a
// scratch file.
#include "FuzzSupport.h"
#include "TinyModels.h"

#include "project/ProjectFile.h"
#include "session/Session.h"

#include "latentset/nn/ModelFile.h"

namespace {

using namespace latentset;

void resumeTrainingState(const std::string& state)
{
    const ChunkFile inner = ChunkFile::fromBytes(state, "project training state");
    AutoencoderSet set = ModelFile::readSet(inner);
    // The panel pairs the state with the dataset's classes; the seeds'
    // states were saved from the tiny task, so only a set of its shape can
    // take its batch order.
    if (set.size() != fuzz::kTinyMembers || !(set.config() == fuzz::tinyConfig()))
        return;
    ClassSetTask task(std::move(set), fuzz::tinyClassData(), fuzz::tinyClassSettings());
    task.readState(inner);
}

void open(const std::string& bytes)
{
    const QString path = QString::fromStdString(fuzz::scratch().write("fuzz.latentset", bytes));
    fuzz::accepts([&] {
        ProjectFile::Parsed parsed = ProjectFile::read(path);
        const std::string trainingState = parsed.trainingState;
        Session session;
        (void)ProjectFile::apply(std::move(parsed), session);
        if (!trainingState.empty())
            resumeTrainingState(trainingState);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string raw = fuzz::bytesOf(data, size);
    open(raw);
    const std::string repaired = fuzz::repairChunkCrcs(raw);
    if (repaired != raw)
        open(repaired);
    return 0;
}
