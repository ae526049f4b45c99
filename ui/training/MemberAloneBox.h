#pragma once
#include <QGroupBox>
#include <QStringList>

#include "latentset/experiments/MemberAloneResult.h"
#include "latentset/nn/Trainer.h"

#include <functional>
#include <memory>

class JobRunner;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class TrainerAdapter;
namespace latentset {
class AutoencoderSet;
class ClassSetTask;
class MemberAloneTraining;
struct DatasetSplits;
} // namespace latentset

// "Train one member alone" in the class-set training view (docs/ui.md,
// docs/less-is-more.md "In the app"): pick a member (the combo, or a row of
// the per-class table), N epochs, Train. Core's MemberAloneTraining copies
// the member (with its Adam moments) out of the panel's task, trains the copy
// on its class's training images in this box's own Trainer (pause, resume,
// cancel; progress below), scores the set before and after on the
// validation split (else test), moves the trained copy into the task's set
// and hashes every member. The table then shows, per class, accuracy
// before -> after and each member's hash before and after: every other
// member bit-identical ("identical"), the trained one "changed".
//
// Cancel drops the copy: the task's set is never written before install, so
// it stays exactly as it was (the status line says so, with the hashes).
//
// The panel owns the rules of its task: it pauses its trainer and calls
// begin() once at rest (startRequested), keeps its strip disabled while
// busy(), and says through canWrite() when the task's set may be written
// (at rest, no save reading it). trained(newSet) carries the set after the
// install, values only, for the session.
//
// GUI thread only.
class MemberAloneBox : public QGroupBox {
    Q_OBJECT
public:
    explicit MemberAloneBox(QWidget* parent = nullptr);
    ~MemberAloneBox() override;

    // The members offered: `classes` of them, named by `names` (by index
    // where a name is missing: MNIST's IDX files name no class); keeps the
    // choice if it still fits.
    void setClassNames(const QStringList& names, int classes);
    // Called by the panel at rest: trains `member` of `task` for the box's
    // epochs on `data`'s training images of its class.
    void begin(std::shared_ptr<latentset::ClassSetTask> task, std::shared_ptr<const latentset::DatasetSplits> data);
    // Stops and drops a run in progress (the panel's task is going away).
    void abandon();
    void setCanWrite(std::function<bool()> canWrite) { canWrite_ = std::move(canWrite); }

    bool busy() const { return phase_ != Phase::Idle; }
    int member() const;
    void selectMember(int member);
    void setEpochs(int epochs);
    // "More data of its class": each image moved by a random offset of up
    // to this many pixels per step (ClassSetTask's shifts); the panel sets
    // the set's own value when its task is built.
    void setShiftPixels(int pixels);
    const latentset::MemberAloneResult& lastResult() const { return result_; }
    bool lastCancelled() const { return cancelled_; }

    QComboBox* memberBox() const { return member_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QPushButton* trainButton() const { return train_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* cancelButton() const { return cancel_; }
    QTableWidget* table() const { return table_; }
    QLabel* statusLabel() const { return status_; }
    TrainerAdapter* adapter() const { return adapter_; }

public slots:
    void togglePause();
    void cancel();

signals:
    void startRequested();
    void busyChanged(bool busy);
    // After install: the task's set now (values only) and the run's result.
    void trained(std::shared_ptr<const latentset::AutoencoderSet> set);
    // Cancelled or failed: the set is as it was.
    void ended();

private:
    enum class Phase { Idle, Preparing, Training, Scoring, Installing };
    void setPhase(Phase phase);
    void startTraining(std::shared_ptr<const latentset::AutoencoderSet> before);
    void onProgress(const latentset::TrainerProgress& p);
    void onFinished(latentset::TrainerState state, const QString& message);
    void scoreAfter();
    void install();
    void finish(const QString& status);
    void showResult();
    void updateButtons();

    QComboBox* member_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* shift_ = nullptr;
    QPushButton* train_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QTableWidget* table_ = nullptr;
    TrainerAdapter* adapter_ = nullptr;
    JobRunner* preparer_ = nullptr;
    JobRunner* scorer_ = nullptr;
    std::function<bool()> canWrite_;

    Phase phase_ = Phase::Idle;
    bool scoredBefore_ = false, trainingDone_ = false, cancelled_ = false;
    std::shared_ptr<latentset::ClassSetTask> task_;
    std::shared_ptr<const latentset::DatasetSplits> data_;
    std::shared_ptr<latentset::MemberAloneTraining> run_;
    latentset::MemberAloneResult result_;
    QStringList names_;
    double trainSeconds_ = 0;
};
