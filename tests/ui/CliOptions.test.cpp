// CliOptions, the option reading of latentset-cli (app/cli): the messages a
// user sees for bad values, ranges that hold at their ends, NaN and
// out-of-type values refused, the model-file check, and the parse step's
// exit codes.
#include "CliOptions.h"

#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <stdexcept>

namespace {

// A parser with the options the checks below read, fed `args`.
struct Parsed {
    explicit Parsed(const QStringList& args)
    {
        parser.addHelpOption();
        parser.addOptions({{"zoom", "", "Z", "4"}, {"lr", "", "RATE", "0.002"}, {"limit", "", "N", "0"},
                           {"model", "", "FILE"}});
        ok = parser.parse(QStringList{"cli"} + args);
    }
    QCommandLineParser parser;
    bool ok = false;
};

// The message of the UsageError `body` throws; empty if it throws none.
template <class F>
QString usageMessage(F body)
{
    try {
        body();
    } catch (const CliOptions::UsageError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class CliOptionsTest : public QObject {
    Q_OBJECT
private slots:
    void numbersInRangeAreRead()
    {
        Parsed p({"--zoom", "32", "--lr", "1e-3"});
        QVERIFY(p.ok);
        const CliOptions options(p.parser);
        QCOMPARE(options.integer<int>("zoom", 1, 32), 32); // the ends are in the range
        QCOMPARE(options.number("lr", 1e-7, 1.0), 1e-3);
        QCOMPARE(options.atLeast<std::int64_t>("limit", 0), std::int64_t(0)); // the default
        // A fraction is cut, as the commands always did.
        Parsed q({"--zoom", "2.7"});
        QCOMPARE(CliOptions(q.parser).integer<int>("zoom", 1, 32), 2);
    }

    void badNumbersGiveTheMessageUsersSee()
    {
        Parsed p({"--zoom", "0", "--lr", "fast", "--limit", "-1"});
        const CliOptions options(p.parser);
        QCOMPARE(usageMessage([&] { options.integer<int>("zoom", 1, 32); }),
                 QString("--zoom wants a number in [1, 32], got '0'"));
        QCOMPARE(usageMessage([&] { options.number("lr", 1e-7, 1.0); }),
                 QString("--lr wants a number in [1e-07, 1], got 'fast'"));
        QCOMPARE(usageMessage([&] { options.atLeast<std::int64_t>("limit", 0); }),
                 QString("--limit: expected a number >= 0, got '-1'"));
    }

    void nanAndValuesBeyondTheTypeAreRefused()
    {
        // NaN compares false with every bound; it must not slip through.
        Parsed p({"--zoom", "nan", "--limit", "nan"});
        const CliOptions options(p.parser);
        QVERIFY(!usageMessage([&] { options.integer<int>("zoom", 1, 32); }).isEmpty());
        QVERIFY(!usageMessage([&] { options.atLeast<std::int64_t>("limit", 0); }).isEmpty());
        // 1e30 in an int64 would be undefined behaviour: refused with a message.
        Parsed q({"--limit", "1e30"});
        QVERIFY(usageMessage([&] { CliOptions(q.parser).atLeast<std::int64_t>("limit", 0); })
                    .startsWith("--limit: expected a number below "));
        QCOMPARE(CliOptions(q.parser).atLeast<double>("limit", 0), 1e30);
    }

    void choicesAreCheckedAndListedInTheMessage()
    {
        QCommandLineParser parser;
        parser.addOptions({{"path", "", "path", "auto"}, {"sigma", "", "mode", "scalar"}});
        QVERIFY(parser.parse({"cli", "--path", "fast"}));
        const CliOptions options(parser);
        QCOMPARE(options.oneOf("sigma", {"scalar", "pixel"}), QString("scalar")); // the default
        QCOMPARE(usageMessage([&] { options.oneOf("path", {"auto", "dense", "sparse"}); }),
                 QString("--path: expected 'auto', 'dense' or 'sparse', got 'fast'"));
        QCOMPARE(usageMessage([&] { options.oneOf("path", {"auto", "dense"}); }),
                 QString("--path: expected 'auto' or 'dense', got 'fast'"));
    }

    void modelFileMustBeGivenAndExist()
    {
        Parsed none({});
        QCOMPARE(usageMessage([&] { CliOptions(none.parser).existingModelFile(); }),
                 QString("--model FILE is required"));

        QTemporaryDir dir;
        const QString missing = dir.filePath("missing.lset");
        Parsed absent({"--model", missing});
        try {
            CliOptions(absent.parser).existingModelFile();
            QFAIL("a missing model file was accepted");
        } catch (const CliOptions::UsageError&) {
            QFAIL("a missing file is a data fault (exit 1), not a usage fault");
        } catch (const latentset::Error& e) {
            QCOMPARE(QString(e.what()), missing + ": no such model file");
        }

        const QString present = dir.filePath("present.lset");
        QFile file(present);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        Parsed given({"--model", present});
        QCOMPARE(CliOptions(given.parser).existingModelFile(), present);
    }

    void parseStopsOnHelpAndOnUnknownOptions()
    {
        QCommandLineParser parser;
        parser.addHelpOption();
        int exitCode = -1;
        QVERIFY(CliOptions::parse(parser, {"cli"}, "test", exitCode));

        QCommandLineParser unknown;
        unknown.addHelpOption();
        exitCode = -1;
        QVERIFY(!CliOptions::parse(unknown, {"cli", "--no-such-option"}, "test", exitCode));
        QCOMPARE(exitCode, 2);

        QCommandLineParser help;
        help.addHelpOption();
        exitCode = -1;
        QVERIFY(!CliOptions::parse(help, {"cli", "--help"}, "test", exitCode));
        QCOMPARE(exitCode, 0);
    }

    void runMapsFaultsToExitCodes()
    {
        // The body's own code passes through; a usage fault is 2, any other 1
        // (the message goes to stderr with the command's prefix).
        QCOMPARE(CliOptions::run("test", [] { return 0; }), 0);
        QCOMPARE(CliOptions::run("test", [] { return 3; }), 3);
        QCOMPARE(CliOptions::run("test run", []() -> int { throw CliOptions::UsageError("--x wants a number"); }), 2);
        QCOMPARE(CliOptions::run("test run", []() -> int { throw latentset::Error("file.lset: truncated"); }), 1);
        QCOMPARE(CliOptions::run("test", []() -> int { throw std::runtime_error("other"); }), 1);
        // A UsageError thrown by option reading inside the body is a usage fault too.
        Parsed p({"--zoom", "x"});
        QCOMPARE(CliOptions::run("test", [&] { return CliOptions(p.parser).integer<int>("zoom", 1, 32); }), 2);
    }
};

QTEST_GUILESS_MAIN(CliOptionsTest)
#include "CliOptions.test.moc"
