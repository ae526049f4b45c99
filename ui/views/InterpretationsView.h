#pragma once
#include <QJsonObject>
#include <QWidget>

#include "widgets/FigureInfo.h"

#include "latentset/experiments/Interpretation.h"
#include "latentset/util/Types.h"

#include <functional>
#include <memory>

class JobRunner;
class PlotView;
class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTimer;
class Session;
namespace latentset {
class AutoencoderSet;
class SetPosterior;
struct DatasetSplits;
} // namespace latentset

// View "interpretations" (docs/ui.md, docs/less-is-more.md "In the app"):
// every reading the session's class set gives of one input. The input is a
// test digit (the session's samples, by index, with previous / next), a
// blend (1 - w) a + w b of two test digits of different classes (weight
// slider 0..1; core's ImageBlend), or a glyph drawn on the pad (the
// session's drawn glyphs). Shown: the input, the top 3-5 classes with their
// posterior (eq. 5, core's SetPosterior: what `latentset-cli calibration`
// reports) and their member's reconstruction, then every member's
// reconstruction side by side with its calibrated score and squared error;
// for a blend, the posterior of its two source classes along the weight.
//
// The posterior needs sigma, p(z) and eq. 5's constants fitted for the set:
// fitted on a worker whenever the class set changes (2.5 s after the last
// change: while a training publishes a snapshot every 2 s the last fit stays
// and the next one runs when it pauses) from the training
// data the provider gives (the Training view's dataset): sigma and p(z) on
// kFitPerClass training images per class, the constants on the validation
// split (first kHeldOut) or, without one, on kCalibrationPerClass training
// images per class (SetPosterior::FitOptions). Every score comes from core;
// this view only shows them.
//
// Bad input: no class set -> a message instead of the panels; a drawn glyph
// of another size than the members' input is refused with a message.
// Export PNG (the view's picture) and CSV (one row per class; a blend's
// curve beside it in <name>-blend.csv).
class InterpretationsView : public QWidget {
    Q_OBJECT
public:
    using DataProvider = std::function<std::shared_ptr<const latentset::DatasetSplits>()>;
    static constexpr latentset::Index kFitPerClass = 1000;
    static constexpr latentset::Index kHeldOut = 2000;
    static constexpr latentset::Index kCalibrationPerClass = 200;
    static constexpr int kBlendPoints = 21; // weights 0, 0.05, ..., 1

    explicit InterpretationsView(Session* session, DataProvider data, QWidget* parent = nullptr);
    ~InterpretationsView() override;

    enum class Kind { TestDigit, Blend, Drawn };
    void setKind(Kind kind);
    Kind kind() const;
    void setSampleIndex(int index);
    void setBlend(int indexA, int indexB, double weight);
    void selectDrawn(int index);
    void setTopCount(int count);
    // Fits the posterior for the session's class set now (no delay).
    void refit();

    // What is shown (valid when hasReading()).
    bool hasReading() const { return bool(reading_); }
    const latentset::Interpretation& reading() const { return *reading_; }
    const latentset::Vector& input() const { return input_; }
    QString message() const;         // the no-class-set / refusal text, empty when none
    bool showsMessage() const;
    QStringList topClassNames() const; // as listed, highest posterior first
    QVector<double> topPosteriors() const;
    PlotView* blendPlot() const { return blendPlot_; }
    QString statusText() const;

    Q_INVOKABLE bool exportPng(const QString& path);
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    FigureInfo figureInfo() const;
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildControls();
    QWidget* buildContent();
    void classSetChanged();
    void rebuildDrawn();
    void inputChanged();
    void evaluate();
    void evaluateBlend();
    void showReading(std::shared_ptr<const latentset::Interpretation> reading);
    void showBlendCurve(const Eigen::MatrixXd& posterior, int classA, int classB);
    void showMessage(const QString& text);
    void updateKindControls();
    // The input for the current controls, or an empty vector and `why`.
    latentset::Vector currentInput(QString& name, QString& why) const;
    QString className(int c) const;
    void exportDialog(bool png);

    Session* session_;
    DataProvider data_;
    JobRunner* fitter_ = nullptr;
    JobRunner* runner_ = nullptr;
    JobRunner* blendRunner_ = nullptr;
    QTimer* refitTimer_ = nullptr;
    std::shared_ptr<const latentset::SetPosterior> posterior_;
    std::shared_ptr<const latentset::AutoencoderSet> fittedFor_;
    bool fitting_ = false;

    QComboBox* kind_ = nullptr;
    QSpinBox* index_ = nullptr;
    QPushButton* prev_ = nullptr;
    QPushButton* next_ = nullptr;
    QSpinBox* indexA_ = nullptr;
    QSpinBox* indexB_ = nullptr;
    QSlider* weight_ = nullptr;
    QLabel* weightLabel_ = nullptr;
    QComboBox* drawn_ = nullptr;
    QSpinBox* top_ = nullptr;
    QList<QWidget*> digitControls_, blendControls_, drawnControls_;
    QStackedWidget* pages_ = nullptr;
    QLabel* message_ = nullptr;
    QLabel* status_ = nullptr;
    QWidget* content_ = nullptr;
    QLabel* inputImage_ = nullptr;
    QLabel* inputCaption_ = nullptr;
    QGridLayout* topGrid_ = nullptr;
    QGridLayout* membersGrid_ = nullptr;
    PlotView* blendPlot_ = nullptr;

    std::shared_ptr<const latentset::Interpretation> reading_;
    latentset::Vector input_;
    QString inputName_;
    Eigen::MatrixXd blendPosterior_; // classes x kBlendPoints of the blend shown
    int blendA_ = -1, blendB_ = -1;  // its source classes
};
