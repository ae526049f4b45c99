#include "CliCommand.h"

#include "Commands.h"

namespace {

const CliCommand kCommands[] = {
    {"dataset", "inspect a dataset: counts per class, image size, load time", runDatasetCommand},
    {"bench", "the training speed line alone (roofline ratio), a few seconds", runBenchCommand},
    {"mnist", "train the paper's class set and the MLP baseline on MNIST", runMnistCommand},
    {"likelihood", "eq. 4/5 likelihood: accuracy per term, anomaly AUROC", runLikelihoodCommand},
    {"cube", "cube world: train | transfer | render", runCubeCommand},
    {"oneshot", "one-shot recognition of two new glyphs in all contexts", runOneShotCommand},
    {"concept", "level-2 cube concept: train | imagine", runConceptCommand},
    {"maps", "context-likelihood maps of cubes (paper fig. 12)", runMapsCommand},
    {"reconstruct", "each member's reconstructions, errors and decision on images", runReconstructCommand},
    {"export", "a model as NumPy arrays (.npz) for NumPy / PyTorch", runExportCommand},
    {"import", "a model from NumPy arrays (.npz) written elsewhere", runImportCommand},
    {"world", "context worlds: train | transfer | estimate | oneshot", runWorldCommand},
    {"latent", "the latent map: codes projected by PCA or t-SNE, the shared-latent ratio", runLatentCommand},
    {"units", "one member's filters and latent directions as pictures", runUnitsCommand},
    {"attack", "adversarial robustness: the class set vs the MLP under attacks", runAttackCommand},
    {"ood", "out-of-distribution AUROC of eq. 4 and of each of its terms", runOodCommand},
    {"incremental", "class-incremental split MNIST: the set vs the MLP; repair one member", runIncrementalCommand},
    {"calibration", "the set's posterior vs the MLP's softmax: ECE, NLL, blends of two digits", runCalibrationCommand},
    {"fewshot", "learning curves: the set vs the MLP at 1, 5, 10 ... images per class", runFewShotCommand},
};

} // namespace

const CliCommand* cliCommands() { return kCommands; }
int cliCommandCount() { return int(sizeof(kCommands) / sizeof(kCommands[0])); }
