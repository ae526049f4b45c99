#include "training/MemberAloneBox.h"

#include "async/JobRunner.h"
#include "async/TrainerAdapter.h"

#include "latentset/data/DatasetSplits.h"
#include "latentset/experiments/MemberAloneTraining.h"
#include "latentset/experiments/MemberHash.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/ClassSetTask.h"
#include "latentset/util/ThreadPool.h"

#include <QComboBox>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {
// The images both scores are taken on: the validation split, else the test split.
const latentset::Dataset& scoredSplit(const latentset::DatasetSplits& data)
{
    return data.validation.empty() ? data.test : data.validation;
}

QString percent(double fraction)
{
    return fraction < 0 ? QString("–") : QString::number(100.0 * fraction, 'f', 2);
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}
} // namespace

MemberAloneBox::MemberAloneBox(QWidget* parent) : QGroupBox(tr("Train one member alone"), parent)
{
    adapter_ = new TrainerAdapter(this);
    preparer_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    scorer_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    auto* outer = new QHBoxLayout(this);
    auto* controls = new QVBoxLayout;
    auto* form = new QFormLayout;
    member_ = new QComboBox;
    member_->setAccessibleName(tr("Member to train alone"));
    member_->setToolTip(tr("The class whose member trains; a click on a row of the table picks it too."));
    epochs_ = new QSpinBox;
    epochs_->setAccessibleName(tr("Epochs of the member alone"));
    epochs_->setRange(1, 1000);
    epochs_->setValue(1);
    epochs_->setToolTip(tr("Passes over the member's own class's training images, with its own Adam state."));
    shift_ = new QSpinBox;
    shift_->setAccessibleName(tr("Shift the member's images by up to"));
    shift_->setRange(0, 4);
    shift_->setSuffix(tr(" px"));
    shift_->setToolTip(tr("More data of its class: each training image moved by a random offset of up to this many "
                          "pixels (starts at the set's own setting)."));
    form->addRow(tr("Member"), member_);
    form->addRow(tr("More epochs"), epochs_);
    form->addRow(tr("Shifted by"), shift_);
    controls->addLayout(form);
    train_ = new QPushButton(tr("Train this member alone"));
    train_->setAccessibleName(tr("Train this member alone"));
    auto* row = new QHBoxLayout;
    pause_ = new QPushButton(tr("Pause"));
    pause_->setAccessibleName(tr("Pause or resume the member alone"));
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setAccessibleName(tr("Cancel the member alone: the set stays as it was"));
    row->addWidget(pause_);
    row->addWidget(cancel_);
    controls->addWidget(train_);
    controls->addLayout(row);
    progress_ = new QProgressBar;
    progress_->setAccessibleName(tr("Member-alone progress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    controls->addWidget(progress_);
    status_ = new QLabel(tr("Pick a member and train it alone: the other members keep their bits."));
    status_->setAccessibleName(tr("Member-alone status"));
    status_->setWordWrap(true);
    // Room for the longest status (the result, five lines at 250 px), so a
    // longer text never squeezes the controls above it.
    status_->setMinimumHeight(5 * status_->fontMetrics().lineSpacing());
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    controls->addWidget(status_, 1);
    auto* controlsWidget = new QWidget;
    controlsWidget->setLayout(controls);
    controlsWidget->setFixedWidth(250);
    // Never squeezed below its natural height by the splitter above it.
    controlsWidget->setMinimumHeight(controlsWidget->sizeHint().height());
    outer->addWidget(controlsWidget);
    table_ = new QTableWidget(0, 6);
    table_->setAccessibleName(tr("Per-class accuracy and member hashes before and after"));
    table_->setHorizontalHeaderLabels({tr("class"), tr("accuracy before %"), tr("after %"), tr("member hash before"),
                                       tr("after"), tr("bits")});
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    // Eleven rows (ten classes and "all") without a scroll bar.
    table_->setMinimumHeight(12 * (fontMetrics().height() + 4) + 8);
    outer->addWidget(table_, 1);

    connect(train_, &QPushButton::clicked, this, [this] {
        if (!busy())
            emit startRequested();
    });
    connect(pause_, &QPushButton::clicked, this, &MemberAloneBox::togglePause);
    connect(cancel_, &QPushButton::clicked, this, &MemberAloneBox::cancel);
    connect(table_, &QTableWidget::cellClicked, this, [this](int r, int) {
        if (!busy())
            selectMember(r);
    });
    connect(adapter_, &TrainerAdapter::progress, this, &MemberAloneBox::onProgress);
    connect(adapter_, &TrainerAdapter::finished, this, &MemberAloneBox::onFinished);
    connect(adapter_, &TrainerAdapter::stateChanged, this, [this] { updateButtons(); });
    for (JobRunner* r : {preparer_, scorer_})
        connect(r, &JobRunner::failed, this, [this](const QString& m) {
            adapter_->reset();
            run_.reset();
            finish(tr("Cannot train the member alone: %1. The set is unchanged.").arg(m));
            emit ended();
        });
    updateButtons();
}

MemberAloneBox::~MemberAloneBox()
{
    adapter_->reset(); // joins the training thread before the jobs' runners wait for theirs
}

void MemberAloneBox::setClassNames(const QStringList& names, int classes)
{
    QStringList named;
    for (int c = 0; c < classes; ++c)
        named << (c < names.size() && !names[c].isEmpty() ? names[c] : QString::number(c));
    if (named == names_)
        return;
    const int keep = member_->currentIndex();
    names_ = named;
    member_->clear();
    for (int c = 0; c < classes; ++c)
        member_->addItem(names_[c] == QString::number(c) ? tr("member %1").arg(c)
                                                         : tr("%1 (member %2)").arg(names_[c]).arg(c),
                         c);
    if (keep >= 0 && keep < classes)
        member_->setCurrentIndex(keep);
    updateButtons();
}

int MemberAloneBox::member() const { return member_->currentIndex(); }

void MemberAloneBox::selectMember(int member)
{
    if (member >= 0 && member < member_->count())
        member_->setCurrentIndex(member);
}

void MemberAloneBox::setEpochs(int epochs) { epochs_->setValue(epochs); }

void MemberAloneBox::setShiftPixels(int pixels) { shift_->setValue(pixels); }

void MemberAloneBox::setPhase(Phase phase)
{
    const bool was = busy();
    phase_ = phase;
    updateButtons();
    if (was != busy())
        emit busyChanged(busy());
}

void MemberAloneBox::updateButtons()
{
    const bool training = phase_ == Phase::Training;
    train_->setEnabled(!busy() && member_->count() > 0);
    member_->setEnabled(!busy());
    epochs_->setEnabled(!busy());
    shift_->setEnabled(!busy());
    pause_->setEnabled(training);
    pause_->setText(training && !adapter_->playing() ? tr("Resume") : tr("Pause"));
    // Not while preparing (under a second: it reads the task's set) nor
    // installing (a move, then the hashes of the installed set).
    cancel_->setEnabled(training || phase_ == Phase::Scoring);
}

void MemberAloneBox::begin(std::shared_ptr<latentset::ClassSetTask> task,
                           std::shared_ptr<const latentset::DatasetSplits> data)
{
    if (busy() || !task || !data || member() < 0)
        return;
    task_ = std::move(task);
    data_ = std::move(data);
    cancelled_ = false;
    scoredBefore_ = trainingDone_ = false;
    trainSeconds_ = 0;
    // The set's own recipe, from where it stands: its base rate now, its
    // batch size and masking noise, the shifts asked for; a seed of its own
    // per member.
    latentset::MemberAloneSettings s;
    s.member = member();
    s.epochs = epochs_->value();
    s.batchSize = task_->batchSize();
    s.learningRate = task_->learningRate();
    s.maskingNoise = task_->settings().maskingNoise;
    s.shiftPixels = shift_->value();
    s.seed = task_->settings().seed ^ (0x6d656d00ULL + std::uint64_t(s.member));
    s.threads = 1; // one member: the member-parallel step uses one thread
    setPhase(Phase::Preparing);
    progress_->setValue(0);
    status_->setText(tr("copying member %1 and hashing every member…").arg(names_.value(s.member)));
    const auto task2 = task_;
    const auto data2 = data_;
    // The copy and the hashes read the task's set: the panel's trainer is
    // parked and stays so while busy().
    preparer_->submit([this, task2, data2, s]() -> JobRunner::Continuation {
        auto run = std::make_shared<latentset::MemberAloneTraining>(task2->set(), data2->train.ofClass(s.member), s);
        // The score before reads a copy of the values, so nothing it reads is
        // written once this box is no longer busy (a cancel, then Play).
        auto before = std::make_shared<const latentset::AutoencoderSet>(task2->set().inferenceCopy());
        return [this, run, before] {
            if (phase_ != Phase::Preparing)
                return; // abandoned meanwhile
            run_ = run;
            startTraining(before);
        };
    });
}

void MemberAloneBox::startTraining(std::shared_ptr<const latentset::AutoencoderSet> before)
{
    latentset::TrainerSettings ts = run_->trainerSettings();
    ts.progressInterval = 0.25;
    ts.snapshotInterval = 1e9; // no view reads the copy: it is published once, installed
    adapter_->setTask(run_->task(), ts);
    setPhase(Phase::Training);
    adapter_->play();
    status_->setText(tr("training member %1 alone: %2 epoch(s) of %3 images")
                         .arg(names_.value(run_->settings().member))
                         .arg(run_->settings().epochs)
                         .arg(run_->result().trainImages));
    // Beside the training (one thread), the set's accuracy before, on the
    // other core.
    const auto run = run_;
    const auto data = data_;
    scorer_->submit([run, before, data]() -> JobRunner::Continuation {
        latentset::ThreadPool pool(1);
        run->scoreBefore(*before, scoredSplit(*data), &pool);
        return {};
    });
    updateButtons();
}

void MemberAloneBox::onProgress(const latentset::TrainerProgress& p)
{
    if (phase_ != Phase::Training || p.epochs == 0)
        return;
    const double perEpoch = double(std::max<std::size_t>(1, p.batchesPerEpoch));
    const double done = (double(p.epoch) + double(p.batch) / perEpoch) / double(p.epochs);
    progress_->setValue(int(1000 * done));
    trainSeconds_ = p.elapsedSeconds;
    status_->setText(tr("member %1 alone · epoch %2/%3 · batch %4/%5 · %6 samples/s · loss %7")
                         .arg(names_.value(run_->settings().member))
                         .arg(p.epoch + 1)
                         .arg(p.epochs)
                         .arg(p.batch)
                         .arg(p.batchesPerEpoch)
                         .arg(p.samplesPerSecond, 0, 'f', 0)
                         .arg(p.losses.empty() ? 0.0 : double(p.losses.front()), 0, 'g', 4));
}

void MemberAloneBox::togglePause()
{
    if (phase_ != Phase::Training)
        return;
    if (adapter_->playing())
        adapter_->pause();
    else
        adapter_->play();
    updateButtons();
}

void MemberAloneBox::cancel()
{
    if (phase_ != Phase::Training && phase_ != Phase::Scoring)
        return; // see updateButtons()
    cancelled_ = true;
    adapter_->reset(); // cancels and joins the member's Trainer
    preparer_->discardRunning();
    scorer_->discardRunning();
    run_.reset(); // the trained copy goes; the task's set was never written
    const auto hashes = task_ ? latentset::MemberAloneTraining::hashes(task_->set()) : std::vector<std::uint64_t>();
    const bool same = !result_.hashBefore.empty() && hashes == result_.hashBefore;
    finish(tr("Cancelled: the set is unchanged%1.").arg(same ? tr(" (every member's hash as before)") : QString()));
    emit ended();
}

void MemberAloneBox::abandon()
{
    // The panel drops its task (Reset, File > Open): whatever runs here is
    // for a set no one trains any more. Jobs still under way keep the old
    // task alive and only read it.
    if (busy()) {
        adapter_->reset();
        preparer_->discardRunning();
        scorer_->discardRunning();
        run_.reset();
        finish(tr("Stopped: the training was reset or replaced."));
        emit ended();
    }
    task_.reset();
    data_.reset();
}

void MemberAloneBox::onFinished(latentset::TrainerState state, const QString& message)
{
    if (phase_ != Phase::Training)
        return;
    if (state == latentset::TrainerState::Finished && run_ && run_->trained()) {
        trainingDone_ = true;
        progress_->setValue(1000);
        scoreAfter();
        return;
    }
    if (state == latentset::TrainerState::Cancelled)
        return; // cancel() did the rest
    adapter_->reset();
    run_.reset();
    finish(tr("Training the member stopped: %1. The set is unchanged.")
               .arg(message.isEmpty() ? tr("a non-finite loss") : message));
    emit ended();
}

void MemberAloneBox::scoreAfter()
{
    adapter_->reset(); // the run ended: join its thread before reading the copy
    setPhase(Phase::Scoring);
    status_->setText(tr("scoring the set before and after on %1 images…").arg(scoredSplit(*data_).size()));
    const auto run = run_;
    const auto data = data_;
    // Queued behind the score before (EveryJob): both are done when this returns.
    scorer_->submit([this, run, data]() -> JobRunner::Continuation {
        latentset::ThreadPool pool;
        run->scoreAfter(scoredSplit(*data), &pool);
        return [this, run] {
            if (phase_ == Phase::Scoring && run == run_)
                install();
        };
    });
}

void MemberAloneBox::install()
{
    setPhase(Phase::Installing);
    if (canWrite_ && !canWrite_()) {
        // A save is reading the task's state: install when it is done.
        QTimer::singleShot(200, this, [this] {
            if (phase_ == Phase::Installing)
                install();
        });
        return;
    }
    run_->install(task_->set()); // a move: the copy becomes the member
    const auto run = run_;
    const auto task = task_;
    scorer_->submit([this, run, task]() -> JobRunner::Continuation {
        run->hashAfter(task->set());
        auto now = std::make_shared<const latentset::AutoencoderSet>(task->set().inferenceCopy());
        return [this, run, now] {
            result_ = run->result();
            result_.trainSeconds = trainSeconds_;
            run_.reset();
            showResult();
            finish(tr("Member %1 trained alone for %2 epoch(s) (%3 steps, %4 s): %5; accuracy %6 % -> %7 %.")
                       .arg(names_.value(result_.member))
                       .arg(result_.epochs)
                       .arg(result_.steps)
                       .arg(result_.trainSeconds, 0, 'f', 1)
                       .arg(result_.othersUnchanged() ? tr("every other member bit-identical")
                                                      : tr("ANOTHER MEMBER CHANGED"))
                       .arg(percent(result_.overallBefore), percent(result_.overallAfter)));
            emit trained(now);
        };
    });
}

void MemberAloneBox::finish(const QString& status)
{
    status_->setText(status);
    setPhase(Phase::Idle);
}

void MemberAloneBox::showResult()
{
    const int classes = int(result_.hashBefore.size());
    table_->setRowCount(classes);
    QFont mono("monospace");
    mono.setStyleHint(QFont::Monospace);
    for (int c = 0; c < classes; ++c) {
        const bool trained = c == result_.member;
        const double before = result_.accuracyBefore.empty() ? -1 : result_.accuracyBefore[std::size_t(c)];
        const double after = result_.accuracyAfter.empty() ? -1 : result_.accuracyAfter[std::size_t(c)];
        const bool same = result_.hashAfter.size() == result_.hashBefore.size()
                          && result_.hashAfter[std::size_t(c)] == result_.hashBefore[std::size_t(c)];
        table_->setItem(c, 0, cell(names_.value(c, QString::number(c)), Qt::AlignCenter));
        table_->setItem(c, 1, cell(percent(before)));
        table_->setItem(c, 2, cell(percent(after)));
        for (int k : {0, 1}) {
            const auto& hashes = k == 0 ? result_.hashBefore : result_.hashAfter;
            auto* h = cell(hashes.empty() ? QString() : QString::fromStdString(latentset::MemberHash::hex(hashes[std::size_t(c)])),
                           Qt::AlignCenter);
            h->setFont(mono);
            table_->setItem(c, 3 + k, h);
        }
        auto* bits = cell(same ? tr("identical") : tr("changed"), Qt::AlignCenter);
        bits->setForeground(same ? QColor(0, 110, 60) : QColor(180, 80, 0));
        table_->setItem(c, 5, bits);
        if (trained) {
            for (int k = 0; k < 6; ++k) {
                QFont f = table_->item(c, k)->font();
                f.setBold(true);
                table_->item(c, k)->setFont(f);
            }
        }
    }
    table_->setRowCount(classes + 1);
    table_->setItem(classes, 0, cell(tr("all"), Qt::AlignCenter));
    table_->setItem(classes, 1, cell(percent(result_.overallBefore)));
    table_->setItem(classes, 2, cell(percent(result_.overallAfter)));
    table_->setItem(classes, 5, cell(tr("%1 images").arg(result_.scoredImages), Qt::AlignCenter));
}
