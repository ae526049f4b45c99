#pragma once
#include "latentset/util/Error.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <limits>
#include <string>

class QCommandLineParser;

// Reading a latentset-cli command's options, written once: the one parser
// every command and sub-action goes through (--help, unknown options), and
// option values as numbers with range checks and a message that names the
// option, what it wants and what it got.
//
// The convention (docs/cli.md): a fault of usage throws
// CliOptions::UsageError (a latentset::Error) and ends as
// "latentset-cli <command>: <message>" on stderr with exit code 2; a fault
// of data (a model file that is not there) throws plain latentset::Error and
// ends the same way with exit code 1. `<command>` names a sub-action with
// its command: "cube train", "concept imagine".
//
// A command file needs three things: a QCommandLineParser with its options,
//     int exitCode = 0;
//     if (!CliOptions::parse(parser, arguments, "cube train", exitCode))
//         return exitCode;
//     const CliOptions options(parser);  // then options.integer<int>("steps", 0, 100) ...
// and, for a sub-action, its dispatcher runs the action through
// CliOptions::run("cube train", ...). main() runs every command through
// CliOptions::run(command name, ...), so a command may simply let a
// UsageError or latentset::Error propagate.
class CliOptions {
public:
    struct UsageError : latentset::Error {
        using latentset::Error::Error;
    };

    // Parses `arguments` (the first word is the command's own name and is
    // skipped). Returns true when the command should go on; false with
    // `exitCode` 2 after "latentset-cli <command>: <parser's error>" on
    // stderr, or 0 after the help text on stdout.
    static bool parse(QCommandLineParser& parser, const QStringList& arguments, const std::string& command,
                      int& exitCode);

    // Runs a command's or sub-action's `body` and returns its exit code. A
    // UsageError out of it prints "latentset-cli <command>: <message>" on
    // stderr and returns 2; any other std::exception prints the same line
    // and returns 1. Never throws (but what `body` prints stays printed).
    static int run(const std::string& command, const std::function<int()>& body);

    // `parser` must have parsed already and outlive this object.
    explicit CliOptions(const QCommandLineParser& parser) : parser_(parser) {}

    // The value of --name as a number in [lo, hi]; otherwise UsageError
    // "--name wants a number in [lo, hi], got 'value'".
    double number(const QString& name, double lo, double hi) const;
    // The same, cut to an integer type (a fraction is dropped, as the
    // commands have always done: --zoom 2.5 is 2). [lo, hi] must fit in T.
    template <class T>
    T integer(const QString& name, double lo, double hi) const
    {
        return static_cast<T>(number(name, lo, hi));
    }
    // The value of --name as a number >= minimum, cut to T (counts, seeds,
    // thread numbers); otherwise UsageError "--name: expected a number >=
    // minimum, got 'value'". A value beyond T's range is refused as well.
    template <class T>
    T atLeast(const QString& name, double minimum) const
    {
        return static_cast<T>(checkAtLeast(name, minimum, double(std::numeric_limits<T>::max())));
    }

    // The value of --name if it is one of `choices`; otherwise UsageError
    // "--name: expected 'a', 'b' or 'c', got 'value'".
    QString oneOf(const QString& name, const QStringList& choices) const;

    // The path of the required file option --name (a model): UsageError
    // "--name FILE is required" when it is not given, latentset::Error
    // "<path>: no such model file" when nothing is there.
    QString existingModelFile(const QString& name = "model") const;

private:
    double checkAtLeast(const QString& name, double minimum, double typeMaximum) const;

    const QCommandLineParser& parser_;
};
