// ProjectController's autosave and the recovery of an earlier session's
// autosave (docs/ui.md "Projects"): the autosave never writes the user's file.
#include "project/ProjectController.h"

#include "project/AutosaveFile.h"
#include "project/ProjectDialogs.h"
#include "session/Session.h"

#include <QFile>
#include <QMessageBox>

QString ProjectController::autosavePath() const { return autosaveFile_->path(); }

void ProjectController::autosave()
{
    if (!session_->classSet() && !session_->hasCubeWorld() && !session_->world())
        return;
    if (saveInProgress())
        return; // a save is writing the session right now
    autosaving_ = true; // errors go to the status bar, not a modal box
    saveProject(autosavePath()); // never the user's file
    autosaving_ = false;
}

void ProjectController::offerRecovery()
{
    if (recoverable_.isEmpty())
        return;
    const QString newest = recoverable_.first();
    switch (ProjectDialogs::askRecovery(window_, newest)) {
    case ProjectDialogs::Recovery::Recover:
        recoverAutosave(newest);
        break;
    case ProjectDialogs::Recovery::Discard:
        AutosaveFile::discard(newest);
        break;
    case ProjectDialogs::Recovery::Later:
        break;
    }
}

void ProjectController::recoverAutosave(const QString& path)
{
    // Moved, not copied, into this session's autosave: the recovered work
    // stays on disk until it is saved under a name, even through a crash.
    QFile::remove(autosavePath());
    if (!QFile::rename(path, autosavePath())) {
        QMessageBox::warning(window_, tr("Recover session"), tr("Cannot move %1 to %2.").arg(path, autosavePath()));
        return;
    }
    AutosaveFile::discard(path); // its lock
    recoverable_.removeAll(path);
    startOpenWorker(autosavePath(), [this] {
        emit statusMessage(tr("Recovered the autosaved session; File > Save As keeps it under a name."), 10000);
    });
}
