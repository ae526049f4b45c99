#pragma once
// Loads datasets off the GUI thread: a JobRunner (the app's one job
// mechanism) with signals. load() queues a request and returns at once; the
// result comes back as a signal on the GUI thread.
//
// Latest wins: each load() gets a new ticket, and a result whose ticket is
// no longer the newest is dropped, so picking two datasets quickly shows the
// second. A read cannot be interrupted halfway (MNIST takes ~0.2 s), so a
// superseded read finishes in the background and is discarded.
//
// What is read: a known id ("mnist", "fashion-mnist"), an IDX folder or
// file, a .csv file (core/DatasetCatalog), or a folder of class subfolders
// of images (ImageFolderReader, resized to imageSize x imageSize).
#include "latentset/data/DatasetSplits.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class JobRunner;

using DatasetSplitsPtr = std::shared_ptr<const latentset::DatasetSplits>;
Q_DECLARE_METATYPE(DatasetSplitsPtr)

class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    // Waits for a read in progress to end.
    ~DatasetLoader() override;

    // GUI thread. Starts reading `pathOrId`; returns the request's ticket.
    // imageSize is used by image folders only.
    quint64 load(const QString& pathOrId, int imageSize = 28);
    bool busy() const;

signals:
    // The newest request succeeded. `seconds` is the reading time.
    void loaded(DatasetSplitsPtr splits, double seconds, const QString& pathOrId);
    // The newest request failed; `message` names the file and the fault.
    void failed(const QString& message, const QString& pathOrId);
    void busyChanged(bool busy);

private:
    JobRunner* runner_ = nullptr;
    QString latestPath_; // named in failed()
    quint64 latest_ = 0;
};
