#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

// What a latentset-cli command prints. Human-readable lines go to stdout as
// they come; figures are also collected with set(), and with --json the last
// line on stdout is one JSON object of them (keys documented in docs/cli.md).
// Errors go to stderr and never into the JSON line.
class CliReport {
public:
    explicit CliReport(bool json) : json_(json) {}

    bool json() const { return json_; }
    // A line for the reader (stdout, flushed at once so progress shows live).
    void line(const QString& text) const;
    // A figure for --json. Numbers, strings, bools, arrays and objects.
    void set(const QString& key, const QJsonValue& value) { object_.insert(key, value); }
    // Prints the JSON line if --json was given. Called once, by main().
    void finish() const;

private:
    bool json_ = false;
    QJsonObject object_;
};
