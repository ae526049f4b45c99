#include "project/AutosaveFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace {

constexpr const char* kPrefix = "autosave-";
constexpr const char* kSuffix = ".lset";

} // namespace

AutosaveFile::AutosaveFile(const QString& folder)
{
    QDir().mkpath(folder);
    // A file of this pid may be a dead session's (pids are reused): never
    // write over it, it is what recoverable() offers.
    const QString base = QString("%1%2").arg(kPrefix).arg(QCoreApplication::applicationPid());
    path_ = QDir(folder).filePath(base + kSuffix);
    for (int n = 1; QFileInfo::exists(path_) || QFileInfo::exists(lockPathOf(path_)); ++n)
        path_ = QDir(folder).filePath(QString("%1-%2%3").arg(base).arg(n).arg(kSuffix));
    lock_ = std::make_unique<QLockFile>(lockPathOf(path_));
    lock_->setStaleLockTime(0); // held for hours: stale only when the holder is gone
    lock_->tryLock(0);          // a leftover from a dead process of the same pid is taken over
}

AutosaveFile::~AutosaveFile()
{
    QFile::remove(path_);
    lock_->unlock();
}

QString AutosaveFile::lockPathOf(const QString& autosavePath) { return autosavePath + ".lock"; }

bool AutosaveFile::isAutosave(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    return name.startsWith(kPrefix) && name.endsWith(kSuffix);
}

QStringList AutosaveFile::recoverable(const QString& folder)
{
    QFileInfoList files = QDir(folder).entryInfoList({QString(kPrefix) + "*" + kSuffix}, QDir::Files);
    std::sort(files.begin(), files.end(),
              [](const QFileInfo& a, const QFileInfo& b) { return a.lastModified() > b.lastModified(); });
    QStringList out;
    for (const QFileInfo& f : files) {
        QLockFile lock(lockPathOf(f.absoluteFilePath()));
        lock.setStaleLockTime(0);
        // Free (or stale: its process is gone) means no session owns it.
        if (lock.tryLock(0)) {
            lock.unlock();
            out << f.absoluteFilePath();
        }
    }
    return out;
}

void AutosaveFile::discard(const QString& path)
{
    QFile::remove(path);
    QFile::remove(lockPathOf(path));
}
