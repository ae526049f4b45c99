#pragma once
// The "dataset" view: pick a dataset, see what is in it.
//
// A row of controls (known datasets and recent ones, Open file / Open
// folder, which split to show, the size image folders are resized to), a
// table of counts per class for every split, and a sheet of sample
// thumbnails, one row per class (the first N images of that class in the
// shown split, in dataset order, so the sheet is the same every time).
//
// Reading happens on a DatasetLoader worker thread: the view stays
// responsive and carries the dynamic property "busy" while a read is on
// (MainWindow::waitUntilIdle and the tests wait on it). Errors show in the
// status line, in red, with the reader's message (which names the file).
// GUI thread only.
#include "async/DatasetLoader.h"

#include <QImage>
#include <QVector>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QTimer;
class QSpinBox;
class QSplitter;
class QTableWidget;

class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(QWidget* parent = nullptr);
    ~DatasetBrowser() override;

    // Starts reading a dataset (known id, IDX folder/file, CSV, image
    // folder); returns at once. A successful read is added to the recent list.
    void open(const QString& pathOrId);
    bool isBusy() const;
    // Ask for a file / a folder with a dialog, then open() it.
    void chooseFile();
    void chooseFolder();

    // The dataset shown, or null before the first successful read.
    DatasetSplitsPtr splits() const { return splits_; }
    QString source() const { return source_; }
    // "train", "validation" or "test": which split the thumbnails show.
    QString shownSplit() const;
    bool setShownSplit(const QString& split);
    // A fixed number of thumbnails per class; 0 (the default) fits as many
    // as the view is wide.
    void setThumbnailsPerClass(int count);
    int thumbnailsPerClass() const { return thumbnailsPerClass_; }
    // What is on screen, for tests and screenshots.
    int thumbnailCount() const { return thumbnailCount_; }
    QVector<qint64> shownCounts() const;
    QImage sheet() const { return sheet_; }
    QString statusText() const;

    // The recent-datasets list kept in QSettings (newest first, at most 8).
    static QStringList recentDatasets();
    static void addRecentDataset(const QString& pathOrId);

signals:
    void datasetLoaded(DatasetSplitsPtr splits);
    void loadFailed(const QString& message);
    void recentDatasetsChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // The constructor's parts: the controls row; the table and sheet (in splitter_).
    QHBoxLayout* buildControls();
    void buildTableAndSheet();
    int fittingThumbnails(int thumbnailWidth, int labelWidth, int gap) const;
    void onLoaded(DatasetSplitsPtr splits, double seconds, const QString& pathOrId);
    void onFailed(const QString& message, const QString& pathOrId);
    void rebuildPicker();
    void rebuildTable();
    void rebuildSheet();
    const latentset::Dataset* shownDataset() const;

    DatasetLoader* loader_ = nullptr;
    QComboBox* picker_ = nullptr;
    QComboBox* split_ = nullptr;
    QSpinBox* folderSize_ = nullptr;
    QPushButton* openFile_ = nullptr;
    QPushButton* openFolder_ = nullptr;
    QLabel* status_ = nullptr;
    QTableWidget* table_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QLabel* sheetLabel_ = nullptr;

    DatasetSplitsPtr splits_;
    QString source_;
    QImage sheet_;
    int thumbnailsPerClass_ = 0;
    QScrollArea* scroll_ = nullptr;
    QTimer* resizeTimer_ = nullptr;
    int thumbnailCount_ = 0;
};
