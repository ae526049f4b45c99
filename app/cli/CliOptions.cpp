#include "CliOptions.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <exception>
#include <string>

bool CliOptions::parse(QCommandLineParser& parser, const QStringList& arguments, const std::string& command,
                       int& exitCode)
{
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "latentset-cli %s: %s\n", command.c_str(), qPrintable(parser.errorText()));
        exitCode = 2;
        return false;
    }
    if (parser.isSet("help")) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        exitCode = 0;
        return false;
    }
    return true;
}

int CliOptions::run(const std::string& command, const std::function<int()>& body)
{
    try {
        return body();
    } catch (const UsageError& e) {
        std::fprintf(stderr, "latentset-cli %s: %s\n", command.c_str(), e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "latentset-cli %s: %s\n", command.c_str(), e.what());
        return 1;
    }
}

double CliOptions::number(const QString& name, double lo, double hi) const
{
    bool ok = false;
    const double v = parser_.value(name).toDouble(&ok);
    // !(v >= lo && v <= hi) also refuses NaN, which compares false both ways.
    if (!ok || !(v >= lo && v <= hi))
        throw UsageError("--" + name.toStdString() + " wants a number in [" + QString::number(lo).toStdString() + ", "
                         + QString::number(hi).toStdString() + "], got '" + parser_.value(name).toStdString() + "'");
    return v;
}

double CliOptions::checkAtLeast(const QString& name, double minimum, double typeMaximum) const
{
    bool ok = false;
    const double v = parser_.value(name).toDouble(&ok);
    if (!ok || !(v >= minimum))
        throw UsageError("--" + name.toStdString() + ": expected a number >= " + std::to_string(int(minimum))
                         + ", got '" + parser_.value(name).toStdString() + "'");
    // Casting a double beyond the target type's range is undefined behaviour.
    if (v >= typeMaximum)
        throw UsageError("--" + name.toStdString() + ": expected a number below "
                         + QString::number(typeMaximum).toStdString() + ", got '" + parser_.value(name).toStdString()
                         + "'");
    return v;
}

QString CliOptions::oneOf(const QString& name, const QStringList& choices) const
{
    const QString value = parser_.value(name);
    if (choices.contains(value))
        return value;
    QString list;
    for (qsizetype i = 0; i < choices.size(); ++i)
        list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + ("'" + choices[i] + "'");
    throw UsageError("--" + name.toStdString() + ": expected " + list.toStdString() + ", got '" + value.toStdString()
                     + "'");
}

QString CliOptions::existingModelFile(const QString& name) const
{
    if (!parser_.isSet(name))
        throw UsageError("--" + name.toStdString() + " FILE is required");
    const QString path = parser_.value(name);
    if (!QFileInfo::exists(path))
        throw latentset::Error(path.toStdString() + ": no such model file");
    return path;
}
