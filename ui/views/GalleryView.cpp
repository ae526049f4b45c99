#include "views/GalleryView.h"

#include "widgets/GlyphPicker.h"
#include "widgets/ModelSummary.h"
#include "widgets/PlotFigure.h"
#include "image/ImageConvert.h"
#include "async/JobRunner.h"
#include "session/Session.h"

#include "latentset/concept/CubeWorldView.h"
#include "latentset/cube/CubeContexts.h"
#include "latentset/nn/AutoencoderSet.h"

#include <QBuffer>
#include <QFileDialog>
#include <QJsonArray>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTextStream>
#include <QTime>
#include <QVBoxLayout>

GalleryView::GalleryView(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    runner_ = new JobRunner(this, this);
    auto* outer = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Input glyph:")));
    picker_ = new GlyphPicker(session_);
    picker_->setToolTip(tr("The glyph to transfer: painted on the source context's face, encoded by that "
                           "context's member, and decoded by every member."));
    controls->addWidget(picker_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("shown in source context")));
    source_ = new QSpinBox;
    source_->setAccessibleName(tr("Source context"));
    source_->setRange(0, 99);
    source_->setValue(10);
    source_->setToolTip(tr("The one context the glyph is shown in (framed orange in the grid); the paper uses 10."));
    controls->addWidget(source_);
    controls->addStretch();
    auto* pinButton = new QPushButton(tr("Pin"));
    pinButton->setAccessibleName(tr("Pin this grid for comparison"));
    pinButton->setToolTip(tr("Keeps the current grid on the right, labelled with its glyph and source context, "
                             "to compare with the next ones."));
    auto* clearButton = new QPushButton(tr("Clear pins"));
    clearButton->setAccessibleName(tr("Remove the pinned grids"));
    controls->addWidget(pinButton);
    controls->addWidget(clearButton);
    addExportButtons(controls);
    outer->addLayout(controls);

    auto* body = new QHBoxLayout;
    gridLabel_ = new QLabel;
    gridLabel_->setAlignment(Qt::AlignCenter);
    gridLabel_->setMinimumSize(400, 400);
    gridLabel_->setAccessibleName(tr("Transfer grid: the input decoded by every member"));
    body->addWidget(gridLabel_, 3);
    auto* pinsArea = new QScrollArea;
    pinsArea->setWidgetResizable(true);
    auto* pins = new QWidget;
    pinLayout_ = new QHBoxLayout(pins);
    auto* hint = new QLabel(tr("Pin a grid to keep it here for comparison."));
    hint->setObjectName("pinHint");
    hint->setWordWrap(true);
    pinLayout_->addWidget(hint);
    pinLayout_->addStretch();
    pinsArea->setWidget(pins);
    pinsArea->setMinimumWidth(260);
    pinsArea->setAccessibleName(tr("Pinned grids"));
    body->addWidget(pinsArea, 2);
    outer->addLayout(body, 1);
    status_ = new QLabel;
    status_->setWordWrap(true);
    outer->addWidget(status_);

    connect(picker_, &GlyphPicker::glyphChanged, this, &GalleryView::evaluate);
    connect(source_, &QSpinBox::valueChanged, this, &GalleryView::evaluate);
    connect(session_, &Session::cubeWorldChanged, this, [this] {
        if (const auto c = session_->cubeContexts())
            source_->setRange(0, c->size() - 1);
        evaluate();
    });
    connect(pinButton, &QPushButton::clicked, this, &GalleryView::pin);
    connect(clearButton, &QPushButton::clicked, this, &GalleryView::clearPins);
    connect(runner_, &JobRunner::failed, this, [this](const QString& m) { status_->setText(tr("Error: %1").arg(m)); });
    evaluate();
}

GalleryView::~GalleryView() = default;

void GalleryView::setSourceContext(int context) { source_->setValue(context); }

void GalleryView::evaluate()
{
    const auto members = session_->cubeMembers();
    const auto contexts = session_->cubeContexts();
    const latentset::Vector glyph = picker_->glyph();
    if (!members || !contexts || glyph.size() == 0) {
        // No grid of an earlier world or glyph left standing (nor exported, nor pinned).
        grid_ = QImage();
        frames_ = latentset::Matrix();
        gridLabel_->clear();
        status_->setText(!members || !contexts
                             ? tr("No cube world in this session: train one (Start → Cube world) or open a project.")
                             : tr("No glyph: load a dataset or pick a built-in glyph."));
        return;
    }
    const int source = std::min(source_->value(), contexts->size() - 1);
    const QString name = picker_->glyphName();
    runner_->submit([this, members, contexts, glyph, source, name]() -> JobRunner::Continuation {
        const latentset::CubeWorldView world(*members, *contexts);
        const latentset::Matrix code = world.encodeGlyphs(source, glyph);
        const int n = contexts->size(), cols = contexts->gridColumns(), rows = (n + cols - 1) / cols;
        const int side = contexts->imageSize();
        latentset::Matrix frames = latentset::Matrix::Zero(contexts->frameSize(), n);
        for (int c = 0; c < n; ++c) {
            latentset::Matrix f = latentset::Matrix::Zero(contexts->frameSize(), 1);
            contexts->warp(c).scatter(world.decodeMasked(c, code), f);
            frames.col(c) = f.col(0);
        }
        // Tiles with a 1 px grey gap; the source tile framed in orange.
        QImage grid(cols * (side + 1) + 1, rows * (side + 1) + 1, QImage::Format_RGB32);
        grid.fill(QColor(90, 90, 90));
        {
            QPainter p(&grid);
            for (int c = 0; c < n; ++c) {
                const QPoint at(1 + (c % cols) * (side + 1), 1 + (c / cols) * (side + 1));
                p.drawImage(at, ImageConvert::toImage(frames.col(c), side, side));
                if (c == source) {
                    p.setPen(QPen(QColor(255, 150, 0), 2));
                    p.drawRect(QRect(at, QSize(side - 1, side - 1)));
                }
            }
        }
        return [this, grid, frames, source, name] {
            grid_ = grid;
            frames_ = frames;
            gridGlyph_ = name;
            gridSource_ = source;
            gridLabel_->setPixmap(QPixmap::fromImage(grid).scaled(gridLabel_->size().boundedTo(QSize(1280, 1280)),
                                                                   Qt::KeepAspectRatio, Qt::SmoothTransformation));
            status_->setText(tr("%1, shown once in context %2 (orange), decoded by all %3 members from one code.")
                                 .arg(name)
                                 .arg(source)
                                 .arg(frames.cols()));
        };
    });
}

void GalleryView::pin()
{
    if (grid_.isNull())
        return;
    // Each pin says what it is: number, glyph, source context, when pinned.
    const QString caption = tr("#%1 · %2 · context %3 · %4")
                                .arg(pinned_.size() + 1)
                                .arg(gridGlyph_)
                                .arg(gridSource_)
                                .arg(QTime::currentTime().toString("HH:mm:ss"));
    addPin(grid_, caption, status_->text());
}

void GalleryView::addPin(const QImage& grid, const QString& caption, const QString& detail)
{
    pinned_.push_back(grid);
    // PNG text chunks: a project keeps the pin's label and what it showed.
    pinned_.back().setText("Caption", caption);
    pinned_.back().setText("Description", detail);
    if (auto* hint = findChild<QLabel*>("pinHint"))
        hint->hide();
    pinCaptions_ << caption;
    auto* pin = new QWidget;
    auto* column = new QVBoxLayout(pin);
    column->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel;
    label->setPixmap(QPixmap::fromImage(grid).scaled(240, 240, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    label->setToolTip(detail.isEmpty() ? caption : detail);
    auto* text = new QLabel(caption);
    text->setObjectName("pinCaption");
    text->setWordWrap(true);
    text->setMaximumWidth(240);
    column->addWidget(label);
    column->addWidget(text);
    column->addStretch();
    pin->setAccessibleName(tr("Pinned grid: %1").arg(caption));
    pinLayout_->insertWidget(pinLayout_->count() - 1, pin);
}

// Export PNG… (the grid) and Export CSV… (the frames behind it).
void GalleryView::addExportButtons(QHBoxLayout* controls)
{
    auto* exportButton = new QPushButton(tr("Export PNG…"));
    exportButton->setAccessibleName(tr("Export the transfer grid as PNG"));
    exportButton->setToolTip(tr("Writes the grid at full resolution as PNG, with the model, glyph, source "
                                "context and date as PNG text."));
    auto* csvButton = new QPushButton(tr("Export CSV…"));
    csvButton->setAccessibleName(tr("Export the decoded frames as CSV"));
    csvButton->setToolTip(tr("Writes the data behind the grid: one row per context, its name and the pixel "
                             "values (0-1, row-major) its member decoded; the model, glyph and source beside it."));
    controls->addWidget(exportButton);
    controls->addWidget(csvButton);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export transfer grid"), "transfer.png", tr("PNG images (*.png)"));
        if (!path.isEmpty() && !exportGrid(path))
            QMessageBox::warning(this, tr("Export"), tr("%1: cannot write the PNG.").arg(path));
    });
    connect(csvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export decoded frames"), "transfer.csv", tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export"), error);
    });
}

void GalleryView::clearPins()
{
    pinned_.clear();
    pinCaptions_.clear();
    // Keep the hint (first) and the stretch (last); drop the pinned labels.
    while (pinLayout_->count() > 2) {
        QLayoutItem* item = pinLayout_->takeAt(1);
        delete item->widget();
        delete item;
    }
    if (auto* hint = findChild<QLabel*>("pinHint"))
        hint->show();
}

bool GalleryView::exportGrid(const QString& path) const
{
    return !grid_.isNull() && PlotFigure::writePng(grid_, path, figureInfo(tr("Context transfer grid")));
}

bool GalleryView::exportCsv(const QString& path, QString* error) const
{
    const auto contexts = session_->cubeContexts();
    if (frames_.size() == 0 || !contexts || contexts->size() != frames_.cols()) {
        if (error)
            *error = tr("No transfer grid yet: nothing to export.");
        return false;
    }
    QString header = "context,name";
    for (latentset::Index p = 0; p < frames_.rows(); ++p)
        header += ",p" + QString::number(p);
    return PlotFigure::writeCsv(path, header, [&](QTextStream& out) {
        for (latentset::Index c = 0; c < frames_.cols(); ++c) {
            QString name = QString::fromStdString(contexts->name(int(c)));
            out << c << ",\"" << name.replace('"', "\"\"") << '"';
            for (latentset::Index p = 0; p < frames_.rows(); ++p)
                out << ',' << QString::number(frames_(p, c), 'g', 7);
            out << '\n';
        }
    }, error, figureInfo(tr("Context transfer grid")));
}

bool GalleryView::exportPng(const QString& path)
{
    return PlotFigure::writePng(grab().toImage(), path, figureInfo(tr("Gallery view")));
}

FigureInfo GalleryView::figureInfo(const QString& title) const
{
    FigureInfo info;
    info.title = title;
    info.caption = status_->text();
    info.model = ModelSummary::all(*session_);
    info.settings = tr("glyph: %1; source context: %2").arg(gridGlyph_).arg(gridSource_);
    if (!pinCaptions_.isEmpty())
        info.settings += tr("; pins: %1").arg(pinCaptions_.join(" | "));
    return info;
}

QJsonObject GalleryView::viewState() const
{
    // A pin is a picture of an earlier model's transfer: kept as the PNG
    // (a 10x10 grid is ~20-60 kB), not recomputed from a model that moved on.
    QJsonArray pins;
    for (int i = 0; i < pinned_.size(); ++i) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        pinned_[i].save(&buffer, "PNG");
        pins.append(QJsonObject{{"png", QString::fromLatin1(png.toBase64())}});
    }
    return {{"source", source_->value()}, {"glyph", picker_->viewState()}, {"pins", pins}};
}

void GalleryView::restoreViewState(const QJsonObject& state)
{
    picker_->restoreViewState(state.value("glyph").toObject());
    if (state.contains("source"))
        setSourceContext(state.value("source").toInt());
    if (!state.contains("pins"))
        return;
    clearPins();
    for (const auto& v : state.value("pins").toArray()) {
        QImage grid;
        if (grid.loadFromData(QByteArray::fromBase64(v.toObject().value("png").toString().toLatin1()), "PNG"))
            addPin(grid, grid.text("Caption"), grid.text("Description"));
    }
}
