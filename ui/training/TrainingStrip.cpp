#include "training/TrainingStrip.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextEdit>
#include <QVBoxLayout>

#include <cmath>

namespace {
// Widgets where Space is typed (text), or "." too (numbers).
bool typesSpace(const QWidget* w)
{
    return qobject_cast<const QLineEdit*>(w) || qobject_cast<const QTextEdit*>(w)
        || qobject_cast<const QPlainTextEdit*>(w);
}
bool typesPeriod(const QWidget* w)
{
    if (typesSpace(w) || qobject_cast<const QAbstractSpinBox*>(w))
        return true;
    const auto* combo = qobject_cast<const QComboBox*>(w);
    return combo && combo->isEditable();
}

// A word-wrapped line that keeps its height while empty.
QLabel* line(const QString& name)
{
    auto* l = new QLabel;
    l->setAccessibleName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::NoTextInteraction);
    l->setMinimumHeight(l->fontMetrics().lineSpacing());
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return l;
}
} // namespace

TrainingStrip::TrainingStrip(const QString& stepWhat, QWidget* parent) : QWidget(parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    play_ = new QPushButton(tr("Play"));
    play_->setAccessibleName(tr("Play or pause training (Space)"));
    play_->setToolTip(tr("Play or pause training (Space)"));
    step_ = new QPushButton(tr("Step"));
    step_->setAccessibleName(tr("Train %1 (.)").arg(stepWhat));
    step_->setToolTip(tr("Train %1, then stay paused (.)").arg(stepWhat));
    reset_ = new QPushButton(tr("Reset"));
    reset_->setAccessibleName(tr("Reset the members with the current settings (Ctrl+R)"));
    reset_->setToolTip(tr("New members with the current settings (Ctrl+R)"));
    // The label's width must not change with Play/Pause.
    const int wide = play_->fontMetrics().horizontalAdvance(tr("Pause")) + 32;
    play_->setMinimumWidth(std::max(play_->sizeHint().width(), wide));
    buttons->addWidget(play_);
    buttons->addWidget(step_);
    buttons->addWidget(reset_);
    column->addLayout(buttons);
    progress_ = new QProgressBar;
    progress_->setAccessibleName(tr("Training progress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(QStringLiteral("%p%")); // the words go to the status line, which wraps
    progress_->setTextVisible(true);
    column->addWidget(progress_);
    status_ = line(tr("Training status"));
    status_->setText(tr("idle"));
    speed_ = line(tr("Training speed"));
    column->addWidget(status_);
    column->addWidget(speed_);

    connect(play_, &QPushButton::clicked, this, &TrainingStrip::playToggled);
    connect(step_, &QPushButton::clicked, this, &TrainingStrip::stepRequested);
    connect(reset_, &QPushButton::clicked, this, &TrainingStrip::resetRequested);
    qApp->installEventFilter(this);
}

TrainingStrip::~TrainingStrip()
{
    qApp->removeEventFilter(this);
}

void TrainingStrip::setState(bool playing, bool canRun, bool canReset)
{
    play_->setText(playing ? tr("Pause") : tr("Play"));
    play_->setEnabled(canRun);
    step_->setEnabled(canRun);
    reset_->setEnabled(canReset);
}

void TrainingStrip::setProgress(double fraction)
{
    progress_->setVisible(fraction >= 0);
    if (fraction >= 0)
        progress_->setValue(int(std::lround(1000 * std::min(1.0, fraction))));
}

void TrainingStrip::setStatus(const QString& text)
{
    status_->setText(text);
}

void TrainingStrip::setSpeed(const QString& text)
{
    speed_->setText(text);
}

void TrainingStrip::showEpochProgress(const latentset::TrainerProgress& p, double startFraction)
{
    const double done = double(p.epoch) + (p.batchesPerEpoch ? double(p.batch) / double(p.batchesPerEpoch) : 0.0);
    const double fraction = p.epochs ? done / double(p.epochs) : 0.0;
    setProgress(fraction);
    const double ran = fraction - startFraction;
    const double eta = ran > 1e-6 ? p.elapsedSeconds * (1 - fraction) / ran : 0.0;
    setStatus(tr("epoch %1/%2 · batch %3/%4 · ETA %5")
                  .arg(p.epoch + 1)
                  .arg(p.epochs)
                  .arg(p.batch)
                  .arg(p.batchesPerEpoch)
                  .arg(eta >= 90 ? tr("%1 min").arg(eta / 60, 0, 'f', 1) : tr("%1 s").arg(eta, 0, 'f', 0)));
}

void TrainingStrip::showRate(const latentset::TrainerProgress& p, const QString& extra)
{
    // The last report's rate moves with every hiccup; the run's average
    // beside it is the figure to compare with the command line's.
    if (p.elapsedSeconds < lastReportElapsed_)
        runSamples_ = 0; // a new trainer run
    runSamples_ += p.samplesPerSecond * std::max(0.0, p.elapsedSeconds - lastReportElapsed_);
    lastReportElapsed_ = p.elapsedSeconds;
    const double average = p.elapsedSeconds > 0 ? runSamples_ / p.elapsedSeconds : 0.0;
    QString text = tr("%1 samples/s (run average %2) · %3 GFLOP/s · %4 s trained")
                       .arg(p.samplesPerSecond, 0, 'f', 0)
                       .arg(average, 0, 'f', 0)
                       .arg(p.gflops, 0, 'f', 1)
                       .arg(p.elapsedSeconds, 0, 'f', 1);
    if (!extra.isEmpty())
        text += QStringLiteral(" · ") + extra;
    speed_->setText(text);
}

bool TrainingStrip::eventFilter(QObject* watched, QEvent* event)
{
    const QEvent::Type type = event->type();
    if ((type != QEvent::KeyPress && type != QEvent::KeyRelease) || !watched->isWidgetType())
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    const int k = key->key();
    if ((k != Qt::Key_Space && k != Qt::Key_Period) || (key->modifiers() & ~Qt::KeypadModifier) != 0)
        return false;
    auto* target = static_cast<QWidget*>(watched);
    // Only in this strip's window, while the strip is shown (the training
    // view is current, in this strip's mode) and where the key is not text.
    if (!isVisible() || target->window() != window() || (k == Qt::Key_Space ? typesSpace(target) : typesPeriod(target)))
        return false;
    // A key event is offered to each widget up the parent chain; act once,
    // on the first (press, not auto-repeated), and swallow the rest, the
    // release too: a focused button clicks on the release of Space.
    if (type == QEvent::KeyPress && !key->isAutoRepeat()) {
        if (k == Qt::Key_Space && play_->isEnabled())
            emit playToggled();
        else if (k == Qt::Key_Period && step_->isEnabled())
            emit stepRequested();
    }
    return true;
}
