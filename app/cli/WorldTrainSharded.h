#pragma once
// `latentset-cli world train` with the members sharded over ranks
// (docs/scale.md, docs/cli.md): under `mpirun -np K` (a build with
// LATENTSET_MPI), or in one process when --resume or --checkpoint-every
// asks for what only the sharded run does. The run itself is core code
// (distributed/ShardedWorldTraining); this file picks the communicator,
// quiets ranks other than 0, and prints rank 0's figures.
#include "latentset/experiments/WorldTrainResult.h"
#include "latentset/experiments/WorldTrainSettings.h"

#include <QCommandLineOption>
#include <QList>

#include <functional>

class CliOptions;
class CliReport;
class QCommandLineParser;

namespace worldcli {

// --resume, --checkpoint-every, --rank-timeout.
QList<QCommandLineOption> shardedOptions();
// Under mpirun, or one of the options that need the sharded run.
bool wantsSharded(const QCommandLineParser& parser);
// Runs it; `printResult` prints the world training figures (rank 0 only).
int runSharded(const QCommandLineParser& parser, const CliOptions& options, latentset::WorldTrainSettings settings,
               CliReport& report,
               const std::function<void(CliReport&, const latentset::WorldTrainResult&, int)>& printResult);

} // namespace worldcli
