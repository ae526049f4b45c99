// latentset-cli world: context worlds of any family (docs/worlds.md, docs/cli.md).
//
//   latentset-cli world train    --world rotation|scale-position|cube|FOLDER [--steps N] [--minutes M] [--save FILE] ...
//   latentset-cli world transfer --model FILE [--source C] [--digit-index K | --glyph G | --item K] [--png out.png]
//   latentset-cli world estimate --model FILE [--items N] [--seed S]
//   latentset-cli world oneshot  --model FILE [--glyph-a A --glyph-b B] [--source C] [--pairs N]
//   latentset-cli world concept  --model FILE [--samples N] [--units K] [--save FILE] [--png F] [--csv F]
//
// This file dispatches on the action; each action is in World<Action>Command.cpp.
#include "CliOptions.h"
#include "Commands.h"
#include "WorldCliSupport.h"

#include <cstdio>
#include <string>
#include <utility>

int runWorldCommand(const QStringList& arguments, CliReport& report)
{
    const QString action = arguments.value(1);
    using Action = int (*)(const QStringList&, CliReport&);
    const std::pair<const char*, Action> actions[] = {{"train", worldcli::runTrain},
                                                      {"transfer", worldcli::runTransfer},
                                                      {"estimate", worldcli::runEstimate},
                                                      {"oneshot", worldcli::runOneShot},
                                                      {"concept", worldcli::runConcept}};
    for (const auto& [name, run] : actions) {
        if (action != QLatin1String(name))
            continue;
        QStringList rest = arguments;
        rest.removeAt(1);
        return CliOptions::run(std::string("world ") + name, [&, run = run] { return run(rest, report); });
    }
    if (action == "--help" || action == "-h") {
        std::fputs("Usage: latentset-cli world train|transfer|estimate|oneshot|concept [options]  (each takes --help)\n", stdout);
        return 0;
    }
    if (action.isEmpty())
        std::fprintf(stderr, "latentset-cli world: expected an action: train, transfer, estimate, oneshot or concept (each takes --help)\n");
    else
        std::fprintf(stderr, "latentset-cli world: unknown action '%s' (train, transfer, estimate, oneshot or concept)\n",
                     qPrintable(action));
    return 2;
}
