#pragma once
#include <QWidget>

#include <functional>
#include <memory>
#include <stop_token>

class JobRunner;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class Session;
namespace latentset {
struct DatasetSplits;
}

// The attack view's "Train MLP baseline" strip (docs/ui.md "Attack view"):
// shown while the session has a class set but no MLP. Trains the set's MLP
// baseline (inputs x the set's first hidden size x classes: 784-2048-10 on
// MNIST) for a few epochs on the training split with core's
// MlpBaselineTraining (the recipe of `latentset-cli mnist`), as a JobRunner
// job off the GUI thread with a progress bar and Cancel, then publishes it
// (Session::setMlpBaseline). The training threads get the training panel's
// nice increment (TrainerAdapter::trainingNiceness), so the GUI keeps a core.
// GUI thread only.
class MlpBaselineBar : public QWidget {
    Q_OBJECT
public:
    using DataProvider = std::function<std::shared_ptr<const latentset::DatasetSplits>()>;
    MlpBaselineBar(Session* session, QWidget* parent = nullptr);
    ~MlpBaselineBar() override;

    // Where the training images come from (MainWindow: the training panel's dataset).
    void setDataProvider(DataProvider provider) { data_ = std::move(provider); }
    void setEpochs(int epochs);
    bool training() const;
    QPushButton* trainButton() const { return train_; }
    QString statusText() const;

public slots:
    void train();
    void cancel();

signals:
    // A training ended: trained (an MLP was published) or not (stopped, failed).
    void finished(bool trained);

private:
    void updateState();
    void showProgress(int percent, const QString& text);

    Session* session_;
    DataProvider data_;
    JobRunner* runner_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QPushButton* train_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    std::shared_ptr<std::stop_source> stop_;
};
