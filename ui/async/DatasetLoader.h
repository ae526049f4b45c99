#pragma once
// Loads datasets off the GUI thread. A DatasetLoader owns one worker QThread;
// load() queues a request and returns at once; the result comes back as a
// queued signal on the thread that owns the loader (the GUI thread).
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

class QThread;

using DatasetSplitsPtr = std::shared_ptr<const latentset::DatasetSplits>;
Q_DECLARE_METATYPE(DatasetSplitsPtr)

class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    // Quits the worker thread and waits for a read in progress to end.
    ~DatasetLoader() override;

    // GUI thread. Starts reading `pathOrId`; returns the request's ticket.
    // imageSize is used by image folders only.
    quint64 load(const QString& pathOrId, int imageSize = 28);
    bool busy() const { return pending_ > 0; }

signals:
    // The newest request succeeded. `seconds` is the reading time.
    void loaded(DatasetSplitsPtr splits, double seconds, const QString& pathOrId);
    // The newest request failed; `message` names the file and the fault.
    void failed(const QString& message, const QString& pathOrId);
    void busyChanged(bool busy);

private:
    void finish(quint64 ticket);

    QThread* thread_ = nullptr;
    QObject* worker_ = nullptr;  // context object living on thread_
    quint64 latest_ = 0;
    int pending_ = 0;
};
