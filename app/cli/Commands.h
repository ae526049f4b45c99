#pragma once
#include <QStringList>

class CliReport;

// One function per sub-command, each in <Name>Command.cpp.
int runDatasetCommand(const QStringList& arguments, CliReport& report);
int runBenchCommand(const QStringList& arguments, CliReport& report);
int runMnistCommand(const QStringList& arguments, CliReport& report);
int runLikelihoodCommand(const QStringList& arguments, CliReport& report);
int runCubeCommand(const QStringList& arguments, CliReport& report);
int runOneShotCommand(const QStringList& arguments, CliReport& report);
int runConceptCommand(const QStringList& arguments, CliReport& report);
int runMapsCommand(const QStringList& arguments, CliReport& report);
int runExportCommand(const QStringList& arguments, CliReport& report);
int runImportCommand(const QStringList& arguments, CliReport& report);
int runReconstructCommand(const QStringList& arguments, CliReport& report);
int runWorldCommand(const QStringList& arguments, CliReport& report);
int runLatentCommand(const QStringList& arguments, CliReport& report);
int runUnitsCommand(const QStringList& arguments, CliReport& report);
int runAttackCommand(const QStringList& arguments, CliReport& report);
int runOodCommand(const QStringList& arguments, CliReport& report);
int runIncrementalCommand(const QStringList& arguments, CliReport& report);
int runCalibrationCommand(const QStringList& arguments, CliReport& report);
int runFewShotCommand(const QStringList& arguments, CliReport& report);
