#include "Commands.h"
#include "CliReport.h"

#include <cstdio>

// SCAFFOLD: replaced by the issue that implements this command.
int runOneShotCommand(const QStringList&, CliReport&)
{
    std::fprintf(stderr, "latentset-cli: this command is not built yet\n");
    return 3;
}
