#pragma once
#include "latentset/util/Error.h"

#include <QString>
#include <QStringList>

#include <limits>

class QCommandLineParser;

// Reading a latentset-cli command's options, written once: the parse step
// (--help, unknown options) and option values as numbers with range checks
// and a message that names the option, what it wants and what it got.
//
// Faults of usage throw CliOptions::UsageError (a latentset::Error); a
// command catches it and prints "latentset-cli <command>: <message>" on
// stderr with exit code 2, the usage convention of docs/cli.md. Faults of
// data (a model file that is not there) throw plain latentset::Error: exit 1.
class CliOptions {
public:
    struct UsageError : latentset::Error {
        using latentset::Error::Error;
    };

    // Parses `arguments` (their first word is the name --help shows).
    // Returns true when the command should go on; false with `exitCode` 2
    // after "latentset-cli <command>: <parser's error>" on stderr, or 0 after
    // the help text on stdout.
    static bool parse(QCommandLineParser& parser, const QStringList& arguments, const char* command, int& exitCode);

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
