// latentset-cli cube: the cube world (docs/cube-geometry.md, docs/cli.md; paper §7-9).
//
//   latentset-cli cube render   [--theta T] [--digit-index K | --glyph G] [--png out.png] [--contexts | --masks | --strip N]
//   latentset-cli cube train    [--steps N] [--minutes M] [--contexts 100|400] [--save FILE] [--csv FILE] ...
//   latentset-cli cube transfer --model FILE [--source C] [--digit-index K | --glyph G] [--png out.png]
//   latentset-cli cube bench    [--hidden H] [--batch B]   (member input: mask vs padded vs full frame)
//
// This file dispatches on the action; each action is in Cube<Action>Command.cpp
// (shared pieces: CubeCliSupport.h). The experiments are core code
// (core/latentset/cube); the actions parse options, print figures and write
// PNGs with QImage.
#include "Commands.h"
#include "CliOptions.h"
#include "CubeCliSupport.h"

#include <cstdio>
#include <string>
#include <utility>

using namespace cubecli;

int runCubeCommand(const QStringList& arguments, CliReport& report)
{
    // The action is the first word after "cube"; each action has its own
    // options and its own prefix on errors ("latentset-cli cube train: ...").
    const QString action = arguments.value(1);
    using Action = int (*)(const QStringList&, CliReport&);
    const std::pair<const char*, Action> actions[] = {
        {"render", runRender}, {"train", runTrain}, {"transfer", runTransfer}, {"bench", runBench}};
    for (const auto& [name, run] : actions) {
        if (action != QLatin1String(name))
            continue;
        QStringList rest = arguments;
        rest.removeAt(1);
        return CliOptions::run(std::string("cube ") + name, [&, run = run] { return run(rest, report); });
    }
    if (action == "--help" || action == "-h") {
        std::fputs("Usage: latentset-cli cube render|train|transfer|bench [options]  (each takes --help)\n", stdout);
        return 0;
    }
    if (action.isEmpty())
        std::fprintf(stderr, "latentset-cli cube: expected an action: render, train, transfer or bench (each takes --help)\n");
    else
        std::fprintf(stderr, "latentset-cli cube: unknown action '%s' (render, train, transfer or bench)\n",
                     qPrintable(action));
    return 2;
}
