// InterpretationsView's outputs: the reading and the blend curve drawn, the
// message page, PNG / CSV export and the project state.
#include "views/InterpretationsView.h"

#include "image/ImageConvert.h"
#include "session/Session.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "widgets/PlotView.h"

#include "latentset/data/Dataset.h"
#include "latentset/experiments/SetPosterior.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTextStream>

namespace {
void clearGrid(QGridLayout* grid)
{
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QLabel* picture(const latentset::Vector& pixels, int side, const QString& border)
{
    auto* label = new QLabel;
    label->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(pixels), side));
    label->setFixedSize(side + 4, side + 4);
    label->setAlignment(Qt::AlignCenter);
    label->setStyleSheet(QString("QLabel { border: 2px solid %1; background: black; }").arg(border));
    return label;
}

constexpr int kMembersPerRow = 10;

// Four decimals, or two significant digits below 0.001 (a posterior of 3e-9 is not "0.0000").
QString posteriorText(double p)
{
    return p >= 1e-3 || p == 0 ? QString::number(p, 'f', 4) : QString::number(p, 'e', 1);
}
} // namespace

void InterpretationsView::showMessage(const QString& text)
{
    reading_.reset();
    message_->setText(text);
    pages_->setCurrentIndex(0);
}

QString InterpretationsView::message() const { return showsMessage() ? message_->text() : QString(); }

bool InterpretationsView::showsMessage() const { return pages_->currentIndex() == 0; }

void InterpretationsView::showReading(std::shared_ptr<const latentset::Interpretation> reading)
{
    reading_ = std::move(reading);
    pages_->setCurrentIndex(1);
    inputImage_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(input_), 160));
    inputCaption_->setText(inputName_);
    const latentset::Interpretation& r = *reading_;
    const std::vector<int> top = r.top(top_->value());
    clearGrid(topGrid_);
    for (int k = 0; k < int(top.size()); ++k) {
        const int c = top[std::size_t(k)];
        auto* name = new QLabel(tr("<span style='font-size:15px'><b>%1.</b> class <b>%2</b></span>").arg(k + 1).arg(className(c)));
        auto* bar = new QProgressBar;
        bar->setRange(0, 1000);
        bar->setValue(int(std::lround(1000 * r.posterior(c))));
        bar->setFormat(tr("posterior %1").arg(posteriorText(r.posterior(c))));
        bar->setMinimumWidth(200);
        auto* score = new QLabel(tr("score %1\nsquared error %2")
                                     .arg(r.score(c), 0, 'f', 1)
                                     .arg(r.squaredError(c), 0, 'f', 2));
        topGrid_->addWidget(name, k, 0);
        topGrid_->addWidget(bar, k, 1);
        topGrid_->addWidget(picture(r.reconstructions.col(c), 56, k == 0 ? "#e69f00" : "#0072b2"), k, 2);
        topGrid_->addWidget(score, k, 3);
    }
    clearGrid(membersGrid_);
    for (int c = 0; c < int(r.posterior.size()); ++c) {
        const int row = 2 * (c / kMembersPerRow), col = c % kMembersPerRow;
        const bool first = !top.empty() && c == top.front();
        const bool listed = std::find(top.begin(), top.end(), c) != top.end();
        membersGrid_->addWidget(picture(r.reconstructions.col(c), 64, first ? "#e69f00" : listed ? "#0072b2" : "#777"),
                                row, col, Qt::AlignHCenter);
        auto* caption = new QLabel(tr("<b>%1</b><br>%2 · %3").arg(className(c)).arg(r.score(c), 0, 'f', 1).arg(r.squaredError(c), 0, 'f', 1));
        caption->setAlignment(Qt::AlignHCenter);
        membersGrid_->addWidget(caption, row + 1, col, Qt::AlignHCenter | Qt::AlignTop);
    }
    if (kind() == Kind::Blend && blendPosterior_.cols() > 0)
        showBlendCurve(blendPosterior_, blendA_, blendB_);
}

void InterpretationsView::showBlendCurve(const Eigen::MatrixXd& posterior, int classA, int classB)
{
    blendPosterior_ = posterior;
    blendA_ = classA;
    blendB_ = classB;
    blendPlot_->removeAllSeries();
    QVector<double> w, a, b;
    for (int k = 0; k < posterior.cols(); ++k) {
        w << double(k) / double(std::max<Eigen::Index>(1, posterior.cols() - 1));
        a << posterior(classA, k);
        b << posterior(classB, k);
    }
    const int sa = blendPlot_->addSeries(tr("class %1 (a)").arg(className(classA)), QColor(0, 114, 178));
    const int sb = blendPlot_->addSeries(tr("class %1 (b)").arg(className(classB)), QColor(230, 159, 0));
    const int now = blendPlot_->addSeries(tr("w shown"), QColor(90, 90, 90), PlotView::Kind::Line, Qt::DashLine);
    blendPlot_->setSeriesMarkers(sa, true);
    blendPlot_->setSeriesMarkers(sb, true);
    blendPlot_->setSeries(sa, w, a);
    blendPlot_->setSeries(sb, w, b);
    const double at = weight_->value() / 100.0;
    blendPlot_->setSeries(now, {at, at}, {0.0, 1.0});
    blendPlot_->setYRange(0, 1);
}

QStringList InterpretationsView::topClassNames() const
{
    QStringList names;
    if (reading_)
        for (int c : reading_->top(top_->value()))
            names << className(c);
    return names;
}

QVector<double> InterpretationsView::topPosteriors() const
{
    QVector<double> p;
    if (reading_)
        for (int c : reading_->top(top_->value()))
            p << reading_->posterior(c);
    return p;
}

FigureInfo InterpretationsView::figureInfo() const
{
    FigureInfo info;
    info.title = tr("Interpretations");
    info.caption = tr("%1: the top %2 classes by posterior (eq. 5) and every member's reconstruction")
                       .arg(inputName_)
                       .arg(top_->value());
    info.model = ModelSummary::classSet(*session_);
    if (posterior_)
        info.settings = tr("posterior: eq. 5, constants on %1 %2 images, temperature %3")
                            .arg(posterior_->calibrationImages())
                            .arg(posterior_->calibratedOnHeldOut() ? tr("held-out") : tr("training"))
                            .arg(posterior_->temperature(), 0, 'f', 3);
    return info;
}

bool InterpretationsView::exportPng(const QString& path)
{
    if (!reading_)
        return false;
    return PlotFigure::writePng(content_->grab().toImage(), path, figureInfo());
}

bool InterpretationsView::exportCsv(const QString& path, QString* error) const
{
    if (!reading_) {
        if (error)
            *error = tr("No interpretation shown yet.");
        return false;
    }
    const latentset::Interpretation& r = *reading_;
    const bool ok = PlotFigure::writeCsv(
        path, "rank,class,name,posterior,score,log_likelihood,squared_error",
        [&](QTextStream& out) {
            for (std::size_t k = 0; k < r.ranking.size(); ++k) {
                const int c = r.ranking[k];
                out << k + 1 << ',' << c << ',' << className(c) << ',' << QString::number(r.posterior(c), 'g', 10) << ','
                    << QString::number(r.score(c), 'g', 10) << ',' << QString::number(r.logLikelihood(c), 'g', 10)
                    << ',' << QString::number(r.squaredError(c), 'g', 10) << '\n';
            }
        },
        error, figureInfo());
    if (!ok || kind() != Kind::Blend || blendPosterior_.cols() == 0)
        return ok;
    const QFileInfo f(path);
    const QString blendPath = f.path() + "/" + f.completeBaseName() + "-blend.csv";
    return PlotFigure::writeCsv(
        blendPath, QString("w,posterior_%1,posterior_%2").arg(className(blendA_), className(blendB_)),
        [&](QTextStream& out) {
            for (int k = 0; k < blendPosterior_.cols(); ++k)
                out << QString::number(double(k) / double(blendPosterior_.cols() - 1), 'g', 6) << ','
                    << QString::number(blendPosterior_(blendA_, k), 'g', 10) << ','
                    << QString::number(blendPosterior_(blendB_, k), 'g', 10) << '\n';
        },
        error);
}

void InterpretationsView::exportDialog(bool png)
{
    const QString caption = png ? tr("Export the interpretations as PNG") : tr("Export the interpretations as CSV");
    const QString path = QFileDialog::getSaveFileName(this, caption, png ? "interpretations.png" : "interpretations.csv",
                                                      png ? tr("PNG images (*.png)") : tr("CSV tables (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = png ? exportPng(path) : exportCsv(path, &error);
    if (!ok)
        QMessageBox::warning(this, caption, error.isEmpty() ? tr("%1: not written.").arg(path) : error);
}

QJsonObject InterpretationsView::viewState() const
{
    static const char* kinds[] = {"digit", "blend", "drawn"};
    return QJsonObject{{"kind", kinds[int(kind())]},  {"index", index_->value()}, {"a", indexA_->value()},
                       {"b", indexB_->value()},       {"weight", weight_->value() / 100.0},
                       {"drawn", drawn_->currentIndex()}, {"top", top_->value()}};
}

void InterpretationsView::restoreViewState(const QJsonObject& state)
{
    const QString k = state.value("kind").toString();
    setKind(k == "blend" ? Kind::Blend : k == "drawn" ? Kind::Drawn : Kind::TestDigit);
    index_->setValue(state.value("index").toInt(index_->value()));
    setBlend(state.value("a").toInt(indexA_->value()), state.value("b").toInt(indexB_->value()),
             state.value("weight").toDouble(weight_->value() / 100.0));
    selectDrawn(state.value("drawn").toInt(drawn_->currentIndex()));
    top_->setValue(state.value("top").toInt(top_->value()));
}
