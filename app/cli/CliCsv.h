#pragma once
#include <QString>

#include <functional>
#include <string>

class CliReport;
class QTextStream;

// The CSV tables latentset-cli writes beside its figures (--csv): `header`,
// then the rows `rows` streams, written through QSaveFile (a failed write
// leaves an old file as it was), then "wrote <path>" on stdout and "csv" in
// the --json figures. Throws latentset::Error "<path>: cannot write (...)".
class CliCsv {
public:
    static void write(CliReport& report, const QString& path, const QString& header,
                      const std::function<void(QTextStream&)>& rows);
    // A text field: in double quotes, its own quotes doubled (RFC 4180).
    static QString quoted(const std::string& text);
};
