#include "views/PadView.h"

#include "widgets/ClassScoreBars.h"
#include "widgets/ColorMapView.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "image/GlyphIdxFile.h"
#include "widgets/GlyphPad.h"
#include "widgets/GlyphPicker.h"
#include "image/ImageConvert.h"
#include "async/JobRunner.h"
#include "widgets/PlotView.h"
#include "session/Session.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/concept/OneShotTest.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/nn/SetClassifier.h"

#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

// The layout is built top to bottom, as the view reads (drawing, class
// scores, one-shot), with each control's tooltip beside it.
PadView::PadView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    classRunner_ = new JobRunner(this, this);
    oneShotRunner_ = new JobRunner(this, this);
    auto* outer = new QHBoxLayout(this);
    outer->addWidget(buildDrawBox(), 3);
    outer->addLayout(buildScoresColumn(), 2);
    outer->addWidget(buildOneShotBox(), 4);

    connect(pad_, &GlyphPad::glyphChanged, this, &PadView::updateClassScores);
    connect(session_, &Session::classSetChanged, this, &PadView::updateClassScores);
    histogram_->hide();

    connect(classRunner_, &JobRunner::failed, this, [this](const QString& m) { bars_->setTitle(tr("Error: %1").arg(m)); });
    updateClassScores();
}

// The pad, its brush and undo/clear, and what to do with the glyph (keep, PNG, IDX).
QGroupBox* PadView::buildDrawBox()
{
    auto* drawBox = new QGroupBox(tr("Draw a glyph"));
    auto* draw = new QVBoxLayout(drawBox);
    pad_ = new GlyphPad;
    pad_->setMinimumSize(280, 280);
    draw->addWidget(pad_, 1);
    auto* tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Brush")));
    brush_ = new QSlider(Qt::Horizontal);
    brush_->setAccessibleName(tr("Brush size"));
    brush_->setRange(6, 40);
    brush_->setValue(int(pad_->brushSize()));
    brush_->setToolTip(tr("Width of the pen in pixels of the 280×280 pad (the glyph is normalised to 28×28 "
                          "like MNIST afterwards)."));
    tools->addWidget(brush_, 1);
    auto* undo = new QPushButton(tr("Undo"));
    undo->setAccessibleName(tr("Undo the last stroke"));
    undo->setShortcut(QKeySequence::Undo);
    auto* clear = new QPushButton(tr("Clear"));
    clear->setAccessibleName(tr("Clear the pad"));
    tools->addWidget(undo);
    tools->addWidget(clear);
    draw->addLayout(tools);
    auto* keep = new QHBoxLayout;
    name_ = new QLineEdit("A");
    name_->setAccessibleName(tr("Name of the drawn glyph"));
    name_->setMaximumWidth(90);
    name_->setToolTip(tr("Name under which Keep adds the glyph to the session (it then appears in every "
                         "glyph picker as a drawn glyph)."));
    auto* keepButton = new QPushButton(tr("Keep"));
    keepButton->setAccessibleName(tr("Keep the drawn glyph in the session"));
    keepButton->setToolTip(tr("Adds the glyph to the session's drawn glyphs (one-shot pickers, cube faces)."));
    auto* png = new QPushButton(tr("PNG…"));
    png->setAccessibleName(tr("Save the normalised glyph as PNG"));
    png->setToolTip(tr("Saves the normalised 28×28 glyph as a PNG image."));
    auto* idx = new QPushButton(tr("Append to IDX…"));
    idx->setAccessibleName(tr("Append the normalised glyph to an IDX file"));
    idx->setToolTip(tr("Appends the normalised glyph to an IDX3 image file (MNIST's format), creating it if "
                       "needed: a dataset of your own glyphs."));
    keep->addWidget(name_);
    keep->addWidget(keepButton);
    keep->addWidget(png);
    keep->addWidget(idx);
    draw->addLayout(keep);
    connect(brush_, &QSlider::valueChanged, pad_, [this](int v) { pad_->setBrushSize(v); });
    connect(undo, &QPushButton::clicked, pad_, &GlyphPad::undo);
    connect(clear, &QPushButton::clicked, pad_, &GlyphPad::clear);
    connect(keepButton, &QPushButton::clicked, this, &PadView::keepGlyph);
    connect(png, &QPushButton::clicked, this, &PadView::saveGlyphPng);
    connect(idx, &QPushButton::clicked, this, &PadView::appendGlyphIdx);
    return drawBox;
}

// The normalised 28x28 glyph and its live class scores.
QVBoxLayout* PadView::buildScoresColumn()
{
    auto* middle = new QVBoxLayout;
    middle->addWidget(new QLabel(tr("<b>Normalised 28×28</b> (as MNIST)")));
    normalised_ = new QLabel;
    normalised_->setFixedSize(112, 112);
    normalised_->setFrameShape(QFrame::Box);
    normalised_->setAccessibleName(tr("Normalised glyph"));
    normalised_->setToolTip(tr("The drawing as the members see it: cropped, scaled into 20×20 and centred by "
                               "its centre of mass in 28×28, as MNIST's digits are."));
    middle->addWidget(normalised_);
    bars_ = new ClassScoreBars(tr("Class scores (−reconstruction loss)"));
    bars_->setMinimumWidth(260);
    middle->addWidget(bars_, 1);
    auto* noClasses = new QLabel(tr("Live class scores appear here when the session has a class set "
                                    "(Training, or a project with one)."));
    noClasses->setWordWrap(true);
    noClasses->setMaximumWidth(260);
    noClasses->setObjectName("noClassesHint");
    middle->addWidget(noClasses);
    middle->addStretch();
    return middle;
}

// Glyphs A and B, the source context, Run, the score, the margin map and the histogram.
QGroupBox* PadView::buildOneShotBox()
{
    auto* shotBox = new QGroupBox(tr("One-shot test (cube world)"));
    auto* shot = new QVBoxLayout(shotBox);
    pickerA_ = new GlyphPicker(session_);
    pickerB_ = new GlyphPicker(session_);
    pickerA_->select("builtin", "V");
    pickerB_->select("builtin", "plus");
    pickerA_->setToolTip(tr("Glyph A: shown once, in the source context only (the paper's V)."));
    pickerB_->setToolTip(tr("Glyph B: shown once, in the source context only (the paper's +)."));
    auto* rowA = new QHBoxLayout;
    rowA->addWidget(new QLabel(tr("Glyph A")));
    rowA->addWidget(pickerA_, 1);
    auto* rowB = new QHBoxLayout;
    rowB->addWidget(new QLabel(tr("Glyph B")));
    rowB->addWidget(pickerB_, 1);
    shot->addLayout(rowA);
    shot->addLayout(rowB);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel(tr("Shown once in context")));
    source_ = new QSpinBox;
    source_->setAccessibleName(tr("Source context"));
    source_->setRange(0, 99);
    source_->setValue(10);
    source_->setToolTip(tr("The context in which A and B are shown once. Their two codes there define the "
                           "hyperplane that must separate A and B in every other context."));
    runRow->addWidget(source_);
    auto* run = new QPushButton(tr("Run"));
    run->setAccessibleName(tr("Run the one-shot test"));
    run->setDefault(true);
    run->setToolTip(tr("Runs the one-shot test on the session's cube world (members are not retrained). "
                       "It re-runs by itself when A, B, the source context or the world change."));
    runRow->addWidget(run);
    runRow->addStretch();
    shot->addLayout(runRow);
    scoreLabel_ = new QLabel(tr("Score: –"));
    scoreLabel_->setWordWrap(true);
    scoreLabel_->setAccessibleName(tr("One-shot score"));
    shot->addWidget(scoreLabel_);
    resultMap_ = new ColorMapView;
    resultMap_->setTitle(tr("Margin per context (> 0: A and B both separated)"));
    resultMap_->setScaleLabel(tr("margin"));
    resultMap_->setAccessibleName(tr("One-shot result map"));
    resultMap_->setPlaceholderText(tr("Run the test: each of the contexts gets a cell, coloured by how far A and B "
                                      "fall on their own sides of the hyperplane.\n\nNeeds a cube world "
                                      "(Start → Cube world, or open a project)."));
    shot->addWidget(resultMap_, 3);
    histogram_ = new PlotView;
    histogram_->setTitle(tr("Code distances"));
    histogram_->setAxisLabels(tr("distance"), tr("contexts"));
    histogram_->setLegendVisible(true);
    resultMap_->setFigureInfo([this] { return figureInfo(tr("One-shot margin per context")); });
    histogram_->setFigureInfo([this] { return figureInfo(tr("One-shot code distances")); });
    bars_->setFigureInfo([this] { return figureInfo(tr("Class scores of the drawn glyph")); });
    shot->addWidget(histogram_, 2);
    connectOneShot(run);
    return shotBox;
}

PadView::~PadView() = default;

void PadView::connectOneShot(QPushButton* run)
{
    connect(run, &QPushButton::clicked, this, &PadView::runOneShot);
    connect(session_, &Session::cubeWorldChanged, this, [this] {
        if (const auto c = session_->cubeContexts())
            source_->setRange(0, c->size() - 1);
        // The paper's experiment at once (V vs + in context 10) when a world
        // arrives; no world: no result of the previous one left standing.
        if (session_->hasCubeWorld())
            runOneShot();
        else
            clearOneShot(tr("No cube world in this session: train one (Start → Cube world) or open a project."));
    });
    // A result is of its inputs: when A, B or the source change, it is marked
    // out of date at once and computed again (before, the text read "V vs plus"
    // after A had become a triangle).
    const auto inputsChanged = [this] {
        if (session_->hasCubeWorld() && score_ >= 0)
            runOneShot();
    };
    connect(pickerA_, &GlyphPicker::glyphChanged, this, inputsChanged);
    connect(pickerB_, &GlyphPicker::glyphChanged, this, inputsChanged);
    connect(source_, &QSpinBox::valueChanged, this, inputsChanged);
    connect(oneShotRunner_, &JobRunner::failed, this,
            [this](const QString& m) { clearOneShot(tr("Error: %1").arg(m)); });
}

PlotView* PadView::classBars() const { return bars_; }

void PadView::setSourceContext(int context) { source_->setValue(context); }

QString PadView::scoreText() const { return QTextDocumentFragment::fromHtml(scoreLabel_->text()).toPlainText(); }

void PadView::updateClassScores()
{
    const latentset::Vector glyph = pad_->glyph();
    normalised_->setPixmap(ImageConvert::pixmap(ImageConvert::toImage(glyph, 28, 28), 112));
    const auto set = session_->classSet();
    if (auto* hint = findChild<QLabel*>("noClassesHint"))
        hint->setVisible(!set);
    const int generation = ++classGeneration_;
    if (!set || glyph.size() == 0 || set->config().inputSize != glyph.size()) {
        // No scores of an earlier drawing beside an empty pad.
        classScores_ = latentset::Vector();
        bars_->clearScores();
        bars_->setVisible(bool(set));
        return;
    }
    bars_->setVisible(true);
    classRunner_->submit([this, set, glyph, generation]() -> JobRunner::Continuation {
        const latentset::Vector scores = -latentset::SetClassifier(set).errors(glyph).col(0);
        return [this, scores, generation] {
            if (generation != classGeneration_)
                return; // the pad or the set changed meanwhile; a newer job follows
            classScores_ = scores;
            bars_->setScores(scores, session_->classNames());
        };
    });
}

void PadView::runOneShot()
{
    const auto members = session_->cubeMembers();
    const auto contexts = session_->cubeContexts();
    if (!members || !contexts) {
        clearOneShot(tr("No cube world in this session: train one (Start → Cube world) or open a project."));
        return;
    }
    const latentset::Vector a = pickerA_->glyph(), b = pickerB_->glyph();
    const int source = source_->value();
    const QString names = QString("%1 vs %2").arg(pickerA_->glyphName(), pickerB_->glyphName());
    const int generation = ++oneShotGeneration_;
    if (a.size() == 0 || b.size() == 0) {
        clearOneShot(tr("Pick two glyphs A and B."));
        return;
    }
    // Until the new result is in, the old one says it is out of date.
    scoreLabel_->setText(tr("Running %1 in context %2 over %3 contexts…").arg(names).arg(source).arg(contexts->size()));
    if (!resultMap_->isEmpty()) {
        resultMap_->setTitle(tr("Margin per context — out of date (previous inputs), updating…"));
        histogram_->setTitle(tr("Code distances — out of date, updating…"));
    }
    oneShotRunner_->submit([this, members, contexts, a, b, source, names, generation]() -> JobRunner::Continuation {
        const latentset::CubeWorldView world(*members, *contexts);
        const latentset::OneShotResult r = latentset::OneShotTest(world).run(a, b, source);
        const int cols = contexts->gridColumns();
        return [this, r, cols, names, contexts, generation] {
            if (generation != oneShotGeneration_)
                return; // inputs changed while it ran: the newer run's result follows
            showOneShotResult(r, names, *contexts, cols);
        };
    });
}

// A finished one-shot run: the score and its inputs, the margin map, the histogram.
void PadView::showOneShotResult(const latentset::OneShotResult& r, const QString& names,
                                const latentset::CubeContexts& contexts, int cols)
{
    score_ = r.score;
    contexts_ = r.contexts;
    resultInputs_ = names;
    resultMap_->show();
    histogram_->show();
    resultMap_->setTitle(tr("Margin per context (> 0: A and B both separated)"));
    histogram_->setTitle(tr("Code distances"));
    scoreLabel_->setText(tr("<b>Score %1 / %2</b> (%3, shown in context %8) — A right in %4, B right in %5. "
                            "Same glyph, other context: mean distance %6; other glyph, same context: %7.")
                             .arg(r.score)
                             .arg(r.contexts)
                             .arg(names)
                             .arg(r.correctA)
                             .arg(r.correctB)
                             .arg(r.meanSameGlyphDistance(), 0, 'f', 2)
                             .arg(r.otherGlyphDistance, 0, 'f', 2)
                             .arg(r.source)
                         + failedContextsText(r, contexts));
    drawMarginMap(r, cols);
    drawDistanceHistogram(r);
}

void PadView::drawMarginMap(const latentset::OneShotResult& r, int cols)
{
    // Margin per context: both signed distances on the right side
    // (A negative, B positive) -> the smaller of the two, > 0.
    const int n = int(r.distanceA.size());
    const int rows = (n + cols - 1) / cols;
    QVector<double> v(rows * cols, std::numeric_limits<double>::quiet_NaN());
    double reach = 0;
    for (int c = 0; c < n; ++c) {
        v[c] = std::min(-double(r.distanceA[c]), double(r.distanceB[c]));
        reach = std::max(reach, std::abs(v[c]));
    }
    // Symmetric range so 0 sits mid-palette.
    resultMap_->setDataRange(-reach, reach);
    resultMap_->setGrid(cols, rows, v);
}

void PadView::drawDistanceHistogram(const latentset::OneShotResult& r)
{
    // Histogram of same-glyph distances (c != source) with the
    // other-glyph distance as a reference line.
    QVector<double> same;
    for (int c = 0; c < r.sameGlyphDistance.size(); ++c)
        if (c != r.source)
            same << r.sameGlyphDistance[c];
    const double top = std::max(r.otherGlyphDistance, same.isEmpty() ? 1.0 : *std::max_element(same.begin(), same.end())) * 1.05;
    const int bins = 20;
    QVector<double> x(bins), y(bins, 0.0);
    for (int i = 0; i < bins; ++i)
        x[i] = (i + 0.5) * top / bins;
    for (double d : same)
        y[std::clamp(int(d / top * bins), 0, bins - 1)] += 1;
    histogram_->removeAllSeries();
    const int s0 = histogram_->addSeries(tr("|z_A(s) − z_A(c)|, c ≠ s"), ColorMapView::paletteColor(0.3), PlotView::Kind::Bars);
    histogram_->setBarSlotWidth(top / bins);
    histogram_->setSeries(s0, x, y);
    const int s1 = histogram_->addSeries(tr("|z_A(s) − z_B(s)|"), QColor(220, 80, 40), PlotView::Kind::Line, Qt::DashLine);
    const double peak = std::max(1.0, *std::max_element(y.begin(), y.end()));
    histogram_->setSeries(s1, {r.otherGlyphDistance, r.otherGlyphDistance}, {0.0, peak});
    histogram_->replotNow();
}

void PadView::keepGlyph()
{
    const latentset::Vector glyph = pad_->glyph();
    if (glyph.size() == 0)
        return;
    QString name = name_->text().trimmed();
    if (name.isEmpty())
        name = tr("drawn %1").arg(session_->drawnGlyphs().size() + 1);
    session_->addDrawnGlyph(name, glyph);
}

void PadView::saveGlyphPng()
{
    const latentset::Vector glyph = pad_->glyph();
    if (glyph.size() == 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save glyph as PNG"), name_->text() + ".png", tr("PNG images (*.png)"));
    FigureInfo info;
    info.title = tr("Drawn glyph \"%1\"").arg(name_->text());
    info.caption = tr("A glyph drawn on the pad, normalised to 28×28 like MNIST (white ink on black).");
    if (!path.isEmpty() && !PlotFigure::writePng(ImageConvert::toImage(glyph, 28, 28), path, info))
        QMessageBox::warning(this, tr("Save glyph"), tr("%1: cannot write the PNG.").arg(path));
}

void PadView::appendGlyphIdx()
{
    const latentset::Vector glyph = pad_->glyph();
    if (glyph.size() == 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Append glyph to IDX file"), "glyphs-idx3-ubyte", {}, nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    QString error;
    if (!path.isEmpty() && !GlyphIdxFile::append(path, glyph, 28, 28, &error))
        QMessageBox::warning(this, tr("Append glyph"), error);
}

bool PadView::exportPng(const QString& path) { return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("Pad view"))); }

FigureInfo PadView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = scoreText();
    info.model = ModelSummary::all(*session_);
    info.settings = tr("glyph A: %1; glyph B: %2; source context: %3; drawn glyph: %4")
                        .arg(pickerA_->glyphName(), pickerB_->glyphName())
                        .arg(source_->value())
                        .arg(pad_->isEmpty() ? tr("none") : name_->text());
    return info;
}

QString PadView::failedContextsText(const latentset::OneShotResult& r, const latentset::CubeContexts& contexts)
{
    // The contexts where A or B fell on the wrong side: by index and name, the
    // first kListed in the text (all of them in failedContexts()).
    constexpr int kListed = 12;
    QStringList failed;
    failedContexts_.clear();
    for (int c = 0; c < int(r.distanceA.size()) && c < int(r.distanceB.size()); ++c)
        if (!(r.distanceA[c] < 0 && r.distanceB[c] > 0)) {
            failedContexts_ << c;
            if (failed.size() < kListed)
                failed << QString("%1 (%2)").arg(c).arg(QString::fromStdString(contexts.name(c)));
        }
    if (failedContexts_.isEmpty())
        return tr("<br>No context failed.");
    QString text = tr("<br>Failed in %n context(s): ", nullptr, int(failedContexts_.size())) + failed.join(", ");
    if (failedContexts_.size() > kListed)
        text += tr(" and %1 more (the cells below 0 on the map)").arg(failedContexts_.size() - kListed);
    return text;
}

void PadView::clearOneShot(const QString& why)
{
    ++oneShotGeneration_; // a run under way no longer shows its result
    score_ = contexts_ = -1;
    failedContexts_.clear();
    resultInputs_.clear();
    resultMap_->clear();
    histogram_->removeAllSeries();
    histogram_->hide();
    resultMap_->setTitle(tr("Margin per context (> 0: A and B both separated)"));
    scoreLabel_->setText(why);
}

QJsonObject PadView::viewState() const
{
    return {{"glyphA", pickerA_->viewState()}, {"glyphB", pickerB_->viewState()}, {"source", source_->value()},
            {"score", score_}, {"contexts", contexts_}};
}

void PadView::restoreViewState(const QJsonObject& state)
{
    pickerA_->restoreViewState(state.value("glyphA").toObject());
    pickerB_->restoreViewState(state.value("glyphB").toObject());
    if (state.contains("source"))
        setSourceContext(state.value("source").toInt());
    if (state.value("score").toInt(-1) >= 0 && session_->cubeMembers())
        runOneShot();
}
