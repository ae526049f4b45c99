#pragma once
#include <QJsonObject>
#include <QWidget>

#include "latentset/experiments/ImageAttackSettings.h"
#include "latentset/util/Types.h"
#include "widgets/FigureInfo.h"

#include <functional>
#include <memory>
#include <stop_token>

class JobRunner;
class MlpBaselineBar;
class PlotView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class Session;
namespace latentset {
class AutoencoderSet;
class LikelihoodModel;
class SetLikelihoodDecision;
struct DatasetSplits;
struct ImageAttackResult;
} // namespace latentset

// View "attack": one adversarial attack on one image (docs/ui.md "Attack
// view", docs/robustness.md "In the app"). Input: a test digit of the
// session's samples (index, previous/next) or a drawn glyph (its label is
// then the attacked model's clean decision). Norm L-inf or L2, eps on a
// slider (L-inf 0..0.3, L2 0..3), the attack (FGSM, PGD, DDN, boundary),
// the attacked model (the class set by its rule: squared error, eq. 4,
// eq. 5; or the MLP baseline). Run is core's ImageAttackExperiment as a
// JobRunner job with a progress bar and Cancel; the GUI thread only shows.
//
// Shows the clean image, the perturbation (signed, in a diverging map whose
// scale is printed), the adversarial image; both models' decisions and
// margins on clean and adversarial; the set's per-class scores, clean vs
// adversarial (bars); the anomaly score clean vs adversarial with the
// likelihood model's threshold if it has one; the perturbation's L2 and
// L-inf size. Export PNG (the panel) and CSV (the numbers) from buttons.
// Without a class set it shows what to do instead of an empty panel; with a
// set but no MLP, MlpBaselineBar offers to train one.
class AttackView : public QWidget {
    Q_OBJECT
public:
    explicit AttackView(Session* session, QWidget* parent = nullptr);
    ~AttackView() override;

    // The training split for "Train MLP baseline" (MainWindow: the training panel's).
    void setTrainingData(std::function<std::shared_ptr<const latentset::DatasetSplits>()> provider);
    MlpBaselineBar* mlpBar() const { return mlpBar_; }

    // Input: a test digit (index into the session's samples) or a drawn glyph.
    void setTestDigit(int index);
    bool setDrawnGlyph(int index);
    int testDigit() const;
    latentset::ImageAttackSettings settings() const;
    void setSettings(const latentset::ImageAttackSettings& settings);

    bool running() const;
    // The last result shown (null before the first run, or after the model changed).
    const latentset::ImageAttackResult* result() const { return result_.get(); }
    // False while the "no class set" message stands in for the panel.
    bool panelShown() const;
    QString messageText() const;
    QString statusText() const;
    QString numbersText() const;
    PlotView* scoreBars() const { return bars_; }

    // The panel (inputs, images, bars, numbers) as a PNG; the numbers as CSV.
    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    FigureInfo figureInfo() const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

public slots:
    void run();
    void cancel();

protected:
    // The first time the view is shown with a set and an input, it attacks
    // that input once by itself (one image: a second or less on the paper's set).
    void showEvent(QShowEvent* event) override;

signals:
    // A run ended and its result is shown (stopped or not).
    void resultShown();

private:
    QWidget* buildControls();
    void connectControls();
    QWidget* buildPanel();
    void updateModels();
    void updateInput();
    void updateEpsRange();
    void normChanged();
    latentset::Vector inputImage(int* label, QString* name) const;
    void showProgress(int done, int total);
    void showResult(std::shared_ptr<const latentset::ImageAttackResult> result);
    void showImages();
    void showNumbers();
    void showBars();
    void clearResult(const QString& why);
    void finishRun();
    void maybeAutoRun();
    void exportWithDialog(const QString& kind);
    QString decisionText(int cls, double margin) const;
    QString className(int cls) const;

    Session* session_;
    JobRunner* runner_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QLabel* message_ = nullptr;
    MlpBaselineBar* mlpBar_ = nullptr;
    QComboBox* inputKind_ = nullptr;
    QSpinBox* digit_ = nullptr;
    QComboBox* glyph_ = nullptr;
    QPushButton* prev_ = nullptr;
    QPushButton* next_ = nullptr;
    QLabel* inputLabel_ = nullptr;
    QComboBox* norm_ = nullptr;
    QSlider* epsSlider_ = nullptr;
    QDoubleSpinBox* eps_ = nullptr;
    QComboBox* attack_ = nullptr;
    QComboBox* target_ = nullptr;
    QComboBox* rule_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QWidget* panel_ = nullptr; // what Export PNG grabs
    QLabel* clean_ = nullptr;
    QLabel* perturbation_ = nullptr;
    QLabel* adversarial_ = nullptr;
    QLabel* scaleText_ = nullptr;
    QLabel* scaleBar_ = nullptr;
    QLabel* numbers_ = nullptr;
    QLabel* status_ = nullptr;
    PlotView* bars_ = nullptr;
    std::shared_ptr<const latentset::ImageAttackResult> result_;
    latentset::ImageAttackSettings resultSettings_; // what result_ was run with
    QString resultInput_;                           // "test digit 12", "drawn glyph V"
    std::shared_ptr<std::stop_source> stop_;
    bool autoRun_ = true; // the first show runs once
    // The anomaly scorer of the last run and the models it is for: kept so
    // the next run skips its ~1.5 s one-time set-up (ImageAttackExperiment::anomalyScorer).
    std::shared_ptr<const latentset::SetLikelihoodDecision> scorer_;
    std::shared_ptr<const latentset::AutoencoderSet> scorerSet_;
    std::shared_ptr<const latentset::LikelihoodModel> scorerLikelihood_;
};
