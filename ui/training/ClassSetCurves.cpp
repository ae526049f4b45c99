#include "training/ClassSetCurves.h"

#include "image/ImageConvert.h"
#include "training/ClassSetValidation.h"
#include "widgets/PlotView.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace {
// Okabe-Ito's colour-blind-safe set, extended by two for ten members.
const QColor kMemberColors[] = {QColor(0, 114, 178),  QColor(230, 159, 0),   QColor(0, 158, 115),
                                QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                QColor(240, 228, 66),  QColor(0, 0, 0),      QColor(120, 120, 120),
                                QColor(140, 80, 40)};
QColor memberColor(int i) { return kMemberColors[i % 10]; }
constexpr int kThumb = 56;
} // namespace

ClassSetCurves::ClassSetCurves(QWidget* parent) : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* options = new QHBoxLayout;
    logScale_ = new QCheckBox(tr("log scale"));
    logScale_->setAccessibleName(tr("Logarithmic loss axis"));
    logScale_->setChecked(true);
    smoothing_ = new QSlider(Qt::Horizontal);
    smoothing_->setAccessibleName(tr("Curve smoothing"));
    smoothing_->setToolTip(tr("Smooths the drawn loss curves (display only: exports keep the raw values)."));
    smoothing_->setRange(0, 95);
    smoothing_->setValue(60);
    smoothing_->setMaximumWidth(160);
    options->addWidget(logScale_);
    options->addWidget(new QLabel(tr("smoothing")));
    options->addWidget(smoothing_);
    options->addStretch();
    column->addLayout(options);
    auto* split = new QSplitter(Qt::Vertical);
    loss_ = new PlotView;
    loss_->setAxisLabels(tr("epoch"), tr("loss per sample"));
    loss_->setLogY(true);
    loss_->setSmoothing(0.6);
    loss_->setLegendVisible(true);
    accuracy_ = new PlotView;
    accuracy_->setAxisLabels(tr("epoch"), tr("accuracy"));
    split->addWidget(loss_);
    split->addWidget(accuracy_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    column->addWidget(split, 1);
    auto* thumbsBox = new QGroupBox(tr("Scored inputs, one per class (top), and their own member's reconstructions (bottom)"));
    thumbs_ = new QGridLayout(thumbsBox);
    thumbs_->setSpacing(4);
    column->addWidget(thumbsBox);
    connect(logScale_, &QCheckBox::toggled, loss_, &PlotView::setLogY);
    connect(smoothing_, &QSlider::valueChanged, this, [this](int v) { loss_->setSmoothing(v / 100.0); });
    // And back: the plot's menu or a restored project set the plot itself.
    connect(loss_, &PlotView::displayChanged, this, [this] {
        const QSignalBlocker blockLog(logScale_), blockSmoothing(smoothing_);
        logScale_->setChecked(loss_->logY());
        smoothing_->setValue(int(std::lround(loss_->smoothing() * 100.0)));
    });
    setup(0, {}, false);
}

void ClassSetCurves::setup(int members, const QStringList& names, bool onTest)
{
    members_ = members;
    loss_->removeAllSeries();
    accuracy_->removeAllSeries();
    for (int i = 0; i < members_; ++i)
        loss_->addSeries(i < names.size() ? names[i] : QString::number(i), memberColor(i));
    for (int i = 0; i < members_; ++i)
        loss_->setSeriesMarkers(loss_->addSeries(QString(), memberColor(i), PlotView::Kind::Line, Qt::DashLine), true);
    // Only the training series in the legend (ten entries, not twenty).
    auto* plot = loss_->plot();
    for (int i = members_; i < 2 * members_; ++i)
        if (plot->legend->itemCount() > members_)
            plot->legend->removeItem(plot->legend->itemCount() - 1);
    accuracy_->setSeriesMarkers(
        accuracy_->addSeries(onTest ? tr("test accuracy") : tr("validation accuracy"), QColor(0, 114, 178)), true);
    accuracy_->setYRange(0, 1);
    loss_->setTitle(onTest ? tr("Loss per member (solid: training; dashed: test sample, a dot where scored)")
                           : tr("Loss per member (solid: training; dashed: validation, a dot where scored)"));
    accuracy_->setTitle(onTest ? tr("Accuracy on a test sample (smallest squared error decides)")
                               : tr("Validation accuracy (smallest squared error decides)"));
}

void ClassSetCurves::appendTraining(double x, const std::vector<float>& losses)
{
    const int n = std::min<int>(int(losses.size()), members_);
    for (int i = 0; i < n; ++i)
        loss_->append(i, x, losses[std::size_t(i)]);
}

void ClassSetCurves::showValidation(const ClassSetValidation& v, double x)
{
    for (int i = 0; i < members_ && i < int(v.ownLoss.size()); ++i)
        if (v.ownLoss[std::size_t(i)] >= 0)
            loss_->append(members_ + i, x, v.ownLoss[std::size_t(i)]);
    accuracy_->append(0, x, v.accuracy);
    auto cell = [this](int row, int col) {
        QLayoutItem* item = thumbs_->itemAtPosition(row, col);
        auto* label = item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
        if (!label) {
            label = new QLabel;
            label->setFixedSize(kThumb, kThumb);
            thumbs_->addWidget(label, row, col);
        }
        return label;
    };
    for (int i = 0; i < v.inputs.size(); ++i) {
        QLabel* in = cell(0, i);
        in->setPixmap(ImageConvert::pixmap(v.inputs[i], kThumb));
        in->setAccessibleName(tr("Validation input of class %1").arg(i));
        QLabel* out = cell(1, i);
        out->setPixmap(ImageConvert::pixmap(v.reconstructions[i], kThumb));
        out->setAccessibleName(tr("Reconstruction by member %1").arg(i));
    }
}
