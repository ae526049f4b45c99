// latentset-cli incremental: class-incremental split MNIST (van de Ven,
// Tuytelaars & Tolias 2022) for the class set and the MLP baseline, and the
// repair of one member. Prints each task's accuracy over all classes, the
// final figures (mean ± sd over seeds) beside the published ones, and the
// hash check that no later task touched an earlier member. See --help,
// docs/cli.md and docs/less-is-more.md.
#include "Commands.h"
#include "CliCsv.h"
#include "CliOptions.h"
#include "CliPng.h"
#include "CliReport.h"

#include "image/LineChart.h"
#include "latentset/experiments/IncrementalExperiment.h"
#include "latentset/experiments/MemberHash.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>

using namespace latentset;

namespace {

QJsonArray jsonArray(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

QString percent(double fraction) { return fraction < 0 ? QString("-") : QString::number(100 * fraction, 'f', 2) + " %"; }

QString classesText(const std::vector<int>& classes)
{
    QStringList names;
    for (int c : classes)
        names << QString::number(c);
    return names.join('/');
}

class IncrementalPrinter : public ExperimentObserver {
public:
    IncrementalPrinter(CliReport& report, const IncrementalExperiment& experiment)
        : report_(report), experiment_(experiment)
    {
    }

    void stageReached(const std::string& stage) override
    {
        const IncrementalResult& r = experiment_.partial();
        if (stage == "data") {
            QStringList tasks;
            for (const auto& t : r.tasks)
                tasks << classesText(t);
            const auto& s = experiment_.settings();
            report_.line(QString("%1: %2 training / %3 test images, %4 classes; tasks %5; %6 steps per task, batch %7, "
                                 "Adam lr %8")
                             .arg(QString::fromStdString(r.dataset))
                             .arg(r.trainImages)
                             .arg(r.testImages)
                             .arg(r.classes)
                             .arg(tasks.join(' '))
                             .arg(s.stepsPerTask)
                             .arg(s.batchSize)
                             .arg(double(s.learningRate)));
            return;
        }
        if (r.runs.empty())
            return;
        taskLine(stage, r.runs.back());
    }

private:
    void taskLine(const std::string& stage, const IncrementalRun& run) const
    {
        const auto& tasks = experiment_.partial().tasks;
        const auto task = [&](const std::vector<double>& after) {
            return QString("task %1/%2 (%3)").arg(after.size()).arg(tasks.size()).arg(classesText(tasks[after.size() - 1]));
        };
        const QString seed = QString("seed %1: ").arg(run.seed);
        if (stage == "set task")
            report_.line(seed + "class set " + task(run.setAfterTask) + ": accuracy on all classes "
                         + percent(run.setAfterTask.back()));
        else if (stage == "finetune task")
            report_.line(seed + "MLP fine-tuned " + task(run.finetuneAfterTask) + ": " + percent(run.finetuneAfterTask.back()));
        else if (stage == "replay task")
            report_.line(seed + "MLP + replay " + task(run.replayAfterTask) + ": " + percent(run.replayAfterTask.back()));
        else if (stage == "joint")
            report_.line(seed + "class set trained jointly: " + percent(run.jointSetAccuracy));
        else if (stage == "repair")
            repairLines(run);
        else if (stage == "seed done")
            report_.line(seed + QString("earlier members bit-identical after every later task: %1 (hashes %2 ... %3); "
                                        "time: set %4 s, fine-tune %5 s, replay %6 s, joint %7 s")
                                    .arg(run.hashAtEnd.empty() ? "-" : run.earlierMembersUnchanged ? "yes" : "NO")
                                    .arg(QString::fromStdString(run.hashAtEnd.empty() ? "-" : MemberHash::hex(run.hashAtEnd.front())))
                                    .arg(QString::fromStdString(run.hashAtEnd.empty() ? "-" : MemberHash::hex(run.hashAtEnd.back())))
                                    .arg(run.setSeconds, 0, 'f', 1)
                                    .arg(run.finetuneSeconds, 0, 'f', 1)
                                    .arg(run.replaySeconds, 0, 'f', 1)
                                    .arg(run.jointSeconds, 0, 'f', 1));
    }

    void repairLines(const IncrementalRun& run) const
    {
        QString before, after;
        for (std::size_t c = 0; c < run.repairPerClassBefore.size(); ++c) {
            before += QString(" %1").arg(100 * run.repairPerClassBefore[c], 0, 'f', 1);
            after += QString(" %1").arg(100 * run.repairPerClassAfter[c], 0, 'f', 1);
        }
        report_.line(QString("seed %1: repair of member %2 alone (%3 steps, %4 s): accuracy %5 -> %6; every other "
                             "member bit-identical: %7")
                         .arg(run.seed)
                         .arg(run.repairMember)
                         .arg(experiment_.settings().repairSteps)
                         .arg(run.repairSeconds, 0, 'f', 1)
                         .arg(percent(run.repairAccuracyBefore))
                         .arg(percent(run.repairAccuracyAfter))
                         .arg(run.repairOthersUnchanged ? "yes" : "NO"));
        report_.line("  per class before:" + before);
        report_.line("  per class after: " + after);
    }

    CliReport& report_;
    const IncrementalExperiment& experiment_;
};

void printSummary(CliReport& report, const IncrementalResult& r)
{
    const struct {
        const char* key;
        const char* name;
        double IncrementalRun::*field;
        double published;
        const char* publishedName;
    } rows[] = {
        {"set_accuracy", "class set, members added per task", &IncrementalRun::setAccuracy, IncrementalResult::kPublishedVaePerClass,
         "one VAE per class"},
        {"mlp_finetune_accuracy", "MLP fine-tuned", &IncrementalRun::finetuneAccuracy, IncrementalResult::kPublishedFinetune,
         "fine-tuning"},
        {"mlp_replay_accuracy", "MLP + replay", &IncrementalRun::replayAccuracy, IncrementalResult::kPublishedReplay,
         "experience replay"},
        {"joint_set_accuracy", "class set, joint", &IncrementalRun::jointSetAccuracy, IncrementalResult::kPublishedJoint,
         "joint training"},
    };
    report.line(QString("class-incremental accuracy over %1 seed(s), all %2 classes (published: van de Ven et al. 2022):")
                    .arg(r.runs.size())
                    .arg(r.classes));
    for (const auto& row : rows) {
        const MeanSd s = r.stat(row.field);
        report.line(QString("  %1: %2 ± %3 %   (published %4: %5 %)")
                        .arg(row.name, -34)
                        .arg(s.mean < 0 ? QString("-") : QString::number(100 * s.mean, 'f', 2))
                        .arg(100 * s.sd, 0, 'f', 2)
                        .arg(row.publishedName)
                        .arg(100 * row.published, 0, 'f', 1));
        report.set(row.key, s.mean < 0 ? QJsonValue() : QJsonValue(s.mean));
        report.set(QString(row.key) + "_sd", s.mean < 0 ? QJsonValue() : QJsonValue(s.sd));
    }
    bool unchanged = !r.runs.empty();
    QJsonArray perSeed;
    for (const auto& run : r.runs) {
        unchanged = unchanged && run.earlierMembersUnchanged;
        QJsonObject o;
        o.insert("seed", double(run.seed));
        o.insert("set_after_task", jsonArray(run.setAfterTask));
        o.insert("mlp_finetune_after_task", jsonArray(run.finetuneAfterTask));
        o.insert("mlp_replay_after_task", jsonArray(run.replayAfterTask));
        o.insert("set_per_class_accuracy", jsonArray(run.setPerClass));
        if (run.repairMember >= 0) {
            o.insert("repair_member", run.repairMember);
            o.insert("repair_accuracy_before", run.repairAccuracyBefore);
            o.insert("repair_accuracy_after", run.repairAccuracyAfter);
            o.insert("repair_per_class_before", jsonArray(run.repairPerClassBefore));
            o.insert("repair_per_class_after", jsonArray(run.repairPerClassAfter));
            o.insert("repair_others_unchanged", run.repairOthersUnchanged);
        }
        perSeed.append(o);
    }
    report.line(QString("earlier members bit-identical after later tasks (every seed): %1; %2 s in all")
                    .arg(!r.runs.empty() && r.runs.front().hashAtEnd.empty() ? "-" : unchanged ? "yes" : "NO")
                    .arg(r.seconds, 0, 'f', 1));
    const bool setRun = !r.runs.empty() && !r.runs.front().hashAtEnd.empty();
    report.set("earlier_members_unchanged", setRun ? QJsonValue(unchanged) : QJsonValue());
    report.set("seeds", int(r.runs.size()));
    report.set("runs", perSeed);
    report.set("seconds", r.seconds);
    report.set("stopped", r.stopped);
}

// --csv: one row per seed and task: each model's accuracy over all classes after that task.
void writeTable(CliReport& report, const QString& path, const IncrementalResult& r)
{
    const auto cell = [](const std::vector<double>& v, std::size_t t) {
        return t < v.size() ? QString::number(v[t], 'g', 6) : QString();
    };
    CliCsv::write(report, path, "seed,task,classes,set_accuracy,mlp_finetune_accuracy,mlp_replay_accuracy,joint_set_accuracy",
                  [&](QTextStream& out) {
                      for (const auto& run : r.runs)
                          for (std::size_t t = 0; t < r.tasks.size(); ++t)
                              out << run.seed << ',' << t + 1 << ',' << classesText(r.tasks[t]) << ','
                                  << cell(run.setAfterTask, t) << ',' << cell(run.finetuneAfterTask, t) << ','
                                  << cell(run.replayAfterTask, t) << ','
                                  << (t + 1 == r.tasks.size() && run.jointSetAccuracy >= 0
                                          ? QString::number(run.jointSetAccuracy, 'g', 6)
                                          : QString())
                                  << '\n';
                  });
}

// --png: accuracy over all classes after each task, mean ± sd over seeds, the published figures dashed.
void writeChart(CliReport& report, const QString& path, const IncrementalResult& r)
{
    LineChart chart("Class-incremental split MNIST", "tasks learned", "test accuracy, all classes");
    std::vector<std::pair<double, QString>> ticks;
    for (std::size_t t = 0; t < r.tasks.size(); ++t)
        ticks.push_back({double(t + 1), QString("%1 (%2)").arg(t + 1).arg(classesText(r.tasks[t]))});
    chart.setXTicks(ticks);
    const struct {
        const char* name;
        std::vector<double> IncrementalRun::*curve;
    } curves[] = {{"class set", &IncrementalRun::setAfterTask},
                  {"MLP fine-tuned", &IncrementalRun::finetuneAfterTask},
                  {"MLP + replay (100/class)", &IncrementalRun::replayAfterTask}};
    int k = 0;
    for (const auto& c : curves) {
        LineChart::Series s{c.name, {}, {}, {}, LineChart::seriesColor(k++)};
        for (std::size_t t = 0; t < r.tasks.size(); ++t) {
            std::vector<double> values;
            for (const auto& run : r.runs)
                if (t < (run.*c.curve).size())
                    values.push_back((run.*c.curve)[t]);
            if (values.empty())
                continue;
            const MeanSd m = MeanSd::of(values);
            s.x.push_back(double(t + 1));
            s.y.push_back(m.mean);
            s.sd.push_back(m.sd);
        }
        if (!s.x.empty())
            chart.addSeries(std::move(s));
    }
    chart.addReference(IncrementalResult::kPublishedJoint, "joint (published) 98.2 %", QColor(0x55, 0x55, 0x55));
    chart.addReference(IncrementalResult::kPublishedVaePerClass, "VAE per class (publ.) 93.8 %", LineChart::seriesColor(0));
    chart.addReference(IncrementalResult::kPublishedReplay, "replay (published) 88.8 %", LineChart::seriesColor(2));
    chart.addReference(IncrementalResult::kPublishedFinetune, "fine-tuning (publ.) 19.9 %", LineChart::seriesColor(1));
    CliPng::write(report, path, chart.render(), "incremental",
                  "class-incremental split MNIST: accuracy over all classes after each task");
}

void addOptions(QCommandLineParser& parser)
{
    const IncrementalSettings d;
    const auto number = [](double v) { return QString::number(v, 'g', 7); };
    parser.addHelpOption();
    parser.addOptions({
        {"seeds", "Seeds to run (mean ± sd over them).", "N", number(d.seeds)},
        {"seed", "The first seed (seeds S, S+1, ...).", "S", number(double(d.firstSeed))},
        {"steps", "Iterations per task.", "N", number(double(d.stepsPerTask))},
        {"batch", "Images per iteration (the set: split among the task's members).", "B", number(double(d.batchSize))},
        {"lr", "Adam learning rate (constant).", "LR", number(double(d.learningRate))},
        {"hidden", "Hidden layer size (members and MLP).", "H", number(double(d.model.hiddenSizes.front()))},
        {"latent", "Members' latent size.", "D", number(double(d.model.latentSize))},
        {"replay", "Stored images per class for the MLP's experience replay.", "N", number(double(d.replayPerClass))},
        {"no-set", "Skip the incrementally trained set (e.g. to run the MLPs in another process)."},
        {"no-mlp", "Skip the MLP baselines."},
        {"no-joint", "Skip the jointly trained set."},
        {"repair-steps", "After the last task, train one member alone for N more iterations (0 = no repair).", "N",
         number(double(d.repairSteps))},
        {"repair-member", "The member to repair (-1 = the class with the lowest test accuracy).", "K",
         number(d.repairMember)},
        {"dataset", "Dataset folder or id. Default: $LATENTSET_DATA_DIR/mnist.", "DIR"},
        {"threads", "Worker threads (0 = all cores).", "N", number(d.threads)},
        {"csv", "Write each seed's accuracy after each task, per model, here.", "FILE"},
        {"png", "Write the accuracy-after-each-task chart here.", "FILE"},
    });
}

IncrementalSettings settingsFrom(const QCommandLineParser& parser)
{
    const CliOptions options(parser);
    IncrementalSettings s;
    s.seeds = options.integer<int>("seeds", 1, 1000);
    s.firstSeed = options.atLeast<std::uint64_t>("seed", 0);
    s.stepsPerTask = options.integer<long long>("steps", 1, 1e7);
    s.batchSize = options.integer<Index>("batch", 1, 65536);
    s.learningRate = float(options.number("lr", 1e-9, 10));
    const auto hidden = options.integer<Index>("hidden", 1, 65536);
    s.model = AutoencoderConfig::make(784, {hidden}, options.integer<Index>("latent", 1, 4096), true);
    s.mlpHidden = hidden;
    s.replayPerClass = options.integer<Index>("replay", 0, 1e6);
    s.set = !parser.isSet("no-set");
    s.mlp = !parser.isSet("no-mlp");
    s.joint = !parser.isSet("no-joint");
    s.repairSteps = options.integer<long long>("repair-steps", 0, 1e7);
    s.repairMember = options.integer<int>("repair-member", -1, 65535);
    s.threads = options.integer<unsigned>("threads", 0, 256);
    s.dataset = parser.value("dataset").toStdString();
    return s;
}

} // namespace

int runIncrementalCommand(const QStringList& arguments, CliReport& report)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Class-incremental split MNIST (van de Ven, Tuytelaars & Tolias 2022): 5 tasks of 2 digits,\n"
        "2,000 iterations each, Adam lr 1e-3, batch 128, tested on all 10 digits. The class set adds the\n"
        "two members of each task and never touches the others (hashes checked); the MLP is fine-tuned\n"
        "task by task and with experience replay; the set trained jointly is the reference.\n"
        "With --json the last line is one JSON object (keys in docs/cli.md).");
    addOptions(parser);
    int exitCode = 0;
    if (!CliOptions::parse(parser, arguments, "incremental", exitCode))
        return exitCode;
    const IncrementalSettings settings = settingsFrom(parser);
    IncrementalExperiment experiment(settings);
    IncrementalPrinter printer(report, experiment);
    const IncrementalResult result = experiment.run(&printer);
    printSummary(report, result);
    if (parser.isSet("csv"))
        writeTable(report, parser.value("csv"), result);
    if (parser.isSet("png"))
        writeChart(report, parser.value("png"), result);
    return 0;
}
