#pragma once
#include <QString>
#include <QStringList>

class CliReport;

// One latentset-cli sub-command. `arguments` starts with the command's own
// name (as QCommandLineParser expects); --json is already consumed into the
// report. Returns the process exit code. Throwing latentset::Error (or any
// std::exception) is fine: main() prints it on stderr and exits with 1.
struct CliCommand {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments, CliReport& report);
};

// The table of all commands, in the order `latentset-cli --help` lists them.
const CliCommand* cliCommands();
int cliCommandCount();
