#include "async/DatasetLoader.h"

#include "async/JobRunner.h"
#include "image/ImageFolderReader.h"

#include "latentset/data/DatasetCatalog.h"
#include "latentset/util/Stopwatch.h"

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<DatasetSplitsPtr>();
    runner_ = new JobRunner(nullptr, this);
    connect(runner_, &JobRunner::busyChanged, this, &DatasetLoader::busyChanged);
    connect(runner_, &JobRunner::failed, this, [this](const QString& message) { emit failed(message, latestPath_); });
}

DatasetLoader::~DatasetLoader() = default;

bool DatasetLoader::busy() const
{
    return runner_->busy();
}

quint64 DatasetLoader::load(const QString& pathOrId, int imageSize)
{
    // Latest wins (JobRunner's policy): a request still waiting is replaced,
    // and the result of a read already under way is discarded.
    runner_->discardRunning();
    latestPath_ = pathOrId;
    runner_->submit([this, pathOrId, imageSize]() -> JobRunner::Continuation {
        latentset::Stopwatch clock;
        DatasetSplitsPtr splits = std::make_shared<latentset::DatasetSplits>(
            ImageFolderReader::isImageFolder(pathOrId) ? ImageFolderReader::read(pathOrId, imageSize)
                                                       : latentset::DatasetCatalog::load(pathOrId.toStdString()));
        const double seconds = clock.seconds();
        return [this, splits, seconds, pathOrId] { emit loaded(splits, seconds, pathOrId); };
    });
    return ++latest_;
}
