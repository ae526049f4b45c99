// latentset-cli world train, sharded (WorldTrainSharded.h, docs/scale.md).
#include "WorldTrainSharded.h"

#include "CliOptions.h"
#include "CliReport.h"
#include "WorldCliSupport.h"

#include "latentset/distributed/InProcessCommunicator.h"
#include "latentset/distributed/ShardedWorldTraining.h"
#include "latentset/util/Stopwatch.h"
#ifdef LATENTSET_MPI
#include "latentset/mpi/MpiCommunicator.h"
#endif

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace latentset;

namespace worldcli {
namespace {

// The MPI launcher's rank count (OpenMPI, or a PMI launcher), 0 if none.
int launcherSize()
{
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* v = std::getenv(name))
            return std::atoi(v);
    return 0;
}

std::unique_ptr<Communicator> makeCommunicator(int& localRanks)
{
    localRanks = 1;
#ifdef LATENTSET_MPI
    if (launcherSize() > 0) {
        auto mpi = std::make_unique<MpiCommunicator>();
        localRanks = mpi->localSize();
        return mpi;
    }
#else
    if (launcherSize() > 1)
        throw Error("this latentset-cli was built without MPI (LATENTSET_MPI=OFF): run it without mpirun, "
                    "or rebuild with libopenmpi-dev installed");
#endif
    return std::make_unique<InProcessCommunicator>(std::make_shared<InProcessNetwork>(1), 0);
}

// mpirun ends every rank with SIGTERM when one dies: say so on stderr
// (async-signal-safe: a prepared text and write), then leave. A save in
// progress only ever wrote a temporary file (ChunkFile::save), so the named
// file stays the last whole one.
char g_terminated[160];
void onTerminate(int)
{
    const ssize_t ignored = ::write(STDERR_FILENO, g_terminated, std::strlen(g_terminated));
    (void)ignored;
    ::_exit(143);
}

void noticeTermination(int rank, int size)
{
    std::snprintf(g_terminated, sizeof g_terminated,
                  "latentset-cli world train (rank %d of %d): terminated, another rank ended (mpirun says which); "
                  "the saved file is the last whole one\n",
                  rank, size);
    std::signal(SIGTERM, onTerminate);
}

// Ranks other than 0 print nothing on stdout: rank 0 speaks for the job.
void quietStdout()
{
    std::fflush(stdout);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
        ::dup2(null, STDOUT_FILENO);
        ::close(null);
    }
}

struct ShardedPrinter : ExperimentObserver {
    ShardedPrinter(const CliReport& r, double every, const ShardedWorldTraining& t) : report(r), everySeconds(every), training(t) {}
    void progress(const std::string&, const TrainerProgress& p) override
    {
        if (since.seconds() < everySeconds || p.losses.size() < 2)
            return;
        printRoundProgress(report, training.partial().world.rounds, p);
        since.restart();
    }
    void stageReached(const std::string& stage) override
    {
        if (stage != "model")
            return;
        const ShardedTrainResult& r = training.partial();
        report.line(QString("%1 world, %2 contexts, %3 training items, members %4, %5 ranks x %6 threads%7, set-up %8 s")
                        .arg(QString::fromStdString(r.world.world->kind()))
                        .arg(r.world.world->contextCount())
                        .arg(qint64(r.world.world->itemCount()))
                        .arg(QString::fromStdString(r.world.memberDescription))
                        .arg(r.ranks)
                        .arg(r.world.threads)
                        .arg(r.resumedRounds ? QString(", resumed at round %1").arg(r.resumedRounds) : QString())
                        .arg(r.world.setupSeconds, 0, 'f', 1));
    }
    const CliReport& report;
    double everySeconds;
    const ShardedWorldTraining& training;
    Stopwatch since;
};

void printSharding(CliReport& report, const ShardedTrainResult& r)
{
    QJsonArray rss, cpu;
    double maxRss = 0;
    for (double mb : r.peakRssMbPerRank) {
        rss.append(mb);
        maxRss = std::max(maxRss, mb);
    }
    QStringList cpuText;
    for (double s : r.cpuSecondsPerRank) {
        cpu.append(s);
        cpuText << QString::number(s, 'f', 1);
    }
    report.line(QString("sharded over %1 ranks: %2 bytes sent per cross round (one member's weights: %3 bytes, "
                        "ratio %4), largest rank %5 MB, CPU s per rank %6")
                    .arg(r.ranks)
                    .arg(r.bytesPerCrossRound, 0, 'f', 0)
                    .arg(r.memberWeightBytes, 0, 'f', 0)
                    .arg(r.memberWeightBytes > 0 ? r.bytesPerCrossRound / r.memberWeightBytes : 0.0, 0, 'f', 4)
                    .arg(maxRss, 0, 'f', 0)
                    .arg(cpuText.join(" ")));
    report.set("ranks", r.ranks);
    report.set("bytes_per_cross_round", r.bytesPerCrossRound);
    report.set("member_weight_bytes", r.memberWeightBytes);
    report.set("rss_mb_per_rank", rss);
    report.set("cpu_seconds_per_rank", cpu);
    report.set("resumed_rounds", double(r.resumedRounds));
    report.set("checkpoints", double(r.checkpoints));
}

} // namespace

QList<QCommandLineOption> shardedOptions()
{
    return {
        {"resume", "Continue the training saved in FILE (a file saved by a sharded run: members with optimiser state); "
                   "its world and recipe are used. Saves back to FILE unless --save says otherwise.", "FILE"},
        {"checkpoint-every", "Rewrite the --save file every N rounds (0 = only at the end).", "N", "0"},
        {"rank-timeout", "Under mpirun: seconds a rank waits for another before it stops the job (default 60).", "S", "60"},
    };
}

bool wantsSharded(const QCommandLineParser& parser)
{
    return launcherSize() > 0 || parser.isSet("resume") || parser.isSet("checkpoint-every");
}

int runSharded(const QCommandLineParser& parser, const CliOptions& options, WorldTrainSettings settings,
               CliReport& report, const std::function<void(CliReport&, const WorldTrainResult&, int)>& printResult)
{
    const std::int64_t every = options.integer<std::int64_t>("checkpoint-every", 0, 1e12);
    const QString resume = parser.value("resume");
    const QString save = parser.isSet("save") ? parser.value("save") : resume;
    if (every > 0 && save.isEmpty())
        throw CliOptions::UsageError("--checkpoint-every needs --save (or --resume) to know where to write");
    const double timeout = options.number("rank-timeout", 1, 1e6);
    const double progressSeconds = options.number("progress-seconds", 0.1, 1e6);
    int localRanks = 1;
    std::unique_ptr<Communicator> comm = makeCommunicator(localRanks);
    comm->setTimeoutSeconds(timeout);
    if (comm->size() > 1)
        noticeTermination(comm->rank(), comm->size());
    if (comm->rank() != 0)
        quietStdout();
    try {
        if (settings.threads == 0) // the cores shared among this machine's ranks
            settings.threads = std::max(1u, std::thread::hardware_concurrency() / unsigned(std::max(1, localRanks)));
        std::optional<WorldModel> resumed;
        if (!resume.isEmpty())
            resumed = WorldModel::load(resume.toStdString());
        const WorldSpec& spec = resumed ? resumed->spec : settings.world;
        if (!save.isEmpty() && comm->rank() == 0)
            QDir().mkpath(QFileInfo(save).absolutePath());
        ShardedWorldTraining training(settings, sourceFor(spec), *comm, save.toStdString(), every);
        if (resumed)
            training.resumeFrom(*resumed);
        resumed.reset();
        ShardedPrinter printer(report, progressSeconds, training);
        const ShardedTrainResult r = training.run(&printer);
        if (comm->rank() != 0)
            return 0;
        printResult(report, r.world, training.settings().evalItems);
        printSharding(report, r);
        if (!save.isEmpty()) {
            report.line(QString("saved %1 (%2 MB, with optimiser state: resume with --resume)")
                            .arg(save)
                            .arg(QFileInfo(save).size() / 1048576.0, 0, 'f', 1));
            report.set("model", save);
        }
        return 0;
    } catch (const std::exception& e) {
        if (comm->size() > 1) { // stop every rank now, with this rank's reason on stderr
            std::fprintf(stderr, "latentset-cli world train (rank %d of %d): %s\n", comm->rank(), comm->size(), e.what());
            std::fflush(stderr);
            comm->abort(1);
        }
        throw;
    }
}

} // namespace worldcli
