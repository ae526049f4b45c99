// Class-set files written before the experiments moved into core
// (tests/data/legacy/README.md) open with today's readers: the bare model
// file of `latentset-cli mnist --save` and the app's project with its
// training state.
#include "LegacyFiles.h"

#include "latentset/nn/ClassSetState.h"
#include "latentset/nn/ModelFile.h"
#include "latentset/nn/SetClassifier.h"
#include "latentset/util/ChunkFile.h"
#include "latentset/util/ThreadPool.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

using namespace latentset;
using namespace latentset::testing;

TEST_CASE("Legacy files: mnist --save's class set loads and decides as the old CLI did", "[nn][legacy]")
{
    const ChunkFile file = ChunkFile::load(legacyPath("classset.lset"));
    const auto set = std::make_shared<const AutoencoderSet>(ModelFile::readSet(file));
    REQUIRE(set->size() == 10);
    CHECK(set->config().inputSize == 784);
    CHECK(set->config().hiddenSizes == std::vector<Index>{4});
    CHECK(set->config().latentSize == 2);
    CHECK(set->config().tied);
    CHECK(set->memberName(3) == "3");

    // The old CLI's per-image scores of the same set (likelihood-20-scores.csv):
    // today's reconstruction errors pick the same member for each image.
    const Dataset digits = legacyTestDigits();
    REQUIRE(digits.size() == 20);
    const auto rows = legacyScores();
    REQUIRE(rows.size() == 21);
    const int predColumn = legacyColumn(rows[0], "pred_recon");
    const int labelColumn = legacyColumn(rows[0], "label");
    REQUIRE(predColumn >= 0);
    ThreadPool pool(2);
    const SetClassifier classifier(set);
    const std::vector<int> decided = classifier.decide(classifier.errors(digits.all(), &pool), false);
    int correct = 0;
    for (int i = 0; i < 20; ++i) {
        INFO("image " << i);
        CHECK(std::stoi(rows[std::size_t(i) + 1][std::size_t(labelColumn)]) == digits.label(i));
        CHECK(decided[std::size_t(i)] == std::stoi(rows[std::size_t(i) + 1][std::size_t(predColumn)]));
        correct += decided[std::size_t(i)] == digits.label(i);
    }
    // The old CLI's accuracy_recon on these 20 images.
    CHECK(correct / 20.0 == Approx(legacyNumber(legacyReport("likelihood-20"), "accuracy_recon")));

    // The MLP baseline and the calibration travel in the same file.
    const Mlp mlp = ModelFile::readMlp(file);
    const std::vector<int> mlpSays = mlp.predict(digits.all());
    CHECK(mlpSays.size() == 20);
    const auto calibration = ModelFile::readCalibration(file);
    REQUIRE(calibration.has_value());
    CHECK(calibration->first.size() == 10);
    CHECK(calibration->first.allFinite());
}

TEST_CASE("Legacy files: the old app's project holds a class set and its training state", "[nn][legacy]")
{
    const ChunkFile project = ChunkFile::load(legacyPath("project.lset"));
    REQUIRE(ClassSetState::hasSet(project, false));
    const auto shown = ClassSetState::readSet(project, false);
    REQUIRE(shown != nullptr);
    REQUIRE(shown->size() == 10);
    CHECK(shown->config().hiddenSizes == std::vector<Index>{2});
    CHECK(shown->config().latentSize == 2);

    ClassSetState state = ClassSetState::read(project); // restore() uses up its bytes
    REQUIRE_FALSE(state.empty());
    // Restored on data of another size (the 20 test digits, two per class):
    // the saved batch order cannot apply, the weights and moments do.
    const Dataset digits = legacyTestDigits();
    std::vector<Dataset> perClass;
    for (int c = 0; c < 10; ++c)
        perClass.push_back(digits.ofClass(c));
    ClassSetSettings settings;
    settings.batchSize = 64;
    const ClassSetState::Restored restored = state.restore(perClass, settings);
    REQUIRE(restored.task != nullptr);
    CHECK_FALSE(restored.note.empty());
    // The Adam step counts came along: 5 epochs of 30 images per class (400 - 100
    // validation), one batch of 64 an epoch.
    for (int m = 0; m < 10; ++m)
        CHECK(restored.task->set().member(m).stepCount() == 5);
    const Matrix x = digits.all();
    for (int m = 0; m < 10; ++m) {
        INFO("member " << m);
        const Matrix a = restored.task->set().member(m).reconstruct(x);
        const Matrix b = shown->member(m).reconstruct(x);
        CHECK((a - b).cwiseAbs().maxCoeff() == 0.0f);
        CHECK(a.allFinite());
    }
}
