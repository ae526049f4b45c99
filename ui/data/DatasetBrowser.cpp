#include "data/DatasetBrowser.h"

#include "image/ImageFolderReader.h"

#include "latentset/data/DatasetCatalog.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using latentset::Dataset;
using latentset::DatasetCatalog;
using latentset::Index;

namespace {

const char* kRecentKey = "datasets/recent";
constexpr int kMaxRecent = 8;
// Beyond this many classes (EMNIST byclass has 62) the sheet shows the first ones only.
constexpr int kMaxSheetRows = 100;

QString number(qint64 value) { return QLocale().toString(value); }

// "7" for MNIST's digit 7, "7  Sneaker" when the class has a name of its own.
QString classTitle(const Dataset& d, int label)
{
    const QString name = QString::fromStdString(d.className(label));
    return name == QString::number(label) ? name : QString("%1  %2").arg(label).arg(name);
}

} // namespace

DatasetBrowser::DatasetBrowser(QWidget* parent) : QWidget(parent)
{
    loader_ = new DatasetLoader(this);
    connect(loader_, &DatasetLoader::loaded, this, &DatasetBrowser::onLoaded);
    connect(loader_, &DatasetLoader::failed, this, &DatasetBrowser::onFailed);
    connect(loader_, &DatasetLoader::busyChanged, this, [this](bool busy) {
        setProperty("busy", busy);
        picker_->setEnabled(!busy);
        if (busy)
            status_->setText(tr("Loading…"));
    });

    QHBoxLayout* controls = buildControls();
    status_ = new QLabel(tr("No dataset open. Pick one above, use File → Open Dataset, or drop a file here."));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    buildTableAndSheet();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(splitter_, 1);

    connect(openFile_, &QPushButton::clicked, this, &DatasetBrowser::chooseFile);
    connect(openFolder_, &QPushButton::clicked, this, &DatasetBrowser::chooseFolder);
    connect(picker_, &QComboBox::activated, this, [this](int index) {
        const QString target = picker_->itemData(index).toString();
        if (!target.isEmpty() && target != source_)
            open(target);
    });
    connect(split_, &QComboBox::currentIndexChanged, this, [this] { rebuildSheet(); });
    connect(this, &DatasetBrowser::recentDatasetsChanged, this, &DatasetBrowser::rebuildPicker);
    rebuildPicker();
}

// The dataset picker, Open file/folder, the split shown and the folder image size.
QHBoxLayout* DatasetBrowser::buildControls()
{
    picker_ = new QComboBox;
    picker_->setMinimumContentsLength(28);
    picker_->setToolTip(tr("Known datasets and recently opened ones"));
    openFile_ = new QPushButton(tr("Open file…"));
    openFile_->setToolTip(tr("An IDX file (raw or .gz) or a Kaggle-style CSV file"));
    openFolder_ = new QPushButton(tr("Open folder…"));
    openFolder_->setToolTip(tr("An IDX folder (train-/t10k-images…) or a folder with one subfolder of images per class"));
    split_ = new QComboBox;
    split_->addItem(tr("Train"), "train");
    split_->addItem(tr("Validation"), "validation");
    split_->addItem(tr("Test"), "test");
    folderSize_ = new QSpinBox;
    folderSize_->setRange(4, 256);
    folderSize_->setValue(28);
    folderSize_->setSuffix(tr(" px"));
    folderSize_->setToolTip(tr("Image folders are resized to this many pixels square"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Dataset:")));
    controls->addWidget(picker_, 1);
    controls->addWidget(openFile_);
    controls->addWidget(openFolder_);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Show:")));
    controls->addWidget(split_);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Folder images:")));
    controls->addWidget(folderSize_);

    return controls;
}

// The class table and the contact sheet beside it, in splitter_.
void DatasetBrowser::buildTableAndSheet()
{
    table_ = new QTableWidget(0, 4);
    table_->setHorizontalHeaderLabels({tr("Class"), tr("Train"), tr("Validation"), tr("Test")});
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    sheetLabel_ = new QLabel;
    sheetLabel_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    scroll_ = new QScrollArea;
    scroll_->setWidget(sheetLabel_);
    scroll_->setWidgetResizable(true);
    // Resizing re-lays the sheet once the user stops dragging (~40 ms), not per pixel.
    resizeTimer_ = new QTimer(this);
    resizeTimer_->setSingleShot(true);
    resizeTimer_->setInterval(40);
    connect(resizeTimer_, &QTimer::timeout, this, [this] { rebuildSheet(); });

    splitter_ = new QSplitter;
    splitter_->addWidget(table_);
    splitter_->addWidget(scroll_);
    splitter_->setStretchFactor(1, 1);
    splitter_->setSizes({300, 1000});
}

DatasetBrowser::~DatasetBrowser() = default;

void DatasetBrowser::open(const QString& pathOrId)
{
    if (pathOrId.isEmpty())
        return;
    loader_->load(pathOrId, folderSize_->value());
}

bool DatasetBrowser::isBusy() const { return loader_->busy(); }

QString DatasetBrowser::shownSplit() const { return split_->currentData().toString(); }

bool DatasetBrowser::setShownSplit(const QString& split)
{
    const int index = split_->findData(split);
    if (index < 0)
        return false;
    split_->setCurrentIndex(index);
    return true;
}

void DatasetBrowser::setThumbnailsPerClass(int count)
{
    thumbnailsPerClass_ = std::clamp(count, 0, 64);
    rebuildSheet();
}

void DatasetBrowser::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (thumbnailsPerClass_ == 0 && splits_)
        resizeTimer_->start();
}

int DatasetBrowser::fittingThumbnails(int thumbnailWidth, int labelWidth, int gap) const
{
    if (thumbnailsPerClass_ > 0)
        return thumbnailsPerClass_;
    // Leave room for a vertical scroll bar so the sheet never needs a horizontal one.
    const int available = scroll_->viewport()->width() - labelWidth - gap - 20;
    return std::clamp(available / (thumbnailWidth + gap), 1, 64);
}

QVector<qint64> DatasetBrowser::shownCounts() const
{
    QVector<qint64> counts;
    if (const Dataset* d = shownDataset())
        for (Index c : d->countsPerClass())
            counts << qint64(c);
    return counts;
}

QString DatasetBrowser::statusText() const { return status_->text(); }

QStringList DatasetBrowser::recentDatasets() { return QSettings().value(kRecentKey).toStringList(); }

void DatasetBrowser::addRecentDataset(const QString& pathOrId)
{
    QStringList recent = recentDatasets();
    recent.removeAll(pathOrId);
    recent.prepend(pathOrId);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

void DatasetBrowser::onLoaded(DatasetSplitsPtr splits, double seconds, const QString& pathOrId)
{
    splits_ = std::move(splits);
    source_ = pathOrId;
    const Dataset& primary = splits_->train.empty() ? splits_->test : splits_->train;
    QStringList parts;
    if (!splits_->train.empty())
        parts << tr("%1 train").arg(number(splits_->train.size()));
    if (!splits_->validation.empty())
        parts << tr("%1 validation").arg(number(splits_->validation.size()));
    if (!splits_->test.empty())
        parts << tr("%1 test").arg(number(splits_->test.size()));
    status_->setStyleSheet(QString());
    status_->setText(tr("<b>%1</b> — %2 images, %3×%4 pixels, %5 classes; read in %6 s from %7")
                         .arg(QString::fromStdString(splits_->name).toHtmlEscaped(), parts.join(" + "))
                         .arg(primary.width())
                         .arg(primary.height())
                         .arg(primary.classCount())
                         .arg(seconds, 0, 'f', 2)
                         .arg(QString::fromStdString(splits_->source).toHtmlEscaped()));
    // Show a split that exists: train if there is one.
    if (!shownDataset() || shownDataset()->empty())
        setShownSplit(splits_->train.empty() ? "test" : "train");
    addRecentDataset(pathOrId);
    emit recentDatasetsChanged();
    rebuildTable();
    rebuildSheet();
    emit datasetLoaded(splits_);
}

void DatasetBrowser::onFailed(const QString& message, const QString&)
{
    status_->setStyleSheet("color: #c0392b;");
    status_->setText(message.toHtmlEscaped());
    emit loadFailed(message);
}

void DatasetBrowser::chooseFile()
{
    const QString start = source_.isEmpty() ? QString::fromStdString(DatasetCatalog::dataDirectory())
                                            : QFileInfo(source_).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open dataset file"), start,
        tr("Datasets (*-ubyte *-ubyte.gz *.idx *.gz *.csv);;IDX files (*-ubyte *-ubyte.gz *.idx);;"
           "CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void DatasetBrowser::chooseFolder()
{
    const QString start = source_.isEmpty() ? QString::fromStdString(DatasetCatalog::dataDirectory()) : source_;
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"), start);
    if (!path.isEmpty())
        open(path);
}

void DatasetBrowser::rebuildPicker()
{
    const QSignalBlocker block(picker_);
    picker_->clear();
    for (const DatasetCatalog::Entry& entry : DatasetCatalog::known()) {
        const QString title = QString::fromStdString(entry.title)
                              + (entry.present ? QString() : tr(" (not installed)"));
        picker_->addItem(title, QString::fromStdString(entry.id));
        picker_->setItemData(picker_->count() - 1, QString::fromStdString(entry.description), Qt::ToolTipRole);
        // Disabled through the model: QComboBox has no per-item enable.
        if (auto* model = qobject_cast<QStandardItemModel*>(picker_->model()); model && !entry.present)
            model->item(picker_->count() - 1)->setEnabled(false);
    }
    const QStringList recent = recentDatasets();
    bool separated = false;
    for (const QString& path : recent) {
        if (picker_->findData(path) >= 0)
            continue;
        if (!separated) {
            picker_->insertSeparator(picker_->count());
            separated = true;
        }
        picker_->addItem(QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName(), path);
        picker_->setItemData(picker_->count() - 1, path, Qt::ToolTipRole);
    }
    const int current = picker_->findData(source_);
    picker_->setCurrentIndex(current >= 0 ? current : (source_.isEmpty() ? 0 : -1));
}

const Dataset* DatasetBrowser::shownDataset() const
{
    if (!splits_)
        return nullptr;
    const QString split = shownSplit();
    if (split == "validation")
        return &splits_->validation;
    if (split == "test")
        return &splits_->test;
    return &splits_->train;
}

void DatasetBrowser::rebuildTable()
{
    table_->setRowCount(0);
    if (!splits_)
        return;
    const Dataset* columns[] = {&splits_->train, &splits_->validation, &splits_->test};
    int classes = 0;
    for (const Dataset* d : columns)
        classes = std::max(classes, d->classCount());
    table_->setRowCount(classes + 1);
    const Dataset& named = splits_->train.empty() ? splits_->test : splits_->train;
    for (int c = 0; c < classes; ++c) {
        auto* name = new QTableWidgetItem(classTitle(named, c));
        table_->setItem(c, 0, name);
    }
    auto* total = new QTableWidgetItem(tr("total"));
    QFont bold = total->font();
    bold.setBold(true);
    total->setFont(bold);
    table_->setItem(classes, 0, total);
    for (int col = 0; col < 3; ++col) {
        const std::vector<Index> counts = columns[col]->countsPerClass();
        for (int c = 0; c < classes; ++c) {
            const qint64 value = c < int(counts.size()) ? qint64(counts[std::size_t(c)]) : 0;
            auto* item = new QTableWidgetItem(number(value));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(c, col + 1, item);
        }
        auto* sum = new QTableWidgetItem(number(qint64(columns[col]->size())));
        sum->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        sum->setFont(bold);
        table_->setItem(classes, col + 1, sum);
        table_->setColumnHidden(col + 1, columns[col]->empty());
    }
    table_->resizeColumnsToContents();
    // Give the table the width its columns need, the sheet the rest.
    int tableWidth = 2 * table_->frameWidth() + table_->verticalScrollBar()->sizeHint().width();
    for (int col = 0; col < table_->columnCount(); ++col)
        if (!table_->isColumnHidden(col))
            tableWidth += table_->columnWidth(col);
    const int available = splitter_->width() > 0 ? splitter_->width() : width();
    splitter_->setSizes({tableWidth, std::max(100, available - tableWidth)});
    // Enable only the splits that exist.
    for (int i = 0; i < split_->count(); ++i) {
        auto* model = qobject_cast<QStandardItemModel*>(split_->model());
        if (model && model->item(i))
            model->item(i)->setEnabled(!columns[i]->empty());
    }
}

void DatasetBrowser::rebuildSheet()
{
    thumbnailCount_ = 0;
    sheet_ = QImage();
    const Dataset* d = shownDataset();
    if (!d || d->empty()) {
        sheetLabel_->clear();
        return;
    }
    // Thumbnails at least ~56 px on screen: MNIST's 28 px digits are doubled.
    const int side = std::max(d->width(), d->height());
    const int scale = std::clamp(int(std::ceil(56.0 / side)), 1, 8);
    const int tw = d->width() * scale;
    const int th = d->height() * scale;
    const int gap = 4;
    const int labelWidth = 150;
    const int rows = std::min(d->classCount(), kMaxSheetRows);
    const int perClass = fittingThumbnails(tw, labelWidth, gap);
    const int width = labelWidth + perClass * (tw + gap) + gap;
    const int height = rows * (th + gap) + gap;
    // Guard against absurd sizes from odd datasets (very large images).
    if (qint64(width) * height > 64ll * 1024 * 1024) {
        sheetLabel_->setText(tr("Images too large for a thumbnail sheet."));
        return;
    }
    sheet_ = QImage(width, height, QImage::Format_RGB32);
    sheet_.fill(palette().color(QPalette::Base));
    QPainter painter(&sheet_);
    painter.setPen(palette().color(QPalette::Text));
    const std::vector<Index> counts = d->countsPerClass();
    for (int c = 0; c < rows; ++c) {
        const int y = gap + c * (th + gap);
        const QString caption = QString("%1\n%2 images").arg(classTitle(*d, c), number(qint64(counts[std::size_t(c)])));
        painter.drawText(QRect(gap, y, labelWidth - 2 * gap, th), Qt::AlignLeft | Qt::AlignVCenter, caption);
        int shown = 0;
        for (Index i = 0; i < d->size() && shown < perClass; ++i) {
            if (d->label(i) != c)
                continue;
            // QImage over the dataset's bytes (no copy), scaled by pixel replication.
            const QImage image(d->image(i), d->width(), d->height(), d->width(), QImage::Format_Grayscale8);
            painter.drawImage(QRect(labelWidth + shown * (tw + gap), y, tw, th), image);
            ++shown;
        }
        thumbnailCount_ += shown;
    }
    painter.end();
    sheetLabel_->setPixmap(QPixmap::fromImage(sheet_));
}
