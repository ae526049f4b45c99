#pragma once
// Cube model files for the reader tests: a context config written as it is
// (no validation), with `members` members of `inputs` inputs each, so the
// reader alone decides what to refuse.
#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/cube/SharedLatentTask.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/util/BinaryWriter.h"
#include "latentset/util/ChunkFile.h"

namespace latentset::testing {

inline ChunkFile cubeModelFile(const CubeContextsConfig& config, int members, Index inputs)
{
    ChunkFile file("test-cube.lset");
    BinaryWriter head;
    config.write(head);
    SharedLatentSettings{}.writeRecipe(head);
    head.writeI64(0);
    head.writeF64(0);
    head.writeF64(0);
    head.writeF64(0);
    file.add(CubeModel::kTag, CubeModel::kVersion, head.take());
    ModelFile::writeSet(file, AutoencoderSet(AutoencoderConfig::make(inputs, {3}, 2, true), members, 1), false);
    return file;
}

} // namespace latentset::testing
