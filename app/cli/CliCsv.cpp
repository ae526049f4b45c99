#include "CliCsv.h"

#include "CliReport.h"

#include "latentset/util/Error.h"

#include <QSaveFile>
#include <QTextStream>

void CliCsv::write(CliReport& report, const QString& path, const QString& header,
                   const std::function<void(QTextStream&)>& rows)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        throw latentset::Error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
    QTextStream out(&file);
    out.setRealNumberPrecision(9);
    out << header << '\n';
    rows(out);
    out.flush();
    if (!file.commit())
        throw latentset::Error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
    report.line("wrote " + path);
    report.set("csv", path);
}

QString CliCsv::quoted(const std::string& text)
{
    return '"' + QString::fromStdString(text).replace('"', "\"\"") + '"';
}
