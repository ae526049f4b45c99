#pragma once
#include "session/Session.h"

#include <string>

namespace latentset {
class ChunkFile;
}

// The class set's MLP baseline ("MLPN", nn/ModelFile) and likelihood model
// ("LKMD"/"LKGM"/"LKCA", likelihood/LikelihoodModel) in a project file
// (ProjectFile). A project keeps them inside its "UICS" nested file beside
// the set's "AECF"/"AESE": that nested file is then a class-set model file
// of its own, laid out as `latentset-cli mnist --save` + `likelihood --save`
// write one, and a cube model's chunks at the top level can never be taken
// for them. A bare model file has them at its top level.
//
// Readers check every size before they allocate (ModelFile::readMlp,
// LikelihoodModel::readFrom); a damaged chunk, an MLP of another input size
// or a likelihood model of another set throws latentset::Error naming the
// file, so the open fails before the session is touched. Any thread.
class ClassSetBaselines {
public:
    struct Models {
        Session::MlpPtr mlp;
        Session::LikelihoodPtr likelihood;
    };
    // Adds "UICS" with the set and whichever of `models` is not null.
    static void writeSet(latentset::ChunkFile& project, const latentset::AutoencoderSet& set, const Models& models);
    // The MLP and likelihood model beside the class set `set` (null: the
    // file holds no class set, and then nothing is read). `cubeModel`: the
    // file holds a cube world, so top-level chunks are not the class set's.
    static Models read(const latentset::ChunkFile& project, bool cubeModel, const latentset::AutoencoderSet* set,
                       const std::string& source);
};
