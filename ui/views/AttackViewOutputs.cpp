// AttackView's panel: the three images, the score bars, the numbers, and
// what leaves the view (PNG, CSV, its state in a project). The controls and
// the run are in AttackView.cpp.
#include "views/AttackView.h"

#include "image/DivergingMap.h"
#include "image/ImageConvert.h"
#include "image/PngWriter.h"
#include "session/Session.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotView.h"

#include "latentset/experiments/ImageAttackExperiment.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonWriter.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTextStream>
#include <QVBoxLayout>

#include <cmath>

using namespace latentset;

namespace {

constexpr int kZoom = 7;

int sideOf(Index pixels)
{
    const int side = int(std::lround(std::sqrt(double(pixels))));
    return Index(side) * side == pixels ? side : 0;
}

QLabel* imageLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setFixedSize(28 * kZoom + 4, 28 * kZoom + 4);
    label->setAlignment(Qt::AlignCenter);
    label->setFrameShape(QFrame::StyledPanel);
    return label;
}

QString signedNumber(double v, int decimals) { return (v >= 0 ? "+" : "−") + QString::number(std::abs(v), 'f', decimals); }

} // namespace

QWidget* AttackView::buildPanel()
{
    auto* outer = new QWidget(this);
    auto* column = new QVBoxLayout(outer);
    column->setContentsMargins(0, 0, 0, 0);
    panel_ = new QWidget(outer);
    panel_->setAutoFillBackground(true);
    auto* top = new QHBoxLayout(panel_);
    auto* left = new QVBoxLayout;
    auto* images = new QGridLayout;
    clean_ = imageLabel(panel_, "clean");
    perturbation_ = imageLabel(panel_, "perturbation");
    adversarial_ = imageLabel(panel_, "adversarial");
    const QStringList titles{tr("Clean"), tr("Perturbation (signed)"), tr("Adversarial")};
    int c = 0;
    for (QLabel* image : {clean_, perturbation_, adversarial_}) {
        auto* title = new QLabel("<b>" + titles[c] + "</b>", panel_);
        title->setAlignment(Qt::AlignCenter);
        images->addWidget(title, 0, c);
        images->addWidget(image, 1, c++);
    }
    scaleBar_ = new QLabel(panel_);
    scaleBar_->setPixmap(QPixmap::fromImage(DivergingMap::bar(28 * kZoom, 10)));
    scaleBar_->setAlignment(Qt::AlignCenter);
    scaleText_ = new QLabel(panel_);
    scaleText_->setObjectName("scale");
    scaleText_->setAlignment(Qt::AlignCenter);
    perturbation_->setText(tr("Run attacks\nthe input"));
    adversarial_->setText(tr("Run attacks\nthe input"));
    images->addWidget(scaleBar_, 2, 1);
    images->addWidget(scaleText_, 3, 0, 1, 3);
    left->addLayout(images);
    numbers_ = new QLabel(panel_);
    numbers_->setObjectName("numbers");
    numbers_->setTextFormat(Qt::RichText);
    numbers_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    numbers_->setWordWrap(true);
    numbers_->setMinimumWidth(3 * (28 * kZoom + 4));
    numbers_->setMaximumWidth(3 * (28 * kZoom + 4) + 40);
    numbers_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    left->addSpacing(8);
    left->addWidget(numbers_);
    left->addStretch(1);
    top->addLayout(left);
    bars_ = new PlotView(panel_);
    bars_->setMinimumSize(420, 300);
    bars_->setFigureInfo([this] { return figureInfo(); });
    bars_->setTitle(tr("The set's per-class scores: Run attacks the input"));
    top->addWidget(bars_, 1);
    column->addWidget(panel_, 1);

    auto* bottom = new QHBoxLayout;
    status_ = new QLabel(outer);
    status_->setObjectName("status");
    status_->setWordWrap(true);
    bottom->addWidget(status_, 1);
    for (auto [kind, text] : {std::pair<QString, QString>{"png", tr("Export PNG…")}, {"csv", tr("Export CSV…")}}) {
        auto* button = new QPushButton(text, outer);
        button->setObjectName("export-" + kind);
        connect(button, &QPushButton::clicked, this, [this, kind = kind] { exportWithDialog(kind); });
        bottom->addWidget(button);
    }
    column->addLayout(bottom);
    return outer;
}

QString AttackView::className(int cls) const
{
    const QStringList names = session_->classNames();
    return cls >= 0 && cls < names.size() && !names[cls].isEmpty() ? names[cls] : QString::number(cls);
}

QString AttackView::decisionText(int cls, double margin) const
{
    return tr("<b>%1</b> (margin %2)").arg(className(cls), signedNumber(margin, margin != 0 && std::abs(margin) < 0.1 ? 4 : 2));
}

void AttackView::clearResult(const QString& why)
{
    result_.reset();
    numbers_->clear();
    bars_->removeAllSeries();
    bars_->setTitle(tr("The set's per-class scores: Run attacks the input"));
    bars_->replotNow();
    perturbation_->setText(tr("Run attacks\nthe input"));
    adversarial_->setText(tr("Run attacks\nthe input"));
    scaleText_->clear();
    status_->setText(why);
}

void AttackView::showResult(std::shared_ptr<const ImageAttackResult> result)
{
    finishRun();
    result_ = std::move(result);
    showImages();
    showBars();
    showNumbers();
    const ImageAttackResult& r = *result_;
    const QString attack = attack_->itemText(std::max(0, attack_->findData(QString::fromStdString(r.attack))));
    QString text = tr("%1 on %2, %3: %4 calls of the model, %5 s.")
                       .arg(attack, QString::fromStdString(r.attackedModel), resultInput_)
                       .arg(r.calls)
                       .arg(r.seconds, 0, 'f', r.seconds < 1 ? 3 : 1);
    if (r.stopped)
        text = tr("Stopped after %1 calls: the clean image is shown as the adversarial.").arg(r.calls);
    else if (!r.fooled)
        text += tr(" No adversarial found: the clean image stands (a failed attack reports no perturbation).");
    status_->setText(text);
    emit resultShown();
}

void AttackView::showImages()
{
    int label = -1;
    QString name;
    const Vector x = result_ ? result_->clean : inputImage(&label, &name);
    const int side = sideOf(x.size());
    if (side == 0)
        return;
    clean_->setPixmap(QPixmap::fromImage(ImageConvert::toImage(x, side, side, 28 * kZoom / side)));
    if (!result_)
        return;
    const Vector delta = result_->adversarial - result_->clean;
    const double scale = delta.size() ? double(delta.cwiseAbs().maxCoeff()) : 0.0;
    perturbation_->setPixmap(QPixmap::fromImage(DivergingMap::image(delta, side, side, scale, 28 * kZoom / side)));
    adversarial_->setPixmap(QPixmap::fromImage(ImageConvert::toImage(result_->adversarial, side, side, 28 * kZoom / side)));
    scaleText_->setText(scale > 0 ? tr("perturbation scale: blue −%1, white 0, red +%1").arg(scale, 0, 'f', 3)
                                  : tr("perturbation: none (all zero)"));
}

void AttackView::showBars()
{
    const ImageAttackResult& r = *result_;
    bars_->removeAllSeries();
    QVector<double> x, clean, adversarial;
    QStringList labels;
    for (Index c = 0; c < r.setScoresClean.size(); ++c) {
        x << double(c);
        clean << r.setScoresClean(c);
        adversarial << r.setScoresAdversarial(c);
        labels << className(int(c));
    }
    const int a = bars_->addSeries(tr("clean"), QColor(0, 90, 200), PlotView::Kind::Bars);
    const int b = bars_->addSeries(tr("adversarial"), QColor(220, 100, 20), PlotView::Kind::Bars);
    bars_->setSeries(a, x, clean);
    bars_->setSeries(b, x, adversarial);
    bars_->setCategoryLabels(labels);
    bars_->setLegendVisible(false); // the title names the colours: a legend would cover bars
    const bool sse = resultSettings_.setDecision == "sse";
    bars_->setTitle(tr("The set's per-class scores (%1): clean (blue) vs adversarial (orange)")
                        .arg(QString::fromStdString(r.set.rule)));
    bars_->setAxisLabels(tr("class"), sse ? tr("score = −½ squared error") : tr("score = log p(x | class)"));
    bars_->replotNow();
}

void AttackView::showNumbers()
{
    const ImageAttackResult& r = *result_;
    const ImageAttackSettings& s = resultSettings_;
    const QString normName = s.norm == AttackNorm::L2 ? tr("L2") : tr("L∞");
    QString rows;
    const auto row = [&](const QString& name, const QString& a, const QString& b, const QString& note = {}) {
        rows += "<tr><td>" + name + "</td><td>" + a + "</td><td>" + b + "</td><td>" + note + "</td></tr>";
    };
    row(QString("<b>%1</b>").arg(tr("model")), tr("<b>clean</b>"), tr("<b>adversarial</b>"), QString());
    const auto decisionRow = [&](const ImageAttackResult::Decision& d, const QString& attacked) {
        if (!d.present)
            return row(tr("MLP baseline"), tr("none in the session"), "–");
        const QString note = d.clean != r.label ? tr("wrong on the clean image already")
                             : d.adversarial != r.label ? tr("<span style='color:#b2182b'><b>fooled</b></span>")
                                                        : tr("still %1").arg(className(r.label));
        row((d.rule == "mlp" ? tr("MLP baseline") : QString::fromStdString(d.rule)) + attacked,
            decisionText(d.clean, d.cleanMargin), decisionText(d.adversarial, d.adversarialMargin), note);
    };
    decisionRow(r.set, s.target == "set" ? tr(" (attacked)") : QString());
    decisionRow(r.mlp, s.target == "mlp" ? tr(" (attacked)") : QString());
    QString threshold = tr("no detection threshold known");
    if (std::isfinite(r.anomalyThreshold))
        threshold = tr("threshold %1: %2").arg(r.anomalyThreshold, 0, 'f', 1)
                        .arg(r.anomalyAdversarial > r.anomalyThreshold ? tr("the adversarial is flagged")
                                                                       : tr("the adversarial passes"));
    row(tr("anomaly score, %1").arg(QString::fromStdString(r.anomalyScore)), QString::number(r.anomalyClean, 'f', 2),
        QString::number(r.anomalyAdversarial, 'f', 2), threshold);
    QString within = r.withinEps ? tr("within ε = %1 (%2)").arg(s.eps).arg(normName)
                                 : tr("<span style='color:#b2182b'>outside ε = %1 (%2): no adversarial at this ε</span>")
                                       .arg(s.eps).arg(normName);
    row(tr("perturbation"), tr("L2 %1").arg(r.l2, 0, 'f', 3), tr("L∞ %1").arg(r.linf, 0, 'f', 3), within);
    const QString labelNote = r.labelFromModel ? tr("margins of class %1, the attacked model's clean decision (a drawn "
                                                   "glyph has no label)").arg(className(r.label))
                                               : tr("margins of the true class %1").arg(className(r.label));
    numbers_->setText("<table cellspacing='0' cellpadding='3'>" + rows + "</table><small>" + labelNote +
                      tr(": score of that class − the best other; below 0 the decision is wrong.") + "</small>");
}

QString AttackView::statusText() const { return status_->text(); }

QString AttackView::numbersText() const { return numbers_->text(); }

FigureInfo AttackView::figureInfo() const
{
    FigureInfo info;
    info.title = tr("Adversarial attack");
    info.caption = tr("Clean image, signed perturbation, adversarial image, the set's per-class scores and both "
                      "models' decisions (LatentSet attack view)");
    info.model = ModelSummary::classSet(*session_);
    info.settings = QString::fromStdString(JsonWriter::write(resultSettings_.toJson())) + "; " + resultInput_;
    return info;
}

bool AttackView::exportPng(const QString& path, QString* error) const
{
    if (!result_) {
        if (error)
            *error = tr("Nothing to export yet: Run an attack first.");
        return false;
    }
    if (panel_->layout())
        panel_->layout()->activate(); // a result just shown: its numbers laid out before the grab
    PngWriter png(path);
    figureInfo().writeTo(png);
    return png.tryWrite(panel_->grab().toImage(), error);
}

bool AttackView::exportCsv(const QString& path, QString* error) const
{
    if (!result_) {
        if (error)
            *error = tr("Nothing to export yet: Run an attack first.");
        return false;
    }
    const ImageAttackResult& r = *result_;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "quantity,clean,adversarial\n";
    out << "input," << resultInput_ << ',' << resultInput_ << '\n';
    out << "label," << r.label << ',' << r.label << '\n';
    out << "attack," << QString::fromStdString(r.attack) << ',' << QString::fromStdString(r.attack) << '\n';
    out << "norm," << QString::fromStdString(attackNormName(resultSettings_.norm)) << ','
        << QString::fromStdString(attackNormName(resultSettings_.norm)) << '\n';
    out << "eps," << resultSettings_.eps << ',' << resultSettings_.eps << '\n';
    out << "perturbation_l2,0," << r.l2 << '\n';
    out << "perturbation_linf,0," << r.linf << '\n';
    out << "within_eps,1," << int(r.withinEps) << '\n';
    for (const auto* d : {&r.set, &r.mlp}) {
        if (!d->present)
            continue;
        const QString who = d == &r.set ? "set" : "mlp";
        out << who << "_decision," << d->clean << ',' << d->adversarial << '\n';
        out << who << "_margin," << d->cleanMargin << ',' << d->adversarialMargin << '\n';
    }
    out << "anomaly_score," << r.anomalyClean << ',' << r.anomalyAdversarial << '\n';
    if (std::isfinite(r.anomalyThreshold))
        out << "anomaly_threshold," << r.anomalyThreshold << ',' << r.anomalyThreshold << '\n';
    for (Index c = 0; c < r.setScoresClean.size(); ++c)
        out << "set_score_" << c << ',' << r.setScoresClean(c) << ',' << r.setScoresAdversarial(c) << '\n';
    out << "calls," << r.calls << ',' << r.calls << '\n';
    out << "seconds," << r.seconds << ',' << r.seconds << '\n';
    out.flush();
    if (!file.commit()) {
        if (error)
            *error = tr("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

void AttackView::exportWithDialog(const QString& kind)
{
    const QString filter = kind == "png" ? tr("PNG images (*.png)") : tr("CSV tables (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the attack"), "attack." + kind, filter);
    if (path.isEmpty())
        return;
    QString error;
    if (!(kind == "png" ? exportPng(path, &error) : exportCsv(path, &error)))
        QMessageBox::warning(this, tr("Export the attack"), error);
}

QJsonObject AttackView::viewState() const
{
    const ImageAttackSettings s = settings();
    return {{"input", inputKind_->currentData().toString()}, {"digit", digit_->value()},
            {"glyph", glyph_->currentText()}, {"settings", QString::fromStdString(JsonWriter::write(s.toJson()))}};
}

void AttackView::restoreViewState(const QJsonObject& state)
{
    try {
        setSettings(ImageAttackSettings::fromJson(JsonReader::parse(state.value("settings").toString().toStdString(), "attack view state")));
    } catch (const std::exception&) {
        // an older or damaged state: the controls keep their values
    }
    digit_->setValue(state.value("digit").toInt(digit_->value()));
    const int glyph = glyph_->findText(state.value("glyph").toString());
    if (glyph >= 0)
        glyph_->setCurrentIndex(glyph);
    const int kind = inputKind_->findData(state.value("input").toString("sample"));
    if (kind >= 0)
        inputKind_->setCurrentIndex(kind);
}
