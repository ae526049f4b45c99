#pragma once
// Where this session's autosaves go: a file of LatentSet's own in the data
// folder (autosave-<pid>.lset), never a file the user named. A QLockFile held
// for the session's lifetime marks it as live; a clean exit removes both. An
// autosave whose lock is stale (its process died: a crash, a kill, a power
// cut) is what the next start offers to recover.
//
// GUI thread only; cheap (a few file-system calls).
#include <QDateTime>
#include <QLockFile>
#include <QString>
#include <QStringList>

#include <memory>

class AutosaveFile {
public:
    // Takes `folder`/autosave-<pid>.lset and locks it (creates the folder).
    explicit AutosaveFile(const QString& folder);
    // Clean end of the session: its autosave is not needed any more.
    ~AutosaveFile();
    AutosaveFile(const AutosaveFile&) = delete;
    AutosaveFile& operator=(const AutosaveFile&) = delete;

    QString path() const { return path_; }
    // True for this session's file and for any autosave file in the folder:
    // Save never records such a file as the user's project.
    static bool isAutosave(const QString& path);

    // Autosaves in `folder` left by sessions that did not end cleanly (their
    // lock is stale; live sessions' files are not listed), newest first.
    static QStringList recoverable(const QString& folder);
    // Removes an autosave and its lock (after it was recovered or declined).
    static void discard(const QString& path);

private:
    static QString lockPathOf(const QString& autosavePath);

    QString path_;
    std::unique_ptr<QLockFile> lock_;
};
