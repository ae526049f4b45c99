#include "views/LatentMapView.h"

#include "async/JobRunner.h"
#include "session/Session.h"
#include "session/SessionWorld.h"
#include "widgets/LatentMapCanvas.h"

#include "latentset/cube/CubeDataset.h"
#include "latentset/experiments/LatentMapExperiment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

using namespace latentset;

namespace {

// The experiment's t-SNE progress as queued calls into the view (the run is
// on a worker; the view may be gone by the time a report arrives).
class QueuedProgress : public ExperimentObserver {
public:
    using Report = std::function<void(int, int, double)>;
    QueuedProgress(QPointer<QObject> target, Report report) : target_(std::move(target)), report_(std::move(report)) {}
    void stageReached(const std::string& stage) override
    {
        if (stage == "neighbours" || stage == "affinities")
            post(0, stage == "neighbours" ? -1 : -2, 0);
    }
    void progress(const std::string&, const TrainerProgress& p) override
    {
        post(int(p.epoch), int(p.epochs), p.losses.empty() ? 0.0 : double(p.losses.front()));
    }

private:
    void post(int iteration, int iterations, double kl)
    {
        // Posted to the application object, which outlives the view: the
        // view's pointer is only looked at on the GUI thread.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [target = target_, report = report_, iteration, iterations, kl] {
                if (target)
                    report(iteration, iterations, kl);
            },
            Qt::QueuedConnection);
    }
    QPointer<QObject> target_;
    Report report_;
};

} // namespace

LatentMapView::LatentMapView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    liveTimer_ = new QTimer(this);
    liveTimer_->setSingleShot(true);
    liveTimer_->setInterval(kLiveInterval);
    connect(liveTimer_, &QTimer::timeout, this, [this] {
        if (!live_->isChecked() || !isVisible())
            return;
        setSource(resultSource_);
        method_->setCurrentIndex(method_->findData("pca"));
        run();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    auto* body = new QHBoxLayout;
    canvas_ = new LatentMapCanvas(this);
    canvas_->setPlaceholder(tr("Choose the inputs and the projection above, then Run.\n"
                               "A trained class set (with its dataset), a cube world or a context world is needed."));
    body->addWidget(canvas_, 1);
    body->addWidget(buildSidePanel());
    layout->addLayout(body, 1);
    ratio_ = new QLabel(this);
    ratio_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(ratio_);
    layout->addWidget(status_);

    connect(runner_, &JobRunner::failed, this, [this](const QString& message) {
        status_->setText(tr("Latent map failed: %1").arg(message));
        run_->setEnabled(true);
        cancel_->setEnabled(false);
        progress_->hide();
    });
    connect(canvas_, &LatentMapCanvas::hovered, this, [this](int point, QPoint) { showHover(point); });
    connect(canvas_, &LatentMapCanvas::selectionChanged, this, [this](const QVector<int>& points) {
        const QVector<int> inputs = selectedInputs();
        selectionText_->setText(points.isEmpty() ? tr("Nothing selected: drag on the map.")
                                                 : tr("%1 points selected (%2 inputs).").arg(points.size()).arg(inputs.size()));
    });
    connect(session_, &Session::classSetChanged, this, [this] { modelChanged("class-set"); });
    connect(session_, &Session::cubeWorldChanged, this, [this] { modelChanged("cube"); });
    connect(session_, &Session::worldChanged, this, [this] { modelChanged("world"); });
    connect(session_, &Session::samplesChanged, this, [this] { modelChanged(QString()); });
    updateSources();
}

LatentMapView::~LatentMapView()
{
    // Stop a t-SNE run at its next iteration: the runner's destructor waits for it.
    if (stop_)
        stop_->request_stop();
}

QWidget* LatentMapView::buildControls()
{
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    source_ = new QComboBox(box);
    source_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    method_ = new QComboBox(box);
    method_->addItem(tr("PCA (exact)"), "pca");
    method_->addItem(tr("t-SNE"), "tsne");
    const LatentMapSettings defaults;
    points_ = new QSpinBox(box);
    points_->setRange(4, LatentMapSettings::kMaxPoints);
    points_->setValue(defaults.points);
    points_->setToolTip(tr("At most this many points; a world: points / contexts items in every context."));
    perplexity_ = new QDoubleSpinBox(box);
    perplexity_->setRange(2, 200);
    perplexity_->setValue(defaults.tsne.perplexity);
    iterations_ = new QSpinBox(box);
    iterations_->setRange(1, 100000);
    iterations_->setValue(defaults.tsne.iterations);
    member_ = new QComboBox(box);
    member_->setToolTip(tr("Class sets: which member encodes each image (their latent spaces are not shared)."));
    run_ = new QPushButton(tr("Run"), box);
    cancel_ = new QPushButton(tr("Cancel"), box);
    cancel_->setEnabled(false);
    progress_ = new QProgressBar(box);
    progress_->hide();
    for (auto [label, widget] : {std::pair<QString, QWidget*>{tr("Inputs"), source_}, {tr("Member"), member_},
                                 {tr("Projection"), method_}, {tr("Points"), points_},
                                 {tr("Perplexity"), perplexity_}, {tr("Iterations"), iterations_}}) {
        row->addWidget(new QLabel(label, box));
        row->addWidget(widget);
    }
    row->addWidget(run_);
    row->addWidget(cancel_);
    row->addWidget(progress_, 1);
    const auto methodChanged = [this] {
        const bool tsne = method_->currentData().toString() == "tsne";
        perplexity_->setEnabled(tsne);
        iterations_->setEnabled(tsne);
    };
    connect(method_, &QComboBox::currentIndexChanged, this, methodChanged);
    methodChanged();
    connect(source_, &QComboBox::currentIndexChanged, this, [this] { member_->setEnabled(source() == "class-set"); });
    connect(run_, &QPushButton::clicked, this, &LatentMapView::run);
    connect(cancel_, &QPushButton::clicked, this, &LatentMapView::cancel);
    return box;
}

QWidget* LatentMapView::buildSidePanel()
{
    auto* panel = new QWidget(this);
    panel->setFixedWidth(260);
    auto* column = new QVBoxLayout(panel);
    auto* show = new QGroupBox(tr("Show"), panel);
    auto* form = new QFormLayout(show);
    colour_ = new QComboBox(show);
    colour_->addItem(tr("class"), "class");
    colour_->addItem(tr("context (member)"), "context");
    colour_->addItem(tr("item"), "item");
    selectMode_ = new QComboBox(show);
    selectMode_->addItem(tr("rectangle"));
    selectMode_->addItem(tr("lasso"));
    form->addRow(tr("Colour by"), colour_);
    form->addRow(tr("Select by"), selectMode_);
    column->addWidget(show);
    auto* live = new QGroupBox(tr("Live"), panel);
    auto* liveForm = new QFormLayout(live);
    live_ = new QCheckBox(tr("Follow training"), live);
    live_->setToolTip(tr("Re-run a PCA map on every new snapshot of the model while it trains."));
    basis_ = new QComboBox(live);
    basis_->addItem(tr("fixed (first map's)"));
    basis_->addItem(tr("refitted each time"));
    liveForm->addRow(live_);
    liveForm->addRow(tr("PCA basis"), basis_);
    column->addWidget(live);
    thumbnail_ = new QLabel(panel);
    thumbnail_->setFixedSize(160, 160);
    thumbnail_->setAlignment(Qt::AlignCenter);
    thumbnail_->setFrameShape(QFrame::StyledPanel);
    hoverText_ = new QLabel(tr("Hover a point to see its input."), panel);
    hoverText_->setObjectName("hover");
    hoverText_->setWordWrap(true);
    column->addWidget(thumbnail_, 0, Qt::AlignHCenter);
    column->addWidget(hoverText_);
    selectionText_ = new QLabel(tr("Nothing selected: drag on the map."), panel);
    selectionText_->setWordWrap(true);
    column->addWidget(selectionText_);
    auto* sendRow = new QHBoxLayout;
    sendRow->addWidget(new QLabel(tr("Send to"), panel));
    for (auto [name, text] : {std::pair<QString, QString>{"gallery", tr("Gallery")}, {"heatmap", tr("Heatmap")},
                              {"pad", tr("Pad")}}) {
        auto* button = new QPushButton(text, panel);
        button->setObjectName("send-" + name);
        connect(button, &QPushButton::clicked, this, [this, name = name] { send(name); });
        sendRow->addWidget(button);
    }
    column->addLayout(sendRow);
    auto* exportRow = new QHBoxLayout;
    for (auto [kind, text] : {std::pair<QString, QString>{"png", "PNG…"}, {"svg", "SVG…"}, {"csv", "CSV…"}}) {
        auto* button = new QPushButton(text, panel);
        connect(button, &QPushButton::clicked, this, [this, kind = kind] { exportWithDialog(kind); });
        exportRow->addWidget(button);
    }
    column->addWidget(new QLabel(tr("Export"), panel));
    column->addLayout(exportRow);
    column->addStretch(1);
    connect(colour_, &QComboBox::currentIndexChanged, this, &LatentMapView::rebuildScatter);
    // A new live run fixes its basis from its first map.
    connect(live_, &QCheckBox::toggled, this, [this] { liveBasis_.reset(); });
    connect(basis_, &QComboBox::currentIndexChanged, this, [this] { liveBasis_.reset(); });
    connect(selectMode_, &QComboBox::currentIndexChanged, this, [this](int i) {
        canvas_->setSelectionMode(i == 0 ? LatentMapCanvas::SelectionMode::Rectangle : LatentMapCanvas::SelectionMode::Lasso);
    });
    return panel;
}

void LatentMapView::updateSources()
{
    const QString current = source();
    source_->clear();
    if (session_->classSet() && session_->samples())
        source_->addItem(tr("class set: test images"), "class-set");
    if (session_->hasCubeWorld() && session_->samples())
        source_->addItem(tr("cube world: items x contexts"), "cube");
    if (const auto world = session_->world(); world && world->members && world->test)
        source_->addItem(tr("context world (%1): held-out items x contexts").arg(QString::fromStdString(world->spec.kind)),
                         "world");
    const int keep = source_->findData(current);
    if (keep >= 0)
        source_->setCurrentIndex(keep);
    member_->clear();
    member_->addItem(tr("the best one"), -1);
    if (const auto set = session_->classSet())
        for (int m = 0; m < set->size(); ++m)
            member_->addItem(QString::fromStdString(set->memberName(m)), m);
    member_->setEnabled(source() == "class-set");
    run_->setEnabled(source_->count() > 0 && !running());
    if (source_->count() > 0 && !result_ && !running())
        status_->setText(tr("Ready: Run maps the codes."));
    if (source_->count() == 0)
        status_->setText(tr("No model to map yet: train a class set or a cube world (Training view), or open a project; "
                            "the dataset's test images are the inputs."));
}

QString LatentMapView::source() const { return source_->currentData().toString(); }

bool LatentMapView::setSource(const QString& source)
{
    const int i = source_->findData(source);
    if (i >= 0)
        source_->setCurrentIndex(i);
    return i >= 0;
}

void LatentMapView::setColourBy(const QString& by)
{
    const int i = colour_->findData(by);
    if (i >= 0)
        colour_->setCurrentIndex(i);
}

void LatentMapView::setLive(bool follow, bool fixedBasis)
{
    live_->setChecked(follow);
    basis_->setCurrentIndex(fixedBasis ? 0 : 1);
}

LatentMapSettings LatentMapView::settings() const
{
    LatentMapSettings s;
    s.method = method_->currentData().toString().toStdString();
    s.points = points_->value();
    s.member = member_->currentData().isValid() ? member_->currentData().toInt() : -1;
    s.tsne.perplexity = perplexity_->value();
    s.tsne.iterations = iterations_->value();
    s.tsne.exaggerationIterations = std::min(s.tsne.exaggerationIterations, s.tsne.iterations);
    return s;
}

void LatentMapView::setSettings(const LatentMapSettings& s)
{
    method_->setCurrentIndex(std::max(0, method_->findData(QString::fromStdString(s.method))));
    points_->setValue(s.points);
    member_->setCurrentIndex(std::max(0, member_->findData(s.member)));
    perplexity_->setValue(s.tsne.perplexity);
    iterations_->setValue(s.tsne.iterations);
}

bool LatentMapView::running() const { return runner_->busy(); }

void LatentMapView::run()
{
    const QString from = source();
    const auto samples = session_->samples();
    const auto sessionWorld = session_->world();
    if (from.isEmpty() || (from == "world" ? !sessionWorld : !samples))
        return;
    const LatentMapSettings s = settings();
    const auto set = from == "world" ? sessionWorld->members : from == "cube" ? session_->cubeMembers() : session_->classSet();
    const auto contexts = session_->cubeContexts();
    const std::shared_ptr<const Pca> basis = live_->isChecked() && basis_->currentIndex() == 0 ? liveBasis_ : nullptr;
    if (stop_)
        stop_->request_stop();
    stop_ = std::make_shared<std::stop_source>();
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setRange(0, 0);
    progress_->show();
    status_->setText(tr("Encoding %1…").arg(from == "class-set" ? tr("the test images") : tr("the items in every context")));
    QPointer<QObject> self(this);
    auto report = [this](int iteration, int iterations, double kl) { showProgress(iteration, iterations, kl); };
    runner_->submit([this, from, samples, s, set, contexts, sessionWorld, basis, self, report,
                     stop = stop_]() -> JobRunner::Continuation {
        std::shared_ptr<const ContextWorld> world;
        std::unique_ptr<LatentMapExperiment> experiment;
        if (from == "world") { // the held-out items, as the world views evaluate
            world = sessionWorld->test;
            experiment = std::make_unique<LatentMapExperiment>(s, set, world);
        } else if (from == "cube") {
            world = std::make_shared<const CubeDataset>(contexts, *samples);
            experiment = std::make_unique<LatentMapExperiment>(s, set, world);
        } else {
            experiment = std::make_unique<LatentMapExperiment>(s, set, samples);
        }
        experiment->setBasis(basis);
        QueuedProgress progress(self, report);
        auto result = std::make_shared<const LatentMapResult>(experiment->run(&progress, stop->get_token()));
        return [this, result, world, from] {
            resultSource_ = from;
            showResult(result, world);
        };
    });
}

void LatentMapView::cancel()
{
    if (stop_)
        stop_->request_stop();
    status_->setText(tr("Stopping…"));
}

void LatentMapView::showProgress(int iteration, int iterations, double kl)
{
    if (!running())
        return; // a late report of a run already shown
    if (iterations == -1 || iterations == -2) {
        status_->setText(iterations == -1 ? tr("t-SNE: nearest neighbours…") : tr("t-SNE: affinities…"));
        return;
    }
    progress_->setRange(0, iterations);
    progress_->setValue(iteration);
    status_->setText(tr("t-SNE: iteration %1 of %2, KL %3").arg(iteration).arg(iterations).arg(kl, 0, 'f', 4));
}

void LatentMapView::showResult(std::shared_ptr<const LatentMapResult> result, std::shared_ptr<const ContextWorld> world)
{
    result_ = std::move(result);
    world_ = std::move(world);
    if (live_->isChecked() && !liveBasis_ && result_->basis)
        liveBasis_ = result_->basis;
    run_->setEnabled(source_->count() > 0);
    cancel_->setEnabled(false);
    progress_->hide();
    rebuildScatter();
    ratio_->setText(ratioText());
    const QString method = result_->method == "tsne" ? tr("t-SNE") : tr("PCA");
    QString text = tr("%1 of %2 codes (%3-dimensional) in %4 s; the codes in %5 s.")
                       .arg(method)
                       .arg(result_->codes.cols())
                       .arg(result_->codes.rows())
                       .arg(result_->seconds, 0, 'f', result_->seconds < 1 ? 3 : 1)
                       .arg(result_->encodeSeconds, 0, 'f', 2);
    if (result_->method == "tsne")
        text += tr(" %1 iterations, perplexity %2, KL %3.").arg(result_->iterations).arg(result_->perplexity).arg(result_->kl, 0, 'f', 4);
    if (result_->stopped)
        text += tr(" Stopped: the layout so far.");
    status_->setText(text);
    emit mapShown();
}

QString LatentMapView::ratioText() const
{
    if (!result_)
        return {};
    if (!result_->measured)
        return tr("Shared-latent check: not measured (fewer than two groups, or none seen twice).");
    const bool byItem = result_->spreadBy == "item";
    return tr("Within-%1 spread %2 / between-%1 distance %3 = <b>ratio %4</b> (%5 %6s%7; in the latent space "
              "itself; %8)")
        .arg(byItem ? tr("item") : tr("class"))
        .arg(result_->spread.within, 0, 'f', 3)
        .arg(result_->spread.between, 0, 'f', 3)
        .arg(result_->spread.ratio, 0, 'f', 3)
        .arg(result_->spread.items)
        .arg(byItem ? tr("item") : tr("classe"))
        .arg(byItem ? tr(" x %1 contexts").arg(result_->contexts) : QString())
        .arg(byItem ? tr("0 = one code per item in every context") : tr("0 = each class one code"));
}

void LatentMapView::modelChanged(const QString& source)
{
    updateSources();
    // The first map comes by itself when it is cheap (PCA) and the view is in sight.
    if (!result_ && !running() && isVisible() && method_->currentData().toString() == "pca" && !this->source().isEmpty()) {
        run();
        return;
    }
    if (!live_->isChecked() || !result_ || resultSource_ != source || result_->method != "pca")
        return;
    if (!isVisible()) {
        stale_ = true; // caught up when shown: a hidden map takes no core from the training
        return;
    }
    // Snapshots come every second while training; one map per kLiveInterval
    // of the newest (run() reads the session when the timer fires) keeps the
    // encoding (a class set: every member on every image) from taking a core
    // from the training it watches.
    if (!liveTimer_->isActive())
        liveTimer_->start();
}

void LatentMapView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!result_ && !running() && method_->currentData().toString() == "pca" && !source().isEmpty()) {
        run(); // the first map, PCA: a few milliseconds after the codes
        return;
    }
    if (stale_) {
        stale_ = false;
        setSource(resultSource_);
        run();
    }
}
