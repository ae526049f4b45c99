// CompareView: the pages, the projects' settings, curves, confusion matrices
// and cube context maps. Reading the runs is in CompareViewFiles.cpp, the
// world parts in CompareViewWorlds.cpp.
#include "project/CompareView.h"

#include "async/JobRunner.h"
#include "session/Session.h"
#include "widgets/ColorMapView.h"
#include "widgets/GlyphPicker.h"
#include "widgets/PlotFigure.h"
#include "widgets/PlotView.h"

#include "latentset/cube/CubeContexts.h"
#include "latentset/cube/CubeModel.h"
#include "latentset/data/Dataset.h"
#include "latentset/data/DatasetCatalog.h"
#include "latentset/nn/AutoencoderSet.h"
#include "latentset/util/JsonReader.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QTextStream>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <limits>

namespace {

const char* const kSideNames[] = {"A", "B"};
// Keys of a project's JSON that are not settings: the curves (drawn), the views' state, the drawn glyphs.
const std::vector<std::string> kNotSettings{"curves", "views", "glyphs", "drawnGlyphs", "view"};

QVector<double> toDoubles(const QJsonArray& a)
{
    QVector<double> v;
    v.reserve(a.size());
    for (const auto& e : a)
        v << e.toDouble();
    return v;
}

QVector<double> toDoubles(const latentset::Vector& a)
{
    QVector<double> v(a.size());
    for (latentset::Index i = 0; i < a.size(); ++i)
        v[i] = a(i);
    return v;
}

// A diff value as the table shows it: a JSON string without its quotes, "—" for a missing key.
QString shownValue(const std::string& json)
{
    if (json.empty())
        return CompareView::tr("—");
    const QString text = QString::fromStdString(json);
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        return QJsonDocument::fromJson("[" + text.toUtf8() + "]").array().at(0).toString();
    return text;
}

} // namespace

CompareView::CompareView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    reader_ = new JobRunner(this, this, JobRunner::Policy::EveryJob);
    runner_ = new JobRunner(this, this);
    worldRunner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(buildHeader());
    pages_ = new QTabWidget;
    pages_->addTab(buildCurves(), tr("Curves"));
    pages_->addTab(buildTriple(confusion_, tr("confusion")), tr("Confusion"));
    auto* maps = new QWidget;
    auto* mapsLayout = new QVBoxLayout(maps);
    auto* mapControls = new QHBoxLayout;
    mapControls->addWidget(new QLabel(tr("Cube at")));
    theta_ = new QDoubleSpinBox;
    theta_->setRange(0, 359.9);
    theta_->setValue(30);
    theta_->setSuffix(tr("°"));
    theta_->setAccessibleName(tr("Cube angle"));
    mapControls->addWidget(theta_);
    mapControls->addWidget(new QLabel(tr("with glyph")));
    glyph_ = new GlyphPicker(session_);
    mapControls->addWidget(glyph_);
    mapControls->addStretch();
    mapsLayout->addLayout(mapControls);
    mapsLayout->addWidget(buildTriple(maps_, tr("context map")), 1);
    pages_->addTab(maps, tr("Context maps"));
    pages_->addTab(buildWorldMaps(), tr("World maps"));
    table_ = new QTableWidget(0, 3);
    table_->setHorizontalHeaderLabels({tr("setting"), tr("A"), tr("B")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAccessibleName(tr("Settings that differ"));
    auto* settingsPage = new QWidget;
    auto* settingsLayout = new QVBoxLayout(settingsPage);
    auto* exportRow = new QHBoxLayout;
    exportRow->addStretch();
    auto* exportCsvButton = new QPushButton(tr("Export CSV…"));
    exportCsvButton->setAccessibleName(tr("Export the settings that differ as CSV"));
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Export settings diff"), "settings-diff.csv",
                                                       tr("CSV tables (*.csv)"));
        QString error;
        if (!p.isEmpty() && !exportSettingsCsv(p, &error))
            QMessageBox::warning(this, tr("Export settings diff"), error);
    });
    exportRow->addWidget(exportCsvButton);
    settingsLayout->addLayout(exportRow);
    settingsLayout->addWidget(table_, 1);
    pages_->addTab(settingsPage, tr("Settings"));
    outer->addWidget(pages_, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    outer->addWidget(status_);

    connect(theta_, &QDoubleSpinBox::valueChanged, this, &CompareView::evaluate);
    connect(glyph_, &GlyphPicker::glyphChanged, this, &CompareView::evaluate);
    connect(member_, &QComboBox::currentIndexChanged, this, &CompareView::showCurves);
    connect(session_, &Session::samplesChanged, this, &CompareView::evaluate);
    for (JobRunner* r : {reader_, runner_, worldRunner_})
        connect(r, &JobRunner::failed, this, [this](const QString& m) { status_->setText(tr("Error: %1").arg(m)); });
    evaluate();
}

CompareView::~CompareView() = default;

QWidget* CompareView::buildHeader()
{
    auto* box = new QWidget;
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int s = 0; s < 2; ++s) {
        grid->addWidget(new QLabel(tr("Run %1:").arg(kSideNames[s])), s, 0);
        pathLabels_[std::size_t(s)] = new QLabel(tr("(none: open a project)"));
        pathLabels_[std::size_t(s)]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(pathLabels_[std::size_t(s)], s, 1);
        auto* open = new QPushButton(tr("Open…"));
        open->setAccessibleName(tr("Open the project of run %1").arg(kSideNames[s]));
        open->setToolTip(tr("A project, an earlier save or an autosave: read only, never written, and not opened "
                            "in the window."));
        connect(open, &QPushButton::clicked, this, [this, s] {
            // Beside the other run's file, else the autosaves (an earlier state of this session).
            const QString other = sides_[std::size_t(1 - s)].path;
            const QString start = !other.isEmpty() ? QFileInfo(other).absolutePath()
                                                   : QString::fromStdString(latentset::DatasetCatalog::dataDirectory()) + "/autosave";
            const QString p = QFileDialog::getOpenFileName(this, tr("Compare: run %1").arg(kSideNames[s]), start,
                                                           tr("LatentSet projects (*.lset *.latentset *.lsm *.model)"));
            if (!p.isEmpty())
                load(s, p);
        });
        grid->addWidget(open, s, 2);
    }
    grid->setColumnStretch(1, 1);
    return box;
}

QWidget* CompareView::buildCurves()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    memberRow_ = new QWidget;
    auto* controls = new QHBoxLayout(memberRow_);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(new QLabel(tr("Loss of member")));
    member_ = new QComboBox;
    member_->setAccessibleName(tr("Member whose loss curves are shown"));
    controls->addWidget(member_);
    controls->addStretch();
    layout->addWidget(memberRow_);
    auto* plots = new QHBoxLayout;
    loss_ = new PlotView;
    loss_->setTitle(tr("Training loss: A solid, B dashed"));
    loss_->setAxisLabels(tr("epoch"), tr("loss"));
    loss_->setLegendVisible(true);
    accuracy_ = new PlotView;
    accuracy_->setTitle(tr("Accuracy: A solid, B dashed"));
    accuracy_->setAxisLabels(tr("epoch"), tr("accuracy"));
    accuracy_->setLegendVisible(true);
    plots->addWidget(loss_);
    plots->addWidget(accuracy_);
    roundLoss_ = new PlotView;
    roundLoss_->setTitle(tr("Cube / world training loss per round: A solid, B dashed"));
    roundLoss_->setAxisLabels(tr("round"), tr("loss per pixel"));
    roundLoss_->setLegendVisible(true);
    roundLoss_->setAccessibleName(tr("Cube or world training loss per round"));
    plots->addWidget(roundLoss_);
    layout->addLayout(plots, 1);
    roundNote_ = new QLabel;
    roundNote_->setWordWrap(true);
    layout->addWidget(roundNote_);
    return page;
}

QWidget* CompareView::buildTriple(std::array<ColorMapView*, 3>& maps, const QString& what)
{
    auto* page = new QWidget;
    auto* row = new QHBoxLayout(page);
    const QString titles[] = {tr("A: %1").arg(what), tr("B: %1").arg(what), tr("A − B")};
    for (int k = 0; k < 3; ++k) {
        maps[std::size_t(k)] = new ColorMapView;
        maps[std::size_t(k)]->setTitle(titles[k]);
        maps[std::size_t(k)]->setPlaceholderText(tr("Open two projects (A and B) to compare their %1.").arg(what));
        row->addWidget(maps[std::size_t(k)]);
    }
    return page;
}

QString CompareView::statusText() const { return status_->text(); }

bool CompareView::exportSettingsCsv(const QString& path, QString* error) const
{
    // key,A,B: the values as JSON text ("" for a missing key), quoted as RFC 4180 asks.
    const auto field = [](const std::string& text) { return '"' + QString::fromStdString(text).replace('"', "\"\"") + '"'; };
    FigureInfo info;
    info.title = tr("Settings that differ");
    info.caption = tr("A: %1; B: %2").arg(sides_[0].path, sides_[1].path);
    return PlotFigure::writeCsv(
        path, "key,A,B",
        [this, &field](QTextStream& out) {
            for (const auto& d : differences_)
                out << field(d.key) << ',' << field(d.left) << ',' << field(d.right) << '\n';
        },
        error, info);
}

// A project's settings for the diff: its JSON without curves, views and
// glyphs, plus what its models are (shapes, members, contexts).
latentset::JsonValue CompareView::settingsOf(const Side& side) const
{
    QJsonObject o = side.project;
    QJsonObject model;
    if (side.classSet)
        model["classSet"] = QJsonObject{{"members", side.classSet->size()},
                                        {"member", QString::fromStdString(side.classSet->config().describe())},
                                        {"weightsSeed", QString::number(side.classSet->seed())}};
    if (side.cube)
        model["cubeWorld"] = QJsonObject{{"contexts", side.cube->contexts->size()},
                                         {"member", QString::fromStdString(side.cube->members.config().describe())},
                                         {"weightsSeed", QString::number(side.cube->members.seed())}};
    if (side.world) {
        o = worldSettings(side);
        model["world"] = o.take("members");
    }
    o["models"] = model;
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return latentset::JsonReader::parse(text.toStdString(), side.path.toStdString());
}

void CompareView::showSettings()
{
    table_->setRowCount(0);
    differences_.clear();
    if (!sides_[0].loaded || !sides_[1].loaded || !mismatch().isEmpty())
        return;
    differences_ = latentset::RunComparison::settingsDiff(settingsOf(sides_[0]), settingsOf(sides_[1]), kNotSettings);
    table_->setRowCount(int(differences_.size()));
    for (int r = 0; r < int(differences_.size()); ++r) {
        const auto& d = differences_[std::size_t(r)];
        table_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(d.key)));
        table_->setItem(r, 1, new QTableWidgetItem(shownValue(d.left)));
        table_->setItem(r, 2, new QTableWidgetItem(shownValue(d.right)));
    }
}

// The projects' saved curves ("curves" in their JSON, as ClassSetSettingsJson
// writes them): the loss plot's series 2m and 2m + 1 are member m's training
// and validation loss; the accuracy plot's series are drawn whole.
void CompareView::showCurves()
{
    const int member = std::max(0, member_->currentIndex());
    int members = 0;
    for (const Side& s : sides_)
        members = std::max(members, s.classSet ? s.classSet->size() : 0);
    if (member_->count() != members) {
        const QSignalBlocker block(member_);
        member_->clear();
        for (int m = 0; m < members; ++m)
            member_->addItem(QString::number(m));
        member_->setCurrentIndex(std::min(member, members - 1));
    }
    loss_->removeAllSeries();
    accuracy_->removeAllSeries();
    const QColor colours[] = {QColor(0, 114, 178), QColor(213, 94, 0)};
    for (int side = 0; side < 2; ++side) {
        const Qt::PenStyle pen = side == 0 ? Qt::SolidLine : Qt::DashLine;
        for (const auto& entry : sides_[std::size_t(side)].project.value("curves").toArray()) {
            const QJsonObject c = entry.toObject();
            const int series = c.value("series").toInt();
            const bool isLoss = c.value("plot").toString() == "loss";
            if (isLoss && series >= 0 && series / 2 != member)
                continue;
            const QString name = c.value("name").toString();
            const QString label = QString("%1 · %2").arg(kSideNames[side],
                                                         !name.isEmpty() ? name : isLoss ? tr("validation") : tr("accuracy"));
            PlotView* plot = isLoss ? loss_ : accuracy_;
            const QColor colour = isLoss && series >= 0 && series % 2 == 1 ? colours[side].lighter(140) : colours[side];
            const int k = plot->addSeries(label, colour, PlotView::Kind::Line, pen);
            plot->setSeries(k, toDoubles(c.value("x").toArray()), toDoubles(c.value("y").toArray()));
        }
    }
    accuracy_->setTitle(accuracy_->seriesCount() > 0
                            ? tr("Accuracy: A solid, B dashed")
                            : tr("Accuracy: none saved (a latentset-cli model file keeps its mean loss per epoch only)"));
}

void CompareView::evaluate()
{
    const auto samples = session_->samples();
    const latentset::Vector glyph = glyph_->glyph();
    const double theta = theta_->value();
    const std::array<Session::SetPtr, 2> sets{sides_[0].classSet, sides_[1].classSet};
    const std::array<std::shared_ptr<const latentset::CubeModel>, 2> cubes{sides_[0].cube, sides_[1].cube};
    QStringList missing;
    for (int s = 0; s < 2; ++s)
        if (!sides_[std::size_t(s)].loaded)
            missing << kSideNames[s];
    status_->setText(missing.isEmpty() ? tr("A: %1; B: %2. Neither file is written.").arg(sides_[0].path, sides_[1].path)
                                       : tr("Open run %1 (Open… above) to compare.").arg(missing.join(tr(" and "))));
    if (!missing.isEmpty())
        return;
    if (const QString why = mismatch(); !why.isEmpty()) {
        status_->setText(why);
        evaluateWorlds(); // clears the world maps
        return;
    }
    evaluateWorlds();
    runner_->submit([this, samples, glyph, theta, sets, cubes]() -> JobRunner::Continuation {
        std::array<latentset::Vector, 2> confusion, maps;
        int classes = 0;
        for (int s = 0; s < 2; ++s) {
            if (sets[std::size_t(s)] && samples && samples->pixelCount() == sets[std::size_t(s)]->config().inputSize) {
                const latentset::ConfusionMatrix m = latentset::RunComparison::confusion(sets[std::size_t(s)], *samples, 1000);
                classes = m.classCount();
                confusion[std::size_t(s)].resize(classes * classes);
                for (int t = 0; t < classes; ++t)
                    for (int p = 0; p < classes; ++p)
                        confusion[std::size_t(s)](t * classes + p) = float(m.count(t, p));
            }
            if (cubes[std::size_t(s)] && glyph.size() > 0)
                maps[std::size_t(s)] = latentset::RunComparison::contextMap(cubes[std::size_t(s)]->members,
                                                                            *cubes[std::size_t(s)]->contexts, theta, glyph);
        }
        const int mapColumns = cubes[0] ? cubes[0]->contexts->gridColumns() : 10;
        return [this, confusion, maps, classes, mapColumns] {
            showGrids(confusion_, confusion, classes, tr("confusion"),
                      tr("it needs a class set, and sample images of its size in this window (load a dataset)."));
            showGrids(maps_, maps, mapColumns, tr("context map"), tr("it needs a cube world."));
        };
    });
}

void CompareView::showGrids(std::array<ColorMapView*, 3>& views, const std::array<latentset::Vector, 2>& values,
                            int cols, const QString& what, const QString& needs)
{
    const std::array<latentset::Vector, 3> shown{values[0], values[1],
                                                 latentset::RunComparison::difference(values[0], values[1])};
    for (int k = 0; k < 3; ++k) {
        const latentset::Vector& v = shown[std::size_t(k)];
        if (v.size() == 0 || cols <= 0) {
            views[std::size_t(k)]->clear();
            views[std::size_t(k)]->setPlaceholderText(
                k == 2 ? tr("No difference: A and B need a %1 each, of the same size.").arg(what)
                       : tr("Run %1 has no %2: %3").arg(kSideNames[k], what, needs));
            continue;
        }
        QVector<double> grid = toDoubles(v);
        const int rows = (int(grid.size()) + cols - 1) / cols;
        grid.resize(rows * cols, std::numeric_limits<double>::quiet_NaN());
        views[std::size_t(k)]->setShowValues(what == tr("confusion") && cols <= 12, 0);
        // A and B on one colour scale (so colours compare), A - B on one symmetric about 0.
        const bool both = shown[2].size() > 0;
        if (k < 2 && both)
            views[std::size_t(k)]->setDataRange(std::min(shown[0].minCoeff(), shown[1].minCoeff()),
                                                std::max(shown[0].maxCoeff(), shown[1].maxCoeff()));
        else if (k == 2)
            views[std::size_t(k)]->setDataRange(-std::max(1e-9f, v.cwiseAbs().maxCoeff()),
                                                std::max(1e-9f, v.cwiseAbs().maxCoeff()));
        else
            views[std::size_t(k)]->setDataRange(0, 0); // its own range
        views[std::size_t(k)]->setGrid(cols, rows, grid);
    }
}
