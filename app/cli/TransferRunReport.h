#pragma once
// What `cube train` and `world train` print and put in --json about a
// cross-training run and its transfer metric (docs/cli.md): the same lines
// and keys for any world. `R` is a CubeWorldResult or a WorldTrainResult
// (rounds, trainSeconds, msPerRound, samplesPerSecond, evalSeconds,
// peakRssMb, threads); `contextName(c)` names context c.
#include "CliReport.h"

#include "latentset/world/WorldTransfer.h"

#include <QJsonArray>
#include <QString>

#include <functional>
#include <string>

namespace transferreport {

// "trained ...", "transfer on <evaluated> (...)", "worst pair: ...<worstSuffix>".
template <class R>
void print(const CliReport& report, const R& r, const latentset::TransferErrors& e, const QString& evaluated,
           const std::function<std::string(int)>& contextName, const QString& worstSuffix = {})
{
    report.line(QString("trained %1 rounds in %2 s (%3 ms/round, %4 samples/s)")
                    .arg(r.rounds)
                    .arg(r.trainSeconds, 0, 'f', 1)
                    .arg(r.msPerRound, 0, 'f', 1)
                    .arg(r.samplesPerSecond, 0, 'f', 0));
    report.line(QString("transfer on %1 (%2 s): self error %3, transfer error %4, ratio %5")
                    .arg(evaluated)
                    .arg(r.evalSeconds, 0, 'f', 1)
                    .arg(e.selfError, 0, 'f', 5)
                    .arg(e.transferError, 0, 'f', 5)
                    .arg(e.transferRatio, 0, 'f', 3));
    report.line(QString("worst pair: %1 -> %2 (%3 -> %4), %5x the target's self error")
                    .arg(e.worstSource)
                    .arg(e.worstTarget)
                    .arg(QString::fromStdString(contextName(e.worstSource)))
                    .arg(QString::fromStdString(contextName(e.worstTarget)))
                    .arg(e.worstPairRatio, 0, 'f', 2)
                + worstSuffix);
}

// The --json keys of the same figures.
template <class R>
void set(CliReport& report, const R& r, const latentset::TransferErrors& e)
{
    report.set("rounds", double(r.rounds));
    report.set("train_seconds", r.trainSeconds);
    report.set("ms_per_round", r.msPerRound);
    report.set("samples_per_second", r.samplesPerSecond);
    report.set("self_error", e.selfError);
    report.set("transfer_error", e.transferError);
    report.set("transfer_ratio", e.transferRatio);
    report.set("worst_pair_ratio", e.worstPairRatio);
    report.set("worst_pair", QJsonArray{e.worstSource, e.worstTarget});
    report.set("peak_rss_mb", r.peakRssMb);
    report.set("threads", int(r.threads));
}

} // namespace transferreport
