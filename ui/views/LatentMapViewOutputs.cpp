// LatentMapView's outputs: the picture from a result (colours, legend,
// lines), hover thumbnails, the selection's inputs and where they go, and the
// exports (PNG, SVG, CSV) and view state. The runs are in LatentMapView.cpp.
#include "views/LatentMapView.h"

#include "image/ImageConvert.h"
#include "image/LatentScatter.h"
#include "session/Session.h"
#include "widgets/LatentMapCanvas.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"

#include "latentset/data/Dataset.h"
#include "latentset/experiments/LatentMapExperiment.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

#include <set>

using namespace latentset;

namespace {

QString quoted(const std::string& text)
{
    return '"' + QString::fromStdString(text).replace('"', "\"\"") + '"';
}

} // namespace

void LatentMapView::rebuildScatter()
{
    if (!result_)
        return;
    const LatentMapResult& r = *result_;
    const QString by = colour_->currentData().toString();
    QStringList names;
    std::vector<int> colour;
    if (by == "context") {
        for (const std::string& n : r.contextNames)
            names << QString::fromStdString(n);
        colour = r.context;
    } else if (by == "item") {
        const int items = r.item.empty() ? 0 : *std::max_element(r.item.begin(), r.item.end()) + 1;
        for (int i = 0; i < items; ++i)
            names << tr("item %1").arg(i);
        colour = r.item;
    } else {
        for (const std::string& n : r.labelNames)
            names << QString::fromStdString(n);
        colour = r.label;
    }
    auto scatter = std::make_shared<LatentScatter>(r.coordinates, std::move(colour), names);
    if (r.kind == "world")
        scatter->setLines(r.item); // one item's codes joined across its contexts
    scatter->setTitle(tr("%1 of %2 codes, coloured by %3")
                          .arg(r.method == "tsne" ? tr("t-SNE") : tr("PCA"))
                          .arg(r.codes.cols())
                          .arg(colour_->currentText()));
    canvas_->setScatter(std::move(scatter));
    selectionText_->setText(tr("Nothing selected: drag on the map."));
}

void LatentMapView::showHover(int point)
{
    const auto samples = session_->samples();
    if (point < 0 || !result_ || !samples) {
        return;
    }
    const LatentMapResult& r = *result_;
    const int item = r.item[std::size_t(point)], context = r.context[std::size_t(point)];
    const int label = r.label[std::size_t(point)];
    const QString labelName = label >= 0 && label < int(r.labelNames.size())
                                  ? QString::fromStdString(r.labelNames[std::size_t(label)]) : QString("-");
    QImage image;
    if (world_ && item < world_->itemCount()) {
        // The item as this point's context sees it.
        const Index one[1] = {Index(item)};
        const Vector frame = world_->framesFromMasked(context, world_->masked(context, one)).col(0);
        image = ImageConvert::toImage(frame, world_->frameWidth(), world_->frameHeight());
    } else if (item < samples->size()) {
        image = ImageConvert::toImage(samples->imageVector(item), samples->width(), samples->height());
    }
    if (!image.isNull())
        thumbnail_->setPixmap(QPixmap::fromImage(image.scaled(thumbnail_->size() - QSize(8, 8), Qt::KeepAspectRatio)));
    hoverText_->setText(tr("Point %1: input %2 (class %3), %4 %5 (%6)")
                            .arg(point)
                            .arg(item)
                            .arg(labelName)
                            .arg(r.kind == "world" ? tr("context") : tr("encoded by member"))
                            .arg(context)
                            .arg(QString::fromStdString(r.contextNames[std::size_t(context)])));
}

QVector<int> LatentMapView::selectedInputs() const
{
    QVector<int> inputs;
    if (!result_)
        return inputs;
    std::set<int> seen;
    for (int p : canvas_->selection())
        if (seen.insert(result_->item[std::size_t(p)]).second)
            inputs << result_->item[std::size_t(p)];
    return inputs;
}

void LatentMapView::send(const QString& view)
{
    const QVector<int> inputs = selectedInputs();
    if (inputs.isEmpty()) {
        status_->setText(tr("Select points first (drag a rectangle or a lasso on the map)."));
        return;
    }
    emit inputsChosen(inputs, view);
}

bool LatentMapView::exportPng(const QString& path, QString* error) const
{
    if (!canvas_->scatter()) {
        if (error)
            *error = tr("No map yet: nothing to export.");
        return false;
    }
    return PlotFigure::writePng(canvas_->scatter()->image(canvas_->size()), path, figureInfo(tr("Latent map")), error);
}

bool LatentMapView::exportSvg(const QString& path, QString* error) const
{
    if (!canvas_->scatter()) {
        if (error)
            *error = tr("No map yet: nothing to export.");
        return false;
    }
    QByteArray svg;
    QBuffer buffer(&svg);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(canvas_->size());
    generator.setResolution(96);
    generator.setViewBox(QRect(QPoint(0, 0), canvas_->size()));
    const FigureInfo info = figureInfo(tr("Latent map"));
    generator.setTitle(info.title);
    QStringList description;
    for (const auto& [key, value] : info.fields())
        description << key + ": " + value;
    generator.setDescription(description.join('\n'));
    QPainter painter;
    if (painter.begin(&generator)) {
        canvas_->scatter()->paint(painter, QSizeF(canvas_->size()));
        painter.end();
        QSaveFile file(path);
        if (!svg.isEmpty() && file.open(QIODevice::WriteOnly) && file.write(svg) == svg.size() && file.commit())
            return true;
    }
    if (error)
        *error = tr("%1: cannot write the SVG").arg(path);
    return false;
}

bool LatentMapView::exportCsv(const QString& path, QString* error) const
{
    if (!result_) {
        if (error)
            *error = tr("No map yet: nothing to export.");
        return false;
    }
    const LatentMapResult& r = *result_;
    return PlotFigure::writeCsv(path, "point,x,y,item,context,context_name,label,label_name", [&](QTextStream& out) {
        for (Index i = 0; i < r.coordinates.cols(); ++i) {
            const int c = r.context[std::size_t(i)], l = r.label[std::size_t(i)];
            out << i << ',' << QString::number(r.coordinates(0, i), 'g', 7) << ','
                << QString::number(r.coordinates(1, i), 'g', 7) << ',' << r.item[std::size_t(i)] << ',' << c << ','
                << quoted(r.contextNames[std::size_t(c)]) << ',' << l << ','
                << quoted(l >= 0 ? r.labelNames[std::size_t(l)] : std::string()) << '\n';
        }
    }, error, figureInfo(tr("Latent map coordinates")));
}

void LatentMapView::exportWithDialog(const QString& kind)
{
    const QString filter = kind == "png" ? tr("PNG images (*.png)") : kind == "svg" ? tr("SVG images (*.svg)")
                                                                                     : tr("CSV tables (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the latent map"), "latent-map." + kind, filter);
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = kind == "png" ? exportPng(path, &error) : kind == "svg" ? exportSvg(path, &error)
                                                                              : exportCsv(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export the latent map"), error);
}

FigureInfo LatentMapView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = ratio_->text().remove("<b>").remove("</b>");
    info.model = ModelSummary::all(*session_);
    const LatentMapSettings s = settings();
    info.settings = tr("inputs: %1; method: %2; points: %3; perplexity: %4; iterations: %5; colour: %6")
                        .arg(resultSource_, QString::fromStdString(s.method))
                        .arg(s.points)
                        .arg(s.tsne.perplexity)
                        .arg(s.tsne.iterations)
                        .arg(colour_->currentData().toString());
    return info;
}

QJsonObject LatentMapView::viewState() const
{
    const LatentMapSettings s = settings();
    return {{"source", source()}, {"method", QString::fromStdString(s.method)}, {"points", s.points},
            {"member", s.member}, {"perplexity", s.tsne.perplexity}, {"iterations", s.tsne.iterations},
            {"colour", colour_->currentData().toString()}, {"live", live_->isChecked()},
            {"fixedBasis", basis_->currentIndex() == 0}};
}

void LatentMapView::restoreViewState(const QJsonObject& state)
{
    LatentMapSettings s;
    s.method = state.value("method").toString("pca") == "tsne" ? "tsne" : "pca";
    s.points = std::clamp(state.value("points").toInt(s.points), 4, LatentMapSettings::kMaxPoints);
    s.member = state.value("member").toInt(-1);
    s.tsne.perplexity = std::clamp(state.value("perplexity").toDouble(s.tsne.perplexity), 2.0, 200.0);
    s.tsne.iterations = std::clamp(state.value("iterations").toInt(s.tsne.iterations), 1, 100000);
    setSettings(s);
    setSource(state.value("source").toString());
    setColourBy(state.value("colour").toString("class"));
    setLive(state.value("live").toBool(false), state.value("fixedBasis").toBool(true));
}
