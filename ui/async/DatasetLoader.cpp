#include "async/DatasetLoader.h"

#include "image/ImageFolderReader.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Stopwatch.h"

#include <QThread>

#include <exception>

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<DatasetSplitsPtr>();
    thread_ = new QThread(this);
    thread_->setObjectName("DatasetLoader");
    worker_ = new QObject;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_->start();
}

DatasetLoader::~DatasetLoader()
{
    thread_->quit();
    thread_->wait();
}

quint64 DatasetLoader::load(const QString& pathOrId, int imageSize)
{
    const quint64 ticket = ++latest_;
    if (pending_++ == 0)
        emit busyChanged(true);
    // The lambda runs on the worker thread and only posts its outcome back to
    // the loader. The loader outlives the lambda: its destructor waits for
    // the thread, and a result posted while it is being destroyed is
    // dropped with its other pending events.
    QMetaObject::invokeMethod(worker_, [loader = this, ticket, pathOrId, imageSize] {
        DatasetSplitsPtr result;
        QString error;
        latentset::Stopwatch clock;
        try {
            auto splits = std::make_shared<latentset::DatasetSplits>(
                ImageFolderReader::isImageFolder(pathOrId) ? ImageFolderReader::read(pathOrId, imageSize)
                                                           : latentset::DatasetCatalog::load(pathOrId.toStdString()));
            result = std::move(splits);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        } catch (...) {
            error = pathOrId + ": unknown error while reading";
        }
        const double seconds = clock.seconds();
        QMetaObject::invokeMethod(loader, [loader, ticket, result, error, seconds, pathOrId] {
            if (ticket == loader->latest_) {
                if (result)
                    emit loader->loaded(result, seconds, pathOrId);
                else
                    emit loader->failed(error, pathOrId);
            }
            loader->finish(ticket);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
    return ticket;
}

void DatasetLoader::finish(quint64)
{
    if (--pending_ == 0)
        emit busyChanged(false);
}
