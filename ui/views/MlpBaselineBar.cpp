#include "views/MlpBaselineBar.h"

#include "async/JobRunner.h"
#include "async/QueuedReport.h"
#include "async/TrainerAdapter.h"
#include "session/Session.h"

#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/MlpBaselineTraining.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/Mlp.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

using namespace latentset;

namespace {

// The Trainer's batches as percent of the whole run, throttled.
class TrainingReport : public ExperimentObserver {
public:
    explicit TrainingReport(QueuedReport report) : report_(std::move(report)) {}
    void progress(const std::string&, const TrainerProgress& p) override
    {
        const double total = double(p.epochs) * double(std::max<std::size_t>(1, p.batchesPerEpoch));
        const double done = double(p.epoch) * double(p.batchesPerEpoch) + double(p.batch);
        report_.post(int(std::lround(1000 * done / std::max(1.0, total))), 1000);
    }

private:
    QueuedReport report_;
};

} // namespace

MlpBaselineBar::MlpBaselineBar(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    status_ = new QLabel(this);
    status_->setObjectName("mlp-status");
    status_->setWordWrap(true);
    train_ = new QPushButton(tr("Train MLP baseline"), this);
    train_->setObjectName("train-mlp");
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 100);
    epochs_->setValue(3);
    epochs_->setSuffix(tr(" epochs"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(220);
    progress_->hide();
    row->addWidget(status_, 1);
    row->addWidget(epochs_);
    row->addWidget(train_);
    row->addWidget(cancel_);
    row->addWidget(progress_);
    connect(train_, &QPushButton::clicked, this, &MlpBaselineBar::train);
    connect(cancel_, &QPushButton::clicked, this, &MlpBaselineBar::cancel);
    connect(runner_, &JobRunner::failed, this, [this](const QString& message) {
        status_->setText(tr("MLP training failed: %1").arg(message));
        updateState();
        emit finished(false);
    });
    connect(session_, &Session::classSetChanged, this, &MlpBaselineBar::updateState);
    connect(session_, &Session::mlpBaselineChanged, this, &MlpBaselineBar::updateState);
    updateState();
}

MlpBaselineBar::~MlpBaselineBar()
{
    if (stop_)
        stop_->request_stop(); // the runner's destructor waits for the job
}

void MlpBaselineBar::setEpochs(int epochs) { epochs_->setValue(epochs); }

bool MlpBaselineBar::training() const { return runner_->busy(); }

QString MlpBaselineBar::statusText() const { return status_->text(); }

void MlpBaselineBar::updateState()
{
    const auto set = session_->classSet();
    setVisible(set && (!session_->mlpBaseline() || training()));
    train_->setEnabled(set && !training());
    epochs_->setEnabled(!training());
    cancel_->setEnabled(training());
    progress_->setVisible(training());
    if (set && !training() && !session_->mlpBaseline())
        status_->setText(tr("No MLP baseline in this session: train one (%1-%2-%3, the recipe of latentset-cli "
                            "mnist) to attack it and compare.")
                             .arg(set->config().inputSize)
                             .arg(set->config().hiddenSizes.empty() ? 0 : set->config().hiddenSizes.front())
                             .arg(set->size()));
}

void MlpBaselineBar::train()
{
    const auto set = session_->classSet();
    const auto data = data_ ? data_() : nullptr;
    if (!set || training())
        return;
    if (!data || data->train.empty()) {
        status_->setText(tr("The MLP needs the training images: load the dataset the set was trained on (Data view)."));
        return;
    }
    if (data->train.pixelCount() != set->config().inputSize) {
        status_->setText(tr("The loaded dataset has %1 pixels per image, the class set takes %2: load its dataset.")
                             .arg(data->train.pixelCount())
                             .arg(set->config().inputSize));
        return;
    }
    MlpBaselineSettings s;
    s.hidden = set->config().hiddenSizes.empty() ? 2048 : set->config().hiddenSizes.front();
    s.epochs = epochs_->value();
    s.niceness = TrainerAdapter::trainingNiceness();
    const int classes = set->size();
    if (stop_)
        stop_->request_stop();
    stop_ = std::make_shared<std::stop_source>();
    status_->setText(tr("Training the MLP %1-%2-%3 on %4 images, %5 epochs…")
                         .arg(set->config().inputSize).arg(s.hidden).arg(classes).arg(data->train.size()).arg(s.epochs));
    progress_->setValue(0);
    QPointer<QObject> self(this);
    QueuedReport report(self, [this](int done, int total) {
        if (training())
            showProgress(int(1000.0 * done / std::max(1, total)), QString());
    });
    runner_->submit([this, data, s, classes, report, stop = stop_]() -> JobRunner::Continuation {
        TrainingReport observer(report);
        auto result = std::make_shared<const MlpBaselineResult>(
            MlpBaselineTraining::run(data->train, &data->test, classes, s, &observer, stop->get_token()));
        return [this, result] {
            if (result->stopped || !result->mlp) {
                status_->setText(tr("MLP training stopped: no MLP published."));
                updateState();
                emit finished(false);
                return;
            }
            const QString accuracy = std::isfinite(result->testAccuracy)
                                         ? tr(", %1 % on the test split").arg(100 * result->testAccuracy, 0, 'f', 2)
                                         : QString();
            session_->setMlpBaseline(result->mlp);
            status_->setText(tr("MLP baseline trained in %1 s%2.").arg(result->seconds, 0, 'f', 1).arg(accuracy));
            updateState();
            emit finished(true);
        };
    });
    updateState();
}

void MlpBaselineBar::cancel()
{
    if (stop_)
        stop_->request_stop();
    status_->setText(tr("Stopping the MLP training…"));
}

void MlpBaselineBar::showProgress(int permille, const QString&)
{
    progress_->setValue(permille);
}
