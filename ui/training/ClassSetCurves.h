#pragma once
#include <QWidget>

#include <vector>

class ClassSetValidation;
class PlotView;
class QCheckBox;
class QGridLayout;
class QSlider;

// The class-set panel's right side: the loss plot (training loss per member
// solid, validation loss dashed), the accuracy plot, their log-scale and
// smoothing controls, and the input / reconstruction thumbnails.
class ClassSetCurves : public QWidget {
    Q_OBJECT
public:
    explicit ClassSetCurves(QWidget* parent = nullptr);

    PlotView* lossPlot() const { return loss_; }
    PlotView* accuracyPlot() const { return accuracy_; }
    // Clears the plots and makes 2 series per member and one accuracy
    // series, named by `names` (by number where it has none). `onTest`: the
    // scores come from the test split (no validation split).
    void setup(int members, const QStringList& names, bool onTest);
    void appendTraining(double x, const std::vector<float>& losses);
    void showValidation(const ClassSetValidation& v, double x);

private:
    PlotView* loss_ = nullptr;
    PlotView* accuracy_ = nullptr;
    QCheckBox* logScale_ = nullptr;
    QSlider* smoothing_ = nullptr;
    QGridLayout* thumbs_ = nullptr;
    int members_ = 0;
};
